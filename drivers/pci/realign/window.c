// SPDX-License-Identifier: GPL-2.0
/*
 * Growing PCI-to-PCI bridge memory windows when a realigned BAR has no
 * aligned free block left in its window.
 *
 * A window only ever grows in place, by whole 1 MiB units, into address
 * space of its parent that no sibling uses; an upstream window that is
 * too small grows the same way first.  Nothing below the bridge moves
 * and the old range stays decoded throughout: the base and limit of a
 * memory window share one config dword, so the change is a single write
 * from the old window to a superset of it.  That is why this is safe
 * with drivers bound below the bridge.  The cases where it would not be
 * a single write (the upper half of a 64-bit prefetchable window
 * changing) or where the hardware and the kernel disagree are refused.
 */
#include <linux/pci.h>

#include "realign.h"

/**
 * struct window_change - one proposed window growth, for the rules
 * @bridge: the bridge
 * @idx: its resource index (PCI_BRIDGE_MEM_WINDOW or _PREF_MEM_WINDOW)
 * @win: the window as it is now
 * @old: bus addresses of the window now
 * @new: bus addresses of the grown window
 */
struct window_change {
	struct pci_dev *bridge;
	int idx;
	struct resource *win;
	struct pci_bus_region old, new;
};

static bool not_type1(const struct window_change *c)
{
	return c->bridge->hdr_type != PCI_HEADER_TYPE_BRIDGE;
}

static bool fixed_window(const struct window_change *c)
{
	return c->win->flags & IORESOURCE_PCI_FIXED;
}

static bool regs_disagree(const struct window_change *c)
{
	return !realign_window_regs_match(c->bridge, c->idx, &c->old);
}

/*
 * Also covers non-prefetchable windows, which are 32-bit only: theirs
 * would go from 0 to 1.
 */
static bool upper_changes(const struct window_change *c)
{
	return upper_32_bits(c->new.start) != upper_32_bits(c->old.start) ||
	       upper_32_bits(c->new.end) != upper_32_bits(c->old.end);
}

/* Reasons a window is left as it is, checked in order. */
static const struct {
	bool (*test)(const struct window_change *c);
	const char *why;
} refuse_table[] = {
	{ not_type1, "not a PCI-to-PCI bridge header" },
	{ fixed_window, "fixed window (Enhanced Allocation)" },
	{ regs_disagree, "base/limit registers do not match the kernel's window" },
	{ upper_changes, "it would cross a 4 GiB boundary" },
};

/**
 * realign_window_owner() - the bridge whose memory window @win is
 * @bus: the bus to start from; its bridge and those above are searched
 * @win: the window
 * @idx: the window's resource index in the bridge (out)
 *
 * Return: the bridge, or NULL if @win is not a PCI-to-PCI bridge's
 * memory window (a host bridge window, for instance).
 */
struct pci_dev *realign_window_owner(struct pci_bus *bus,
				     const struct resource *win, int *idx)
{
	for (; bus; bus = bus->parent) {
		struct pci_dev *bridge = bus->self;
		int i;

		if (!bridge)
			return NULL;
		for (i = PCI_BRIDGE_MEM_WINDOW; i <= PCI_BRIDGE_PREF_MEM_WINDOW;
		     i++) {
			if (&bridge->resource[i] == win) {
				*idx = i;
				return bridge;
			}
		}
	}
	return NULL;
}

/**
 * realign_window_refused() - why a window may not become [@start, @end]
 * @bridge: the bridge
 * @idx: the window's resource index in @bridge
 * @start: the window's new first byte
 * @end: the window's new last byte
 *
 * Return: NULL if it may, else a constant string saying why not.
 */
const char *realign_window_refused(struct pci_dev *bridge, int idx,
				   resource_size_t start, resource_size_t end)
{
	struct window_change c = {
		.bridge = bridge, .idx = idx, .win = &bridge->resource[idx],
	};
	struct resource want = *c.win;
	unsigned int i;

	want.start = start;
	want.end = end;
	pcibios_resource_to_bus(bridge->bus, &c.old, c.win);
	pcibios_resource_to_bus(bridge->bus, &c.new, &want);
	for (i = 0; i < ARRAY_SIZE(refuse_table); i++)
		if (refuse_table[i].test(&c))
			return refuse_table[i].why;
	return NULL;
}

/* Set window @idx to [@start, @end] in the resource tree and the bridge. */
static int window_set(struct pci_dev *bridge, int idx, resource_size_t start,
		      resource_size_t end, bool check)
{
	struct resource *win = &bridge->resource[idx];
	resource_size_t old_start = win->start, old_end = win->end;
	const char *why = check ?
		realign_window_refused(bridge, idx, start, end) : NULL;

	if (why) {
		pci_info(bridge, "bridge window %pR not changed: %s\n", win, why);
		return -EPERM;
	}
	if (adjust_resource(win, start, end - start + 1)) {
		pci_info(bridge, "bridge window %pR cannot take [mem %#llx-%#llx]\n",
			 win, (unsigned long long)start,
			 (unsigned long long)end);
		return -EBUSY;
	}
	if (!realign_window_write(bridge, idx)) {
		pci_err(bridge, "bridge window [mem %#llx-%#llx]: write not taken, kept [mem %#llx-%#llx]\n",
			(unsigned long long)start, (unsigned long long)end,
			(unsigned long long)old_start,
			(unsigned long long)old_end);
		adjust_resource(win, old_start, old_end - old_start + 1);
		return -EIO;
	}
	/* Decode of the bridge is untouched here: its saved state may follow. */
	realign_refresh_saved(bridge);
	return 0;
}

/* Grow @win (found from @bus upwards) to cover [@start, @end]. */
static int cover(struct pci_dev *dev, struct pci_bus *bus,
		 struct resource *win, resource_size_t start,
		 resource_size_t end, struct realign_grow_log *log)
{
	struct resource *parent = win->parent;
	struct pci_dev *bridge;
	struct realign_grown *g;
	int idx, ret;

	bridge = realign_window_owner(bus, win, &idx);
	if (!bridge) {
		pci_info(dev, "%pR is a host bridge window, which cannot grow\n",
			 win);
		return -ENOSPC;
	}
	switch (realign_plan_cover(win, start, end)) {
	case REALIGN_COVER_BLOCKED:
		pci_info(bridge, "bridge window %pR cannot grow to [mem %#llx-%#llx]: the space is in use\n",
			 win, (unsigned long long)start,
			 (unsigned long long)end);
		return -ENOSPC;
	case REALIGN_COVER_PARENT:
		ret = cover(dev, bridge->bus, parent, min(start, parent->start),
			    max(end, parent->end), log);
		if (ret)
			return ret;
		break;
	case REALIGN_COVER_FITS:
		break;
	}
	if (log->n == ARRAY_SIZE(log->e))
		return -E2BIG;
	g = &log->e[log->n];
	g->bridge = bridge;
	g->idx = idx;
	g->win = win;
	g->start = win->start;
	g->end = win->end;
	g->kind = REALIGN_STEP_GROW;	/* the slot may have held a move */
	g->below = NULL;
	ret = window_set(bridge, idx, start, end, true);
	if (ret)
		return ret;
	log->n++;
	pci_info(bridge, "bridge window [mem %#llx-%#llx] grown to %pR for %s\n",
		 (unsigned long long)g->start, (unsigned long long)g->end, win,
		 pci_name(dev));
	return 0;
}

/**
 * realign_grow_to() - grow a bridge window, and those above it, in place
 * @dev: the device being realigned (for messages)
 * @win: the window, one of the bridges' above @dev
 * @start: first byte it must cover
 * @end: last byte it must cover
 * @log: where each window grown is recorded, outermost first
 *
 * Return: 0 or a negative errno; entries already logged stay for undo.
 */
int realign_grow_to(struct pci_dev *dev, struct resource *win,
		    resource_size_t start, resource_size_t end,
		    struct realign_grow_log *log)
{
	return cover(dev, dev->bus, win, start, end, log);
}

/**
 * realign_window_shrink() - undo one growth logged by realign_grow_to()
 * @g: the log entry
 *
 * The BARs placed in the grown space must have been moved back first.
 */
void realign_window_shrink(struct realign_grown *g)
{
	if (window_set(g->bridge, g->idx, g->start, g->end, false))
		pci_err(g->bridge, "bridge window %pR: could not shrink back to [mem %#llx-%#llx]\n",
			g->win, (unsigned long long)g->start,
			(unsigned long long)g->end);
}
