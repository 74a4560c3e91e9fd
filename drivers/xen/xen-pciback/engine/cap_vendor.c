// SPDX-License-Identifier: GPL-2.0
/*
 * Vendor-specific capability: the length byte is read-only, the
 * vendor-defined body passes through for reads and writes.  A device may
 * have any number of them.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_VNDR_LEN	2
#define CFGV_VNDR_MIN	3

static const struct cfgv_reg cfgv_vndr_regs[] = {
	{ CFGV_VNDR_LEN, 1, .ro = 0xff },
};

static unsigned int cfgv_vndr_len(struct cfgv_build *b, unsigned int off,
				  unsigned int *min)
{
	unsigned int len = cfgv_hw_peek(b->dev, off + CFGV_VNDR_LEN, 1);

	*min = CFGV_VNDR_MIN;
	return max(len, *min);
}

static void cfgv_vndr_install(struct cfgv_build *b, unsigned int off,
			      unsigned int len)
{
	cfgv_install(b, off, len, cfgv_vndr_regs, ARRAY_SIZE(cfgv_vndr_regs));
	if (len > CFGV_VNDR_MIN)
		cfgv_pass(b, off + CFGV_VNDR_MIN, len - CFGV_VNDR_MIN);
}

const struct cfgv_cap cfgv_cap_vendor = {
	.id = PCI_CAP_ID_VNDR,
	.len = cfgv_vndr_len,
	.install = cfgv_vndr_install,
};
