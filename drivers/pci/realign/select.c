// SPDX-License-Identifier: GPL-2.0
/*
 * Which selection names a PCI device: its domain, upstream path and IDs
 * described for parse.c's matcher, and a word in the log when a later
 * selection names the same device with another order (the first wins).
 */
#include <linux/pci.h>

#include "realign.h"

/**
 * realign_devid() - describe a device for realign_match()
 * @dev: the device
 * @id: filled with its domain, upstream path and IDs
 */
void realign_devid(struct pci_dev *dev, struct realign_devid *id)
{
	struct pci_dev *p;

	memset(id, 0, sizeof(*id));
	id->domain = pci_domain_nr(dev->bus);
	id->vendor = dev->vendor;
	id->device = dev->device;
	id->subvendor = dev->subsystem_vendor;
	id->subdevice = dev->subsystem_device;
	for (p = dev; p && id->depth <= REALIGN_MAX_DEPTH;
	     p = pci_upstream_bridge(p)) {
		id->bus[id->depth] = p->bus->number;
		id->devfn[id->depth] = p->devfn;
		id->depth++;
	}
}

/**
 * realign_select() - the selection of @list that names @dev, if any
 * @list: parsed selections
 * @dev: the device
 *
 * Warns when a later selection names the device with another order.
 *
 * Return: the first matching selection, or NULL.
 */
const struct realign_sel *realign_select(const struct realign_list *list,
					 struct pci_dev *dev)
{
	const struct realign_sel *sel, *other;
	struct realign_devid id;

	realign_devid(dev, &id);
	sel = realign_match(list, &id);
	other = realign_match_conflict(list, &id, sel);
	if (other)
		pci_warn(dev, "selected with order %u and again with order %u: using %u, the first\n",
			 sel->order, other->order, sel->order);
	return sel;
}
