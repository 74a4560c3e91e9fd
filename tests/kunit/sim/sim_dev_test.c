// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the simulated configuration space behaves like hardware when
 * driven through the PCI core's own accessors.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include "sim_dev.h"

static struct sim_dev *sim_new(struct kunit *test)
{
	struct sim_dev *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sd);
	sim_dev_init(sd, 0x8086, 0x10d3, 0x02000001);
	return sd;
}

static u32 rd(struct kunit *test, struct sim_dev *sd, int off, int size)
{
	u32 v = 0;
	int rc;

	switch (size) {
	case 1: {
		u8 b;

		rc = pci_read_config_byte(&sd->pdev, off, &b);
		v = b;
		break;
	}
	case 2: {
		u16 w;

		rc = pci_read_config_word(&sd->pdev, off, &w);
		v = w;
		break;
	}
	default:
		rc = pci_read_config_dword(&sd->pdev, off, &v);
	}
	KUNIT_EXPECT_EQ(test, rc, PCIBIOS_SUCCESSFUL);
	return v;
}

static void wr(struct kunit *test, struct sim_dev *sd, int off, int size,
	       u32 v)
{
	int rc;

	if (size == 1)
		rc = pci_write_config_byte(&sd->pdev, off, v);
	else if (size == 2)
		rc = pci_write_config_word(&sd->pdev, off, v);
	else
		rc = pci_write_config_dword(&sd->pdev, off, v);
	KUNIT_EXPECT_EQ(test, rc, PCIBIOS_SUCCESSFUL);
}

static void sim_header_ids_read_through_pci_core(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_VENDOR_ID, 2), 0x8086);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_DEVICE_ID, 2), 0x10d3);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_VENDOR_ID, 4), 0x10d38086);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_CLASS_REVISION, 4), 0x02000001);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_CLASS_DEVICE, 2), 0x0200);
	KUNIT_EXPECT_GT(test, sd->reads, 0UL);
}

static void sim_read_only_bits_ignore_writes(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	wr(test, sd, PCI_VENDOR_ID, 4, 0);
	wr(test, sd, PCI_CLASS_REVISION, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_VENDOR_ID, 4), 0x10d38086);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_CLASS_REVISION, 4), 0x02000001);
	/* Command bits 3-5 and 9 are not implemented: read-only zero */
	wr(test, sd, PCI_COMMAND, 2, 0x0238);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_COMMAND, 2), 0);
}

static void sim_read_write_bits_hold_written_value(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	wr(test, sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_COMMAND, 2),
			PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	wr(test, sd, PCI_CACHE_LINE_SIZE, 1, 0x10);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_CACHE_LINE_SIZE, 1), 0x10);
	wr(test, sd, PCI_INTERRUPT_LINE, 1, 11);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_INTERRUPT_LINE, 1), 11);
	/* device-specific space starts read-write */
	wr(test, sd, 0x40, 4, 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, rd(test, sd, 0x40, 4), 0xdeadbeef);
	wr(test, sd, 0x42, 1, 0x5a);
	KUNIT_EXPECT_EQ(test, rd(test, sd, 0x40, 4), 0xde5abeef);
}

static void sim_status_rw1c_clears_only_written_ones(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	u16 latched = PCI_STATUS_REC_MASTER_ABORT | PCI_STATUS_SIG_SYSTEM_ERROR |
		      PCI_STATUS_DETECTED_PARITY;
	u16 base = rd(test, sd, PCI_STATUS, 2);

	sim_dev_poke(sd, PCI_STATUS, 2, base | latched);
	wr(test, sd, PCI_STATUS, 2, 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_STATUS, 2), base | latched);
	wr(test, sd, PCI_STATUS, 2, PCI_STATUS_SIG_SYSTEM_ERROR);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_STATUS, 2),
			base | PCI_STATUS_REC_MASTER_ABORT |
			PCI_STATUS_DETECTED_PARITY);
	wr(test, sd, PCI_STATUS, 2, 0xffff);
	/* read-only DEVSEL timing survives, every latched bit is gone */
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_STATUS, 2), base);
}

static void sim_reserved_bits_read_zero_and_count(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	wr(test, sd, PCI_COMMAND, 2, 0xf880 | PCI_COMMAND_IO);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_COMMAND, 2), PCI_COMMAND_IO);
	KUNIT_EXPECT_EQ(test, sd->rsvd_hits, 2UL);
	wr(test, sd, PCI_COMMAND, 2, 0);
	KUNIT_EXPECT_EQ(test, sd->rsvd_hits, 2UL);
}

static void sim_bar32_sizing_returns_size_mask(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, 0, SZ_128K, SIM_BAR_MEM32,
					      0xfebc0000), 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_0, 4), 0xfebc0000);
	wr(test, sd, PCI_BASE_ADDRESS_0, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_0, 4), 0xfffe0000);
	wr(test, sd, PCI_BASE_ADDRESS_0, 4, 0xfebc0000);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_0, 4), 0xfebc0000);
}

static void sim_bar64_prefetch_sizing_spans_both_halves(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	u32 type = PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH;

	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, 2, SZ_8G,
					      SIM_BAR_MEM64 | SIM_BAR_PREFETCH,
					      0x400000000ULL), 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_2, 4), type);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_3, 4), 4);
	wr(test, sd, PCI_BASE_ADDRESS_2, 4, 0xffffffff);
	wr(test, sd, PCI_BASE_ADDRESS_3, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_2, 4), type);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_3, 4), 0xfffffffe);
	/* a small 64-bit BAR: upper half fully writable */
	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, 0, SZ_16K, SIM_BAR_MEM64, 0),
			0);
	wr(test, sd, PCI_BASE_ADDRESS_1, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_1, 4), 0xffffffff);
}

static void sim_io_bar_and_unimplemented_bar_sizing(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, 1, 32, SIM_BAR_IO, 0xc020), 0);
	wr(test, sd, PCI_BASE_ADDRESS_1, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_1, 4), 0xffffffe1);
	wr(test, sd, PCI_BASE_ADDRESS_4, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_4, 4), 0);
}

static void sim_rom_sizing_keeps_enable_bit(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	KUNIT_ASSERT_EQ(test, sim_dev_add_rom(sd, SZ_64K, 0xfeb00000), 0);
	wr(test, sd, PCI_ROM_ADDRESS, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_ROM_ADDRESS, 4),
			0xffff0000 | PCI_ROM_ADDRESS_ENABLE);
	wr(test, sd, PCI_ROM_ADDRESS, 4, 0xfeb00000);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_ROM_ADDRESS, 4), 0xfeb00000);
}

static void sim_builder_rejects_impossible_bars(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	KUNIT_EXPECT_EQ(test, sim_dev_add_bar(sd, 5, SZ_4K, SIM_BAR_MEM64, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, sim_dev_add_bar(sd, 0, 3000, SIM_BAR_MEM32, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, sim_dev_add_bar(sd, 0, SZ_4K, SIM_BAR_MEM32,
					      0x800), -EINVAL);
	KUNIT_EXPECT_EQ(test, sim_dev_add_bar(sd, 0, 8, SIM_BAR_MEM32, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, sim_dev_add_rom(sd, SZ_1K, 0), -EINVAL);
}

static void sim_capability_chain_walkable_by_pci_core(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int pm, msi, msix, exp, vpd, vndr;

	pm = sim_dev_add_pm(sd, PCI_PM_CAP_D1 | PCI_PM_CAP_PME_D0 | 3);
	msi = sim_dev_add_msi(sd, true, true, 2);
	msix = sim_dev_add_msix(sd, 16, 3, 0, 0x800);
	exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, PCI_EXP_DEVCAP_FLR);
	vpd = sim_dev_add_vpd(sd);
	vndr = sim_dev_add_vndr(sd, 12);
	KUNIT_ASSERT_GT(test, vndr, 0);
	KUNIT_EXPECT_TRUE(test, rd(test, sd, PCI_STATUS, 2) &
			  PCI_STATUS_CAP_LIST);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_CAPABILITY_LIST, 1), pm);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_PM), pm);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_MSI),
			msi);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_MSIX),
			msix);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_EXP),
			exp);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_VPD),
			vpd);
	KUNIT_EXPECT_EQ(test, pci_find_capability(&sd->pdev, PCI_CAP_ID_VNDR),
			vndr);
	KUNIT_EXPECT_EQ(test, pci_pcie_type(&sd->pdev), PCI_EXP_TYPE_ENDPOINT);
	/* the chain pointers themselves are read-only */
	wr(test, sd, pm, 2, 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, pm + PCI_CAP_LIST_NEXT, 1), msi);
	/* the vendor-specific body is device-defined read-write */
	wr(test, sd, vndr + 4, 4, 0x12345678);
	KUNIT_EXPECT_EQ(test, rd(test, sd, vndr + 4, 4), 0x12345678);
}

static void sim_capability_space_runs_out_cleanly(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int n = 0;

	while (sim_dev_add_cap(sd, PCI_CAP_ID_VNDR, 4) > 0)
		n++;
	KUNIT_EXPECT_EQ(test, n, (PCI_CFG_SPACE_SIZE - PCI_STD_HEADER_SIZEOF) / 4);
	KUNIT_EXPECT_EQ(test, sim_dev_add_cap(sd, PCI_CAP_ID_PM, 8), -ENOSPC);
}

static void sim_pm_pmcsr_semantics(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int pm = sim_dev_add_pm(sd, PCI_PM_CAP_D1 | 3);
	int ctrl = pm + PCI_PM_CTRL;

	KUNIT_ASSERT_GT(test, pm, 0);
	/* PowerState field value 3 is D3hot */
	wr(test, sd, ctrl, 2, 3 | PCI_PM_CTRL_PME_ENABLE);
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2),
			3 | PCI_PM_CTRL_PME_ENABLE);
	sim_dev_poke(sd, ctrl, 2, rd(test, sd, ctrl, 2) |
		     PCI_PM_CTRL_PME_STATUS);
	wr(test, sd, ctrl, 2, PCI_PM_CTRL_PME_STATUS);
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2), 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, pm + PCI_PM_PMC, 2),
			PCI_PM_CAP_D1 | 3);
}

/* PCI PM 1.2, 5.4.1: an unsupported state is discarded; D3hot only to D0. */
static void sim_pm_discards_unsupported_states(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int pm = sim_dev_add_pm(sd, PCI_PM_CAP_D1 | 3);
	int ctrl = pm + PCI_PM_CTRL;

	KUNIT_ASSERT_GT(test, pm, 0);
	wr(test, sd, ctrl, 2, 2);		/* D2: not in PMC */
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2) & 3, 0U);
	wr(test, sd, ctrl, 2, 1);		/* D1: advertised */
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2) & 3, 1U);
	wr(test, sd, ctrl, 2, 3);
	wr(test, sd, ctrl, 2, 1);		/* D3hot -> D1: discarded */
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2) & 3, 3U);
	sd->pm_stuck = true;
	wr(test, sd, ctrl, 2, 0);
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2) & 3, 3U);
	KUNIT_EXPECT_EQ(test, sd->resets, 0UL);
}

/*
 * D3hot to D0 without NoSoftRst resets the function: its registers go
 * back to what it held at power-on; command and BARs read 0.  With
 * NoSoftRst it keeps them.
 */
static void sim_pm_d3hot_to_d0_resets(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int pm = sim_dev_add_pm(sd, 3);
	int ctrl = pm + PCI_PM_CTRL;

	KUNIT_ASSERT_GT(test, pm, 0);
	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, 0, SZ_4K, SIM_BAR_MEM32,
					      0xfe000000), 0);
	wr(test, sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	wr(test, sd, 0x80, 4, 0x12345678);
	wr(test, sd, ctrl, 2, 3);
	wr(test, sd, ctrl, 2, 0);
	KUNIT_EXPECT_EQ(test, sd->resets, 1UL);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_COMMAND, 2), 0U);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_BASE_ADDRESS_0, 4), 0U);
	KUNIT_EXPECT_EQ(test, rd(test, sd, 0x80, 4), 0U);
	KUNIT_EXPECT_EQ(test, rd(test, sd, ctrl, 2) & 3, 0U);

	/* NoSoftRst: D3hot and back keeps everything */
	sim_dev_poke(sd, ctrl, 2, PCI_PM_CTRL_NO_SOFT_RESET);
	wr(test, sd, 0x80, 4, 0x12345678);
	wr(test, sd, ctrl, 2, 3);
	wr(test, sd, ctrl, 2, 0);
	KUNIT_EXPECT_EQ(test, sd->resets, 1UL);
	KUNIT_EXPECT_EQ(test, rd(test, sd, 0x80, 4), 0x12345678U);
}

/* Initiate FLR resets a function that advertises FLR, and only such. */
static void sim_flr_resets_the_function(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	struct sim_dev *noflr = sim_new(test);
	int exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, PCI_EXP_DEVCAP_FLR);
	int exp2 = sim_dev_add_exp(noflr, PCI_EXP_TYPE_ENDPOINT, 0);

	KUNIT_ASSERT_GT(test, exp, 0);
	KUNIT_ASSERT_GT(test, exp2, 0);
	wr(test, sd, exp + PCI_EXP_LNKCTL, 2, PCI_EXP_LNKCTL_ASPM_L1);
	wr(test, sd, PCI_COMMAND, 2, PCI_COMMAND_MASTER);
	/* the high byte alone, as a byte-wide write of bit 15 */
	wr(test, sd, exp + PCI_EXP_DEVCTL + 1, 1, PCI_EXP_DEVCTL_BCR_FLR >> 8);
	KUNIT_EXPECT_EQ(test, sd->resets, 1UL);
	KUNIT_EXPECT_EQ(test, rd(test, sd, exp + PCI_EXP_LNKCTL, 2), 0U);
	KUNIT_EXPECT_EQ(test, rd(test, sd, PCI_COMMAND, 2), 0U);

	wr(test, noflr, exp2 + PCI_EXP_LNKCTL, 2, PCI_EXP_LNKCTL_ASPM_L1);
	wr(test, noflr, exp2 + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_BCR_FLR);
	KUNIT_EXPECT_EQ(test, noflr->resets, 0UL);
	KUNIT_EXPECT_EQ(test, rd(test, noflr, exp2 + PCI_EXP_LNKCTL, 2),
			(u32)PCI_EXP_LNKCTL_ASPM_L1);
}

static void sim_msi_and_msix_control_semantics(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int msi = sim_dev_add_msi(sd, false, false, 3);
	int msix = sim_dev_add_msix(sd, 8, 0, 0x2000, 0x3000);

	KUNIT_ASSERT_GT(test, msix, 0);
	wr(test, sd, msi + PCI_MSI_FLAGS, 2, 0xffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, msi + PCI_MSI_FLAGS, 2),
			PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE | 3 << 1);
	wr(test, sd, msix + PCI_MSIX_FLAGS, 2, 0xffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, msix + PCI_MSIX_FLAGS, 2),
			PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL | 7);
	KUNIT_EXPECT_EQ(test, rd(test, sd, msix + PCI_MSIX_TABLE, 4), 0x2000);
	KUNIT_EXPECT_EQ(test, sim_dev_add_msix(sd, 0, 0, 0, 0), -EINVAL);
}

static void sim_pcie_devsta_rw1c_and_flr_reads_zero(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, PCI_EXP_DEVCAP_FLR);

	KUNIT_ASSERT_GT(test, exp, 0);
	sim_dev_poke(sd, exp + PCI_EXP_DEVSTA, 2,
		     PCI_EXP_DEVSTA_CED | PCI_EXP_DEVSTA_URD);
	wr(test, sd, exp + PCI_EXP_DEVSTA, 2, PCI_EXP_DEVSTA_URD);
	KUNIT_EXPECT_EQ(test, rd(test, sd, exp + PCI_EXP_DEVSTA, 2),
			PCI_EXP_DEVSTA_CED);
	wr(test, sd, exp + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_BCR_FLR | 0x2810);
	KUNIT_EXPECT_EQ(test, rd(test, sd, exp + PCI_EXP_DEVCTL, 2), 0x2810);
	wr(test, sd, exp + PCI_EXP_SLTCTL, 2, 0xffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, exp + PCI_EXP_SLTCTL, 2), 0);
	KUNIT_EXPECT_EQ(test, sd->pdev.cfg_size, PCI_CFG_SPACE_EXP_SIZE);
}

static void sim_vpd_handshake_reads_and_writes(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int vpd = sim_dev_add_vpd(sd);

	KUNIT_ASSERT_GT(test, vpd, 0);
	memcpy(&sd->vpd[8], "\x82\x05\x00XY", 5);
	wr(test, sd, vpd + PCI_VPD_ADDR, 2, 8);
	KUNIT_EXPECT_TRUE(test, rd(test, sd, vpd + PCI_VPD_ADDR, 2) &
			  PCI_VPD_ADDR_F);
	KUNIT_EXPECT_EQ(test, rd(test, sd, vpd + PCI_VPD_DATA, 4), 0x58000582);
	wr(test, sd, vpd + PCI_VPD_DATA, 4, 0xa1b2c3d4);
	wr(test, sd, vpd + PCI_VPD_ADDR, 2, 16 | PCI_VPD_ADDR_F);
	KUNIT_EXPECT_FALSE(test, rd(test, sd, vpd + PCI_VPD_ADDR, 2) &
			   PCI_VPD_ADDR_F);
	KUNIT_EXPECT_EQ(test, sd->vpd[16], 0xd4);
	KUNIT_EXPECT_EQ(test, sd->vpd[19], 0xa1);
}

static void sim_extended_chain_walkable_by_pci_core(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int aer, dsn, vsec;
	u32 lo, hi;

	KUNIT_ASSERT_GT(test, sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, 0), 0);
	aer = sim_dev_add_aer(sd);
	dsn = sim_dev_add_dsn(sd, 0x0011223344556677ULL);
	vsec = sim_dev_add_vsec(sd, 0x23, 24);
	KUNIT_ASSERT_GT(test, vsec, 0);
	KUNIT_EXPECT_EQ(test, aer, PCI_CFG_SPACE_SIZE);
	KUNIT_EXPECT_EQ(test, pci_find_ext_capability(&sd->pdev,
						      PCI_EXT_CAP_ID_ERR), aer);
	KUNIT_EXPECT_EQ(test, pci_find_ext_capability(&sd->pdev,
						      PCI_EXT_CAP_ID_DSN), dsn);
	KUNIT_EXPECT_EQ(test, pci_find_ext_capability(&sd->pdev,
						      PCI_EXT_CAP_ID_VNDR), vsec);
	KUNIT_EXPECT_EQ(test, pci_get_dsn(&sd->pdev), 0x0011223344556677ULL);
	lo = rd(test, sd, vsec + PCI_VNDR_HEADER, 4);
	KUNIT_EXPECT_EQ(test, PCI_VNDR_HEADER_ID(lo), 0x23);
	KUNIT_EXPECT_EQ(test, PCI_VNDR_HEADER_LEN(lo), 24);
	/* headers are read-only, the VSEC body read-write */
	wr(test, sd, dsn, 4, 0);
	hi = rd(test, sd, dsn, 4);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_ID(hi), PCI_EXT_CAP_ID_DSN);
	KUNIT_EXPECT_EQ(test, PCI_EXT_CAP_NEXT(hi), vsec);
	wr(test, sd, vsec + 8, 4, 0xcafef00d);
	KUNIT_EXPECT_EQ(test, rd(test, sd, vsec + 8, 4), 0xcafef00d);
}

static void sim_aer_status_rw1c_masks_rw(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	int aer = sim_dev_add_aer(sd);
	u32 st = PCI_ERR_UNC_POISON_TLP | PCI_ERR_UNC_MALF_TLP;

	KUNIT_ASSERT_GT(test, aer, 0);
	sim_dev_poke(sd, aer + PCI_ERR_UNCOR_STATUS, 4, st);
	wr(test, sd, aer + PCI_ERR_UNCOR_STATUS, 4, PCI_ERR_UNC_POISON_TLP);
	KUNIT_EXPECT_EQ(test, rd(test, sd, aer + PCI_ERR_UNCOR_STATUS, 4),
			PCI_ERR_UNC_MALF_TLP);
	wr(test, sd, aer + PCI_ERR_UNCOR_MASK, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, aer + PCI_ERR_UNCOR_MASK, 4),
			0x03fff030);
	wr(test, sd, aer + PCI_ERR_HEADER_LOG, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, sd, aer + PCI_ERR_HEADER_LOG, 4), 0);
}

static void sim_guard_counts_changes_not_rewrites(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);

	wr(test, sd, 0x40, 4, 0x000000ff);
	sim_dev_guard(sd, 0x40, 4, 0x0000000f);
	wr(test, sd, 0x40, 4, 0x0000fff0 | 0x0f);	/* guarded bits kept */
	KUNIT_EXPECT_EQ(test, sd->guard_hits, 0UL);
	wr(test, sd, 0x40, 1, 0x00);
	KUNIT_EXPECT_EQ(test, sd->guard_hits, 1UL);
	KUNIT_EXPECT_EQ(test, sd->last_guard_off, 0x40);
	/* writing 1 to a set, guarded RW1C bit clears it: a hit */
	sim_dev_poke(sd, PCI_STATUS, 2, sim_dev_peek(sd, PCI_STATUS, 2) |
		     PCI_STATUS_SIG_SYSTEM_ERROR);
	sim_dev_guard(sd, PCI_STATUS, 2, PCI_STATUS_SIG_SYSTEM_ERROR);
	wr(test, sd, PCI_STATUS, 2, 0);
	KUNIT_EXPECT_EQ(test, sd->guard_hits, 1UL);
	wr(test, sd, PCI_STATUS, 2, PCI_STATUS_SIG_SYSTEM_ERROR);
	KUNIT_EXPECT_EQ(test, sd->guard_hits, 2UL);
}

static void sim_bad_accesses_rejected_by_core_and_bus(struct kunit *test)
{
	struct sim_dev *sd = sim_new(test);
	u32 v = 0;
	u16 w;

	KUNIT_EXPECT_EQ(test, pci_read_config_word(&sd->pdev, 1, &w),
			PCIBIOS_BAD_REGISTER_NUMBER);
	KUNIT_EXPECT_EQ(test, pci_read_config_dword(&sd->pdev, 2, &v),
			PCIBIOS_BAD_REGISTER_NUMBER);
	KUNIT_EXPECT_NE(test, pci_read_config_dword(&sd->pdev, SIM_CFG_SIZE,
						    &v), PCIBIOS_SUCCESSFUL);
	KUNIT_EXPECT_EQ(test, v, ~0U);
	KUNIT_EXPECT_NE(test, pci_write_config_dword(&sd->pdev, SIM_CFG_SIZE,
						     0), PCIBIOS_SUCCESSFUL);
	KUNIT_EXPECT_EQ(test, sd->writes, 0UL);
}

static struct kunit_case sim_dev_cases[] = {
	KUNIT_CASE(sim_header_ids_read_through_pci_core),
	KUNIT_CASE(sim_read_only_bits_ignore_writes),
	KUNIT_CASE(sim_read_write_bits_hold_written_value),
	KUNIT_CASE(sim_status_rw1c_clears_only_written_ones),
	KUNIT_CASE(sim_reserved_bits_read_zero_and_count),
	KUNIT_CASE(sim_bar32_sizing_returns_size_mask),
	KUNIT_CASE(sim_bar64_prefetch_sizing_spans_both_halves),
	KUNIT_CASE(sim_io_bar_and_unimplemented_bar_sizing),
	KUNIT_CASE(sim_rom_sizing_keeps_enable_bit),
	KUNIT_CASE(sim_builder_rejects_impossible_bars),
	KUNIT_CASE(sim_capability_chain_walkable_by_pci_core),
	KUNIT_CASE(sim_capability_space_runs_out_cleanly),
	KUNIT_CASE(sim_pm_pmcsr_semantics),
	KUNIT_CASE(sim_pm_discards_unsupported_states),
	KUNIT_CASE(sim_pm_d3hot_to_d0_resets),
	KUNIT_CASE(sim_flr_resets_the_function),
	KUNIT_CASE(sim_msi_and_msix_control_semantics),
	KUNIT_CASE(sim_pcie_devsta_rw1c_and_flr_reads_zero),
	KUNIT_CASE(sim_vpd_handshake_reads_and_writes),
	KUNIT_CASE(sim_extended_chain_walkable_by_pci_core),
	KUNIT_CASE(sim_aer_status_rw1c_masks_rw),
	KUNIT_CASE(sim_guard_counts_changes_not_rewrites),
	KUNIT_CASE(sim_bad_accesses_rejected_by_core_and_bus),
	{}
};

static struct kunit_suite sim_dev_suite = {
	.name = "xpb_sim_dev",
	.test_cases = sim_dev_cases,
};

kunit_test_suite(sim_dev_suite);
