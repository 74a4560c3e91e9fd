// SPDX-License-Identifier: GPL-2.0
/*
 * Extended capabilities the guest may see: Advanced Error Reporting
 * (status virtual and write-1-to-clear: dom0's AER driver owns the
 * hardware's status and clears it once recovery is over, so the guest
 * sees the errors pciback reported to it with cfgv_aer_report() and
 * clears only its own copy; masks and severity virtual, since the
 * hardware's are dom0's (a guest that unmasked errors or made its own
 * fatal would have the host see or reset what it chose; the guest's
 * masks decide which errors of a recovery it is told about instead);
 * ECRC enables the guest's own, put back by cfgv_replay(); logs
 * read-only),
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
	{ PCI_ERR_UNCOR_STATUS, 4, .emu = CFGV_AER_UNCOR,
	  .rw1c = CFGV_AER_UNCOR, .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_UNCOR_MASK, 4, .emu = CFGV_AER_UNCOR,
	  .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_UNCOR_SEVER, 4, .emu = CFGV_AER_UNCOR,
	  .rsvd = ~CFGV_AER_UNCOR },
	{ PCI_ERR_COR_STATUS, 4, .emu = CFGV_AER_COR, .rw1c = CFGV_AER_COR,
	  .rsvd = ~CFGV_AER_COR },
	{ PCI_ERR_COR_MASK, 4, .emu = CFGV_AER_COR,
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

/* Set reported error bits in one status register's shadow. */
static void cfgv_aer_latch(struct cfgv_map *m, unsigned int off, u32 bits)
{
	struct cfgv_dw *e;

	if (m->idx[off / 4] < CFGV_ENT_FIRST)
		return;
	e = cfgv_ent(m, off);
	e->vcfg |= bits & e->emu & e->rw1c;
}

/* The guest's view of an AER mask register (all ones: not there). */
static u32 cfgv_aer_mask(struct cfgv_map *m, unsigned int off)
{
	if (m->idx[off / 4] < CFGV_ENT_FIRST)
		return ~0U;
	return cfgv_ent(m, off)->vcfg;
}

/**
 * cfgv_aer_report() - show the guest the errors of a recovery it has not
 *	masked
 * @dev: the device
 * @uncor: Uncorrectable Error Status bits the host's AER driver found
 * @cor: Correctable Error Status bits
 *
 * The bits the guest's view of the AER masks leaves unmasked are set in
 * its view of the AER status registers and stay set until the guest
 * writes 1 to them, as on hardware; reserved bits are dropped.  The
 * masks are the guest's own (virtual: the hardware's are dom0's).
 *
 * Return: false if the guest masked every error reported (it is not to
 * hear of this recovery); true if it has no AER capability in its view
 * (it cannot mask), no error bit was found, or one is unmasked.
 */
bool cfgv_aer_report(struct cfgv_dev *dev, u32 uncor, u32 cor)
{
	unsigned long flags;
	struct cfgv_map *m;
	bool hears = true;

	spin_lock_irqsave(&dev->lock, flags);
	m = cfgv_map_of(dev);
	if (m->aer && (uncor | cor)) {
		uncor &= ~cfgv_aer_mask(m, m->aer + PCI_ERR_UNCOR_MASK);
		cor &= ~cfgv_aer_mask(m, m->aer + PCI_ERR_COR_MASK);
		cfgv_aer_latch(m, m->aer + PCI_ERR_UNCOR_STATUS, uncor);
		cfgv_aer_latch(m, m->aer + PCI_ERR_COR_STATUS, cor);
		hears = uncor || cor;
	}
	spin_unlock_irqrestore(&dev->lock, flags);
	return hears;
}

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
