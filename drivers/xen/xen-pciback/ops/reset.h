/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How pciback resets a function between two owners, decided without
 * Xen and without the PCI core: the function's own methods in the
 * order the administrator left in its reset_method file, then a reset
 * of its group (the functions a slot or secondary bus reset also hits)
 * when every member is pciback's and idle.  What cannot be done is said
 * in one line: why, and what would make it possible.  A function not
 * reset since its last owner goes to another domain only with the
 * administrator's leave.
 */
#ifndef _XEN_PCIBACK_OPS_RESET_H
#define _XEN_PCIBACK_OPS_RESET_H

#include <linux/types.h>

/**
 * enum xpb_reset_method - a way to reset a function
 * @XPB_RESET_DEVSPEC: the PCI core's device-specific reset
 * @XPB_RESET_ACPI: ACPI _RST
 * @XPB_RESET_FLR: PCIe Function Level Reset
 * @XPB_RESET_AF_FLR: Advanced Features FLR
 * @XPB_RESET_PM: D3hot and back (without No_Soft_Reset)
 * @XPB_RESET_GROUP: a slot or secondary bus reset of the whole group
 * @XPB_RESET_NONE: none could be used
 */
enum xpb_reset_method {
	XPB_RESET_DEVSPEC,
	XPB_RESET_ACPI,
	XPB_RESET_FLR,
	XPB_RESET_AF_FLR,
	XPB_RESET_PM,
	XPB_RESET_GROUP,
	XPB_RESET_NONE,
};

/**
 * enum xpb_member_state - who has a member of a reset group
 * @XPB_MEMBER_IDLE: pciback, and no guest
 * @XPB_MEMBER_IN_USE: pciback, given to a guest
 * @XPB_MEMBER_DRIVER: a dom0 driver
 * @XPB_MEMBER_NO_DRIVER: nobody; dom0 could bind a driver at any time
 */
enum xpb_member_state {
	XPB_MEMBER_IDLE,
	XPB_MEMBER_IN_USE,
	XPB_MEMBER_DRIVER,
	XPB_MEMBER_NO_DRIVER,
};

/**
 * struct xpb_reset_member - one function of a reset group
 * @name: its address ("0000:01:00.1")
 * @state: who has it
 * @driver: its dom0 driver's name (XPB_MEMBER_DRIVER)
 * @domid: the guest that has it (XPB_MEMBER_IN_USE)
 */
struct xpb_reset_member {
	const char *name;
	enum xpb_member_state state;
	const char *driver;
	u16 domid;
};

/* Methods the reset_method file may list, at most one of each. */
#define XPB_RESET_ORDER_MAX	XPB_RESET_NONE

/**
 * struct xpb_reset_view - what the decision needs to know of a function
 * @order: the methods the administrator allows, in order (the PCI
 *	core's reset_method file; XPB_RESET_GROUP stands for its "bus")
 * @norder: entries in @order; 0: resets disabled by the administrator
 * @can: bitmap of the methods the function itself supports (BIT(method);
 *	XPB_RESET_GROUP when a slot or bus reset exists for it)
 * @members: the other functions that reset would also hit
 * @nmembers: entries in @members
 * @group_shared: the slot or bus reset hits other functions too, so it
 *	is pciback's own group reset, not the core's "bus" method (which
 *	only resets a function alone on its bus or slot)
 */
struct xpb_reset_view {
	enum xpb_reset_method order[XPB_RESET_ORDER_MAX];
	unsigned int norder;
	unsigned long can;
	const struct xpb_reset_member *members;
	unsigned int nmembers;
	bool group_shared;
};

/**
 * enum xpb_reset_why - why no method could be used
 * @XPB_WHY_OK: one could
 * @XPB_WHY_DISABLED: the administrator's reset_method allows none
 * @XPB_WHY_NO_METHOD: the function supports none the order allows, and
 *	no slot or bus reset reaches it
 * @XPB_WHY_DRIVER: a group member is on a dom0 driver
 * @XPB_WHY_IN_USE: a group member is given to a guest
 * @XPB_WHY_NO_DRIVER: a group member is on no driver
 */
enum xpb_reset_why {
	XPB_WHY_OK,
	XPB_WHY_DISABLED,
	XPB_WHY_NO_METHOD,
	XPB_WHY_DRIVER,
	XPB_WHY_IN_USE,
	XPB_WHY_NO_DRIVER,
};

/**
 * struct xpb_reset_decision - what to do
 * @method: the method to use, XPB_RESET_NONE if none
 * @why: why none (XPB_WHY_OK otherwise)
 * @blocker: the group member that keeps the group reset from running
 */
struct xpb_reset_decision {
	enum xpb_reset_method method;
	enum xpb_reset_why why;
	const struct xpb_reset_member *blocker;
};

void xpb_reset_view_add(struct xpb_reset_view *v, enum xpb_reset_method m);
void xpb_reset_view_add_group(struct xpb_reset_view *v, bool group,
			      bool shared);
void xpb_reset_decide(const struct xpb_reset_view *v,
		      struct xpb_reset_decision *d);
int xpb_reset_explain(const struct xpb_reset_decision *d, char *buf,
		      size_t size);
const char *xpb_reset_method_name(enum xpb_reset_method m);
bool xpb_reset_may_export(bool reset_since_owner, u16 last_domid,
			  u16 domid, bool accepted);

#endif /* _XEN_PCIBACK_OPS_RESET_H */
