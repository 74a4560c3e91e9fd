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

/* Low word of a memory base/limit register pair: bits 31:20 of base. */
#define WINDOW_REG_MASK	0xfff0fff0U

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

static int window_reg(int idx)
{
	return idx == PCI_BRIDGE_MEM_WINDOW ? PCI_MEMORY_BASE :
	       PCI_PREF_MEMORY_BASE;
}

static u32 window_word(const struct pci_bus_region *r)
{
	return ((lower_32_bits(r->start) >> 16) & 0xfff0) |
	       (lower_32_bits(r->end) & 0xfff00000);
}

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
	u32 now;

	pci_read_config_dword(c->bridge, window_reg(c->idx), &now);
	return (now & WINDOW_REG_MASK) != window_word(&c->old);
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

/**
 * realign_window_write() - program a bridge window from its resource
 * @bridge: the bridge
 * @idx: the window's resource index in @bridge
 *
 * Writes the base/limit dword and reads it back; if the bridge did not
 * take the value, the old one is written back.
 *
 * Return: true if the bridge now decodes the resource's range.
 */
bool realign_window_write(struct pci_dev *bridge, int idx)
{
	struct pci_bus_region r;
	int reg = window_reg(idx);
	u32 old, now;

	pcibios_resource_to_bus(bridge->bus, &r, &bridge->resource[idx]);
	pci_read_config_dword(bridge, reg, &old);
	pci_write_config_dword(bridge, reg,
			       (old & ~WINDOW_REG_MASK) | window_word(&r));
	pci_read_config_dword(bridge, reg, &now);
	if ((now & WINDOW_REG_MASK) == window_word(&r))
		return true;
	pci_write_config_dword(bridge, reg, old);
	return false;
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
	g->moved = false;	/* the slot may have held an undone move */
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
 * realign_grow_window() - grow a BAR's bridge window so the BAR fits
 * @dev: the device being realigned
 * @bar: the BAR, a child of the window to grow
 * @own_tail: the BAR's earlier tail reservation, or NULL
 * @plan: the REALIGN_NO_ROOM plan for @bar
 * @log: where each window grown is recorded, outermost first
 *
 * Tries growing the window's limit up, then its base down, each time
 * growing upstream windows as needed, then moving the window elsewhere
 * in its parent (move.c).  A failed attempt is undone.
 * Caller holds realign_lock and pci_lock_rescan_remove().
 *
 * Return: 0 if a free aligned block now exists, or a negative errno.
 */
int realign_grow_window(struct pci_dev *dev, struct resource *bar,
			const struct resource *own_tail,
			const struct realign_plan *plan,
			struct realign_grow_log *log)
{
	static const enum realign_grow dirs[] = {
		REALIGN_GROW_UP, REALIGN_GROW_DOWN,
	};
	unsigned int i, mark = log->n;
	resource_size_t start, end;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		if (!realign_plan_grow(bar->parent, bar, own_tail, plan, dirs[i],
				       &start, &end))
			continue;
		if (!cover(dev, dev->bus, bar->parent, start, end, log))
			return 0;
		realign_grow_undo(log, mark);
	}
	if (!realign_move_window(dev, bar, own_tail, plan, log))
		return 0;
	realign_grow_undo(log, mark);
	return -ENOSPC;
}

/**
 * realign_grow_undo() - shrink windows back, newest first
 * @log: the windows grown
 * @keep: how many of the oldest entries to keep
 *
 * The BARs placed in the grown space must have been moved back first.
 * A window that moved goes back with everything below it.
 */
void realign_grow_undo(struct realign_grow_log *log, unsigned int keep)
{
	while (log->n > keep) {
		struct realign_grown *g = &log->e[--log->n];

		if (g->moved)
			realign_move_back(g);
		else if (window_set(g->bridge, g->idx, g->start, g->end, false))
			pci_err(g->bridge, "bridge window %pR: could not shrink back to [mem %#llx-%#llx]\n",
				g->win, (unsigned long long)g->start,
				(unsigned long long)g->end);
	}
}
