// SPDX-License-Identifier: GPL-2.0
/*
 * Moving a full bridge window, with everything below it, to free space
 * elsewhere in its parent when it cannot grow where it is.
 *
 * Only when nothing below is in use: no driver bound to any device below
 * the bridge and no busy resource claimed inside the window, so no
 * mapping of an old address can exist.  Memory decode is off on the
 * bridge and every device below while the window and each BAR and
 * nested window inside it are shifted by one multiple of the window's
 * size rounded up to a power of two, which keeps every alignment; each
 * register is read back before decode is restored.
 */
#include <linux/pci.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "realign.h"

/**
 * struct realign_below - the bridge and the devices below it
 * @n: entries used
 * @max: entries allocated
 * @e: the devices (@e[0] is the bridge itself), each one's command
 *	register from before decode was turned off, whether this module
 *	holds its device lock and whether it holds a runtime PM reference
 *
 * The device locks are held from the check that no driver is bound
 * until the device being realigned is done with (moved for good, or
 * moved back), so that no driver can bind meanwhile and map an address
 * that is about to change.
 */
struct realign_below {
	unsigned int n, max;
	struct {
		struct pci_dev *dev;
		u16 cmd;
		bool locked, awake;
	} *e;
};

static int count_dev(struct pci_dev *dev, void *data)
{
	(*(unsigned int *)data)++;
	return 0;
}

static int add_dev(struct pci_dev *dev, void *data)
{
	struct realign_below *b = data;

	if (b->n == b->max)
		return 1;
	b->e[b->n++].dev = pci_dev_get(dev);
	return 0;
}

static struct realign_below *below_get(struct pci_dev *bridge)
{
	struct realign_below *b = kzalloc(sizeof(*b), GFP_KERNEL);
	unsigned int n = 1;

	if (!b)
		return NULL;
	pci_walk_bus(bridge->subordinate, count_dev, &n);
	b->e = kcalloc(n, sizeof(*b->e), GFP_KERNEL);
	if (!b->e) {
		kfree(b);
		return NULL;
	}
	b->max = n;
	b->e[b->n++].dev = pci_dev_get(bridge);
	pci_walk_bus(bridge->subordinate, add_dev, b);
	return b;
}

static void below_unlock(struct realign_below *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		if (b->e[i].awake)
			pm_runtime_put(&b->e[i].dev->dev);
		if (b->e[i].locked)
			device_unlock(&b->e[i].dev->dev);
		b->e[i].awake = false;
		b->e[i].locked = false;
	}
}

/*
 * Take the device lock of the bridge and of every device below, except
 * @held, whose lock the caller has.  Only tries: a lock held elsewhere
 * (a probe, a removal) means the devices are not idle, and waiting here,
 * below a child's lock, could deadlock.
 */
static bool below_lock(struct realign_below *b, struct pci_dev *held,
		       const struct resource *win)
{
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		struct pci_dev *d = b->e[i].dev;

		if (d == held)
			continue;
		if (!device_trylock(&d->dev)) {
			pci_info(b->e[0].dev, "bridge window %pR not moved: %s is being probed or removed\n",
				 win, pci_name(d));
			below_unlock(b);
			return false;
		}
		b->e[i].locked = true;
	}
	/* Resumed from runtime suspend while the registers change. */
	for (i = 0; i < b->n; i++) {
		if (realign_resume(b->e[i].dev)) {
			below_unlock(b);
			return false;
		}
		b->e[i].awake = true;
	}
	return true;
}

static void below_put(struct realign_below *b)
{
	unsigned int i;

	if (!b)
		return;
	below_unlock(b);
	for (i = 0; i < b->n; i++)
		pci_dev_put(b->e[i].dev);
	kfree(b->e);
	kfree(b);
}

static void decode_off(struct realign_below *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		pci_read_config_word(b->e[i].dev, PCI_COMMAND, &b->e[i].cmd);
		if (b->e[i].cmd & PCI_COMMAND_MEMORY)
			pci_write_config_word(b->e[i].dev, PCI_COMMAND,
					      b->e[i].cmd & ~PCI_COMMAND_MEMORY);
	}
}

/* Restore decode innermost first, the bridge last. */
static void decode_restore(struct realign_below *b)
{
	unsigned int i = b->n;

	while (i--)
		pci_write_config_word(b->e[i].dev, PCI_COMMAND, b->e[i].cmd);
}

static bool in_tree(const struct resource *r, const struct resource *top)
{
	for (; r; r = r->parent)
		if (r == top)
			return true;
	return false;
}

static bool busy_below(const struct resource *r)
{
	for (r = r->child; r; r = r->sibling)
		if ((r->flags & IORESOURCE_BUSY) || busy_below(r))
			return true;
	return false;
}

static void shift_tree(struct resource *r, resource_size_t delta)
{
	struct resource *c;

	r->start += delta;
	r->end += delta;
	for (c = r->child; c; c = c->sibling)
		shift_tree(c, delta);
}

/* Registers this module can rewrite: BARs, ROM, PCI-to-PCI memory windows. */
static bool programmable(const struct pci_dev *d, int r)
{
	return r <= PCI_ROM_RESOURCE ||
	       (d->hdr_type == PCI_HEADER_TYPE_BRIDGE &&
		(r == PCI_BRIDGE_MEM_WINDOW || r == PCI_BRIDGE_PREF_MEM_WINDOW));
}

/* Write every BAR and nested window that lies in @win; read each back. */
static bool program_below(struct realign_below *b, const struct resource *win)
{
	unsigned int i;
	int r;

	for (i = 1; i < b->n; i++) {
		struct pci_dev *d = b->e[i].dev;

		for (r = 0; r < PCI_NUM_RESOURCES; r++) {
			if (!in_tree(&d->resource[r], win))
				continue;
			if (r <= PCI_ROM_RESOURCE ?
			    !realign_write_bar(d, r, &d->resource[r]) :
			    !realign_window_write(d, r))
				return false;
		}
	}
	return true;
}

/* Move window @idx of @bridge, and all below it, to start at @to. */
static int shift_window(struct pci_dev *bridge, int idx, resource_size_t to,
			struct realign_below *b)
{
	struct resource *win = &bridge->resource[idx];
	struct resource *parent = win->parent;
	resource_size_t from = win->start;

	release_resource(win);
	shift_tree(win, to - from);
	if (request_resource(parent, win)) {
		shift_tree(win, from - to);
		if (request_resource(parent, win))
			pci_err(bridge, "bridge window %pR lost from %pR\n", win,
				parent);
		return -EBUSY;
	}
	if (program_below(b, win) && realign_window_write(bridge, idx))
		return 0;
	return -EIO;
}

/* Move the window to @to with decode off; on failure put it back. */
static int move_to(struct pci_dev *bridge, int idx, resource_size_t to,
		   struct realign_below *b)
{
	resource_size_t from = bridge->resource[idx].start;
	unsigned int i;
	int ret;

	/* Any device below with resource files leads to the mappings. */
	for (i = 0; i < b->n; i++)
		if (realign_revoke_mappings(b->e[i].dev, &bridge->resource[idx]))
			break;
	decode_off(b);
	ret = shift_window(bridge, idx, to, b);
	if (ret == -EIO && shift_window(bridge, idx, from, b))
		pci_err(bridge, "bridge window %pR: could not restore the old registers\n",
			&bridge->resource[idx]);
	decode_restore(b);
	for (i = 0; i < b->n; i++)
		realign_refresh_saved(b->e[i].dev);
	return ret;
}

/**
 * struct unmovable - what unmovable_below() found
 * @win: the window to be moved
 * @dev: a device below with a resource in @win it cannot reprogram
 * @resno: that resource's index
 */
struct unmovable {
	const struct resource *win;
	struct pci_dev *dev;
	int resno;
};

static int find_unmovable(struct pci_dev *dev, void *data)
{
	struct unmovable *u = data;
	int r;

	for (r = 0; r < PCI_NUM_RESOURCES; r++) {
		if (in_tree(&dev->resource[r], u->win) && !programmable(dev, r)) {
			u->dev = dev;
			u->resno = r;
			return 1;
		}
	}
	return 0;
}

/* An SR-IOV BAR or CardBus window below: registers this module does not write. */
static bool unmovable_below(struct pci_dev *bridge, const struct resource *win,
			    const struct realign_below *b)
{
	struct unmovable u = { .win = win };

	pci_walk_bus(bridge->subordinate, find_unmovable, &u);
	if (u.dev)
		pci_info(bridge, "bridge window %pR not moved: resource %d of %s (%pR) cannot be reprogrammed\n",
			 win, u.resno, pci_name(u.dev),
			 &u.dev->resource[u.resno]);
	return u.dev;
}

/* Read under each device's lock (below_lock()), so no probe can race. */
static bool driver_below(struct pci_dev *bridge, const struct resource *win,
			 const struct realign_below *b)
{
	const char *why;
	unsigned int i;

	for (i = 1; i < b->n; i++) {
		why = realign_below_busy(b->e[i].dev);
		if (why) {
			pci_info(bridge, "bridge window %pR not moved: %s below %s\n",
				 win, pci_name(b->e[i].dev), why);
			return true;
		}
	}
	return false;
}

static bool claimed_below(struct pci_dev *bridge, const struct resource *win,
			  const struct realign_below *b)
{
	if (!busy_below(win))
		return false;
	pci_info(bridge, "bridge window %pR not moved: a region below is claimed\n",
		 win);
	return true;
}

/*
 * Reasons a window may not move, checked in order (each logs its own),
 * and what the writer is told: EBUSY for what an unbind or a release
 * can end, ENOSPC ("no room") for what it cannot.
 */
static const struct {
	bool (*refuses)(struct pci_dev *bridge, const struct resource *win,
			const struct realign_below *b);
	int err;
} move_refusals[] = {
	{ driver_below, -EBUSY },
	{ claimed_below, -EBUSY },
	{ unmovable_below, -ENOSPC },
};

/**
 * realign_move_window() - move a BAR's bridge window to where it can grow
 * @dev: the device being realigned
 * @bar: the BAR, a child of the window
 * @own_tail: the BAR's earlier tail reservation, or NULL
 * @plan: the REALIGN_NO_ROOM plan for @bar
 * @log: where the move and the growth after it are recorded
 *
 * For a window that cannot grow in place: finds the lowest free place in
 * its parent for the window grown by what @plan needs, moves it there
 * with everything below, then grows it.  Refused while anything below is
 * in use.  The device lock of the bridge and of every device below is
 * held from the check on, until realign_move_done() or
 * realign_move_back(), and each of them is pinned with a reference.
 * Caller holds realign_lock and @dev's device lock (see realign_make_room()).
 *
 * Return: 0 if a free aligned block now exists, or a negative errno.
 */
int realign_move_window(struct pci_dev *dev, struct resource *bar,
			const struct resource *own_tail,
			const struct realign_plan *plan,
			struct realign_grow_log *log)
{
	struct resource *win = bar->parent;
	resource_size_t from = win->start, end = win->end;
	resource_size_t s, e, size, align, to;
	struct realign_below *b;
	struct realign_grown *g;
	struct pci_dev *bridge;
	const char *why;
	unsigned int i;
	int idx, ret;

	bridge = realign_window_owner(dev->bus, win, &idx);
	if (!bridge || !realign_plan_grow(win, bar, own_tail, plan,
					  REALIGN_GROW_UP, &s, &e))
		return -ENOSPC;
	size = e - s + 1;
	align = max_t(resource_size_t, realign_pow2_ceil(size), plan->align);
	if (!realign_plan_move(win, plan, size, align, &to)) {
		pci_info(bridge, "bridge window %pR not moved: no free %#llx bytes in %pR\n",
			 win, (unsigned long long)size, win->parent);
		return -ENOSPC;
	}
	why = realign_window_refused(bridge, idx, to, to + size - 1);
	if (why) {
		pci_info(bridge, "bridge window %pR not moved: %s\n", win, why);
		return -EPERM;
	}
	if (log->n == ARRAY_SIZE(log->e))
		return -E2BIG;
	b = below_get(bridge);
	if (!b)
		return -ENOMEM;
	ret = -EBUSY;
	if (!below_lock(b, dev, win))
		goto drop;
	for (i = 0; i < ARRAY_SIZE(move_refusals); i++) {
		if (move_refusals[i].refuses(bridge, win, b)) {
			ret = move_refusals[i].err;
			goto drop;
		}
	}
	ret = move_to(bridge, idx, to, b);
	if (ret) {
		pci_err(bridge, "bridge window %pR: move to %pa failed (%d)\n",
			win, &to, ret);
		goto drop;
	}
	g = &log->e[log->n++];
	g->below = b;
	g->bridge = bridge;
	g->idx = idx;
	g->win = win;
	g->start = from;
	g->end = end;
	g->kind = REALIGN_STEP_MOVE;
	pci_info(bridge, "bridge window [mem %#llx-%#llx] moved to %pR with everything below it, for %s\n",
		 (unsigned long long)from, (unsigned long long)end, win,
		 pci_name(dev));
	return realign_grow_to(dev, win, to, to + size - 1, log);
drop:
	below_put(b);
	return ret;
}

/**
 * realign_move_back() - undo realign_move_window()'s move
 * @g: the log entry of the move
 *
 * The window must have its old size again (its growth undone first).
 * Releases the devices below, as realign_move_done() does.
 */
void realign_move_back(struct realign_grown *g)
{
	if (move_to(g->bridge, g->idx, g->start, g->below))
		pci_err(g->bridge, "bridge window %pR: could not move back to %#llx\n",
			g->win, (unsigned long long)g->start);
	realign_move_done(g);
}

/**
 * realign_move_done() - the move of @g stays: release the devices below
 * @g: the log entry of the move
 */
void realign_move_done(struct realign_grown *g)
{
	below_put(g->below);
	g->below = NULL;
}
