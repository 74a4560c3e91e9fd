// SPDX-License-Identifier: GPL-2.0
/*
 * Devices that come and go after the realigner started: a PCI bus
 * notifier realigns a hot-added device that a list selects before its
 * driver can use it, and drops the tails of a device being removed, and
 * of every device below a bridge being removed, so that they neither
 * pin the pci_dev nor stay reserved for a device that is gone.
 *
 * BUS_NOTIFY_ADD_DEVICE comes when the device is scanned, before the
 * core assigns its BARs (on a rescan or hotplug).  A selected device is
 * realigned there if its BARs are placed already (a late host bridge),
 * else it is remembered, and realigned at BUS_NOTIFY_BIND_DRIVER: the
 * BARs are placed by then and the driver's probe has not run yet.  If
 * no driver binds, a write to the devices parameter realigns it.
 *
 * Lock order: pci_lock_rescan_remove(), then realign_lock; device locks
 * are only ever tried under either (realign_device(), move.c), so the
 * driver core may call the notifier with a device lock held (at
 * BIND_DRIVER always, at ADD/DEL for a PF's VFs or below a VMD) and it
 * takes realign_lock.  Hot-add paths call it with the rescan lock held
 * or not; it never takes that one.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pci.h>

#include "realign.h"

#define HOTPLUG_MAX_LISTS	2	/* the module parameter and pci_realign= */

#define HOTPLUG_MAX_PENDING	32	/* added, BARs not yet placed */

static const struct realign_list *hot_lists[HOTPLUG_MAX_LISTS];
static struct pci_dev *pending[HOTPLUG_MAX_PENDING];
static bool registered;

static const struct realign_sel *hot_select(struct pci_dev *dev)
{
	const struct realign_sel *sel = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hot_lists) && !sel; i++)
		if (hot_lists[i])
			sel = realign_select(hot_lists[i], dev);
	return sel;
}

/* Whether the core has placed any MMIO BAR (or ROM) of @dev yet. */
static bool bars_placed(struct pci_dev *dev)
{
	int i;

	for (i = 0; i <= PCI_ROM_RESOURCE; i++)
		if (dev->resource[i].parent &&
		    (dev->resource[i].flags & IORESOURCE_MEM))
			return true;
	return false;
}

static void report(struct pci_dev *dev, int ret)
{
	/* A skip (-EOPNOTSUPP, -EBUSY) has said why already. */
	if (ret && ret != -EOPNOTSUPP && ret != -EBUSY)
		pci_err(dev, "hot-added device not realigned (%d), left as the core placed it\n",
			ret);
}

/* Forget @dev as pending; true if it was. */
static bool unpend(struct pci_dev *dev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pending); i++) {
		if (pending[i] == dev) {
			pending[i] = NULL;
			pci_dev_put(dev);
			return true;
		}
	}
	return false;
}

static void pend(struct pci_dev *dev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pending); i++) {
		if (!pending[i]) {
			pending[i] = pci_dev_get(dev);
			return;
		}
	}
	pci_warn(dev, "too many hot-added devices at once: not realigned\n");
}

static void hot_add(struct pci_dev *dev)
{
	const struct realign_sel *sel = hot_select(dev);

	if (!sel)
		return;
	if (bars_placed(dev))
		report(dev, realign_device(dev, sel->order, true));
	else
		pend(dev);
}

/* The driver core holds @dev's lock; its driver has not probed yet. */
static void hot_bind(struct pci_dev *dev)
{
	const struct realign_sel *sel;

	if (!unpend(dev))
		return;
	sel = hot_select(dev);
	if (sel)
		report(dev, realign_device_held(dev, sel->order, false));
}

/**
 * realign_hotplug_event() - act on a PCI bus notification
 * @action: BUS_NOTIFY_ADD_DEVICE, _BIND_DRIVER or _DEL_DEVICE; others
 *	are ignored
 * @dev: the device; for BUS_NOTIFY_BIND_DRIVER its lock is held
 *
 * Takes realign_lock, waiting for a realignment under way: none waits
 * for a device lock (realign_device() and move.c only try them), so the
 * device lock held at BUS_NOTIFY_BIND_DRIVER cannot close a cycle.  The
 * rescan lock is not taken here: a rescan holds it around the very
 * probe that sends the notification.
 */
void realign_hotplug_event(unsigned long action, struct pci_dev *dev)
{
	mutex_lock(&realign_lock);
	switch (action) {
	case BUS_NOTIFY_BIND_DRIVER:
		hot_bind(dev);
		break;
	case BUS_NOTIFY_ADD_DEVICE:
		hot_add(dev);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		unpend(dev);
		realign_drop_tails_of(dev);
		break;
	}
	mutex_unlock(&realign_lock);
}

static int bus_event(struct notifier_block *nb, unsigned long action,
		     void *data)
{
	realign_hotplug_event(action, to_pci_dev(data));
	return NOTIFY_DONE;
}

static struct notifier_block bus_nb = {
	.notifier_call = bus_event,
};

/**
 * realign_hotplug_start() - start watching the bus for added devices
 *
 * Registers the bus notifier once.  Caller holds the rescan lock, which
 * keeps devices from being added until the list is in place, and not
 * realign_lock: registering takes the notifier chain's lock, which each
 * notification holds while it waits for realign_lock.
 *
 * Return: 0 or the notifier's errno.
 */
int realign_hotplug_start(void)
{
	int ret;

	if (registered)
		return 0;
	ret = bus_register_notifier(&pci_bus_type, &bus_nb);
	if (!ret)
		registered = true;
	return ret;
}

/**
 * realign_hotplug_add_list() - realign hot-added devices this list selects
 * @list: the list; it must stay valid until realign_hotplug_stop()
 *
 * Lists are searched in the order they were added; the first that
 * selects a device gives its order.  Caller holds realign_lock, and
 * realign_hotplug_start() has registered the notifier.
 *
 * Return: 0, -ENOSPC if too many lists.
 */
int realign_hotplug_add_list(const struct realign_list *list)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hot_lists) && hot_lists[i]; i++)
		if (hot_lists[i] == list)
			return 0;
	if (i == ARRAY_SIZE(hot_lists))
		return -ENOSPC;
	hot_lists[i] = list;
	return 0;
}

/**
 * realign_hotplug_stop() - stop watching the bus (module unload)
 *
 * Caller does not hold realign_lock: a notification under way may wait
 * for it.
 */
void realign_hotplug_stop(void)
{
	unsigned int i;

	if (registered)
		bus_unregister_notifier(&pci_bus_type, &bus_nb);
	registered = false;
	mutex_lock(&realign_lock);
	for (i = 0; i < ARRAY_SIZE(hot_lists); i++)
		hot_lists[i] = NULL;
	for (i = 0; i < ARRAY_SIZE(pending); i++)
		if (pending[i])
			unpend(pending[i]);
	mutex_unlock(&realign_lock);
}
