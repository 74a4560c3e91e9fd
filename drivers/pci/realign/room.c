// SPDX-License-Identifier: GPL-2.0
/*
 * Making room for a BAR whose bridge window has no aligned free block:
 * the strategy over window.c (grow in place) and move.c (move the
 * window with everything below it), and the typed log that undoes
 * whatever either did, newest first.
 */
#include <linux/pci.h>

#include "realign.h"

/*
 * What a failed attempt tells the writer, most telling first: a bridge
 * register that did not take the address (EIO), a device below in use
 * (EBUSY: unbind it and retry), no memory.  Anything else (space taken,
 * a move the rules refuse, the undo log full) is "no room", ENOSPC; the
 * log line of the step says which.
 */
static const int telling_errs[] = { -EIO, -EBUSY, -ENOMEM };

/* The more telling of two failures. */
static int more_telling(int a, int b)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(telling_errs); i++)
		if (a == telling_errs[i] || b == telling_errs[i])
			return telling_errs[i];
	return -ENOSPC;
}

/*
 * No window grown in @dir fits: say so if the PCI core's bounds are what
 * stopped it (a window past them would have fitted), since nothing else
 * would tell the administrator.
 */
static void explain_bounds(struct pci_dev *dev, const struct resource *bar,
			   const struct resource *own_tail,
			   const struct realign_plan *plan,
			   enum realign_grow dir)
{
	struct realign_plan open = *plan;
	resource_size_t start, end;

	open.lo = 0;
	open.hi = ~(resource_size_t)0;
	if (!realign_plan_grow(bar->parent, bar, own_tail, &open, dir,
			       &start, &end))
		return;
	if (start < plan->lo)
		pci_info(dev, "%pR not grown down: the PCI core places nothing below %#llx\n",
			 bar->parent, (unsigned long long)plan->lo);
	else if (end > plan->hi)
		pci_info(dev, "%pR not grown up: the BAR decodes nothing above %#llx\n",
			 bar->parent, (unsigned long long)plan->hi);
}

/**
 * realign_make_room() - grow or move a BAR's bridge window so the BAR fits
 * @dev: the device being realigned
 * @bar: the BAR, a child of the window to grow
 * @own_tail: the BAR's earlier tail reservation, or NULL
 * @plan: the REALIGN_NO_ROOM plan for @bar
 * @log: where each step is recorded, outermost first
 *
 * Tries growing the window's limit up, then its base down, each time
 * growing upstream windows as needed, then moving the window elsewhere
 * in its parent.  A failed attempt is undone.
 * Caller holds realign_lock and @dev's device lock, and, except in the
 * bus notifier (whose callers may hold it already; it does not nest),
 * pci_lock_rescan_remove().  A moved window's devices are pinned and
 * locked by move.c either way.
 *
 * Return: 0 if a free aligned block now exists; else -EIO if a bridge
 * register did not take a new address, -EBUSY if a device below is in
 * use, -ENOMEM, or -ENOSPC (no room, whatever else stopped it).
 */
int realign_make_room(struct pci_dev *dev, struct resource *bar,
		      const struct resource *own_tail,
		      const struct realign_plan *plan,
		      struct realign_grow_log *log)
{
	static const enum realign_grow dirs[] = {
		REALIGN_GROW_UP, REALIGN_GROW_DOWN,
	};
	unsigned int i, mark = log->n;
	resource_size_t start, end;
	int ret, err = -ENOSPC;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		if (!realign_plan_grow(bar->parent, bar, own_tail, plan, dirs[i],
				       &start, &end)) {
			explain_bounds(dev, bar, own_tail, plan, dirs[i]);
			continue;
		}
		ret = realign_grow_to(dev, bar->parent, start, end, log);
		if (!ret)
			return 0;
		err = more_telling(err, ret);
		realign_room_undo(log, mark);
	}
	ret = realign_move_window(dev, bar, own_tail, plan, log);
	if (!ret)
		return 0;
	realign_room_undo(log, mark);
	return more_telling(err, ret);
}

/* How each kind of logged step is undone. */
static void (* const undo_step[])(struct realign_grown *g) = {
	[REALIGN_STEP_GROW] = realign_window_shrink,
	[REALIGN_STEP_MOVE] = realign_move_back,
};

/**
 * realign_room_undo() - undo logged steps, newest first
 * @log: the steps
 * @keep: how many of the oldest entries to keep
 *
 * The BARs placed in the new space must have been moved back first.
 * A window that moved goes back with everything below it.
 */
void realign_room_undo(struct realign_grow_log *log, unsigned int keep)
{
	while (log->n > keep) {
		struct realign_grown *g = &log->e[--log->n];

		undo_step[g->kind](g);
	}
}

/**
 * realign_room_done() - keep every logged step: release what they hold
 * @log: the steps; it is emptied
 *
 * A move holds the device locks of everything below its bridge until
 * the realigned device is done with, kept or undone.
 */
void realign_room_done(struct realign_grow_log *log)
{
	while (log->n) {
		struct realign_grown *g = &log->e[--log->n];

		if (g->kind == REALIGN_STEP_MOVE)
			realign_move_done(g);
	}
}
