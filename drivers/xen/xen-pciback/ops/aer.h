/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What pciback answers at each step of a PCI error recovery of a
 * function a guest has, decided without Xen.  Dom0's AER driver calls
 * pciback's error handlers in order (error_detected, then mmio_enabled
 * or a reset and slot_reset, then resume); pciback asks the guest at
 * each step and passes the guest's answer on, or, when the guest cannot
 * take part (no handler, no answer in time, an answer no driver may
 * give), quarantines the function, asks the domain to shut down and
 * answers for the function as for an idle one, so dom0's recovery of
 * the link goes on for the other functions on it.
 */
#ifndef _XEN_PCIBACK_OPS_AER_H
#define _XEN_PCIBACK_OPS_AER_H

#include <linux/pci.h>
#include <linux/types.h>

/**
 * enum xpb_aer_step - a callback of struct pci_error_handlers
 * @XPB_AER_DETECTED: error_detected
 * @XPB_AER_MMIO: mmio_enabled
 * @XPB_AER_SLOT_RESET: slot_reset
 * @XPB_AER_RESUME: resume
 * @XPB_AER_NSTEPS: number of steps
 */
enum xpb_aer_step {
	XPB_AER_DETECTED,
	XPB_AER_MMIO,
	XPB_AER_SLOT_RESET,
	XPB_AER_RESUME,
	XPB_AER_NSTEPS,
};

/**
 * enum xpb_aer_reply - how asking the guest went
 * @XPB_AER_NOT_ASKED: no guest was asked: none has the function, or it
 *	is quarantined, or no recovery is under way for it
 * @XPB_AER_NO_HANDLER: the frontend registered no AER handler
 * @XPB_AER_ANSWERED: the guest answered (the result is given apart)
 * @XPB_AER_TIMEOUT: no answer within the bound
 * @XPB_AER_GONE: the frontend is not connected, or disconnected before
 *	it answered
 * @XPB_AER_LET_GO: the guest asked let the function go (detach, destroy)
 *	before it answered or the bound ran out; what it said, or did not
 *	say, decides nothing
 */
enum xpb_aer_reply {
	XPB_AER_NOT_ASKED,
	XPB_AER_NO_HANDLER,
	XPB_AER_ANSWERED,
	XPB_AER_TIMEOUT,
	XPB_AER_GONE,
	XPB_AER_LET_GO,
};

/**
 * struct xpb_aer_run - one function's recovery as pciback follows it
 * @active: error_detected was answered and resume has not come yet
 * @chan: the channel state error_detected gave (pci_channel_state_t)
 * @quarantined: the guest lost the function for this recovery; set
 *	once, cleared only by xpb_aer_forget()
 * @masked: the guest masked, in its view of the AER masks, every error
 *	of this non-fatal recovery: it is not asked, and the function
 *	recovers as an idle one (xpb_aer_begin())
 */
struct xpb_aer_run {
	bool active;
	unsigned int chan;
	bool quarantined;
	bool masked;
};

/**
 * struct xpb_aer_outcome - what one step comes to
 * @result: the answer dom0's recovery gets
 * @quarantine: quarantine the function and ask the domain to shut down
 *	now (true at most once per recovery)
 * @why: what decided it, for the log and the trace
 */
struct xpb_aer_outcome {
	pci_ers_result_t result;
	bool quarantine;
	const char *why;
};

void xpb_aer_begin(struct xpb_aer_run *run, pci_channel_state_t chan,
		   bool unmasked);
bool xpb_aer_ask(const struct xpb_aer_run *run, enum xpb_aer_step step);
void xpb_aer_decide(struct xpb_aer_run *run, enum xpb_aer_step step,
		    pci_channel_state_t chan, enum xpb_aer_reply reply,
		    u32 guest, struct xpb_aer_outcome *out);
void xpb_aer_forget(struct xpb_aer_run *run);
const char *xpb_aer_step_name(enum xpb_aer_step step);
const char *xpb_aer_reply_name(enum xpb_aer_reply reply);
const char *xpb_aer_result_name(pci_ers_result_t r);

#endif /* _XEN_PCIBACK_OPS_AER_H */
