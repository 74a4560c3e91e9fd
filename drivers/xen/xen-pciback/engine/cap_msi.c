// SPDX-License-Identifier: GPL-2.0
/*
 * MSI capability: readable; enable and multiple-message enable belong to
 * the XEN_PCI_OP_enable_msi path and are writable only with permissive
 * mode or allow_interrupt_control, one interrupt type at a time.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_MSI_FLAGS_RSVD	0xfe00

static int cfgv_msi_flags_write(struct cfgv_dev *dev,
				const struct cfgv_field *f, u32 old, u32 *val)
{
	if ((*val & ~old & PCI_MSI_FLAGS_ENABLE) &&
	    !cfgv_irq_type_ok(dev, CFGV_IRQ_MSI))
		return -EPERM;
	return 0;
}

static const struct cfgv_reg cfgv_msi_flags[] = {
	{ PCI_MSI_FLAGS, 2, .priv = CFGV_PRIV_IRQ,
	  .ro = PCI_MSI_FLAGS_QMASK | PCI_MSI_FLAGS_64BIT |
		PCI_MSI_FLAGS_MASKBIT,
	  .rsvd = CFGV_MSI_FLAGS_RSVD,
	  .gate = PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE,
	  .write = cfgv_msi_flags_write },
};

static const struct cfgv_reg cfgv_msi32_regs[] = {
	{ PCI_MSI_ADDRESS_LO, 4, .prot = ~0U },
	{ PCI_MSI_DATA_32, 2, .prot = 0xffff },
	{ PCI_MSI_DATA_32 + 2, 2, .rsvd = 0xffff },
	{ PCI_MSI_MASK_32, 4, .prot = ~0U },
	{ PCI_MSI_PENDING_32, 4, .ro = ~0U },
};

static const struct cfgv_reg cfgv_msi64_regs[] = {
	{ PCI_MSI_ADDRESS_LO, 4, .prot = ~0U },
	{ PCI_MSI_ADDRESS_HI, 4, .prot = ~0U },
	{ PCI_MSI_DATA_64, 2, .prot = 0xffff },
	{ PCI_MSI_DATA_64 + 2, 2, .rsvd = 0xffff },
	{ PCI_MSI_MASK_64, 4, .prot = ~0U },
	{ PCI_MSI_PENDING_64, 4, .ro = ~0U },
};

static unsigned int cfgv_msi_len(struct cfgv_dev *dev, unsigned int off)
{
	u16 flags = cfgv_hw_read(dev, off + PCI_MSI_FLAGS, 2);
	bool is64 = flags & PCI_MSI_FLAGS_64BIT;

	if (flags & PCI_MSI_FLAGS_MASKBIT)
		return is64 ? PCI_MSI_PENDING_64 + 4 : PCI_MSI_PENDING_32 + 4;
	/* message data is followed by the extended message data word */
	return is64 ? PCI_MSI_DATA_64 + 4 : PCI_MSI_DATA_32 + 4;
}

static void cfgv_msi_install(struct cfgv_dev *dev, unsigned int off,
			     unsigned int len)
{
	u16 flags = cfgv_hw_read(dev, off + PCI_MSI_FLAGS, 2);

	cfgv_install(dev, off, len, cfgv_msi_flags, 1);
	if (flags & PCI_MSI_FLAGS_64BIT)
		cfgv_install(dev, off, len, cfgv_msi64_regs,
			     ARRAY_SIZE(cfgv_msi64_regs));
	else
		cfgv_install(dev, off, len, cfgv_msi32_regs,
			     ARRAY_SIZE(cfgv_msi32_regs));
}

const struct cfgv_cap cfgv_cap_msi = {
	.id = PCI_CAP_ID_MSI,
	.slot = offsetof(struct cfgv_dev, msi),
	.len = cfgv_msi_len,
	.install = cfgv_msi_install,
};

/* INTx counts as in use while INTx-disable is clear on a pin-wired device. */
static bool cfgv_irq_active(struct cfgv_dev *dev, int type)
{
	switch (type) {
	case CFGV_IRQ_INTX:
		return cfgv_hw_read(dev, PCI_INTERRUPT_PIN, 1) &&
		       !(cfgv_hw_read(dev, PCI_COMMAND, 2) &
			 PCI_COMMAND_INTX_DISABLE);
	case CFGV_IRQ_MSI:
		return dev->msi && (cfgv_hw_read(dev, dev->msi + PCI_MSI_FLAGS,
						 2) & PCI_MSI_FLAGS_ENABLE);
	default:
		return dev->msix &&
		       (cfgv_hw_read(dev, dev->msix + PCI_MSIX_FLAGS, 2) &
			PCI_MSIX_FLAGS_ENABLE);
	}
}

/**
 * cfgv_irq_type_ok() - may the guest turn on an interrupt type
 * @dev: the device
 * @want: CFGV_IRQ_INTX, CFGV_IRQ_MSI or CFGV_IRQ_MSIX
 *
 * Return: true if no other interrupt type is enabled in the hardware.
 */
bool cfgv_irq_type_ok(struct cfgv_dev *dev, int want)
{
	int t;

	for (t = CFGV_IRQ_INTX; t <= CFGV_IRQ_MSIX; t++)
		if (t != want && cfgv_irq_active(dev, t))
			return false;
	return true;
}
