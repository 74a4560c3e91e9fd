// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the last refusal of each function, as the refusals file shows
 * it: one per function, newest last, the oldest dropped when full.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../../drivers/xen/xen-pciback/ops/refusals.h"

static struct xpb_refusals *table(struct kunit *test)
{
	struct xpb_refusals *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	return r;
}

static void one_per_function_newest_last(struct kunit *test)
{
	struct xpb_refusals *r = table(test);
	char buf[1024];

	xpb_refusal_note(r, "0000:00:05.0", "refused: a");
	xpb_refusal_note(r, "0000:00:07.0", "refused: b");
	xpb_refusal_note(r, "0000:00:05.0", "refused: c");
	xpb_refusals_show(r, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "0000:00:07.0 refused: b\n0000:00:05.0 refused: c\n");
}

static void accepted_function_forgotten(struct kunit *test)
{
	struct xpb_refusals *r = table(test);
	char buf[1024];

	xpb_refusal_note(r, "0000:00:05.0", "refused: a");
	xpb_refusal_note(r, "0000:00:07.0", "refused: b");
	xpb_refusal_forget(r, "0000:00:05.0");
	xpb_refusal_forget(r, "0000:00:09.0");
	KUNIT_EXPECT_EQ(test, xpb_refusals_show(r, buf, sizeof(buf)),
			(int)strlen("0000:00:07.0 refused: b\n"));
	KUNIT_EXPECT_STREQ(test, buf, "0000:00:07.0 refused: b\n");
	xpb_refusal_forget(r, "0000:00:07.0");
	KUNIT_EXPECT_EQ(test, xpb_refusals_show(r, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");
}

static void full_table_drops_the_oldest(struct kunit *test)
{
	struct xpb_refusals *r = table(test);
	char name[XPB_REFUSAL_NAME];
	unsigned int i;

	for (i = 0; i <= XPB_REFUSALS; i++) {
		snprintf(name, sizeof(name), "0000:%02x:00.0", i);
		xpb_refusal_note(r, name, "refused: x");
	}
	KUNIT_EXPECT_EQ(test, r->n, (unsigned int)XPB_REFUSALS);
	KUNIT_EXPECT_STREQ(test, r->e[0].name, "0000:01:00.0");
	snprintf(name, sizeof(name), "0000:%02x:00.0", XPB_REFUSALS);
	KUNIT_EXPECT_STREQ(test, r->e[XPB_REFUSALS - 1].name, name);
}

/* The longest refusal pciback logs (an export's, about 290) is kept whole. */
static void longest_refusal_kept_whole(struct kunit *test)
{
	struct xpb_refusals *r = table(test);
	char *line = kunit_kzalloc(test, 300, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, line);
	memset(line, 'z', 299);
	xpb_refusal_note(r, "0000:00:05.0", line);
	KUNIT_EXPECT_STREQ(test, r->e[0].line, line);
}

/* A line longer than an entry is cut and terminated; so is the output. */
static void long_lines_cut(struct kunit *test)
{
	struct xpb_refusals *r = table(test);
	char *line = kunit_kzalloc(test, 2 * XPB_REFUSAL_LINE, GFP_KERNEL);
	char buf[32];

	KUNIT_ASSERT_NOT_NULL(test, line);
	memset(line, 'y', 2 * XPB_REFUSAL_LINE - 1);
	xpb_refusal_note(r, "0000:00:05.0", line);
	KUNIT_EXPECT_EQ(test, strlen(r->e[0].line),
			(size_t)XPB_REFUSAL_LINE - 1);
	KUNIT_EXPECT_EQ(test, xpb_refusals_show(r, buf, sizeof(buf)),
			(int)sizeof(buf) - 1);
	KUNIT_EXPECT_EQ(test, buf[sizeof(buf) - 1], '\0');
}

static struct kunit_case pciback_refusals_cases[] = {
	KUNIT_CASE(one_per_function_newest_last),
	KUNIT_CASE(accepted_function_forgotten),
	KUNIT_CASE(full_table_drops_the_oldest),
	KUNIT_CASE(longest_refusal_kept_whole),
	KUNIT_CASE(long_lines_cut),
	{}
};

static struct kunit_suite pciback_refusals_suite = {
	.name = "xpb_pciback_refusals",
	.test_cases = pciback_refusals_cases,
};

kunit_test_suite(pciback_refusals_suite);
