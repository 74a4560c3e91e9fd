// SPDX-License-Identifier: GPL-2.0
/*
 * Type 0 header rules: IDs from struct pci_dev, a mediated command
 * register, status with write-1-to-clear error bits, BARs and ROM
 * emulated as registers from the PCI core's resources, interrupt line,
 * and the rest of the 64-byte header.
 */
#include <linux/pci.h>

#include "internal.h"

/* parity and SERR are virtual: a guest must not raise host NMIs (XSA-120) */
#define CFGV_CMD_EMU	(CFGV_CMD_HOOKED | PCI_COMMAND_PARITY | \
			 PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE)
#define CFGV_CMD_PROT	(PCI_COMMAND_SPECIAL | PCI_COMMAND_VGA_PALETTE | \
			 PCI_COMMAND_FAST_BACK)
/* bits 11-15, and stepping control (hardwired 0 since PCI 2.3) */
#define CFGV_CMD_RSVD	(0xf800 | PCI_COMMAND_WAIT)
#define CFGV_STA_RW1C	(PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT | \
			 PCI_STATUS_REC_TARGET_ABORT | \
			 PCI_STATUS_REC_MASTER_ABORT | \
			 PCI_STATUS_SIG_SYSTEM_ERROR | \
			 PCI_STATUS_DETECTED_PARITY)

/*
 * INTx-disable is virtual (the guest reads back what it wrote) unless
 * interrupt control or permissive mode is on: then it also reaches the
 * hardware, and may be cleared only while no MSI/MSI-X is enabled.  That
 * is judged before any hook runs, since the register is taken whole.
 */
static enum cfgv_status cfgv_cmd_write(struct cfgv_wctx *c, u32 old, u32 *val)
{
	const struct cfgv_hooks *h = c->dev->hooks;
	u32 chg = old ^ *val;
	bool intx = (chg & PCI_COMMAND_INTX_DISABLE) &&
		    cfgv_priv_open(c->dev, CFGV_PRIV_IRQ);
	bool disable = *val & PCI_COMMAND_INTX_DISABLE;
	enum cfgv_status st;
	u16 cmd;
	int ret;

	if (intx && !disable) {
		st = cfgv_irq_type_ok(c->dev, CFGV_IRQ_INTX);
		if (st == CFGV_DENIED)
			c->why = "MSI or MSI-X is enabled";
		if (st)
			return st;
	}
	if ((chg & CFGV_CMD_HOOKED) && h->set_command) {
		cfgv_hook_enter(c);
		cmd = *val & CFGV_CMD_HOOKED;
		ret = h->set_command(c->dev->data, old & CFGV_CMD_HOOKED, &cmd);
		if (ret) {
			c->err = ret;
			c->why = "refused by the driver";
			return ret == -EPERM ? CFGV_DENIED : CFGV_HOOK_FAILED;
		}
		*val = (*val & ~CFGV_CMD_HOOKED) | (cmd & CFGV_CMD_HOOKED);
	}
	if (!intx)
		return CFGV_OK;
	return cfgv_hw_update(c->dev, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE,
			      disable ? PCI_COMMAND_INTX_DISABLE : 0);
}

/*
 * What a BAR shows after a write.  The guest cannot move a BAR (its
 * address is the host's), but it must be able to size it with writes of
 * any width: a byte written with all its address bits set shows the
 * size mask, any other byte shows the host address.
 */
static u32 cfgv_bar_value(u32 val, u32 mask, u32 host)
{
	u32 out = 0;
	unsigned int b;

	for (b = 0; b < 32; b += 8) {
		u32 m = (mask >> b) & 0xff, v = (val >> b) & 0xff;
		u32 h = (host >> b) & 0xff;

		out |= ((v & m) == m ? (v & m) | (h & ~m) : h) << b;
	}
	return out;
}

static enum cfgv_status cfgv_bar_write(struct cfgv_wctx *c, u32 old, u32 *val)
{
	const struct cfgv_bar *b =
		&cfgv_map_of(c->dev)->bars[(c->off - PCI_BASE_ADDRESS_0) / 4];

	*val = cfgv_bar_value(*val, b->mask, b->host);
	return CFGV_OK;
}

static enum cfgv_status cfgv_rom_write(struct cfgv_wctx *c, u32 old, u32 *val)
{
	const struct cfgv_bar *b = &cfgv_map_of(c->dev)->bars[CFGV_ROM];
	u32 en = *val & PCI_ROM_ADDRESS_ENABLE;
	int ret;

	if (!b->mask) {
		*val = 0;
		return CFGV_OK;
	}
	if ((en ^ old) & PCI_ROM_ADDRESS_ENABLE && c->dev->hooks->rom_enable) {
		cfgv_hook_enter(c);
		ret = c->dev->hooks->rom_enable(c->dev->data, en);
		if (ret) {
			c->err = ret;
			c->why = "refused by the driver";
			return ret == -EPERM ? CFGV_DENIED : CFGV_HOOK_FAILED;
		}
	}
	*val = cfgv_bar_value(*val & ~PCI_ROM_ADDRESS_ENABLE, b->mask,
			      b->host) | en;
	return CFGV_OK;
}

#define CFGV_BAR(n) \
	{ PCI_BASE_ADDRESS_0 + 4 * (n), 4, .emu = ~0U, .write = cfgv_bar_write }

static const struct cfgv_reg cfgv_hdr_regs[] = {
	{ PCI_VENDOR_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_DEVICE_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_COMMAND, 2, .emu = CFGV_CMD_EMU, .prot = CFGV_CMD_PROT,
	  .rsvd = CFGV_CMD_RSVD, .sleep = CFGV_CMD_HOOKED,
	  .write = cfgv_cmd_write },
	{ PCI_STATUS, 2, .emu = PCI_STATUS_CAP_LIST,
	  .ro = 0xffff & ~CFGV_STA_RW1C & ~0x0007, .rw1c = CFGV_STA_RW1C,
	  .rsvd = 0x0007 },
	{ PCI_CLASS_REVISION, 4, .ro = ~0U },
	{ PCI_CACHE_LINE_SIZE, 1, .flags = CFGV_REG_REPLAY },
	{ PCI_LATENCY_TIMER, 1 },
	{ PCI_HEADER_TYPE, 1, .ro = 0xff },
	{ PCI_BIST, 1, .priv = CFGV_PRIV_PERMISSIVE, .ro = 0xbf,
	  .gate = PCI_BIST_START },
	CFGV_BAR(0), CFGV_BAR(1), CFGV_BAR(2),
	CFGV_BAR(3), CFGV_BAR(4), CFGV_BAR(5),
	{ PCI_CARDBUS_CIS, 4, .ro = ~0U },
	{ PCI_SUBSYSTEM_VENDOR_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_SUBSYSTEM_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_ROM_ADDRESS, 4, .emu = ~0U, .sleep = PCI_ROM_ADDRESS_ENABLE,
	  .write = cfgv_rom_write },
	{ PCI_CAPABILITY_LIST, 1, .emu = 0xff, .ro = 0xff },
	{ 0x35, 1, .rsvd = 0xff },
	{ 0x36, 2, .rsvd = 0xffff },
	{ 0x38, 4, .rsvd = ~0U },
	{ PCI_INTERRUPT_LINE, 1, .emu = 0xff },
	{ PCI_INTERRUPT_PIN, 1, .ro = 0xff },
	{ PCI_MIN_GNT, 1, .ro = 0xff },
	{ PCI_MAX_LAT, 1, .ro = 0xff },
};

/* A resource the guest may see: assigned, power-of-two sized, real. */
static bool cfgv_res_usable(const struct resource *r)
{
	u64 size = resource_size(r);

	return r->flags && !(r->flags & IORESOURCE_UNSET) && size &&
	       is_power_of_2(size);
}

static void cfgv_bar_init(struct cfgv_build *b, unsigned int *i)
{
	const struct resource *r = &b->dev->pdev->resource[*i];
	struct cfgv_bar *bar = b->m->bars;
	u64 size = resource_size(r), start = r->start;

	if (!cfgv_res_usable(r))
		return;
	if (r->flags & IORESOURCE_IO) {
		bar[*i].mask = ~(u32)(size - 1) & PCI_BASE_ADDRESS_IO_MASK;
		bar[*i].host = ((u32)start & bar[*i].mask) |
			       PCI_BASE_ADDRESS_SPACE_IO;
		return;
	}
	if (!(r->flags & IORESOURCE_MEM))
		return;
	if ((r->flags & IORESOURCE_MEM_64) && *i + 1 >= PCI_STD_NUM_BARS) {
		pci_warn_once(b->dev->pdev, "config space: 64-bit BAR %u has no upper half; shown as unimplemented\n",
			      *i);
		return;
	}
	bar[*i].mask = lower_32_bits(~(size - 1)) & PCI_BASE_ADDRESS_MEM_MASK;
	bar[*i].host = (lower_32_bits(start) & bar[*i].mask) |
		       (r->flags & IORESOURCE_PREFETCH ?
			PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
	if (r->flags & IORESOURCE_MEM_64) {
		bar[*i].host |= PCI_BASE_ADDRESS_MEM_TYPE_64;
		(*i)++;
		bar[*i].mask = upper_32_bits(~(size - 1));
		bar[*i].host = upper_32_bits(start) & bar[*i].mask;
	}
}

/*
 * BAR values come from the PCI core's resources, read anew at every
 * rebuild (a BAR the realigner moved shows its new address).
 */
static void cfgv_bars_init(struct cfgv_build *b)
{
	const struct resource *r = &b->dev->pdev->resource[PCI_ROM_RESOURCE];
	struct cfgv_bar *rom = &b->m->bars[CFGV_ROM];
	unsigned int i;

	memset(b->m->bars, 0, sizeof(b->m->bars));
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		cfgv_bar_init(b, &i);
	/* a shadow copy in system RAM is not the device's ROM */
	if ((r->flags & IORESOURCE_MEM) && cfgv_res_usable(r) &&
	    !(r->flags & IORESOURCE_ROM_SHADOW) &&
	    resource_size(r) >= SZ_2K) {
		rom->mask = ~(u32)(resource_size(r) - 1) & PCI_ROM_ADDRESS_MASK;
		rom->host = (u32)r->start & rom->mask;
	}
}

/**
 * cfgv_header_install() - install the type 0 header rules (0x00-0x3f)
 * @b: the build
 */
void cfgv_header_install(struct cfgv_build *b)
{
	struct pci_dev *pdev = b->dev->pdev;
	unsigned int i;

	cfgv_install(b, 0, PCI_STD_HEADER_SIZEOF, cfgv_hdr_regs,
		     ARRAY_SIZE(cfgv_hdr_regs));
	/* VFs read all ones here in hardware: the PCI core knows the IDs */
	cfgv_set_shadow(b, PCI_VENDOR_ID, 2, pdev->vendor);
	cfgv_set_shadow(b, PCI_DEVICE_ID, 2, pdev->device);
	cfgv_set_shadow(b, PCI_SUBSYSTEM_VENDOR_ID, 2, pdev->subsystem_vendor);
	cfgv_set_shadow(b, PCI_SUBSYSTEM_ID, 2, pdev->subsystem_device);
	cfgv_set_shadow(b, PCI_INTERRUPT_LINE, 1, pdev->irq);
	cfgv_bars_init(b);
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		cfgv_set_shadow(b, PCI_BASE_ADDRESS_0 + 4 * i, 4,
				b->m->bars[i].host);
	cfgv_set_shadow(b, PCI_ROM_ADDRESS, 4, b->m->bars[CFGV_ROM].host);
}
