// SPDX-License-Identifier: GPL-2.0
/*
 * Devices that come and go after the realigner started: a PCI bus
 * notifier realigns a hot-added device that a list selects (before any
 * driver can bind: BUS_NOTIFY_ADD_DEVICE comes before probing), and
 * drops the tails of a device being removed, and of every device below
 * a bridge being removed, so that they neither pin the pci_dev nor stay
 * reserved for a device that is gone.
 *
 * Lock order: pci_lock_rescan_remove(), then realign_lock.  Hot-add
 * paths call the notifier with the first held (or not); it takes only
 * the second.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pci.h>

#include "realign.h"

#define HOTPLUG_MAX_LISTS	2	/* the module parameter and pci_realign= */

static const struct realign_list *hot_lists[HOTPLUG_MAX_LISTS];
static bool registered;

static void hot_add(struct pci_dev *dev)
{
	const struct realign_sel *sel = NULL;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(hot_lists) && !sel; i++)
		if (hot_lists[i])
			sel = realign_select(hot_lists[i], dev);
	if (!sel)
		return;
	ret = realign_device(dev, sel->order, true);
	/* A skip (-EOPNOTSUPP, -EBUSY) has said why already. */
	if (ret && ret != -EOPNOTSUPP && ret != -EBUSY)
		pci_err(dev, "hot-added device not realigned (%d), left as the core placed it\n",
			ret);
}

/**
 * realign_hotplug_event() - act on a PCI bus notification
 * @action: BUS_NOTIFY_ADD_DEVICE or BUS_NOTIFY_DEL_DEVICE; others are
 *	ignored
 * @dev: the device
 *
 * Takes realign_lock.
 */
void realign_hotplug_event(unsigned long action, struct pci_dev *dev)
{
	mutex_lock(&realign_lock);
	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		hot_add(dev);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
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
 * realign_hotplug_add_list() - realign hot-added devices this list selects
 * @list: the list; it must stay valid until realign_hotplug_stop()
 *
 * The first call registers the bus notifier.  Lists are searched in the
 * order they were added; the first that selects a device gives its
 * order.  Caller holds realign_lock.
 *
 * Return: 0, -ENOSPC if too many lists, or the notifier's errno.
 */
int realign_hotplug_add_list(const struct realign_list *list)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(hot_lists) && hot_lists[i]; i++)
		if (hot_lists[i] == list)
			return 0;
	if (i == ARRAY_SIZE(hot_lists))
		return -ENOSPC;
	if (!registered) {
		ret = bus_register_notifier(&pci_bus_type, &bus_nb);
		if (ret)
			return ret;
		registered = true;
	}
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
	mutex_unlock(&realign_lock);
}
