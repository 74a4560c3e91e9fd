/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slot list's rules: which functions hide=, new_slot and remove_slot
 * leave named for pciback.  Pure (the caller holds the lock and finds
 * the PCI function); the KUnit suite runs it on UML.
 */
#ifndef _XEN_PCIBACK_SLOT_LIST_H
#define _XEN_PCIBACK_SLOT_LIST_H

#include "slot.h"

/* Selections the list holds, and functions it may take back. */
#define XPB_SLOT_LIST_MAX	64

/**
 * struct xpb_taken_back - a function taken out of one selection
 * @slot: its address (remove_slot was given it)
 * @from: the selection that still names others (a wildcard or an ID)
 */
struct xpb_taken_back {
	struct xpb_slot slot;
	struct xpb_sel from;
};

/**
 * struct xpb_slot_list - the selections pciback binds
 * @sel: the selections, in the forms they were given
 * @n: how many
 * @back: functions taken back one by one (remove_slot of an address)
 *	  from a selection that names others as well, as the stock module
 *	  takes one function back from a wildcard entry
 * @nback: how many
 */
struct xpb_slot_list {
	struct xpb_sel sel[XPB_SLOT_LIST_MAX];
	unsigned int n;
	struct xpb_taken_back back[XPB_SLOT_LIST_MAX];
	unsigned int nback;
};

bool xpb_sel_is_address(const struct xpb_sel *sel);
int xpb_list_add(struct xpb_slot_list *l, const struct xpb_sel *sel);
int xpb_list_del(struct xpb_slot_list *l, const struct xpb_sel *sel,
		 const struct pci_sel_devid *id);
bool xpb_list_sel_names(const struct xpb_slot_list *l, unsigned int i,
			const struct pci_sel_devid *id);
bool xpb_list_names(const struct xpb_slot_list *l,
		    const struct pci_sel_devid *id);

#endif
