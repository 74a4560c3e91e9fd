// SPDX-License-Identifier: GPL-2.0
/*
 * pciback's answers to guest requests, as tables and small checks.
 */
#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/log2.h>

#include "rules.h"

/* Engine results as pciif errors. */
static const s8 xpb_cfg_errs[] = {
	[CFGV_OK] = XPB_ERR_SUCCESS,
	[CFGV_INVALID] = XPB_ERR_INVALID_OFFSET,
	[CFGV_DENIED] = XPB_ERR_ACCESS_DENIED,
	[CFGV_HW_FAILED] = XPB_ERR_OP_FAILED,
	[CFGV_HOOK_FAILED] = XPB_ERR_OP_FAILED,
	[CFGV_UNSUPPORTED] = XPB_ERR_NOT_IMPLEMENTED,
	/* the dispatch retries these in process context; never sent */
	[CFGV_NEED_SLEEP] = XPB_ERR_OP_FAILED,
};

/**
 * xpb_cfg_err() - the pciif error for an engine result
 * @st: what cfgv_read()/cfgv_write() answered
 *
 * Return: a XPB_ERR_* value (XPB_ERR_OP_FAILED for an unknown result).
 */
int xpb_cfg_err(enum cfgv_status st)
{
	if ((unsigned int)st >= ARRAY_SIZE(xpb_cfg_errs))
		return XPB_ERR_OP_FAILED;
	return xpb_cfg_errs[st];
}

/* Every requested MSI-X entry exists and appears once. */
static bool xpb_entries_ok(const u16 *entries, unsigned int nvec,
			   unsigned int size)
{
	DECLARE_BITMAP(seen, 2048);
	unsigned int i;

	if (!entries || size > 2048)
		return false;
	bitmap_zero(seen, 2048);
	for (i = 0; i < nvec; i++)
		if (entries[i] >= size || test_and_set_bit(entries[i], seen))
			return false;
	return true;
}

/**
 * xpb_irq_check() - judge an interrupt request before acting on it
 * @s: the device's interrupt state
 * @op: the request
 * @nvec: vectors asked for (enable_multi_msi, enable_msix)
 * @entries: MSI-X table entries asked for (@nvec of them), copied out of
 *	the shared page
 * @err: the pciif error when refused
 * @why: when refused, a reason for the log
 *
 * One interrupt type at a time; an enable of what is already enabled
 * is refused rather than stacked; MSI-X needs memory decode on (the
 * table is in a BAR) and at most XPB_MAX_VEC distinct, existing entries;
 * a disable of what is off succeeds and does nothing.
 *
 * Return: the verdict.
 */
enum xpb_irq_verdict xpb_irq_check(const struct xpb_irq_state *s,
				   enum xpb_irq_op op, unsigned int nvec,
				   const u16 *entries, int *err,
				   const char **why)
{
	*err = XPB_ERR_OP_FAILED;
	*why = NULL;
	switch (op) {
	case XPB_IRQ_ENABLE_MSI:
	case XPB_IRQ_ENABLE_MULTI_MSI:
		if (!s->msi_vecs) {
			*err = XPB_ERR_NOT_IMPLEMENTED;
			*why = "no MSI capability";
		} else if (s->msi_on) {
			*why = "MSI already enabled";
		} else if (s->msix_on) {
			*why = "MSI-X is enabled";
		} else if (op == XPB_IRQ_ENABLE_MULTI_MSI &&
			   (!nvec || !is_power_of_2(nvec) ||
			    nvec > s->msi_vecs)) {
			*why = "vector count not offered by the device";
		}
		return *why ? XPB_REFUSE : XPB_DO;
	case XPB_IRQ_ENABLE_MSIX:
		if (!s->msix_size) {
			*err = XPB_ERR_NOT_IMPLEMENTED;
			*why = "no MSI-X capability";
		} else if (s->msix_on) {
			*why = "MSI-X already enabled";
		} else if (s->msi_on) {
			*why = "MSI is enabled";
		} else if (!s->mem_decode) {
			*why = "memory decode is off (the MSI-X table is in a BAR)";
		} else if (!nvec || nvec > XPB_MAX_VEC || nvec > s->msix_size) {
			*why = "vector count out of range";
		} else if (!xpb_entries_ok(entries, nvec, s->msix_size)) {
			*why = "table entry out of range or repeated";
		}
		return *why ? XPB_REFUSE : XPB_DO;
	case XPB_IRQ_DISABLE_MSI:
		if (s->msi_on)
			return XPB_DO;
		return s->msix_on ? XPB_MSIX_OFF : XPB_NOTHING;
	case XPB_IRQ_DISABLE_MSIX:
		return s->msix_on ? XPB_DO : XPB_NOTHING;
	}
	*err = XPB_ERR_NOT_IMPLEMENTED;
	*why = "unknown request";
	return XPB_REFUSE;
}
