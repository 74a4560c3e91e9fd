/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What pciback answers to a guest request, decided without Xen: the
 * pciif error codes, the engine results mapped to them, and the rules
 * for interrupt requests that XSA-157 taught (never enable twice, MSI-X
 * only with memory decode on, at most SH_INFO_MAX_VEC vectors, disable
 * only what is enabled).  The op dispatch (with Xen headers) applies
 * them; the KUnit suite proves them on UML.
 */
#ifndef _XEN_PCIBACK_OPS_RULES_H
#define _XEN_PCIBACK_OPS_RULES_H

#include <linux/types.h>

#include "../engine/cfgv.h"

/*
 * pciif error codes (xen/interface/io/pciif.h, XEN_PCI_ERR_*); the op
 * dispatch checks with BUILD_BUG_ON() that they match.
 */
enum xpb_err {
	XPB_ERR_SUCCESS = 0,
	XPB_ERR_DEV_NOT_FOUND = -1,
	XPB_ERR_INVALID_OFFSET = -2,
	XPB_ERR_ACCESS_DENIED = -3,
	XPB_ERR_NOT_IMPLEMENTED = -4,
	XPB_ERR_OP_FAILED = -5,
};

/* Vectors one MSI-X request may ask for (pciif SH_INFO_MAX_VEC). */
#define XPB_MAX_VEC	128

/**
 * enum xpb_irq_op - an interrupt request of the guest
 * @XPB_IRQ_ENABLE_MSI: one MSI vector
 * @XPB_IRQ_ENABLE_MULTI_MSI: several MSI vectors
 * @XPB_IRQ_DISABLE_MSI: MSI off
 * @XPB_IRQ_ENABLE_MSIX: MSI-X with a list of table entries
 * @XPB_IRQ_DISABLE_MSIX: MSI-X off
 */
enum xpb_irq_op {
	XPB_IRQ_ENABLE_MSI,
	XPB_IRQ_ENABLE_MULTI_MSI,
	XPB_IRQ_DISABLE_MSI,
	XPB_IRQ_ENABLE_MSIX,
	XPB_IRQ_DISABLE_MSIX,
};

/**
 * struct xpb_irq_state - what the device has and has on
 * @msi_vecs: MSI vectors the capability offers (0: no MSI)
 * @msix_size: MSI-X table size (0: no MSI-X)
 * @msi_on: MSI enabled (by an earlier request)
 * @msix_on: MSI-X enabled
 * @mem_decode: memory decode is on (the MSI-X table lives in a BAR)
 */
struct xpb_irq_state {
	unsigned int msi_vecs;
	unsigned int msix_size;
	bool msi_on;
	bool msix_on;
	bool mem_decode;
};

/**
 * enum xpb_irq_verdict - what to do with an interrupt request
 * @XPB_DO: carry it out
 * @XPB_NOTHING: succeed without doing anything (disable of what is off)
 * @XPB_REFUSE: answer the error the check returned
 * @XPB_MSIX_OFF: turn MSI-X off: a disable_msi that means it (Linux 6.1
 *	guests clear msix_enabled before their teardown asks, so they send
 *	disable_msi for MSI-X; without this MSI-X stays on in dom0 and the
 *	next driver the guest binds cannot enable it)
 */
enum xpb_irq_verdict {
	XPB_DO,
	XPB_NOTHING,
	XPB_REFUSE,
	XPB_MSIX_OFF,
};

enum xpb_irq_verdict xpb_irq_check(const struct xpb_irq_state *s,
				   enum xpb_irq_op op, unsigned int nvec,
				   const u16 *entries, int *err,
				   const char **why);
int xpb_cfg_err(enum cfgv_status st);

#endif /* _XEN_PCIBACK_OPS_RULES_H */
