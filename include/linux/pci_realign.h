/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PCI BAR realigner's page-sharing check, and its page tails, for
 * pass-through drivers.
 *
 * A device whose MMIO BAR shares a page with another device's BAR is not
 * safe to hand to a guest (Xen XSA-461): the guest maps whole pages.  A
 * page with free room in it is not safe for long either: the PCI core
 * may place a device added later there, unless that room is reserved.
 *
 * In-tree, CONFIG_PCI_REALIGN selects the real function.  Out-of-tree
 * builds have no autoconf entry for it: a module that wants the real
 * function defines PCI_REALIGN_API in its ccflags.
 */
#ifndef _LINUX_PCI_REALIGN_H
#define _LINUX_PCI_REALIGN_H

#include <linux/errno.h>
#include <linux/kconfig.h>

struct pci_dev;

#if IS_REACHABLE(CONFIG_PCI_REALIGN) || defined(PCI_REALIGN_API)
int pci_realign_page_conflict(struct pci_dev *dev, struct pci_dev **other);
int pci_realign_reserve_tails(struct pci_dev *dev);
#else
/**
 * pci_realign_page_conflict() - stub without the realigner
 * @dev: the device
 * @other: not touched
 *
 * Return: -EOPNOTSUPP: the caller cannot tell and must decide itself.
 */
static inline int pci_realign_page_conflict(struct pci_dev *dev,
					    struct pci_dev **other)
{
	return -EOPNOTSUPP;
}

/**
 * pci_realign_reserve_tails() - stub without the realigner
 * @dev: the device
 *
 * Return: -EOPNOTSUPP: nothing is reserved.
 */
static inline int pci_realign_reserve_tails(struct pci_dev *dev)
{
	return -EOPNOTSUPP;
}
#endif

#endif /* _LINUX_PCI_REALIGN_H */
