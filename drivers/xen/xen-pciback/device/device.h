/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-pciback's device room: a function pciback holds, the registry of
 * them (registry.c), its state across owners (state.c), its reset
 * (reset.c), dom0's handler on its INTx line (intx.c) and whether it
 * shares an MMIO page (conflict.c).  The backend (../backend/) hands
 * these functions to guests; the surfaces (../surface/) bind them and
 * show them.  Nothing here calls up into either.
 *
 * Locking, outermost first:
 *   xpb_backend.lock   one backend's state machine
 *   the device lock    the driver core's, around probe/remove; taken
 *                      for a reset
 *   xpb_dev.op_lock    one function: the guest's requests for it (an FLR,
 *                      a power change, VPD: slow), its reset and its hand
 *                      back; never held while waiting for a guest
 *   xpb_lock           the seized functions, the slot list and which
 *                      backend owns which function; held only briefly,
 *                      never across a reset or a guest's request, so one
 *                      guest's slow request stalls no other function
 *   xpb_backend.aer_lock  one error-recovery step asking the guest
 *   xpb_backend.fns_lock  (spinlock) the backend's function table, read
 *                      by the event channel handler
 * A function's owner changes with both its op_lock and xpb_lock held.
 */
#ifndef _XEN_PCIBACK_DEVICE_H
#define _XEN_PCIBACK_DEVICE_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/types.h>

#include "../abi/slot_list.h"
#include "../engine/cfgv.h"
#include "../ops/aer.h"
#include "../ops/policy.h"
#include "../ops/refusals.h"
#include "../ops/reset.h"
#include "../ops/reset_quirk.h"
#include "../topo/reset_scope.h"

#define XPB_NAME	"pciback"
/* The longest a step waits on one of the tests' holds (hold.c). */
#define XPB_HOLD_MAX_S	600
/* Where the administrator accepts a function that cannot be reset. */
#define XPB_NO_RESET_FILE	"/sys/bus/pci/drivers/" XPB_NAME "/allow_no_reset"
/* Selections the slot list holds (hide= plus new_slot). */
#define XPB_MAX_SLOTS	XPB_SLOT_LIST_MAX

struct xpb_backend;
struct dentry;

/**
 * struct xpb_counters - what debugfs shows of one function
 * @ops: guest requests answered
 * @fast: of those, answered from the event channel handler
 * @irq_ops: interrupt requests (enable/disable MSI, MSI-X)
 * @irq_refused: interrupt requests refused (XSA-157 rules)
 * @resets: resets done (seize, assign, do_flr, release)
 * @reset_failed: resets whose method failed
 * @reset_none: resets that could not be done: no method could be used
 *	(configuration put back only; debugfs "reset" says why)
 * @aer_asked: error-recovery steps handed to the guest
 * @aer_quarantines: times a guest lost the function in a recovery
 * @last_err: the last pciif error answered other than success
 */
struct xpb_counters {
	u64 ops;
	u64 fast;
	u64 irq_ops;
	u64 irq_refused;
	u64 resets;
	u64 reset_failed;
	u64 reset_none;
	u64 aer_asked;
	u64 aer_quarantines;
	int last_err;
};

/**
 * struct xpb_intx - dom0's handler on a function's INTx line
 * @on: installed
 * @ack: it claims the interrupts (until the line proves unshared)
 * @irq: the line it is installed on (pdev->irq then; MSI changes that)
 * @count: interrupts it claimed
 */
struct xpb_intx {
	bool on;
	bool ack;
	int irq;
	atomic64_t count;
};

/**
 * struct xpb_reset_report - the last reset pciback did or could not do
 * @what: why it was asked for ("bind", "release", "do_flr", "guest FLR");
 *	NULL: none
 * @method: the method used, XPB_RESET_NONE when none could be
 * @ret: 0, or the method's error
 * @when_ns: when (boot time)
 * @line: why none could be used, or how it failed ("" when it worked)
 */
struct xpb_reset_report {
	const char *what;
	enum xpb_reset_method method;
	int ret;
	u64 when_ns;
	char line[192];
};

/**
 * struct xpb_dev - a PCI function bound to pciback
 * @node: in the list of seized functions (xpb_lock)
 * @pdev: the function
 * @cfgv: its engine view
 * @saved: its configuration when seized, restored at every release
 * @pm_saved: configuration saved on the way into D3hot
 * @owner: the backend that exports it, or NULL (xpb_lock)
 * @owner_domid: the domain @owner serves, or last served through its
 *	hand back (xpb_lock; for this layer, which does not know the
 *	backend)
 * @intx: dom0's handler on its INTx line (intx.c)
 * @quirks: registers the quirks file opened
 * @nquirks: entries in @quirks
 * @aer: its error recovery as pciback follows it (xpb_lock)
 * @aer_saved_ok: the configuration saved at error_detected was read from
 *	a function that answered (else slot_reset puts @saved back)
 * @cnt: counters
 * @debugfs: its debugfs directory
 * @name: "pciback[dddd:bb:dd.f]", the shared-INTx handler's name
 * @ref: held by the PCI driver while bound and by whoever works on the
 *	function without xpb_lock (a guest's request, a hand back)
 * @op_lock: see the top of this file
 * @handing_back: taken from a guest, not yet reset: no export (xpb_lock)
 * @gone: unbound from pciback; what holds @ref touches nothing (op_lock)
 * @hold_reset: debugfs, for the tests only: a guest's FLR waits while
 *	it is set (at most XPB_HOLD_MAX_S), holding op_lock, as one of a
 *	device that takes long to come back would
 * @cmd_hooked: the Command the guest's last write established through
 *	the engine's hook (decode, bus mastering, MWI); 0 once released
 *	(op_lock)
 * @hold_aer: debugfs, for the tests only: error_detected waits while it
 *	is set (at most XPB_HOLD_MAX_S) before it reads the function, so
 *	that a test can make it stop answering first, as a link down would
 * @reset_last: its last reset (reset.c; op_lock)
 * @reset_owed: a guest let it go and it was not reset since (op_lock)
 * @reset_domid: that guest
 * @allow_no_reset: the administrator lets it go to another domain
 *	without a reset (op_lock)
 */
struct xpb_dev {
	struct list_head node;
	struct pci_dev *pdev;
	struct cfgv_dev *cfgv;
	struct pci_saved_state *saved;
	struct pci_saved_state *pm_saved;
	struct xpb_backend *owner;
	u16 owner_domid;
	struct xpb_intx intx;
	struct xpb_quirk_req quirks[8];
	unsigned int nquirks;
	struct xpb_aer_run aer;
	bool aer_saved_ok;
	struct xpb_counters cnt;
	struct dentry *debugfs;
	char name[24];
	struct kref ref;
	struct mutex op_lock;	/* see the top of this file */
	bool handing_back;
	bool gone;
	bool hold_reset;
	bool hold_aer;
	u16 cmd_hooked;
	struct xpb_reset_report reset_last;
	bool reset_owed;
	u16 reset_domid;
	bool allow_no_reset;
};

/* registry.c: the functions pciback holds, the slot list, page sharing */
extern struct mutex xpb_lock;
extern struct list_head xpb_devs;
struct xpb_dev *xpb_dev_find(u16 domain, u8 bus, u8 devfn);
struct xpb_dev *xpb_dev_of(struct pci_dev *pdev);
struct xpb_dev *xpb_dev_get(struct xpb_dev *dev);
struct pci_dev *xpb_idle_vf_get(struct pci_dev *pf);
void xpb_dev_put(struct xpb_dev *dev);
int xpb_slot_add(const struct xpb_sel *sel);
int xpb_slot_del(const struct xpb_sel *sel);
bool xpb_slot_listed(struct pci_dev *pdev);
ssize_t xpb_slots_show(char *buf);
int xpb_share_allow(const struct xpb_slot *slot, bool on);
bool xpb_share_allowed(struct pci_dev *pdev);
ssize_t xpb_share_show(char *buf);
__printf(2, 3) void xpb_refuse_err(struct pci_dev *pdev, const char *fmt, ...);
void xpb_refusal_clear(struct pci_dev *pdev);
ssize_t xpb_refusals_text(char *buf);

/* hold.c: the tests' holds */
void xpb_hold(struct pci_dev *pdev, const bool *hold, const char *step,
	      const char *name);

/* state.c: seize, release and reset; the engine's hooks */
int xpb_state_seize(struct xpb_dev *dev);
int xpb_state_release(struct xpb_dev *dev);
void xpb_state_unseize(struct xpb_dev *dev);
int xpb_state_reset(struct xpb_dev *dev);
int xpb_state_hooks_again(struct xpb_dev *dev);
void xpb_irqs_off(struct pci_dev *pdev);

/* reset.c: the reset a function gets, and what it got */
int xpb_reset_run(struct xpb_dev *dev, const char *what);
int xpb_reset_flr(struct xpb_dev *dev, const char *what);
void xpb_reset_after_owner(struct xpb_dev *dev, u16 domid, int ret);
void xpb_reset_done(struct xpb_dev *dev);
bool xpb_reset_refuses(struct xpb_dev *dev, u16 domid);
void xpb_reset_show(struct seq_file *m, struct xpb_dev *dev);
void xpb_reset_view_fill(struct pci_dev *pdev, struct xpb_reset_view *v);
int xpb_reset_group(struct xpb_dev *dev, const char *what);

/*
 * xpb_reset_run()'s answer when only pciback's group reset reaches the
 * function: the caller lets go of its device lock and op_lock and calls
 * xpb_reset_group().
 */
#define XPB_RESET_UNLOCKED	1

/**
 * struct xpb_group - the other functions a reset of a function hits
 * @target: the function
 * @slot: the reset is a slot reset (else a secondary bus reset)
 * @pdevs: the others, each with a reference
 * @members: what the decision sees of each (same order)
 * @n: entries in both
 * @cap: room in both
 */
struct xpb_group {
	struct pci_dev *target;
	bool slot;
	struct pci_dev **pdevs;
	struct xpb_reset_member *members;
	unsigned int n;
	unsigned int cap;
};

/* group.c: the functions a slot or bus reset also hits, and who has them */
bool xpb_group_slot(struct pci_dev *pdev);
int xpb_group_gather(struct pci_dev *pdev, struct xpb_group *g);
void xpb_group_decide(struct xpb_group *g, struct xpb_reset_view *v,
		      struct xpb_reset_decision *d);
void xpb_group_free(struct xpb_group *g);
void xpb_group_view(struct pci_dev *pdev, struct xpb_reset_view *v);
void xpb_group_show(struct seq_file *m, struct pci_dev *pdev,
		    struct xpb_reset_view *v, struct xpb_reset_decision *d);
void xpb_group_decide_now(struct pci_dev *pdev, struct xpb_reset_view *v,
			  struct xpb_reset_decision *d);

/* intx.c: dom0's handler on a guest's INTx line */
int xpb_intx_set(struct xpb_dev *dev, bool on);
void xpb_intx_follow(struct xpb_dev *dev);

/* policy.c: a function's effective policy, for the administrator */
int xpb_policy_text(struct xpb_dev *dev, enum xpb_policy_form form,
		    char *buf, size_t size);
void xpb_policy_log(struct xpb_dev *dev, u16 domid);

/* conflict.c: MMIO pages shared with another device */
int xpb_page_conflict(struct pci_dev *pdev, struct pci_dev **other);
bool xpb_page_shared_outside(struct pci_dev *pdev,
			     const struct pci_driver *ours,
			     struct pci_dev **other);
void xpb_refuse_shared(struct pci_dev *pdev, struct pci_dev *other);
void xpb_reserve_tails(struct pci_dev *pdev);

#endif /* _XEN_PCIBACK_DEVICE_H */
