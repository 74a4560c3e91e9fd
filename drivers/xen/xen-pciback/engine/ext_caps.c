// SPDX-License-Identifier: GPL-2.0
/*
 * Extended capabilities the guest may see: Advanced Error Reporting
 * (status write-1-to-clear; masks and ECRC enables the guest's own, put
 * back by cfgv_replay(); severity virtual, since a guest that made its
 * own errors fatal would have the host reset the link; logs read-only),
 * Device Serial Number (read-only) and Vendor-Specific Extended
 * Capability (body passes through).  Their headers are virtual and
 * rewritten by chain.c.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_AER_LEN		0x48
#define CFGV_AER_MIN		(PCI_ERR_HEADER_LOG + 16)
#define CFGV_AER_CAP_PASS	(PCI_ERR_CAP_ECRC_GENE | PCI_ERR_CAP_ECRC_CHKE)
#define CFGV_VSEC_HDR_LEN	8
/* error bits the specification defines; the others are reserved */
#define CFGV_AER_UNCOR		0x03fff030
#define CFGV_AER_COR		0x0000f1c1

static const struct cfgv_reg cfgv_aer_regs[] = {
	{ PCI_ERR_UNCOR_STATUS, 4, .rw1c = CFGV_AER_UNCOR,
	  .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_UNCOR_MASK, 4, .flags = CFGV_REG_REPLAY,
	  .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_UNCOR_SEVER, 4, .emu = CFGV_AER_UNCOR,
	  .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_COR_STATUS, 4, .rw1c = CFGV_AER_COR, .rsvd = ~CFGV_AER_COR },
	{ PCI_ERR_COR_MASK, 4, .flags = CFGV_REG_REPLAY,
	  .rsvd = ~CFGV_AER_COR },
	{ PCI_ERR_CAP, 4, .flags = CFGV_REG_REPLAY, .ro = ~CFGV_AER_CAP_PASS },
	{ PCI_ERR_HEADER_LOG, 4, .ro = ~0U },
	{ PCI_ERR_HEADER_LOG + 4, 4, .ro = ~0U },
	{ PCI_ERR_HEADER_LOG + 8, 4, .ro = ~0U },
	{ PCI_ERR_HEADER_LOG + 12, 4, .ro = ~0U },
	/* root error command, status and source ID: root ports only */
	{ PCI_ERR_ROOT_COMMAND, 4, .rsvd = ~0U },
	{ PCI_ERR_ROOT_STATUS, 4, .rsvd = ~0U },
	{ PCI_ERR_ROOT_ERR_SRC, 4, .rsvd = ~0U },
	{ PCI_ERR_ROOT_ERR_SRC + 4, 4, .ro = ~0U },
	{ PCI_ERR_ROOT_ERR_SRC + 8, 4, .ro = ~0U },
	{ PCI_ERR_ROOT_ERR_SRC + 12, 4, .ro = ~0U },
	{ PCI_ERR_ROOT_ERR_SRC + 16, 4, .ro = ~0U },
};

static unsigned int cfgv_aer_len(struct cfgv_build *b, unsigned int off,
				 unsigned int *min)
{
	*min = CFGV_AER_MIN;
	return CFGV_AER_LEN;
}

static void cfgv_aer_install(struct cfgv_build *b, unsigned int off,
			     unsigned int len)
{
	cfgv_install(b, off, len, cfgv_aer_regs, ARRAY_SIZE(cfgv_aer_regs));
}

const struct cfgv_cap cfgv_ext_aer = {
	.id = PCI_EXT_CAP_ID_ERR,
	.slot = offsetof(struct cfgv_map, aer),
	.len = cfgv_aer_len,
	.install = cfgv_aer_install,
};

static const struct cfgv_reg cfgv_dsn_regs[] = {
	{ 4, 4, .ro = ~0U },
	{ 8, 4, .ro = ~0U },
};

static unsigned int cfgv_dsn_len(struct cfgv_build *b, unsigned int off,
				 unsigned int *min)
{
	*min = PCI_EXT_CAP_DSN_SIZEOF;
	return PCI_EXT_CAP_DSN_SIZEOF;
}

static void cfgv_dsn_install(struct cfgv_build *b, unsigned int off,
			     unsigned int len)
{
	cfgv_install(b, off, len, cfgv_dsn_regs, ARRAY_SIZE(cfgv_dsn_regs));
}

const struct cfgv_cap cfgv_ext_dsn = {
	.id = PCI_EXT_CAP_ID_DSN,
	.slot = offsetof(struct cfgv_map, dsn),
	.len = cfgv_dsn_len,
	.install = cfgv_dsn_install,
};

static const struct cfgv_reg cfgv_vsec_regs[] = {
	{ PCI_VNDR_HEADER, 4, .ro = ~0U },
};

static unsigned int cfgv_vsec_len(struct cfgv_build *b, unsigned int off,
				  unsigned int *min)
{
	u32 hdr = cfgv_hw_peek(b->dev, off + PCI_VNDR_HEADER, 4);

	*min = CFGV_VSEC_HDR_LEN;
	return max_t(unsigned int, PCI_VNDR_HEADER_LEN(hdr), CFGV_VSEC_HDR_LEN);
}

static void cfgv_vsec_install(struct cfgv_build *b, unsigned int off,
			      unsigned int len)
{
	cfgv_install(b, off, len, cfgv_vsec_regs,
		     ARRAY_SIZE(cfgv_vsec_regs));
	if (len > CFGV_VSEC_HDR_LEN)
		cfgv_pass(b, off + CFGV_VSEC_HDR_LEN,
			  len - CFGV_VSEC_HDR_LEN);
}

const struct cfgv_cap cfgv_ext_vsec = {
	.id = PCI_EXT_CAP_ID_VNDR,
	.len = cfgv_vsec_len,
	.install = cfgv_vsec_install,
};
