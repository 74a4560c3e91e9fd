/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xpb_hostile: a frontend for the domU that is not xen-pcifront.  It
 * speaks raw pciif to the backend of the "pci" device libxl gives the
 * guest and attacks it (tests/vm/xen/hostile/).
 */
#ifndef XH_H
#define XH_H

#include <linux/prandom.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <xen/grant_table.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/pciif.h>
#include <xen/interface/io/xenbus.h>

/* The guest-side error numbers pciif defines, as indexes for counting. */
#define XH_NERR	7	/* success .. op_failed, then "other" */

/**
 * struct xh_front - the hostile frontend's connection
 * @xdev: its xenbus device ("pci")
 * @sh: the page shared with the backend
 * @gref: its grant reference
 * @port: the event channel to the backend
 * @irq: the IRQ bound to @port
 * @domain: the target function, as the backend names it (vdev-0)
 * @bus: its bus
 * @devfn: its devfn
 * @events: events the backend sent
 * @aer_asked: AER requests the backend made (XEN_PCIB_active)
 * @be_state: the backend's xenbus state, as last seen
 * @be_wq: where the protocol abuse waits for it to change
 * @abusing: the protocol abuse drives the connection's states itself
 * @be_lost: the backend did not come back after a close
 */
struct xh_front {
	struct xenbus_device *xdev;
	struct xen_pci_sharedinfo *sh;
	grant_ref_t gref;
	evtchn_port_t port;
	int irq;
	u32 domain, bus, devfn;
	atomic64_t events;
	atomic64_t aer_asked;
	u64 found;
	enum xenbus_state be_state;
	wait_queue_head_t be_wq;
	bool abusing;
	bool be_lost;
};

/**
 * struct xh_tally - what a run of requests got back
 * @sent: requests sent
 * @err: answers by error number (-err, XH_NERR for any other)
 * @timeouts: requests the backend did not answer in time
 */
struct xh_tally {
	u64 sent;
	u64 err[XH_NERR + 1];
	u64 timeouts;
};

void xh_op(const struct xh_front *f, struct xen_pci_op *op, u32 cmd,
	   s32 offset, s32 size, u32 value);
void xh_post(struct xh_front *f, const struct xen_pci_op *op,
	     struct xh_tally *t);
int xh_wait(struct xh_front *f, struct xen_pci_op *op, struct xh_tally *t);
int xh_request(struct xh_front *f, struct xen_pci_op *op,
	       struct xh_tally *t);
void xh_tally_print(const char *what, const struct xh_tally *t, u64 ns);
int xh_publish(struct xh_front *f, const char *gref, const char *port,
	       const char *magic);
int xh_attacks_check(void);
void xh_attack(struct xh_front *f);
void xh_protocol(struct xh_front *f);

#endif /* XH_H */
