// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the PCI driver "pciback".  It binds only to the functions
 * the slot list names (hide= and new_slot) or whose driver_override says
 * "pciback", seizes them (state.c) and keeps them for the xenbus backend.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>

#include "pciback.h"

/* The seized functions, the slot list, ownership (see pciback.h). */
DEFINE_MUTEX(xpb_lock);
LIST_HEAD(xpb_devs);

static struct xpb_slot xpb_slots[XPB_MAX_SLOTS];
static unsigned int xpb_nslots;

/*
 * Functions the administrator lets share an MMIO page with another
 * device (allow_page_sharing), by address: the permission may come
 * before the function is bound, where sharing is first refused.
 */
static struct xpb_slot xpb_share[XPB_MAX_SLOTS];
static unsigned int xpb_nshare;

/* Does a selection of @list (@n entries) cover @pdev?  xpb_lock held. */
static bool xpb_in_list(const struct xpb_slot *list, unsigned int n,
			struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (xpb_slot_match(&list[i], pci_domain_nr(pdev->bus),
				   pdev->bus->number, pdev->devfn))
			return true;
	return false;
}

/**
 * xpb_slot_add() - add a selection to the slot list
 * @slot: the selection
 *
 * Return: 0, -EEXIST if it is listed already, -ENOSPC if the list is
 * full.
 */
int xpb_slot_add(const struct xpb_slot *slot)
{
	unsigned int i;
	int ret = 0;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_nslots; i++)
		if (xpb_slot_same(&xpb_slots[i], slot))
			ret = -EEXIST;
	if (!ret && xpb_nslots == XPB_MAX_SLOTS)
		ret = -ENOSPC;
	if (!ret)
		xpb_slots[xpb_nslots++] = *slot;
	mutex_unlock(&xpb_lock);
	return ret;
}

/**
 * xpb_slot_del() - remove a selection from the slot list
 * @slot: the selection, exactly as listed
 *
 * A function already bound stays bound; unbind it to release it.
 *
 * Return: 0, or -ENOENT if it is not listed.
 */
int xpb_slot_del(const struct xpb_slot *slot)
{
	unsigned int i;
	int ret = -ENOENT;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_nslots; i++) {
		if (!xpb_slot_same(&xpb_slots[i], slot))
			continue;
		xpb_slots[i] = xpb_slots[--xpb_nslots];
		ret = 0;
		break;
	}
	mutex_unlock(&xpb_lock);
	return ret;
}

/**
 * xpb_slots_show() - the slot list, one function per line
 * @buf: a sysfs page
 *
 * A selection with wildcards is listed as the functions present that it
 * covers, in the "dddd:bb:dd.f" form libxl reads with fscanf(): a "*"
 * there would stop libxl at that line, and every function listed after
 * it would seem not assignable.
 *
 * Return: bytes written.
 */
ssize_t xpb_slots_show(char *buf)
{
	char text[XPB_SLOT_TEXT];
	struct pci_dev *pdev;
	unsigned int i, devfn;
	ssize_t n = 0;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_nslots; i++) {
		const struct xpb_slot *s = &xpb_slots[i];

		if (s->dev != XPB_SLOT_ANY && s->fn != XPB_SLOT_ANY) {
			xpb_slot_format(s, text, sizeof(text));
			n += sysfs_emit_at(buf, n, "%s\n", text);
			continue;
		}
		for (devfn = 0; devfn < 256; devfn++) {
			if (!xpb_slot_match(s, s->domain, s->bus, devfn))
				continue;
			pdev = pci_get_domain_bus_and_slot(s->domain, s->bus,
							   devfn);
			if (!pdev)
				continue;
			n += sysfs_emit_at(buf, n, "%s\n", pci_name(pdev));
			pci_dev_put(pdev);
		}
	}
	mutex_unlock(&xpb_lock);
	return n;
}

/**
 * xpb_share_allow() - let a function share a page, or no longer
 * @slot: the function (no wildcards)
 * @on: allow
 *
 * Return: 0, or -ENOSPC when the list is full.
 */
int xpb_share_allow(const struct xpb_slot *slot, bool on)
{
	unsigned int i;
	int ret = 0;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_nshare && !xpb_slot_same(&xpb_share[i], slot); i++)
		;
	if (on && i == xpb_nshare) {
		if (xpb_nshare < XPB_MAX_SLOTS)
			xpb_share[xpb_nshare++] = *slot;
		else
			ret = -ENOSPC;
	} else if (!on && i < xpb_nshare) {
		xpb_share[i] = xpb_share[--xpb_nshare];
	}
	mutex_unlock(&xpb_lock);
	return ret;
}

/**
 * xpb_share_allowed() - may a function share a page with another device
 * @pdev: the function
 *
 * Context: xpb_lock held (the export asks under it).
 * Return: true if the administrator allowed it (allow_page_sharing).
 */
bool xpb_share_allowed(struct pci_dev *pdev)
{
	lockdep_assert_held(&xpb_lock);
	return xpb_in_list(xpb_share, xpb_nshare, pdev);
}

/**
 * xpb_share_show() - the functions allowed to share a page, one a line
 * @buf: a sysfs page
 *
 * Return: bytes written.
 */
ssize_t xpb_share_show(char *buf)
{
	char text[XPB_SLOT_TEXT];
	unsigned int i;
	ssize_t n = 0;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_nshare; i++) {
		xpb_slot_format(&xpb_share[i], text, sizeof(text));
		n += sysfs_emit_at(buf, n, "%s\n", text);
	}
	mutex_unlock(&xpb_lock);
	return n;
}

static bool xpb_listed(struct pci_dev *pdev)
{
	bool found;

	mutex_lock(&xpb_lock);
	found = xpb_in_list(xpb_slots, xpb_nslots, pdev);
	mutex_unlock(&xpb_lock);
	return found;
}

/**
 * xpb_dev_find() - a seized function by address
 * @domain: PCI segment
 * @bus: bus number
 * @devfn: device and function numbers
 *
 * Context: xpb_lock held.
 * Return: the function, or NULL if pciback does not hold it.
 */
struct xpb_dev *xpb_dev_find(u16 domain, u8 bus, u8 devfn)
{
	struct xpb_dev *dev;

	lockdep_assert_held(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		if (pci_domain_nr(dev->pdev->bus) == domain &&
		    dev->pdev->bus->number == bus && dev->pdev->devfn == devfn)
			return dev;
	return NULL;
}

/**
 * xpb_dev_of() - the seized function of a PCI device
 * @pdev: the device
 *
 * Context: xpb_lock held; the result is valid until it is dropped.
 * Return: pciback's function, or NULL if pciback does not hold it.
 */
struct xpb_dev *xpb_dev_of(struct pci_dev *pdev)
{
	struct xpb_dev *dev;

	lockdep_assert_held(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		if (dev->pdev == pdev)
			return dev;
	return NULL;
}

/**
 * xpb_dev_get() - keep a function's struct alive without xpb_lock
 * @dev: the function, found under xpb_lock or the backend's fns_lock
 *
 * Return: @dev.
 */
struct xpb_dev *xpb_dev_get(struct xpb_dev *dev)
{
	kref_get(&dev->ref);
	return dev;
}

static void xpb_dev_free(struct kref *ref)
{
	kfree(container_of(ref, struct xpb_dev, ref));
}

/**
 * xpb_dev_put() - drop what xpb_dev_get() (or the binding) took
 * @dev: the function
 */
void xpb_dev_put(struct xpb_dev *dev)
{
	kref_put(&dev->ref, xpb_dev_free);
}

static int xpb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pci_dev *other = NULL;
	struct xpb_dev *dev;
	bool shared;
	int ret;

	if (!xpb_listed(pdev) &&
	    !(pdev->driver_override &&
	      !strcmp(pdev->driver_override, XPB_NAME)))
		return -ENODEV;
	if (pdev->hdr_type != PCI_HEADER_TYPE_NORMAL) {
		pci_err(pdev, "not seized: only endpoints (header type 0) can be passed through, this is type %u\n",
			pdev->hdr_type);
		return -ENODEV;
	}
	mutex_lock(&xpb_lock);
	shared = !xpb_share_allowed(pdev) &&
		 xpb_page_shared_outside(pdev, &other);
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

struct pci_driver xpb_pci_driver = {
	.name = XPB_NAME,
	.id_table = xpb_ids,
	.probe = xpb_probe,
	.remove = xpb_remove,
	.err_handler = &xpb_err_handlers,
	/* The driver's own files (pci_register_driver() installs them). */
	.groups = xpb_drv_groups,
};

/**
 * xpb_stub_init() - register the PCI driver
 *
 * Return: 0 or a negative errno.
 */
int xpb_stub_init(void)
{
	return pci_register_driver(&xpb_pci_driver);
}

/**
 * xpb_stub_exit() - unregister it, releasing every function
 */
void xpb_stub_exit(void)
{
	pci_unregister_driver(&xpb_pci_driver);
}
