// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual bus placement.  A function keeps its function number.  The
 * functions of one physical slot share a virtual slot, so a
 * multi-function device stays one; a virtual function at function 0 gets
 * a slot of its own (it is no multi-function device, and a guest that
 * found it at function 0 might not look for the others).  A function
 * with no companion takes the first empty slot.  The guest's pcifront
 * probes every devfn, so a slot without function 0 is still found.
 */
#include <linux/errno.h>
#include <linux/pci.h>

#include "vbus.h"

static bool xpb_same_fn(const struct xpb_vfn *a, u16 domain, u8 bus,
			u8 devfn)
{
	return a->used && a->domain == domain && a->bus == bus &&
	       a->devfn == devfn;
}

/* The physical slot a used virtual slot holds; false if empty or alone. */
static bool xpb_slot_joinable(const struct xpb_vbus *vb, unsigned int s,
			      const struct xpb_vfn **any)
{
	unsigned int f;

	*any = NULL;
	for (f = 0; f < XPB_VBUS_FUNCS; f++) {
		const struct xpb_vfn *e = &vb->fn[s][f];

		if (!e->used)
			continue;
		if (e->virtfn && !PCI_FUNC(e->devfn))
			return false;
		*any = e;
	}
	return *any;
}

static bool xpb_slot_empty(const struct xpb_vbus *vb, unsigned int s)
{
	unsigned int f;

	for (f = 0; f < XPB_VBUS_FUNCS; f++)
		if (vb->fn[s][f].used)
			return false;
	return true;
}

/**
 * xpb_vbus_add() - give a function its place on the virtual bus
 * @vb: the bus
 * @f: the function (@f->used is ignored)
 * @vdevfn: its virtual device and function numbers
 *
 * Return: 0, -EEXIST if the function (or another one at the same
 * virtual place) is already there, -ENOSPC if all 32 slots are taken.
 */
int xpb_vbus_add(struct xpb_vbus *vb, const struct xpb_vfn *f,
		 unsigned int *vdevfn)
{
	unsigned int fn = PCI_FUNC(f->devfn), s, t;
	const struct xpb_vfn *any;

	for (s = 0; s < XPB_VBUS_SLOTS; s++)
		for (t = 0; t < XPB_VBUS_FUNCS; t++)
			if (xpb_same_fn(&vb->fn[s][t], f->domain, f->bus,
					f->devfn))
				return -EEXIST;
	for (s = 0; !(f->virtfn && !fn) && s < XPB_VBUS_SLOTS; s++) {
		if (!xpb_slot_joinable(vb, s, &any) ||
		    any->domain != f->domain || any->bus != f->bus ||
		    PCI_SLOT(any->devfn) != PCI_SLOT(f->devfn))
			continue;
		if (vb->fn[s][fn].used)
			return -EEXIST;
		goto place;
	}
	for (s = 0; s < XPB_VBUS_SLOTS; s++)
		if (xpb_slot_empty(vb, s))
			goto place;
	return -ENOSPC;
place:
	vb->fn[s][fn] = *f;
	vb->fn[s][fn].used = true;
	*vdevfn = PCI_DEVFN(s, fn);
	return 0;
}

/**
 * xpb_vbus_remove() - take a function off the virtual bus
 * @vb: the bus
 * @domain: its PCI segment
 * @bus: its bus number
 * @devfn: its device and function numbers
 * @vdevfn: where it was
 *
 * Return: 0, or -ENOENT if it is not on the bus.
 */
int xpb_vbus_remove(struct xpb_vbus *vb, u16 domain, u8 bus, u8 devfn,
		    unsigned int *vdevfn)
{
	unsigned int s, f;

	for (s = 0; s < XPB_VBUS_SLOTS; s++)
		for (f = 0; f < XPB_VBUS_FUNCS; f++)
			if (xpb_same_fn(&vb->fn[s][f], domain, bus, devfn)) {
				vb->fn[s][f].used = false;
				*vdevfn = PCI_DEVFN(s, f);
				return 0;
			}
	return -ENOENT;
}

/**
 * xpb_vbus_get() - the function at a virtual place
 * @vb: the bus
 * @vdevfn: virtual device and function numbers (a guest request's)
 *
 * Return: the function, or NULL if the place is empty or out of range.
 */
const struct xpb_vfn *xpb_vbus_get(const struct xpb_vbus *vb,
				   unsigned int vdevfn)
{
	const struct xpb_vfn *e;

	if (vdevfn >= XPB_VBUS_SLOTS * XPB_VBUS_FUNCS)
		return NULL;
	e = &vb->fn[PCI_SLOT(vdevfn)][PCI_FUNC(vdevfn)];
	return e->used ? e : NULL;
}
