// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: resetting a function with the PCI core, as ops/reset.c
 * decides, and keeping what happened.  A reset that could not be done is
 * never reported as done: it logs one line (why, and what would make it
 * possible), its caller gets -ENOTTY, and a function a guest let go
 * without a reset goes to another domain only with allow_no_reset.
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

/* What the decision needs to know of @pdev (no group members yet). */
static void xpb_reset_view_of(struct pci_dev *pdev, struct xpb_reset_view *v)
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
	if (v->norder || xpb_reset_disabled(pdev))
		return;
	/* none supported: the core's whole order, none of it possible */
	for (m = XPB_RESET_DEVSPEC; m < XPB_RESET_NONE; m++)
		v->order[v->norder++] = m;
}

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
 * used (one line logged: why, and what would help); or the error of the
 * method that failed.
 */
int xpb_reset_run(struct xpb_dev *dev, const char *what)
{
	struct pci_dev *pdev = dev->pdev;
	struct xpb_reset_decision d;
	struct xpb_reset_view v;
	int ret;

	xpb_reset_view_of(pdev, &v);
	xpb_reset_decide(&v, &d);
	if (d.method == XPB_RESET_NONE) {
		xpb_reset_explain(&d, dev->reset_last.line,
				  sizeof(dev->reset_last.line));
		pci_warn(pdev, "%s: %s\n", what, dev->reset_last.line);
		xpb_reset_note(dev, what, XPB_RESET_NONE, 0);
		return -ENOTTY;
	}
	dev->reset_last.line[0] = '\0';
	ret = __pci_reset_function_locked(pdev);
	if (ret) {
		snprintf(dev->reset_last.line, sizeof(dev->reset_last.line),
			 "reset failed (%d)", ret);
		pci_warn(pdev, "%s: %s method %s: the function may keep what its last owner left\n",
			 what, dev->reset_last.line, xpb_reset_method_name(d.method));
	}
	xpb_reset_note(dev, what, d.method, ret);
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
	pci_err(dev->pdev, "refused to domain %u: not reset since domain %u let it go (%s); override: echo %s > %s\n",
		domid, dev->reset_domid,
		dev->reset_last.line[0] ? dev->reset_last.line : "its reset failed",
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

	xpb_reset_view_of(dev->pdev, &v);
	seq_puts(m, "methods:");
	for (i = 0; i < v.norder; i++)
		if (v.can & BIT(v.order[i]))
			seq_printf(m, " %s", xpb_reset_method_name(v.order[i]));
	seq_puts(m, v.can ? "\n" : " none\n");
	xpb_reset_decide(&v, &d);
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
