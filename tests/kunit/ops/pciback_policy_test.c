// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a function's effective policy in words, as the pciback_policy
 * file and the line logged at export give it: every switch named, in a
 * fixed order, each with the value that holds.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "../../../drivers/xen/xen-pciback/ops/policy.h"

static void defaults_in_lines(struct kunit *test)
{
	const struct xpb_policy p = { .reset_next = "flr" };
	char buf[512];
	int n;

	n = xpb_policy_format(&p, XPB_POLICY_LINES, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "permissive: off\n"
			   "device_specific: open\n"
			   "quirks: none\n"
			   "interrupt_control: off\n"
			   "page_sharing: refused\n"
			   "reset: flr\n"
			   "reset_owed: no\n"
			   "allow_no_reset: off\n");
	KUNIT_EXPECT_EQ(test, n, (int)strlen(buf));
}

static void every_switch_on_one_line(struct kunit *test)
{
	const struct xpb_policy p = {
		.permissive = true, .devspec_closed = true,
		.irq_control = true, .share_allowed = true,
		.reset_next = "bus", .reset_owed = true,
		.allow_no_reset = true, .nquirks = 2,
		.quirks = { { 0xf0, 4, 0xffff0000 }, { 0xe0, 2, 0x3 } },
	};
	char buf[512];

	xpb_policy_format(&p, XPB_POLICY_ONE_LINE, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "permissive=on device_specific=closed quirks=0f0:4:ffff0000,0e0:2:00000003 interrupt_control=on page_sharing=allowed reset=bus reset_owed=yes allow_no_reset=on");
}

/* Permissive for every function says so: the switch to turn off differs. */
static void module_wide_permissive_named(struct kunit *test)
{
	const struct xpb_policy p = { .permissive = true,
				      .permissive_global = true,
				      .reset_next = "none" };
	char buf[512];

	xpb_policy_format(&p, XPB_POLICY_LINES, buf, sizeof(buf));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "permissive: module-wide\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "reset: none\n"));
}

/* A short buffer gets a cut, terminated text; nothing past its end. */
static void short_buffer_is_cut(struct kunit *test)
{
	const struct xpb_policy p = { .reset_next = "flr", .nquirks = 8 };
	char buf[40];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = xpb_policy_format(&p, XPB_POLICY_LINES, buf, 24);
	KUNIT_EXPECT_EQ(test, n, 23);
	KUNIT_EXPECT_EQ(test, buf[23], '\0');
	KUNIT_EXPECT_EQ(test, buf[24], 'x');
	KUNIT_EXPECT_EQ(test, strncmp(buf, "permissive: off\ndevice_", 23), 0);
}

/* More quirks than the policy holds are not read past its array. */
static void quirk_count_clamped(struct kunit *test)
{
	struct xpb_policy p = { .reset_next = "flr", .nquirks = 100 };
	char buf[1024];

	xpb_policy_format(&p, XPB_POLICY_ONE_LINE, buf, sizeof(buf));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "quirks=000:0:00000000,"));
	KUNIT_EXPECT_EQ(test, (int)(strstr(buf, " interrupt_control") -
				    strstr(buf, "quirks=")),
			(int)strlen("quirks=") + XPB_POLICY_QUIRKS * 15 - 1);
}

static struct kunit_case pciback_policy_cases[] = {
	KUNIT_CASE(defaults_in_lines),
	KUNIT_CASE(every_switch_on_one_line),
	KUNIT_CASE(module_wide_permissive_named),
	KUNIT_CASE(short_buffer_is_cut),
	KUNIT_CASE(quirk_count_clamped),
	{}
};

static struct kunit_suite pciback_policy_suite = {
	.name = "xpb_pciback_policy",
	.test_cases = pciback_policy_cases,
};

kunit_test_suite(pciback_policy_suite);
