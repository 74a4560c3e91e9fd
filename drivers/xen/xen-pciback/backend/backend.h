/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-pciback's backend room: one guest's "pci" backend device.  The
 * xenbus state machine (xenbus.c) follows libxl and the frontend, applies
 * libxl's list (devlist.c), exports and takes back functions (export.c),
 * answers the guest's requests (dispatch.c) and asks it through error
 * recoveries (aer.c).  It uses the device room below and nothing above.
 * Locking: see ../device/device.h.
 */
#ifndef _XEN_PCIBACK_BACKEND_H
#define _XEN_PCIBACK_BACKEND_H

#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/interface/io/pciif.h>
#include <xen/xenbus.h>

#include "../device/device.h"
#include "../topo/vbus.h"

/* Functions one guest may be given (the virtual bus has 32 x 8 places). */
#define XPB_BE_FNS	(XPB_VBUS_SLOTS * XPB_VBUS_FUNCS)

/**
 * struct xpb_vfn_map - a function as one guest addresses it
 * @dev: the function
 * @domain: guest-visible PCI segment
 * @bus: guest-visible bus
 * @devfn: guest-visible device and function numbers
 */
struct xpb_vfn_map {
	struct xpb_dev *dev;
	u16 domain;
	u8 bus;
	u8 devfn;
};

/**
 * struct xpb_backend - one guest's "pci" backend device
 * @xdev: the xenbus device (backend/pci/<domid>/0)
 * @lock: state machine and slow requests
 * @fns_lock: @fns and @nfns, for the event channel handler
 * @fns: functions the guest has
 * @nfns: entries in @fns
 * @vbus: the virtual bus (passthrough=0)
 * @passthrough: real topology for this guest (passthrough=1 at probe)
 * @watch: on the backend's own xenstore directory
 * @watching: @watch is registered
 * @sh: the shared page, mapped
 * @irq: the event channel's interrupt, or 0
 * @op: the request being answered, copied out of @sh (XSA-155)
 * @entries: its MSI-X entries as the PCI core takes them
 * @work: answers requests that may sleep
 * @flags: XPB_OP_IN_FLIGHT: @op holds a request not yet answered
 * @overlaps: events that came while a request was in flight (ignored)
 * @exported: the list libxl wrote at creation is whole and exported, the
 *	backend has left InitWait
 * @aer_lock: held by an error-recovery step while it asks the guest
 * @aer_wq: where that step waits for the guest's answer
 * @aer_abort: the frontend is going away or not connected: ask nothing
 * @ref: held by the xenbus device and by an error-recovery step asking
 *	the guest
 */
struct xpb_backend {
	struct xenbus_device *xdev;
	struct mutex lock;	/* see the top of this file */
	spinlock_t fns_lock;	/* see the top of this file */
	struct xpb_vfn_map fns[XPB_BE_FNS];
	unsigned int nfns;
	struct xpb_vbus vbus;
	bool passthrough;
	struct xenbus_watch watch;
	bool watching;
	struct xen_pci_sharedinfo *sh;
	int irq;
	struct xen_pci_op op;
	struct msix_entry entries[SH_INFO_MAX_VEC];
	struct work_struct work;
	unsigned long flags;
	u64 overlaps;
	bool exported;
	struct mutex aer_lock;	/* see the top of this file */
	wait_queue_head_t aer_wq;
	bool aer_abort;
	struct kref ref;
};

/* xpb_backend.flags: a request is being answered (upstream: op_active) */
#define XPB_OP_IN_FLIGHT	0

/* The shared page's flags word, for the bit operations. */
static inline unsigned long *xpb_sh_flags(struct xpb_backend *be)
{
	return (unsigned long *)&be->sh->flags;
}

/* xenbus.c: the backend driver */
int xpb_xenbus_init(void);
void xpb_xenbus_exit(void);

/* backend.c: its lifetime */
void xpb_backend_put(struct xpb_backend *be);

/* export.c: handing functions to the guest and taking them back */
extern bool xpb_hold_export;
int xpb_export(struct xpb_backend *be, const struct xpb_slot *slot,
	       struct xpb_vfn_map *out);
void xpb_unexport(struct xpb_backend *be, struct pci_dev *pdev);
void xpb_unexport_all(struct xpb_backend *be);
void xpb_backend_forget(struct xpb_dev *dev);

/* devlist.c: libxl's list in xenstore */
int xpb_apply_list(struct xpb_backend *be, bool hotplug);
int xpb_publish_roots(struct xpb_backend *be);

/* dispatch.c: answering requests */
irqreturn_t xpb_evtchn_handler(int irq, void *data);
void xpb_op_work(struct work_struct *work);

/* aer.c: error recovery with the guest */
extern const struct pci_error_handlers xpb_err_handlers;
bool xpb_aer_wake(struct xpb_backend *be);
void xpb_aer_abort(struct xpb_backend *be);
void xpb_aer_resume_asking(struct xpb_backend *be);

#endif /* _XEN_PCIBACK_BACKEND_H */
