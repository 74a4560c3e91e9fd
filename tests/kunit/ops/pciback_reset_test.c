// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: how pciback resets a function between two owners, on made-up
 * functions and groups: the administrator's order, a group reset only
 * when every member is pciback's and idle, one line naming what blocks
 * it, and no export to another domain of a function not reset.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/string.h>

#include "../../../drivers/xen/xen-pciback/ops/reset.h"

/* The PCI core's default order, every method allowed. */
static void core_order(struct xpb_reset_view *v)
{
	static const enum xpb_reset_method order[] = {
		XPB_RESET_DEVSPEC, XPB_RESET_ACPI, XPB_RESET_FLR,
		XPB_RESET_AF_FLR, XPB_RESET_PM, XPB_RESET_GROUP,
	};

	memcpy(v->order, order, sizeof(order));
	v->norder = ARRAY_SIZE(order);
}

static const struct xpb_reset_member idle_sibling[] = {
	{ .name = "0000:02:00.1", .state = XPB_MEMBER_IDLE },
};

static void flr_first(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_FLR) |
				    BIT(XPB_RESET_PM) | BIT(XPB_RESET_GROUP) };
	struct xpb_reset_decision d;

	core_order(&v);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_FLR);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_OK);
}

static void admin_order_honoured(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_FLR) |
				    BIT(XPB_RESET_PM) };
	struct xpb_reset_decision d;

	/* echo "pm flr" > reset_method */
	v.order[0] = XPB_RESET_PM;
	v.order[1] = XPB_RESET_FLR;
	v.norder = 2;
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_PM);
	/* echo "acpi" > reset_method: the function has no _RST */
	v.order[0] = XPB_RESET_ACPI;
	v.norder = 1;
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_NONE);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_NO_METHOD);
}

static void disabled_by_admin(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_FLR) };
	struct xpb_reset_decision d;
	char line[200];

	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_NONE);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_DISABLED);
	KUNIT_EXPECT_GT(test, xpb_reset_explain(&d, line, sizeof(line)), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(line, "reset_method"));
}

static void group_when_all_idle(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_GROUP),
				    .members = idle_sibling,
				    .nmembers = ARRAY_SIZE(idle_sibling) };
	struct xpb_reset_decision d;
	char line[200] = "x";

	core_order(&v);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_GROUP);
	KUNIT_EXPECT_PTR_EQ(test, d.blocker, NULL);
	KUNIT_EXPECT_EQ(test, xpb_reset_explain(&d, line, sizeof(line)), 0);
	KUNIT_EXPECT_STREQ(test, line, "");
}

static void alone_on_its_bus(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_GROUP) };
	struct xpb_reset_decision d;

	core_order(&v);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_GROUP);
}

/* Each blocking state, alone in a group with an idle member. */
static void group_blocked_each_way(struct kunit *test)
{
	static const struct {
		struct xpb_reset_member m;
		enum xpb_reset_why why;
		const char *says;
	} cases[] = {
		{ { "0000:02:00.1", XPB_MEMBER_DRIVER, "e1000e", 0 },
		  XPB_WHY_DRIVER, "0000:02:00.1 (driver e1000e)" },
		{ { "0000:02:00.1", XPB_MEMBER_IN_USE, NULL, 7 },
		  XPB_WHY_IN_USE, "domain 7" },
		{ { "0000:02:00.1", XPB_MEMBER_NO_DRIVER, NULL, 0 },
		  XPB_WHY_NO_DRIVER, "0000:02:00.1 (no driver)" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct xpb_reset_member group[2] = { idle_sibling[0], cases[i].m };
		struct xpb_reset_view v = { .can = BIT(XPB_RESET_GROUP),
					    .members = group, .nmembers = 2 };
		struct xpb_reset_decision d;
		char line[200];

		group[0].name = "0000:02:00.2";
		core_order(&v);
		xpb_reset_decide(&v, &d);
		KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_NONE);
		KUNIT_EXPECT_EQ(test, d.why, cases[i].why);
		KUNIT_EXPECT_PTR_EQ(test, d.blocker, &group[1]);
		KUNIT_EXPECT_GT(test, xpb_reset_explain(&d, line, sizeof(line)), 0);
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, cases[i].says),
					  "line: %s", line);
		KUNIT_EXPECT_NOT_NULL(test, strstr(line, "cannot reset: "));
	}
}

/* A guest's member is named before a driver's, whatever the order. */
static void blocker_named_by_weight(struct kunit *test)
{
	static const struct xpb_reset_member group[] = {
		{ "0000:02:00.1", XPB_MEMBER_DRIVER, "igb", 0 },
		{ "0000:02:00.2", XPB_MEMBER_NO_DRIVER, NULL, 0 },
		{ "0000:02:00.3", XPB_MEMBER_IN_USE, NULL, 4 },
	};
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_GROUP),
				    .members = group,
				    .nmembers = ARRAY_SIZE(group) };
	struct xpb_reset_decision d;

	core_order(&v);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_IN_USE);
	KUNIT_EXPECT_PTR_EQ(test, d.blocker, &group[2]);
}

/* A blocked group does not hide a method later in the order. */
static void blocked_group_then_pm(struct kunit *test)
{
	static const struct xpb_reset_member group[] = {
		{ "0000:02:00.1", XPB_MEMBER_DRIVER, "igb", 0 },
	};
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_GROUP) |
				    BIT(XPB_RESET_PM),
				    .members = group, .nmembers = 1 };
	struct xpb_reset_decision d;

	v.order[0] = XPB_RESET_GROUP;
	v.order[1] = XPB_RESET_PM;
	v.norder = 2;
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_PM);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_OK);
	KUNIT_EXPECT_PTR_EQ(test, d.blocker, NULL);
}

/*
 * pciback's group reset comes after the function's own methods when the
 * slot or bus reset hits others; then it is pciback's, not the core's.
 */
static void group_added_after_own(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_PM),
				    .members = idle_sibling,
				    .nmembers = ARRAY_SIZE(idle_sibling) };
	struct xpb_reset_decision d;

	v.order[0] = XPB_RESET_PM;
	v.norder = 1;
	xpb_reset_view_add_group(&v, true, true);
	KUNIT_EXPECT_EQ(test, v.norder, 2U);
	KUNIT_EXPECT_EQ(test, v.order[1], XPB_RESET_GROUP);
	KUNIT_EXPECT_TRUE(test, v.group_shared);
	KUNIT_EXPECT_TRUE(test, v.can & BIT(XPB_RESET_GROUP));
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_PM);
	/* the PM reset gone (No_Soft_Reset): the group's turn */
	v.can &= ~BIT(XPB_RESET_PM);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_GROUP);
}

/* Already in the order (a function with no method of its own): once. */
static void group_listed_once(struct kunit *test)
{
	struct xpb_reset_view v = { };

	core_order(&v);
	xpb_reset_view_add_group(&v, true, true);
	KUNIT_EXPECT_EQ(test, v.norder, 6U);
	KUNIT_EXPECT_EQ(test, v.can, BIT(XPB_RESET_GROUP));
}

/*
 * Left as it is: no slot or bus reset at all; one that hits the function
 * alone (the core's own "bus", listed or not as the administrator
 * chose); and resets disabled by the administrator.
 */
static void group_left_out(struct kunit *test)
{
	static const bool cases[][2] = {
		{ false, true }, { true, false }, { false, false },
	};
	struct xpb_reset_view v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&v, 0, sizeof(v));
		v.order[0] = XPB_RESET_FLR;
		v.norder = 1;
		v.can = BIT(XPB_RESET_FLR);
		xpb_reset_view_add_group(&v, cases[i][0], cases[i][1]);
		KUNIT_EXPECT_EQ(test, v.norder, 1U);
		KUNIT_EXPECT_EQ(test, v.can, BIT(XPB_RESET_FLR));
		KUNIT_EXPECT_FALSE(test, v.group_shared);
	}
	memset(&v, 0, sizeof(v));
	xpb_reset_view_add_group(&v, true, true);
	KUNIT_EXPECT_EQ(test, v.norder, 0U);
	KUNIT_EXPECT_EQ(test, v.can, 0UL);
}

static void nothing_at_all(struct kunit *test)
{
	struct xpb_reset_view v = { };
	struct xpb_reset_decision d;
	char line[300];

	core_order(&v);
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_NONE);
	KUNIT_EXPECT_EQ(test, d.why, XPB_WHY_NO_METHOD);
	KUNIT_EXPECT_GT(test, xpb_reset_explain(&d, line, sizeof(line)), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(line, "allow_no_reset"));
}

/* Out-of-range entries in the order are skipped, not indexed. */
static void bad_order_entries(struct kunit *test)
{
	struct xpb_reset_view v = { .can = ~0UL };
	struct xpb_reset_decision d;

	v.order[0] = XPB_RESET_NONE;
	v.order[1] = (enum xpb_reset_method)99;
	v.order[2] = XPB_RESET_PM;
	v.norder = 3;
	xpb_reset_decide(&v, &d);
	KUNIT_EXPECT_EQ(test, d.method, XPB_RESET_PM);
	KUNIT_EXPECT_STREQ(test, xpb_reset_method_name((enum xpb_reset_method)99), "?");
	KUNIT_EXPECT_STREQ(test, xpb_reset_method_name(XPB_RESET_GROUP), "bus");
}

static void export_only_after_reset(struct kunit *test)
{
	/* reset since domain 3 let it go: anyone */
	KUNIT_EXPECT_TRUE(test, xpb_reset_may_export(true, 3, 5, false));
	/* not reset: back to domain 3 only */
	KUNIT_EXPECT_TRUE(test, xpb_reset_may_export(false, 3, 3, false));
	KUNIT_EXPECT_FALSE(test, xpb_reset_may_export(false, 3, 5, false));
	/* not reset since dom0 had it: no guest */
	KUNIT_EXPECT_FALSE(test, xpb_reset_may_export(false, 0, 1, false));
	/* the administrator accepts it */
	KUNIT_EXPECT_TRUE(test, xpb_reset_may_export(false, 3, 5, true));
}

static struct kunit_case pciback_reset_cases[] = {
	KUNIT_CASE(flr_first),
	KUNIT_CASE(admin_order_honoured),
	KUNIT_CASE(disabled_by_admin),
	KUNIT_CASE(group_when_all_idle),
	KUNIT_CASE(alone_on_its_bus),
	KUNIT_CASE(group_blocked_each_way),
	KUNIT_CASE(blocker_named_by_weight),
	KUNIT_CASE(blocked_group_then_pm),
	KUNIT_CASE(group_added_after_own),
	KUNIT_CASE(group_listed_once),
	KUNIT_CASE(group_left_out),
	KUNIT_CASE(nothing_at_all),
	KUNIT_CASE(bad_order_entries),
	KUNIT_CASE(export_only_after_reset),
	{}
};

static struct kunit_suite pciback_reset_suite = {
	.name = "xpb_pciback_reset",
	.test_cases = pciback_reset_cases,
};

kunit_test_suite(pciback_reset_suite);
