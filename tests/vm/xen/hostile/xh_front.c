// SPDX-License-Identifier: GPL-2.0
/*
 * xpb_hostile: the connection.  Binds to the guest's "pci" xenbus device
 * in place of xen-pcifront (which must not be loaded), shares one page
 * and an event channel with the backend as pciif says, then runs the
 * attacks in a work item once the backend is Connected.  Lines for the
 * test harness start "HOSTILE:".
 */
#define pr_fmt(fmt) "HOSTILE: " fmt

#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/workqueue.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "xh.h"

static unsigned int timeout_ms = 10000;
module_param(timeout_ms, uint, 0444);
MODULE_PARM_DESC(timeout_ms, "How long a request may stay unanswered");

static struct xh_front xh_the;
static DECLARE_WORK(xh_work, NULL);

/*
 * The backend signals the channel after each answer and when it asks an
 * AER question; this frontend answers none of those (the backend's
 * timeout is part of what is tested) and only counts them.
 */
static irqreturn_t xh_event(int irq, void *data)
{
	struct xh_front *f = data;

	atomic64_inc(&f->events);
	if (READ_ONCE(f->sh->flags) & XEN_PCIB_active)
		atomic64_inc(&f->aer_asked);
	return IRQ_HANDLED;
}

/* pciif's error numbers are 0 .. -5; anything else is counted apart */
static unsigned int xh_err_index(s32 err)
{
	return err <= 0 && err > -XH_NERR + 1 ? -err : XH_NERR;
}

/**
 * xh_post() - put a request in the page and signal the backend
 * @f: the connection
 * @op: the request
 * @t: where it is counted as sent
 */
void xh_post(struct xh_front *f, const struct xen_pci_op *op,
	     struct xh_tally *t)
{
	memcpy(&f->sh->op, op, sizeof(*op));
	/* the request is in the page before the flag says so */
	wmb();
	set_bit(_XEN_PCIF_active, (unsigned long *)&f->sh->flags);
	notify_remote_via_evtchn(f->port);
	t->sent++;
}

/**
 * xh_wait() - wait for the answer to the request in the page
 * @f: the connection
 * @op: where the answer is copied
 * @t: where its outcome is counted
 *
 * Return: 0 when answered, -ETIMEDOUT when the backend did not clear
 * the active flag within timeout_ms (the request stays in flight).
 */
int xh_wait(struct xh_front *f, struct xen_pci_op *op, struct xh_tally *t)
{
	unsigned long *flags = (unsigned long *)&f->sh->flags;
	ktime_t end = ktime_add_ms(ktime_get(), timeout_ms);

	while (test_bit(_XEN_PCIF_active, flags)) {
		if (ktime_after(ktime_get(), end)) {
			t->timeouts++;
			return -ETIMEDOUT;
		}
		cpu_relax();
		cond_resched();
	}
	/* the answer is read after the flag cleared */
	rmb();
	memcpy(op, &f->sh->op, sizeof(*op));
	t->err[xh_err_index(op->err)]++;
	/* what the backend must have counted for the function */
	if (op->err != XEN_PCI_ERR_dev_not_found)
		f->found++;
	return 0;
}

/**
 * xh_request() - send one request and wait for its answer
 * @f: the connection
 * @op: the request; the answer is copied back into it
 * @t: where the outcome is counted
 *
 * Return: 0 when answered, -ETIMEDOUT when not (see xh_wait()).
 */
int xh_request(struct xh_front *f, struct xen_pci_op *op, struct xh_tally *t)
{
	xh_post(f, op, t);
	return xh_wait(f, op, t);
}

/**
 * xh_tally_print() - one line of what a run of requests got back
 * @what: the run's name
 * @t: its tally
 * @ns: how long it took
 */
void xh_tally_print(const char *what, const struct xh_tally *t, u64 ns)
{
	u64 ms = div_u64(ns, NSEC_PER_MSEC) ?: 1;

	pr_info("%s sent %llu ok %llu not_found %llu bad_offset %llu denied %llu not_implemented %llu failed %llu other %llu timeouts %llu in %llu ms (%llu/s)\n",
		what, t->sent, t->err[0], t->err[1], t->err[2], t->err[3],
		t->err[4], t->err[5], t->err[XH_NERR], t->timeouts, ms,
		div64_u64(t->sent * MSEC_PER_SEC, ms));
}

static void xh_run(struct work_struct *work)
{
	xh_attack(&xh_the);
	pr_info("done\n");
}

/* vdev-0: the first function, as the backend names it to the guest */
static int xh_target(struct xh_front *f)
{
	unsigned int dom, bus, dev, fn;

	if (xenbus_scanf(XBT_NIL, f->xdev->otherend, "vdev-0", "%x:%x:%x.%x",
			 &dom, &bus, &dev, &fn) != 4 || dev > 31 || fn > 7)
		return -ENODEV;
	f->domain = dom;
	f->bus = bus;
	f->devfn = PCI_DEVFN(dev, fn);
	pr_info("target %04x:%02x:%02x.%u\n", dom, bus, dev, fn);
	return 0;
}

/**
 * xh_publish() - offer a ring: the frontend's nodes, as given
 * @f: the connection
 * @gref: pci-op-ref; NULL: the connection's own
 * @port: event-channel; NULL: the connection's own
 * @magic: magic
 *
 * Return: 0 or the xenstore error.
 */
int xh_publish(struct xh_front *f, const char *gref, const char *port,
	       const char *magic)
{
	char own_gref[16], own_port[16];
	struct xenbus_transaction xbt;
	int ret;

	snprintf(own_gref, sizeof(own_gref), "%u", f->gref);
	snprintf(own_port, sizeof(own_port), "%u", f->port);
	gref = gref ?: own_gref;
	port = port ?: own_port;

again:
	ret = xenbus_transaction_start(&xbt);
	if (ret)
		return ret;
	ret = xenbus_write(xbt, f->xdev->nodename, "pci-op-ref", gref) ?:
	      xenbus_write(xbt, f->xdev->nodename, "event-channel", port) ?:
	      xenbus_write(xbt, f->xdev->nodename, "magic", magic);
	if (ret) {
		xenbus_transaction_end(xbt, 1);
		return ret;
	}
	ret = xenbus_transaction_end(xbt, 0);
	if (ret == -EAGAIN)
		goto again;
	return ret;
}

static int xh_probe(struct xenbus_device *xdev, const struct xenbus_device_id *id)
{
	struct xh_front *f = &xh_the;
	void *page;
	int ret;

	if (f->xdev)
		return -EBUSY;
	f->xdev = xdev;
	ret = xenbus_setup_ring(xdev, GFP_KERNEL, &page, 1, &f->gref);
	if (ret)
		goto fail;
	f->sh = page;
	ret = xenbus_alloc_evtchn(xdev, &f->port);
	if (ret)
		goto fail_ring;
	ret = bind_evtchn_to_irqhandler(f->port, xh_event, 0, "xpb_hostile", f);
	if (ret < 0)
		goto fail_evtchn;
	f->irq = ret;
	ret = xh_publish(f, NULL, NULL, XEN_PCI_MAGIC);
	if (ret)
		goto fail_irq;
	INIT_WORK(&xh_work, xh_run);
	xenbus_switch_state(xdev, XenbusStateInitialised);
	pr_info("page %u event channel %u offered\n", f->gref, f->port);
	return 0;

fail_irq:
	unbind_from_irqhandler(f->irq, f);
	goto fail_ring;
fail_evtchn:
	xenbus_free_evtchn(xdev, f->port);
fail_ring:
	xenbus_teardown_ring(&page, 1, &f->gref);
fail:
	f->xdev = NULL;
	pr_info("no connection (%d)\n", ret);
	return ret;
}

static void xh_backend_changed(struct xenbus_device *xdev,
			       enum xenbus_state be)
{
	struct xh_front *f = &xh_the;

	WRITE_ONCE(f->be_state, be);
	wake_up(&f->be_wq);
	/* the protocol abuse moves the states itself, and waits on them */
	if (READ_ONCE(f->abusing))
		return;
	if (be == XenbusStateConnected && xdev->state == XenbusStateInitialised) {
		if (xh_target(f)) {
			pr_info("the backend names no function (vdev-0)\n");
			return;
		}
		xenbus_switch_state(xdev, XenbusStateConnected);
		schedule_work(&xh_work);
	} else if (be == XenbusStateClosing || be == XenbusStateClosed) {
		xenbus_frontend_closed(xdev);
	}
}

static void xh_remove(struct xenbus_device *xdev)
{
	struct xh_front *f = &xh_the;
	void *page = f->sh;

	cancel_work_sync(&xh_work);
	unbind_from_irqhandler(f->irq, f);
	xenbus_teardown_ring(&page, 1, &f->gref);
	f->xdev = NULL;
}

static const struct xenbus_device_id xh_ids[] = {
	{ "pci" },
	{ "" }
};

static struct xenbus_driver xh_driver = {
	.ids = xh_ids,
	.probe = xh_probe,
	.otherend_changed = xh_backend_changed,
	.remove = xh_remove,
};

static int __init xh_init(void)
{
	int ret = xh_attacks_check();

	if (ret)
		return ret;
	init_waitqueue_head(&xh_the.be_wq);
	return xenbus_register_frontend(&xh_driver);
}
module_init(xh_init);

static void __exit xh_exit(void)
{
	xenbus_unregister_driver(&xh_driver);
}
module_exit(xh_exit);

MODULE_DESCRIPTION("A hostile pciif frontend for testing xen-pciback");
MODULE_LICENSE("GPL");
