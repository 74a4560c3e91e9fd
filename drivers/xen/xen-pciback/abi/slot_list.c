// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the slot list's rules (slot_list.h).
 *
 * libxl gives a function back (xl pci-assignable-remove) by writing its
 * address to remove_slot, whatever named the function: an address, a
 * wildcard, a path or an ID in hide= or new_slot.  The stock module
 * stores a wildcard as the functions it names, so taking one of them
 * back leaves the others.  Here a selection stays as it was written (an
 * ID or a path must keep naming a function whose bus number moved), and
 * remove_slot of an address makes the list stop naming that function:
 * the selections that name it alone (its address, a path to it) go, and
 * one that names others as well keeps them and has this function taken
 * back.  new_slot of the address names it again.
 */
#include <linux/errno.h>

#include "slot_list.h"

/**
 * xpb_sel_is_address() - does a selection name one function by address
 * @sel: the selection
 *
 * Return: true for the stock form without a wildcard.
 */
bool xpb_sel_is_address(const struct xpb_sel *sel)
{
	return !sel->by_pci && sel->slot.dev != XPB_SLOT_ANY &&
	       sel->slot.fn != XPB_SLOT_ANY;
}

static bool xpb_sel_is_path(const struct xpb_sel *sel)
{
	return sel->by_pci && sel->pci.kind == PCI_SEL_PATH;
}

/* Was the function at @slot taken back from selection @from? */
static bool xpb_back_has(const struct xpb_slot_list *l,
			 const struct xpb_slot *slot, const struct xpb_sel *from)
{
	unsigned int i;

	for (i = 0; i < l->nback; i++)
		if (xpb_slot_same(&l->back[i].slot, slot) &&
		    xpb_sel_same(&l->back[i].from, from))
			return true;
	return false;
}

/*
 * Does selection @sel name the function at @addr (@id describes it, or
 * is NULL when no function is there: then only the address forms can
 * be judged), taken back or not?
 */
static bool xpb_sel_names_at(const struct xpb_sel *sel,
			     const struct xpb_slot *addr,
			     const struct pci_sel_devid *id)
{
	if (id)
		return xpb_sel_match(sel, id);
	return !sel->by_pci &&
	       xpb_slot_match(&sel->slot, addr->domain, addr->bus,
			      PCI_DEVFN(addr->dev, addr->fn));
}

/*
 * Would remove_slot of the address @addr take that function back from
 * the listed selection @s, which names others as well?
 */
static bool xpb_takes_back(const struct xpb_slot_list *l,
			   const struct xpb_sel *s, const struct xpb_sel *addr,
			   const struct pci_sel_devid *id)
{
	return !xpb_sel_same(s, addr) && !xpb_sel_is_path(s) &&
	       xpb_sel_names_at(s, &addr->slot, id) &&
	       !xpb_back_has(l, &addr->slot, s);
}

/**
 * xpb_list_sel_names() - does one selection of the list name a function
 * @l: the list
 * @i: the selection's index, below @l->n
 * @id: the function (pci_sel_devid())
 *
 * Return: true if selection @i names it and it was not taken back from
 * that selection.
 */
bool xpb_list_sel_names(const struct xpb_slot_list *l, unsigned int i,
			const struct pci_sel_devid *id)
{
	/* the function's address, as remove_slot would have named it */
	struct xpb_slot addr = {
		.domain = id->domain, .bus = id->bus[0],
		.dev = PCI_SLOT(id->devfn[0]), .fn = PCI_FUNC(id->devfn[0]),
	};

	return xpb_sel_match(&l->sel[i], id) &&
	       (id->domain > U16_MAX || !xpb_back_has(l, &addr, &l->sel[i]));
}

/**
 * xpb_list_names() - does the list name a function for pciback
 * @l: the list
 * @id: the function (pci_sel_devid())
 *
 * Return: true if a selection names it and did not have it taken back.
 */
bool xpb_list_names(const struct xpb_slot_list *l,
		    const struct pci_sel_devid *id)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (xpb_list_sel_names(l, i, id))
			return true;
	return false;
}

/**
 * xpb_list_add() - add a selection (hide=, new_slot)
 * @l: the list
 * @sel: the selection
 *
 * An address that remove_slot took back is named again by every
 * selection it was taken back from.
 *
 * Return: 0; -EEXIST if @sel is listed already (and nothing was taken
 * back), -ENOSPC if the list is full (nothing changed).
 */
int xpb_list_add(struct xpb_slot_list *l, const struct xpb_sel *sel)
{
	bool listed = false, named_again = false;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		listed |= xpb_sel_same(&l->sel[i], sel);
	if (!listed && l->n == XPB_SLOT_LIST_MAX)
		return -ENOSPC;
	for (i = l->nback; xpb_sel_is_address(sel) && i-- > 0;) {
		if (!xpb_slot_same(&l->back[i].slot, &sel->slot))
			continue;
		l->back[i] = l->back[--l->nback];
		named_again = true;
	}
	if (listed)
		return named_again ? 0 : -EEXIST;
	l->sel[l->n++] = *sel;
	return 0;
}

/**
 * xpb_list_del() - take a selection back (remove_slot)
 * @l: the list
 * @sel: the selection, in the form it was listed in; or an address
 * @id: the function at that address (pci_sel_devid()), or NULL if none
 *	is there (or @sel is not an address)
 *
 * A selection in any form goes if it was listed in that form, and with
 * it what was taken back from it.  An address also takes its function
 * out of every other selection (see the top of this file).
 *
 * Return: 0; -ENOENT if the list did not name it, -ENOSPC if it would
 * take back more functions than the list can hold (nothing changed).
 */
int xpb_list_del(struct xpb_slot_list *l, const struct xpb_sel *sel,
		 const struct pci_sel_devid *id)
{
	bool addr = xpb_sel_is_address(sel), found = false;
	unsigned int i, b, need = 0;

	/* first what it takes, so that a full list changes nothing */
	for (i = 0; addr && i < l->n; i++)
		need += xpb_takes_back(l, &l->sel[i], sel, id);
	if (l->nback + need > XPB_SLOT_LIST_MAX)
		return -ENOSPC;
	for (i = 0; addr && i < l->n; i++) {
		if (!xpb_takes_back(l, &l->sel[i], sel, id))
			continue;
		l->back[l->nback].slot = sel->slot;
		l->back[l->nback++].from = l->sel[i];
		found = true;
	}
	for (i = l->n; i-- > 0;) {
		const struct xpb_sel *s = &l->sel[i];

		if (!xpb_sel_same(s, sel) &&
		    !(addr && xpb_sel_is_path(s) && id && xpb_sel_match(s, id)))
			continue;
		for (b = l->nback; b-- > 0;)
			if (xpb_sel_same(&l->back[b].from, s))
				l->back[b] = l->back[--l->nback];
		l->sel[i] = l->sel[--l->n];
		found = true;
	}
	return found ? 0 : -ENOENT;
}
