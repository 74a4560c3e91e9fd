/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A function's effective policy as an administrator reads it: what a
 * guest may do with it and what it takes to hand it on.  One "name:
 * value" line per switch (the pciback_policy file), or the same on one
 * line (logged when a frontend connects).  Formatted from facts the glue
 * gathers; no Xen, no PCI core.
 */
#ifndef _XEN_PCIBACK_OPS_POLICY_H
#define _XEN_PCIBACK_OPS_POLICY_H

#include <linux/types.h>

#define XPB_POLICY_QUIRKS	8

/**
 * struct xpb_policy_quirk - a register window the quirks file opened
 * @reg: offset
 * @size: 1, 2 or 4
 * @mask: the bits the guest may write
 */
struct xpb_policy_quirk {
	u16 reg;
	u8 size;
	u32 mask;
};

/**
 * struct xpb_policy - what decides what a guest may do with a function
 * @permissive: the guest may write registers no rule covers
 * @permissive_global: @permissive because of the module-wide switch
 * @devspec_closed: device-specific registers are read-only to the guest
 * @irq_control: the guest may change INTx disable and interrupt setup
 * @share_allowed: it may be passed through although a BAR shares a
 *	page with another device (allow_page_sharing)
 * @reset_next: the reset it gets when its guest lets it go, decided
 *	with its group as it is now ("flr", "bus", "none", ...)
 * @reset_owed: a guest let it go and it was not reset since
 * @allow_no_reset: it may go to another domain without a reset
 * @quirks: the windows the quirks file opened
 * @nquirks: entries in @quirks
 */
struct xpb_policy {
	bool permissive;
	bool permissive_global;
	bool devspec_closed;
	bool irq_control;
	bool share_allowed;
	const char *reset_next;
	bool reset_owed;
	bool allow_no_reset;
	struct xpb_policy_quirk quirks[XPB_POLICY_QUIRKS];
	unsigned int nquirks;
};

/**
 * enum xpb_policy_form - how xpb_policy_format() lays the policy out
 * @XPB_POLICY_LINES: "name: value\n" per switch
 * @XPB_POLICY_ONE_LINE: "name=value" separated by spaces, no newline
 */
enum xpb_policy_form {
	XPB_POLICY_LINES,
	XPB_POLICY_ONE_LINE,
};

int xpb_policy_format(const struct xpb_policy *p, enum xpb_policy_form form,
		      char *buf, size_t size);

#endif /* _XEN_PCIBACK_OPS_POLICY_H */
