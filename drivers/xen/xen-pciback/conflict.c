// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: does a function share an MMIO page with another device?
 * A guest maps whole pages, so it would reach the other device's
 * registers (XSA-461).  The realigner answers when it is loaded (or
 * built in); without it pciback looks itself.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/pci_realign.h>

#include "pciback.h"

static bool xpb_mmio(struct pci_dev *pdev, int i)
{
	const struct resource *r = &pdev->resource[i];

	return (r->flags & IORESOURCE_MEM) && r->start && resource_size(r) &&
	       !(r->flags & IORESOURCE_UNSET);
}

/* Whether an MMIO BAR of @a and one of @b touch the same page. */
static bool xpb_share_page(struct pci_dev *a, struct pci_dev *b)
{
	int i, j;

	for (i = 0; i <= PCI_ROM_RESOURCE; i++) {
		resource_size_t a0, a1;

		if (!xpb_mmio(a, i))
			continue;
		a0 = a->resource[i].start & PAGE_MASK;
		a1 = a->resource[i].end | ~PAGE_MASK;
		for (j = 0; j <= PCI_ROM_RESOURCE; j++)
			if (xpb_mmio(b, j) && b->resource[j].start <= a1 &&
			    b->resource[j].end >= a0)
				return true;
	}
	return false;
}

/**
 * xpb_page_conflict() - find a device sharing a page with @pdev
 * @pdev: the function about to be given to a guest
 * @other: set to the other device, with a reference, on a conflict
 *
 * Return: 0 if every page of its BARs is its own, -EBUSY if not.
 */
int xpb_page_conflict(struct pci_dev *pdev, struct pci_dev **other)
{
	int (*realign)(struct pci_dev *dev, struct pci_dev **other);
	struct pci_dev *o = NULL;
	int ret;

	realign = symbol_get(pci_realign_page_conflict);
	if (realign) {
		ret = realign(pdev, other);
		symbol_put(pci_realign_page_conflict);
		if (ret != -EOPNOTSUPP)
			return ret;
	}
	for_each_pci_dev(o) {
		if (o == pdev || !xpb_share_page(pdev, o))
			continue;
		*other = o;
		return -EBUSY;
	}
	return 0;
}
