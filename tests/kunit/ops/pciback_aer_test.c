// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pciback's part in a PCI error recovery of a guest's function,
 * without Xen: which steps reach the guest, which answers of the guest
 * steer dom0's recovery, and when the guest loses the function (no
 * handler, no answer in time, an answer no driver may give), with a
 * disconnect or an unbind in the middle.
 */
#include <kunit/test.h>

#include "../../../drivers/xen/xen-pciback/ops/aer.h"

#define NORMAL	pci_channel_io_normal
#define FROZEN	pci_channel_io_frozen
#define R(x)	((__force u32)PCI_ERS_RESULT_##x)

/* One step answered by the guest; the outcome must pass @want on. */
static void step_ok(struct kunit *test, struct xpb_aer_run *run,
		    enum xpb_aer_step step, pci_channel_state_t chan,
		    u32 guest, pci_ers_result_t want)
{
	struct xpb_aer_outcome out;

	KUNIT_ASSERT_TRUE(test, xpb_aer_ask(run, step));
	xpb_aer_decide(run, step, chan, XPB_AER_ANSWERED, guest, &out);
	KUNIT_EXPECT_EQ(test, (__force u32)out.result, (__force u32)want);
	KUNIT_EXPECT_FALSE(test, out.quarantine);
}

static void non_fatal_with_handler(struct kunit *test)
{
	struct xpb_aer_run run = { };

	step_ok(test, &run, XPB_AER_DETECTED, NORMAL, R(CAN_RECOVER),
		PCI_ERS_RESULT_CAN_RECOVER);
	KUNIT_EXPECT_TRUE(test, run.active);
	step_ok(test, &run, XPB_AER_MMIO, NORMAL, R(RECOVERED),
		PCI_ERS_RESULT_RECOVERED);
	step_ok(test, &run, XPB_AER_RESUME, NORMAL, 0, PCI_ERS_RESULT_NONE);
	KUNIT_EXPECT_FALSE(test, run.active);
	KUNIT_EXPECT_FALSE(test, run.quarantined);
	/* after resume a late step is not the guest's */
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_SLOT_RESET));
}

static void fatal_with_handler(struct kunit *test)
{
	struct xpb_aer_run run = { };

	step_ok(test, &run, XPB_AER_DETECTED, FROZEN, R(NEED_RESET),
		PCI_ERS_RESULT_NEED_RESET);
	step_ok(test, &run, XPB_AER_SLOT_RESET, NORMAL, R(RECOVERED),
		PCI_ERS_RESULT_RECOVERED);
	step_ok(test, &run, XPB_AER_RESUME, NORMAL, R(NONE),
		PCI_ERS_RESULT_NONE);
	KUNIT_EXPECT_FALSE(test, run.quarantined);
}

/* A guest that says its device is lost steers dom0 that way too. */
static void guest_disconnect_passed_on(struct kunit *test)
{
	struct xpb_aer_run run = { };

	step_ok(test, &run, XPB_AER_DETECTED, FROZEN, R(DISCONNECT),
		PCI_ERS_RESULT_DISCONNECT);
	step_ok(test, &run, XPB_AER_SLOT_RESET, NORMAL, R(DISCONNECT),
		PCI_ERS_RESULT_DISCONNECT);
}

/* Per step, every value the guest may send: passed on or quarantined. */
static void answer_matrix(struct kunit *test)
{
	static const u8 passed[XPB_AER_NSTEPS][8] = {
		/* none can_recover need_reset disconnect recovered no_aer */
		[XPB_AER_DETECTED] = { 0, 0, 1, 1, 1, 0, 0, 0 },
		[XPB_AER_MMIO] = { 0, 0, 1, 1, 1, 1, 0, 0 },
		[XPB_AER_SLOT_RESET] = { 0, 0, 0, 0, 1, 1, 0, 0 },
		[XPB_AER_RESUME] = { 1, 1, 1, 1, 1, 1, 1, 1 },
	};
	enum xpb_aer_step s;
	u32 g;

	for (s = XPB_AER_DETECTED; s < XPB_AER_NSTEPS; s++) {
		for (g = 0; g < 8; g++) {
			struct xpb_aer_run run = { .active = true,
				.chan = (__force unsigned int)NORMAL };
			struct xpb_aer_outcome out;

			xpb_aer_decide(&run, s, NORMAL, XPB_AER_ANSWERED, g,
				       &out);
			KUNIT_EXPECT_EQ_MSG(test, out.quarantine, !passed[s][g],
					    "%s answered %u",
					    xpb_aer_step_name(s), g);
			if (passed[s][g] && s != XPB_AER_RESUME)
				KUNIT_EXPECT_EQ(test, (__force u32)out.result, g);
		}
	}
	/* a value far outside pci_ers_result_t */
	{
		struct xpb_aer_run run = { };
		struct xpb_aer_outcome out;

		xpb_aer_decide(&run, XPB_AER_DETECTED, NORMAL,
			       XPB_AER_ANSWERED, 0xffffffff, &out);
		KUNIT_EXPECT_TRUE(test, out.quarantine);
		KUNIT_EXPECT_EQ(test, (__force u32)out.result,
				R(CAN_RECOVER));
	}
}

/*
 * No handler, no answer in time, an unusable answer: the guest loses
 * the function once, dom0 gets the idle answer (by channel state) and
 * the guest is not asked again.
 */
static void lost_at_detected(struct kunit *test)
{
	static const struct {
		enum xpb_aer_reply reply;
		u32 guest;
		pci_channel_state_t chan;
		pci_ers_result_t idle;
	} cases[] = {
		{ XPB_AER_NO_HANDLER, 0, NORMAL, PCI_ERS_RESULT_CAN_RECOVER },
		{ XPB_AER_NO_HANDLER, 0, FROZEN, PCI_ERS_RESULT_NEED_RESET },
		{ XPB_AER_TIMEOUT, 0, NORMAL, PCI_ERS_RESULT_CAN_RECOVER },
		{ XPB_AER_TIMEOUT, 0, FROZEN, PCI_ERS_RESULT_NEED_RESET },
		{ XPB_AER_ANSWERED, R(NONE), FROZEN, PCI_ERS_RESULT_NEED_RESET },
		{ XPB_AER_TIMEOUT, 0, pci_channel_io_perm_failure,
		  PCI_ERS_RESULT_DISCONNECT },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct xpb_aer_run run = { };
		struct xpb_aer_outcome out;
		enum xpb_aer_step s;

		xpb_aer_decide(&run, XPB_AER_DETECTED, cases[i].chan,
			       cases[i].reply, cases[i].guest, &out);
		KUNIT_EXPECT_TRUE_MSG(test, out.quarantine, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, (__force u32)out.result,
				    (__force u32)cases[i].idle, "case %u", i);
		KUNIT_EXPECT_NOT_NULL(test, out.why);
		if (cases[i].reply == XPB_AER_ANSWERED)
			KUNIT_EXPECT_STREQ(test, out.why,
					   "the guest's driver has no error handler");
		for (s = XPB_AER_DETECTED; s < XPB_AER_NSTEPS; s++)
			KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, s));
		/* the rest of the recovery: idle answers, no second quarantine */
		xpb_aer_decide(&run, XPB_AER_SLOT_RESET, NORMAL,
			       XPB_AER_NOT_ASKED, 0, &out);
		KUNIT_EXPECT_FALSE(test, out.quarantine);
		KUNIT_EXPECT_EQ(test, (__force u32)out.result, R(RECOVERED));
		xpb_aer_decide(&run, XPB_AER_RESUME, NORMAL,
			       XPB_AER_NOT_ASKED, 0, &out);
		KUNIT_EXPECT_FALSE(test, out.quarantine);
	}
}

/* The guest stops answering at each later step in turn. */
static void timeout_at_every_step(struct kunit *test)
{
	static const struct {
		enum xpb_aer_step step;
		pci_channel_state_t chan;
		u32 first;
		pci_ers_result_t idle;
	} cases[] = {
		{ XPB_AER_MMIO, NORMAL, R(CAN_RECOVER), PCI_ERS_RESULT_RECOVERED },
		{ XPB_AER_SLOT_RESET, FROZEN, R(NEED_RESET),
		  PCI_ERS_RESULT_RECOVERED },
		{ XPB_AER_RESUME, FROZEN, R(NEED_RESET), PCI_ERS_RESULT_NONE },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct xpb_aer_run run = { };
		struct xpb_aer_outcome out;

		step_ok(test, &run, XPB_AER_DETECTED, cases[i].chan,
			cases[i].first, (__force pci_ers_result_t)cases[i].first);
		KUNIT_ASSERT_TRUE(test, xpb_aer_ask(&run, cases[i].step));
		xpb_aer_decide(&run, cases[i].step, NORMAL, XPB_AER_TIMEOUT, 0,
			       &out);
		KUNIT_EXPECT_TRUE_MSG(test, out.quarantine, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, (__force u32)out.result,
				    (__force u32)cases[i].idle, "case %u", i);
		KUNIT_EXPECT_TRUE(test, run.quarantined);
	}
}

/* The frontend left while pciback waited: nothing to quarantine. */
static void disconnect_during_recovery(struct kunit *test)
{
	struct xpb_aer_run run = { };
	struct xpb_aer_outcome out;

	step_ok(test, &run, XPB_AER_DETECTED, FROZEN, R(NEED_RESET),
		PCI_ERS_RESULT_NEED_RESET);
	xpb_aer_decide(&run, XPB_AER_SLOT_RESET, NORMAL, XPB_AER_GONE, 0,
		       &out);
	KUNIT_EXPECT_FALSE(test, out.quarantine);
	KUNIT_EXPECT_FALSE(test, run.quarantined);
	KUNIT_EXPECT_EQ(test, (__force u32)out.result, R(RECOVERED));
	KUNIT_EXPECT_STREQ(test, out.why,
			   "the guest's frontend is not connected");
}

/*
 * The guest asked let the function go, then answered what would lose it
 * (no handler) or was still silent at the bound: that decides nothing,
 * at any step, and leaves no quarantine for the function's next guest.
 */
static void let_go_decides_nothing(struct kunit *test)
{
	enum xpb_aer_step step;

	for (step = XPB_AER_DETECTED; step < XPB_AER_NSTEPS; step++) {
		struct xpb_aer_run run = { };
		struct xpb_aer_outcome out;

		if (step != XPB_AER_DETECTED)
			step_ok(test, &run, XPB_AER_DETECTED, NORMAL,
				R(CAN_RECOVER), PCI_ERS_RESULT_CAN_RECOVER);
		xpb_aer_decide(&run, step, NORMAL, XPB_AER_LET_GO,
			       R(NONE), &out);
		KUNIT_EXPECT_FALSE(test, out.quarantine);
		KUNIT_EXPECT_FALSE(test, run.quarantined);
		KUNIT_EXPECT_STREQ(test, out.why,
				   "the guest let the function go while it was asked");
	}
}

/*
 * Unbound (or taken from the guest) in the middle: the rest of that
 * recovery is dom0's alone; the next error is the new guest's.
 */
static void unbind_during_recovery(struct kunit *test)
{
	struct xpb_aer_run run = { };
	struct xpb_aer_outcome out;

	step_ok(test, &run, XPB_AER_DETECTED, NORMAL, R(CAN_RECOVER),
		PCI_ERS_RESULT_CAN_RECOVER);
	xpb_aer_decide(&run, XPB_AER_MMIO, NORMAL, XPB_AER_TIMEOUT, 0, &out);
	KUNIT_EXPECT_TRUE(test, run.quarantined);
	xpb_aer_forget(&run);
	KUNIT_EXPECT_FALSE(test, run.quarantined);
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_MMIO));
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_RESUME));
	xpb_aer_decide(&run, XPB_AER_RESUME, NORMAL, XPB_AER_NOT_ASKED, 0,
		       &out);
	KUNIT_EXPECT_FALSE(test, out.quarantine);
	KUNIT_EXPECT_TRUE(test, xpb_aer_ask(&run, XPB_AER_DETECTED));
}

/* A function that came to the guest mid-recovery: later steps stay dom0's. */
/*
 * The guest masked every error of a non-fatal recovery: it is not asked
 * at any step and the function recovers as an idle one; a fatal one is
 * told all the same (the link is reset under its driver); the next
 * recovery starts afresh.
 */
static void masked_errors_not_asked(struct kunit *test)
{
	struct xpb_aer_run run = { };
	struct xpb_aer_outcome out;
	int step;

	xpb_aer_begin(&run, NORMAL, false);
	for (step = XPB_AER_DETECTED; step < XPB_AER_NSTEPS; step++) {
		KUNIT_EXPECT_FALSE_MSG(test, xpb_aer_ask(&run, step), "step %d",
				       step);
		xpb_aer_decide(&run, step, NORMAL, XPB_AER_NOT_ASKED, 0, &out);
		KUNIT_EXPECT_FALSE(test, out.quarantine);
	}
	KUNIT_EXPECT_FALSE(test, run.masked);
	xpb_aer_begin(&run, FROZEN, false);
	KUNIT_EXPECT_TRUE(test, xpb_aer_ask(&run, XPB_AER_DETECTED));
	xpb_aer_begin(&run, NORMAL, true);
	KUNIT_EXPECT_TRUE(test, xpb_aer_ask(&run, XPB_AER_DETECTED));
}

static void late_steps_without_detected(struct kunit *test)
{
	struct xpb_aer_run run = { };

	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_MMIO));
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_SLOT_RESET));
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_RESUME));
	KUNIT_EXPECT_FALSE(test, xpb_aer_ask(&run, XPB_AER_NSTEPS));
}

static void names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, xpb_aer_step_name(XPB_AER_SLOT_RESET),
			   "slot_reset");
	KUNIT_EXPECT_STREQ(test, xpb_aer_step_name(XPB_AER_NSTEPS), "?");
	KUNIT_EXPECT_STREQ(test, xpb_aer_reply_name(XPB_AER_TIMEOUT), "timeout");
	KUNIT_EXPECT_STREQ(test, xpb_aer_reply_name(XPB_AER_LET_GO), "let_go");
	KUNIT_EXPECT_STREQ(test, xpb_aer_reply_name(XPB_AER_LET_GO + 1), "?");
	KUNIT_EXPECT_STREQ(test, xpb_aer_result_name(PCI_ERS_RESULT_NEED_RESET),
			   "need_reset");
	KUNIT_EXPECT_STREQ(test,
			   xpb_aer_result_name((__force pci_ers_result_t)0),
			   "?");
	KUNIT_EXPECT_STREQ(test,
			   xpb_aer_result_name((__force pci_ers_result_t)99),
			   "?");
}

static struct kunit_case pciback_aer_cases[] = {
	KUNIT_CASE(non_fatal_with_handler),
	KUNIT_CASE(fatal_with_handler),
	KUNIT_CASE(guest_disconnect_passed_on),
	KUNIT_CASE(answer_matrix),
	KUNIT_CASE(lost_at_detected),
	KUNIT_CASE(timeout_at_every_step),
	KUNIT_CASE(disconnect_during_recovery),
	KUNIT_CASE(let_go_decides_nothing),
	KUNIT_CASE(unbind_during_recovery),
	KUNIT_CASE(masked_errors_not_asked),
	KUNIT_CASE(late_steps_without_detected),
	KUNIT_CASE(names),
	{}
};

static struct kunit_suite pciback_aer_suite = {
	.name = "xpb_pciback_aer",
	.test_cases = pciback_aer_cases,
};

kunit_test_suite(pciback_aer_suite);
