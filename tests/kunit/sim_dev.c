// SPDX-License-Identifier: GPL-2.0
/*
 * Simulated PCI function for KUnit.
 *
 * Each byte of the 4 KiB space carries three masks: read-only, write-1-to-
 * clear and reserved.  A bit in none of them is read-write.  Register
 * layouts come from small tables, one per structure, so a builder call
 * gives a capability the same semantics the PCI specification gives it.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "sim_dev.h"

/**
 * struct sim_reg - semantics of one register, relative to its structure
 * @off: offset from the start of the structure
 * @size: width in bytes (1, 2 or 4)
 * @ro: read-only bits
 * @rw1c: write-1-to-clear bits
 * @rsvd: reserved bits (read 0, writes ignored)
 */
struct sim_reg {
	u16 off;
	u8 size;
	u32 ro;
	u32 rw1c;
	u32 rsvd;
};

/* Type 0 header; BARs and the ROM start unimplemented (all read-only 0). */
static const struct sim_reg sim_hdr_regs[] = {
	{ PCI_VENDOR_ID,	2, 0xffff },
	{ PCI_DEVICE_ID,	2, 0xffff },
	/* IO, MEM, MASTER, PARITY, SERR, INTX_DISABLE writable */
	{ PCI_COMMAND,		2, 0x0238, 0, 0xf880 },
	{ PCI_STATUS,		2, 0x06b8, 0xf900, 0x0047 },
	{ PCI_CLASS_REVISION,	4, 0xffffffff },
	{ PCI_CACHE_LINE_SIZE,	1, 0 },
	{ PCI_LATENCY_TIMER,	1, 0xff },
	{ PCI_HEADER_TYPE,	1, 0xff },
	{ PCI_BIST,		1, 0xff },
	{ PCI_BASE_ADDRESS_0,	4, 0xffffffff },
	{ PCI_BASE_ADDRESS_1,	4, 0xffffffff },
	{ PCI_BASE_ADDRESS_2,	4, 0xffffffff },
	{ PCI_BASE_ADDRESS_3,	4, 0xffffffff },
	{ PCI_BASE_ADDRESS_4,	4, 0xffffffff },
	{ PCI_BASE_ADDRESS_5,	4, 0xffffffff },
	{ PCI_CARDBUS_CIS,	4, 0xffffffff },
	{ PCI_SUBSYSTEM_VENDOR_ID, 2, 0xffff },
	{ PCI_SUBSYSTEM_ID,	2, 0xffff },
	{ PCI_ROM_ADDRESS,	4, 0xffffffff },
	{ PCI_CAPABILITY_LIST,	1, 0xff },
	{ 0x35,			1, 0, 0, 0xff },
	{ 0x36,			2, 0, 0, 0xffff },
	{ 0x38,			4, 0, 0, 0xffffffff },
	{ PCI_INTERRUPT_LINE,	1, 0 },
	{ PCI_INTERRUPT_PIN,	1, 0xff },
	{ PCI_MIN_GNT,		1, 0xff },
	{ PCI_MAX_LAT,		1, 0xff },
};

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

static void sim_set_bytes(u8 *arr, int off, int size, u32 val)
{
	int i;

	for (i = 0; i < size; i++)
		arr[off + i] = val >> (8 * i);
}

/**
 * sim_dev_mask() - read @size bytes of a per-byte mask array as a value
 * @mask: one of the sim_dev mask arrays (or @cfg)
 * @off: first byte
 * @size: 1, 2 or 4
 *
 * Return: the bytes at @off, little endian.
 */
u32 sim_dev_mask(const u8 *mask, int off, int size)
{
	u32 v = 0;
	int i;

	for (i = 0; i < size; i++)
		v |= (u32)mask[off + i] << (8 * i);
	return v;
}

/**
 * sim_dev_define() - give a register its value and semantics
 * @sd: simulated device
 * @off: first byte of the register
 * @size: width in bytes
 * @val: initial contents
 * @ro: read-only bits
 * @rw1c: write-1-to-clear bits
 * @rsvd: reserved bits, forced to read 0
 */
void sim_dev_define(struct sim_dev *sd, int off, int size, u32 val,
		    u32 ro, u32 rw1c, u32 rsvd)
{
	if (WARN_ON(off < 0 || off + size > SIM_CFG_SIZE))
		return;
	sim_set_bytes(sd->cfg, off, size, val & ~rsvd);
	sim_set_bytes(sd->ro, off, size, ro & ~rsvd & ~rw1c);
	sim_set_bytes(sd->rw1c, off, size, rw1c & ~rsvd);
	sim_set_bytes(sd->rsvd, off, size, rsvd);
}

static void sim_apply_regs(struct sim_dev *sd, int base,
			   const struct sim_reg *regs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int off = base + regs[i].off;

		sim_dev_define(sd, off, regs[i].size,
			       sim_dev_mask(sd->cfg, off, regs[i].size),
			       regs[i].ro, regs[i].rw1c, regs[i].rsvd);
	}
}

/**
 * sim_dev_peek() - read registers directly, without side effects
 * @sd: simulated device
 * @off: first byte
 * @size: 1, 2 or 4
 *
 * Return: the current contents.
 */
u32 sim_dev_peek(const struct sim_dev *sd, int off, int size)
{
	return sim_dev_mask(sd->cfg, off, size);
}

/**
 * sim_dev_poke() - overwrite registers directly, ignoring every mask
 * @sd: simulated device
 * @off: first byte
 * @size: 1, 2 or 4
 * @val: new contents
 *
 * For test set-up only: e.g. to latch status bits or corrupt a pointer.
 */
void sim_dev_poke(struct sim_dev *sd, int off, int size, u32 val)
{
	sim_set_bytes(sd->cfg, off, size, val);
}

/**
 * sim_dev_guard() - declare bits the code under test must never change
 * @sd: simulated device
 * @off: first byte
 * @size: 1, 2 or 4
 * @mask: bits to add to the guard
 */
void sim_dev_guard(struct sim_dev *sd, int off, int size, u32 mask)
{
	int i;

	for (i = 0; i < size; i++)
		sd->guard[off + i] |= mask >> (8 * i);
}

/* VPD: writing the address with F=0 fetches, with F=1 stores; F flips. */
static void sim_vpd_handshake(struct sim_dev *sd)
{
	int a = sd->vpd_off;
	u16 addr = sim_dev_peek(sd, a + PCI_VPD_ADDR, 2);
	int at = addr & (SIM_VPD_SIZE - 4);

	if (addr & PCI_VPD_ADDR_F) {
		memcpy(&sd->vpd[at], &sd->cfg[a + PCI_VPD_DATA], 4);
		addr &= ~PCI_VPD_ADDR_F;
	} else {
		memcpy(&sd->cfg[a + PCI_VPD_DATA], &sd->vpd[at], 4);
		addr |= PCI_VPD_ADDR_F;
	}
	sim_dev_poke(sd, a + PCI_VPD_ADDR, 2, addr);
}

static void sim_write_byte(struct sim_dev *sd, int off, u8 v)
{
	u8 old = sd->cfg[off];
	u8 ro = sd->ro[off], rw1c = sd->rw1c[off], rsvd = sd->rsvd[off];
	u8 g = sd->guard[off];

	if ((v ^ old) & g & ~rw1c & ~rsvd || (v & g & rw1c & old)) {
		sd->guard_hits++;
		sd->last_guard_off = off;
	}
	if (v & rsvd)
		sd->rsvd_hits++;
	sd->cfg[off] = (old & ro) | (v & ~(ro | rw1c | rsvd)) |
		       (old & rw1c & ~v);
}

static struct sim_dev *sim_of_bus(struct pci_bus *bus)
{
	return container_of(bus, struct sim_dev, bus);
}

static int sim_read(struct pci_bus *bus, unsigned int devfn, int where,
		    int size, u32 *val)
{
	struct sim_dev *sd = sim_of_bus(bus);

	if (devfn != sd->pdev.devfn || where < 0 ||
	    where + size > SIM_CFG_SIZE) {
		*val = ~0U;
		return PCIBIOS_DEVICE_NOT_FOUND;
	}
	sd->reads++;
	if (sd->fail_reads || sd->all_ones) {
		*val = size == 4 ? ~0U : (1U << (8 * size)) - 1;
		return sd->fail_reads ? PCIBIOS_DEVICE_NOT_FOUND :
					PCIBIOS_SUCCESSFUL;
	}
	*val = sim_dev_peek(sd, where, size);
	return PCIBIOS_SUCCESSFUL;
}

static int sim_write(struct pci_bus *bus, unsigned int devfn, int where,
		     int size, u32 val)
{
	struct sim_dev *sd = sim_of_bus(bus);
	int i;

	if (devfn != sd->pdev.devfn || where < 0 ||
	    where + size > SIM_CFG_SIZE)
		return PCIBIOS_DEVICE_NOT_FOUND;
	if (sd->fail_writes)
		return PCIBIOS_DEVICE_NOT_FOUND;
	sd->writes++;
	for (i = 0; i < size; i++)
		sim_write_byte(sd, where + i, val >> (8 * i));
	if (sd->vpd_off && where <= sd->vpd_off + PCI_VPD_ADDR + 1 &&
	    where + size > sd->vpd_off + PCI_VPD_ADDR + 1)
		sim_vpd_handshake(sd);
	if (sd->after_write)
		sd->after_write(sd, where, size, val);
	return PCIBIOS_SUCCESSFUL;
}

/**
 * sim_dev_init() - reset @sd to a bare type 0 function
 * @sd: simulated device (any contents)
 * @vendor: vendor ID
 * @device: device ID
 * @class: class code and revision as in the PCI_CLASS_REVISION dword
 *
 * Device-specific space 0x40-0xff starts read-write and zero; everything
 * else not defined by the header reads 0 and is read-only.  The function
 * is 0000:00:00.0 on its own bus, reachable with pci_read_config_*().
 */
void sim_dev_init(struct sim_dev *sd, u16 vendor, u16 device, u32 class)
{
	memset(sd, 0, sizeof(*sd));
	memset(sd->ro + PCI_CFG_SPACE_SIZE, 0xff,
	       SIM_CFG_SIZE - PCI_CFG_SPACE_SIZE);
	sim_dev_poke(sd, PCI_VENDOR_ID, 2, vendor);
	sim_dev_poke(sd, PCI_DEVICE_ID, 2, device);
	sim_dev_poke(sd, PCI_CLASS_REVISION, 4, class);
	sim_dev_poke(sd, PCI_STATUS, 2, PCI_STATUS_DEVSEL_MEDIUM);
	sim_apply_regs(sd, 0, sim_hdr_regs, ARRAY_SIZE(sim_hdr_regs));
	sd->next_cap = PCI_STD_HEADER_SIZEOF;
	sd->next_ext = PCI_CFG_SPACE_SIZE;

	snprintf(sd->name, sizeof(sd->name), "0000:00:00.0");
	sd->ops.read = sim_read;
	sd->ops.write = sim_write;
	sd->bus.ops = &sd->ops;
	strscpy(sd->bus.name, "sim", sizeof(sd->bus.name));
	sd->pdev.bus = &sd->bus;
	sd->pdev.devfn = 0;
	sd->pdev.vendor = vendor;
	sd->pdev.device = device;
	sd->pdev.class = class >> 8;
	sd->pdev.revision = class & 0xff;
	sd->pdev.hdr_type = PCI_HEADER_TYPE_NORMAL;
	sd->pdev.cfg_size = PCI_CFG_SPACE_SIZE;
	sd->pdev.current_state = PCI_D0;
	sd->pdev.dev.init_name = sd->name;
}

/**
 * sim_dev_set_ids() - set subsystem IDs and revision
 * @sd: simulated device
 * @subvendor: subsystem vendor ID
 * @subdevice: subsystem ID
 * @rev: revision ID
 */
void sim_dev_set_ids(struct sim_dev *sd, u16 subvendor, u16 subdevice, u8 rev)
{
	sim_dev_poke(sd, PCI_SUBSYSTEM_VENDOR_ID, 2, subvendor);
	sim_dev_poke(sd, PCI_SUBSYSTEM_ID, 2, subdevice);
	sim_dev_poke(sd, PCI_REVISION_ID, 1, rev);
	sd->pdev.subsystem_vendor = subvendor;
	sd->pdev.subsystem_device = subdevice;
	sd->pdev.revision = rev;
}

/**
 * sim_dev_add_bar() - implement a BAR with hardware sizing semantics
 * @sd: simulated device
 * @bar: BAR index 0-5 (a 64-bit BAR also takes @bar + 1)
 * @size: decoded size, a power of two (>= 16 for memory, >= 4 for I/O)
 * @flags: SIM_BAR_* flags
 * @addr: initial address (aligned to @size)
 *
 * Address bits below @size and the type bits are read-only, so writing
 * all ones and reading back yields the size mask, as on real hardware.
 *
 * Return: 0, or -EINVAL for an impossible BAR.
 */
int sim_dev_add_bar(struct sim_dev *sd, int bar, u64 size, unsigned int flags,
		    u64 addr)
{
	bool io = flags & SIM_BAR_IO, is64 = flags & SIM_BAR_MEM64;
	int off = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 type, lo_ro;

	if (bar < 0 || bar + is64 > 5 || !is_power_of_2(size) ||
	    size < (io ? 4 : 16) || (!is64 && size > SZ_2G) ||
	    (addr & (size - 1)) || (io && flags != SIM_BAR_IO))
		return -EINVAL;

	if (io) {
		type = PCI_BASE_ADDRESS_SPACE_IO;
		lo_ro = (u32)size - 1;
	} else {
		type = (is64 ? PCI_BASE_ADDRESS_MEM_TYPE_64 : 0) |
		       (flags & SIM_BAR_PREFETCH ?
			PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
		lo_ro = size >= SZ_4G ? ~0U : (u32)size - 1;
	}
	sim_dev_define(sd, off, 4, lower_32_bits(addr) | type, lo_ro, 0, 0);
	if (is64)
		sim_dev_define(sd, off + 4, 4, upper_32_bits(addr),
			       size > SZ_4G ? upper_32_bits(size - 1) : 0,
			       0, 0);
	return 0;
}

/**
 * sim_dev_add_rom() - implement the expansion ROM BAR
 * @sd: simulated device
 * @size: ROM size, a power of two >= 2 KiB
 * @addr: initial address (aligned to @size), enable bit clear
 *
 * Return: 0, or -EINVAL.
 */
int sim_dev_add_rom(struct sim_dev *sd, u32 size, u32 addr)
{
	if (!is_power_of_2(size) || size < SZ_2K || (addr & (size - 1)))
		return -EINVAL;
	sim_dev_define(sd, PCI_ROM_ADDRESS, 4, addr,
		       (size - 1) & ~(u32)PCI_ROM_ADDRESS_ENABLE & ~0x7feU,
		       0, 0x7fe);
	return 0;
}

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
	return off;
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
