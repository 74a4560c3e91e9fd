// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pciback's answers to guest requests without Xen: engine results
 * as pciif errors, and the interrupt request rules (XSA-157).
 */
#include <kunit/test.h>

#include "../../../drivers/xen/xen-pciback/ops/rules.h"

static void cfg_results_map_to_pciif_errors(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_OK), XPB_ERR_SUCCESS);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_INVALID),
			XPB_ERR_INVALID_OFFSET);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_DENIED), XPB_ERR_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_HW_FAILED), XPB_ERR_OP_FAILED);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_HOOK_FAILED), XPB_ERR_OP_FAILED);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_UNSUPPORTED),
			XPB_ERR_NOT_IMPLEMENTED);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(CFGV_NEED_SLEEP), XPB_ERR_OP_FAILED);
	KUNIT_EXPECT_EQ(test, xpb_cfg_err(77), XPB_ERR_OP_FAILED);
	/* the values pcifront knows (pciif.h) */
	KUNIT_EXPECT_EQ(test, XPB_ERR_ACCESS_DENIED, -3);
	KUNIT_EXPECT_EQ(test, XPB_ERR_NOT_IMPLEMENTED, -4);
}

/* A device with 4 MSI vectors and an 8-entry MSI-X table, decode on. */
static const struct xpb_irq_state idle = {
	.msi_vecs = 4, .msix_size = 8, .mem_decode = true,
};

struct irq_case {
	const char *name;
	struct xpb_irq_state s;
	enum xpb_irq_op op;
	unsigned int nvec;
	u16 entries[4];
	enum xpb_irq_verdict verdict;
	int err;
};

static const struct irq_case irq_cases[] = {
	{ "msi on idle", idle, XPB_IRQ_ENABLE_MSI, 0, {}, XPB_DO },
	{ "msi twice", { 4, 8, true, false, true }, XPB_IRQ_ENABLE_MSI, 0, {},
	  XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msi beside msix", { 4, 8, false, true, true }, XPB_IRQ_ENABLE_MSI,
	  0, {}, XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msi without capability", { 0, 8, false, false, true },
	  XPB_IRQ_ENABLE_MSI, 0, {}, XPB_REFUSE, XPB_ERR_NOT_IMPLEMENTED },
	{ "multi msi 4", idle, XPB_IRQ_ENABLE_MULTI_MSI, 4, {}, XPB_DO },
	{ "multi msi 8 of 4", idle, XPB_IRQ_ENABLE_MULTI_MSI, 8, {},
	  XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "multi msi 3", idle, XPB_IRQ_ENABLE_MULTI_MSI, 3, {}, XPB_REFUSE,
	  XPB_ERR_OP_FAILED },
	{ "multi msi 0", idle, XPB_IRQ_ENABLE_MULTI_MSI, 0, {}, XPB_REFUSE,
	  XPB_ERR_OP_FAILED },
	{ "msix 2", idle, XPB_IRQ_ENABLE_MSIX, 2, { 0, 7 }, XPB_DO },
	{ "msix twice", { 4, 8, false, true, true }, XPB_IRQ_ENABLE_MSIX, 1,
	  { 0 }, XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix beside msi", { 4, 8, true, false, true }, XPB_IRQ_ENABLE_MSIX,
	  1, { 0 }, XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix decode off", { 4, 8, false, false, false },
	  XPB_IRQ_ENABLE_MSIX, 1, { 0 }, XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix entry past table", idle, XPB_IRQ_ENABLE_MSIX, 2, { 0, 8 },
	  XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix entry twice", idle, XPB_IRQ_ENABLE_MSIX, 3, { 1, 2, 1 },
	  XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix more than the table", idle, XPB_IRQ_ENABLE_MSIX, 9, {},
	  XPB_REFUSE, XPB_ERR_OP_FAILED },
	{ "msix zero", idle, XPB_IRQ_ENABLE_MSIX, 0, {}, XPB_REFUSE,
	  XPB_ERR_OP_FAILED },
	{ "msix without capability", { 4, 0, false, false, true },
	  XPB_IRQ_ENABLE_MSIX, 1, { 0 }, XPB_REFUSE,
	  XPB_ERR_NOT_IMPLEMENTED },
	{ "disable msi when on", { 4, 8, true, false, true },
	  XPB_IRQ_DISABLE_MSI, 0, {}, XPB_DO },
	{ "disable msi when off", idle, XPB_IRQ_DISABLE_MSI, 0, {},
	  XPB_NOTHING },
	/* a Linux 6.1 guest's teardown of MSI-X asks disable_msi */
	{ "disable msi while only msix is on", { 4, 8, false, true, true },
	  XPB_IRQ_DISABLE_MSI, 0, {}, XPB_MSIX_OFF },
	{ "disable msix when on", { 4, 8, false, true, true },
	  XPB_IRQ_DISABLE_MSIX, 0, {}, XPB_DO },
	{ "disable msix when off", idle, XPB_IRQ_DISABLE_MSIX, 0, {},
	  XPB_NOTHING },
	{ "unknown op", idle, 42, 0, {}, XPB_REFUSE, XPB_ERR_NOT_IMPLEMENTED },
};

static void irq_requests_follow_the_rules(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(irq_cases); i++) {
		const struct irq_case *c = &irq_cases[i];
		const char *why = "unset";
		int err = 99;
		enum xpb_irq_verdict v;

		v = xpb_irq_check(&c->s, c->op, c->nvec, c->entries, &err,
				  &why);
		KUNIT_EXPECT_EQ_MSG(test, v, c->verdict, "%s", c->name);
		if (c->verdict == XPB_REFUSE) {
			KUNIT_EXPECT_EQ_MSG(test, err, c->err, "%s", c->name);
			KUNIT_EXPECT_NOT_NULL_MSG(test, why, "%s", c->name);
		} else {
			KUNIT_EXPECT_NULL_MSG(test, why, "%s", c->name);
		}
	}
}

/* 128 vectors is the shared page's limit, whatever the table size. */
static void msix_vector_limit_is_the_shared_page(struct kunit *test)
{
	struct xpb_irq_state s = { .msix_size = 2048, .mem_decode = true };
	static u16 entries[XPB_MAX_VEC + 1];
	const char *why;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(entries); i++)
		entries[i] = i;
	KUNIT_EXPECT_EQ(test, xpb_irq_check(&s, XPB_IRQ_ENABLE_MSIX,
					    XPB_MAX_VEC, entries, &err, &why),
			XPB_DO);
	KUNIT_EXPECT_EQ(test, xpb_irq_check(&s, XPB_IRQ_ENABLE_MSIX,
					    XPB_MAX_VEC + 1, entries, &err,
					    &why),
			XPB_REFUSE);
	KUNIT_EXPECT_EQ(test, xpb_irq_check(&s, XPB_IRQ_ENABLE_MSIX, 1, NULL,
					    &err, &why),
			XPB_REFUSE);
}

static struct kunit_case pciback_rules_cases[] = {
	KUNIT_CASE(cfg_results_map_to_pciif_errors),
	KUNIT_CASE(irq_requests_follow_the_rules),
	KUNIT_CASE(msix_vector_limit_is_the_shared_page),
	{}
};

static struct kunit_suite pciback_rules_suite = {
	.name = "xpb_pciback_rules",
	.test_cases = pciback_rules_cases,
};

kunit_test_suite(pciback_rules_suite);
