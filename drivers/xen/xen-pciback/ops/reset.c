// SPDX-License-Identifier: GPL-2.0
/*
 * How pciback resets a function between two owners (see reset.h).  No
 * Xen, no struct pci_dev: the glue describes the function and its group,
 * this file decides and explains, KUnit checks it on made-up topologies.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "reset.h"

static const char *const xpb_reset_names[] = {
	[XPB_RESET_DEVSPEC] = "device_specific",
	[XPB_RESET_ACPI] = "acpi",
	[XPB_RESET_FLR] = "flr",
	[XPB_RESET_AF_FLR] = "af_flr",
	[XPB_RESET_PM] = "pm",
	[XPB_RESET_GROUP] = "bus",
	[XPB_RESET_NONE] = "none",
};

/**
 * xpb_reset_method_name() - a method as the reset_method file names it
 * @m: the method
 *
 * Return: its name ("bus" for the group reset), "?" if out of range.
 */
const char *xpb_reset_method_name(enum xpb_reset_method m)
{
	return (unsigned int)m < ARRAY_SIZE(xpb_reset_names) ?
	       xpb_reset_names[m] : "?";
}

/*
 * Which member states block a group reset, and why: in this order, so
 * the line names the member the administrator can least ignore first
 * (a guest's, then a dom0 driver's, then one nobody has yet).
 */
static const struct {
	enum xpb_member_state state;
	enum xpb_reset_why why;
} xpb_blocking[] = {
	{ XPB_MEMBER_IN_USE, XPB_WHY_IN_USE },
	{ XPB_MEMBER_DRIVER, XPB_WHY_DRIVER },
	{ XPB_MEMBER_NO_DRIVER, XPB_WHY_NO_DRIVER },
};

static bool xpb_group_blocked(const struct xpb_reset_view *v,
			      struct xpb_reset_decision *d)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(xpb_blocking); i++)
		for (j = 0; j < v->nmembers; j++)
			if (v->members[j].state == xpb_blocking[i].state) {
				d->why = xpb_blocking[i].why;
				d->blocker = &v->members[j];
				return true;
			}
	return false;
}

/**
 * xpb_reset_view_add() - a method pciback has for a function the PCI
 *	core does not list
 * @v: the function's view
 * @m: the method
 *
 * Into the order where the core's own order has it (before the first
 * listed method the core tries after it), unless the administrator
 * allows none (an empty reset_method) or it is listed already.
 */
void xpb_reset_view_add(struct xpb_reset_view *v, enum xpb_reset_method m)
{
	unsigned int i, at;

	if (!v->norder || m >= XPB_RESET_NONE)
		return;
	v->can |= BIT(m);
	for (i = 0; i < v->norder; i++)
		if (v->order[i] == m)
			return;
	if (v->norder == XPB_RESET_ORDER_MAX)
		return;
	for (at = 0; at < v->norder && v->order[at] < m; at++)
		;
	for (i = v->norder; i > at; i--)
		v->order[i] = v->order[i - 1];
	v->order[at] = m;
	v->norder++;
}

/**
 * xpb_reset_view_add_group() - put pciback's group reset in a view
 * @v: the function's own methods, as the PCI core lists them
 * @group: a slot or secondary bus reset exists for the function
 * @shared: that reset hits other functions too
 *
 * The core offers "bus" only to a function alone on its bus or slot;
 * whether it is listed is then the administrator's choice, left as it
 * is.  A function that shares the reset with others gets pciback's
 * group reset after its own methods, unless the administrator allows
 * none (an empty reset_method).
 */
void xpb_reset_view_add_group(struct xpb_reset_view *v, bool group,
			      bool shared)
{
	if (!group || !shared || !v->norder)
		return;
	v->group_shared = true;
	xpb_reset_view_add(v, XPB_RESET_GROUP);
}

/**
 * xpb_reset_decide() - choose how to reset a function, or say why not
 * @v: the function: allowed order, supported methods, its group
 * @d: the decision
 *
 * The first method of the administrator's order the function supports
 * wins; the group reset ("bus") only when every other member of the
 * group is pciback's and idle.  When the group reset is the only way and
 * a member keeps it from running, @d names that member.
 */
void xpb_reset_decide(const struct xpb_reset_view *v,
		      struct xpb_reset_decision *d)
{
	struct xpb_reset_decision blocked = { .why = XPB_WHY_OK };
	unsigned int i;

	d->method = XPB_RESET_NONE;
	d->blocker = NULL;
	d->why = v->norder ? XPB_WHY_NO_METHOD : XPB_WHY_DISABLED;
	for (i = 0; i < v->norder && i < XPB_RESET_ORDER_MAX; i++) {
		enum xpb_reset_method m = v->order[i];

		if (m >= XPB_RESET_NONE || !(v->can & BIT(m)))
			continue;
		if (m == XPB_RESET_GROUP && xpb_group_blocked(v, &blocked))
			continue;
		d->method = m;
		d->why = XPB_WHY_OK;
		return;
	}
	if (blocked.why != XPB_WHY_OK) {
		d->why = blocked.why;
		d->blocker = blocked.blocker;
	}
}

/**
 * xpb_reset_explain() - the one line for a reset that cannot be done
 * @d: the decision
 * @buf: where the line goes ("cannot reset: <why>; <what would help>")
 * @size: its size
 *
 * Return: what snprintf() returns, 0 (and an empty @buf) when @d has a
 * method.
 */
int xpb_reset_explain(const struct xpb_reset_decision *d, char *buf,
		      size_t size)
{
	const struct xpb_reset_member *b = d->blocker;

	switch (d->why) {
	case XPB_WHY_OK:
		break;
	case XPB_WHY_DISABLED:
		return snprintf(buf, size,
				"cannot reset: reset_method allows no method; write \"default\" to its reset_method file");
	case XPB_WHY_NO_METHOD:
		return snprintf(buf, size,
				"cannot reset: no FLR, PM or device-specific reset, and no slot or bus reset reaches it; pass it through with allow_no_reset, or move it behind a bridge of its own");
	case XPB_WHY_IN_USE:
		return snprintf(buf, size,
				"cannot reset: a bus reset would also reset %s, which domain %u has; reset when that domain lets it go",
				b->name, b->domid);
	case XPB_WHY_DRIVER:
		return snprintf(buf, size,
				"cannot reset: a bus reset would also reset %s (driver %s); xl pci-assignable-add %s, or allow_no_reset",
				b->name, b->driver ?: "?", b->name);
	case XPB_WHY_NO_DRIVER:
		return snprintf(buf, size,
				"cannot reset: a bus reset would also reset %s (no driver); xl pci-assignable-add %s, or allow_no_reset",
				b->name, b->name);
	}
	if (size)
		buf[0] = '\0';
	return 0;
}

/**
 * xpb_reset_may_export() - may a function go to a domain
 * @reset_since_owner: it was reset since its last owner let it go
 * @last_domid: that owner
 * @domid: the domain it would go to
 * @accepted: the administrator accepts it without a reset
 *	(allow_no_reset)
 *
 * Return: true if it was reset, goes back to the same domain, or the
 * administrator accepted it.
 */
bool xpb_reset_may_export(bool reset_since_owner, u16 last_domid,
			  u16 domid, bool accepted)
{
	return reset_since_owner || last_domid == domid || accepted;
}
