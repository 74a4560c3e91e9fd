// SPDX-License-Identifier: GPL-2.0
/*
 * MSI-X capability: readable; enable and function mask belong to the
 * XEN_PCI_OP_enable_msix path and are writable only with permissive mode
 * or allow_interrupt_control, one interrupt type at a time.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_MSIX_FLAGS_RSVD	0x3800

static int cfgv_msix_flags_write(struct cfgv_dev *dev,
				 const struct cfgv_field *f, u32 old, u32 *val)
{
	if ((*val & ~old & PCI_MSIX_FLAGS_ENABLE) &&
	    !cfgv_irq_type_ok(dev, CFGV_IRQ_MSIX))
		return -EPERM;
	return 0;
}

static const struct cfgv_reg cfgv_msix_regs[] = {
	{ PCI_MSIX_FLAGS, 2, .priv = CFGV_PRIV_IRQ, .ro = PCI_MSIX_FLAGS_QSIZE,
	  .rsvd = CFGV_MSIX_FLAGS_RSVD,
	  .gate = PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL,
	  .write = cfgv_msix_flags_write },
	{ PCI_MSIX_TABLE, 4, .ro = ~0U },
	{ PCI_MSIX_PBA, 4, .ro = ~0U },
};

static unsigned int cfgv_msix_len(struct cfgv_dev *dev, unsigned int off)
{
	return PCI_CAP_MSIX_SIZEOF;
}

static void cfgv_msix_install(struct cfgv_dev *dev, unsigned int off,
			      unsigned int len)
{
	cfgv_install(dev, off, len, cfgv_msix_regs,
		     ARRAY_SIZE(cfgv_msix_regs));
}

const struct cfgv_cap cfgv_cap_msix = {
	.id = PCI_CAP_ID_MSIX,
	.slot = offsetof(struct cfgv_dev, msix),
	.len = cfgv_msix_len,
	.install = cfgv_msix_install,
};
