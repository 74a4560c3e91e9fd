// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: a PF's driver unbinds, its idle VFs go back to the host.
 *
 * Before a PF's driver lets the PF go it usually tears SR-IOV down, and
 * refuses to while a VF is assigned (pci_vfs_assigned()).  pciback marks
 * a VF assigned only while a guest has it; the VFs it merely holds are
 * released here, before the PF's driver is told to go, so it finds them
 * on no driver and the administrator finds them back on the host, as
 * with the stock module.  A VF a guest has stays with the guest.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/pci.h>

#include "surface.h"

static int xpb_pf_unbind(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	struct device *d = data;
	struct pci_dev *pf, *vf;

	if (action != BUS_NOTIFY_UNBIND_DRIVER || !dev_is_pf(d))
		return NOTIFY_DONE;
	pf = to_pci_dev(d);
	/* Each release takes the VF off pciback's list (xpb_remove()). */
	while ((vf = xpb_idle_vf_get(pf))) {
		device_release_driver(&vf->dev);
		pci_info(vf, "released to the host: the driver of its PF %s unbinds, and no guest has it\n",
			 pci_name(pf));
		pci_dev_put(vf);
	}
	return NOTIFY_DONE;
}

static struct notifier_block xpb_pf_nb = {
	.notifier_call = xpb_pf_unbind,
};

/**
 * xpb_pf_watch() - start releasing idle VFs when their PF's driver unbinds
 *
 * Return: 0 or a negative errno.
 */
int xpb_pf_watch(void)
{
	return bus_register_notifier(&pci_bus_type, &xpb_pf_nb);
}

/**
 * xpb_pf_unwatch() - stop it
 */
void xpb_pf_unwatch(void)
{
	bus_unregister_notifier(&pci_bus_type, &xpb_pf_nb);
}
