// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: resetting a function with the PCI core, as ops/reset.c
 * decides, and keeping what happened.  A reset that could not be done is
 * never reported as done: it logs one line (why, and what would make it
 * possible), its caller gets -ENOTTY, and a function a guest let go
 * without a reset goes to another domain only with allow_no_reset.
 *
 * The group reset (a slot or secondary bus reset that also hits other
 * functions) goes through pci_reset_bus(), which takes every device lock
 * on the bus by trylock: it runs with none held, its callers asking for
 * it after letting go of theirs (XPB_RESET_UNLOCKED).  It runs with
 * xpb_lock held, which keeps each member as it was found idle: no export
 * (export.c takes xpb_lock) and no unbind (remove takes it too, and an
 * unbind under way holds a device lock, so the trylock fails and nothing
 * is reset).
 */
#include <linux/ktime.h>
#include <linux/seq_file.h>

#include "device.h"

/*
 * The PCI core's reset_methods[] holds indices into its own method table
 * (drivers/pci/pci.c, Linux 6.1): 1 device_specific, 2 acpi, 3 flr,
 * 4 af_flr, 5 pm, 6 bus.  An index this table does not know (a later
 * kernel's method) is left out of pciback's view, never guessed.
 */
static const struct {
	u8 core;
	enum xpb_reset_method m;
} xpb_core_methods[] = {
	{ 1, XPB_RESET_DEVSPEC },
	{ 2, XPB_RESET_ACPI },
	{ 3, XPB_RESET_FLR },
	{ 4, XPB_RESET_AF_FLR },
	{ 5, XPB_RESET_PM },
	{ 6, XPB_RESET_GROUP },
};

static bool xpb_core_method(u8 core, enum xpb_reset_method *m)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xpb_core_methods); i++)
		if (xpb_core_methods[i].core == core) {
			*m = xpb_core_methods[i].m;
			return true;
		}
	return false;
}

/*
 * An empty reset_methods[] means either that the function has no method
 * or that the administrator wrote "" to reset_method.  A function that
 * can do FLR or a PM reset has a method: the list was emptied on purpose.
 */
static bool xpb_reset_disabled(struct pci_dev *pdev)
{
	u16 csr;

	if (!pcie_reset_flr(pdev, PCI_RESET_PROBE))
		return true;
	if (!pdev->pm_cap || (pdev->dev_flags & PCI_DEV_FLAGS_NO_PM_RESET))
		return false;
	pci_read_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, &csr);
	return !(csr & PCI_PM_CTRL_NO_SOFT_RESET);
}

/**
 * xpb_reset_view_fill() - what the decision needs to know of a function
 * @pdev: the function
 * @v: filled: its methods in the administrator's order, and pciback's
 *	group reset when a slot or bus reset also hits other functions
 *	(their states not yet: see group.c)
 */
void xpb_reset_view_fill(struct pci_dev *pdev, struct xpb_reset_view *v)
{
	enum xpb_reset_method m;
	unsigned int i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < PCI_NUM_RESET_METHODS && pdev->reset_methods[i]; i++) {
		if (!xpb_core_method(pdev->reset_methods[i], &m) ||
		    v->norder == XPB_RESET_ORDER_MAX)
			continue;
		v->order[v->norder++] = m;
		v->can |= BIT(m);
	}
	if (!v->norder && !xpb_reset_disabled(pdev)) {
		/* none supported: the core's whole order, none of it possible */
		for (m = XPB_RESET_DEVSPEC; m < XPB_RESET_NONE; m++)
			v->order[v->norder++] = m;
	}
	if (xpb_reset_quirk_af(pdev))
		xpb_reset_view_add(v, XPB_RESET_AF_FLR);
	xpb_group_view(pdev, v);
}

/*
 * The method the decision picked: the PCI core's, but an AF FLR the core
 * cannot see (a reset quirk's).
 */
static int xpb_reset_method_run(struct pci_dev *pdev,
				enum xpb_reset_method m)
{
	int af = m == XPB_RESET_AF_FLR ? xpb_reset_quirk_af(pdev) : 0;

	return af ? xpb_reset_af_flr(pdev, af) :
		    __pci_reset_function_locked(pdev);
}

/* Keep what a reset did, and count it.  Context: its op_lock held. */
static void xpb_reset_note(struct xpb_dev *dev, const char *what,
			   enum xpb_reset_method m, int ret)
{
	struct xpb_reset_report *r = &dev->reset_last;

	r->what = what;
	r->method = m;
	r->ret = ret;
	r->when_ns = ktime_get_boottime_ns();
	if (ret)
		dev->cnt.reset_failed++;
	else if (m == XPB_RESET_NONE)
		dev->cnt.reset_none++;
	else
		dev->cnt.resets++;
}

/**
 * xpb_reset_run() - reset a function with the method the decision picks
 * @dev: the function
 * @what: why it is reset ("bind", "release", "do_flr"), for the report
 *
 * Context: the device lock and, once the function is listed, its op_lock
 * held.  The caller saves and puts back the configuration.
 * Return: 0 when the function was reset; -ENOTTY when no method could be
 * used (one line logged: why, and what would help); XPB_RESET_UNLOCKED
 * when only its group reset reaches it (nothing done yet); or the error
 * of the method that failed.
 */
int xpb_reset_run(struct xpb_dev *dev, const char *what)
{
	struct pci_dev *pdev = dev->pdev;
	struct xpb_reset_decision d;
	struct xpb_reset_view v;
	int ret;

	xpb_reset_view_fill(pdev, &v);
	xpb_reset_decide(&v, &d);
	if (d.method == XPB_RESET_GROUP && v.group_shared)
		return XPB_RESET_UNLOCKED;
	if (d.method == XPB_RESET_NONE) {
		xpb_reset_explain(&d, dev->reset_last.line,
				  sizeof(dev->reset_last.line));
		pci_warn(pdev, "%s: %s\n", what, dev->reset_last.line);
		xpb_reset_note(dev, what, XPB_RESET_NONE, 0);
		return -ENOTTY;
	}
	dev->reset_last.line[0] = '\0';
	ret = xpb_reset_method_run(pdev, d.method);
	if (ret) {
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "reset failed (%d)", ret);
		pci_warn(pdev, "%s: %s method %s: the function may keep what its last owner left\n",
			 what, dev->reset_last.line, xpb_reset_method_name(d.method));
	}
	xpb_reset_note(dev, what, d.method, ret);
	return ret;
}

/*
 * The group reset hit every member too: pciback's, still idle, owe none
 * any more, and their reports say so.  Context: no op_lock held.
 */
static void xpb_reset_members_done(struct xpb_group *g)
{
	struct xpb_dev *m;
	unsigned int i;

	for (i = 0; i < g->n; i++) {
		mutex_lock(&xpb_lock);
		m = xpb_dev_of(g->pdevs[i]);
		if (m)
			xpb_dev_get(m);
		mutex_unlock(&xpb_lock);
		if (!m)
			continue;
		mutex_lock(&m->op_lock);
		if (!m->gone && !m->owner) {
			m->reset_owed = false;
			m->reset_last.line[0] = '\0';
			xpb_reset_note(m, "group", XPB_RESET_GROUP, 0);
		}
		mutex_unlock(&m->op_lock);
		xpb_dev_put(m);
	}
}

/**
 * xpb_reset_group() - reset a function with its whole group
 * @dev: the function, whose own reset asked for it (XPB_RESET_UNLOCKED)
 * @what: why it is reset ("release", "do_flr"), for the report
 *
 * Runs only when every other member is pciback's and idle; otherwise
 * logs the one line naming the member that keeps it from running.  The
 * PCI core saves and puts back every member's configuration around it.
 *
 * Context: no device lock of the group held, nor @dev's op_lock.
 * Return: 0 when the group was reset; -ENOTTY when it could not run (a
 * member blocks it, or no group reset exists any more); -EAGAIN when a
 * device on the bus was busy; -ENODEV when @dev was unbound; or the
 * core's error.
 */
int xpb_reset_group(struct xpb_dev *dev, const char *what)
{
	struct pci_dev *pdev = dev->pdev;
	struct xpb_reset_decision d;
	struct xpb_reset_view v;
	struct xpb_group g;
	int ret;

	ret = xpb_group_gather(pdev, &g);
	mutex_lock(&dev->op_lock);
	if (dev->gone) {
		ret = -ENODEV;
		goto out;
	}
	if (ret) {
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "group reset not tried (%d)", ret);
		pci_warn(pdev, "%s: %s\n", what, dev->reset_last.line);
		xpb_reset_note(dev, what, XPB_RESET_GROUP, ret);
		goto out;
	}
	xpb_reset_view_fill(pdev, &v);
	v.can &= BIT(XPB_RESET_GROUP);	/* its own methods were tried */
	mutex_lock(&xpb_lock);
	xpb_group_decide(&g, &v, &d);
	if (d.method != XPB_RESET_GROUP) {
		ret = -ENOTTY;
		xpb_reset_explain(&d, dev->reset_last.line,
				  sizeof(dev->reset_last.line));
		mutex_unlock(&xpb_lock);
		pci_warn(pdev, "%s: %s\n", what, dev->reset_last.line);
		xpb_reset_note(dev, what, XPB_RESET_NONE, 0);
		goto out;
	}
	/* every member idle and held so until the core is done */
	ret = pci_reset_bus(pdev);
	mutex_unlock(&xpb_lock);
	if (ret == -EAGAIN) {
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "cannot reset: a device on its %s was busy; try do_flr again",
			 xpb_group_slot(pdev) ? "slot" : "bus");
		pci_warn(pdev, "%s: %s\n", what, dev->reset_last.line);
	} else if (ret) {
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "%s reset of its group failed (%d)",
			 xpb_group_slot(pdev) ? "slot" : "bus", ret);
		pci_warn(pdev, "%s: %s: the function may keep what its last owner left\n",
			 what, dev->reset_last.line);
	} else {
		dev->reset_last.line[0] = '\0';
		pci_info(pdev, "%s: reset with its %s (%u more function%s)\n",
			 what, xpb_group_slot(pdev) ? "slot" : "bus", g.n,
			 g.n == 1 ? "" : "s");
	}
	xpb_reset_note(dev, what, XPB_RESET_GROUP, ret);
out:
	mutex_unlock(&dev->op_lock);
	if (!ret)
		xpb_reset_members_done(&g);
	xpb_group_free(&g);
	return ret;
}

/**
 * xpb_reset_flr() - a guest's Function Level Reset of its function
 * @dev: the function
 * @what: who asked, for the report ("guest FLR")
 *
 * Through the PCI core's FLR method only, since FLR is what the guest
 * asked for; the core's own checks stand (it refuses functions whose
 * FLR it knows to hang them).  The report and the counters see it as
 * they see every other reset.
 *
 * Context: its op_lock held; the caller saves and restores the state.
 * Return: 0 or the method's error.
 */
int xpb_reset_flr(struct xpb_dev *dev, const char *what)
{
	int ret = pcie_reset_flr(dev->pdev, false);

	if (ret)
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "FLR failed (%d)", ret);
	else
		dev->reset_last.line[0] = '\0';
	xpb_reset_note(dev, what, XPB_RESET_FLR, ret);
	return ret;
}

/**
 * xpb_reset_after_owner() - note how a guest's function came back
 * @dev: the function
 * @domid: the guest that let it go
 * @ret: what xpb_reset_run() returned for it
 *
 * A function not reset goes to another domain only with allow_no_reset.
 * Context: its op_lock held.
 */
void xpb_reset_after_owner(struct xpb_dev *dev, u16 domid, int ret)
{
	dev->reset_owed = ret != 0;
	dev->reset_domid = domid;
}

/**
 * xpb_reset_done() - a reset outside a hand back (do_flr) succeeded
 * @dev: the function
 *
 * Context: its op_lock held.
 */
void xpb_reset_done(struct xpb_dev *dev)
{
	if (!dev->owner)
		dev->reset_owed = false;
}

/**
 * xpb_reset_refuses() - whether a function must not go to a domain
 * @dev: the function
 * @domid: the domain that would get it
 *
 * Logs the one line of the refusal: which guest left it unreset, why,
 * and the override.  Context: its op_lock held.
 * Return: true to refuse.
 */
bool xpb_reset_refuses(struct xpb_dev *dev, u16 domid)
{
	const char *me = pci_name(dev->pdev);

	if (xpb_reset_may_export(!dev->reset_owed, dev->reset_domid, domid,
				 dev->allow_no_reset))
		return false;
	xpb_refuse_err(dev->pdev, "refused to domain %u: not reset since domain %u let it go (%s); override: echo %s > %s",
		       domid, dev->reset_domid,
		       dev->reset_last.line[0] ? dev->reset_last.line :
						 "its reset failed",
		       me, XPB_NO_RESET_FILE);
	return true;
}

/**
 * xpb_reset_show() - the reset report debugfs shows
 * @m: the file
 * @dev: the function
 *
 * Context: its op_lock held.
 */
void xpb_reset_show(struct seq_file *m, struct xpb_dev *dev)
{
	const struct xpb_reset_report *r = &dev->reset_last;
	struct xpb_reset_decision d;
	struct xpb_reset_view v;
	unsigned int i;

	xpb_reset_view_fill(dev->pdev, &v);
	seq_puts(m, "methods:");
	for (i = 0; i < v.norder; i++)
		if (v.can & BIT(v.order[i]))
			seq_printf(m, " %s", xpb_reset_method_name(v.order[i]));
	seq_puts(m, v.can ? "\n" : " none\n");
	xpb_group_show(m, dev->pdev, &v, &d);
	seq_printf(m, "next: %s\n", xpb_reset_method_name(d.method));
	if (r->what)
		seq_printf(m, "last: %s %s %d at %llu ms\n", r->what,
			   xpb_reset_method_name(r->method), r->ret,
			   div_u64(r->when_ns, NSEC_PER_MSEC));
	else
		seq_puts(m, "last: none\n");
	seq_printf(m, "why: %s\n", r->line[0] ? r->line : "-");
	if (dev->reset_owed)
		seq_printf(m, "owed: yes, since domain %u let it go\n",
			   dev->reset_domid);
	else
		seq_puts(m, "owed: no\n");
	seq_printf(m, "allow_no_reset: %c\n", dev->allow_no_reset ? 'Y' : 'N');
}
