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

/* The bridge, searching upwards from @bus, whose memory window is @win. */
static struct pci_dev *window_owner(struct pci_bus *bus,
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

/* Program the window's base/limit from @c->new; check by reading back. */
static bool window_write(const struct window_change *c)
{
	int reg = window_reg(c->idx);
	u32 old, now;

	pci_read_config_dword(c->bridge, reg, &old);
	pci_write_config_dword(c->bridge, reg,
			       (old & ~WINDOW_REG_MASK) | window_word(&c->new));
	pci_read_config_dword(c->bridge, reg, &now);
	if ((now & WINDOW_REG_MASK) == window_word(&c->new))
		return true;
	pci_write_config_dword(c->bridge, reg, old);
	return false;
}

/* Set @win to [@start, @end] in the resource tree and the bridge. */
static int window_set(struct pci_dev *bridge, int idx, struct resource *win,
		      resource_size_t start, resource_size_t end, bool check)
{
	struct window_change c = { .bridge = bridge, .idx = idx, .win = win };
	struct resource want = *win;
	resource_size_t old_start = win->start, old_end = win->end;
	unsigned int i;

	want.start = start;
	want.end = end;
	pcibios_resource_to_bus(bridge->bus, &c.old, win);
	pcibios_resource_to_bus(bridge->bus, &c.new, &want);
	for (i = 0; check && i < ARRAY_SIZE(refuse_table); i++) {
		if (refuse_table[i].test(&c)) {
			pci_info(bridge, "bridge window %pR not grown: %s\n",
				 win, refuse_table[i].why);
			return -EPERM;
		}
	}
	if (adjust_resource(win, start, end - start + 1)) {
		pci_info(bridge, "bridge window %pR cannot take [mem %#llx-%#llx]\n",
			 win, (unsigned long long)start,
			 (unsigned long long)end);
		return -EBUSY;
	}
	if (!window_write(&c)) {
		pci_err(bridge, "bridge window [mem %#llx-%#llx]: write not taken, kept %pR\n",
			(unsigned long long)start, (unsigned long long)end,
			win);
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

	bridge = window_owner(bus, win, &idx);
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
	ret = window_set(bridge, idx, win, start, end, true);
	if (ret)
		return ret;
	log->n++;
	pci_info(bridge, "bridge window [mem %#llx-%#llx] grown to %pR for %s\n",
		 (unsigned long long)g->start, (unsigned long long)g->end, win,
		 pci_name(dev));
	return 0;
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
 * growing upstream windows as needed.  A failed attempt is undone.
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
	return -ENOSPC;
}

/**
 * realign_grow_undo() - shrink windows back, newest first
 * @log: the windows grown
 * @keep: how many of the oldest entries to keep
 *
 * The BARs placed in the grown space must have been moved back first.
 */
void realign_grow_undo(struct realign_grow_log *log, unsigned int keep)
{
	while (log->n > keep) {
		struct realign_grown *g = &log->e[--log->n];

		if (window_set(g->bridge, g->idx, g->win, g->start, g->end,
			       false))
			pci_err(g->bridge, "bridge window %pR: could not shrink back to [mem %#llx-%#llx]\n",
				g->win, (unsigned long long)g->start,
				(unsigned long long)g->end);
	}
}
