// SPDX-License-Identifier: GPL-2.0
/*
 * Type 0 header rules: IDs from struct pci_dev, mediated command register,
 * status with write-1-to-clear error bits, BAR and ROM sizing emulation,
 * interrupt line, and the rest of the 64-byte header.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_CMD_EMU	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
			 PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
			 PCI_COMMAND_SERR)
#define CFGV_CMD_RO	(PCI_COMMAND_SPECIAL | PCI_COMMAND_VGA_PALETTE | \
			 PCI_COMMAND_WAIT | PCI_COMMAND_FAST_BACK)
#define CFGV_STA_RW1C	(PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT | \
			 PCI_STATUS_REC_TARGET_ABORT | \
			 PCI_STATUS_REC_MASTER_ABORT | \
			 PCI_STATUS_SIG_SYSTEM_ERROR | \
			 PCI_STATUS_DETECTED_PARITY)
#define CFGV_ROM_IDX	PCI_STD_NUM_BARS

static int cfgv_cmd_write(struct cfgv_dev *dev, const struct cfgv_field *f,
			  u32 old, u32 *val)
{
	const struct cfgv_hooks *h = dev->hooks;
	u32 chg = old ^ *val;
	bool decode = chg & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
	int ret;

	if ((chg & PCI_COMMAND_INTX_DISABLE) &&
	    !(*val & PCI_COMMAND_INTX_DISABLE) &&
	    !cfgv_irq_type_ok(dev, CFGV_IRQ_INTX))
		return -EPERM;
	if (decode && h->set_decode) {
		ret = h->set_decode(dev->data, *val & PCI_COMMAND_MEMORY,
				    *val & PCI_COMMAND_IO);
		if (ret)
			return ret;
	}
	if ((chg & PCI_COMMAND_MASTER) && h->set_master) {
		ret = h->set_master(dev->data, *val & PCI_COMMAND_MASTER);
		/* The register is refused whole: take the decode change back. */
		if (ret && decode && h->set_decode)
			h->set_decode(dev->data, old & PCI_COMMAND_MEMORY,
				      old & PCI_COMMAND_IO);
		if (ret)
			return ret;
	}
	return 0;
}

static int cfgv_bar_write(struct cfgv_dev *dev, const struct cfgv_field *f,
			  u32 old, u32 *val)
{
	const struct cfgv_bar *b = &dev->bars[(f->off - PCI_BASE_ADDRESS_0) / 4];

	/* all address bits set is a sizing probe; anything else restores */
	if (b->mask && (*val & b->mask) == b->mask)
		*val = b->mask | (b->host & ~b->mask);
	else
		*val = b->host;
	return 0;
}

static int cfgv_rom_write(struct cfgv_dev *dev, const struct cfgv_field *f,
			  u32 old, u32 *val)
{
	const struct cfgv_bar *b = &dev->bars[CFGV_ROM_IDX];
	u32 en = *val & PCI_ROM_ADDRESS_ENABLE;
	int ret;

	if (!b->mask) {
		*val = 0;
		return 0;
	}
	if ((en ^ old) & PCI_ROM_ADDRESS_ENABLE && dev->hooks->rom_enable) {
		ret = dev->hooks->rom_enable(dev->data, en);
		if (ret)
			return ret;
	}
	if ((*val & b->mask) == b->mask)
		*val = b->mask | en;
	else
		*val = b->host | en;
	return 0;
}

#define CFGV_BAR(n) \
	{ PCI_BASE_ADDRESS_0 + 4 * (n), 4, .emu = ~0U, .write = cfgv_bar_write }

static const struct cfgv_reg cfgv_hdr_regs[] = {
	{ PCI_VENDOR_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_DEVICE_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_COMMAND, 2, .priv = CFGV_PRIV_IRQ, .emu = CFGV_CMD_EMU,
	  .prot = CFGV_CMD_RO, .rsvd = 0xf800,
	  .gate = PCI_COMMAND_INTX_DISABLE, .write = cfgv_cmd_write },
	{ PCI_STATUS, 2, .emu = PCI_STATUS_CAP_LIST,
	  .ro = 0xffff & ~CFGV_STA_RW1C & ~0x0007, .rw1c = CFGV_STA_RW1C,
	  .rsvd = 0x0007 },
	{ PCI_CLASS_REVISION, 4, .ro = ~0U },
	{ PCI_CACHE_LINE_SIZE, 1 },
	{ PCI_LATENCY_TIMER, 1 },
	{ PCI_HEADER_TYPE, 1, .ro = 0xff },
	{ PCI_BIST, 1, .priv = CFGV_PRIV_PERMISSIVE, .ro = 0xbf,
	  .gate = PCI_BIST_START },
	CFGV_BAR(0), CFGV_BAR(1), CFGV_BAR(2),
	CFGV_BAR(3), CFGV_BAR(4), CFGV_BAR(5),
	{ PCI_CARDBUS_CIS, 4, .ro = ~0U },
	{ PCI_SUBSYSTEM_VENDOR_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_SUBSYSTEM_ID, 2, .emu = 0xffff, .ro = 0xffff },
	{ PCI_ROM_ADDRESS, 4, .emu = ~0U, .write = cfgv_rom_write },
	{ PCI_CAPABILITY_LIST, 1, .emu = 0xff, .ro = 0xff },
	{ 0x35, 1, .rsvd = 0xff },
	{ 0x36, 2, .rsvd = 0xffff },
	{ 0x38, 4, .rsvd = ~0U },
	{ PCI_INTERRUPT_LINE, 1, .emu = 0xff },
	{ PCI_INTERRUPT_PIN, 1, .ro = 0xff },
	{ PCI_MIN_GNT, 1, .ro = 0xff },
	{ PCI_MAX_LAT, 1, .ro = 0xff },
};

/* BAR values come from the PCI core's resources, not from sizing probes. */
static void cfgv_bars_init(struct cfgv_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	const struct resource *r;
	unsigned int i;

	memset(dev->bars, 0, sizeof(dev->bars));
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		u64 size, start;

		r = &pdev->resource[i];
		size = resource_size(r);
		start = r->start;
		if (!r->flags || !size || !is_power_of_2(size))
			continue;
		if (r->flags & IORESOURCE_IO) {
			dev->bars[i].mask = ~(u32)(size - 1) &
					    PCI_BASE_ADDRESS_IO_MASK;
			dev->bars[i].host = ((u32)start & dev->bars[i].mask) |
					    PCI_BASE_ADDRESS_SPACE_IO;
			continue;
		}
		if (!(r->flags & IORESOURCE_MEM))
			continue;
		dev->bars[i].mask = lower_32_bits(~(size - 1)) &
				    PCI_BASE_ADDRESS_MEM_MASK;
		dev->bars[i].host = (lower_32_bits(start) & dev->bars[i].mask) |
				    (r->flags & IORESOURCE_PREFETCH ?
				     PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
		if ((r->flags & IORESOURCE_MEM_64) && i + 1 < PCI_STD_NUM_BARS) {
			dev->bars[i].host |= PCI_BASE_ADDRESS_MEM_TYPE_64;
			i++;
			dev->bars[i].mask = upper_32_bits(~(size - 1));
			dev->bars[i].host = upper_32_bits(start);
		}
	}
	r = &pdev->resource[PCI_ROM_RESOURCE];
	if ((r->flags & IORESOURCE_MEM) && resource_size(r) >= SZ_2K &&
	    is_power_of_2(resource_size(r))) {
		dev->bars[CFGV_ROM_IDX].mask = ~(u32)(resource_size(r) - 1) &
					       PCI_ROM_ADDRESS_MASK;
		dev->bars[CFGV_ROM_IDX].host = (u32)r->start &
					       dev->bars[CFGV_ROM_IDX].mask;
	}
}

/**
 * cfgv_header_install() - install the type 0 header rules (0x00-0x3f)
 * @dev: the device
 */
void cfgv_header_install(struct cfgv_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	unsigned int i;

	cfgv_install(dev, 0, PCI_STD_HEADER_SIZEOF, cfgv_hdr_regs,
		     ARRAY_SIZE(cfgv_hdr_regs));
	/* VFs read all ones here in hardware: the PCI core knows the IDs */
	cfgv_set_shadow(dev, PCI_VENDOR_ID, 2, pdev->vendor);
	cfgv_set_shadow(dev, PCI_DEVICE_ID, 2, pdev->device);
	cfgv_set_shadow(dev, PCI_SUBSYSTEM_VENDOR_ID, 2,
			pdev->subsystem_vendor);
	cfgv_set_shadow(dev, PCI_SUBSYSTEM_ID, 2, pdev->subsystem_device);
	cfgv_set_shadow(dev, PCI_INTERRUPT_LINE, 1, pdev->irq);
	cfgv_bars_init(dev);
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		cfgv_set_shadow(dev, PCI_BASE_ADDRESS_0 + 4 * i, 4,
				dev->bars[i].host);
	cfgv_set_shadow(dev, PCI_ROM_ADDRESS, 4, dev->bars[CFGV_ROM_IDX].host);
}
