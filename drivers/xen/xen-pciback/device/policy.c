// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: a seized function's effective policy, gathered from its
 * switches, its quirks, page sharing and the reset it would get, and
 * put in words by ops/policy.c: the pciback_policy file, and the line
 * logged when a guest gets the function.
 */
#include "device.h"

/**
 * xpb_policy_text() - a function's effective policy as text
 * @dev: the function
 * @form: one line per switch, or one line in all
 * @buf: where to write it
 * @size: bytes at @buf
 *
 * Context: takes its op_lock, then xpb_lock; neither may be held.
 * Return: the length written, or -ENODEV once it left pciback.
 */
int xpb_policy_text(struct xpb_dev *dev, enum xpb_policy_form form,
		    char *buf, size_t size)
{
	struct xpb_policy p = { };
	struct xpb_reset_decision d;
	struct xpb_reset_view v;
	unsigned int i;

	mutex_lock(&dev->op_lock);
	if (dev->gone) {
		mutex_unlock(&dev->op_lock);
		return -ENODEV;
	}
	xpb_reset_view_fill(dev->pdev, &v);
	xpb_group_decide_now(dev->pdev, &v, &d);
	p.reset_next = xpb_reset_method_name(d.method);
	p.reset_owed = dev->reset_owed;
	p.allow_no_reset = dev->allow_no_reset;
	p.permissive = cfgv_permissive(dev->cfgv);
	p.permissive_global = cfgv_global_permissive();
	p.devspec_closed = !cfgv_device_specific(dev->cfgv);
	p.irq_control = cfgv_interrupt_control(dev->cfgv);
	mutex_lock(&xpb_lock);
	p.share_allowed = xpb_share_allowed(dev->pdev);
	p.nquirks = min_t(unsigned int, dev->nquirks, XPB_POLICY_QUIRKS);
	for (i = 0; i < p.nquirks; i++) {
		p.quirks[i].reg = dev->quirks[i].reg;
		p.quirks[i].size = dev->quirks[i].size;
		p.quirks[i].mask = dev->quirks[i].mask;
	}
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);
	return xpb_policy_format(&p, form, buf, size);
}

/**
 * xpb_policy_log() - say once what a guest that got a function may do
 * @dev: the function, just given to a guest
 * @domid: that guest
 *
 * Context: as xpb_policy_text().
 */
void xpb_policy_log(struct xpb_dev *dev, u16 domid)
{
	char line[320];

	if (xpb_policy_text(dev, XPB_POLICY_ONE_LINE, line, sizeof(line)) > 0)
		pci_info(dev->pdev, "policy for domain %u: %s\n", domid, line);
}
