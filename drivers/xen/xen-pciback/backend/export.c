// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: handing functions to a guest and taking them back.  An
 * export checks the function is pciback's, free, resettable for this
 * guest and alone in its MMIO pages, then lists it in the backend's
 * table (and on its virtual bus); taking it back unlists it and resets
 * it before any other guest may have it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/pci.h>
#include <xen/pci.h>

#include "backend.h"

/*
 * Drop a function from a backend.  Context: xpb_lock and the function's
 * op_lock held (no request of the guest's is in flight for it).
 */
static void xpb_unlink(struct xpb_backend *be, struct xpb_dev *dev)
{
	unsigned int i, v;

	lockdep_assert_held(&xpb_lock);
	lockdep_assert_held(&dev->op_lock);
	spin_lock_irq(&be->fns_lock);
	for (i = 0; i < be->nfns; i++) {
		if (be->fns[i].dev != dev)
			continue;
		be->fns[i] = be->fns[--be->nfns];
		break;
	}
	spin_unlock_irq(&be->fns_lock);
	if (!be->passthrough)
		xpb_vbus_remove(&be->vbus, pci_domain_nr(dev->pdev->bus),
				dev->pdev->bus->number, dev->pdev->devfn, &v);
	WRITE_ONCE(dev->owner, NULL);
	pci_clear_dev_assigned(dev->pdev);
	/* a recovery under way goes on without the guest; quarantine ends */
	xpb_aer_forget(&dev->aer);
	xen_unregister_device_domain_owner(dev->pdev);
	module_put(THIS_MODULE);
}

/**
 * xpb_backend_forget() - take a function away from the guest that has it
 * @dev: the function, being unbound from pciback
 *
 * The guest's later requests for it are answered "device not found".
 * The caller takes it off the list of seized functions in the same
 * critical section, so no export can give it to a guest in between.
 *
 * Context: xpb_lock and the function's op_lock held.
 */
void xpb_backend_forget(struct xpb_dev *dev)
{
	lockdep_assert_held(&xpb_lock);
	if (dev->owner) {
		pci_warn(dev->pdev, "unbound while domain %u has it: the guest loses it\n",
			 dev->owner->xdev->otherend_id);
		xpb_unlink(dev->owner, dev);
	}
}

/*
 * Tests only (debugfs hold_export): the export waits between finding the
 * function (a reference held) and taking it, so that an unbind can
 * overtake it (xpb_hold()).
 */
bool xpb_hold_export;

/**
 * xpb_export() - give a function to a guest
 * @be: the guest's backend
 * @slot: libxl's dev-N, the function's address
 * @out: where the guest sees it, when exported
 *
 * A refusal is reported in the guest's error node and leaves everything
 * as it was.  Context: the backend's lock held.
 *
 * Return: 0, or a negative errno when refused.
 */
int xpb_export(struct xpb_backend *be, const struct xpb_slot *slot,
	       struct xpb_vfn_map *out)
{
	struct xenbus_device *xdev = be->xdev;
	struct pci_dev *other = NULL;
	struct xpb_vfn_map map;
	struct xpb_dev *dev;
	unsigned int vdevfn;
	int ret, shared;

	mutex_lock(&xpb_lock);
	dev = xpb_dev_find(slot->domain, slot->bus,
			   PCI_DEVFN(slot->dev, slot->fn));
	if (dev)
		xpb_dev_get(dev);
	mutex_unlock(&xpb_lock);
	if (!dev) {
		xenbus_dev_error(xdev, -ENODEV, "%04x:%02x:%02x.%u is not bound to pciback",
				 slot->domain, slot->bus, slot->dev, slot->fn);
		return -ENODEV;
	}
	xpb_hold(dev->pdev, &xpb_hold_export, "export", "hold_export");
	/* its view is reset below: not while a reset or a switch runs */
	mutex_lock(&dev->op_lock);
	mutex_lock(&xpb_lock);
	ret = -ENODEV;
	if (dev->gone) {
		xenbus_dev_error(xdev, ret, "%s was unbound from pciback",
				 pci_name(dev->pdev));
		goto out;
	}
	ret = -EBUSY;
	if (dev->owner) {
		xenbus_dev_error(xdev, ret, "%s is already given to domain %u",
				 pci_name(dev->pdev),
				 dev->owner->xdev->otherend_id);
		goto out;
	}
	if (dev->handing_back) {
		xenbus_dev_error(xdev, ret, "%s is being reset after its last guest",
				 pci_name(dev->pdev));
		goto out;
	}
	if (xpb_reset_refuses(dev, xdev->otherend_id)) {
		xenbus_dev_error(xdev, ret, "%s was not reset since domain %u let it go",
				 pci_name(dev->pdev), dev->reset_domid);
		goto out;
	}
	shared = xpb_share_allowed(dev->pdev) ? 0 :
		 xpb_page_conflict(dev->pdev, &other);
	if (shared == -EBUSY) {
		xpb_refuse_shared(dev->pdev, other);
		xenbus_dev_error(xdev, ret, "%s shares a page with %s",
				 pci_name(dev->pdev), pci_name(other));
		pci_dev_put(other);
		goto out;
	}
	/* No neighbour to name: the guest may have it, with a warning. */
	if (shared == -ENOENT)
		pci_warn(dev->pdev, "exported with free room in a page of its BARs not reserved: a device added later could be placed there; fix: pci_realign=%s\n",
			 pci_name(dev->pdev));
	ret = -ENOSPC;
	if (be->nfns == XPB_BE_FNS) {
		xenbus_dev_error(xdev, ret, "domain %u has %u functions already",
				 xdev->otherend_id, XPB_BE_FNS);
		goto out;
	}
	map.dev = dev;
	if (be->passthrough) {
		map.domain = pci_domain_nr(dev->pdev->bus);
		map.bus = dev->pdev->bus->number;
		map.devfn = dev->pdev->devfn;
	} else {
		struct xpb_vfn f = {
			.domain = pci_domain_nr(dev->pdev->bus),
			.bus = dev->pdev->bus->number,
			.devfn = dev->pdev->devfn,
			.virtfn = dev->pdev->is_virtfn,
		};

		ret = xpb_vbus_add(&be->vbus, &f, &vdevfn);
		if (ret) {
			xenbus_dev_error(xdev, ret, "no room for %s on the virtual bus",
					 pci_name(dev->pdev));
			goto out;
		}
		map.domain = 0;
		map.bus = 0;
		map.devfn = vdevfn;
	}
	/* A fresh view: BARs as they are now, no earlier guest's writes. */
	ret = cfgv_reset(dev->cfgv);
	if (ret) {
		xenbus_dev_error(xdev, ret, "%s: config-space view not reset",
				 pci_name(dev->pdev));
		goto out_vbus;
	}
	ret = xen_register_device_domain_owner(dev->pdev, xdev->otherend_id);
	if (ret == -EEXIST) {
		xen_unregister_device_domain_owner(dev->pdev);
		ret = xen_register_device_domain_owner(dev->pdev,
						       xdev->otherend_id);
	}
	if (ret) {
		xenbus_dev_error(xdev, ret, "registering domain %u as %s's owner",
				 xdev->otherend_id, pci_name(dev->pdev));
		goto out_vbus;
	}
	spin_lock_irq(&be->fns_lock);
	be->fns[be->nfns++] = map;
	spin_unlock_irq(&be->fns_lock);
	dev->owner_domid = xdev->otherend_id;
	WRITE_ONCE(dev->owner, be);	/* read under op_lock alone */
	/*
	 * Assigned: a PF driver asked to disable SR-IOV sees a guest's VF
	 * in use (pci_vfs_assigned()) and refuses, as for vfio and upstream.
	 */
	pci_set_dev_assigned(dev->pdev);
	/* rmmod is refused ("in use") while a guest has a function. */
	__module_get(THIS_MODULE);
	pci_info(dev->pdev, "given to domain %u as %04x:%02x:%02x.%u\n",
		 xdev->otherend_id, map.domain, map.bus, PCI_SLOT(map.devfn),
		 PCI_FUNC(map.devfn));
	*out = map;
	ret = 0;
	goto out;
out_vbus:
	if (!be->passthrough)
		xpb_vbus_remove(&be->vbus, pci_domain_nr(dev->pdev->bus),
				dev->pdev->bus->number, dev->pdev->devfn,
				&vdevfn);
out:
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);
	if (!ret) {
		xpb_refusal_clear(dev->pdev);
		xpb_policy_log(dev, xdev->otherend_id);
	}
	xpb_dev_put(dev);
	return ret;
}

/* What a hand back came to: a reset, or a function owed one. */
static void xpb_hand_back_done(struct xpb_backend *be, struct xpb_dev *dev,
			       int ret)
{
	mutex_lock(&dev->op_lock);
	if (!dev->gone) {
		xpb_reset_after_owner(dev, be->xdev->otherend_id, ret);
		pci_info(dev->pdev, "taken back from domain %u%s\n",
			 be->xdev->otherend_id,
			 ret ? ", not reset" : " and reset");
	}
	mutex_lock(&xpb_lock);
	dev->handing_back = false;
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);
}

/**
 * xpb_unexport() - take a function back from a guest and release it
 * @be: the guest's backend
 * @pdev: the function (a reference the caller holds)
 *
 * The function is looked up under xpb_lock each time, never carried
 * across an unlock, since an unbind may free it in between.  Nothing
 * happens if @be does not have it.  Context: the backend's lock held.
 */
void xpb_unexport(struct xpb_backend *be, struct pci_dev *pdev)
{
	struct xpb_dev *dev;
	bool mine;
	int ret;

	mutex_lock(&xpb_lock);
	dev = xpb_dev_of(pdev);
	if (dev && dev->owner == be)
		xpb_dev_get(dev);
	else
		dev = NULL;
	mutex_unlock(&xpb_lock);
	if (!dev)
		return;

	/*
	 * The guest loses it at once: a request in flight finishes, later
	 * ones find nothing.  No other guest may have it until it is reset.
	 */
	mutex_lock(&dev->op_lock);
	mutex_lock(&xpb_lock);
	mine = dev->owner == be;
	if (mine) {
		xpb_unlink(be, dev);
		dev->handing_back = true;
	}
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);

	/*
	 * The reset needs the device lock, which comes before op_lock (an
	 * unbind holds it while it waits for op_lock); an unbind meanwhile
	 * has released the function itself.
	 */
	if (mine) {
		pci_dev_lock(pdev);
		mutex_lock(&dev->op_lock);
		ret = dev->gone ? -ENODEV : xpb_state_release(dev);
		mutex_unlock(&dev->op_lock);
		pci_dev_unlock(pdev);
		/* still handing_back: no export while its group resets */
		if (ret == XPB_RESET_UNLOCKED)
			ret = xpb_reset_group(dev, "release");
		xpb_hand_back_done(be, dev, ret);
	}
	xpb_dev_put(dev);
}

/**
 * xpb_unexport_all() - take every function back from a guest
 * @be: the guest's backend; its lock held
 */
void xpb_unexport_all(struct xpb_backend *be)
{
	struct pci_dev *pdev;

	for (;;) {
		/* a function in @fns is alive: unbind unlinks it first */
		spin_lock_irq(&be->fns_lock);
		pdev = be->nfns ? pci_dev_get(be->fns[0].dev->pdev) : NULL;
		spin_unlock_irq(&be->fns_lock);
		if (!pdev)
			return;
		xpb_unexport(be, pdev);
		pci_dev_put(pdev);
	}
}
