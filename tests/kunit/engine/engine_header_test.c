// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: type 0 header rules of the config-space engine.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include "engine_profiles.h"

static void ids_come_from_pci_dev(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	/* Hardware now disagrees: only the pci_dev can give these. */
	sim_dev_poke(&fx->sd, PCI_VENDOR_ID, 4, 0xdeadbeef);
	sim_dev_poke(&fx->sd, PCI_SUBSYSTEM_VENDOR_ID, 4, 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_VENDOR_ID, 4), 0x100e8086U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_SUBSYSTEM_VENDOR_ID, 4),
			0x001e8086U);
	eng_wr(test, fx, PCI_VENDOR_ID, 4, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_VENDOR_ID, 4), 0x100e8086U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void vf_ids_come_from_pci_dev_not_hardware(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_vf);

	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_VENDOR_ID, 4),
			0xffffffffU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_VENDOR_ID, 2), 0x8086U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_DEVICE_ID, 2), 0x154cU);
}

static void command_decode_goes_through_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
	KUNIT_EXPECT_EQ(test, fx->decode_calls, 1);
	KUNIT_EXPECT_TRUE(test, fx->mem);
	KUNIT_EXPECT_TRUE(test, fx->io);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & 3, 3U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & 3, 0U);
	/* a failing hook leaves the virtual bits as they were */
	fx->hook_ret = -EIO;
	eng_wr_st(test, fx, PCI_COMMAND, 2, 0, CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & 3, 3U);
	/* a byte write to the high half does not touch decode */
	fx->hook_ret = 0;
	eng_wr(test, fx, PCI_COMMAND + 1, 1, 0);
	KUNIT_EXPECT_EQ(test, fx->decode_calls, 2);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/*
 * The hooks enable decode, mastering and MWI in hardware; the write that
 * asked for them must not put the old COMMAND value back over them.
 */
static void command_hook_effects_survive_the_write(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	const u32 on = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
		       PCI_COMMAND_INVALIDATE;

	fx->hooks_set_cmd = true;
	/* This device implements MWI. */
	sim_dev_define(&fx->sd, PCI_COMMAND, 2, 0, 0x0228, 0, 0xf880);
	eng_wr(test, fx, PCI_COMMAND, 2, on);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & on, on);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & on, on);
}

/* The hook refuses bus mastering: nothing of the register changes. */
static void command_refused_whole_when_a_hook_fails(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	const u32 both = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;

	fx->hooks_set_cmd = true;
	fx->master_ret = -EIO;
	eng_wr_st(test, fx, PCI_COMMAND, 2, both | PCI_COMMAND_INVALIDATE,
		  CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, fx->cmd_calls, 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			(both | PCI_COMMAND_INVALIDATE), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & both, 0U);
}

/*
 * Memory Write and Invalidate goes through the command hook (the glue's
 * pci_set_mwi() and pci_clear_mwi()); the guest reads back what the
 * function has, so a function without MWI reads 0.
 */
static void command_mwi_goes_through_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	const u32 mwi = PCI_COMMAND_INVALIDATE;

	fx->hooks_set_cmd = true;
	eng_wr(test, fx, PCI_COMMAND, 2, mwi);
	KUNIT_EXPECT_EQ(test, fx->mwi_calls, 1);
	KUNIT_EXPECT_EQ(test, fx->decode_calls + fx->master_calls, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & mwi, mwi);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & mwi, mwi);
	eng_wr(test, fx, PCI_COMMAND, 2, 0);
	KUNIT_EXPECT_EQ(test, fx->mwi_calls, 2);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & mwi, 0U);
	fx->mwi_absent = true;
	eng_wr(test, fx, PCI_COMMAND, 2, mwi);
	KUNIT_EXPECT_EQ(test, fx->mwi_calls, 3);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & mwi, 0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & mwi, 0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void command_master_goes_through_hook(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_MASTER);
	KUNIT_EXPECT_EQ(test, fx->master_calls, 1);
	KUNIT_EXPECT_TRUE(test, fx->master);
	KUNIT_EXPECT_EQ(test, fx->decode_calls, 0);
	eng_wr(test, fx, PCI_COMMAND, 2, 0);
	KUNIT_EXPECT_EQ(test, fx->master_calls, 2);
	KUNIT_EXPECT_FALSE(test, fx->master);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void command_intx_disable_reaches_hw_with_interrupt_control(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	struct cfgv_stats st;

	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, 0U);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.denied, 0ULL);
	cfgv_set_interrupt_control(fx->dev, true);
	eng_wr(test, fx, PCI_COMMAND, 2, 0);
	eng_wr(test, fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_INTX_DISABLE);
	/* revoked: the guest's bit is virtual again, hardware stays */
	cfgv_set_interrupt_control(fx->dev, false);
	eng_wr(test, fx, PCI_COMMAND, 2, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_INTX_DISABLE);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			PCI_COMMAND_INTX_DISABLE, 0U);
}

static void command_parity_serr_virtual_reserved_kept(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	/* fast back-to-back, VGA snoop and the like are protected */
	eng_wr_st(test, fx, PCI_COMMAND, 2, 0xffff & ~PCI_COMMAND_INTX_DISABLE,
		  CFGV_DENIED);
	/* parity/SERR reach the shadow only (no NMI from a guest) */
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) &
			(PCI_COMMAND_PARITY | PCI_COMMAND_SERR),
			(u32)(PCI_COMMAND_PARITY | PCI_COMMAND_SERR));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_COMMAND, 2) & 0xf800, 0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & 0x0547,
			0U);
	KUNIT_EXPECT_EQ(test, fx->sd.rsvd_hits, 0UL);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void status_rw1c_clears_only_written_ones(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	u16 sta = sim_dev_peek(&fx->sd, PCI_STATUS, 2);

	sim_dev_poke(&fx->sd, PCI_STATUS, 2, sta | 0xf900);
	/* writing the command register as a dword with status zero */
	eng_wr(test, fx, PCI_COMMAND, 4, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_STATUS, 2) & 0xf900,
			0xf900U);
	eng_wr(test, fx, PCI_STATUS, 2, PCI_STATUS_SIG_TARGET_ABORT);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_STATUS, 2) & 0xf900,
			0xf100U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_STATUS, 2) & 0xf900,
			0xf100U);
	eng_wr(test, fx, PCI_STATUS + 1, 1, 0xf1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_STATUS, 2) & 0xf900,
			0U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void build_only_hidden_caps(struct eng_fx *fx)
{
	sim_dev_init(&fx->sd, 0x1234, 0x5678, 0x0c030000);
	sim_dev_add_cap(&fx->sd, PCI_CAP_ID_PCIX, 8);
	sim_dev_add_cap(&fx->sd, PCI_CAP_ID_SSVID, 8);
}

static void status_cap_list_follows_virtual_chain(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, build_only_hidden_caps);

	KUNIT_EXPECT_TRUE(test, sim_dev_peek(&fx->sd, PCI_STATUS, 2) &
			  PCI_STATUS_CAP_LIST);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_STATUS, 2) &
			PCI_STATUS_CAP_LIST, 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_CAPABILITY_LIST, 1), 0U);
	eng_exit(test);
	fx = eng_setup(test, eng_nic);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_STATUS, 2) &
			PCI_STATUS_CAP_LIST, (u32)PCI_STATUS_CAP_LIST);
}

static void bar32_sizing_returns_size_mask(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfebc0000U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_0, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfffe0000U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_0, 4, 0x12340000);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfebc0000U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			0xfebc0000U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void bar64_sizing_covers_upper_half(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4), 0xcU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_1, 4),
			0x3800U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_0, 4, ~0U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_1, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfe00000cU);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_1, 4),
			0xffffffffU);
	eng_wr(test, fx, PCI_BASE_ADDRESS_2, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_2, 4),
			0xffffc004U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_1, 4, 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_1, 4),
			0x3800U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

static void io_bar_keeps_type_bit(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_1, 4),
			0xc041U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_1, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_1, 4),
			0xffffffc1U);
}

static void unimplemented_bar_reads_zero(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int off;

	for (off = PCI_BASE_ADDRESS_2; off <= PCI_BASE_ADDRESS_5; off += 4) {
		eng_wr(test, fx, off, 4, ~0U);
		KUNIT_EXPECT_EQ(test, eng_rd(test, fx, off, 4), 0U);
	}
}

static void rom_sizing_and_enable(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4),
			0xfeb80000U);
	eng_wr(test, fx, PCI_ROM_ADDRESS, 4, ~0U & ~PCI_ROM_ADDRESS_ENABLE);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4),
			0xfffe0000U);
	eng_wr(test, fx, PCI_ROM_ADDRESS, 4, 0xfeb80001);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4),
			0xfeb80001U);
	KUNIT_EXPECT_EQ(test, fx->rom_calls, 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_ROM_ADDRESS, 4),
			0xfeb80000U);
}

static void interrupt_line_virtual_pin_from_hardware(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_INTERRUPT_LINE, 1), 11U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_INTERRUPT_PIN, 1), 1U);
	eng_wr(test, fx, PCI_INTERRUPT_LINE, 2, 0x0405);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_INTERRUPT_LINE, 2),
			0x0105U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_INTERRUPT_LINE, 1),
			0U);
}

static void cache_line_latency_bist(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	eng_wr(test, fx, PCI_CACHE_LINE_SIZE, 1, 0x10);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_CACHE_LINE_SIZE, 1),
			0x10U);
	/* a conventional device with a programmable latency timer */
	sim_dev_define(&fx->sd, PCI_LATENCY_TIMER, 1, 0, 0x07, 0, 0);
	eng_wr(test, fx, PCI_LATENCY_TIMER, 1, 0x47);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_LATENCY_TIMER, 1),
			0x40U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_LATENCY_TIMER, 1), 0x40U);
	sim_dev_define(&fx->sd, PCI_BIST, 1, PCI_BIST_CAPABLE, 0xbf, 0, 0);
	eng_wr_st(test, fx, PCI_BIST, 1, PCI_BIST_START, CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BIST, 1),
			(u32)PCI_BIST_CAPABLE);
	cfgv_set_permissive(fx->dev, true);
	eng_wr(test, fx, PCI_BIST, 1, PCI_BIST_START);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BIST, 1),
			(u32)(PCI_BIST_CAPABLE | PCI_BIST_START));
}

static void invalid_requests_touch_nothing(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	unsigned long r = fx->sd.reads, w = fx->sd.writes;
	struct cfgv_stats st;
	u32 v = 0x5a5a;

	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x40, 3, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x41, 2, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x42, 4, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x100, 1, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x40, 0, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 0x40, 8, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0x43, 2, 0), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0xfff, 1, 0), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, ~0U - 1, 2, 0), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, v, ~0U);	/* what a failed read returns */
	KUNIT_EXPECT_EQ(test, fx->sd.reads, r);
	KUNIT_EXPECT_EQ(test, fx->sd.writes, w);
	cfgv_get_stats(fx->dev, &st);
	KUNIT_EXPECT_EQ(test, st.invalid, 9ULL);
	KUNIT_EXPECT_EQ(test, st.reads + st.writes, 0ULL);
}

/* A BAR the realigner moved shows its new address after cfgv_reset(). */
static void bar_refreshed_on_reset(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	struct resource *r = &fx->sd.pdev.resource[0];

	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfebc0000U);
	r->start = 0xfea00000;
	r->end = r->start + SZ_128K - 1;
	sim_dev_poke(&fx->sd, PCI_BASE_ADDRESS_0, 4, 0xfea00000);
	KUNIT_EXPECT_EQ(test, cfgv_reset(fx->dev), 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			0xfea00000U);
}

static void rom_shadow_not_shown(struct kunit *test)
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	eng_nic(fx);
	fx->sd.pdev.resource[PCI_ROM_RESOURCE].flags |= IORESOURCE_ROM_SHADOW;
	fx->dev = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	test->priv = fx;
	KUNIT_ASSERT_FALSE(test, IS_ERR(fx->dev));
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4), 0U);
	eng_wr(test, fx, PCI_ROM_ADDRESS, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4), 0U);
}

static void rom_hook_failure_keeps_enable_off(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);

	fx->rom_ret = -EIO;
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_ROM_ADDRESS, 4,
					 0xfeb80000 | PCI_ROM_ADDRESS_ENABLE),
			CFGV_HOOK_FAILED);
	KUNIT_EXPECT_EQ(test, fx->rom_calls, 1);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4) &
			PCI_ROM_ADDRESS_ENABLE, 0U);
	fx->rom_ret = 0;
	eng_wr(test, fx, PCI_ROM_ADDRESS, 4, 0xfeb80000 | PCI_ROM_ADDRESS_ENABLE);
	KUNIT_EXPECT_TRUE(test, fx->rom_on);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4),
			0xfeb80000U | PCI_ROM_ADDRESS_ENABLE);
}

static void bar_bytewise_sizing(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int i;

	for (i = 0; i < 4; i++)
		eng_wr(test, fx, PCI_BASE_ADDRESS_0 + i, 1, 0xff);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_0, 4),
			(u32)~(SZ_128K - 1));
}

static struct kunit_case engine_header_cases[] = {
	KUNIT_CASE(bar_refreshed_on_reset),
	KUNIT_CASE(rom_shadow_not_shown),
	KUNIT_CASE(rom_hook_failure_keeps_enable_off),
	KUNIT_CASE(bar_bytewise_sizing),
	KUNIT_CASE(ids_come_from_pci_dev),
	KUNIT_CASE(vf_ids_come_from_pci_dev_not_hardware),
	KUNIT_CASE(command_decode_goes_through_hook),
	KUNIT_CASE(command_hook_effects_survive_the_write),
	KUNIT_CASE(command_refused_whole_when_a_hook_fails),
	KUNIT_CASE(command_mwi_goes_through_hook),
	KUNIT_CASE(command_master_goes_through_hook),
	KUNIT_CASE(command_intx_disable_reaches_hw_with_interrupt_control),
	KUNIT_CASE(command_parity_serr_virtual_reserved_kept),
	KUNIT_CASE(status_rw1c_clears_only_written_ones),
	KUNIT_CASE(status_cap_list_follows_virtual_chain),
	KUNIT_CASE(bar32_sizing_returns_size_mask),
	KUNIT_CASE(bar64_sizing_covers_upper_half),
	KUNIT_CASE(io_bar_keeps_type_bit),
	KUNIT_CASE(unimplemented_bar_reads_zero),
	KUNIT_CASE(rom_sizing_and_enable),
	KUNIT_CASE(interrupt_line_virtual_pin_from_hardware),
	KUNIT_CASE(cache_line_latency_bist),
	KUNIT_CASE(invalid_requests_touch_nothing),
	{}
};

static struct kunit_suite engine_header_suite = {
	.name = "xpb_engine_header",
	.exit = eng_exit,
	.test_cases = engine_header_cases,
};

kunit_test_suite(engine_header_suite);
