// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: extended configuration space rules of the config-space engine.
 */
#include <kunit/test.h>
#include <linux/pci.h>

#include "engine_profiles.h"

static void ext_chain_shows_only_aer_dsn_vsec(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	char why[80] = "";
	u32 h;

	h = eng_rd(test, fx, fx->aer, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_ID(h), PCI_EXT_CAP_ID_ERR);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(h), fx->dsn);
	h = eng_rd(test, fx, fx->dsn, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(h), fx->vsec);
	h = eng_rd(test, fx, fx->vsec, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_ID(h), PCI_EXT_CAP_ID_VNDR);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(h), 0);
	KUNIT_EXPECT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
	KUNIT_EXPECT_STREQ(test, why, "");
}

static void hidden_ext_caps_relinked(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);
	char why[80] = "";
	u32 h;

	/* SR-IOV at 0x100 becomes a placeholder; ACS and LTR vanish */
	h = eng_rd(test, fx, PCI_CFG_SPACE_SIZE, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_ID(h), 0);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(h), fx->aer);
	h = eng_rd(test, fx, fx->aer, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(h), fx->dsn);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_CFG_SPACE_SIZE + 4, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
	KUNIT_EXPECT_STREQ(test, why, "");
}

static void first_hidden_ext_cap_leaves_placeholder(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_first_ext_hidden);
	u32 h = eng_rd(test, fx, PCI_CFG_SPACE_SIZE, 4);

	KUNIT_EXPECT_EQ(test, h, (u32)fx->aer << 20);
	eng_wr(test, fx, PCI_CFG_SPACE_SIZE, 4, 0x12345678);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_CFG_SPACE_SIZE, 4), h);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void aer_status_masks_severity_virtual(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int a = fx->aer;
	u32 sev, mask;

	/* the hardware's status is dom0's: the guest neither sees nor clears it */
	sim_dev_poke(&fx->sd, a + PCI_ERR_UNCOR_STATUS, 4, 0x00101010);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4), 0U);
	eng_wr(test, fx, a + PCI_ERR_UNCOR_STATUS, 4, 0x00000010);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_STATUS,
					   4), 0x00101010U);
	/* masks are virtual (XSA-120): the hardware's are dom0's */
	mask = sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_MASK, 4);
	eng_wr(test, fx, a + PCI_ERR_UNCOR_MASK, 4, ~0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_MASK, 4),
			mask);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_MASK, 4),
			0x03fff030U);
	mask = sim_dev_peek(&fx->sd, a + PCI_ERR_COR_MASK, 4);
	eng_wr(test, fx, a + PCI_ERR_COR_MASK, 4, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_COR_MASK, 4),
			mask);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_COR_MASK, 4), 0U);
	/* severity is virtual: the guest reads it back, hardware keeps its own */
	sev = sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_SEVER, 4);
	eng_wr(test, fx, a + PCI_ERR_UNCOR_SEVER, 4, 0x10);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_SEVER,
					   4), sev);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_SEVER, 4),
			0x10U);
	eng_wr(test, fx, a + PCI_ERR_CAP, 4, ~0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_CAP, 4) &
			0x140, 0x140U);
	KUNIT_EXPECT_EQ(test, fx->sd.rsvd_hits, 0UL);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/* What pciback reports during a recovery, the guest reads and clears. */
static void aer_reported_errors_rw1c(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int a = fx->aer;

	sim_dev_poke(&fx->sd, a + PCI_ERR_UNCOR_STATUS, 4, 0x00101010);
	sim_dev_poke(&fx->sd, a + PCI_ERR_COR_STATUS, 4, 0x41);
	/* bit 0 of each is reserved: dropped */
	KUNIT_EXPECT_TRUE(test, cfgv_aer_report(fx->dev, 0x00101011, 0x43));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4),
			0x00101010U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_COR_STATUS, 4),
			0x41U);
	/* a second report adds to what the guest has not cleared */
	KUNIT_EXPECT_TRUE(test, cfgv_aer_report(fx->dev, 0x00000020, 0));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4),
			0x00101030U);
	/* write 1 clears exactly those bits, in the view only */
	eng_wr(test, fx, a + PCI_ERR_UNCOR_STATUS, 4, 0x00100020);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4),
			0x00001010U);
	eng_wr(test, fx, a + PCI_ERR_COR_STATUS, 1, 0x40);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_COR_STATUS, 4), 0x1U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_UNCOR_STATUS,
					   4), 0x00101010U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, a + PCI_ERR_COR_STATUS, 4),
			0x41U);
	/* writing 0 clears nothing */
	eng_wr(test, fx, a + PCI_ERR_UNCOR_STATUS, 4, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4),
			0x00001010U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/*
 * A device whose guest view has no AER capability takes no report, and
 * its guest, which cannot mask anything, hears of every recovery.
 */
static void aer_report_without_aer(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_TRUE(test, cfgv_aer_report(fx->dev, 0x10, 0x1));
}

/*
 * The guest's masks (virtual) decide what it is told: masked errors do
 * not reach its status; a report of only masked errors says the guest
 * is not to hear of it; one with nothing found says it is.
 */
static void aer_report_respects_guest_masks(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int a = fx->aer;

	eng_wr(test, fx, a + PCI_ERR_UNCOR_MASK, 4, PCI_ERR_UNC_POISON_TLP);
	eng_wr(test, fx, a + PCI_ERR_COR_MASK, 4, PCI_ERR_COR_RCVR);
	KUNIT_EXPECT_FALSE(test, cfgv_aer_report(fx->dev,
						 PCI_ERR_UNC_POISON_TLP,
						 PCI_ERR_COR_RCVR));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_COR_STATUS, 4), 0U);
	KUNIT_EXPECT_TRUE(test, cfgv_aer_report(fx->dev,
						PCI_ERR_UNC_POISON_TLP |
						PCI_ERR_UNC_MALF_TLP, 0));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a + PCI_ERR_UNCOR_STATUS, 4),
			(u32)PCI_ERR_UNC_MALF_TLP);
	KUNIT_EXPECT_TRUE(test, cfgv_aer_report(fx->dev, 0, 0));
}

static void aer_header_is_virtual(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);
	u32 hw = sim_dev_peek(&fx->sd, fx->aer, 4);
	u32 v = eng_rd(test, fx, fx->aer, 4);

	KUNIT_EXPECT_NE(test, v, hw);
	KUNIT_EXPECT_EQ(test, v & 0xfffff, hw & 0xfffff);
	eng_wr(test, fx, fx->aer, 4, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->aer, 4), v);
}

static void dsn_read_only(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->dsn + 4, 4), 0x89abcdefU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->dsn + 8, 4), 0x01234567U);
	sim_dev_define(&fx->sd, fx->dsn + 4, 4, 0x89abcdef, 0, 0, 0);
	eng_wr(test, fx, fx->dsn + 4, 4, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fx->dsn + 4, 4),
			0x89abcdefU);
}

static void vsec_body_passes_through(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vsec + 4, 4),
			sim_dev_peek(&fx->sd, fx->vsec + 4, 4));
	eng_wr(test, fx, fx->vsec + 0x10, 2, 0xabcd);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fx->vsec + 0x10, 2),
			0xabcdU);
	eng_wr(test, fx, fx->vsec + 4, 4, 0);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void unclaimed_ext_space_reads_zero(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);

	sim_dev_poke(&fx->sd, 0xff0, 4, 0x12345678);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, 0xff0, 4), 0U);
	eng_wr_st(test, fx, 0xffc, 4, ~0U, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void no_ext_space_on_conventional_device(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	u32 v;

	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, PCI_CFG_SPACE_SIZE, 4, &v),
			CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0xffc, 4, 0), CFGV_INVALID);
}

static struct kunit_case engine_ext_cases[] = {
	KUNIT_CASE(ext_chain_shows_only_aer_dsn_vsec),
	KUNIT_CASE(hidden_ext_caps_relinked),
	KUNIT_CASE(first_hidden_ext_cap_leaves_placeholder),
	KUNIT_CASE(aer_status_masks_severity_virtual),
	KUNIT_CASE(aer_reported_errors_rw1c),
	KUNIT_CASE(aer_report_without_aer),
	KUNIT_CASE(aer_report_respects_guest_masks),
	KUNIT_CASE(aer_header_is_virtual),
	KUNIT_CASE(dsn_read_only),
	KUNIT_CASE(vsec_body_passes_through),
	KUNIT_CASE(unclaimed_ext_space_reads_zero),
	KUNIT_CASE(no_ext_space_on_conventional_device),
	{}
};

static struct kunit_suite engine_ext_suite = {
	.name = "xpb_engine_ext",
	.exit = eng_exit,
	.test_cases = engine_ext_cases,
};

kunit_test_suite(engine_ext_suite);
