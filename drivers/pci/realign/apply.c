// SPDX-License-Identifier: GPL-2.0
/*
 * Moving BARs and reserving page tails with the PCI core's resource APIs.
 *
 * One device at a time, under realign_lock and the device lock, resumed
 * from runtime suspend: memory decode off, each MMIO BAR planned by
 * plan.c, released, requested again at the planned address, its tail
 * claimed by a named resource, the BAR register written and read back;
 * decode restored.  Any failure undoes every step taken for the device,
 * newest first, so it is left as it was; only an old tail whose range
 * something else claimed meanwhile cannot come back, and is dropped.
 * A BAR with no aligned free block left in its bridge window first has
 * the window grown or moved (room.c).
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pci_realign.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#include "realign.h"

/**
 * struct realign_tail - a page tail this module reserved
 * @node: entry in the tails list
 * @dev: the device whose BAR precedes the tail (a reference is held)
 * @resno: the BAR number
 * @res: the reservation, a child of the BAR's window in /proc/iomem
 * @name: the reservation's name
 */
struct realign_tail {
	struct list_head node;
	struct pci_dev *dev;
	int resno;
	struct resource res;
	char name[40];
};

/* Serializes the selection, realignments and the tail list. */
DEFINE_MUTEX(realign_lock);

static LIST_HEAD(tails);

/*
 * The device's command register, and whether its memory decode was
 * turned off for a BAR register write (decode_off()).
 */
struct realign_decode {
	u16 cmd;
	bool off;
};

/*
 * Memory decode goes off just before the first BAR register is written,
 * never otherwise: a device whose BARs stay (a tail reserved, the same
 * list written again) keeps decoding, and a selected bridge keeps
 * forwarding to the devices below it.
 */
static void decode_off(struct pci_dev *dev, struct realign_decode *d)
{
	if (d->off || !(d->cmd & PCI_COMMAND_MEMORY))
		return;
	pci_write_config_word(dev, PCI_COMMAND, d->cmd & ~PCI_COMMAND_MEMORY);
	d->off = true;
}

/* What to undo for one BAR if a later step fails. */
struct bar_undo {
	resource_size_t start, end;
	bool moved;
	struct realign_tail *old_tail, *new_tail;
	struct realign_grow_log grown;
};

static bool is_vf(struct pci_dev *dev, bool runtime)
{
	return dev->is_virtfn;
}

static bool is_host_bridge(struct pci_dev *dev, bool runtime)
{
	return (dev->class >> 8) == PCI_CLASS_BRIDGE_HOST;
}

/* pci=probeonly: the core itself keeps the firmware's assignment. */
static bool probe_only(struct pci_dev *dev, bool runtime)
{
	return pci_has_flag(PCI_PROBE_ONLY);
}

/* The firmware asked for its configuration to stay (ACPI _DSM #5). */
static bool host_preserves_config(struct pci_dev *dev, bool runtime)
{
	return pci_find_host_bridge(dev->bus)->preserve_config;
}

static bool has_driver(struct pci_dev *dev, bool runtime)
{
	return runtime && dev->dev.driver;
}

static bool enabled_driverless(struct pci_dev *dev, bool runtime)
{
	return runtime && realign_enabled_driverless(dev);
}

/* Device-level reasons to leave a device alone, checked in order. */
static const struct {
	bool (*test)(struct pci_dev *dev, bool runtime);
	int err;
	const char *why;
} skip_table[] = {
	{ is_vf, -EOPNOTSUPP,
	  "virtual function: its BARs belong to the PF's SR-IOV capability" },
	{ is_host_bridge, -EOPNOTSUPP,
	  "host bridge: its resources cannot be reassigned" },
	{ probe_only, -EOPNOTSUPP,
	  "pci=probeonly: the firmware's assignment is kept" },
	{ host_preserves_config, -EOPNOTSUPP,
	  "its host bridge's firmware asks to preserve its configuration" },
	{ has_driver, -EBUSY, "a driver is bound: unbind it first" },
	{ enabled_driverless, -EBUSY,
	  "enabled with no driver (its sysfs enable file): disable it first" },
};

/* Off the list, references dropped; @t's resource is out of the tree. */
static void tail_forget(struct realign_tail *t)
{
	list_del(&t->node);
	pci_dev_put(t->dev);
	kfree(t);
}

/*
 * The PCI core may release a bridge window itself (a hotplug driver's
 * second try, the root bus's realloc): release_child_resources() then
 * detaches our tail and clears its parent.  Such a tail reserves nothing
 * and must never be released again; it is forgotten when next looked up,
 * and the next realignment of the BAR reserves a new one.
 */
static struct realign_tail *find_tail(struct pci_dev *dev, int resno)
{
	struct realign_tail *t, *n;

	list_for_each_entry_safe(t, n, &tails, node) {
		if (t->dev != dev || t->resno != resno)
			continue;
		if (t->res.parent)
			return t;
		pci_warn(dev, "BAR %d: the PCI core released the window of its page tail, which is no longer reserved\n",
			 resno);
		tail_forget(t);
		break;
	}
	return NULL;
}

/**
 * realign_has_tail() - whether this module reserved the tail of a BAR
 * @dev: the device
 * @resno: the BAR number
 *
 * Return: true if a tail reservation exists.  Caller holds realign_lock.
 */
bool realign_has_tail(struct pci_dev *dev, int resno)
{
	return find_tail(dev, resno);
}

static struct realign_tail *tail_add(struct pci_dev *dev, int resno,
				     struct resource *win,
				     const struct realign_plan *plan)
{
	struct realign_tail *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	snprintf(t->name, sizeof(t->name), "pci-realign %s BAR %d tail",
		 pci_name(dev), resno);
	t->res.name = t->name;
	t->res.start = plan->tail_start;
	t->res.end = plan->tail_start + plan->tail_len - 1;
	t->res.flags = IORESOURCE_MEM;
	if (request_resource(win, &t->res)) {
		kfree(t);
		return NULL;
	}
	t->dev = pci_dev_get(dev);
	t->resno = resno;
	list_add_tail(&t->node, &tails);
	return t;
}

static void tail_del(struct realign_tail *t)
{
	if (t->res.parent)	/* else the core released it (find_tail()) */
		release_resource(&t->res);
	tail_forget(t);
}

/* Whether the BAR's tail (or its absence) is what @plan asks for. */
static bool tail_fits(const struct realign_tail *t,
		      const struct realign_plan *plan)
{
	if (!t)
		return !plan->tail_len;
	return plan->tail_len && t->res.start == plan->tail_start &&
	       resource_size(&t->res) == plan->tail_len;
}

/* Take @t (if any) out of the tree and the list, kept in @u for undo. */
static void tail_unlink(struct realign_tail *t, struct bar_undo *u)
{
	if (!t)
		return;
	release_resource(&t->res);
	list_del(&t->node);
	u->old_tail = t;
}

/*
 * Re-insert a tail released earlier (rollback only).  If its range was
 * taken meanwhile the tail is dropped: a tail kept without a parent
 * would be released twice.
 */
static void tail_restore(struct realign_tail *t, struct resource *win)
{
	if (!request_resource(win, &t->res)) {
		list_add_tail(&t->node, &tails);
		return;
	}
	pci_err(t->dev, "BAR %d: %pR was taken meanwhile, the page tail is no longer reserved\n",
		t->resno, &t->res);
	pci_dev_put(t->dev);
	kfree(t);
}

/* Move one BAR to plan->start; on failure the BAR is back where it was. */
static int move_bar(struct pci_dev *dev, int resno, struct resource *win,
		    const struct realign_plan *plan, struct bar_undo *u,
		    struct realign_decode *dec)
{
	struct resource *res = &dev->resource[resno];
	/* Where it is now: u->start and u->end, set by the caller. */
	struct resource old = DEFINE_RES_MEM(u->start, u->end - u->start + 1);

	release_resource(res);
	res->start = plan->start;
	res->end = plan->start + plan->size - 1;
	if (request_resource(win, res)) {
		res->start = u->start;
		res->end = u->end;
		if (request_resource(win, res))
			pci_err(dev, "BAR %d: could not restore %pR\n", resno,
				res);
		return -EBUSY;
	}
	u->moved = true;
	realign_revoke_mappings(dev, &old);
	decode_off(dev, dec);
	if (!realign_write_bar(dev, resno, res))
		return -EIO;
	return 0;
}

static void undo_bar(struct pci_dev *dev, int resno, struct resource *win,
		     struct bar_undo *u)
{
	struct resource *res = &dev->resource[resno];

	if (u->new_tail)
		tail_del(u->new_tail);
	if (u->moved) {
		release_resource(res);
		res->start = u->start;
		res->end = u->end;
		if (request_resource(win, res))
			pci_err(dev, "BAR %d: could not restore %pR\n", resno,
				res);
		realign_write_bar(dev, resno, res);
	}
	if (u->old_tail)
		tail_restore(u->old_tail, win);
	realign_room_undo(&u->grown, 0);
}

static int realign_bar(struct pci_dev *dev, int resno, unsigned int order,
		       struct bar_undo *u, struct realign_decode *dec)
{
	struct resource *res = &dev->resource[resno];
	struct resource *win = res->parent;
	struct realign_tail *own = find_tail(dev, resno);
	struct resource *own_res = own ? &own->res : NULL;
	struct realign_bounds bounds = {};
	struct realign_plan plan;
	int ret, no_room = -ENOSPC;

	if (resno == PCI_ROM_RESOURCE && (res->flags & IORESOURCE_ROM_SHADOW))
		return 0;
	if (win)
		realign_bounds_of(dev, win, &bounds);
	realign_plan_bar(res, win, own_res, order, &bounds, &plan);
	if (plan.action == REALIGN_NO_ROOM) {
		no_room = realign_make_room(dev, res, own_res, &plan, &u->grown);
		if (!no_room)
			realign_plan_bar(res, win, own_res, order, &bounds,
					 &plan);
	}
	/*
	 * Where the BAR is once its window grew or moved (a move takes it
	 * along): undo puts it back here, then undoes the window.
	 */
	u->start = res->start;
	u->end = res->end;
	switch (plan.action) {
	case REALIGN_SKIP_EMPTY:
		return 0;
	case REALIGN_NO_ROOM:
		ret = no_room ?: -ENOSPC;	/* room made, still none: ENOSPC */
		pci_err(dev, "BAR %d %pR: %s %pR (%d), leaving the device unchanged\n",
			resno, res, realign_action_name(plan.action), win, ret);
		return ret;
	case REALIGN_KEEP:
		if (tail_fits(own, &plan)) {
			pci_info(dev, "BAR %d %pR: %s\n", resno, res,
				 realign_action_name(plan.action));
			return 0;
		}
		/* Another order: the old tail gives way to the new one. */
		tail_unlink(own, u);
		break;
	case REALIGN_MOVE:
		if (res->child) {
			pci_err(dev, "BAR %d %pR is in use, not moved\n", resno,
				res);
			return -EBUSY;
		}
		tail_unlink(own, u);
		ret = move_bar(dev, resno, win, &plan, u, dec);
		if (ret) {
			pci_err(dev, "BAR %d: move to %pa failed (%d)\n",
				resno, &plan.start, ret);
			return ret;
		}
		break;
	default:
		pci_info(dev, "BAR %d %pR: skipped, %s\n", resno, res,
			 realign_action_name(plan.action));
		return 0;
	}
	if (plan.tail_len) {
		u->new_tail = tail_add(dev, resno, win, &plan);
		if (!u->new_tail) {
			pci_err(dev, "BAR %d: cannot reserve the page tail\n",
				resno);
			return -EBUSY;
		}
	}
	if (u->moved)
		pci_info(dev, "BAR %d [mem %#llx-%#llx] moved to %pR, tail %s\n",
			 resno, (unsigned long long)u->start,
			 (unsigned long long)u->end, res,
			 plan.tail_len ? "reserved" : "none (BAR fills its pages)");
	else
		pci_info(dev, "BAR %d %pR kept, page tail %s\n", resno, res,
			 plan.tail_len ? "reserved" : "released (BAR fills its pages)");
	return 0;
}

/**
 * realign_skip_reason() - why a device is left alone, if it is
 * @dev: the device
 * @runtime: true after boot, when a bound driver rules a device out
 *
 * Return: NULL if the device may be realigned, else a constant string.
 */
const char *realign_skip_reason(struct pci_dev *dev, bool runtime)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(skip_table); i++)
		if (skip_table[i].test(dev, runtime))
			return skip_table[i].why;
	return NULL;
}

/* 0 if the device may be realigned, else the errno of its skip reason. */
static int skip_device(struct pci_dev *dev, bool runtime)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(skip_table); i++) {
		if (skip_table[i].test(dev, runtime)) {
			pci_info(dev, "not realigned: %s\n", skip_table[i].why);
			return skip_table[i].err;
		}
	}
	return 0;
}

/**
 * realign_device_held() - realign_device() with the device lock held
 * @dev: the device; the caller holds its device lock
 * @order: log2 of the granule
 * @runtime: true after boot; devices with a bound driver are refused
 *
 * For the driver core's bind notification, which holds the lock.
 * Caller holds realign_lock.
 *
 * Return: as realign_device().
 */
int realign_device_held(struct pci_dev *dev, unsigned int order, bool runtime)
{
	struct realign_decode dec = {};
	struct bar_undo *undo;
	int resno, ret;

	ret = skip_device(dev, runtime);
	if (ret)
		return ret;
	/* With a log of grown windows per BAR this is too big for the stack. */
	undo = kcalloc(PCI_ROM_RESOURCE + 1, sizeof(*undo), GFP_KERNEL);
	if (!undo)
		return -ENOMEM;
	ret = realign_resume(dev);
	if (ret)
		goto out;
	pci_read_config_word(dev, PCI_COMMAND, &dec.cmd);
	for (resno = 0; resno <= PCI_ROM_RESOURCE && !ret; resno++)
		ret = realign_bar(dev, resno, order, &undo[resno], &dec);
	if (ret) {
		while (--resno >= 0)
			undo_bar(dev, resno, dev->resource[resno].parent,
				 &undo[resno]);
	} else {
		for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++)
			if (undo[resno].old_tail) {
				pci_dev_put(undo[resno].old_tail->dev);
				kfree(undo[resno].old_tail);
			}
	}
	for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++)
		realign_room_done(&undo[resno].grown);
	if (dec.off)
		pci_write_config_word(dev, PCI_COMMAND, dec.cmd);
	realign_refresh_saved(dev);
	pm_runtime_put(&dev->dev);
out:
	kfree(undo);
	return ret;
}

/**
 * realign_device() - page-align every MMIO BAR of one device
 * @dev: the device
 * @order: log2 of the granule
 * @runtime: true after boot; devices with a bound driver are refused
 *
 * Caller holds realign_lock.  Idempotent: a device realigned before is
 * left as it is.  On failure every BAR is put back and decode restored.
 * The device lock is only tried: whoever holds it (a driver probing or
 * unbinding, a PF adding its VFs) may be waiting for realign_lock or
 * the rescan lock, which the caller holds.
 *
 * Return: 0, -EBUSY (a driver is bound at run time, the device is
 * locked by a probe or an unbind under way, or a BAR is in use),
 * -EOPNOTSUPP (a virtual function or host bridge), -ENOSPC (no room even
 * after growing or moving the bridge window), -EIO (a register did not
 * take the new address) or -ENOMEM.
 */
int realign_device(struct pci_dev *dev, unsigned int order, bool runtime)
{
	int ret;

	if (!device_trylock(&dev->dev)) {
		pci_info(dev, "not realigned: its driver is being bound or unbound; write the list again later\n");
		return -EBUSY;
	}
	ret = realign_device_held(dev, order, runtime);
	device_unlock(&dev->dev);
	return ret;
}

/* Whether @r lies inside one of @dev's resources (a bridge's windows). */
static bool below_dev(const struct resource *r, struct pci_dev *dev)
{
	const struct resource *p;
	int i;

	for (p = r->parent; p; p = p->parent)
		for (i = 0; i < PCI_NUM_RESOURCES; i++)
			if (p == &dev->resource[i])
				return true;
	return false;
}

/*
 * An assigned MMIO BAR whose pages hold bytes it does not decode needs
 * a tail (a ROM the BIOS shadowed in RAM is not in a PCI window).
 */
static bool needs_tail(struct pci_dev *dev, int resno)
{
	const struct resource *res = &dev->resource[resno];

	return realign_bar_audited(dev, resno) &&
	       !(res->flags & IORESOURCE_ROM_SHADOW) &&
	       ((res->start | (res->end + 1)) & ~PAGE_MASK);
}

/**
 * realign_pages_reserved() - whether nothing can be placed in a device's pages
 * @dev: the device
 *
 * Every MMIO BAR (or ROM) of @dev either fills its pages or starts on a
 * page boundary with the rest of its last page reserved as its tail.
 * Caller holds realign_lock.
 *
 * Return: true if so; false if a BAR's page has room this module does
 * not hold, where the PCI core could place a device added later.
 */
bool realign_pages_reserved(struct pci_dev *dev)
{
	const struct resource *res;
	int resno;

	for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++) {
		res = &dev->resource[resno];
		if (!needs_tail(dev, resno))
			continue;
		if ((res->start & ~PAGE_MASK) || !find_tail(dev, resno))
			return false;
	}
	return true;
}

/*
 * The tail one BAR left where it is needs at page order: 0 if it has
 * one or needs none (*@t stays NULL), or the new tail in *@t; -EBUSY if
 * the BAR does not start a page or its page holds anything else.
 */
static int tail_in_place(struct pci_dev *dev, int resno,
			 struct realign_tail **t)
{
	struct resource *res = &dev->resource[resno];
	struct realign_bounds bounds;
	struct realign_plan plan;

	if (!needs_tail(dev, resno) || find_tail(dev, resno))
		return 0;
	realign_bounds_of(dev, res->parent, &bounds);
	realign_plan_bar(res, res->parent, NULL, PAGE_SHIFT, &bounds, &plan);
	if (plan.action != REALIGN_KEEP) {
		pci_info(dev, "BAR %d %pR: page tail not reserved: %s\n", resno,
			 res, res->start & ~PAGE_MASK ?
			 "the BAR does not start a page" :
			 "its page holds another resource");
		return -EBUSY;
	}
	*t = tail_add(dev, resno, res->parent, &plan);
	if (!*t) {
		pci_info(dev, "BAR %d %pR: page tail not reserved: its range could not be claimed\n",
			 resno, res);
		return -EBUSY;
	}
	pci_info(dev, "BAR %d %pR kept, page tail reserved\n", resno, res);
	return 0;
}

/**
 * pci_realign_reserve_tails() - reserve the page tails of a device in place
 * @dev: a device a pass-through driver is seizing; the caller holds its
 *	device lock (a probe does)
 *
 * Nothing moves and no register is touched: each MMIO BAR (or ROM) that
 * starts on a page and shares its last page with nothing gets the rest
 * of that page reserved, as a realignment in place would, so the PCI
 * core cannot place a device added later in it while a guest maps the
 * page.  Tails stay until the device is removed or realigned again.
 * Takes realign_lock.
 *
 * Return: 0 if every BAR now fills its pages or has its tail; -EBUSY if
 * a BAR does not start a page or its page holds another resource (the
 * device must be realigned, pci_realign=), with the tails added here
 * released again.
 */
int pci_realign_reserve_tails(struct pci_dev *dev)
{
	struct realign_tail *added[PCI_ROM_RESOURCE + 1] = {};
	int resno, ret = 0;

	mutex_lock(&realign_lock);
	for (resno = 0; resno <= PCI_ROM_RESOURCE && !ret; resno++)
		ret = tail_in_place(dev, resno, &added[resno]);
	if (ret)
		while (--resno >= 0)
			if (added[resno])
				tail_del(added[resno]);
	mutex_unlock(&realign_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(pci_realign_reserve_tails);

/**
 * realign_drop_tails_of() - release the tails a device being removed pins
 * @dev: the device
 *
 * Its own tails, and those inside its windows if it is a bridge (the
 * window goes with it).  Caller holds realign_lock.
 */
void realign_drop_tails_of(struct pci_dev *dev)
{
	struct realign_tail *t, *n;

	list_for_each_entry_safe(t, n, &tails, node)
		if (t->dev == dev || below_dev(&t->res, dev))
			tail_del(t);
}

/**
 * realign_drop_tails() - release every tail reservation (module unload)
 *
 * The BARs stay where they are; only the claims on the page tails go.
 */
void realign_drop_tails(void)
{
	struct realign_tail *t, *n;

	list_for_each_entry_safe(t, n, &tails, node)
		tail_del(t);
}
