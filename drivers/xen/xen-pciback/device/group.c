// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the reset group of a function, the other functions a slot
 * or secondary bus reset of it also hits (as pci_reset_bus() picks the
 * one or the other), and who has each of them.  reset.c runs the reset.
 */
#include <linux/slab.h>

#include "device.h"

/**
 * xpb_group_slot() - whether the group reset is a slot reset
 * @pdev: the function
 *
 * Return: true for a slot reset, false for a bus reset (or none).
 */
bool xpb_group_slot(struct pci_dev *pdev)
{
	return pdev->slot && !pci_probe_reset_slot(pdev->slot);
}

static bool xpb_group_exists(struct pci_dev *pdev)
{
	return xpb_group_slot(pdev) || !pci_probe_reset_bus(pdev->bus);
}

static int xpb_group_count(struct pci_dev *pdev, void *data)
{
	struct xpb_group *g = data;

	if (xpb_reset_scope_hits(g->target, g->slot, pdev))
		g->n++;
	return 0;
}

static int xpb_group_take(struct pci_dev *pdev, void *data)
{
	struct xpb_group *g = data;

	if (!xpb_reset_scope_hits(g->target, g->slot, pdev))
		return 0;
	if (g->n == g->cap)
		return -EAGAIN;	/* one more appeared since the count */
	g->pdevs[g->n++] = pci_dev_get(pdev);
	return 0;
}

/**
 * xpb_group_free() - drop what xpb_group_gather() took
 * @g: the group (empty after)
 */
void xpb_group_free(struct xpb_group *g)
{
	while (g->n)
		pci_dev_put(g->pdevs[--g->n]);
	kfree(g->pdevs);
	kfree(g->members);
	g->pdevs = NULL;
	g->members = NULL;
}

/**
 * xpb_group_gather() - the other functions a reset of a function hits
 * @pdev: the function
 * @g: filled, each with a reference (xpb_group_free()); empty when no
 *	slot or bus reset reaches @pdev
 *
 * Return: 0, -ENOMEM, or -EAGAIN when a function appeared meanwhile.
 */
int xpb_group_gather(struct pci_dev *pdev, struct xpb_group *g)
{
	int ret;

	memset(g, 0, sizeof(*g));
	g->target = pdev;
	if (!xpb_group_exists(pdev))
		return 0;
	g->slot = xpb_group_slot(pdev);
	pci_walk_bus(pdev->bus, xpb_group_count, g);
	if (!g->n)
		return 0;
	g->cap = g->n;
	g->n = 0;
	g->pdevs = kcalloc(g->cap, sizeof(*g->pdevs), GFP_KERNEL);
	g->members = kcalloc(g->cap, sizeof(*g->members), GFP_KERNEL);
	if (!g->pdevs || !g->members) {
		xpb_group_free(g);
		return -ENOMEM;
	}
	pci_walk_bus(pdev->bus, xpb_group_take, g);
	ret = g->n == g->cap ? 0 : -EAGAIN;
	if (ret)
		xpb_group_free(g);
	return ret;
}

/*
 * Who has each member of a group.  Context: xpb_lock held (a pciback
 * function's owner, and whether it is pciback's at all, hold still).
 */
static void xpb_group_states(struct xpb_group *g)
{
	unsigned int i;

	lockdep_assert_held(&xpb_lock);
	for (i = 0; i < g->n; i++) {
		struct xpb_reset_member *m = &g->members[i];
		struct pci_dev *pdev = g->pdevs[i];
		struct xpb_dev *dev = xpb_dev_of(pdev);
		struct device_driver *drv = READ_ONCE(pdev->dev.driver);

		m->name = pci_name(pdev);
		m->driver = NULL;
		if (dev && dev->owner) {
			m->state = XPB_MEMBER_IN_USE;
			m->domid = dev->owner_domid;
		} else if (dev && dev->handing_back) {
			/* its last owner let it go; its own reset is under way */
			m->state = XPB_MEMBER_IN_USE;
			m->domid = dev->owner_domid;
		} else if (dev) {
			m->state = XPB_MEMBER_IDLE;
		} else if (drv) {
			m->state = XPB_MEMBER_DRIVER;
			m->driver = drv->name;
		} else {
			m->state = XPB_MEMBER_NO_DRIVER;
		}
	}
}

/**
 * xpb_group_decide() - decide a function's reset with its group's states
 * @g: its group, gathered
 * @v: its view; @g's members are put in it
 * @d: the decision
 *
 * Context: xpb_lock held; @v points into @g until xpb_group_free().
 */
void xpb_group_decide(struct xpb_group *g, struct xpb_reset_view *v,
		      struct xpb_reset_decision *d)
{
	xpb_group_states(g);
	v->members = g->members;
	v->nmembers = g->n;
	xpb_reset_decide(v, d);
}

/**
 * xpb_group_decide_now() - decide a function's reset with its group now
 * @pdev: the function
 * @v: its view (xpb_reset_view_fill()); its members are gone again after
 * @d: the decision; only @d->method and @d->why hold after the call
 *
 * Context: the function's op_lock held, not xpb_lock.
 */
void xpb_group_decide_now(struct pci_dev *pdev, struct xpb_reset_view *v,
			  struct xpb_reset_decision *d)
{
	struct xpb_group g;

	if (!v->group_shared || xpb_group_gather(pdev, &g) || !g.n) {
		xpb_reset_decide(v, d);
		return;
	}
	mutex_lock(&xpb_lock);
	xpb_group_decide(&g, v, d);
	mutex_unlock(&xpb_lock);
	xpb_group_free(&g);
	v->members = NULL;
	v->nmembers = 0;
	d->blocker = NULL;
}

/**
 * xpb_group_view() - add a function's group to its reset view
 * @pdev: the function
 * @v: its view, with its own methods
 *
 * Only whether a group reset exists and hits others: the members' states
 * are for xpb_group_show() and xpb_group_reset().
 */
void xpb_group_view(struct pci_dev *pdev, struct xpb_reset_view *v)
{
	struct xpb_group g = { .target = pdev };

	if (xpb_group_exists(pdev)) {
		g.slot = xpb_group_slot(pdev);
		pci_walk_bus(pdev->bus, xpb_group_count, &g);
	}
	xpb_reset_view_add_group(v, g.n, g.n);
}

/**
 * xpb_group_show() - the group lines of a function's reset report
 * @m: the file
 * @pdev: the function
 * @v: its view, from which the decision is made again with the members
 * @d: that decision
 *
 * Context: the function's op_lock held, not xpb_lock.
 */
void xpb_group_show(struct seq_file *m, struct pci_dev *pdev,
		    struct xpb_reset_view *v, struct xpb_reset_decision *d)
{
	static const char *const states[] = {
		[XPB_MEMBER_IDLE] = "idle",
		[XPB_MEMBER_IN_USE] = "domain",
		[XPB_MEMBER_DRIVER] = "driver",
		[XPB_MEMBER_NO_DRIVER] = "no driver",
	};
	struct xpb_group g;
	unsigned int i;

	if (!v->group_shared || xpb_group_gather(pdev, &g) || !g.n) {
		xpb_reset_decide(v, d);
		seq_puts(m, "group: -\n");
		return;
	}
	mutex_lock(&xpb_lock);
	xpb_group_decide(&g, v, d);
	seq_printf(m, "group: %s", xpb_group_slot(pdev) ? "slot" : "bus");
	for (i = 0; i < g.n; i++) {
		const struct xpb_reset_member *mb = &g.members[i];

		seq_printf(m, " %s(%s", mb->name, states[mb->state]);
		if (mb->state == XPB_MEMBER_IN_USE)
			seq_printf(m, " %u", mb->domid);
		else if (mb->state == XPB_MEMBER_DRIVER)
			seq_printf(m, " %s", mb->driver);
		seq_putc(m, ')');
	}
	seq_putc(m, '\n');
	if (d->blocker)
		seq_printf(m, "blocked by: %s\n", d->blocker->name);
	mutex_unlock(&xpb_lock);
	v->members = NULL;
	v->nmembers = 0;
	xpb_group_free(&g);
}
