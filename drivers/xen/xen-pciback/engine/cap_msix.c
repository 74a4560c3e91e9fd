// SPDX-License-Identifier: GPL-2.0
/*
 * MSI-X capability: readable; enable and function mask belong to the
 * XEN_PCI_OP_enable_msix path and are writable only with permissive mode
 * or allow_interrupt_control, one interrupt type at a time.  The table
 * itself lives in a BAR, which Xen guards.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_MSIX_FLAGS_RSVD	0x3800

static enum cfgv_status cfgv_msix_flags_write(struct cfgv_wctx *c, u32 old,
					      u32 *val)
{
	enum cfgv_status st;

	if (!(*val & ~old & PCI_MSIX_FLAGS_ENABLE))
		return CFGV_OK;
	st = cfgv_irq_type_ok(c->dev, CFGV_IRQ_MSIX);
	if (st == CFGV_DENIED)
		c->why = "another interrupt type is enabled";
	return st;
}

static const struct cfgv_reg cfgv_msix_regs[] = {
	{ PCI_MSIX_FLAGS, 2, .priv = CFGV_PRIV_IRQ, .ro = PCI_MSIX_FLAGS_QSIZE,
	  .rsvd = CFGV_MSIX_FLAGS_RSVD,
	  .gate = PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL,
	  .write = cfgv_msix_flags_write },
	{ PCI_MSIX_TABLE, 4, .ro = ~0U },
	{ PCI_MSIX_PBA, 4, .ro = ~0U },
};

static unsigned int cfgv_msix_len(struct cfgv_build *b, unsigned int off,
				  unsigned int *min)
{
	*min = PCI_CAP_MSIX_SIZEOF;
	return PCI_CAP_MSIX_SIZEOF;
}

static void cfgv_msix_install(struct cfgv_build *b, unsigned int off,
			      unsigned int len)
{
	cfgv_install(b, off, len, cfgv_msix_regs, ARRAY_SIZE(cfgv_msix_regs));
}

const struct cfgv_cap cfgv_cap_msix = {
	.id = PCI_CAP_ID_MSIX,
	.slot = offsetof(struct cfgv_map, msix),
	.len = cfgv_msix_len,
	.install = cfgv_msix_install,
};
