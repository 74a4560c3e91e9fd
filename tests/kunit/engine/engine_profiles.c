// SPDX-License-Identifier: GPL-2.0
/*
 * Device profiles for the config-space engine suites.
 *
 * Each profile builds a simulated device and writes down, independently
 * of the engine's tables, what the engine owes it: bits that must never
 * change in hardware (the sim's guard), bytes that must read as zero
 * (hidden structures) and bits that must read exactly as the hardware
 * (pass-through).  The judges that use them are in engine_checks.c.
 */
#include <linux/log2.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/test.h>

#include "engine_profiles.h"

/*
 * The command hook behaves as the driver's will: pci_enable_device()
 * for decode, pci_set_master() for bus mastering, and (with
 * @fx->disable_clears_master) pci_disable_device(), which also drops bus
 * mastering.  With @fx->hooks_set_cmd the simulated hardware follows.
 */
static int eng_set_command(void *data, u16 old, u16 *cmd)
{
	struct eng_fx *fx = data;
	u16 chg = old ^ *cmd;
	u32 hw;

	fx->cmd_calls++;
	fx->cmd_old = old;
	if (chg & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO))
		fx->decode_calls++;
	if (chg & PCI_COMMAND_MASTER)
		fx->master_calls++;
	if (chg & PCI_COMMAND_INVALIDATE)
		fx->mwi_calls++;
	fx->mem = *cmd & PCI_COMMAND_MEMORY;
	fx->io = *cmd & PCI_COMMAND_IO;
	fx->master = *cmd & PCI_COMMAND_MASTER;
	if (fx->hook_ret)
		return fx->hook_ret;
	if ((chg & PCI_COMMAND_MASTER) && fx->master_ret)
		return fx->master_ret;
	if (fx->disable_clears_master &&
	    (old & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO)) &&
	    !(*cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO)))
		*cmd &= ~PCI_COMMAND_MASTER;
	if (fx->mwi_absent)
		*cmd &= ~PCI_COMMAND_INVALIDATE;
	if (fx->hooks_set_cmd) {
		hw = sim_dev_peek(&fx->sd, PCI_COMMAND, 2) & ~CFGV_CMD_HOOKED;
		sim_dev_poke(&fx->sd, PCI_COMMAND, 2, hw | *cmd);
	}
	return 0;
}

/*
 * The header, saved and put back by config accesses as pci_save_state()
 * and pci_restore_state() do around a reset in the glue (state.c): the
 * PCI core's own accesses, which the guard does not judge.
 */
static void eng_save_header(struct eng_fx *fx)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(fx->saved_hdr); i++)
		pci_read_config_dword(&fx->sd.pdev, 4 * i, &fx->saved_hdr[i]);
}

static void eng_restore_header(struct eng_fx *fx)
{
	int i;

	fx->sd.core_access = true;
	for (i = ARRAY_SIZE(fx->saved_hdr) - 1; i >= 0; i--)
		pci_write_config_dword(&fx->sd.pdev, 4 * i, fx->saved_hdr[i]);
	fx->sd.core_access = false;
}

/*
 * As the glue's hook does: save the header on the way into D3hot unless
 * the function keeps its state (NoSoftRst), write PMCSR as
 * pci_set_power_state() does (the simulated function takes the state or
 * discards it, and resets on D3hot to D0 without NoSoftRst), put the
 * header back on the way out of D3hot.
 */
static int eng_set_power(void *data, pci_power_t from, pci_power_t to,
			 bool nsr)
{
	struct eng_fx *fx = data;
	int ctl = fx->pm + PCI_PM_CTRL;
	u16 v;

	fx->pm_calls++;
	fx->pm_from = (__force int)from;
	fx->pm_state = (__force int)to;
	fx->pm_nosoftrst = nsr;
	if (fx->hook_ret)
		return fx->hook_ret;
	if (to == PCI_D3hot && !nsr)
		eng_save_header(fx);
	pci_read_config_word(&fx->sd.pdev, ctl, &v);
	fx->sd.core_access = true;
	pci_write_config_word(&fx->sd.pdev, ctl,
			      (v & ~(PCI_PM_CTRL_STATE_MASK |
				     PCI_PM_CTRL_PME_STATUS)) |
			      (__force int)to);
	fx->sd.core_access = false;
	if (from == PCI_D3hot && to == PCI_D0 && !nsr)
		eng_restore_header(fx);
	return fx->pm_lost ? CFGV_STATE_LOST : 0;
}

/* As the glue's FLR hook does: save, Initiate FLR, restore. */
static int eng_reset(void *data)
{
	struct eng_fx *fx = data;
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u16 v;

	fx->reset_calls++;
	if (fx->hook_ret)
		return fx->hook_ret;
	eng_save_header(fx);
	pci_read_config_word(&fx->sd.pdev, dc, &v);
	fx->sd.core_access = true;
	pci_write_config_word(&fx->sd.pdev, dc, v | PCI_EXP_DEVCTL_BCR_FLR);
	fx->sd.core_access = false;
	eng_restore_header(fx);
	return 0;
}

static int eng_rom_enable(void *data, bool on)
{
	struct eng_fx *fx = data;

	fx->rom_calls++;
	fx->rom_on = on;
	return fx->rom_ret ?: fx->hook_ret;
}

/*
 * As pcie_set_readrq() does: the size, held to @fx->readrq_cap when set,
 * goes into Device Control by a config access of the PCI core.
 */
static int eng_set_readrq(void *data, int *bytes)
{
	struct eng_fx *fx = data;
	int dc = fx->exp + PCI_EXP_DEVCTL;
	u16 v;

	fx->readrq_calls++;
	fx->readrq_asked = *bytes;
	if (fx->hook_ret)
		return fx->hook_ret;
	if (fx->readrq_cap && *bytes > fx->readrq_cap)
		*bytes = fx->readrq_cap;
	pci_read_config_word(&fx->sd.pdev, dc, &v);
	fx->sd.core_access = true;
	pci_write_config_word(&fx->sd.pdev, dc,
			      (v & ~PCI_EXP_DEVCTL_READRQ) |
			      (ilog2(*bytes / 128) << 12));
	fx->sd.core_access = false;
	return 0;
}

const struct cfgv_hooks eng_hooks = {
	.set_command = eng_set_command,
	.set_power_state = eng_set_power,
	.reset = eng_reset,
	.rom_enable = eng_rom_enable,
	.set_readrq = eng_set_readrq,
};

static void eng_or(u8 *arr, int off, int size, u32 mask)
{
	int i;

	for (i = 0; i < size && off + i < SIM_CFG_SIZE; i++)
		arr[off + i] |= mask >> (8 * i);
}

/**
 * eng_guard() - declare bits the engine must never change in hardware
 * @fx: fixture
 * @off: offset
 * @size: 1, 2 or 4
 * @mask: bits
 */
void eng_guard(struct eng_fx *fx, int off, int size, u32 mask)
{
	sim_dev_guard(&fx->sd, off, size, mask);
}

/**
 * eng_expect_hidden() - declare a hidden structure
 * @fx: fixture
 * @off: first byte
 * @len: bytes
 *
 * The bytes must read as zero and never change in hardware.
 */
void eng_expect_hidden(struct eng_fx *fx, int off, int len)
{
	int i;

	for (i = off; i < off + len && i < SIM_CFG_SIZE; i++) {
		fx->hide[i] = 0xff;
		fx->sd.guard[i] = 0xff;
	}
}

/**
 * eng_expect_pass() - declare pass-through bits
 * @fx: fixture
 * @off: offset
 * @size: bytes (any length)
 * @mask: bits per 4-byte group (repeated)
 */
void eng_expect_pass(struct eng_fx *fx, int off, int size, u32 mask)
{
	int i;

	for (i = 0; i < size; i += 4)
		eng_or(fx->pass, off + i, min(4, size - i), mask);
}

/**
 * eng_bar() - add a BAR to the sim and the matching resource to pdev
 * @fx: fixture
 * @bar: index
 * @size: size
 * @flags: SIM_BAR_* flags
 * @addr: address
 */
void eng_bar(struct eng_fx *fx, int bar, u64 size, unsigned int flags,
	     u64 addr)
{
	struct resource *r = &fx->sd.pdev.resource[bar];

	WARN_ON(sim_dev_add_bar(&fx->sd, bar, size, flags, addr));
	r->start = addr;
	r->end = addr + size - 1;
	if (flags & SIM_BAR_IO) {
		r->flags = IORESOURCE_IO;
		return;
	}
	r->flags = IORESOURCE_MEM;
	if (flags & SIM_BAR_MEM64)
		r->flags |= IORESOURCE_MEM_64;
	if (flags & SIM_BAR_PREFETCH)
		r->flags |= IORESOURCE_PREFETCH;
}

/**
 * eng_rom() - add an expansion ROM to the sim and pdev
 * @fx: fixture
 * @size: size
 * @addr: address
 */
void eng_rom(struct eng_fx *fx, u32 size, u32 addr)
{
	struct resource *r = &fx->sd.pdev.resource[PCI_ROM_RESOURCE];

	WARN_ON(sim_dev_add_rom(&fx->sd, size, addr));
	r->start = addr;
	r->end = addr + size - 1;
	r->flags = IORESOURCE_MEM | IORESOURCE_READONLY;
}

/* A hidden structure whose body hardware would let anyone write. */
static int eng_hidden_cap(struct eng_fx *fx, u8 id, int len)
{
	int off = sim_dev_add_cap(&fx->sd, id, len), i;

	for (i = 4; i < len; i += 4)
		sim_dev_define(&fx->sd, off + i, 4, 0xa5a5a5a5, 0, 0, 0);
	eng_expect_hidden(fx, off, len);
	return off;
}

static int eng_hidden_ext(struct eng_fx *fx, u16 id, int len)
{
	int off = sim_dev_add_ext_cap(&fx->sd, id, 1, len), i;

	for (i = 4; i < len; i += 4)
		sim_dev_define(&fx->sd, off + i, 4, 0x5a5a5a5a, 0, 0, 0);
	/* at 0x100 the header stays, as a placeholder keeping the chain */
	if (off == PCI_CFG_SPACE_SIZE)
		eng_expect_hidden(fx, off + 4, len - 4);
	else
		eng_expect_hidden(fx, off, len);
	return off;
}

static void eng_pin(struct eng_fx *fx, u8 pin, unsigned int irq)
{
	sim_dev_poke(&fx->sd, PCI_INTERRUPT_PIN, 1, pin);
	fx->sd.pdev.pin = pin;
	fx->sd.pdev.irq = irq;
}

/* What every profile owes the engine's rules, from the spec, not the engine. */
static void eng_finish(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;
	int i;

	/* decode, master, parity, SERR, INTx-disable go through hooks */
	eng_guard(fx, PCI_COMMAND, 2, 0x0547);
	for (i = PCI_BASE_ADDRESS_0; i <= PCI_BASE_ADDRESS_5; i += 4)
		eng_guard(fx, i, 4, ~0U);
	eng_guard(fx, PCI_ROM_ADDRESS, 4, ~0U);
	eng_guard(fx, PCI_INTERRUPT_LINE, 1, 0xff);
	eng_expect_pass(fx, PCI_CACHE_LINE_SIZE, 1, 0xff);
	if (fx->pm) {
		/* a pending PME: any write-back of PMCSR must not clear it */
		sim_dev_poke(sd, fx->pm + PCI_PM_CTRL, 2,
			     sim_dev_peek(sd, fx->pm + PCI_PM_CTRL, 2) |
			     PCI_PM_CTRL_PME_STATUS);
		eng_guard(fx, fx->pm + PCI_PM_CTRL, 2, 0x8103);
	}
	if (fx->msi) {
		u16 fl = sim_dev_peek(sd, fx->msi + PCI_MSI_FLAGS, 2);
		int len = (fl & PCI_MSI_FLAGS_64BIT ? 0xc : 0x8) + 4 +
			  (fl & PCI_MSI_FLAGS_MASKBIT ? 8 : 0);

		eng_guard(fx, fx->msi + PCI_MSI_FLAGS, 2, 0x0071);
		for (i = 4; i < len; i += 4)
			eng_guard(fx, fx->msi + i, 4, ~0U);
	}
	if (fx->msix)
		eng_guard(fx, fx->msix + PCI_MSIX_FLAGS, 2, 0xc000);
	if (fx->exp) {
		/*
		 * MPS and FLR, error reporting enables (XSA-120);
		 * ASPM/CCC/CLKREQ/HAWD; link 2 virtual bits
		 */
		eng_guard(fx, fx->exp + PCI_EXP_DEVCTL, 2, 0x80ef);
		eng_guard(fx, fx->exp + PCI_EXP_LNKCTL, 2, 0x0343);
		eng_guard(fx, fx->exp + PCI_EXP_DEVCTL2, 2, 0xfca0);
		eng_guard(fx, fx->exp + PCI_EXP_LNKCTL2, 2, 0xff9f);
		eng_expect_hidden(fx, fx->exp + PCI_EXP_SLTCAP, 0x10);
	}
	if (fx->vpd)
		eng_guard(fx, fx->vpd + PCI_VPD_DATA, 4, ~0U);
	if (fx->vndr)
		eng_expect_pass(fx, fx->vndr + 4, 8, ~0U);
	if (fx->aer) {
		/* masks and severity are dom0's in hardware (XSA-120) */
		eng_guard(fx, fx->aer + PCI_ERR_UNCOR_MASK, 4, ~0U);
		eng_guard(fx, fx->aer + PCI_ERR_COR_MASK, 4, ~0U);
		eng_guard(fx, fx->aer + PCI_ERR_UNCOR_SEVER, 4, ~0U);
	}
	if (fx->vsec)
		eng_expect_pass(fx, fx->vsec + 8, 0x18, ~0U);
	/* device-specific registers after the last capability */
	eng_expect_pass(fx, sd->next_cap, PCI_CFG_SPACE_SIZE - sd->next_cap,
			~0U);
	if (sd->pdev.cfg_size > PCI_CFG_SPACE_SIZE)
		eng_expect_hidden(fx, sd->next_ext, SIM_CFG_SIZE - sd->next_ext);
	/* read-only bits are guarded too, except where the specification
	 * lets the device choose (MWI enable, latency timer)
	 */
	for (i = 0; i < SIM_CFG_SIZE; i++)
		sd->guard[i] |= sd->ro[i];
	sd->guard[PCI_COMMAND] &= ~PCI_COMMAND_INVALIDATE;
	sd->guard[PCI_LATENCY_TIMER] = 0;
	sim_dev_vpd_image(sd);
	memcpy(fx->vpd_copy, sd->vpd, SIM_VPD_SIZE);
}

/**
 * eng_nic() - plain PCI NIC: two BARs, ROM, PM, MSI, VPD, 256-byte space
 * @fx: fixture
 */
void eng_nic(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;

	sim_dev_init(sd, 0x8086, 0x100e, 0x02000002);
	sim_dev_set_ids(sd, 0x8086, 0x001e, 0x02);
	eng_bar(fx, 0, SZ_128K, SIM_BAR_MEM32, 0xfebc0000);
	eng_bar(fx, 1, 64, SIM_BAR_IO, 0xc040);
	eng_rom(fx, SZ_128K, 0xfeb80000);
	eng_pin(fx, 1, 11);
	fx->pm = sim_dev_add_pm(sd, 0xc802 | PCI_PM_CAP_D1 | PCI_PM_CAP_D2);
	fx->msi = sim_dev_add_msi(sd, false, false, 0);
	fx->vpd = sim_dev_add_vpd(sd);
}

/**
 * eng_pcie_ep() - PCIe endpoint with PM, MSI, MSI-X, PCIe, vendor cap,
 *	AER, DSN and VSEC
 * @fx: fixture
 */
void eng_pcie_ep(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;

	sim_dev_init(sd, 0x15b3, 0x1017, 0x02000000);
	sim_dev_set_ids(sd, 0x15b3, 0x0020, 0);
	eng_bar(fx, 0, SZ_32M, SIM_BAR_MEM64 | SIM_BAR_PREFETCH,
		0x380000000000ULL);
	eng_bar(fx, 2, SZ_16K, SIM_BAR_MEM64, 0xfe000000);
	eng_pin(fx, 1, 16);
	fx->pm = sim_dev_add_pm(sd, 0xc803);
	fx->msi = sim_dev_add_msi(sd, true, true, 3);
	fx->msix = sim_dev_add_msix(sd, 64, 2, 0x2000, 0x3000);
	fx->exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT,
				  PCI_EXP_DEVCAP_FLR | 1);
	fx->vndr = sim_dev_add_vndr(sd, 12);
	fx->aer = sim_dev_add_aer(sd);
	fx->dsn = sim_dev_add_dsn(sd, 0x0123456789abcdefULL);
	fx->vsec = sim_dev_add_vsec(sd, 0x1234, 0x20);
}

/**
 * eng_hidden_caps() - device carrying capabilities the guest must not see:
 *	PCI-X, AGP, SSVID, SR-IOV, ACS, LTR
 * @fx: fixture
 */
void eng_hidden_caps(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;

	sim_dev_init(sd, 0x1000, 0x0097, 0x01070001);
	eng_bar(fx, 0, SZ_64K, SIM_BAR_MEM64, 0xfd000000);
	eng_pin(fx, 1, 17);
	eng_hidden_cap(fx, PCI_CAP_ID_PCIX, PCI_CAP_PCIX_SIZEOF_V1);
	fx->pm = sim_dev_add_pm(sd, 0x0003);
	eng_hidden_cap(fx, PCI_CAP_ID_AGP, 12);
	eng_hidden_cap(fx, PCI_CAP_ID_SSVID, 8);
	fx->msi = sim_dev_add_msi(sd, true, false, 0);
	fx->exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, 0);
	eng_hidden_ext(fx, PCI_EXT_CAP_ID_SRIOV, 0x40);
	fx->aer = sim_dev_add_aer(sd);
	eng_hidden_ext(fx, PCI_EXT_CAP_ID_ACS, 8);
	eng_hidden_ext(fx, PCI_EXT_CAP_ID_LTR, 8);
	fx->dsn = sim_dev_add_dsn(sd, 42);
}

/**
 * eng_vf() - SR-IOV virtual function: IDs read all ones in hardware,
 *	BARs known only to the PCI core
 * @fx: fixture
 */
void eng_vf(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;
	struct resource *r = sd->pdev.resource;

	sim_dev_init(sd, 0xffff, 0xffff, 0x02000001);
	sim_dev_set_ids(sd, 0x8086, 0x0001, 1);
	sd->pdev.vendor = 0x8086;
	sd->pdev.device = 0x154c;
	sd->pdev.is_virtfn = 1;
	r[0].start = 0x382000000000ULL;
	r[0].end = r[0].start + SZ_16K - 1;
	r[0].flags = IORESOURCE_MEM | IORESOURCE_MEM_64 | IORESOURCE_PREFETCH;
	r[3].start = 0x382000100000ULL;
	r[3].end = r[3].start + SZ_16K - 1;
	r[3].flags = IORESOURCE_MEM | IORESOURCE_MEM_64 | IORESOURCE_PREFETCH;
	fx->msix = sim_dev_add_msix(sd, 4, 3, 0, 0x2000);
	fx->exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT,
				  PCI_EXP_DEVCAP_FLR);
	fx->aer = sim_dev_add_aer(sd);
}

/**
 * eng_first_ext_hidden() - the extended capability at 0x100 is hidden
 * @fx: fixture
 */
void eng_first_ext_hidden(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;

	sim_dev_init(sd, 0x144d, 0xa808, 0x01080200);
	eng_bar(fx, 0, SZ_16K, SIM_BAR_MEM64, 0xfc000000);
	fx->pm = sim_dev_add_pm(sd, 0x0003);
	fx->msi = sim_dev_add_msi(sd, true, true, 5);
	fx->exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT,
				  PCI_EXP_DEVCAP_FLR);
	eng_hidden_ext(fx, PCI_EXT_CAP_ID_ACS, 8);
	fx->aer = sim_dev_add_aer(sd);
	eng_hidden_ext(fx, PCI_EXT_CAP_ID_LTR, 8);
	fx->dsn = sim_dev_add_dsn(sd, 7);
}

/**
 * eng_malformed() - both chains loop back on themselves
 * @fx: fixture
 */
void eng_malformed(struct eng_fx *fx)
{
	struct sim_dev *sd = &fx->sd;

	sim_dev_init(sd, 0x10ee, 0x7024, 0x05800000);
	eng_bar(fx, 0, SZ_1M, SIM_BAR_MEM32, 0xfb000000);
	fx->pm = sim_dev_add_pm(sd, 0x0003);
	fx->msi = sim_dev_add_msi(sd, false, true, 0);
	fx->exp = sim_dev_add_exp(sd, PCI_EXP_TYPE_ENDPOINT, 0);
	fx->vndr = sim_dev_add_vndr(sd, 12);
	/* the last standard capability points back at the first */
	sim_dev_poke(sd, fx->vndr + PCI_CAP_LIST_NEXT, 1, fx->pm);
	fx->aer = sim_dev_add_aer(sd);
	fx->dsn = sim_dev_add_dsn(sd, 9);
	/* and so does the last extended one */
	sim_dev_poke(sd, fx->dsn, 4,
		     sim_dev_peek(sd, fx->dsn, 4) | fx->aer << 20);
}

const struct eng_profile eng_profiles[] = {
	{ "nic", eng_nic },
	{ "pcie_ep", eng_pcie_ep },
	{ "hidden_caps", eng_hidden_caps },
	{ "vf", eng_vf },
	{ "first_ext_hidden", eng_first_ext_hidden },
	{ "malformed", eng_malformed },
};

const unsigned int eng_nprofiles = ARRAY_SIZE(eng_profiles);

/**
 * eng_setup() - build a profile and put the engine on it
 * @test: the test (fixture kept in test->priv; use eng_exit as exit)
 * @build: profile builder
 *
 * Return: the fixture.
 */
struct eng_fx *eng_setup(struct kunit *test, void (*build)(struct eng_fx *))
{
	struct eng_fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	build(fx);
	eng_finish(fx);
	fx->dev = cfgv_create(&fx->sd.pdev, &eng_hooks, fx);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR_OR_NULL(fx->dev),
			       "cfgv_create: %ld", PTR_ERR(fx->dev));
	test->priv = fx;
	return fx;
}

/**
 * eng_exit() - suite exit: free the engine state, drop global permissive
 * @test: the test
 */
void eng_exit(struct kunit *test)
{
	struct eng_fx *fx = test->priv;

	cfgv_set_global_permissive(false);
	if (fx && !IS_ERR_OR_NULL(fx->dev))
		cfgv_destroy(fx->dev);
	test->priv = NULL;
}
