// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: PCI Express capability rules of the config-space engine.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/pci.h>

#include "engine_profiles.h"

#define DEVCTL_ERR_ENABLES	(PCI_EXP_DEVCTL_CERE | PCI_EXP_DEVCTL_NFERE | \
				 PCI_EXP_DEVCTL_FERE | PCI_EXP_DEVCTL_URRE)

static void devctl_keeps_mps_passes_mrrs(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2);

	/* MPS is the host's choice for the whole hierarchy: refused */
	eng_wr_st(test, fx, dc, 2, (hw & ~PCI_EXP_DEVCTL_READRQ &
				    ~PCI_EXP_DEVCTL_PAYLOAD) | 0x5000 | 0x0020,
		  CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			PCI_EXP_DEVCTL_PAYLOAD, hw & PCI_EXP_DEVCTL_PAYLOAD);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			PCI_EXP_DEVCTL_READRQ, 0x5000U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/*
 * Max_Read_Request_Size goes through the PCI core's setter, which may
 * hold it lower (pcie_bus_perf); the guest reads back what holds, and a
 * reset behind its back puts that back.
 */
static void devctl_mrrs_through_the_core(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2) & ~PCI_EXP_DEVCTL_READRQ;

	fx->readrq_cap = 256;
	eng_wr(test, fx, dc, 2, hw | PCI_EXP_DEVCTL_READRQ_4096B);
	KUNIT_EXPECT_EQ(test, fx->readrq_calls, 1);
	KUNIT_EXPECT_EQ(test, fx->readrq_asked, 4096);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			PCI_EXP_DEVCTL_READRQ, (u32)PCI_EXP_DEVCTL_READRQ_256B);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2) & PCI_EXP_DEVCTL_READRQ,
			(u32)PCI_EXP_DEVCTL_READRQ_256B);
	/* a write that leaves the size alone does not call the core */
	eng_wr(test, fx, dc, 2, eng_rd(test, fx, dc, 2) ^
	       PCI_EXP_DEVCTL_RELAX_EN);
	KUNIT_EXPECT_EQ(test, fx->readrq_calls, 1);
	/* the host resets the function: the size the core let be comes back */
	sim_dev_poke(&fx->sd, dc, 2, sim_dev_peek(&fx->sd, dc, 2) &
		     ~PCI_EXP_DEVCTL_READRQ);
	KUNIT_EXPECT_EQ(test, cfgv_replay(fx->dev), 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			PCI_EXP_DEVCTL_READRQ, (u32)PCI_EXP_DEVCTL_READRQ_256B);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/* Without the hook the size goes to hardware as written, with the rest. */
static void devctl_mrrs_without_the_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct cfgv_dev *bare = cfgv_create(&fx->sd.pdev, NULL, NULL);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2), want;

	KUNIT_ASSERT_FALSE(test, IS_ERR(bare));
	want = (hw & ~PCI_EXP_DEVCTL_READRQ & ~PCI_EXP_DEVCTL_RELAX_EN) |
	       PCI_EXP_DEVCTL_READRQ_1024B |
	       (~hw & PCI_EXP_DEVCTL_RELAX_EN);
	KUNIT_EXPECT_EQ(test, cfgv_write(bare, dc, 2, want), CFGV_OK);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			(PCI_EXP_DEVCTL_READRQ | PCI_EXP_DEVCTL_RELAX_EN),
			want & (PCI_EXP_DEVCTL_READRQ |
				PCI_EXP_DEVCTL_RELAX_EN));
	KUNIT_EXPECT_EQ(test, fx->readrq_calls, 0);
	cfgv_destroy(bare);
}

/* Encodings 6 and 7 are reserved: refused whole, the core never asked. */
static void devctl_mrrs_reserved_refused(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2);
	u32 view = eng_rd(test, fx, dc, 2);
	struct cfgv_stats st;

	eng_wr_st(test, fx, dc, 2, (view & ~PCI_EXP_DEVCTL_READRQ) | 0x7000 |
		  PCI_EXP_DEVCTL_RELAX_EN, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, fx->readrq_calls, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2), hw);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2), view);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 1ULL);
	/* the field is the core's to set: no quirk opens it */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, dc, 2,
					     PCI_EXP_DEVCTL_READRQ),
			-EPERM);
}

/* The core refusing the size refuses the write; nothing of it lands. */
static void devctl_mrrs_core_refusal(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2);
	u32 view = eng_rd(test, fx, dc, 2);

	fx->hook_ret = -EINVAL;
	eng_wr_st(test, fx, dc, 2, (view & ~PCI_EXP_DEVCTL_READRQ) |
		  PCI_EXP_DEVCTL_READRQ_1024B | PCI_EXP_DEVCTL_RELAX_EN,
		  CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, fx->readrq_calls, 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2), hw);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2), view);
}

/*
 * XSA-120: the error reporting enables work on their own (PCIe 6.2.5),
 * so they are virtual: the guest reads back what it wrote, on or off,
 * and the hardware keeps dom0's values.
 */
static void devctl_error_enables_virtual(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2);

	eng_wr(test, fx, dc, 2, hw | DEVCTL_ERR_ENABLES);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			DEVCTL_ERR_ENABLES, hw & DEVCTL_ERR_ENABLES);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2) & DEVCTL_ERR_ENABLES,
			(u32)DEVCTL_ERR_ENABLES);
	/* dom0 has them on in hardware: the guest turning them off stays virtual */
	sim_dev_poke(&fx->sd, dc, 2, hw | DEVCTL_ERR_ENABLES);
	eng_wr(test, fx, dc, 2, hw & ~DEVCTL_ERR_ENABLES);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2) &
			DEVCTL_ERR_ENABLES, (u32)DEVCTL_ERR_ENABLES);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2) & DEVCTL_ERR_ENABLES, 0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void devctl_flr_goes_to_reset_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;

	KUNIT_EXPECT_TRUE(test, eng_rd(test, fx, fx->exp + PCI_EXP_DEVCAP, 4) &
			  PCI_EXP_DEVCAP_FLR);
	eng_wr(test, fx, dc, 2, eng_rd(test, fx, dc, 2) |
	       PCI_EXP_DEVCTL_BCR_FLR);
	KUNIT_EXPECT_EQ(test, fx->reset_calls, 1);
	KUNIT_EXPECT_EQ(test, fx->sd.resets, 1UL);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, dc, 2) & PCI_EXP_DEVCTL_BCR_FLR,
			0U);
	eng_wr(test, fx, dc + 1, 1, PCI_EXP_DEVCTL_BCR_FLR >> 8);
	KUNIT_EXPECT_EQ(test, fx->reset_calls, 2);
	KUNIT_EXPECT_EQ(test, fx->sd.resets, 2UL);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void flr_hidden_without_reset_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct cfgv_dev *bare = cfgv_create(&fx->sd.pdev, NULL, NULL);
	u32 v = ~0U;

	KUNIT_ASSERT_FALSE(test, IS_ERR(bare));
	KUNIT_EXPECT_EQ(test, cfgv_read(bare, fx->exp + PCI_EXP_DEVCAP, 4, &v),
			CFGV_OK);
	KUNIT_EXPECT_EQ(test, v & PCI_EXP_DEVCAP_FLR, 0U);
	KUNIT_EXPECT_EQ(test, cfgv_write(bare, fx->exp + PCI_EXP_DEVCTL, 2,
					 PCI_EXP_DEVCTL_BCR_FLR),
			CFGV_UNSUPPORTED);
	KUNIT_EXPECT_EQ(test, fx->reset_calls, 0);
	/* The FLR bit never reached the device. */
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	cfgv_destroy(bare);
}

static void lnkctl_power_bits_virtual(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int lc = fx->exp + PCI_EXP_LNKCTL;

	eng_wr(test, fx, lc, 2, PCI_EXP_LNKCTL_ASPMC | PCI_EXP_LNKCTL_CLKREQ_EN |
	       PCI_EXP_LNKCTL_ES | PCI_EXP_LNKCTL_LD);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, lc, 2) &
			(PCI_EXP_LNKCTL_ASPMC | PCI_EXP_LNKCTL_CLKREQ_EN),
			(u32)(PCI_EXP_LNKCTL_ASPMC | PCI_EXP_LNKCTL_CLKREQ_EN));
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, lc, 2),
			(u32)PCI_EXP_LNKCTL_ES);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	KUNIT_EXPECT_EQ(test, fx->sd.rsvd_hits, 0UL);
}

static void devctl2_lnkctl2_masks(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int d2 = fx->exp + PCI_EXP_DEVCTL2, l2 = fx->exp + PCI_EXP_LNKCTL2;

	/* ARI forwarding and LTR are the host's */
	eng_wr_st(test, fx, d2, 2, 0x5 | PCI_EXP_DEVCTL2_ARI |
		  PCI_EXP_DEVCTL2_LTR_EN, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, d2, 2), 0x5U);
	eng_wr(test, fx, l2, 2, 0x0001);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, l2, 2) & 0xf, 1U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, l2, 2) & 0xf, 2U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	KUNIT_EXPECT_EQ(test, fx->sd.rsvd_hits, 0UL);
}

static void slot_and_root_registers_hidden(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int off;

	for (off = PCI_EXP_SLTCAP; off < PCI_EXP_DEVCAP2; off += 4)
		sim_dev_poke(&fx->sd, fx->exp + off, 4, 0xffffffff);
	for (off = PCI_EXP_SLTCAP2; off <= PCI_EXP_SLTSTA2; off += 2)
		sim_dev_poke(&fx->sd, fx->exp + off, 2, 0xffff);
	cfgv_reset(fx->dev);
	for (off = PCI_EXP_SLTCAP; off < PCI_EXP_DEVCAP2; off += 4)
		KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp + off, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp + PCI_EXP_SLTCTL2, 2),
			0U);
}

static void devsta_rw1c_passes_through(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int ds = fx->exp + PCI_EXP_DEVSTA;

	sim_dev_poke(&fx->sd, ds, 2, 0xf);
	eng_wr(test, fx, fx->exp + PCI_EXP_DEVCTL, 4,
	       sim_dev_peek(&fx->sd, fx->exp + PCI_EXP_DEVCTL, 2) | 0x10000);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, ds, 2), 0xeU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ds, 2), 0xeU);
}

static void build_exp_v1(struct eng_fx *fx)
{
	eng_pcie_ep(fx);
	sim_dev_poke(&fx->sd, fx->exp + PCI_EXP_FLAGS, 2,
		     (sim_dev_peek(&fx->sd, fx->exp + PCI_EXP_FLAGS, 2) &
		      ~PCI_EXP_FLAGS_VERS) | 1);
}

static void exp_v1_has_no_v2_registers(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, build_exp_v1);
	int l2 = fx->exp + PCI_EXP_LNKCTL2;

	/* beyond a version 1 capability: no PCIe rules apply */
	eng_wr(test, fx, l2, 2, 0x0001);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, l2, 2),
			sim_dev_peek(&fx->sd, l2, 2));
	/* the version 1 registers keep theirs */
	eng_wr(test, fx, fx->exp + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_BCR_FLR);
	KUNIT_EXPECT_EQ(test, fx->reset_calls, 1);
}

static struct kunit_case engine_pcie_cases[] = {
	KUNIT_CASE(devctl_keeps_mps_passes_mrrs),
	KUNIT_CASE(devctl_mrrs_through_the_core),
	KUNIT_CASE(devctl_mrrs_without_the_hook),
	KUNIT_CASE(devctl_mrrs_reserved_refused),
	KUNIT_CASE(devctl_mrrs_core_refusal),
	KUNIT_CASE(devctl_error_enables_virtual),
	KUNIT_CASE(devctl_flr_goes_to_reset_hook),
	KUNIT_CASE(flr_hidden_without_reset_hook),
	KUNIT_CASE(lnkctl_power_bits_virtual),
	KUNIT_CASE(devctl2_lnkctl2_masks),
	KUNIT_CASE(slot_and_root_registers_hidden),
	KUNIT_CASE(devsta_rw1c_passes_through),
	KUNIT_CASE(exp_v1_has_no_v2_registers),
	{}
};

static struct kunit_suite engine_pcie_suite = {
	.name = "xpb_engine_pcie",
	.exit = eng_exit,
	.test_cases = engine_pcie_cases,
};

kunit_test_suite(engine_pcie_suite);
