// SPDX-License-Identifier: GPL-2.0
/*
 * Register access of the BAR realigner, the leaf every other step uses:
 * programming a BAR, an expansion ROM or a PCI-to-PCI bridge memory
 * window from its resource, and reading it back.  Nothing here looks at
 * the resource tree or calls the rest of the realigner.
 */
#include <linux/pci.h>
#include <linux/pm_runtime.h>

#include "realign.h"

/* Low word of a memory base/limit register pair: bits 31:20 of base. */
#define WINDOW_REG_MASK	0xfff0fff0U

static int window_reg(int idx)
{
	return idx == PCI_BRIDGE_MEM_WINDOW ? PCI_MEMORY_BASE :
	       PCI_PREF_MEMORY_BASE;
}

static u32 window_word(const struct pci_bus_region *r)
{
	return ((lower_32_bits(r->start) >> 16) & 0xfff0) |
	       (lower_32_bits(r->end) & 0xfff00000);
}

/**
 * realign_window_regs_match() - whether a bridge decodes a given window
 * @bridge: the bridge
 * @idx: the window's resource index (PCI_BRIDGE_MEM_WINDOW or _PREF_)
 * @r: bus addresses of the window
 *
 * Return: true if the base/limit register holds @r.
 */
bool realign_window_regs_match(struct pci_dev *bridge, int idx,
			       const struct pci_bus_region *r)
{
	u32 now;

	pci_read_config_dword(bridge, window_reg(idx), &now);
	return (now & WINDOW_REG_MASK) == window_word(r);
}

/**
 * realign_window_write() - program a bridge window from its resource
 * @bridge: the bridge
 * @idx: the window's resource index in @bridge
 *
 * Writes the base/limit dword and reads it back; if the bridge did not
 * take the value, the old one is written back.
 *
 * Return: true if the bridge now decodes the resource's range.
 */
bool realign_window_write(struct pci_dev *bridge, int idx)
{
	struct pci_bus_region r;
	int reg = window_reg(idx);
	u32 old, now;

	pcibios_resource_to_bus(bridge->bus, &r, &bridge->resource[idx]);
	pci_read_config_dword(bridge, reg, &old);
	pci_write_config_dword(bridge, reg,
			       (old & ~WINDOW_REG_MASK) | window_word(&r));
	pci_read_config_dword(bridge, reg, &now);
	if ((now & WINDOW_REG_MASK) == window_word(&r))
		return true;
	pci_write_config_dword(bridge, reg, old);
	return false;
}

/* How the register of a BAR (or ROM) is programmed. */
enum bar_write {
	BAR_WRITE_SKIP,		/* not written: the resource alone moves */
	BAR_WRITE_BLIND,	/* written, not read back */
	BAR_WRITE_VERIFY,	/* written and read back */
};

/*
 * A disabled ROM is not written, as the PCI core does not write it:
 * some devices read it as 0 while disabled, and enabling it programs
 * the address from the resource.  A device whose disabled ROM still
 * decodes (rom_bar_overlap) has it written, but not read back.
 */
static enum bar_write bar_write_kind(struct pci_dev *dev, int resno,
				     const struct resource *res)
{
	if (resno != PCI_ROM_RESOURCE || (res->flags & IORESOURCE_ROM_ENABLE))
		return BAR_WRITE_VERIFY;
	return dev->rom_bar_overlap ? BAR_WRITE_BLIND : BAR_WRITE_SKIP;
}

/**
 * realign_write_bar() - program a BAR (or ROM) register from its resource
 * @dev: the device
 * @resno: the BAR number, or PCI_ROM_RESOURCE
 * @res: the resource giving the address
 *
 * Bits other than the address (the ROM enable bit) are kept.  Both
 * dwords of a 64-bit BAR are written and read back.  A disabled ROM is
 * left to be programmed when it is enabled.
 *
 * Return: true if the register reads back the new address (or is not
 * to be read back).
 */
bool realign_write_bar(struct pci_dev *dev, int resno, struct resource *res)
{
	enum bar_write kind = bar_write_kind(dev, resno, res);
	bool is64 = res->flags & IORESOURCE_MEM_64;
	struct pci_bus_region region;
	u32 mask, old, now, hi = 0;
	int reg;

	if (kind == BAR_WRITE_SKIP)
		return true;
	pcibios_resource_to_bus(dev->bus, &region, res);
	if (resno == PCI_ROM_RESOURCE) {
		reg = dev->rom_base_reg;
		mask = lower_32_bits(PCI_ROM_ADDRESS_MASK);
	} else {
		reg = PCI_BASE_ADDRESS_0 + 4 * resno;
		mask = lower_32_bits(PCI_BASE_ADDRESS_MEM_MASK);
	}
	pci_read_config_dword(dev, reg, &old);
	pci_write_config_dword(dev, reg,
			       (lower_32_bits(region.start) & mask) |
			       (old & ~mask));
	if (is64)
		pci_write_config_dword(dev, reg + 4,
				       upper_32_bits(region.start));
	if (kind == BAR_WRITE_BLIND)
		return true;
	pci_read_config_dword(dev, reg, &now);
	if (is64)
		pci_read_config_dword(dev, reg + 4, &hi);
	return (now & mask) == (lower_32_bits(region.start) & mask) &&
	       hi == (is64 ? upper_32_bits(region.start) : 0);
}

/**
 * realign_refresh_saved() - make a device's saved state match its registers
 * @dev: the device, its BARs or windows just reprogrammed
 *
 * State saved earlier (by a suspend, for instance) and not yet restored
 * holds the old addresses; pci_restore_state() would write them back.
 * Such state is saved again.
 */
void realign_refresh_saved(struct pci_dev *dev)
{
	if (dev->state_saved)
		pci_save_state(dev);
}

/**
 * realign_resume() - keep a device powered while its registers change
 * @dev: the device
 *
 * Takes a runtime PM reference, resuming the device if it was suspended
 * (a device with runtime PM disabled counts as active).  On success the
 * caller drops it with pm_runtime_put().
 *
 * Return: 0, or the negative errno of a failed resume (no reference
 * is kept then).
 */
int realign_resume(struct pci_dev *dev)
{
	int ret = pm_runtime_get_sync(&dev->dev);

	if (ret >= 0 || ret == -EACCES)
		return 0;
	pm_runtime_put_noidle(&dev->dev);
	pci_err(dev, "cannot resume the device (%d)\n", ret);
	return ret;
}
