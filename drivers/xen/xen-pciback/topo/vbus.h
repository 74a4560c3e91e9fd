/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual PCI bus a guest sees by default (passthrough=0): one bus,
 * 0000:00, where every assigned function gets a virtual slot.  Pure
 * bookkeeping, no Xen: the xenbus backend publishes what it decides.
 */
#ifndef _XEN_PCIBACK_TOPO_VBUS_H
#define _XEN_PCIBACK_TOPO_VBUS_H

#include <linux/types.h>

#define XPB_VBUS_SLOTS	32
#define XPB_VBUS_FUNCS	8

/**
 * struct xpb_vfn - a physical function as the virtual bus knows it
 * @domain: PCI segment
 * @bus: bus number
 * @devfn: device and function numbers
 * @virtfn: an SR-IOV virtual function
 * @used: the entry holds a function
 */
struct xpb_vfn {
	u16 domain;
	u8 bus;
	u8 devfn;
	bool virtfn;
	bool used;
};

/**
 * struct xpb_vbus - the functions on a guest's virtual bus
 * @fn: per virtual slot and function number
 */
struct xpb_vbus {
	struct xpb_vfn fn[XPB_VBUS_SLOTS][XPB_VBUS_FUNCS];
};

int xpb_vbus_add(struct xpb_vbus *vb, const struct xpb_vfn *f,
		 unsigned int *vdevfn);
int xpb_vbus_remove(struct xpb_vbus *vb, u16 domain, u8 bus, u8 devfn,
		    unsigned int *vdevfn);
const struct xpb_vfn *xpb_vbus_get(const struct xpb_vbus *vb,
				   unsigned int vdevfn);

#endif /* _XEN_PCIBACK_TOPO_VBUS_H */
