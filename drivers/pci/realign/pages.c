// SPDX-License-Identifier: GPL-2.0
/*
 * Whether two devices have MMIO BARs (or ROMs) in one page, and the
 * search for such a neighbour behind pci_realign_page_conflict().  The
 * devices to compare come from an iterator, so that KUnit can hand in
 * simulated ones.
 */
#include <linux/pci.h>

#include "realign.h"

/**
 * realign_bar_audited() - whether a BAR counts for page sharing
 * @dev: the device
 * @resno: BAR number or PCI_ROM_RESOURCE
 *
 * Return: true for an assigned MMIO BAR (or ROM) that lives in a window.
 */
bool realign_bar_audited(struct pci_dev *dev, int resno)
{
	struct resource *r = &dev->resource[resno];

	return (r->flags & IORESOURCE_MEM) && r->parent && resource_size(r) &&
	       !(r->flags & IORESOURCE_UNSET);
}

/**
 * realign_page_span() - the pages a resource touches
 * @r: the resource
 * @first: first byte of its first page (out)
 * @last: last byte of its last page (out)
 */
void realign_page_span(const struct resource *r, resource_size_t *first,
		       resource_size_t *last)
{
	*first = r->start & PAGE_MASK;
	*last = r->end | ~PAGE_MASK;
}

static bool pages_overlap(const struct resource *a, const struct resource *b)
{
	resource_size_t af, al, bf, bl;

	realign_page_span(a, &af, &al);
	realign_page_span(b, &bf, &bl);
	return af <= bl && bf <= al;
}

/**
 * realign_share_page() - whether a BAR of @a and a BAR of @b share a page
 * @a: a device
 * @b: another device
 *
 * Return: true if they do.
 */
bool realign_share_page(struct pci_dev *a, struct pci_dev *b)
{
	int i, j;

	for (i = 0; i <= PCI_ROM_RESOURCE; i++) {
		if (!realign_bar_audited(a, i))
			continue;
		for (j = 0; j <= PCI_ROM_RESOURCE; j++)
			if (realign_bar_audited(b, j) &&
			    pages_overlap(&a->resource[i], &b->resource[j]))
				return true;
	}
	return false;
}

/**
 * realign_page_conflict_in() - pci_realign_page_conflict() over any devices
 * @dev: the device about to be passed through
 * @other: if not NULL and a conflict exists, set to the other device,
 *	with a reference the caller drops with pci_dev_put()
 * @next: gives the device after @from (NULL: the first) with a reference,
 *	dropping the one on @from, as pci_get_device() does; NULL at the end
 * @ctx: passed to @next
 *
 * Return: 0 if every page of @dev's BARs is its own, -EBUSY if not.
 */
int realign_page_conflict_in(struct pci_dev *dev, struct pci_dev **other,
			     realign_next_dev_fn next, void *ctx)
{
	struct pci_dev *o = NULL;

	while ((o = next(o, ctx))) {
		if (o == dev || !realign_share_page(dev, o))
			continue;
		if (other)
			*other = o;
		else
			pci_dev_put(o);
		return -EBUSY;
	}
	return 0;
}
