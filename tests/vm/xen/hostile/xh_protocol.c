// SPDX-License-Identifier: GPL-2.0
/*
 * xpb_hostile: protocol abuse.  The frontend misuses the connection
 * itself: AER answers nobody asked for, its xenbus state moved backwards
 * and in loops, a close with a request in flight, and offers of a bogus
 * grant reference, a bogus event channel and a wrong magic.  The backend
 * must refuse each bad offer (it goes Closing), come back when the
 * frontend closes, and take the good offer after; each step ends with a
 * read of the vendor ID that must be answered, and right.
 */
#define pr_fmt(fmt) "HOSTILE: " fmt

#include <linux/jiffies.h>
#include <linux/pci_regs.h>
#include <linux/wait.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "xh.h"

/* How long the backend may take to follow one state change. */
#define XH_STATE_MS	30000
/* AER answers sent unasked, state loops gone round. */
#define XH_AER_UNASKED	1000
#define XH_LOOPS	20

/* The backend reached @want; false, with a line, if not in time. */
static bool xh_backend_is(struct xh_front *f, const char *step,
			  enum xenbus_state want)
{
	if (wait_event_timeout(f->be_wq, READ_ONCE(f->be_state) == want,
			       msecs_to_jiffies(XH_STATE_MS)))
		return true;
	pr_info("protocol: %s: backend %s, not %s\n", step,
		xenbus_strstate(READ_ONCE(f->be_state)), xenbus_strstate(want));
	return false;
}

static void xh_vendor_op(const struct xh_front *f, struct xen_pci_op *op)
{
	xh_op(f, op, XEN_PCI_OP_conf_read, PCI_VENDOR_ID, 2, 0);
}

/* One line with the answer to @op (a vendor ID read) or its absence. */
static void xh_report(const char *step, int ret, const struct xen_pci_op *op)
{
	if (ret)
		pr_info("protocol: %s: not answered\n", step);
	else
		pr_info("protocol: %s: answered err %d vendor 0x%04x\n", step,
			(int)op->err, op->value);
}

/* Read the vendor ID: the backend answers, and right. */
static void xh_check(struct xh_front *f, const char *step,
		     struct xh_tally *t)
{
	struct xen_pci_op op;

	xh_vendor_op(f, &op);
	xh_report(step, xh_request(f, &op, t), &op);
}

static void xh_aer_unasked(struct xh_front *f, struct xh_tally *t)
{
	unsigned long *flags = (unsigned long *)&f->sh->flags;
	unsigned int i;

	for (i = 0; i < XH_AER_UNASKED; i++) {
		f->sh->aer_op.cmd = XEN_PCI_OP_aer_detected + i % 4;
		f->sh->aer_op.err = i;
		f->sh->aer_op.domain = f->domain;
		f->sh->aer_op.bus = f->bus;
		f->sh->aer_op.devfn = f->devfn;
		set_bit(_XEN_PCIB_AERHANDLER, flags);
		if (i & 1)
			set_bit(_XEN_PCIB_active, flags);
		else
			clear_bit(_XEN_PCIB_active, flags);
		notify_remote_via_evtchn(f->port);
	}
	clear_bit(_XEN_PCIB_active, flags);
	clear_bit(_XEN_PCIB_AERHANDLER, flags);
	xh_check(f, "aer answers nobody asked for", t);
}

/* Backwards and round: none of it is a reason to drop the connection. */
static const enum xenbus_state xh_loop[] = {
	XenbusStateInitialising, XenbusStateConnected,
	XenbusStateInitialised, XenbusStateConnected,
	XenbusStateInitWait, XenbusStateReconfiguring,
	XenbusStateReconfigured,
	XenbusStateReconfigured + 1,	/* no such state */
	XenbusStateConnected,
};

static void xh_state_loops(struct xh_front *f, struct xh_tally *t)
{
	unsigned int r, i;

	for (r = 0; r < XH_LOOPS; r++)
		for (i = 0; i < ARRAY_SIZE(xh_loop); i++)
			xenbus_switch_state(f->xdev, xh_loop[i]);
	xh_check(f, "state moved backwards and in loops", t);
}

/*
 * Close: the backend lets the ring go and waits for a new frontend.  A
 * backend that does not come back ends the abuse: every later step
 * starts with a close, and would only wait as long again.
 */
static bool xh_close(struct xh_front *f, const char *step)
{
	if (f->be_lost) {
		pr_info("protocol: %s: not run: the backend did not come back after a close\n",
			step);
		return false;
	}
	xenbus_switch_state(f->xdev, XenbusStateClosing);
	if (!xh_backend_is(f, step, XenbusStateClosing))
		return false;
	xenbus_switch_state(f->xdev, XenbusStateClosed);
	f->be_lost = !xh_backend_is(f, step, XenbusStateInitialised);
	return !f->be_lost;
}

/* Offer a ring (the nodes as given, NULL: the real), say Initialised. */
static int xh_offer(struct xh_front *f, const char *gref, const char *port,
		    const char *magic)
{
	int ret = xh_publish(f, gref, port, magic);

	if (!ret)
		xenbus_switch_state(f->xdev, XenbusStateInitialised);
	return ret;
}

/* Offer the real ring again and connect. */
static bool xh_reconnect(struct xh_front *f, const char *step)
{
	if (xh_offer(f, NULL, NULL, XEN_PCI_MAGIC) ||
	    !xh_backend_is(f, step, XenbusStateConnected))
		return false;
	xenbus_switch_state(f->xdev, XenbusStateConnected);
	return true;
}

/*
 * A request in the page across a close: posted without a signal (the
 * backend finds it when it maps the page again), or signalled right
 * before the close (answered before it, or after the reconnect).
 */
static void xh_inflight(struct xh_front *f, const char *step, bool signal,
			struct xh_tally *t)
{
	unsigned long *flags = (unsigned long *)&f->sh->flags;
	struct xen_pci_op op;
	int ret = -ENOTCONN;

	xh_vendor_op(f, &op);
	if (signal) {
		xh_post(f, &op, t);
	} else {
		memcpy(&f->sh->op, &op, sizeof(op));
		wmb();	/* the request is in the page before the flag */
		set_bit(_XEN_PCIF_active, flags);
		t->sent++;
	}
	if (xh_close(f, step) && xh_reconnect(f, step)) {
		if (test_bit(_XEN_PCIF_active, flags))
			notify_remote_via_evtchn(f->port);
		ret = xh_wait(f, &op, t);
	}
	xh_report(step, ret, &op);
}

/* Offers the backend must refuse, each after a close. */
static const struct {
	const char *what;
	const char *gref;	/* NULL: the real one */
	const char *port;	/* NULL: the real one */
	const char *magic;
} xh_bad_offers[] = {
	{ "a grant reference out of range", "4294963200", NULL, XEN_PCI_MAGIC },
	{ "a grant reference that is no number", "ring", NULL, XEN_PCI_MAGIC },
	{ "an event channel that does not exist", NULL, "4294963200", XEN_PCI_MAGIC },
	{ "a wrong magic", NULL, NULL, "6" },
};

static void xh_bad_offer(struct xh_front *f, unsigned int i)
{
	char step[80];

	snprintf(step, sizeof(step), "offer of %s", xh_bad_offers[i].what);
	if (!xh_close(f, step) ||
	    xh_offer(f, xh_bad_offers[i].gref, xh_bad_offers[i].port,
		     xh_bad_offers[i].magic))
		return;
	if (xh_backend_is(f, step, XenbusStateClosing))
		pr_info("protocol: %s: refused (backend Closing)\n", step);
}

/**
 * xh_protocol() - abuse the protocol; the connection is whole after it
 * @f: the connection, Connected
 */
void xh_protocol(struct xh_front *f)
{
	struct xh_tally t = { };
	unsigned int i;
	ktime_t t0 = ktime_get();

	WRITE_ONCE(f->be_state, xenbus_read_driver_state(f->xdev->otherend));
	WRITE_ONCE(f->abusing, true);
	xh_aer_unasked(f, &t);
	xh_state_loops(f, &t);
	xh_inflight(f, "a request posted, then a close and a reconnect",
		    false, &t);
	xh_inflight(f, "a request signalled, then a close at once", true, &t);
	for (i = 0; i < ARRAY_SIZE(xh_bad_offers); i++)
		xh_bad_offer(f, i);
	if (xh_close(f, "a good offer after the bad ones") &&
	    xh_reconnect(f, "a good offer after the bad ones"))
		xh_check(f, "a good offer after the bad ones", &t);
	WRITE_ONCE(f->abusing, false);
	xh_tally_print("protocol:", &t, ktime_to_ns(ktime_sub(ktime_get(), t0)));
}
