// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: permissive mode, quirks, denial accounting and reset of the
 * config-space engine.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "engine_profiles.h"

static void global_permissive_opens_ro_pass_bits_revocably(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 hw = sim_dev_peek(&fx->sd, dc, 2) & ~PCI_EXP_DEVCTL_PAYLOAD;

	fx->sd.guard[dc] &= ~PCI_EXP_DEVCTL_PAYLOAD;
	eng_wr_st(test, fx, dc, 2, hw | PCI_EXP_DEVCTL_PAYLOAD_512B,
		  CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2), hw);
	cfgv_set_global_permissive(true);
	KUNIT_EXPECT_TRUE(test, cfgv_permissive(fx->dev));
	eng_wr(test, fx, dc, 2, hw | PCI_EXP_DEVCTL_PAYLOAD_512B);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2),
			hw | PCI_EXP_DEVCTL_PAYLOAD_512B);
	cfgv_set_global_permissive(false);
	eng_wr_st(test, fx, dc, 2, hw, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2),
			hw | PCI_EXP_DEVCTL_PAYLOAD_512B);
}

static void device_permissive_is_revocable(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int xfl = fx->msix + PCI_MSIX_FLAGS;

	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, xfl, 2, PCI_MSIX_FLAGS_MASKALL);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, xfl, 2) &
			  PCI_MSIX_FLAGS_MASKALL);
	cfgv_set_permissive(fx->dev, false);
	KUNIT_EXPECT_FALSE(test, cfgv_permissive(fx->dev));
	eng_wr_st(test, fx, xfl, 2, 0, CFGV_DENIED);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, xfl, 2) &
			  PCI_MSIX_FLAGS_MASKALL);
}

static void permissive_keeps_emulated_and_hidden_bits(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);

	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, PCI_BASE_ADDRESS_0, 4, 0x12345678);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			0xfd000004U);
	eng_wr_st(test, fx, 0x44, 4, 0x5a5a5a5a, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0x44, 4), 0xa5a5a5a5U);
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_SERR);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_SERR, 0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void quirk_opens_and_closes_window(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);

	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x44, 4, 0x0000ffff), 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, 0x44, 4), 0xa5a5U);
	memset(&fx->sd.guard[0x44], 0, 2);
	/* the upper half stays hidden: those bits are refused */
	eng_wr_st(test, fx, 0x44, 4, 0x12341234, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0x44, 4), 0xa5a51234U);
	eng_wr(test, fx, 0x44, 2, 0x4321);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0x44, 4), 0xa5a54321U);
	/* the guest's other virtual state survives a quirk removal */
	eng_wr(test, fx, PCI_INTERRUPT_LINE, 1, 9);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, 0x44, 4), 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, 0x44, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_INTERRUPT_LINE, 1), 9U);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, 0x44, 4), -ENOENT);
}

static void quirk_rejects_bad_windows(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x41, 2, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x40, 3, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x40, 1, 0x100),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x100, 4, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0x40, 4, 0), -EINVAL);
}

static void denied_writes_counted_per_device(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	struct cfgv_stats st;

	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 0ULL);
	KUNIT_EXPECT_EQ(test, st.last_denied_off, -1);
	eng_wr_st(test, fx, fx->msi + PCI_MSI_ADDRESS_LO, 4, 0xfee00000,
		  CFGV_DENIED);
	eng_wr_st(test, fx, fx->msi + PCI_MSI_ADDRESS_LO, 4, 0xfee00000,
		  CFGV_DENIED);
	eng_wr_st(test, fx, fx->msi + PCI_MSI_FLAGS, 2, 1, CFGV_DENIED);
	/* read-only bits are ignored, as hardware ignores them */
	eng_wr(test, fx, PCI_VENDOR_ID, 4, 0);
	eng_wr(test, fx, PCI_STATUS, 2, 0);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 3ULL);
	KUNIT_EXPECT_EQ(test, st.last_denied_off, fx->msi + PCI_MSI_FLAGS);
	KUNIT_EXPECT_EQ(test, st.writes, 5ULL);
}

static void denial_logged_once_per_offset(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	unsigned int addr = fx->msi + PCI_MSI_ADDRESS_LO;
	struct cfgv_stats st;

	eng_wr_st(test, fx, addr, 4, 0xfee00000, CFGV_DENIED);
	eng_wr_st(test, fx, addr, 4, 0xfee00000, CFGV_DENIED);
	eng_wr_st(test, fx, addr, 4, 0xfee01000, CFGV_DENIED);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 3ULL);
	KUNIT_EXPECT_EQ(test, st.logged, 1ULL);
	/* another offset gets its own line */
	eng_wr_st(test, fx, fx->msi + PCI_MSI_FLAGS, 2, 1, CFGV_DENIED);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.logged, 2ULL);
	/* after a reset (new guest) the first denial is reported again */
	cfgv_reset(fx->dev);
	eng_wr_st(test, fx, addr, 4, 0xfee00000, CFGV_DENIED);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.logged, 3ULL);
	KUNIT_EXPECT_EQ(test, st.denied, 5ULL);
}

static void reset_forgets_guest_state(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	eng_wr(test, fx, PCI_INTERRUPT_LINE, 1, 3);
	eng_wr(test, fx, PCI_BASE_ADDRESS_0, 4, ~0U);
	eng_wr(test, fx, fx->pm + PCI_PM_CTRL, 2, 3);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->pm + PCI_PM_CTRL, 2) & 3,
			3U);
	/* the driver's release brings the device back to D0, then resets */
	sim_dev_poke(&fx->sd, fx->pm + PCI_PM_CTRL, 2, 0);
	cfgv_reset(fx->dev);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_INTERRUPT_LINE, 1), 11U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfebc0000U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->pm + PCI_PM_CTRL, 2) & 3,
			0U);
}

static struct kunit_case engine_permissive_cases[] = {
	KUNIT_CASE(global_permissive_opens_ro_pass_bits_revocably),
	KUNIT_CASE(device_permissive_is_revocable),
	KUNIT_CASE(permissive_keeps_emulated_and_hidden_bits),
	KUNIT_CASE(quirk_opens_and_closes_window),
	KUNIT_CASE(quirk_rejects_bad_windows),
	KUNIT_CASE(denied_writes_counted_per_device),
	KUNIT_CASE(denial_logged_once_per_offset),
	KUNIT_CASE(reset_forgets_guest_state),
	{}
};

static struct kunit_suite engine_permissive_suite = {
	.name = "xpb_engine_permissive",
	.exit = eng_exit,
	.test_cases = engine_permissive_cases,
};

kunit_test_suite(engine_permissive_suite);
