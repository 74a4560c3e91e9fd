// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the reset quirks, on a simulated function laid out as the Intel
 * I219-LM is (its list ends with MSI at 0xd0; an AF capability with FLR
 * sits, unlinked, at 0xe0): found only where the row says and only as
 * the row says, and the AF FLR resets the function, waits for pending
 * transactions and tells a function that does not come back.
 */
#include <kunit/test.h>
#include <linux/pci.h>

#include "../../../drivers/xen/xen-pciback/ops/reset.h"
#include "../../../drivers/xen/xen-pciback/ops/reset_quirk.h"
#include "../sim/sim_dev.h"

#define I219_MSI	0xd0
#define I219_AF		0xe0

static struct sim_dev *i219(struct kunit *test, u16 device)
{
	struct sim_dev *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sd);
	sim_dev_init(sd, PCI_VENDOR_ID_INTEL, device, 0x02000000);
	sd->next_cap = I219_MSI;
	KUNIT_ASSERT_EQ(test, sim_dev_add_msi(sd, true, false, 0), I219_MSI);
	/* ID, next 0, length 6, TP and FLR; then control and status */
	sim_dev_define(sd, I219_AF, 4,
		       PCI_CAP_ID_AF | 6 << 16 |
		       (PCI_AF_CAP_TP | PCI_AF_CAP_FLR) << 24, ~0, 0, 0);
	sim_dev_define(sd, I219_AF + PCI_AF_CTRL, 2, 0, 0xff00, 0, 0x00fe);
	sd->af_pos = I219_AF;
	sim_dev_power_on(sd);
	return sd;
}

static void i219_found(struct kunit *test)
{
	struct sim_dev *sd = i219(test, 0x550a);

	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), I219_AF);
	KUNIT_EXPECT_EQ(test, sd->writes, 0UL);
}

/* Anything other than what the row says: no quirk, the core decides. */
static void only_as_the_row_says(struct kunit *test)
{
	struct sim_dev *sd = i219(test, 0x15b8);	/* another I219 */

	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), 0);
	/* linked after all: the core's own af_flr has it */
	sd = i219(test, 0x550a);
	sim_dev_poke(sd, I219_MSI + PCI_CAP_LIST_NEXT, 1, I219_AF);
	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), 0);
	/* no AF capability there */
	sd = i219(test, 0x550a);
	sim_dev_poke(sd, I219_AF, 1, PCI_CAP_ID_VNDR);
	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), 0);
	/* an AF capability without FLR */
	sd = i219(test, 0x550a);
	sim_dev_poke(sd, I219_AF + PCI_AF_CAP, 1, PCI_AF_CAP_TP);
	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), 0);
	/* the list does not end with MSI at 0xd0 */
	sd = i219(test, 0x550a);
	sim_dev_poke(sd, I219_MSI + PCI_CAP_LIST_NEXT, 1, 0x40);
	KUNIT_EXPECT_EQ(test, xpb_reset_quirk_af(&sd->pdev), 0);
}

static void af_flr_resets(struct kunit *test)
{
	struct sim_dev *sd = i219(test, 0x550a);

	sim_dev_poke(sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	KUNIT_EXPECT_EQ(test, xpb_reset_af_flr(&sd->pdev, I219_AF), 0);
	KUNIT_EXPECT_EQ(test, sd->resets, 1UL);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(sd, PCI_COMMAND, 2), 0U);
}

/* Transactions that stay pending delay the FLR, never stop it. */
static void af_flr_after_pending(struct kunit *test)
{
	struct sim_dev *sd = i219(test, 0x550a);

	sim_dev_poke(sd, I219_AF + PCI_AF_STATUS, 1, PCI_AF_STATUS_TP);
	KUNIT_EXPECT_EQ(test, xpb_reset_af_flr(&sd->pdev, I219_AF), 0);
	KUNIT_EXPECT_EQ(test, sd->resets, 1UL);
}

/* A function that answers all ones after it is not reported as reset. */
static void af_flr_not_back(struct kunit *test)
{
	struct sim_dev *sd = i219(test, 0x550a);

	sd->all_ones = true;
	KUNIT_EXPECT_EQ(test, xpb_reset_af_flr(&sd->pdev, I219_AF),
			-ETIMEDOUT);
}

/* A method pciback adds goes where the core's order has it. */
static void added_in_core_order(struct kunit *test)
{
	struct xpb_reset_view v = { .can = BIT(XPB_RESET_FLR) |
				    BIT(XPB_RESET_PM) };

	v.order[0] = XPB_RESET_FLR;
	v.order[1] = XPB_RESET_PM;
	v.norder = 2;
	xpb_reset_view_add(&v, XPB_RESET_AF_FLR);
	KUNIT_EXPECT_EQ(test, v.norder, 3U);
	KUNIT_EXPECT_EQ(test, v.order[1], XPB_RESET_AF_FLR);
	KUNIT_EXPECT_EQ(test, v.order[2], XPB_RESET_PM);
	KUNIT_EXPECT_TRUE(test, v.can & BIT(XPB_RESET_AF_FLR));
	/* once */
	xpb_reset_view_add(&v, XPB_RESET_AF_FLR);
	KUNIT_EXPECT_EQ(test, v.norder, 3U);
	/* not when the administrator allows none */
	memset(&v, 0, sizeof(v));
	xpb_reset_view_add(&v, XPB_RESET_AF_FLR);
	KUNIT_EXPECT_EQ(test, v.norder, 0U);
	KUNIT_EXPECT_EQ(test, v.can, 0UL);
}

static struct kunit_case pciback_reset_quirk_cases[] = {
	KUNIT_CASE(i219_found),
	KUNIT_CASE(only_as_the_row_says),
	KUNIT_CASE(af_flr_resets),
	KUNIT_CASE(af_flr_after_pending),
	KUNIT_CASE(af_flr_not_back),
	KUNIT_CASE(added_in_core_order),
	{}
};

static struct kunit_suite pciback_reset_quirk_suite = {
	.name = "xpb_pciback_reset_quirk",
	.test_cases = pciback_reset_quirk_cases,
};

kunit_test_suite(pciback_reset_quirk_suite);
