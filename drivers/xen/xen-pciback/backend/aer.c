// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: PCI error recovery with the guest in it.
 *
 * Dom0's AER driver calls pciback's error handlers for a seized
 * function.  Each step is handed to the guest that has the function
 * through the shared page (aer_op, _XEN_PCIB_active), where pcifront
 * calls the guest driver's own handler and sends back its answer on the
 * event channel; the answer goes on to dom0's recovery.  The wait is
 * bounded (aer_timeout_ms).  A guest that cannot take part (no handler,
 * no answer in time, an answer no driver may give) loses the function:
 * it is quarantined (the guest's config requests find nothing, decode
 * and bus mastering are off) and the domain is asked to power off the
 * way "xl shutdown" asks it; dom0 then recovers the function as an idle
 * one, so the other functions on the link recover as usual.  The rules
 * are in ops/aer.c; every step is logged once and traced.
 *
 * Locking: the AER driver holds the device lock around each callback.
 * The guest is asked under the backend's aer_lock, with a reference to
 * the backend taken under xpb_lock; nothing else is held while waiting
 * (the guest's handler may make requests that need xpb_lock).  A
 * frontend that goes away wakes the waiter (aer_abort) and waits for it
 * to leave aer_lock before the shared page is unmapped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "backend.h"

#define CREATE_TRACE_POINTS
#include <trace/events/xen_pciback_aer.h>

#define XPB_AER_TIMEOUT_MIN	100
#define XPB_AER_TIMEOUT_MAX	300000

static unsigned int xpb_aer_timeout_ms = 10000;
static int aer_timeout_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_uint_minmax(val, kp, XPB_AER_TIMEOUT_MIN,
					XPB_AER_TIMEOUT_MAX);

	if (ret)
		pr_err("aer_timeout_ms=%.*s: want milliseconds from %u to %u\n",
		       (int)strcspn(val, "\n"), val, XPB_AER_TIMEOUT_MIN,
		       XPB_AER_TIMEOUT_MAX);
	return ret;
}

static const struct kernel_param_ops aer_timeout_ops = {
	.set = aer_timeout_set,
	.get = param_get_uint,
};
module_param_cb(aer_timeout_ms, &aer_timeout_ops, &xpb_aer_timeout_ms, 0644);
MODULE_PARM_DESC(aer_timeout_ms,
		 "How long an error-recovery step waits for the guest's answer (100-300000 ms, default 10000); a guest that does not answer in time loses the function and is asked to power off");

/* pciif's command for each step. */
static const u32 xpb_aer_cmds[XPB_AER_NSTEPS] = {
	[XPB_AER_DETECTED] = XEN_PCI_OP_aer_detected,
	[XPB_AER_MMIO] = XEN_PCI_OP_aer_mmio,
	[XPB_AER_SLOT_RESET] = XEN_PCI_OP_aer_slotreset,
	[XPB_AER_RESUME] = XEN_PCI_OP_aer_resume,
};

/* The guest's address of @dev in @be.  Context: xpb_lock held. */
static bool xpb_aer_where(struct xpb_backend *be, struct xpb_dev *dev,
			  struct xpb_vfn_map *where)
{
	unsigned int i;
	bool found = false;

	spin_lock_irq(&be->fns_lock);
	for (i = 0; i < be->nfns && !found; i++) {
		if (be->fns[i].dev == dev) {
			*where = be->fns[i];
			found = true;
		}
	}
	spin_unlock_irq(&be->fns_lock);
	return found;
}

/* Hand one step to the guest and wait for its answer. */
static enum xpb_aer_reply xpb_aer_ask_guest(struct xpb_backend *be,
					    const struct xpb_vfn_map *where,
					    enum xpb_aer_step step,
					    pci_channel_state_t chan,
					    u32 *guest)
{
	struct xen_pcie_aer_op *aop;
	long left;

	if (!be->irq || READ_ONCE(be->aer_abort))
		return XPB_AER_GONE;
	if (!test_bit(_XEN_PCIB_AERHANDLER, xpb_sh_flags(be)))
		return XPB_AER_NO_HANDLER;
	aop = &be->sh->aer_op;
	aop->cmd = xpb_aer_cmds[step];
	aop->err = (__force int)chan;
	aop->domain = where->domain;
	aop->bus = where->bus;
	aop->devfn = where->devfn;
	/* The request is visible before the flag says so. */
	wmb();
	set_bit(_XEN_PCIB_active, xpb_sh_flags(be));
	notify_remote_via_irq(be->irq);
	left = wait_event_timeout(be->aer_wq,
				  !test_bit(_XEN_PCIB_active, xpb_sh_flags(be)) ||
				  READ_ONCE(be->aer_abort),
				  msecs_to_jiffies(READ_ONCE(xpb_aer_timeout_ms)));
	if (!test_bit(_XEN_PCIB_active, xpb_sh_flags(be))) {
		/* The flag is seen clear before the answer is read. */
		rmb();
		*guest = READ_ONCE(aop->err);
		return XPB_AER_ANSWERED;
	}
	/* Withdrawn: a late pcifront finds no request to serve. */
	clear_bit(_XEN_PCIB_active, xpb_sh_flags(be));
	return left ? XPB_AER_GONE : XPB_AER_TIMEOUT;
}

/* Ask the guest that has @dev, if any; *domid names it (-1: none). */
static enum xpb_aer_reply xpb_aer_forward(struct xpb_dev *dev,
					  enum xpb_aer_step step,
					  pci_channel_state_t chan, u32 *guest,
					  int *domid)
{
	struct xpb_vfn_map where;
	enum xpb_aer_reply reply;
	struct xpb_backend *be;

	mutex_lock(&xpb_lock);
	be = dev->owner;
	if (be)
		*domid = be->xdev->otherend_id;
	if (!be || !xpb_aer_ask(&dev->aer, step) ||
	    !xpb_aer_where(be, dev, &where)) {
		mutex_unlock(&xpb_lock);
		return XPB_AER_NOT_ASKED;
	}
	/* A guest's request may need xpb_lock while it answers. */
	kref_get(&be->ref);
	mutex_unlock(&xpb_lock);
	mutex_lock(&be->aer_lock);
	reply = xpb_aer_ask_guest(be, &where, step, chan, guest);
	mutex_unlock(&be->aer_lock);
	xpb_backend_put(be);
	return reply;
}

/*
 * What dom0's AER driver found in the function, for the guest's view;
 * false if the guest masked all of it (cfgv_aer_report()).
 */
static bool xpb_aer_show_status(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	u32 uncor = 0, cor = 0;

	if (!pdev->aer_cap)
		return true;
	pci_read_config_dword(pdev, pdev->aer_cap + PCI_ERR_UNCOR_STATUS,
			      &uncor);
	pci_read_config_dword(pdev, pdev->aer_cap + PCI_ERR_COR_STATUS, &cor);
	if (uncor == ~0U)
		return true;
	return cfgv_aer_report(dev->cfgv, uncor, cor);
}

/*
 * The guest loses the function: nothing it does reaches the device any
 * more (config requests find nothing; MMIO and DMA are off with decode
 * and bus mastering), and its domain is asked to power off.  The
 * function comes back to pciback when the toolstack takes it from the
 * domain, and is reset then as after every guest.
 */
static void xpb_aer_isolate(struct pci_dev *pdev)
{
	u16 cmd;

	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	pci_write_config_word(pdev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
				      PCI_COMMAND_MASTER));
}

static void xpb_aer_quarantine(struct xpb_dev *dev, int domid,
			       const char *why)
{
	struct pci_dev *pdev = dev->pdev;
	char path[40];
	int ret;

	xpb_aer_isolate(pdev);
	if (domid < 0) {
		pci_err(pdev, "AER: quarantined (%s)\n", why);
		return;
	}
	snprintf(path, sizeof(path), "/local/domain/%d/control", domid);
	ret = xenbus_write(XBT_NIL, path, "shutdown", "poweroff");
	if (ret)
		pci_err(pdev, "AER: quarantined from domain %d (%s); asking it to power off failed (%d): destroy it with xl\n",
			domid, why, ret);
	else
		pci_err(pdev, "AER: quarantined from domain %d (%s); domain %d asked to power off\n",
			domid, why, domid);
}

/*
 * After the link reset: the configuration saved at error_detected, or
 * the one saved at seize when the function did not answer then (link
 * down, DPC: a state read as all ones would write Initiate FLR, bad MPS
 * and BARs back), and the guest's own settings unless it has lost the
 * function: from the seize-time state, what the guest has through the
 * Command hook (decode, bus mastering, MWI) too.
 */
static void xpb_aer_restore(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	bool lost;
	int ret;

	if (!dev->aer_saved_ok) {
		pci_warn(pdev, "AER: the function did not answer when the error was detected: its configuration from bind time is put back\n");
		pci_load_saved_state(pdev, dev->saved);
	}
	pci_restore_state(pdev);
	mutex_lock(&xpb_lock);
	lost = dev->aer.quarantined;
	mutex_unlock(&xpb_lock);
	if (lost)
		return;
	if (!dev->aer_saved_ok) {
		ret = xpb_state_hooks_again(dev);
		if (ret)
			pci_warn(pdev, "AER: the guest's decode and bus mastering could not be put back (%d)\n",
				 ret);
	}
	cfgv_replay(dev->cfgv);
}

static pci_ers_result_t xpb_aer_step(struct pci_dev *pdev,
				     enum xpb_aer_step step,
				     pci_channel_state_t chan)
{
	struct xpb_dev *dev = pci_get_drvdata(pdev);
	struct xpb_aer_outcome out;
	enum xpb_aer_reply reply;
	ktime_t t0 = ktime_get();
	int domid = -1;
	u32 guest = 0;
	bool lost;
	s64 us;

	if (!dev)
		return PCI_ERS_RESULT_NONE;
	if (step == XPB_AER_DETECTED) {
		bool unmasked;
		u16 cmd;

		/* tests only: the function may stop answering meanwhile */
		xpb_hold(pdev, &dev->hold_aer, "AER error_detected", "hold_aer");
		unmasked = xpb_aer_show_status(dev);

		mutex_lock(&xpb_lock);
		xpb_aer_begin(&dev->aer, chan, unmasked);
		mutex_unlock(&xpb_lock);
		/*
		 * For slot_reset: the state before the link is reset, if the
		 * function still answers (all ones: it is gone, or its link).
		 */
		pci_read_config_word(pdev, PCI_COMMAND, &cmd);
		dev->aer_saved_ok = cmd != (u16)~0;
		if (dev->aer_saved_ok)
			pci_save_state(pdev);
	}
	if (step == XPB_AER_SLOT_RESET)
		xpb_aer_restore(dev);
	reply = xpb_aer_forward(dev, step, chan, &guest, &domid);
	mutex_lock(&xpb_lock);
	/*
	 * The guest asked let the function go while it was asked (detach,
	 * destroy): its answer, or its silence, decides nothing; above all
	 * no quarantine that would meet the function's next owner.
	 */
	if (reply != XPB_AER_NOT_ASKED &&
	    (!dev->owner || dev->owner->xdev->otherend_id != domid))
		reply = XPB_AER_LET_GO;
	xpb_aer_decide(&dev->aer, step, chan, reply, guest, &out);
	lost = dev->aer.quarantined;
	if (reply != XPB_AER_NOT_ASKED)
		dev->cnt.aer_asked++;
	if (out.quarantine)
		dev->cnt.aer_quarantines++;
	mutex_unlock(&xpb_lock);
	us = ktime_us_delta(ktime_get(), t0);
	trace_xen_pciback_aer(pdev, xpb_aer_step_name(step), domid,
			      xpb_aer_reply_name(reply), guest,
			      xpb_aer_result_name(out.result), out.quarantine,
			      us);
	if (reply == XPB_AER_ANSWERED)
		pci_info(pdev, "AER %s: domain %d answered %s in %lld us: %s to dom0\n",
			 xpb_aer_step_name(step), domid,
			 xpb_aer_result_name((__force pci_ers_result_t)guest),
			 us, xpb_aer_result_name(out.result));
	else
		pci_info(pdev, "AER %s: %s (domain %d): %s to dom0\n",
			 xpb_aer_step_name(step), out.why, domid,
			 xpb_aer_result_name(out.result));
	if (out.quarantine)
		xpb_aer_quarantine(dev, domid, out.why);
	else if (lost && step == XPB_AER_SLOT_RESET)
		/* the restore above turned decode back on */
		xpb_aer_isolate(pdev);
	return out.result;
}

static pci_ers_result_t xpb_error_detected(struct pci_dev *pdev,
					   pci_channel_state_t state)
{
	return xpb_aer_step(pdev, XPB_AER_DETECTED, state);
}

static pci_ers_result_t xpb_mmio_enabled(struct pci_dev *pdev)
{
	return xpb_aer_step(pdev, XPB_AER_MMIO, pci_channel_io_normal);
}

static pci_ers_result_t xpb_slot_reset(struct pci_dev *pdev)
{
	return xpb_aer_step(pdev, XPB_AER_SLOT_RESET, pci_channel_io_normal);
}

static void xpb_resume(struct pci_dev *pdev)
{
	xpb_aer_step(pdev, XPB_AER_RESUME, pci_channel_io_normal);
}

const struct pci_error_handlers xpb_err_handlers = {
	.error_detected = xpb_error_detected,
	.mmio_enabled = xpb_mmio_enabled,
	.slot_reset = xpb_slot_reset,
	.resume = xpb_resume,
};

/**
 * xpb_aer_wake() - the frontend signalled: a waiting step may have its
 *	answer
 * @be: the backend
 *
 * Context: the event channel handler.
 * Return: true if a step was waiting (the event was not spurious).
 */
bool xpb_aer_wake(struct xpb_backend *be)
{
	if (!wq_has_sleeper(&be->aer_wq))
		return false;
	wake_up(&be->aer_wq);
	return true;
}

/**
 * xpb_aer_abort() - the frontend goes away: end any wait for it
 * @be: the backend, its shared page still mapped
 *
 * On return no step is waiting and none will use the shared page until
 * xpb_aer_resume_asking() is called.
 */
void xpb_aer_abort(struct xpb_backend *be)
{
	WRITE_ONCE(be->aer_abort, true);
	wake_up(&be->aer_wq);
	/* the waiter leaves aer_lock promptly once woken */
	mutex_lock(&be->aer_lock);
	mutex_unlock(&be->aer_lock);
}

/**
 * xpb_aer_resume_asking() - a frontend is connected: steps may ask it
 * @be: the backend, its shared page mapped and event channel bound
 */
void xpb_aer_resume_asking(struct xpb_backend *be)
{
	mutex_lock(&be->aer_lock);
	WRITE_ONCE(be->aer_abort, false);
	mutex_unlock(&be->aer_lock);
}
