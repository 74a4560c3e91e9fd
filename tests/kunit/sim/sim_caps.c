// SPDX-License-Identifier: GPL-2.0
/*
 * Simulated PCI function for KUnit: capability builders.  Each appends
 * one structure to its chain with the register semantics the PCI
 * specification gives it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "sim_regs.h"

static const struct sim_reg sim_pm_regs[] = {
	{ PCI_PM_PMC,		2, 0xffff },
	/* PowerState, PME_En, Data_Select RW; NoSoftRst, Data_Scale RO */
	{ PCI_PM_CTRL,		2, 0x6008, PCI_PM_CTRL_PME_STATUS, 0x00f4 },
	{ PCI_PM_PPB_EXTENSIONS, 1, 0xff },
	{ PCI_PM_DATA_REGISTER,	1, 0xff },
};

static const struct sim_reg sim_msix_regs[] = {
	{ PCI_MSIX_FLAGS,	2, PCI_MSIX_FLAGS_QSIZE, 0, 0x3800 },
	{ PCI_MSIX_TABLE,	4, 0xffffffff },
	{ PCI_MSIX_PBA,		4, 0xffffffff },
};

/* Endpoint view of the PCI Express capability (version 2). */
static const struct sim_reg sim_exp_regs[] = {
	{ PCI_EXP_FLAGS,	2, 0xffff },
	{ PCI_EXP_DEVCAP,	4, 0xffffffff },
	/* Initiate FLR (bit 15) is write-only: reads 0, writes take effect */
	{ PCI_EXP_DEVCTL,	2, 0x8000 },
	{ PCI_EXP_DEVSTA,	2, 0x0030, 0x000f, 0xffc0 },
	{ PCI_EXP_LNKCAP,	4, 0xffffffff },
	{ PCI_EXP_LNKCTL,	2, 0, 0, 0xf034 },
	{ PCI_EXP_LNKSTA,	2, 0xffff },
	{ PCI_EXP_SLTCAP,	4, 0, 0, 0xffffffff },
	{ PCI_EXP_SLTCTL,	2, 0, 0, 0xffff },
	{ PCI_EXP_SLTSTA,	2, 0, 0, 0xffff },
	{ PCI_EXP_RTCTL,	2, 0, 0, 0xffff },
	{ PCI_EXP_RTCAP,	2, 0, 0, 0xffff },
	{ PCI_EXP_RTSTA,	4, 0, 0, 0xffffffff },
	{ PCI_EXP_DEVCAP2,	4, 0xffffffff },
	{ PCI_EXP_DEVCTL2,	2, 0, 0, 0x80a0 },
	{ PCI_EXP_DEVSTA2,	2, 0, 0, 0xffff },
	{ PCI_EXP_LNKCAP2,	4, 0xffffffff },
	{ PCI_EXP_LNKCTL2,	2, 0x0040, 0, 0xe000 },
	{ PCI_EXP_LNKSTA2,	2, 0xffff },
	{ PCI_EXP_SLTCAP2,	4, 0, 0, 0xffffffff },
	{ PCI_EXP_SLTCTL2,	2, 0, 0, 0xffff },
	{ PCI_EXP_SLTSTA2,	2, 0, 0, 0xffff },
};

#define SIM_AER_UNCOR	0x03fff030	/* implemented uncorrectable bits */
#define SIM_AER_COR	0x0000f1c1	/* implemented correctable bits */

static const struct sim_reg sim_aer_regs[] = {
	{ PCI_ERR_UNCOR_STATUS,	4, 0, SIM_AER_UNCOR, ~SIM_AER_UNCOR },
	{ PCI_ERR_UNCOR_MASK,	4, 0, 0, ~SIM_AER_UNCOR },
	{ PCI_ERR_UNCOR_SEVER,	4, 0, 0, ~SIM_AER_UNCOR },
	{ PCI_ERR_COR_STATUS,	4, 0, SIM_AER_COR, ~SIM_AER_COR },
	{ PCI_ERR_COR_MASK,	4, 0, 0, ~SIM_AER_COR },
	/* first error pointer and capability bits RO; ECRC enables RW */
	{ PCI_ERR_CAP,		4, 0x000000bf, 0, 0xfffffe00 },
	{ PCI_ERR_HEADER_LOG,	4, 0xffffffff },
	{ PCI_ERR_HEADER_LOG + 4, 4, 0xffffffff },
	{ PCI_ERR_HEADER_LOG + 8, 4, 0xffffffff },
	{ PCI_ERR_HEADER_LOG + 12, 4, 0xffffffff },
};

#define SIM_AER_LEN	0x48
#define SIM_EXP_LEN	0x3c	/* through Slot Status 2 */

/**
 * sim_dev_add_cap() - append a standard capability to the chain
 * @sd: simulated device
 * @id: capability ID
 * @len: length in bytes (rounded up to a dword)
 *
 * The ID and next pointer are read-only; the body starts read-only zero
 * until the caller defines its registers.  Sets Status.CAP_LIST.
 *
 * Return: the capability's offset, or -ENOSPC.
 */
int sim_dev_add_cap(struct sim_dev *sd, u8 id, int len)
{
	int off = sd->next_cap;

	len = ALIGN(len, 4);
	if (len < 4 || off + len > PCI_CFG_SPACE_SIZE)
		return -ENOSPC;
	sim_dev_define(sd, off, 4, id, 0xffff, 0, 0);
	if (len > 4)
		memset(sd->ro + off + 4, 0xff, len - 4);
	memset(sd->cfg + off + 4, 0, len - 4);
	sim_dev_poke(sd, sd->last_cap ? sd->last_cap + PCI_CAP_LIST_NEXT :
		     PCI_CAPABILITY_LIST, 1, off);
	sim_dev_poke(sd, PCI_STATUS, 2,
		     sim_dev_peek(sd, PCI_STATUS, 2) | PCI_STATUS_CAP_LIST);
	sd->last_cap = off;
	sd->next_cap = off + len;
	return off;
}

/**
 * sim_dev_add_ext_cap() - append an extended capability (0x100-0xfff)
 * @sd: simulated device
 * @id: extended capability ID
 * @ver: capability version
 * @len: length in bytes (rounded up to a dword)
 *
 * Makes the device PCI Express sized (cfg_size 4096).
 *
 * Return: the capability's offset, or -ENOSPC.
 */
int sim_dev_add_ext_cap(struct sim_dev *sd, u16 id, u8 ver, int len)
{
	int off = sd->next_ext;

	len = ALIGN(len, 4);
	if (len < 4 || off + len > SIM_CFG_SIZE)
		return -ENOSPC;
	sim_dev_define(sd, off, 4, id | (ver & 0xf) << 16, ~0U, 0, 0);
	memset(sd->ro + off + 4, 0xff, len - 4);
	memset(sd->cfg + off + 4, 0, len - 4);
	if (sd->last_ext)
		sim_dev_poke(sd, sd->last_ext, 4,
			     sim_dev_peek(sd, sd->last_ext, 4) | off << 20);
	sd->last_ext = off;
	sd->next_ext = off + len;
	sd->pdev.cfg_size = PCI_CFG_SPACE_EXP_SIZE;
	return off;
}

/**
 * sim_dev_add_pm() - add a Power Management capability
 * @sd: simulated device
 * @pmc: the PMC register (supported D-states, PME support, version)
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_pm(struct sim_dev *sd, u16 pmc)
{
	int off = sim_dev_add_cap(sd, PCI_CAP_ID_PM, PCI_PM_SIZEOF);

	if (off < 0)
		return off;
	sim_dev_poke(sd, off + PCI_PM_PMC, 2, pmc);
	sim_apply_regs(sd, off, sim_pm_regs, ARRAY_SIZE(sim_pm_regs));
	sd->pdev.pm_cap = off;
	return off;
}

/**
 * sim_dev_add_msi() - add an MSI capability
 * @sd: simulated device
 * @is64: 64-bit message address
 * @maskable: per-vector masking (mask and pending registers)
 * @mmc: Multiple Message Capable field (log2 of vectors, 0-5)
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_msi(struct sim_dev *sd, bool is64, bool maskable, u8 mmc)
{
	int data = is64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32;
	int len = data + 4 + (maskable ? 8 : 0);
	u16 flags = (mmc & 7) << 1 | (is64 ? PCI_MSI_FLAGS_64BIT : 0) |
		    (maskable ? PCI_MSI_FLAGS_MASKBIT : 0);
	int off = sim_dev_add_cap(sd, PCI_CAP_ID_MSI, len);

	if (off < 0)
		return off;
	/* enable and MME writable; MMC, 64BIT, MASKBIT read-only */
	sim_dev_define(sd, off + PCI_MSI_FLAGS, 2, flags, 0x018e, 0, 0xfe00);
	sim_dev_define(sd, off + PCI_MSI_ADDRESS_LO, 4, 0, 0, 0, 0x3);
	if (is64)
		sim_dev_define(sd, off + PCI_MSI_ADDRESS_HI, 4, 0, 0, 0, 0);
	sim_dev_define(sd, off + data, 2, 0, 0, 0, 0);
	sim_dev_define(sd, off + data + 2, 2, 0, 0, 0, 0xffff);
	if (maskable) {
		sim_dev_define(sd, off + data + 4, 4, 0, 0, 0, 0);
		sim_dev_define(sd, off + data + 8, 4, 0, ~0U, 0, 0);
	}
	sd->pdev.msi_cap = off;
	return off;
}

/**
 * sim_dev_add_msix() - add an MSI-X capability
 * @sd: simulated device
 * @qsize: number of table entries (1-2048)
 * @bir: BAR holding both table and PBA
 * @table_off: table offset in that BAR (8-byte aligned)
 * @pba_off: PBA offset in that BAR (8-byte aligned)
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_msix(struct sim_dev *sd, u16 qsize, u8 bir, u32 table_off,
		     u32 pba_off)
{
	int off;

	if (!qsize || qsize > PCI_MSIX_FLAGS_QSIZE + 1 || bir > 5 ||
	    (table_off | pba_off) & PCI_MSIX_TABLE_BIR)
		return -EINVAL;
	off = sim_dev_add_cap(sd, PCI_CAP_ID_MSIX, PCI_CAP_MSIX_SIZEOF);
	if (off < 0)
		return off;
	sim_dev_poke(sd, off + PCI_MSIX_FLAGS, 2, qsize - 1);
	sim_dev_poke(sd, off + PCI_MSIX_TABLE, 4, table_off | bir);
	sim_dev_poke(sd, off + PCI_MSIX_PBA, 4, pba_off | bir);
	sim_apply_regs(sd, off, sim_msix_regs, ARRAY_SIZE(sim_msix_regs));
	sd->pdev.msix_cap = off;
	return off;
}

/**
 * sim_dev_add_exp() - add a PCI Express capability (version 2)
 * @sd: simulated device
 * @type: device/port type (PCI_EXP_TYPE_*)
 * @devcap: Device Capabilities (e.g. PCI_EXP_DEVCAP_FLR)
 *
 * Control registers get endpoint semantics; slot and root registers are
 * reserved.  Link and device capabilities get plausible x1 Gen2 values.
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_exp(struct sim_dev *sd, u8 type, u32 devcap)
{
	int off = sim_dev_add_cap(sd, PCI_CAP_ID_EXP, SIM_EXP_LEN);
	u16 flags = 2;	/* capability version 2 */

	if (off < 0)
		return off;
	flags |= (type << 4) & PCI_EXP_FLAGS_TYPE;
	sim_dev_poke(sd, off + PCI_EXP_FLAGS, 2, flags);
	sim_dev_poke(sd, off + PCI_EXP_DEVCAP, 4, devcap);
	/* MPS 128, MRRS 512, relaxed ordering and no-snoop on */
	sim_dev_poke(sd, off + PCI_EXP_DEVCTL, 2, 0x2810);
	sim_dev_poke(sd, off + PCI_EXP_LNKCAP, 4, 0x00000412);
	sim_dev_poke(sd, off + PCI_EXP_LNKSTA, 2, 0x1012);
	sim_dev_poke(sd, off + PCI_EXP_LNKCAP2, 4, 0x00000006);
	sim_dev_poke(sd, off + PCI_EXP_LNKCTL2, 2, 0x0002);
	sim_apply_regs(sd, off, sim_exp_regs, ARRAY_SIZE(sim_exp_regs));
	sd->pdev.pcie_cap = off;
	sd->pdev.pcie_flags_reg = flags;
	sd->pdev.cfg_size = PCI_CFG_SPACE_EXP_SIZE;
	return off;
}

/**
 * sim_dev_add_vpd() - add a VPD capability with a working handshake
 * @sd: simulated device
 *
 * Writing the address register with F=0 loads the data register from
 * @sd->vpd and sets F; writing it with F=1 stores the data register and
 * clears F.  Completion is immediate.
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_vpd(struct sim_dev *sd)
{
	int off = sim_dev_add_cap(sd, PCI_CAP_ID_VPD, PCI_CAP_VPD_SIZEOF);

	if (off < 0)
		return off;
	sim_dev_define(sd, off + PCI_VPD_ADDR, 2, 0, 0, 0, 0);
	sim_dev_define(sd, off + PCI_VPD_DATA, 4, 0, 0, 0, 0);
	sd->vpd_off = off;
	/* what the PCI core's VPD code needs of a probed function */
	sd->pdev.vpd.cap = off;
	mutex_init(&sd->pdev.vpd.lock);
	sim_dev_vpd_image(sd);
	return off;
}

/**
 * sim_dev_vpd_image() - fill the VPD storage with a well-formed image
 * @sd: simulated device
 *
 * An identifier string, a read-only section of patterned bytes and the
 * end tag, so the PCI core finds the VPD size (SIM_VPD_LEN) as it does
 * on real devices; the storage after the end tag holds 0xee.
 */
void sim_dev_vpd_image(struct sim_dev *sd)
{
	static const char id[] = "XPB-SIM1";
	int at = 0, i;

	memset(sd->vpd, 0xee, SIM_VPD_SIZE);
	sd->vpd[at++] = 0x82;		/* large resource: identifier string */
	sd->vpd[at++] = sizeof(id) - 1;
	sd->vpd[at++] = 0;
	memcpy(&sd->vpd[at], id, sizeof(id) - 1);
	at += sizeof(id) - 1;
	sd->vpd[at] = 0x90;		/* large resource: read-only data */
	sd->vpd[at + 1] = SIM_VPD_LEN - at - 4;
	sd->vpd[at + 2] = 0;
	at += 3;
	for (i = 0; at < SIM_VPD_LEN - 1; i++)
		sd->vpd[at++] = i * 7 + 1;
	sd->vpd[at] = 0x78;		/* small resource: end tag */
}

/**
 * sim_dev_add_vndr() - add a vendor-specific capability
 * @sd: simulated device
 * @len: total length including the 3-byte header (3-255)
 *
 * The length byte is read-only; the vendor-defined body is read-write.
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_vndr(struct sim_dev *sd, int len)
{
	int off;

	if (len < 3 || len > 0xff)
		return -EINVAL;
	off = sim_dev_add_cap(sd, PCI_CAP_ID_VNDR, len);
	if (off < 0)
		return off;
	sim_dev_define(sd, off + 2, 1, len, 0xff, 0, 0);
	memset(sd->ro + off + 3, 0, ALIGN(len, 4) - 3);
	return off;
}

/**
 * sim_dev_add_aer() - add an Advanced Error Reporting capability
 * @sd: simulated device
 *
 * Status registers are RW1C, masks and severity read-write over the
 * implemented error bits, the header log read-only.
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_aer(struct sim_dev *sd)
{
	int off = sim_dev_add_ext_cap(sd, PCI_EXT_CAP_ID_ERR, 2, SIM_AER_LEN);

	if (off < 0)
		return off;
	/* power-on defaults: some uncorrectable errors fatal, one masked */
	sim_dev_poke(sd, off + PCI_ERR_UNCOR_SEVER, 4, 0x00062030);
	sim_dev_poke(sd, off + PCI_ERR_COR_MASK, 4, PCI_ERR_COR_ADV_NFAT);
	sim_dev_poke(sd, off + PCI_ERR_CAP, 4,
		     PCI_ERR_CAP_ECRC_GENC | PCI_ERR_CAP_ECRC_CHKC);
	sim_apply_regs(sd, off, sim_aer_regs, ARRAY_SIZE(sim_aer_regs));
	return off;
}

/**
 * sim_dev_add_dsn() - add a Device Serial Number capability
 * @sd: simulated device
 * @serial: the 64-bit serial number
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_dsn(struct sim_dev *sd, u64 serial)
{
	int off = sim_dev_add_ext_cap(sd, PCI_EXT_CAP_ID_DSN, 1,
				      PCI_EXT_CAP_DSN_SIZEOF);

	if (off < 0)
		return off;
	sim_dev_poke(sd, off + 4, 4, lower_32_bits(serial));
	sim_dev_poke(sd, off + 8, 4, upper_32_bits(serial));
	return off;
}

/**
 * sim_dev_add_vsec() - add a Vendor-Specific Extended Capability
 * @sd: simulated device
 * @vsec_id: the VSEC ID in the vendor-specific header
 * @len: total length in bytes including both headers (>= 8)
 *
 * The body after the two headers is read-write.
 *
 * Return: offset or negative errno.
 */
int sim_dev_add_vsec(struct sim_dev *sd, u16 vsec_id, int len)
{
	int off;

	if (len < 8 || len > 0xfff)
		return -EINVAL;
	off = sim_dev_add_ext_cap(sd, PCI_EXT_CAP_ID_VNDR, 1, len);
	if (off < 0)
		return off;
	sim_dev_poke(sd, off + PCI_VNDR_HEADER, 4,
		     vsec_id | 1 << 16 | len << 20);
	if (len > 8)
		memset(sd->ro + off + 8, 0, ALIGN(len, 4) - 8);
	return off;
}
