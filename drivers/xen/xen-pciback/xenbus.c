// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the xenbus backend "pci", one per guest
 * (backend/pci/<domid>/0), as Xen's libxl and Linux's pcifront drive it.
 *
 * Boot: in InitWait the backend exports every function libxl lists with
 * state-N = 1 as the list grows, publishing vdev-N and the root buses;
 * once the frontend is Initialised (the list is then whole) it says
 * Initialised, maps the shared page, binds the event channel and says
 * Connected.
 * Hot-plug: libxl sets the backend's state to Reconfiguring with
 * state-N = 1 (attach) or 5 (detach); the backend acts on each, says
 * Reconfigured, and Connected again when the frontend is.
 * Restart: a frontend that closes while the device stays online (pcifront
 * unbound, the guest kexec'd) finds the backend waiting in Initialised for
 * the next one, which it connects to as at boot.
 * Removal: libxl writes online 0 and state Closing; the backend lets the
 * ring go and says Closed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/grant_table.h>
#include <xen/pci.h>
#include <xen/xenbus.h>
#include <asm/xen/hypercall.h>

#include "pciback.h"

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

/*
 * Drop a function from a backend.  Context: xpb_lock and the function's
 * op_lock held (no request of the guest's is in flight for it).
 */
static void xpb_unlink(struct xpb_backend *be, struct xpb_dev *dev)
{
	unsigned int i, v;

	lockdep_assert_held(&xpb_lock);
	lockdep_assert_held(&dev->op_lock);
	spin_lock_irq(&be->fns_lock);
	for (i = 0; i < be->nfns; i++) {
		if (be->fns[i].dev != dev)
			continue;
		be->fns[i] = be->fns[--be->nfns];
		break;
	}
	spin_unlock_irq(&be->fns_lock);
	if (!be->passthrough)
		xpb_vbus_remove(&be->vbus, pci_domain_nr(dev->pdev->bus),
				dev->pdev->bus->number, dev->pdev->devfn, &v);
	WRITE_ONCE(dev->owner, NULL);
	pci_clear_dev_assigned(dev->pdev);
	/* a recovery under way goes on without the guest; quarantine ends */
	xpb_aer_forget(&dev->aer);
	xen_unregister_device_domain_owner(dev->pdev);
	module_put(THIS_MODULE);
}

/**
 * xpb_backend_forget() - take a function away from the guest that has it
 * @dev: the function, being unbound from pciback
 *
 * The guest's later requests for it are answered "device not found".
 * The caller takes it off the list of seized functions in the same
 * critical section, so no export can give it to a guest in between.
 *
 * Context: xpb_lock and the function's op_lock held.
 */
void xpb_backend_forget(struct xpb_dev *dev)
{
	lockdep_assert_held(&xpb_lock);
	if (dev->owner) {
		pci_warn(dev->pdev, "unbound while domain %u has it: the guest loses it\n",
			 dev->owner->xdev->otherend_id);
		xpb_unlink(dev->owner, dev);
	}
}

/* vdev-N of a refused function: segment ffff, bus ff is never a root */
#define XPB_VDEV_NONE	"ffff:ff:1f.07"

/*
 * Give a function to the guest; @slot is libxl's dev-N.  A refusal is
 * reported in the guest's error node and leaves everything as it was.
 */
static int xpb_export(struct xpb_backend *be, const struct xpb_slot *slot,
		      struct xpb_vfn_map *out)
{
	struct xenbus_device *xdev = be->xdev;
	struct pci_dev *other = NULL;
	struct xpb_vfn_map map;
	struct xpb_dev *dev;
	unsigned int vdevfn;
	int ret;

	mutex_lock(&xpb_lock);
	dev = xpb_dev_find(slot->domain, slot->bus,
			   PCI_DEVFN(slot->dev, slot->fn));
	if (dev)
		xpb_dev_get(dev);
	mutex_unlock(&xpb_lock);
	if (!dev) {
		xenbus_dev_error(xdev, -ENODEV, "%04x:%02x:%02x.%u is not bound to pciback",
				 slot->domain, slot->bus, slot->dev, slot->fn);
		return -ENODEV;
	}
	/* its view is reset below: not while a reset or a switch runs */
	mutex_lock(&dev->op_lock);
	mutex_lock(&xpb_lock);
	ret = -ENODEV;
	if (dev->gone) {
		xenbus_dev_error(xdev, ret, "%s was unbound from pciback",
				 pci_name(dev->pdev));
		goto out;
	}
	ret = -EBUSY;
	if (dev->owner) {
		xenbus_dev_error(xdev, ret, "%s is already given to domain %u",
				 pci_name(dev->pdev),
				 dev->owner->xdev->otherend_id);
		goto out;
	}
	if (dev->handing_back) {
		xenbus_dev_error(xdev, ret, "%s is being reset after its last guest",
				 pci_name(dev->pdev));
		goto out;
	}
	if (xpb_reset_refuses(dev, xdev->otherend_id)) {
		xenbus_dev_error(xdev, ret, "%s was not reset since domain %u let it go",
				 pci_name(dev->pdev), dev->reset_domid);
		goto out;
	}
	if (!xpb_share_allowed(dev->pdev) &&
	    xpb_page_conflict(dev->pdev, &other) == -EBUSY) {
		xpb_refuse_shared(dev->pdev, other);
		xenbus_dev_error(xdev, ret, "%s shares a page with %s",
				 pci_name(dev->pdev), pci_name(other));
		pci_dev_put(other);
		goto out;
	}
	ret = -ENOSPC;
	if (be->nfns == XPB_BE_FNS) {
		xenbus_dev_error(xdev, ret, "domain %u has %u functions already",
				 xdev->otherend_id, XPB_BE_FNS);
		goto out;
	}
	map.dev = dev;
	if (be->passthrough) {
		map.domain = pci_domain_nr(dev->pdev->bus);
		map.bus = dev->pdev->bus->number;
		map.devfn = dev->pdev->devfn;
	} else {
		struct xpb_vfn f = {
			.domain = pci_domain_nr(dev->pdev->bus),
			.bus = dev->pdev->bus->number,
			.devfn = dev->pdev->devfn,
			.virtfn = dev->pdev->is_virtfn,
		};

		ret = xpb_vbus_add(&be->vbus, &f, &vdevfn);
		if (ret) {
			xenbus_dev_error(xdev, ret, "no room for %s on the virtual bus",
					 pci_name(dev->pdev));
			goto out;
		}
		map.domain = 0;
		map.bus = 0;
		map.devfn = vdevfn;
	}
	/* A fresh view: BARs as they are now, no earlier guest's writes. */
	ret = cfgv_reset(dev->cfgv);
	if (ret) {
		xenbus_dev_error(xdev, ret, "%s: config-space view not reset",
				 pci_name(dev->pdev));
		goto out_vbus;
	}
	ret = xen_register_device_domain_owner(dev->pdev, xdev->otherend_id);
	if (ret == -EEXIST) {
		xen_unregister_device_domain_owner(dev->pdev);
		ret = xen_register_device_domain_owner(dev->pdev,
						       xdev->otherend_id);
	}
	if (ret) {
		xenbus_dev_error(xdev, ret, "registering domain %u as %s's owner",
				 xdev->otherend_id, pci_name(dev->pdev));
		goto out_vbus;
	}
	spin_lock_irq(&be->fns_lock);
	be->fns[be->nfns++] = map;
	spin_unlock_irq(&be->fns_lock);
	WRITE_ONCE(dev->owner, be);	/* read under op_lock alone */
	/*
	 * Assigned: a PF driver asked to disable SR-IOV sees a guest's VF
	 * in use (pci_vfs_assigned()) and refuses, as for vfio and upstream.
	 */
	pci_set_dev_assigned(dev->pdev);
	/* rmmod is refused ("in use") while a guest has a function. */
	__module_get(THIS_MODULE);
	pci_info(dev->pdev, "given to domain %u as %04x:%02x:%02x.%u\n",
		 xdev->otherend_id, map.domain, map.bus, PCI_SLOT(map.devfn),
		 PCI_FUNC(map.devfn));
	*out = map;
	ret = 0;
	goto out;
out_vbus:
	if (!be->passthrough)
		xpb_vbus_remove(&be->vbus, pci_domain_nr(dev->pdev->bus),
				dev->pdev->bus->number, dev->pdev->devfn,
				&vdevfn);
out:
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);
	xpb_dev_put(dev);
	return ret;
}

/*
 * Take a function back from the guest and release it.  @pdev (a
 * reference the caller holds) names it: the function is looked up under
 * xpb_lock each time, never carried across an unlock, since an unbind
 * may free it in between.
 */
static void xpb_unexport(struct xpb_backend *be, struct pci_dev *pdev)
{
	struct xpb_dev *dev;
	bool mine;
	int ret;

	mutex_lock(&xpb_lock);
	dev = xpb_dev_of(pdev);
	if (dev && dev->owner == be)
		xpb_dev_get(dev);
	else
		dev = NULL;
	mutex_unlock(&xpb_lock);
	if (!dev)
		return;

	/*
	 * The guest loses it at once: a request in flight finishes, later
	 * ones find nothing.  No other guest may have it until it is reset.
	 */
	mutex_lock(&dev->op_lock);
	mutex_lock(&xpb_lock);
	mine = dev->owner == be;
	if (mine) {
		xpb_unlink(be, dev);
		dev->handing_back = true;
	}
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);

	/*
	 * The reset needs the device lock, which comes before op_lock (an
	 * unbind holds it while it waits for op_lock); an unbind meanwhile
	 * has released the function itself.
	 */
	if (mine) {
		pci_dev_lock(pdev);
		mutex_lock(&dev->op_lock);
		if (!dev->gone) {
			ret = xpb_state_release(dev);
			xpb_reset_after_owner(dev, be->xdev->otherend_id, ret);
			pci_info(pdev, "taken back from domain %u%s\n",
				 be->xdev->otherend_id,
				 ret ? ", not reset" : " and reset");
		}
		mutex_lock(&xpb_lock);
		dev->handing_back = false;
		mutex_unlock(&xpb_lock);
		mutex_unlock(&dev->op_lock);
		pci_dev_unlock(pdev);
	}
	xpb_dev_put(dev);
}

static void xpb_unexport_all(struct xpb_backend *be)
{
	struct pci_dev *pdev;

	for (;;) {
		/* a function in @fns is alive: unbind unlinks it first */
		spin_lock_irq(&be->fns_lock);
		pdev = be->nfns ? pci_dev_get(be->fns[0].dev->pdev) : NULL;
		spin_unlock_irq(&be->fns_lock);
		if (!pdev)
			return;
		xpb_unexport(be, pdev);
		pci_dev_put(pdev);
	}
}

/* The guest's root buses: one virtual bus, or every real bus it has. */
static int xpb_publish_roots(struct xpb_backend *be)
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

/* Export (state-N 1) or take back (state-N 5) what libxl asks for. */
static int xpb_apply_list(struct xpb_backend *be, bool hotplug)
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

static void xpb_disconnect(struct xpb_backend *be)
{
	/* An error-recovery step waiting for the guest gives up first. */
	xpb_aer_abort(be);
	if (be->irq) {
		/* No new request; the one in flight finishes. */
		disable_irq(be->irq);
		flush_work(&be->work);
		unbind_from_irqhandler(be->irq, be);
		be->irq = 0;
	}
	if (be->sh) {
		xenbus_unmap_ring_vfree(be->xdev, be->sh);
		be->sh = NULL;
	}
}

static void xpb_connect(struct xpb_backend *be)
{
	struct xenbus_device *xdev = be->xdev;
	unsigned int gref, port;
	void *page;
	char *magic;
	int ret;

	if (be->irq || xdev->state != XenbusStateInitialised)
		return;
	ret = xenbus_gather(XBT_NIL, xdev->otherend, "pci-op-ref", "%u", &gref,
			    "event-channel", "%u", &port, NULL);
	if (ret) {
		xenbus_dev_fatal(xdev, ret, "reading pci-op-ref and event-channel");
		return;
	}
	magic = xenbus_read(XBT_NIL, xdev->otherend, "magic", NULL);
	if (IS_ERR(magic) || strcmp(magic, XEN_PCI_MAGIC)) {
		xenbus_dev_fatal(xdev, -EPROTO, "frontend's magic \"%s\" is not \"%s\"",
				 IS_ERR(magic) ? "" : magic, XEN_PCI_MAGIC);
		if (!IS_ERR(magic))
			kfree(magic);
		return;
	}
	kfree(magic);
	ret = xenbus_map_ring_valloc(xdev, &gref, 1, &page);
	if (ret)
		return;
	be->sh = page;
	/* a new ring: nothing of the old one is in flight */
	clear_bit(XPB_OP_IN_FLIGHT, &be->flags);
	ret = bind_interdomain_evtchn_to_irqhandler_lateeoi(xdev, port,
							    xpb_evtchn_handler,
							    0, XPB_NAME, be);
	if (ret < 0) {
		xenbus_dev_fatal(xdev, ret, "binding event channel %u", port);
		xpb_disconnect(be);
		return;
	}
	be->irq = ret;
	xpb_aer_resume_asking(be);
	xenbus_switch_state(xdev, XenbusStateConnected);
}

/*
 * libxl set the backend Reconfiguring.  A connected frontend first drops
 * the functions being detached and says Reconfiguring itself; only then
 * are they taken back, so no driver in the guest still uses them.
 */
static void xpb_reconfigure(struct xpb_backend *be)
{
	struct xenbus_device *xdev = be->xdev;

	if (xenbus_read_driver_state(xdev->nodename) != XenbusStateReconfiguring ||
	    xenbus_read_driver_state(xdev->otherend) == XenbusStateConnected)
		return;
	if (!xpb_apply_list(be, true))
		xenbus_switch_state(xdev, XenbusStateReconfigured);
}

/*
 * While a domain is built libxl adds its functions one transaction at a
 * time, and the guest runs only once all are in: export what is listed
 * on every change, and leave InitWait when the frontend is Initialised.
 */
static void xpb_setup(struct xpb_backend *be)
{
	struct xenbus_device *xdev = be->xdev;

	if (be->exported || xpb_apply_list(be, false) ||
	    xenbus_read_driver_state(xdev->otherend) != XenbusStateInitialised ||
	    xpb_publish_roots(be))
		return;
	be->exported = true;
	xenbus_switch_state(xdev, XenbusStateInitialised);
	xpb_connect(be);
}

/* The backend's own directory changed: libxl's list or its state. */
static void xpb_be_watch(struct xenbus_watch *watch, const char *path,
			 const char *token)
{
	struct xpb_backend *be = container_of(watch, struct xpb_backend, watch);
	struct xenbus_device *xdev = be->xdev;

	mutex_lock(&be->lock);
	switch (xenbus_read_driver_state(xdev->nodename)) {
	case XenbusStateInitWait:
		xpb_setup(be);
		break;
	case XenbusStateReconfiguring:
		xpb_reconfigure(be);
		break;
	case XenbusStateClosing:
		/*
		 * libxl removes the device: online 0, state Closing, then it
		 * waits for Closed.  The frontend may be gone already.
		 */
		if (!xenbus_dev_is_online(xdev)) {
			xpb_disconnect(be);
			xenbus_switch_state(xdev, XenbusStateClosed);
		}
		break;
	default:
		break;
	}
	mutex_unlock(&be->lock);
}

/*
 * Whether the frontend's advertised event channel is still the one this
 * backend is bound to.  A new frontend instance (a rebound pcifront, a
 * kexec'd kernel) allocates a fresh, unbound channel, often under the
 * same port number, and its Closed may never be seen here when xenwatch
 * runs late: the state of the channel itself tells the two apart.
 */
static bool xpb_fe_channel_ours(struct xpb_backend *be)
{
	struct xenbus_device *xdev = be->xdev;
	struct evtchn_status st = { .dom = xdev->otherend_id };

	if (xenbus_scanf(XBT_NIL, xdev->otherend, "event-channel", "%u",
			 &st.port) != 1 ||
	    HYPERVISOR_event_channel_op(EVTCHNOP_status, &st))
		return false;
	/* offered to this backend only: bound means bound here */
	return st.status == EVTCHNSTAT_interdomain;
}

/*
 * The frontend (re)starts.  pcifront treats a backend it finds Closed at
 * that moment as going away and closes again, so the backend waits for
 * a new frontend in Initialised, never in Closed; one still bound to a
 * previous frontend's ring lets it go first.
 */
static void xpb_fe_start(struct xpb_backend *be, enum xenbus_state fe)
{
	struct xenbus_device *xdev = be->xdev;

	if (be->irq && fe == XenbusStateInitialised && !xpb_fe_channel_ours(be)) {
		dev_info(&xdev->dev, "frontend of domain %u restarted: reconnecting\n",
			 xdev->otherend_id);
		xpb_disconnect(be);
	}
	if (be->exported && !be->irq)
		xenbus_switch_state(xdev, XenbusStateInitialised);
	if (fe != XenbusStateInitialised)
		return;
	if (be->exported)
		xpb_connect(be);
	else
		xpb_setup(be);
}

static void xpb_fe_changed(struct xenbus_device *xdev,
			   enum xenbus_state fe)
{
	struct xpb_backend *be = dev_get_drvdata(&xdev->dev);

	mutex_lock(&be->lock);
	switch (fe) {
	case XenbusStateInitialising:
	case XenbusStateInitialised:
		xpb_fe_start(be, fe);
		break;
	case XenbusStateConnected:
		if (xdev->state == XenbusStateReconfigured)
			xenbus_switch_state(xdev, XenbusStateConnected);
		else
			xpb_connect(be);
		break;
	case XenbusStateReconfiguring:
		xpb_reconfigure(be);
		break;
	case XenbusStateClosing:
		xpb_disconnect(be);
		xenbus_switch_state(xdev, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		xpb_disconnect(be);
		xenbus_switch_state(xdev, XenbusStateClosed);
		if (!xenbus_dev_is_online(xdev))
			goto gone;
		/* the guest may bind a frontend again: be ready for it */
		xenbus_switch_state(xdev, be->exported ? XenbusStateInitialised :
					  XenbusStateInitWait);
		break;
	case XenbusStateUnknown:
		goto gone;
	default:
		break;
	}
	mutex_unlock(&be->lock);
	return;
gone:
	mutex_unlock(&be->lock);
	device_unregister(&xdev->dev);
}

static void xpb_backend_free(struct kref *ref)
{
	kfree(container_of(ref, struct xpb_backend, ref));
}

/**
 * xpb_backend_put() - drop a reference to a backend
 * @be: the backend; freed with the last reference
 */
void xpb_backend_put(struct xpb_backend *be)
{
	kref_put(&be->ref, xpb_backend_free);
}

static int xpb_be_probe(struct xenbus_device *xdev,
			const struct xenbus_device_id *id)
{
	struct xpb_backend *be;
	int ret;

	be = kzalloc(sizeof(*be), GFP_KERNEL);
	if (!be)
		return -ENOMEM;
	be->xdev = xdev;
	kref_init(&be->ref);
	be->passthrough = xpb_passthrough;
	mutex_init(&be->lock);
	spin_lock_init(&be->fns_lock);
	mutex_init(&be->aer_lock);
	init_waitqueue_head(&be->aer_wq);
	be->aer_abort = true;
	INIT_WORK(&be->work, xpb_op_work);
	dev_set_drvdata(&xdev->dev, be);
	ret = xenbus_switch_state(xdev, XenbusStateInitWait);
	if (ret)
		goto fail;
	/* Fires once now, then at every change libxl makes. */
	ret = xenbus_watch_pathfmt(xdev, &be->watch, NULL, xpb_be_watch, "%s",
				   xdev->nodename);
	if (ret)
		goto fail;
	be->watching = true;
	return 0;
fail:
	dev_set_drvdata(&xdev->dev, NULL);
	kfree(be);
	return ret;
}

static void xpb_be_remove(struct xenbus_device *xdev)
{
	struct xpb_backend *be = dev_get_drvdata(&xdev->dev);

	if (!be)
		return;
	if (be->watching) {
		unregister_xenbus_watch(&be->watch);
		kfree(be->watch.node);
	}
	mutex_lock(&be->lock);
	xpb_disconnect(be);
	xpb_unexport_all(be);
	mutex_unlock(&be->lock);
	dev_set_drvdata(&xdev->dev, NULL);
	/* an error-recovery step may still hold it (see aer.c) */
	xpb_backend_put(be);
}

static const struct xenbus_device_id xpb_be_ids[] = {
	{ "pci" },
	{ "" }
};

static struct xenbus_driver xpb_xenbus_driver = {
	.name = "xen-pciback",
	.ids = xpb_be_ids,
	.probe = xpb_be_probe,
	.remove = xpb_be_remove,
	.otherend_changed = xpb_fe_changed,
};

/**
 * xpb_xenbus_init() - register the "pci" backend
 *
 * Return: 0 or a negative errno.
 */
int xpb_xenbus_init(void)
{
	return xenbus_register_backend(&xpb_xenbus_driver);
}

/**
 * xpb_xenbus_exit() - unregister it; every guest loses its functions
 */
void xpb_xenbus_exit(void)
{
	xenbus_unregister_driver(&xpb_xenbus_driver);
}
