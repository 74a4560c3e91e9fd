// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: libxl's list of a guest's functions in xenstore
 * (num_devs, dev-N, state-N; vdev-N and root-N are ours to write).
 * Applying it exports what state-N = 1 asks for and takes back what
 * state-N = 5 does, then publishes the guest's root buses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <xen/xenbus.h>

#include "backend.h"

/* vdev-N of a refused function: segment ffff, bus ff is never a root */
#define XPB_VDEV_NONE	"ffff:ff:1f.07"

/* Write <nodename>/<key>-<idx>. */
static __printf(4, 5) int xpb_xs_printf(struct xpb_backend *be,
					const char *key, unsigned int idx,
					const char *fmt, ...)
{
	char node[32], val[32];
	va_list ap;

	snprintf(node, sizeof(node), "%s-%u", key, idx);
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	return xenbus_write(XBT_NIL, be->xdev->nodename, node, val);
}

/* Read <nodename>/<key>-<idx> as a number; -1 if it is not there. */
static int xpb_xs_int(struct xpb_backend *be, const char *key,
		      unsigned int idx)
{
	char node[32];
	int v;

	snprintf(node, sizeof(node), "%s-%u", key, idx);
	if (xenbus_scanf(XBT_NIL, be->xdev->nodename, node, "%d", &v) != 1)
		return -1;
	return v;
}

/* Whether <nodename>/<key>-<idx> reads @val. */
static bool xpb_xs_is(struct xpb_backend *be, const char *key,
		      unsigned int idx, const char *val)
{
	char node[32];
	bool same;
	char *s;

	snprintf(node, sizeof(node), "%s-%u", key, idx);
	s = xenbus_read(XBT_NIL, be->xdev->nodename, node, NULL);
	if (IS_ERR(s))
		return false;
	same = !strcmp(s, val);
	kfree(s);
	return same;
}

/* Read <nodename>/dev-<idx>, libxl's BDF of the function. */
static int xpb_xs_slot(struct xpb_backend *be, unsigned int idx,
		       struct xpb_slot *slot)
{
	char node[32], *s;
	int ret;

	snprintf(node, sizeof(node), "dev-%u", idx);
	s = xenbus_read(XBT_NIL, be->xdev->nodename, node, NULL);
	if (IS_ERR(s))
		return PTR_ERR(s);
	ret = xpb_slot_parse(s, strlen(s), false, slot);
	if (ret)
		xenbus_dev_error(be->xdev, ret, "%s is \"%s\", not a BDF",
				 node, s);
	kfree(s);
	return ret;
}

/**
 * xpb_publish_roots() - write the guest's root buses (root-N, root_num)
 * @be: the guest's backend
 *
 * One virtual bus, or every real bus it has a function on.
 *
 * Return: 0 or the xenstore write's errno.
 */
int xpb_publish_roots(struct xpb_backend *be)
{
	u32 roots[XPB_BE_FNS];
	unsigned int i, j, n = 0;
	int ret;

	if (!be->passthrough) {
		roots[n++] = 0;
	} else {
		spin_lock_irq(&be->fns_lock);
		for (i = 0; i < be->nfns; i++) {
			u32 r = (u32)be->fns[i].domain << 8 | be->fns[i].bus;

			for (j = 0; j < n && roots[j] != r; j++)
				;
			if (j == n)
				roots[n++] = r;
		}
		spin_unlock_irq(&be->fns_lock);
	}
	for (i = 0; i < n; i++) {
		ret = xpb_xs_printf(be, "root", i, "%04x:%02x", roots[i] >> 8,
				    roots[i] & 0xff);
		if (ret)
			return ret;
	}
	return xenbus_printf(XBT_NIL, be->xdev->nodename, "root_num", "%u", n);
}

/**
 * xpb_apply_list() - export or take back what libxl's list asks for
 * @be: the guest's backend; its lock held
 * @hotplug: a reconfiguration (state-N 5, take back, is honoured too)
 *
 * Exports every function with state-N 1; on @hotplug takes back every
 * one with state-N 5.  Publishes the root buses when anything changed.
 *
 * Return: 0, or the errno of a malformed list or a failed write.
 */
int xpb_apply_list(struct xpb_backend *be, bool hotplug)
{
	struct xenbus_device *xdev = be->xdev;
	struct xpb_vfn_map map;
	bool changed = false;
	struct xpb_slot slot;
	int num, i, st, ret;

	if (xenbus_scanf(XBT_NIL, xdev->nodename, "num_devs", "%d", &num) != 1 ||
	    num < 0 || num > XPB_BE_FNS) {
		xenbus_dev_fatal(xdev, -EINVAL, "num_devs missing or out of range");
		return -EINVAL;
	}
	for (i = 0; i < num; i++) {
		st = xpb_xs_int(be, "state", i);
		if (st != XenbusStateInitialising &&
		    !(hotplug && st == XenbusStateClosing))
			continue;
		ret = xpb_xs_slot(be, i, &slot);
		if (ret)
			return ret;
		if (st == XenbusStateInitialising) {
			/*
			 * A refused function stays out and is tried again at
			 * the next reconfiguration; the guest keeps the rest.
			 * pcifront reads vdev-N of every function libxl
			 * detaches, so a refused one gets an address on no
			 * root bus the guest has: detaching it is a no-op.
			 */
			if (xpb_export(be, &slot, &map)) {
				/* unchanged, no write: no new watch event */
				if (xpb_xs_is(be, "vdev", i, XPB_VDEV_NONE))
					continue;
				ret = xpb_xs_printf(be, "vdev", i, "%s",
						    XPB_VDEV_NONE);
				if (ret)
					return ret;
				continue;
			}
			ret = xpb_xs_printf(be, "vdev", i, "%04x:%02x:%02x.%02x",
					    map.domain, map.bus,
					    PCI_SLOT(map.devfn),
					    PCI_FUNC(map.devfn));
			if (ret)
				return ret;
			st = XenbusStateInitialised;
		} else {
			struct pci_dev *pdev;

			pdev = pci_get_domain_bus_and_slot(slot.domain, slot.bus,
							   PCI_DEVFN(slot.dev,
								     slot.fn));
			/* xpb_unexport() checks it is still this guest's. */
			if (pdev)
				xpb_unexport(be, pdev);
			pci_dev_put(pdev);
			st = XenbusStateClosed;
		}
		ret = xpb_xs_printf(be, "state", i, "%d", st);
		if (ret)
			return ret;
		changed = true;
	}
	/* Our own writes fire the watch again: publish only what changed. */
	return changed ? xpb_publish_roots(be) : 0;
}
