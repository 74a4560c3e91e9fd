// SPDX-License-Identifier: GPL-2.0
/*
 * Layouts a device decides and the engine must survive: inconsistent
 * capability chains, many capabilities, a map that runs out of room,
 * repeated capabilities, unusual BARs; quirk table limits; the text
 * dump for debugfs.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "engine_profiles.h"

/* A bare function: one BAR, no capabilities yet. */
static struct eng_fx *ch_bare(struct kunit *test)
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	sim_dev_init(&fx->sd, 0x1af4, 0x1041, 0x02000000);
	eng_bar(fx, 0, SZ_4K, SIM_BAR_MEM32, 0xfe000000);
	test->priv = fx;
	return fx;
}

static void ch_create(struct kunit *test, struct eng_fx *fx)
{
	fx->dev = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(fx->dev));
}

/* The guest's chain as a list of (offset, id); returns its length. */
static int ch_walk(struct kunit *test, struct eng_fx *fx, u8 *offs, u8 *ids,
		   int max)
{
	char why[80] = "";
	u32 pos;
	int n = 0;

	KUNIT_EXPECT_EQ_MSG(test, eng_check_chains(fx, why, sizeof(why)), 0,
			    "%s", why);
	for (pos = eng_rd(test, fx, PCI_CAPABILITY_LIST, 1); pos && n < max;
	     pos = eng_rd(test, fx, pos + PCI_CAP_LIST_NEXT, 1), n++) {
		offs[n] = pos;
		ids[n] = eng_rd(test, fx, pos, 1);
	}
	return n;
}

static void ch_link(struct eng_fx *fx, int from, int to)
{
	sim_dev_poke(&fx->sd, from ? from + PCI_CAP_LIST_NEXT :
		     PCI_CAPABILITY_LIST, 1, to);
}

/* An MSI layout (12 bytes) with the next capability 4 bytes in: both go. */
static void overlapping_caps_both_hidden(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int pm = sim_dev_add_pm(&fx->sd, 3);
	int msi = sim_dev_add_msi(&fx->sd, false, false, 0);
	int vndr = sim_dev_add_vndr(&fx->sd, 8);
	u8 offs[8], ids[8];

	/* move the vendor capability into MSI's message address */
	sim_dev_poke(&fx->sd, msi + 4, 4, sim_dev_peek(&fx->sd, vndr, 4));
	ch_link(fx, msi, msi + 4);
	ch_create(test, fx);
	KUNIT_ASSERT_EQ(test, ch_walk(test, fx, offs, ids, 8), 1);
	KUNIT_EXPECT_EQ(test, offs[0], pm);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, msi, 4), 0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, msi + 4, 4), 0U);
}

/* A pointer into the body of the previous capability. */
static void pointer_into_body_hidden(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int pm = sim_dev_add_pm(&fx->sd, 3);
	u8 offs[8], ids[8];

	/* PM needs 8 bytes; something claims to start at its PMCSR */
	sim_dev_poke(&fx->sd, pm + 4, 2, PCI_CAP_ID_VNDR);
	ch_link(fx, pm, pm + 4);
	ch_create(test, fx);
	KUNIT_EXPECT_EQ(test, ch_walk(test, fx, offs, ids, 8), 0);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_STATUS, 2) &
			PCI_STATUS_CAP_LIST, 0U);
}

static void self_loop_at_first_cap(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int pm = sim_dev_add_pm(&fx->sd, 3);
	u8 offs[8], ids[8];

	ch_link(fx, pm, pm);
	ch_create(test, fx);
	KUNIT_ASSERT_EQ(test, ch_walk(test, fx, offs, ids, 8), 1);
	KUNIT_EXPECT_EQ(test, offs[0], pm);
	KUNIT_EXPECT_EQ(test, ids[0], PCI_CAP_ID_PM);
}

/* The low two bits of a pointer are reserved: ignore them. */
static void pointer_low_bits_ignored(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int pm = sim_dev_add_pm(&fx->sd, 3);
	int msi = sim_dev_add_msi(&fx->sd, true, false, 0);
	u8 offs[8], ids[8];

	ch_link(fx, 0, pm | 3);
	ch_link(fx, pm, msi | 1);
	ch_create(test, fx);
	KUNIT_ASSERT_EQ(test, ch_walk(test, fx, offs, ids, 8), 2);
	KUNIT_EXPECT_EQ(test, offs[0], pm);
	KUNIT_EXPECT_EQ(test, offs[1], msi);
}

/* 48 vendor capabilities fill the whole device-specific space. */
static void forty_eight_caps(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	u8 offs[64], ids[64];
	int i;

	for (i = 0; i < 48; i++)
		KUNIT_ASSERT_GT(test, sim_dev_add_vndr(&fx->sd, 4), 0);
	ch_create(test, fx);
	KUNIT_EXPECT_EQ(test, ch_walk(test, fx, offs, ids, 64), 48);
	KUNIT_EXPECT_EQ(test, ids[47], PCI_CAP_ID_VNDR);
	KUNIT_EXPECT_LE(test, cfgv_footprint(fx->dev), (size_t)SZ_8K);
}

/* More registers than a map holds: the rest is hidden, the chain sound. */
static void map_overflow_fails_closed(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	char why[80] = "";
	int i, n = 0, last = 0;
	u32 pos, hdr;

	for (i = 0; i < 400; i++) {
		int off = sim_dev_add_vsec(&fx->sd, i, 8);

		if (off < 0)
			break;
		last = off;
	}
	KUNIT_ASSERT_GT(test, i, 200);
	ch_create(test, fx);
	KUNIT_EXPECT_EQ_MSG(test, eng_check_chains(fx, why, sizeof(why)), 0,
			    "%s", why);
	for (pos = PCI_CFG_SPACE_SIZE; pos; pos = PCI_EXT_CAP_NEXT(hdr)) {
		hdr = eng_rd(test, fx, pos, 4);
		if (!hdr)
			break;
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 50);
	KUNIT_EXPECT_LT(test, n, i);
	/* the last one did not fit: hidden, and never written */
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, last, 4), 0U);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, last + 4, 4, ~0U),
			CFGV_DENIED);
	KUNIT_EXPECT_LE(test, cfgv_footprint(fx->dev), (size_t)SZ_16K);
}

/* A second MSI or PM would give the guest two rule sets: hidden. */
static void second_msi_and_pm_hidden(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int pm = sim_dev_add_pm(&fx->sd, 3);
	int msi = sim_dev_add_msi(&fx->sd, true, false, 0);
	int pm2 = sim_dev_add_pm(&fx->sd, 3);
	int msi2 = sim_dev_add_msi(&fx->sd, false, false, 0);
	u8 offs[8] = {}, ids[8] = {};
	int n;

	ch_create(test, fx);
	n = ch_walk(test, fx, offs, ids, 8);
	KUNIT_ASSERT_EQ_MSG(test, n, 2, "%#x:%#x %#x:%#x %#x:%#x (pm2 %#x msi2 %#x)",
			    offs[0], ids[0], offs[1], ids[1], offs[2], ids[2],
			    pm2, msi2);
	KUNIT_EXPECT_EQ(test, offs[0], pm);
	KUNIT_EXPECT_EQ(test, offs[1], msi);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, pm2 + PCI_PM_CTRL, 2), 0U);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, msi2 + PCI_MSI_FLAGS, 2, 1),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, msi2 + PCI_MSI_FLAGS, 2) &
			PCI_MSI_FLAGS_ENABLE, 0U);
}

static void several_vendor_caps_pass(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	int v[3], i;
	u8 offs[8], ids[8];

	for (i = 0; i < 3; i++)
		v[i] = sim_dev_add_vndr(&fx->sd, 12);
	ch_create(test, fx);
	KUNIT_ASSERT_EQ(test, ch_walk(test, fx, offs, ids, 8), 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, offs[i], v[i]);
		eng_wr(test, fx, v[i] + 4, 4, 0x11223344 + i);
		KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, v[i] + 4, 4),
				0x11223344U + i);
		KUNIT_EXPECT_EQ(test, eng_rd(test, fx, v[i] + 2, 1), 12U);
	}
}

/* An 8 GiB BAR: no address bit in the low dword. */
static void bar64_above_4g(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	u32 lo = PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH;

	eng_bar(fx, 2, SZ_8G, SIM_BAR_MEM64 | SIM_BAR_PREFETCH,
		0x400000000ULL);
	ch_create(test, fx);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_2, 4), lo);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_3, 4), 4U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_2, 4, ~0U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_3, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_2, 4), lo);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_3, 4), ~1U);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
}

/* A 64-bit BAR has no upper half at BAR5: unimplemented. */
static void bar64_at_bar5_unimplemented(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);
	struct resource *r = &fx->sd.pdev.resource[5];

	sim_dev_define(&fx->sd, PCI_BASE_ADDRESS_5, 4,
		       0xfd000000 | PCI_BASE_ADDRESS_MEM_TYPE_64, 0xfff, 0, 0);
	r->start = 0xfd000000;
	r->end = r->start + SZ_4K - 1;
	r->flags = IORESOURCE_MEM | IORESOURCE_MEM_64;
	ch_create(test, fx);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_5, 4), 0U);
	eng_wr(test, fx, PCI_BASE_ADDRESS_5, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_BASE_ADDRESS_5, 4), 0U);
}

static void no_rom_reads_zero(struct kunit *test)
{
	struct eng_fx *fx = ch_bare(test);

	ch_create(test, fx);
	eng_wr(test, fx, PCI_ROM_ADDRESS, 4, ~0U);
	KUNIT_EXPECT_EQ(test, eng_rd(test, fx, PCI_ROM_ADDRESS, 4), 0U);
	KUNIT_EXPECT_EQ(test, fx->rom_calls, 0);
}

static void quirk_replace_and_limits(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_nic);
	int i;

	memset(&fx->sd.guard[0xc0], 0, 0x40);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0xc0, 4, 0xff), 0);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0xc0, 4, 0xff00), 0);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0xc0, 2, 0xff),
			-EBUSY);
	/* the replacement holds alone */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, 0xc0, 4), 0);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, 0xc0, 4), -ENOENT);
	for (i = 0; i < 32; i++)
		KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0xc0 + i, 1, 1),
				0);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, 0xe0, 1, 1), -ENOSPC);
	/* the engine's model of the device is not a quirk's to open */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_remove(fx->dev, 0xc0, 1), 0);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, PCI_COMMAND, 2,
					     PCI_COMMAND_MEMORY),
			-EPERM);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, PCI_BASE_ADDRESS_0, 4,
					     ~0U),
			-EPERM);
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, fx->pm + PCI_PM_CTRL, 2,
					     3),
			-EPERM);
	/* MWI goes through the command hook (pci_set_mwi()) */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, PCI_COMMAND, 2,
					     PCI_COMMAND_INVALIDATE),
			-EPERM);
	/* Special Cycles is protected, not modelled: a quirk may open it */
	KUNIT_EXPECT_EQ(test, cfgv_quirk_add(fx->dev, PCI_COMMAND, 2,
					     PCI_COMMAND_SPECIAL),
			0);
}

static void dump_shows_map_and_quirks(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct seq_file s = { .size = SZ_64K };

	s.buf = kunit_kzalloc(test, s.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s.buf);
	memset(&fx->sd.guard[0x400], 0, 4);
	KUNIT_ASSERT_EQ(test, cfgv_quirk_add(fx->dev, 0x400, 4, 0xf0f0), 0);
	cfgv_set_permissive(fx->dev, true);
	cfgv_dump(fx->dev, &s);
	KUNIT_ASSERT_LT(test, s.count, s.size);
	s.buf[s.count] = 0;
	KUNIT_EXPECT_NOT_NULL(test, strstr(s.buf, "permissive: 1 (device 1"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(s.buf, "  0x400:4:0xf0f0\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(s.buf, "hidden\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(s.buf, "pass-through\n"));
	/* COMMAND: the dword line shows the emulated hooked bits */
	KUNIT_EXPECT_NOT_NULL(test, strstr(s.buf, "004-007      "));
}

static struct kunit_case chain_cases[] = {
	KUNIT_CASE(overlapping_caps_both_hidden),
	KUNIT_CASE(pointer_into_body_hidden),
	KUNIT_CASE(self_loop_at_first_cap),
	KUNIT_CASE(pointer_low_bits_ignored),
	KUNIT_CASE(forty_eight_caps),
	KUNIT_CASE(map_overflow_fails_closed),
	KUNIT_CASE(second_msi_and_pm_hidden),
	KUNIT_CASE(several_vendor_caps_pass),
	KUNIT_CASE(bar64_above_4g),
	KUNIT_CASE(bar64_at_bar5_unimplemented),
	KUNIT_CASE(no_rom_reads_zero),
	KUNIT_CASE(quirk_replace_and_limits),
	KUNIT_CASE(dump_shows_map_and_quirks),
	{}
};

static struct kunit_suite chain_suite = {
	.name = "xpb_engine_layouts",
	.exit = eng_exit,
	.test_cases = chain_cases,
};

kunit_test_suite(chain_suite);
