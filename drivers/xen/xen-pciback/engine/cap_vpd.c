// SPDX-License-Identifier: GPL-2.0
/*
 * Vital Product Data capability: the address/data handshake reaches the
 * device, but a write cycle (address written with F set, or a data
 * write) is accepted only in permissive mode.
 */
#include <linux/pci.h>

#include "internal.h"

static int cfgv_vpd_addr_write(struct cfgv_dev *dev,
			       const struct cfgv_field *f, u32 old, u32 *val)
{
	/* F=1 starts a write cycle; F=0 a read.  Called on every write. */
	if ((*val & PCI_VPD_ADDR_F) &&
	    !cfgv_priv_open(dev, CFGV_PRIV_PERMISSIVE))
		return -EPERM;
	return 0;
}

static const struct cfgv_reg cfgv_vpd_regs[] = {
	{ PCI_VPD_ADDR, 2, .write = cfgv_vpd_addr_write },
	{ PCI_VPD_DATA, 4, .priv = CFGV_PRIV_PERMISSIVE, .gate = ~0U },
};

static unsigned int cfgv_vpd_len(struct cfgv_dev *dev, unsigned int off)
{
	return PCI_CAP_VPD_SIZEOF;
}

static void cfgv_vpd_install(struct cfgv_dev *dev, unsigned int off,
			     unsigned int len)
{
	cfgv_install(dev, off, len, cfgv_vpd_regs, ARRAY_SIZE(cfgv_vpd_regs));
}

const struct cfgv_cap cfgv_cap_vpd = {
	.id = PCI_CAP_ID_VPD,
	.slot = offsetof(struct cfgv_dev, vpd),
	.len = cfgv_vpd_len,
	.install = cfgv_vpd_install,
};
