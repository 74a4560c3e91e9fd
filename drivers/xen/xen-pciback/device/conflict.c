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

#include "device.h"

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
 * xpb_page_shared_outside() - find a device not bound to pciback that
 *	shares an MMIO page with @pdev
 * @pdev: the function about to be bound to pciback
 * @ours: pciback's PCI driver (devices bound to it are not "outside")
 * @other: set to that device, with a reference, when there is one
 *
 * A guest that is given @pdev gets whole pages (the toolstack grants the
 * domain its BARs' pages before pciback exports anything), so binding is
 * where the boundary is drawn; functions that are all pciback's can only
 * reach each other, and the export refuses them unless overridden.
 *
 * Return: true if there is one.
 */
bool xpb_page_shared_outside(struct pci_dev *pdev,
			     const struct pci_driver *ours,
			     struct pci_dev **other)
{
	struct pci_dev *o = NULL;

	for_each_pci_dev(o) {
		if (o == pdev || !xpb_share_page(pdev, o) ||
		    (o->driver && o->driver == ours))
			continue;
		*other = o;
		return true;
	}
	return false;
}

/**
 * xpb_page_conflict() - find a device sharing a page with @pdev
 * @pdev: the function about to be given to a guest
 * @other: set to the other device, with a reference, on a conflict
 *
 * Return: 0 if every page of its BARs is its own, -EBUSY if not,
 * -ENOENT (the realigner only) if none is shared now but a page has
 * free room that is not reserved.
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

/**
 * xpb_reserve_tails() - have the realigner reserve @pdev's page tails
 * @pdev: the function being seized
 *
 * So that no device added later is placed in a page of its BARs while a
 * guest maps it.  Only when the realigner is loaded (or built in); a
 * function it cannot do this for (a BAR not alone in its page) is still
 * seized, with one line saying how to fix it: the export checks again.
 */
void xpb_reserve_tails(struct pci_dev *pdev)
{
	int (*reserve)(struct pci_dev *dev);
	int ret;

	reserve = symbol_get(pci_realign_reserve_tails);
	if (!reserve)
		return;
	ret = reserve(pdev);
	symbol_put(pci_realign_reserve_tails);
	if (ret)
		pci_warn(pdev, "page tails not reserved (%d): a device added later could be placed in a page of its BARs; fix: pci_realign=%s\n",
			 ret, pci_name(pdev));
}

#define XPB_SHARE_FILE	"/sys/bus/pci/drivers/" XPB_NAME "/allow_page_sharing"

/**
 * xpb_refuse_shared() - say, in one line, why a function is refused
 * @pdev: the function
 * @other: the device sharing a page with it
 *
 * Both devices, the fix and the override, the form every refusal of a
 * whole function takes.
 */
void xpb_refuse_shared(struct pci_dev *pdev, struct pci_dev *other)
{
	const char *me = pci_name(pdev);

	xpb_refuse_err(pdev, "refused: MMIO page shared with %s (driver %s); fix: pci_realign=%s; override: %s > %s",
		       pci_name(other),
		       other->driver ? other->driver->name : "none",
		       me, me, XPB_SHARE_FILE);
}
