// SPDX-License-Identifier: GPL-2.0
/*
 * Which selection names a PCI device (pci_sel_devid() describes it for
 * parse.c's matcher), and a word in the log when a later selection names
 * the same device with another order (the first wins).
 */
#include <linux/pci.h>

#include "realign.h"

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
	struct pci_sel_devid id;

	pci_sel_devid(dev, &id);
	sel = realign_match(list, &id);
	other = realign_match_conflict(list, &id, sel);
	if (other)
		pci_warn(dev, "selected with order %u and again with order %u: using %u, the first\n",
			 sel->order, other->order, sel->order);
	return sel;
}
