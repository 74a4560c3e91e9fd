// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: standard capability rules of the config-space engine (chain,
 * hiding, device-specific registers, PM, MSI, MSI-X, VPD, vendor).
 */
#include <kunit/test.h>
#include <linux/pci.h>

#include "engine_profiles.h"

static u64 eng_denied(struct eng_fx *fx)
{
	struct cfgv_stats st;

	cfgv_get_stats(fx->dev, &st);
	return st.denied;
}

static void chain_shows_allowed_caps_in_hardware_order(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);
	char why[80];

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_CAPABILITY_LIST, 1),
			(u32)fx->pm);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->pm + 1, 1), (u32)fx->msi);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->msi + 1, 1), (u32)fx->exp);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp + 1, 1), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp, 1),
			(u32)PCI_CAP_ID_EXP);
	KUNIT_EXPECT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
}

static void hidden_cap_reads_zero_and_ignores_writes(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_hidden_caps);
	int off;

	/* PCI-X (v1, 24 bytes) at 0x40, PM (visible), AGP and SSVID to MSI */
	for (off = 0x40; off < fx->msi; off += 4) {
		if (off >= fx->pm && off < fx->pm + PCI_PM_SIZEOF)
			continue;
		KUNIT_EXPECT_EQ(test, eng_rd(test, fx, off, 4), 0U);
		eng_wr_st(test, fx, off, 4, ~0U, CFGV_DENIED);
		KUNIT_EXPECT_EQ(test, eng_rd(test, fx, off, 4), 0U);
	}
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0x44, 4), 0xa5a5a5a5U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	KUNIT_EXPECT_GT(test, eng_denied(fx), 0ULL);
}

static void device_specific_registers_pass_through(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int off = ALIGN(fx->sd.next_cap, 4);

	sim_dev_poke(&fx->sd, off, 4, 0x11223344);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, off, 4), 0x11223344U);
	eng_wr(test, fx, off + 2, 2, 0xbeef);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, off, 4), 0xbeef3344U);
	eng_wr(test, fx, 0xfc, 4, 0xcafe0001);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0xfc, 4), 0xcafe0001U);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 0ULL);
}

/*
 * Closed device-specific registers (the administrator's switch): the
 * guest still reads them, every write is refused and counted and never
 * reaches the device, vendor-specific capability bodies included;
 * permissive or a quirk opens them; reopening restores writes.
 */
static void device_specific_closed_read_only(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int off = ALIGN(fx->sd.next_cap, 4);

	sim_dev_poke(&fx->sd, off, 4, 0x11223344);
	KUNIT_EXPECT_TRUE(test, cfgv_device_specific(fx->dev));
	KUNIT_ASSERT_EQ(test, cfgv_set_device_specific(fx->dev, false), 0);
	KUNIT_EXPECT_FALSE(test, cfgv_device_specific(fx->dev));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, off, 4), 0x11223344U);
	eng_wr_st(test, fx, off + 2, 2, 0xbeef, CFGV_DENIED);
	eng_wr_st(test, fx, fx->vndr + 4, 4, 0x01020304, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, off, 4), 0x11223344U);
	KUNIT_EXPECT_NE(test, sim_dev_peek(&fx->sd, fx->vndr + 4, 4),
			0x01020304U);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 2ULL);
	/* a quirk opens one register */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, off, 4, 0xffff0000), 0);
	eng_wr(test, fx, off + 2, 2, 0xbeef);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, off, 4), 0xbeef3344U);
	/* permissive opens them all */
	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, fx->vndr + 4, 4, 0x01020304);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fx->vndr + 4, 4),
			0x01020304U);
	cfgv_set_permissive(fx->dev, false);
	KUNIT_ASSERT_EQ(test, cfgv_set_device_specific(fx->dev, true), 0);
	eng_wr(test, fx, 0xfc, 4, 0xcafe0001);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0xfc, 4), 0xcafe0001U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void pm_pmc_hides_pme_support(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	u32 hw = sim_dev_peek(&fx->sd, fx->pm + PCI_PM_PMC, 2);

	KUNIT_EXPECT_NE(test, hw & PCI_PM_CAP_PME_MASK, 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->pm + PCI_PM_PMC, 2),
			hw & ~PCI_PM_CAP_PME_MASK);
}

static void pm_power_state_goes_to_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int ctl = fx->pm + PCI_PM_CTRL;

	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 1);
	KUNIT_EXPECT_EQ(test, fx->pm_state, 3);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 3U);
	/* the hook moved the device, not the engine's write */
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, ctl, 2) & 3, 3U);
	eng_wr(test, fx, ctl, 2, 0);
	eng_wr(test, fx, ctl, 1, 1);	/* D1: the NIC supports it */
	KUNIT_EXPECT_EQ(test, fx->pm_state, 1);
	eng_wr(test, fx, ctl, 2, 1);	/* same state: no new request */
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 3);
	fx->hook_ret = -EIO;
	eng_wr_st(test, fx, ctl, 2, 0, CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 1U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/*
 * Every (from, to) pair on a device with D1 and D2: the spec's
 * transitions reach the hook, the others are refused without touching
 * the device, and the guest reads back where the device is.
 */
static void pm_transition_matrix(struct kunit *test)
{
	/* bit n of [from]: Dn may follow (PCI PM 1.2, 5.4.1) */
	static const u8 allowed[4] = { 0xe, 0xd, 0x9, 0x1 };
	unsigned int from, to;

	for (from = 0; from < 4; from++) {
		for (to = 0; to < 4; to++) {
			struct eng_fx *fx = eng_setup(test, eng_nic);
			int ctl = fx->pm + PCI_PM_CTRL;
			bool ok = allowed[from] & BIT(to);
			struct cfgv_stats st;
			int calls;

			/* get to @from the way a guest would */
			if (from == 2)
				eng_wr(test, fx, ctl, 2, 1);
			if (from)
				eng_wr(test, fx, ctl, 2, from);
			KUNIT_ASSERT_EQ(test, eng_rd(test, fx, ctl, 2) & 3,
					from);
			calls = fx->pm_calls;
			if (to == from)
				continue;
			eng_wr_st(test, fx, ctl, 2, to,
				  ok ? CFGV_OK : CFGV_DENIED);
			KUNIT_EXPECT_EQ_MSG(test, fx->pm_calls - calls, ok ? 1 : 0,
					    "D%u->D%u", from, to);
			KUNIT_EXPECT_EQ_MSG(test, eng_rd(test, fx, ctl, 2) & 3,
					    ok ? to : from, "D%u->D%u", from, to);
			KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, ctl, 2) & 3,
					ok ? to : from);
			cfgv_get_stats(fx->dev, &st);
			KUNIT_EXPECT_EQ(test, st.pm_refused, ok ? 0ULL : 1ULL);
			/* every call the hook took was a change */
			KUNIT_EXPECT_EQ(test, st.pm_changes, (u64)fx->pm_calls);
		}
	}
}

/* A device that ignores the request: the guest sees it still in D0. */
static void pm_reads_back_the_real_state(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int ctl = fx->pm + PCI_PM_CTRL;

	fx->sd.pm_stuck = true;
	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 1);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 0U);
	/* and asking again asks the device again */
	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 2);
}

/*
 * D3hot and back on a function without NoSoftRst: the simulated function
 * resets on the way out of D3hot, the hook puts the header back as the
 * glue does, and the guest finds its command bits and reads D0.
 */
static void pm_d3hot_round_trip_resets_and_restores(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int ctl = fx->pm + PCI_PM_CTRL;
	u32 bar0 = sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4);
	u16 on = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;

	fx->hooks_set_cmd = true;
	eng_wr(test, fx, PCI_COMMAND, 2, on);
	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_EQ(test, fx->sd.resets, 0UL);
	eng_wr(test, fx, ctl, 2, 0);
	KUNIT_EXPECT_EQ(test, fx->sd.resets, 1UL);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			bar0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & on,
			(u32)on);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & on, (u32)on);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/* The driver's refusal is counted and leaves the state as it was. */
static void pm_driver_refusal_counted(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int ctl = fx->pm + PCI_PM_CTRL;
	struct cfgv_stats st;

	fx->hook_ret = -EPERM;
	eng_wr_st(test, fx, ctl, 2, 3, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 0U);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.pm_refused, 1ULL);
	KUNIT_EXPECT_EQ(test, st.pm_changes, 0ULL);
}

static void pm_unsupported_state_refused(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int ctl = fx->pm + PCI_PM_CTRL;

	eng_wr_st(test, fx, ctl, 2, 1, CFGV_DENIED);
	eng_wr_st(test, fx, ctl, 2, 2, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2) & 3, 0U);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 2ULL);
	/* PME enable and status are hidden */
	sim_dev_poke(&fx->sd, ctl, 2, PCI_PM_CTRL_PME_STATUS);
	eng_wr(test, fx, ctl, 2, PCI_PM_CTRL_PME_ENABLE |
	       PCI_PM_CTRL_PME_STATUS);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, ctl, 2), 0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, ctl, 2),
			(u32)PCI_PM_CTRL_PME_STATUS);
}

static void pm_no_soft_reset_reported(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int ctl = fx->pm + PCI_PM_CTRL;

	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_FALSE(test, fx->pm_nosoftrst);
	eng_wr(test, fx, ctl, 2, 0);
	sim_dev_poke(&fx->sd, ctl, 2, PCI_PM_CTRL_NO_SOFT_RESET);
	eng_wr(test, fx, ctl, 2, 3);
	KUNIT_EXPECT_TRUE(test, fx->pm_nosoftrst);
	KUNIT_EXPECT_EQ(test, fx->pm_calls, 3);
}

static void msi_enable_refused_by_default(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int fl = fx->msi + PCI_MSI_FLAGS;

	eng_wr_st(test, fx, fl, 2, PCI_MSI_FLAGS_ENABLE | 0x30, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fl, 2) & 0x71, 0U);
	eng_wr_st(test, fx, fx->msi + PCI_MSI_ADDRESS_LO, 4, 0xfee00000,
		  CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fx->msi + 4, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 2ULL);
	/* but it is readable */
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fl, 2),
			sim_dev_peek(&fx->sd, fl, 2));
}

static void msi_enable_allowed_with_interrupt_control(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int fl = fx->msi + PCI_MSI_FLAGS;

	cfgv_set_interrupt_control(fx->dev, true);
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	eng_wr(test, fx, fl, 2, PCI_MSI_FLAGS_ENABLE);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fl, 2) &
			PCI_MSI_FLAGS_ENABLE, (u32)PCI_MSI_FLAGS_ENABLE);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 0ULL);
}

static void only_one_interrupt_type_at_a_time(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int fl = fx->msi + PCI_MSI_FLAGS, xfl = fx->msix + PCI_MSIX_FLAGS;

	cfgv_set_interrupt_control(fx->dev, true);
	/* INTx still enabled: MSI refused */
	eng_wr_st(test, fx, fl, 2, PCI_MSI_FLAGS_ENABLE, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fl, 2) & 1, 0U);
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	eng_wr(test, fx, xfl, 2, PCI_MSIX_FLAGS_ENABLE);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, xfl, 2) &
			  PCI_MSIX_FLAGS_ENABLE);
	/* MSI-X on: neither MSI nor INTx */
	eng_wr_st(test, fx, fl, 2, PCI_MSI_FLAGS_ENABLE, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fl, 2) & 1, 0U);
	eng_wr_st(test, fx, PCI_COMMAND, 2, 0, CFGV_DENIED);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			  PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 3ULL);
}

static void msix_enable_and_maskall_refused_by_default(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int xfl = fx->msix + PCI_MSIX_FLAGS;

	eng_wr_st(test, fx, xfl, 2, PCI_MSIX_FLAGS_ENABLE |
		  PCI_MSIX_FLAGS_MASKALL, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, xfl, 2) & 0xc000, 0U);
	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, xfl, 2, PCI_MSIX_FLAGS_MASKALL);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, xfl, 2) & 0xc000,
			(u32)PCI_MSIX_FLAGS_MASKALL);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->msix + PCI_MSIX_TABLE, 4),
			0x2002U);
}

static void vpd_read_handshake_reaches_device(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int a = fx->vpd + PCI_VPD_ADDR;
	u32 want;

	memcpy(&want, &fx->sd.vpd[0x10], 4);
	eng_wr(test, fx, a, 2, 0x10);
	KUNIT_EXPECT_TRUE(test, eng_rd(test, fx, a, 2) & PCI_VPD_ADDR_F);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vpd + PCI_VPD_DATA, 4),
			want);
	/* the next read starts with F set in hardware: still a read */
	eng_wr(test, fx, a, 2, 0x14);
	KUNIT_EXPECT_EQ(test, memcmp(fx->sd.vpd, fx->vpd_copy, SIM_VPD_SIZE),
			0);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 0ULL);
}

static void vpd_write_refused_unless_permissive(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int a = fx->vpd + PCI_VPD_ADDR, d = fx->vpd + PCI_VPD_DATA;

	/* the data register is virtual: writing it starts nothing */
	eng_wr(test, fx, d, 4, 0xdeadbeef);
	eng_wr_st(test, fx, a, 2, 0x20 | PCI_VPD_ADDR_F, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, memcmp(fx->sd.vpd, fx->vpd_copy, SIM_VPD_SIZE),
			0);
	KUNIT_EXPECT_EQ(test, eng_denied(fx), 1ULL);
	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, d, 4, 0xdeadbeef);
	eng_wr(test, fx, a, 2, 0x20 | PCI_VPD_ADDR_F);
	KUNIT_EXPECT_EQ(test, fx->sd.vpd[0x20], 0xefU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a, 2), 0x20U);
}

static void vendor_cap_body_passes_through(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vndr + 2, 1), 12U);
	eng_wr(test, fx, fx->vndr + 4, 4, 0x01020304);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fx->vndr + 4, 4),
			0x01020304U);
	eng_wr(test, fx, fx->vndr, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void looped_chains_terminate(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_malformed);
	char why[80] = "";

	KUNIT_EXPECT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
	KUNIT_EXPECT_STREQ(test, why, "");
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vndr + 1, 1), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->dsn, 4) >> 20, 0U);
}

static void build_out_of_bounds(struct eng_fx *fx)
{
	eng_pcie_ep(fx);
	/* MSI points into the header, AER below 0x100 */
	sim_dev_poke(&fx->sd, fx->msi + PCI_CAP_LIST_NEXT, 1, 0x20);
	sim_dev_poke(&fx->sd, fx->aer, 4,
		     (sim_dev_peek(&fx->sd, fx->aer, 4) & 0xfffff) | 0xf0 << 20);
}

static void out_of_bounds_pointers_end_the_walk(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, build_out_of_bounds);
	char why[80] = "";

	KUNIT_EXPECT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
	KUNIT_EXPECT_STREQ(test, why, "");
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->msi + 1, 1), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->aer, 4) >> 20, 0U);
	/* extended structures the walk never reached are hidden */
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->dsn + 4, 4), 0U);
}

static void build_long_vendor_cap(struct eng_fx *fx)
{
	eng_pcie_ep(fx);
	/* a last vendor capability claiming more than the space left */
	fx->vndr = sim_dev_add_vndr(&fx->sd, 8);
	sim_dev_poke(&fx->sd, fx->vndr + 2, 1, 0xff);
}

static void vendor_cap_length_clamped_to_space(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, build_long_vendor_cap);

	eng_wr(test, fx, 0xfc, 4, 0x11223344);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, 0xfc, 4), 0x11223344U);
	/* the extended space keeps its own rules */
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_ID(eng_rd(test, fx, 0x100, 4)),
			PCI_EXT_CAP_ID_ERR);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(eng_rd(test, fx, 0x100, 4)),
			fx->dsn);
	sim_dev_poke(&fx->sd, fx->sd.next_ext, 4, 0x5555);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->sd.next_ext, 4), 0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void msix_enable_with_interrupt_control_one_type(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_vf);
	int xfl = fx->msix + PCI_MSIX_FLAGS;

	/* a VF has no INTx pin: MSI-X may go on directly */
	cfgv_set_interrupt_control(fx->dev, true);
	eng_wr(test, fx, xfl, 2, PCI_MSIX_FLAGS_ENABLE);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, xfl, 2) &
			  PCI_MSIX_FLAGS_ENABLE);
	cfgv_set_interrupt_control(fx->dev, false);
	eng_wr_st(test, fx, xfl, 2, 0, CFGV_DENIED);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, xfl, 2) &
			  PCI_MSIX_FLAGS_ENABLE);
}

static struct kunit_case engine_caps_cases[] = {
	KUNIT_CASE(chain_shows_allowed_caps_in_hardware_order),
	KUNIT_CASE(hidden_cap_reads_zero_and_ignores_writes),
	KUNIT_CASE(device_specific_registers_pass_through),
	KUNIT_CASE(device_specific_closed_read_only),
	KUNIT_CASE(pm_pmc_hides_pme_support),
	KUNIT_CASE(pm_power_state_goes_to_hook),
	KUNIT_CASE(pm_transition_matrix),
	KUNIT_CASE(pm_reads_back_the_real_state),
	KUNIT_CASE(pm_d3hot_round_trip_resets_and_restores),
	KUNIT_CASE(pm_driver_refusal_counted),
	KUNIT_CASE(pm_unsupported_state_refused),
	KUNIT_CASE(pm_no_soft_reset_reported),
	KUNIT_CASE(msi_enable_refused_by_default),
	KUNIT_CASE(msi_enable_allowed_with_interrupt_control),
	KUNIT_CASE(only_one_interrupt_type_at_a_time),
	KUNIT_CASE(msix_enable_and_maskall_refused_by_default),
	KUNIT_CASE(vpd_read_handshake_reaches_device),
	KUNIT_CASE(vpd_write_refused_unless_permissive),
	KUNIT_CASE(vendor_cap_body_passes_through),
	KUNIT_CASE(vendor_cap_length_clamped_to_space),
	KUNIT_CASE(msix_enable_with_interrupt_control_one_type),
	KUNIT_CASE(looped_chains_terminate),
	KUNIT_CASE(out_of_bounds_pointers_end_the_walk),
	{}
};

static struct kunit_suite engine_caps_suite = {
	.name = "xpb_engine_caps",
	.exit = eng_exit,
	.test_cases = engine_caps_cases,
};

kunit_test_suite(engine_caps_suite);
