// SPDX-License-Identifier: GPL-2.0
/*
 * Vendor-specific capability: the length byte is read-only, the
 * vendor-defined body passes through for reads and writes.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_VNDR_LEN	2

static const struct cfgv_reg cfgv_vndr_regs[] = {
	{ CFGV_VNDR_LEN, 1, .ro = 0xff },
};

static unsigned int cfgv_vndr_len(struct cfgv_dev *dev, unsigned int off)
{
	unsigned int len = cfgv_hw_read(dev, off + CFGV_VNDR_LEN, 1);

	return max(len, 3U);
}

static void cfgv_vndr_install(struct cfgv_dev *dev, unsigned int off,
			      unsigned int len)
{
	cfgv_install(dev, off, len, cfgv_vndr_regs,
		     ARRAY_SIZE(cfgv_vndr_regs));
	if (len > 3)
		cfgv_pass(dev, off + 3, len - 3);
}

const struct cfgv_cap cfgv_cap_vendor = {
	.id = PCI_CAP_ID_VNDR,
	.len = cfgv_vndr_len,
	.install = cfgv_vndr_install,
};
