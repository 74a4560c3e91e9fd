// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the registry.  The functions pciback holds (found by
 * address or by PCI device, kept alive by a reference), the slot list
 * that says which functions the driver binds, and the functions the
 * administrator lets share an MMIO page.  xpb_lock guards all three.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>

#include "device.h"

/* The seized functions, the slot list, ownership (see device.h). */
DEFINE_MUTEX(xpb_lock);
LIST_HEAD(xpb_devs);

/* What hide= and new_slot name, less what remove_slot took back. */
static struct xpb_slot_list xpb_list;

/*
 * Functions the administrator lets share an MMIO page with another
 * device (allow_page_sharing), by address: the permission may come
 * before the function is bound, where sharing is first refused.
 */
static struct xpb_slot xpb_share[XPB_MAX_SLOTS];
static unsigned int xpb_nshare;

/*
 * The last refusal of each function turned down as a whole.  Its own
 * lock: refusals are logged with xpb_lock held and without.
 */
static struct xpb_refusals xpb_refused;
static DEFINE_MUTEX(xpb_refused_lock);

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

/* Does the slot list name @pdev itself?  xpb_lock held. */
static bool xpb_slot_names(struct pci_dev *pdev)
{
	struct pci_sel_devid id;

	pci_sel_devid(pdev, &id);
	return xpb_list_names(&xpb_list, &id);
}

/**
 * xpb_slot_add() - add a selection to the slot list
 * @sel: the selection
 *
 * Return: 0, -EEXIST if it is listed already, -ENOSPC if the list is
 * full (xpb_list_add()).
 */
int xpb_slot_add(const struct xpb_sel *sel)
{
	int ret;

	mutex_lock(&xpb_lock);
	ret = xpb_list_add(&xpb_list, sel);
	mutex_unlock(&xpb_lock);
	return ret;
}

/**
 * xpb_slot_del() - remove a selection from the slot list
 * @sel: the selection, in the form it was listed in, or the address of
 *	 a function to take out of whatever names it (xpb_list_del())
 *
 * A function already bound stays bound; unbind it to release it.
 *
 * Return: 0, -ENOENT if it is not listed, -ENOSPC if too many
 * functions were taken back one by one.
 */
int xpb_slot_del(const struct xpb_sel *sel)
{
	struct pci_dev *pdev = NULL;
	struct pci_sel_devid id;
	int ret;

	if (xpb_sel_is_address(sel))
		pdev = pci_get_domain_bus_and_slot(sel->slot.domain,
						   sel->slot.bus,
						   PCI_DEVFN(sel->slot.dev,
							     sel->slot.fn));
	if (pdev)
		pci_sel_devid(pdev, &id);
	mutex_lock(&xpb_lock);
	ret = xpb_list_del(&xpb_list, sel, pdev ? &id : NULL);
	mutex_unlock(&xpb_lock);
	pci_dev_put(pdev);
	return ret;
}

/**
 * xpb_slots_show() - the slot list, one function per line
 * @buf: a sysfs page
 *
 * A selection with wildcards, a path or an ID is listed as the functions
 * present that it covers (less those remove_slot took back), in the
 * "dddd:bb:dd.f" form libxl reads with fscanf(): a "*" there would stop
 * libxl at that line, and every function listed after it would seem not
 * assignable.
 *
 * Return: bytes written.
 */
ssize_t xpb_slots_show(char *buf)
{
	char text[XPB_SLOT_TEXT];
	struct pci_sel_devid id;
	struct pci_dev *pdev;
	unsigned int i;
	ssize_t n = 0;

	mutex_lock(&xpb_lock);
	for (i = 0; i < xpb_list.n; i++) {
		const struct xpb_sel *sel = &xpb_list.sel[i];

		/* one function named: listed as written, present or not */
		if (xpb_sel_is_address(sel)) {
			xpb_slot_format(&sel->slot, text, sizeof(text));
			n += sysfs_emit_at(buf, n, "%s\n", text);
			continue;
		}
		pdev = NULL;
		for_each_pci_dev(pdev) {
			pci_sel_devid(pdev, &id);
			if (xpb_list_sel_names(&xpb_list, i, &id))
				n += sysfs_emit_at(buf, n, "%s\n", pci_name(pdev));
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

/**
 * xpb_slot_listed() - does the slot list cover a function
 * @pdev: the function
 *
 * A listed bridge covers every function below it, as with the stock
 * module: the bridge itself is never seized (xpb_probe() refuses it).
 *
 * Return: true if a selection of hide= or new_slot names it or a bridge
 * above it.
 */
bool xpb_slot_listed(struct pci_dev *pdev)
{
	bool found = false;
	struct pci_dev *p;

	mutex_lock(&xpb_lock);
	for (p = pdev; p && !found; p = p->bus->self)
		found = xpb_slot_names(p);
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
 * xpb_idle_vf_get() - a virtual function of a PF that pciback holds idle
 * @pf: the physical function
 *
 * Idle: no guest has it (it may be on its way back from one).
 *
 * Return: one such VF with a reference the caller drops with
 * pci_dev_put(), or NULL when pciback holds none.
 */
struct pci_dev *xpb_idle_vf_get(struct pci_dev *pf)
{
	struct pci_dev *vf = NULL;
	struct xpb_dev *dev;

	mutex_lock(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		if (dev->pdev->is_virtfn && pci_physfn(dev->pdev) == pf &&
		    !dev->owner) {
			vf = pci_dev_get(dev->pdev);
			break;
		}
	mutex_unlock(&xpb_lock);
	return vf;
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

/**
 * xpb_refuse_err() - refuse a function as a whole, in one line kept as its last
 * @pdev: the function
 * @fmt: "refused...: <why>; <what would change it>", without a newline
 *
 * Logs the line and keeps it for the refusals file.
 */
void xpb_refuse_err(struct pci_dev *pdev, const char *fmt, ...)
{
	char line[XPB_REFUSAL_LINE];
	va_list args;

	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	pci_err(pdev, "%s\n", line);
	mutex_lock(&xpb_refused_lock);
	xpb_refusal_note(&xpb_refused, pci_name(pdev), line);
	mutex_unlock(&xpb_refused_lock);
}

/**
 * xpb_refusal_clear() - a function was accepted: forget its last refusal
 * @pdev: the function
 */
void xpb_refusal_clear(struct pci_dev *pdev)
{
	mutex_lock(&xpb_refused_lock);
	xpb_refusal_forget(&xpb_refused, pci_name(pdev));
	mutex_unlock(&xpb_refused_lock);
}

/**
 * xpb_refusals_text() - the refusals file: "<bdf> <line>", oldest first
 * @buf: a sysfs page
 *
 * Return: bytes written.
 */
ssize_t xpb_refusals_text(char *buf)
{
	int n;

	mutex_lock(&xpb_refused_lock);
	n = xpb_refusals_show(&xpb_refused, buf, PAGE_SIZE);
	mutex_unlock(&xpb_refused_lock);
	return n;
}
