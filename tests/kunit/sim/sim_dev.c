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

#include "sim_regs.h"

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

/**
 * sim_apply_regs() - give the registers of one structure their semantics
 * @sd: simulated device
 * @base: offset of the structure
 * @regs: its register table
 * @n: entries in @regs
 *
 * Current contents are kept (reserved bits cleared).
 */
void sim_apply_regs(struct sim_dev *sd, int base,
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

	if (!sd->core_access &&
	    ((v ^ old) & g & ~rw1c & ~rsvd || (v & g & rw1c & old))) {
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
	u16 pm_before = 0;
	int i;

	if (devfn != sd->pdev.devfn || where < 0 ||
	    where + size > SIM_CFG_SIZE)
		return PCIBIOS_DEVICE_NOT_FOUND;
	if (sd->fail_writes)
		return PCIBIOS_DEVICE_NOT_FOUND;
	sd->writes++;
	if (!sd->powered_on)
		sim_dev_power_on(sd);
	if (sd->pdev.pm_cap)
		pm_before = sim_dev_peek(sd, sd->pdev.pm_cap + PCI_PM_CTRL, 2);
	for (i = 0; i < size; i++)
		sim_write_byte(sd, where + i, val >> (8 * i));
	if (sd->vpd_off && where <= sd->vpd_off + PCI_VPD_ADDR + 1 &&
	    where + size > sd->vpd_off + PCI_VPD_ADDR + 1)
		sim_vpd_handshake(sd);
	sim_dev_react(sd, where, size, val, pm_before);
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

