// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the PCI driver "pciback".  It binds only to the functions
 * the slot list names (hide= and new_slot) or whose driver_override says
 * "pciback", seizes them (device/state.c), lists them in the registry
 * (device/registry.c) and keeps them for the xenbus backend.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>

#include "surface.h"

static struct pci_driver xpb_pci_driver;

static int xpb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pci_dev *other = NULL;
	struct xpb_dev *dev;
	bool shared;
	int ret;

	if (!xpb_slot_listed(pdev) &&
	    !(pdev->driver_override &&
	      !strcmp(pdev->driver_override, XPB_NAME)))
		return -ENODEV;
	if (pdev->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		xpb_refuse_err(pdev, "refused: a bridge is never passed through; listing it in hide= or new_slot seizes the functions below it instead");
		return -ENODEV;
	}
	if (pdev->hdr_type != PCI_HEADER_TYPE_NORMAL) {
		xpb_refuse_err(pdev, "refused: only endpoints (header type 0) can be passed through, this is type %u; nothing changes that",
			       pdev->hdr_type);
		return -ENODEV;
	}
	mutex_lock(&xpb_lock);
	shared = !xpb_share_allowed(pdev) &&
		 xpb_page_shared_outside(pdev, &xpb_pci_driver, &other);
	mutex_unlock(&xpb_lock);
	if (shared) {
		xpb_refuse_shared(pdev, other);
		pci_dev_put(other);
		return -EBUSY;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->pdev = pdev;
	kref_init(&dev->ref);
	mutex_init(&dev->op_lock);
	snprintf(dev->name, sizeof(dev->name), XPB_NAME "[%s]", pci_name(pdev));
	ret = xpb_state_seize(dev);
	if (ret) {
		kfree(dev);
		return ret;
	}
	pci_set_drvdata(pdev, dev);
	mutex_lock(&xpb_lock);
	list_add_tail(&dev->node, &xpb_devs);
	mutex_unlock(&xpb_lock);
	xpb_debugfs_add(dev);
	xpb_reserve_tails(pdev);
	xpb_refusal_clear(pdev);
	pci_info(pdev, "seized for guests\n");
	return 0;
}

static void xpb_remove(struct pci_dev *pdev)
{
	struct xpb_dev *dev = pci_get_drvdata(pdev);

	xpb_debugfs_del(dev);
	/* A request of the guest's for it finishes first. */
	mutex_lock(&dev->op_lock);
	/*
	 * A guest that still has it loses it (its requests find nothing),
	 * and no export may take it from here: one critical section.
	 */
	mutex_lock(&xpb_lock);
	xpb_backend_forget(dev);
	list_del(&dev->node);
	dev->gone = true;
	mutex_unlock(&xpb_lock);
	xpb_intx_set(dev, false);
	xpb_state_release(dev);
	xpb_state_unseize(dev);
	cfgv_destroy(dev->cfgv);
	dev->cfgv = NULL;
	kfree(dev->pm_saved);
	kfree(dev->saved);
	mutex_unlock(&dev->op_lock);
	pci_set_drvdata(pdev, NULL);
	pci_info(pdev, "released to the host\n");
	xpb_dev_put(dev);
}

/* Every function matches; probe decides by the slot list. */
static const struct pci_device_id xpb_ids[] = {
	{ PCI_DEVICE(PCI_ANY_ID, PCI_ANY_ID) },
	{ }
};

static struct pci_driver xpb_pci_driver = {
	.name = XPB_NAME,
	.id_table = xpb_ids,
	.probe = xpb_probe,
	.remove = xpb_remove,
	.err_handler = &xpb_err_handlers,
	/* The driver's own files (pci_register_driver() installs them). */
	.groups = xpb_drv_groups,
	/* and the one beside each function it holds */
	.dev_groups = xpb_dev_groups,
};

/**
 * xpb_driver_register() - register the PCI driver
 *
 * Return: 0 or a negative errno.
 */
int xpb_driver_register(void)
{
	return pci_register_driver(&xpb_pci_driver);
}

/**
 * xpb_driver_unregister() - unregister it, releasing every function
 */
void xpb_driver_unregister(void)
{
	pci_unregister_driver(&xpb_pci_driver);
}
