/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The last refusal of each function pciback turned down as a whole (not
 * bound, or not given to a domain), kept so an administrator can read it
 * again after the log has moved on: the refusals file.  A bounded table,
 * newest last; no Xen, no PCI core.
 */
#ifndef _XEN_PCIBACK_OPS_REFUSALS_H
#define _XEN_PCIBACK_OPS_REFUSALS_H

#include <linux/types.h>

#define XPB_REFUSALS		10	/* their lines fit a sysfs page */
#define XPB_REFUSAL_NAME	16	/* "dddd:bb:dd.f" and a NUL */
#define XPB_REFUSAL_LINE	384	/* the longest refusal is about 290 */

/**
 * struct xpb_refusal - one function's last refusal
 * @name: the function (pci_name())
 * @line: the line that was logged ("refused: <why>; <what would change it>")
 */
struct xpb_refusal {
	char name[XPB_REFUSAL_NAME];
	char line[XPB_REFUSAL_LINE];
};

/**
 * struct xpb_refusals - the table
 * @e: entries, oldest first
 * @n: entries in use
 */
struct xpb_refusals {
	struct xpb_refusal e[XPB_REFUSALS];
	unsigned int n;
};

void xpb_refusal_note(struct xpb_refusals *r, const char *name,
		      const char *line);
void xpb_refusal_forget(struct xpb_refusals *r, const char *name);
int xpb_refusals_show(const struct xpb_refusals *r, char *buf, size_t size);

#endif /* _XEN_PCIBACK_OPS_REFUSALS_H */
