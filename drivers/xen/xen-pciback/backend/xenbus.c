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

#include "backend.h"

static bool xpb_passthrough;
module_param_named(passthrough, xpb_passthrough, bool, 0444);
MODULE_PARM_DESC(passthrough,
		 "Show guests the real PCI topology instead of one virtual bus");

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
