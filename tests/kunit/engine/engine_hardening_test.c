// SPDX-License-Identifier: GPL-2.0
/*
 * The engine as a base a driver can trust: failing and vanished
 * hardware, the MSI message closed in every mode, header types, virtual
 * INTx-disable, the hook contract, VPD through the PCI core, AER
 * severity, and the driver-facing results (denied, invalid, hardware
 * failure, hook failure, needs-sleep).
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "engine_profiles.h"

static struct cfgv_stats hd_stats(struct eng_fx *fx)
{
	struct cfgv_stats st;

	cfgv_get_stats(fx->dev, &st);
	return st;
}

/* A COMMAND write based on an all-ones read would set IO/MEM/MASTER/SERR. */
static void hw_all_ones_read_writes_nothing(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	unsigned long writes;

	fx->sd.all_ones = true;
	writes = fx->sd.writes;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND, 2,
					 PCI_COMMAND_INVALIDATE),
			CFGV_HW_FAILED);
	KUNIT_EXPECT_EQ(test, fx->sd.writes, writes);
	fx->sd.all_ones = false;
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & 0x0547,
			0U);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).hw_failed, 1ULL);
}

static void hw_write_error_reported(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	fx->sd.fail_writes = true;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_CACHE_LINE_SIZE, 1, 8),
			CFGV_HW_FAILED);
	fx->sd.fail_writes = false;
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_CACHE_LINE_SIZE, 1),
			0U);
}

static void hw_read_error_reported(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	u32 v = 0;

	fx->sd.fail_reads = true;
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, PCI_CACHE_LINE_SIZE, 1, &v),
			CFGV_HW_FAILED);
	KUNIT_EXPECT_EQ(test, v, 0xffU);
	/* wholly emulated registers do not need the hardware */
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, PCI_VENDOR_ID, 2, &v),
			CFGV_OK);
	KUNIT_EXPECT_EQ(test, v, 0x8086U);
}

/* The function vanishes while the command hook runs. */
static void gone_during_hook(struct eng_fx *fx)
{
	fx->sd.all_ones = true;
}

static int hd_cmd_then_gone(void *data, u16 old, u16 *cmd)
{
	struct eng_fx *fx = data;

	fx->cmd_calls++;
	gone_during_hook(fx);
	return 0;
}

static const struct cfgv_hooks hd_gone_hooks = {
	.set_command = hd_cmd_then_gone,
};

static void hw_all_ones_mid_write(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	unsigned long writes;

	cfgv_destroy(fx->dev);
	fx->dev = cfgv_create(&fx->sd.pdev, &hd_gone_hooks, fx);
	KUNIT_ASSERT_FALSE(test, IS_ERR(fx->dev));
	writes = fx->sd.writes;
	/*
	 * MEM goes through the hook; Special Cycles, which permissive mode
	 * opens, is pass-through written after it.
	 */
	cfgv_set_permissive(fx->dev, true);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND, 2,
					 PCI_COMMAND_MEMORY |
					 PCI_COMMAND_SPECIAL),
			CFGV_HW_FAILED);
	KUNIT_EXPECT_EQ(test, fx->cmd_calls, 1);
	KUNIT_EXPECT_EQ(test, fx->sd.writes, writes);
}

static void hw_create_refuses_absent_function(struct kunit *test)
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	struct cfgv_dev *d;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	eng_nic(fx);
	fx->sd.all_ones = true;
	d = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	KUNIT_EXPECT_EQ(test, PTR_ERR(d), -ENODEV);
	fx->sd.all_ones = false;
	fx->dev = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	test->priv = fx;
	KUNIT_ASSERT_FALSE(test, IS_ERR(fx->dev));
	fx->sd.all_ones = true;
	KUNIT_EXPECT_EQ(test, cfgv_reset(fx->dev), -ENODEV);
}

static void type1_header_refused(struct kunit *test)
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	struct cfgv_dev *d;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	sim_dev_init(&fx->sd, 0x8086, 0x244e, 0x06040000);
	sim_dev_poke(&fx->sd, PCI_HEADER_TYPE, 1, PCI_HEADER_TYPE_BRIDGE);
	fx->sd.pdev.hdr_type = PCI_HEADER_TYPE_BRIDGE;
	d = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	KUNIT_EXPECT_EQ(test, PTR_ERR(d), -EOPNOTSUPP);
	fx->sd.pdev.hdr_type = PCI_HEADER_TYPE_CARDBUS;
	d = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	KUNIT_EXPECT_EQ(test, PTR_ERR(d), -EOPNOTSUPP);
}

/* The MSI message belongs to the hypervisor in every mode. */
static void msi_message_closed_in_permissive(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	static const struct {
		int off, size;
	} regs[] = {
		{ PCI_MSI_ADDRESS_LO, 4 }, { PCI_MSI_ADDRESS_HI, 4 },
		{ PCI_MSI_DATA_64, 2 }, { PCI_MSI_MASK_64, 4 },
	};
	unsigned int i;

	cfgv_set_permissive(fx->dev, true);
	cfgv_set_interrupt_control(fx->dev, true);
	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		int at = fx->msi + regs[i].off;
		u32 hw = sim_dev_peek(&fx->sd, at, regs[i].size);

		KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, at, regs[i].size,
						 0xfee01004),
				CFGV_DENIED);
		KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, at, regs[i].size),
				hw);
	}
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void msi_message_opened_by_quirk_only(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int at = fx->msi + PCI_MSI_ADDRESS_LO;

	memset(&fx->sd.guard[at], 0, 4);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, at, 4, ~0U), 0);
	eng_wr(test, fx, at, 4, 0xfee01004);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, at, 4), 0xfee01004U);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, at, 4), 0);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, at, 4, 0), CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, at, 4), 0xfee01004U);
}

static void msi_qsize_closed_with_interrupt_control(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int fl = fx->msi + PCI_MSI_FLAGS;

	cfgv_set_interrupt_control(fx->dev, true);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, fl, 2, 3 << 4), CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, fl, 2) &
			PCI_MSI_FLAGS_QSIZE, 0U);
	/* the enable alone is the guest's with interrupt control */
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	eng_wr(test, fx, fl, 2, PCI_MSI_FLAGS_ENABLE);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, fl, 2) &
			  PCI_MSI_FLAGS_ENABLE);
}

/* INTx-disable: the guest reads back what it wrote, hardware untouched. */
static void intx_disable_sticks_virtually(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, 0U);
	eng_wr(test, fx, PCI_COMMAND, 2, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, 0U);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).denied, 0ULL);
}

static void intx_disable_reaches_hw_with_interrupt_control(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int fl = fx->msi + PCI_MSI_FLAGS;

	fx->sd.guard[PCI_COMMAND + 1] &= ~(PCI_COMMAND_INTX_DISABLE >> 8);
	cfgv_set_interrupt_control(fx->dev, true);
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			  PCI_COMMAND_INTX_DISABLE);
	/* one interrupt type at a time: INTx may not come back beside MSI */
	sim_dev_poke(&fx->sd, fl, 2,
		     sim_dev_peek(&fx->sd, fl, 2) | PCI_MSI_FLAGS_ENABLE);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND, 2, 0),
			CFGV_DENIED);
	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			  PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_TRUE(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			  PCI_COMMAND_INTX_DISABLE);
}

/* The hook gets the previous bits and the guest sees what it did. */
static void command_hook_contract(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	u16 on = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;

	fx->hooks_set_cmd = true;
	fx->disable_clears_master = true;
	eng_wr(test, fx, PCI_COMMAND, 2, on);
	KUNIT_EXPECT_EQ(test, fx->cmd_old, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & on, on);
	/* decode off: the driver's pci_disable_device() drops mastering */
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_MASTER);
	KUNIT_EXPECT_EQ(test, fx->cmd_old, on);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_MASTER, 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			PCI_COMMAND_MASTER, 0U);
	/* no change of the hooked bits, no call */
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_PARITY);
	KUNIT_EXPECT_EQ(test, fx->cmd_calls, 2);
}

static void command_hook_failure_reported(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	struct cfgv_stats st;

	fx->hook_ret = -EIO;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND, 2,
					 PCI_COMMAND_MEMORY |
					 PCI_COMMAND_INVALIDATE),
			CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			PCI_COMMAND_MEMORY, 0U);
	/* the register is refused whole: MWI did not land either */
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_INVALIDATE, 0U);
	st = hd_stats(fx);
	KUNIT_EXPECT_EQ(test, st.hook_failed, 1ULL);
	KUNIT_EXPECT_EQ(test, st.last_hook_err, -EIO);
	fx->hook_ret = -EPERM;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND, 2,
					 PCI_COMMAND_MEMORY),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).denied, 1ULL);
}

static void flr_rebuilds_the_view(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int lc = fx->exp + PCI_EXP_LNKCTL;

	eng_wr(test, fx, lc, 2, PCI_EXP_LNKCTL_ASPM_L1);
	KUNIT_ASSERT_EQ(test, eng_rd(test, fx, lc, 2) & 3, 2U);
	KUNIT_EXPECT_TRUE(test, cfgv_write_sleeps(fx->dev,
						  fx->exp + PCI_EXP_DEVCTL, 2,
						  PCI_EXP_DEVCTL_BCR_FLR));
	eng_wr(test, fx, fx->exp + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_BCR_FLR);
	KUNIT_EXPECT_EQ(test, fx->reset_calls, 1);
	/* the function did reset: its link control is back at power-on */
	KUNIT_EXPECT_EQ(test, fx->sd.resets, 1UL);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, lc, 2) & 3, 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, lc, 2) & 3, 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp + PCI_EXP_DEVCTL, 2) &
			PCI_EXP_DEVCTL_BCR_FLR, 0U);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).rebuilds, 1ULL);
}

static void flr_without_hook_unsupported(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	static const struct cfgv_hooks none;

	cfgv_destroy(fx->dev);
	fx->dev = cfgv_create(&fx->sd.pdev, &none, fx);
	KUNIT_ASSERT_FALSE(test, IS_ERR(fx->dev));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->exp + PCI_EXP_DEVCAP, 4) &
			PCI_EXP_DEVCAP_FLR, 0U);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, fx->exp + PCI_EXP_DEVCTL, 2,
					 PCI_EXP_DEVCTL_BCR_FLR),
			CFGV_UNSUPPORTED);
}

/* Power state loss reported by the hook rebuilds the view. */
static void pm_state_lost_rebuilds(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int pmcsr = fx->pm + PCI_PM_CTRL;

	eng_wr(test, fx, pmcsr, 2, 3);
	KUNIT_EXPECT_EQ(test, fx->pm_from, 0);
	KUNIT_EXPECT_EQ(test, fx->pm_state, 3);
	fx->pm_lost = true;
	eng_wr(test, fx, pmcsr, 2, 0);
	KUNIT_EXPECT_EQ(test, fx->pm_from, 3);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).rebuilds, 1ULL);
	/* rebuilt from hardware, which the hook left in D0 */
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, pmcsr, 2) & 3, 0U);
}

/* The PCI core turned VPD off for this function (a quirk): hidden. */
static void vpd_off_in_core_hidden(struct kunit *test)
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	unsigned int pos, n = 0;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	eng_nic(fx);
	fx->sd.pdev.vpd.cap = 0;
	fx->dev = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	test->priv = fx;
	KUNIT_ASSERT_FALSE(test, IS_ERR(fx->dev));
	for (pos = eng_rd(test, fx, PCI_CAPABILITY_LIST, 1); pos && n < 48;
	     pos = eng_rd(test, fx, pos + 1, 1), n++)
		KUNIT_EXPECT_NE(test, eng_rd(test, fx, pos, 1),
				(u32)PCI_CAP_ID_VPD);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vpd, 4), 0U);
}

/* Through pci_read_vpd(): the core's size limit applies. */
static void vpd_read_past_end_reads_zero(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int a = fx->vpd + PCI_VPD_ADDR;

	eng_wr(test, fx, a, 2, SIM_VPD_LEN + 16);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, a, 2),
			(u32)(SIM_VPD_LEN + 16) | PCI_VPD_ADDR_F);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vpd + PCI_VPD_DATA, 4), 0U);
	eng_wr(test, fx, a, 2, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, fx->vpd + PCI_VPD_DATA, 4) &
			0xff, 0x82U);
	/* a write past the end is refused, not a hardware failure */
	cfgv_set_permissive(fx->dev, true);
	eng_wr_st(test, fx, a, 2, (SIM_VPD_LEN + 16) | PCI_VPD_ADDR_F,
		  CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, memcmp(fx->sd.vpd, fx->vpd_copy, SIM_VPD_SIZE),
			0);
}

/* A guest must not turn its own errors into host link resets. */
static void aer_severity_virtual(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int sev = fx->aer + PCI_ERR_UNCOR_SEVER;
	u32 hw = sim_dev_peek(&fx->sd, sev, 4);

	eng_wr(test, fx, sev, 4, 0x03fff030);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, sev, 4), hw);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, sev, 4), 0x03fff030U);
}

/* After a reset behind the guest's back its settings come back. */
static void replay_restores_guest_settings(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	int mask = fx->aer + PCI_ERR_CAP;	/* ECRC enables: the guest's */
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u32 dcv;

	eng_wr(test, fx, mask, 4, PCI_ERR_CAP_ECRC_GENE);
	eng_wr(test, fx, PCI_CACHE_LINE_SIZE, 1, 0x10);
	eng_wr(test, fx, dc, 2, sim_dev_peek(&fx->sd, dc, 2) |
	       PCI_EXP_DEVCTL_RELAX_EN);
	dcv = sim_dev_peek(&fx->sd, dc, 2);
	/* the host resets the function */
	sim_dev_poke(&fx->sd, mask, 4, 0);
	sim_dev_poke(&fx->sd, PCI_CACHE_LINE_SIZE, 1, 0);
	sim_dev_poke(&fx->sd, dc, 2, dcv & ~PCI_EXP_DEVCTL_RELAX_EN);
	KUNIT_EXPECT_EQ(test, cfgv_replay(fx->dev), 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, mask, 4) &
			PCI_ERR_CAP_ECRC_GENE, (u32)PCI_ERR_CAP_ECRC_GENE);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_CACHE_LINE_SIZE, 1),
			0x10U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, dc, 2), dcv);
	fx->sd.fail_writes = true;
	KUNIT_EXPECT_EQ(test, cfgv_replay(fx->dev), -EIO);
	fx->sd.fail_writes = false;
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/* Bytes of a partly hidden dword read as zero. */
static void partly_hidden_dword_reads_zero(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	sim_dev_poke(&fx->sd, 0x35, 1, 0xaa);
	sim_dev_poke(&fx->sd, 0x36, 2, 0xbbcc);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_CAPABILITY_LIST, 4) >> 8,
			0U);
}

static void ratelimit_per_device(struct kunit *test)
{
	struct eng_fx *a = eng_setup(test, eng_pcie_ep);
	struct eng_fx *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct cfgv_stats st;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, b);
	eng_nic(b);
	b->dev = cfgv_create(&b->sd.pdev, &eng_hooks, b);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->dev));
	for (i = 0; i < 12; i++)
		KUNIT_EXPECT_EQ(test, cfgv_write(a->dev, a->sd.next_ext + 4 * i,
						 4, ~0U),
				CFGV_DENIED);
	cfgv_get_stats(a->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 12ULL);
	KUNIT_EXPECT_EQ(test, st.logged, 10ULL);
	KUNIT_EXPECT_EQ(test, cfgv_write(b->dev, b->msi + PCI_MSI_ADDRESS_LO,
					 4, 1),
			CFGV_DENIED);
	cfgv_get_stats(b->dev, &st);
	KUNIT_EXPECT_EQ(test, st.logged, 1ULL);
	cfgv_destroy(b->dev);
}

/* The fast path: atomic writes, and knowing in advance. */
static void atomic_write_defers_sleeping_hooks(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_TRUE(test, cfgv_write_sleeps(fx->dev, PCI_COMMAND, 2,
						  PCI_COMMAND_MEMORY));
	KUNIT_EXPECT_TRUE(test, cfgv_write_sleeps(fx->dev, PCI_COMMAND, 2,
						  PCI_COMMAND_INVALIDATE));
	KUNIT_EXPECT_FALSE(test, cfgv_write_sleeps(fx->dev, PCI_COMMAND, 2,
						   PCI_COMMAND_SERR));
	KUNIT_EXPECT_FALSE(test, cfgv_write_sleeps(fx->dev,
						   PCI_CACHE_LINE_SIZE, 1, 8));
	KUNIT_EXPECT_TRUE(test, cfgv_write_sleeps(fx->dev,
						  fx->vpd + PCI_VPD_ADDR, 2, 0));
	KUNIT_EXPECT_EQ(test, cfgv_write_atomic(fx->dev, PCI_COMMAND, 2,
						PCI_COMMAND_MEMORY),
			CFGV_NEED_SLEEP);
	KUNIT_EXPECT_EQ(test, fx->cmd_calls, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2), 0U);
	KUNIT_EXPECT_EQ(test, hd_stats(fx).writes, 0ULL);
	KUNIT_EXPECT_EQ(test, cfgv_write_atomic(fx->dev, PCI_CACHE_LINE_SIZE,
						1, 8),
			CFGV_OK);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_CACHE_LINE_SIZE, 1),
			8U);
	/* the same power state again changes nothing and does not sleep */
	KUNIT_EXPECT_FALSE(test, cfgv_write_sleeps(fx->dev,
						   fx->pm + PCI_PM_CTRL, 2, 0));
	KUNIT_EXPECT_TRUE(test, cfgv_write_sleeps(fx->dev,
						  fx->pm + PCI_PM_CTRL, 2, 3));
}

static void results_are_distinct(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	struct cfgv_stats st;

	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, fx->msi + PCI_MSI_ADDRESS_LO,
					 4, 0xfee00000),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0x41, 2, 0), CFGV_INVALID);
	fx->sd.fail_writes = true;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_LATENCY_TIMER, 1, 0x40),
			CFGV_HW_FAILED);
	fx->sd.fail_writes = false;
	st = hd_stats(fx);
	KUNIT_EXPECT_EQ(test, st.denied, 1ULL);
	KUNIT_EXPECT_EQ(test, st.invalid, 1ULL);
	KUNIT_EXPECT_EQ(test, st.hw_failed, 1ULL);
	KUNIT_EXPECT_EQ(test, st.last_denied_off, fx->msi + PCI_MSI_ADDRESS_LO);
	KUNIT_EXPECT_STREQ(test, cfgv_status_name(CFGV_DENIED), "denied");
	KUNIT_EXPECT_STREQ(test, cfgv_status_name(99), "unknown");
}

static void memory_per_device(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < eng_nprofiles; i++) {
		struct eng_fx *fx = eng_setup(test, eng_profiles[i].build);
		size_t sz = cfgv_footprint(fx->dev);

		kunit_info(test, "%s: %zu bytes\n", eng_profiles[i].name, sz);
		KUNIT_EXPECT_LE_MSG(test, sz, (size_t)SZ_8K, "profile %s",
				    eng_profiles[i].name);
		eng_exit(test);
	}
}

static struct kunit_case hardening_cases[] = {
	KUNIT_CASE(hw_all_ones_read_writes_nothing),
	KUNIT_CASE(hw_write_error_reported),
	KUNIT_CASE(hw_read_error_reported),
	KUNIT_CASE(hw_all_ones_mid_write),
	KUNIT_CASE(hw_create_refuses_absent_function),
	KUNIT_CASE(type1_header_refused),
	KUNIT_CASE(msi_message_closed_in_permissive),
	KUNIT_CASE(msi_message_opened_by_quirk_only),
	KUNIT_CASE(msi_qsize_closed_with_interrupt_control),
	KUNIT_CASE(intx_disable_sticks_virtually),
	KUNIT_CASE(intx_disable_reaches_hw_with_interrupt_control),
	KUNIT_CASE(command_hook_contract),
	KUNIT_CASE(command_hook_failure_reported),
	KUNIT_CASE(flr_rebuilds_the_view),
	KUNIT_CASE(flr_without_hook_unsupported),
	KUNIT_CASE(pm_state_lost_rebuilds),
	KUNIT_CASE(vpd_off_in_core_hidden),
	KUNIT_CASE(vpd_read_past_end_reads_zero),
	KUNIT_CASE(aer_severity_virtual),
	KUNIT_CASE(replay_restores_guest_settings),
	KUNIT_CASE(partly_hidden_dword_reads_zero),
	KUNIT_CASE(ratelimit_per_device),
	KUNIT_CASE(atomic_write_defers_sleeping_hooks),
	KUNIT_CASE(results_are_distinct),
	KUNIT_CASE(memory_per_device),
	{}
};

static struct kunit_suite hardening_suite = {
	.name = "xpb_engine_hardening",
	.exit = eng_exit,
	.test_cases = hardening_cases,
};

kunit_test_suite(hardening_suite);
