// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the rules of a PCI error recovery with a guest in it.
 *
 * pcifront hands each step to the guest driver's own handler and sends
 * back what it returned; with no driver, or a driver without handlers,
 * it answers PCI_ERS_RESULT_NONE.  An answer a driver may give at that
 * step is passed on to dom0's recovery; anything else means the guest
 * cannot recover the function, so it loses it (quarantine) and the
 * function is answered for as an idle one: recovered by dom0 like a
 * function no driver uses.
 */
#include "aer.h"

#define XPB_ERS(r)	BIT((__force unsigned int)(r))

/*
 * Per step: its name, the guest answers passed on to dom0, and the
 * answer for a function no guest takes part for (error_detected's
 * depends on the channel state: xpb_aer_detected_idle).
 */
static const struct {
	const char *name;
	u32 passed;
	bool void_step;
	pci_ers_result_t idle;
} xpb_aer_steps[XPB_AER_NSTEPS] = {
	[XPB_AER_DETECTED] = { "error_detected",
		XPB_ERS(PCI_ERS_RESULT_CAN_RECOVER) |
		XPB_ERS(PCI_ERS_RESULT_NEED_RESET) |
		XPB_ERS(PCI_ERS_RESULT_DISCONNECT) },
	[XPB_AER_MMIO] = { "mmio_enabled",
		XPB_ERS(PCI_ERS_RESULT_CAN_RECOVER) |
		XPB_ERS(PCI_ERS_RESULT_NEED_RESET) |
		XPB_ERS(PCI_ERS_RESULT_DISCONNECT) |
		XPB_ERS(PCI_ERS_RESULT_RECOVERED),
		.idle = PCI_ERS_RESULT_RECOVERED },
	[XPB_AER_SLOT_RESET] = { "slot_reset",
		XPB_ERS(PCI_ERS_RESULT_DISCONNECT) |
		XPB_ERS(PCI_ERS_RESULT_RECOVERED),
		.idle = PCI_ERS_RESULT_RECOVERED },
	/* resume returns nothing; pcifront's answer carries no meaning */
	[XPB_AER_RESUME] = { "resume", 0, true, PCI_ERS_RESULT_NONE },
};

/* pci_channel_state_t values, 1..3 (0: none given). */
#define XPB_CHAN_STATES	4

/* error_detected of a function no guest takes part for, per channel state. */
static const pci_ers_result_t xpb_aer_detected_idle[XPB_CHAN_STATES] = {
	PCI_ERS_RESULT_CAN_RECOVER,
	[(__force int)pci_channel_io_normal] = PCI_ERS_RESULT_CAN_RECOVER,
	[(__force int)pci_channel_io_frozen] = PCI_ERS_RESULT_NEED_RESET,
	[(__force int)pci_channel_io_perm_failure] = PCI_ERS_RESULT_DISCONNECT,
};

/* Per reply: its name, whether the guest loses the function, and why. */
static const struct {
	const char *name;
	bool quarantine;
	const char *why;
} xpb_aer_replies[] = {
	[XPB_AER_NOT_ASKED] = { "not_asked", false, "no guest takes part" },
	[XPB_AER_NO_HANDLER] = { "no_handler", true,
				 "the guest registered no AER handler" },
	[XPB_AER_ANSWERED] = { "answered", false, "the guest answered" },
	[XPB_AER_TIMEOUT] = { "timeout", true,
			      "the guest did not answer in time" },
	[XPB_AER_GONE] = { "gone", false,
			   "the guest's frontend is not connected" },
	[XPB_AER_LET_GO] = { "let_go", false,
			     "the guest let the function go while it was asked" },
};

/**
 * xpb_aer_ask() - whether to hand a step to the guest
 * @run: the function's recovery
 * @step: the step dom0 is at
 *
 * Not once the guest has lost the function, and not for a later step of
 * a recovery whose error_detected pciback did not see (the function was
 * bound or given to the guest in the middle of it).
 *
 * Return: true to ask the guest.
 */
bool xpb_aer_ask(const struct xpb_aer_run *run, enum xpb_aer_step step)
{
	if (run->quarantined || run->masked || step >= XPB_AER_NSTEPS)
		return false;
	return step == XPB_AER_DETECTED || run->active;
}

/**
 * xpb_aer_begin() - a recovery starts (before error_detected is asked)
 * @run: the function's recovery, updated
 * @chan: the channel state error_detected gives
 * @unmasked: the guest's view of the AER masks leaves at least one of
 *	the errors found unmasked (or it has no AER view, or none was found)
 *
 * A guest hears of a non-fatal recovery only if it left one of its
 * errors unmasked, as a device on bare metal signals only those.  A
 * frozen channel (a fatal error, a link reset ahead) is always told: the
 * function is reset under the guest's driver either way.
 */
void xpb_aer_begin(struct xpb_aer_run *run, pci_channel_state_t chan,
		   bool unmasked)
{
	run->masked = chan == pci_channel_io_normal && !unmasked;
}

/**
 * xpb_aer_decide() - what a step comes to
 * @run: the function's recovery, updated
 * @step: the step
 * @chan: the channel state (error_detected only; ignored at other steps)
 * @reply: how asking the guest went
 * @guest: the guest's answer (a pci_ers_result_t) when @reply is
 *	XPB_AER_ANSWERED
 * @out: the outcome
 */
void xpb_aer_decide(struct xpb_aer_run *run, enum xpb_aer_step step,
		    pci_channel_state_t chan, enum xpb_aer_reply reply,
		    u32 guest, struct xpb_aer_outcome *out)
{
	bool lose;

	if (step >= XPB_AER_NSTEPS || reply >= ARRAY_SIZE(xpb_aer_replies)) {
		out->result = PCI_ERS_RESULT_NONE;
		out->quarantine = false;
		out->why = "no such step";
		return;
	}
	if (step == XPB_AER_DETECTED) {
		run->active = true;
		run->chan = (__force unsigned int)chan;
		if (run->chan >= XPB_CHAN_STATES)
			run->chan = 0;
	}
	out->result = step == XPB_AER_DETECTED ?
		      xpb_aer_detected_idle[run->chan] :
		      xpb_aer_steps[step].idle;
	out->why = xpb_aer_replies[reply].why;
	lose = xpb_aer_replies[reply].quarantine;
	if (reply == XPB_AER_ANSWERED && !xpb_aer_steps[step].void_step) {
		if (guest < 32 && (xpb_aer_steps[step].passed & BIT(guest))) {
			out->result = (__force pci_ers_result_t)guest;
		} else {
			lose = true;
			out->why = guest == (__force u32)PCI_ERS_RESULT_NONE ?
				   "the guest's driver has no error handler" :
				   "the guest's answer is not one a driver may give at this step";
		}
	}
	out->quarantine = lose && !run->quarantined;
	if (lose)
		run->quarantined = true;
	if (step == XPB_AER_RESUME) {
		run->active = false;
		run->masked = false;
	}
}

/**
 * xpb_aer_forget() - the function left its guest: no recovery, no
 *	quarantine
 * @run: its recovery
 */
void xpb_aer_forget(struct xpb_aer_run *run)
{
	*run = (struct xpb_aer_run){ };
}

/**
 * xpb_aer_step_name() - a step's callback name
 * @step: the step
 *
 * Return: "error_detected", "mmio_enabled", "slot_reset", "resume" or "?".
 */
const char *xpb_aer_step_name(enum xpb_aer_step step)
{
	return step < XPB_AER_NSTEPS ? xpb_aer_steps[step].name : "?";
}

/**
 * xpb_aer_reply_name() - a reply as a word, for the trace
 * @reply: how asking the guest went
 *
 * Return: "not_asked", "no_handler", "answered", "timeout", "gone",
 * "let_go" or "?".
 */
const char *xpb_aer_reply_name(enum xpb_aer_reply reply)
{
	return reply < ARRAY_SIZE(xpb_aer_replies) ?
	       xpb_aer_replies[reply].name : "?";
}

static const char *const xpb_aer_results[] = {
	[(__force int)PCI_ERS_RESULT_NONE] = "none",
	[(__force int)PCI_ERS_RESULT_CAN_RECOVER] = "can_recover",
	[(__force int)PCI_ERS_RESULT_NEED_RESET] = "need_reset",
	[(__force int)PCI_ERS_RESULT_DISCONNECT] = "disconnect",
	[(__force int)PCI_ERS_RESULT_RECOVERED] = "recovered",
	[(__force int)PCI_ERS_RESULT_NO_AER_DRIVER] = "no_aer_driver",
};

/**
 * xpb_aer_result_name() - a pci_ers_result_t as a word
 * @r: the result
 *
 * Return: its name, or "?" for a value no driver may return.
 */
const char *xpb_aer_result_name(pci_ers_result_t r)
{
	unsigned int i = (__force unsigned int)r;

	return i < ARRAY_SIZE(xpb_aer_results) && xpb_aer_results[i] ?
	       xpb_aer_results[i] : "?";
}
