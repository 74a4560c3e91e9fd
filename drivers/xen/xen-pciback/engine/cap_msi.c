// SPDX-License-Identifier: GPL-2.0
/*
 * MSI capability: readable.  In the PV model the hypervisor programs the
 * message (XEN_PCI_OP_enable_msi), so address, data, mask and the
 * multiple-message enable stay closed whatever the mode: a guest that
 * rewrote them could retarget interrupts.  Only a quirk opens them.  The
 * enable bit is writable with permissive mode or allow_interrupt_control,
 * one interrupt type at a time.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_MSI_FLAGS_RSVD	0xfe00

/* Which hardware bit says an interrupt type is on. */
static const struct {
	size_t slot;		/* offsetof(struct cfgv_map, ...), 0: header */
	u16 reg;
	u16 bit;
	bool on_when_clear;
} cfgv_irq_on[] = {
	[CFGV_IRQ_INTX] = { 0, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, true },
	[CFGV_IRQ_MSI] = { offsetof(struct cfgv_map, msi), PCI_MSI_FLAGS,
			   PCI_MSI_FLAGS_ENABLE, false },
	[CFGV_IRQ_MSIX] = { offsetof(struct cfgv_map, msix), PCI_MSIX_FLAGS,
			    PCI_MSIX_FLAGS_ENABLE, false },
};

/**
 * cfgv_irq_type_ok() - may the guest turn an interrupt type on
 * @dev: the device; caller holds its spinlock or its mutex (the map)
 * @want: CFGV_IRQ_INTX, CFGV_IRQ_MSI or CFGV_IRQ_MSIX
 *
 * Only one of INTx, MSI and MSI-X may be on in the hardware at a time
 * (a device model could otherwise leave two routes to one vector).
 *
 * Return: CFGV_OK, CFGV_DENIED (another type is on) or CFGV_HW_FAILED.
 */
enum cfgv_status cfgv_irq_type_ok(struct cfgv_dev *dev, int want)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cfgv_irq_on); i++) {
		unsigned int at = 0;
		u32 v;

		if (i == want)
			continue;
		/* a function without an interrupt pin has no INTx (VFs) */
		if (i == CFGV_IRQ_INTX && !dev->pdev->pin)
			continue;
		if (cfgv_irq_on[i].slot) {
			at = *(u16 *)((u8 *)cfgv_map_of(dev) + cfgv_irq_on[i].slot);
			if (!at)
				continue;	/* no such capability */
		}
		if (cfgv_hw_read_live(dev, at + cfgv_irq_on[i].reg, 2, &v))
			return CFGV_HW_FAILED;
		if (!(v & cfgv_irq_on[i].bit) == cfgv_irq_on[i].on_when_clear)
			return CFGV_DENIED;
	}
	return CFGV_OK;
}

/*
 * The enable bit: one interrupt type at a time.  The message count
 * (QSIZE) is the hypervisor's; it stays closed even with interrupt
 * control unless a quirk opened it (the quirk clears its gate).
 */
static enum cfgv_status cfgv_msi_flags_write(struct cfgv_wctx *c, u32 old,
					     u32 *val)
{
	u32 gate = cfgv_ent(cfgv_map_of(c->dev), c->off)->gate >> (8 * (c->off & 3));
	enum cfgv_status st;

	if ((old ^ *val) & gate & PCI_MSI_FLAGS_QSIZE) {
		c->why = "the hypervisor sets the message count; only a quirk opens it";
		return CFGV_DENIED;
	}
	if (!(*val & ~old & PCI_MSI_FLAGS_ENABLE))
		return CFGV_OK;
	st = cfgv_irq_type_ok(c->dev, CFGV_IRQ_MSI);
	if (st == CFGV_DENIED)
		c->why = "another interrupt type is enabled";
	return st;
}

static const struct cfgv_reg cfgv_msi_flags[] = {
	{ PCI_MSI_FLAGS, 2, .priv = CFGV_PRIV_IRQ,
	  .ro = PCI_MSI_FLAGS_QMASK | PCI_MSI_FLAGS_64BIT |
		PCI_MSI_FLAGS_MASKBIT,
	  .rsvd = CFGV_MSI_FLAGS_RSVD,
	  .gate = PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE,
	  .write = cfgv_msi_flags_write },
};

/* Message address, data and mask: the hypervisor's; only a quirk opens them. */
static const struct cfgv_reg cfgv_msi32_regs[] = {
	{ PCI_MSI_ADDRESS_LO, 4, .priv = CFGV_PRIV_NONE, .gate = ~0U },
	{ PCI_MSI_DATA_32, 2, .priv = CFGV_PRIV_NONE, .gate = 0xffff },
	{ PCI_MSI_DATA_32 + 2, 2, .rsvd = 0xffff },
	{ PCI_MSI_MASK_32, 4, .priv = CFGV_PRIV_NONE, .gate = ~0U },
	{ PCI_MSI_PENDING_32, 4, .ro = ~0U },
};

static const struct cfgv_reg cfgv_msi64_regs[] = {
	{ PCI_MSI_ADDRESS_LO, 4, .priv = CFGV_PRIV_NONE, .gate = ~0U },
	{ PCI_MSI_ADDRESS_HI, 4, .priv = CFGV_PRIV_NONE, .gate = ~0U },
	{ PCI_MSI_DATA_64, 2, .priv = CFGV_PRIV_NONE, .gate = 0xffff },
	{ PCI_MSI_DATA_64 + 2, 2, .rsvd = 0xffff },
	{ PCI_MSI_MASK_64, 4, .priv = CFGV_PRIV_NONE, .gate = ~0U },
	{ PCI_MSI_PENDING_64, 4, .ro = ~0U },
};

static unsigned int cfgv_msi_len(struct cfgv_build *b, unsigned int off,
				 unsigned int *min)
{
	u16 flags = cfgv_hw_peek(b->dev, off + PCI_MSI_FLAGS, 2);
	bool is64 = flags & PCI_MSI_FLAGS_64BIT;

	if (flags & PCI_MSI_FLAGS_MASKBIT)
		*min = is64 ? PCI_MSI_PENDING_64 + 4 : PCI_MSI_PENDING_32 + 4;
	else	/* message data is followed by the extended message data */
		*min = is64 ? PCI_MSI_DATA_64 + 4 : PCI_MSI_DATA_32 + 4;
	return *min;
}

static void cfgv_msi_install(struct cfgv_build *b, unsigned int off,
			     unsigned int len)
{
	u16 flags = cfgv_hw_peek(b->dev, off + PCI_MSI_FLAGS, 2);

	cfgv_install(b, off, len, cfgv_msi_flags, ARRAY_SIZE(cfgv_msi_flags));
	if (flags & PCI_MSI_FLAGS_64BIT)
		cfgv_install(b, off, len, cfgv_msi64_regs,
			     ARRAY_SIZE(cfgv_msi64_regs));
	else
		cfgv_install(b, off, len, cfgv_msi32_regs,
			     ARRAY_SIZE(cfgv_msi32_regs));
}

const struct cfgv_cap cfgv_cap_msi = {
	.id = PCI_CAP_ID_MSI,
	.slot = offsetof(struct cfgv_map, msi),
	.len = cfgv_msi_len,
	.install = cfgv_msi_install,
};
