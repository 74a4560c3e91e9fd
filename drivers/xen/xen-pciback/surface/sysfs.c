// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the files of /sys/bus/pci/drivers/pciback (see
 * Documentation/ABI/testing/sysfs-driver-pciback).  Every write is
 * parsed whole before anything changes; a malformed one is -EINVAL.
 *
 * The per-device switches (permissive, allow_interrupt_control,
 * close_device_specific, allow_page_sharing, allow_no_reset,
 * irq_handler_state) take
 * "dddd:bb:dd.f" to turn on and "-dddd:bb:dd.f" to turn off, and list
 * the functions they are on for when read.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/sysfs.h>

#include "surface.h"

/* Parse "[-]dddd:bb:dd.f"; the function must be seized. */
static int xpb_parse_dev(const char *buf, size_t count, bool *on,
			 struct xpb_dev **out)
{
	struct xpb_slot slot;
	int ret;

	ret = xpb_switch_parse(buf, count, &slot, on);
	if (ret)
		return ret;
	lockdep_assert_held(&xpb_lock);
	*out = xpb_dev_find(slot.domain, slot.bus,
			    PCI_DEVFN(slot.dev, slot.fn));
	return *out ? 0 : -ENODEV;
}

/* One line for a refused write: the file, the text (cut), and why. */
static void xpb_refused(const char *file, const char *buf, const char *why)
{
	pr_warn_ratelimited("%s: refused \"%.*s\": %s\n", file,
			    (int)min_t(size_t, strcspn(buf, "\n"), 64), buf,
			    why);
}

/* new_slot and remove_slot: parse whole, then change the list. */
static ssize_t xpb_slot_store(const char *file, const char *buf,
			      size_t count,
			      int (*change)(const struct xpb_sel *sel))
{
	struct xpb_sel sel;
	const char *why;
	int ret = xpb_sel_parse(buf, count, &sel, &why);

	if (ret) {
		xpb_refused(file, buf, why);
		return ret;
	}
	ret = change(&sel);
	return ret ?: count;
}

static ssize_t new_slot_store(struct device_driver *drv, const char *buf,
			      size_t count)
{
	return xpb_slot_store("new_slot", buf, count, xpb_slot_add);
}
static DRIVER_ATTR_WO(new_slot);

static ssize_t remove_slot_store(struct device_driver *drv, const char *buf,
				 size_t count)
{
	return xpb_slot_store("remove_slot", buf, count, xpb_slot_del);
}
static DRIVER_ATTR_WO(remove_slot);

static ssize_t slots_show(struct device_driver *drv, char *buf)
{
	return xpb_slots_show(buf);
}
static DRIVER_ATTR_RO(slots);

/* The last refusal of each function turned down as a whole. */
static ssize_t refusals_show(struct device_driver *drv, char *buf)
{
	return xpb_refusals_text(buf);
}
static DRIVER_ATTR_RO(refusals);

/* A per-device switch: what it reads, what a write does. */
struct xpb_switch {
	bool (*get)(struct xpb_dev *dev);
	int (*set)(struct xpb_dev *dev, bool on);
};

static ssize_t xpb_switch_show(const struct xpb_switch *sw, char *buf)
{
	struct xpb_dev *dev;
	ssize_t n = 0;

	mutex_lock(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		if (sw->get(dev))
			n += sysfs_emit_at(buf, n, "%s\n", pci_name(dev->pdev));
	mutex_unlock(&xpb_lock);
	return n;
}

static ssize_t xpb_switch_store(const struct xpb_switch *sw, const char *buf,
				size_t count)
{
	struct xpb_dev *dev;
	bool on;
	int ret;

	mutex_lock(&xpb_lock);
	ret = xpb_parse_dev(buf, count, &on, &dev);
	if (!ret)
		xpb_dev_get(dev);
	mutex_unlock(&xpb_lock);
	if (ret)
		return ret;
	/* serialized with the guest's requests for it, like them */
	mutex_lock(&dev->op_lock);
	ret = dev->gone ? -ENODEV : sw->set(dev, on);
	mutex_unlock(&dev->op_lock);
	xpb_dev_put(dev);
	return ret ?: count;
}

#define XPB_SWITCH_ATTR(_name, _get, _set)				\
static const struct xpb_switch xpb_sw_##_name = { _get, _set };	\
static ssize_t _name##_show(struct device_driver *drv, char *buf)	\
{									\
	return xpb_switch_show(&xpb_sw_##_name, buf);			\
}									\
static ssize_t _name##_store(struct device_driver *drv,		\
			     const char *buf, size_t count)		\
{									\
	return xpb_switch_store(&xpb_sw_##_name, buf, count);		\
}									\
static DRIVER_ATTR_RW(_name)

static bool xpb_permissive_get(struct xpb_dev *dev)
{
	return cfgv_permissive(dev->cfgv);
}

static int xpb_permissive_set(struct xpb_dev *dev, bool on)
{
	cfgv_set_permissive(dev->cfgv, on);
	pci_info(dev->pdev, "permissive %s\n",
		 on ? "on: the guest may write registers no rule covers" : "off");
	return 0;
}
XPB_SWITCH_ATTR(permissive, xpb_permissive_get, xpb_permissive_set);

/*
 * Device-specific registers (0x40-0xff outside capabilities) and the
 * bodies of vendor-specific capabilities are open to the guest by
 * default, as vfio-pci leaves them: many devices need them.  Closing
 * them makes them read-only to the guest (each write refused and
 * counted) unless permissive or a quirk opens one.
 */
static bool xpb_devspec_get(struct xpb_dev *dev)
{
	return !cfgv_device_specific(dev->cfgv);
}

static int xpb_devspec_set(struct xpb_dev *dev, bool on)
{
	int ret = cfgv_set_device_specific(dev->cfgv, !on);

	if (!ret)
		pci_info(dev->pdev, "device-specific registers %s\n",
			 on ? "closed: the guest may read, not write them" :
			      "open: the guest may write them");
	return ret;
}
XPB_SWITCH_ATTR(close_device_specific, xpb_devspec_get, xpb_devspec_set);

static bool xpb_irqctl_get(struct xpb_dev *dev)
{
	return cfgv_interrupt_control(dev->cfgv);
}

static int xpb_irqctl_set(struct xpb_dev *dev, bool on)
{
	cfgv_set_interrupt_control(dev->cfgv, on);
	return 0;
}
XPB_SWITCH_ATTR(allow_interrupt_control, xpb_irqctl_get, xpb_irqctl_set);

/*
 * A function a guest let go without a reset (none possible, or it
 * failed) goes to another domain only while this is on; turning it off
 * refuses it again until it is reset.
 */
static bool xpb_noreset_get(struct xpb_dev *dev)
{
	return dev->allow_no_reset;
}

static int xpb_noreset_set(struct xpb_dev *dev, bool on)
{
	dev->allow_no_reset = on;
	if (on)
		pci_warn(dev->pdev, "allow_no_reset: may go to another domain with what its last guest left in it\n");
	else
		pci_info(dev->pdev, "allow_no_reset off\n");
	return 0;
}
XPB_SWITCH_ATTR(allow_no_reset, xpb_noreset_get, xpb_noreset_set);

/*
 * allow_page_sharing takes any function, bound or not: binding is where
 * a function that shares a page with a device outside pciback is first
 * refused, so the permission must be able to come before it.
 */
static ssize_t allow_page_sharing_show(struct device_driver *drv, char *buf)
{
	return xpb_share_show(buf);
}

static ssize_t allow_page_sharing_store(struct device_driver *drv,
					const char *buf, size_t count)
{
	struct xpb_slot slot;
	bool on;
	int ret;

	ret = xpb_switch_parse(buf, count, &slot, &on);
	if (!ret)
		ret = xpb_share_allow(&slot, on);
	if (!ret && on)
		pr_warn("%04x:%02x:%02x.%u may be bound and passed through although a BAR shares a page with another device\n",
			slot.domain, slot.bus, slot.dev, slot.fn);
	return ret ?: count;
}
static DRIVER_ATTR_RW(allow_page_sharing);

/* dom0's handler on the function's INTx line, by hand (see intx.c) */
static bool xpb_isr_get(struct xpb_dev *dev)
{
	return dev->intx.on;
}

static int xpb_isr_set(struct xpb_dev *dev, bool on)
{
	int ret = xpb_intx_set(dev, on);

	if (ret == -EBUSY)
		pci_info(dev->pdev, "irq_handler_state: not while MSI or MSI-X is on\n");
	return ret;
}
XPB_SWITCH_ATTR(irq_handler_state, xpb_isr_get, xpb_isr_set);

static ssize_t irq_handlers_show(struct device_driver *drv, char *buf)
{
	struct xpb_dev *dev;
	ssize_t n = 0;

	mutex_lock(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		n += sysfs_emit_at(buf, n, "%s irq=%d handler=%s claiming=%s handled=%lld\n",
				   pci_name(dev->pdev),
				   dev->intx.on ? dev->intx.irq : dev->pdev->irq,
				   dev->intx.on ? "on" : "off",
				   dev->intx.on && READ_ONCE(dev->intx.ack) ?
				   "yes" : "no",
				   (long long)atomic64_read(&dev->intx.count));
	mutex_unlock(&xpb_lock);
	return n;
}
static DRIVER_ATTR_RO(irq_handlers);

static ssize_t quirks_show(struct device_driver *drv, char *buf)
{
	struct xpb_dev *dev;
	ssize_t n = 0;
	unsigned int i;

	mutex_lock(&xpb_lock);
	list_for_each_entry(dev, &xpb_devs, node)
		for (i = 0; i < dev->nquirks; i++)
			n += sysfs_emit_at(buf, n, "%s-%03x:%u:%08x\n",
					   pci_name(dev->pdev),
					   dev->quirks[i].reg,
					   dev->quirks[i].size,
					   dev->quirks[i].mask);
	mutex_unlock(&xpb_lock);
	return n;
}

static ssize_t quirks_store(struct device_driver *drv, const char *buf,
			    size_t count)
{
	struct xpb_quirk_req q;
	struct xpb_dev *dev;
	const char *why;
	unsigned int i;
	int ret;

	ret = xpb_quirk_parse(buf, count, &q, &why);
	if (ret) {
		xpb_refused("quirks", buf, why);
		return ret;
	}
	mutex_lock(&xpb_lock);
	dev = xpb_dev_find(q.slot.domain, q.slot.bus,
			   PCI_DEVFN(q.slot.dev, q.slot.fn));
	if (dev)
		xpb_dev_get(dev);
	mutex_unlock(&xpb_lock);
	if (!dev)
		return -ENODEV;
	/*
	 * The engine's rules change: not in the middle of one of the
	 * guest's requests (op_lock); the list quirks_show() reads is
	 * xpb_lock's.
	 */
	mutex_lock(&dev->op_lock);
	mutex_lock(&xpb_lock);
	/* the engine replaces a window of the same offset and size */
	for (i = 0; i < dev->nquirks; i++)
		if (dev->quirks[i].reg == q.reg && dev->quirks[i].size == q.size)
			break;
	if (dev->gone)
		ret = -ENODEV;
	else if (q.remove)
		ret = i == dev->nquirks ? -ENOENT :
		      cfgv_quirk_remove(dev->cfgv, q.reg, q.size);
	else if (i == ARRAY_SIZE(dev->quirks))
		ret = -ENOSPC;
	else
		ret = cfgv_quirk_add(dev->cfgv, q.reg, q.size, q.mask);
	if (!ret && q.remove) {
		dev->nquirks--;
		memmove(&dev->quirks[i], &dev->quirks[i + 1],
			(dev->nquirks - i) * sizeof(dev->quirks[0]));
	} else if (!ret) {
		dev->quirks[i] = q;
		if (i == dev->nquirks)
			dev->nquirks++;
	}
	mutex_unlock(&xpb_lock);
	mutex_unlock(&dev->op_lock);
	xpb_dev_put(dev);
	return ret ?: count;
}
static DRIVER_ATTR_RW(quirks);

static ssize_t do_flr_store(struct device_driver *drv, const char *buf,
			    size_t count)
{
	struct pci_dev *pdev = NULL;
	struct xpb_dev *dev;
	bool on;
	int ret;

	mutex_lock(&xpb_lock);
	ret = xpb_parse_dev(buf, count, &on, &dev);
	if (!ret && !on)
		ret = -EINVAL;
	if (!ret)
		pdev = pci_dev_get(dev->pdev);
	mutex_unlock(&xpb_lock);
	if (ret)
		return ret;
	/*
	 * The device lock comes first: look again under it (an unbind,
	 * which needs it, cannot free the function then).  The reset holds
	 * the function's op_lock, never xpb_lock.
	 */
	pci_dev_lock(pdev);
	mutex_lock(&xpb_lock);
	dev = xpb_dev_of(pdev);
	if (dev)
		xpb_dev_get(dev);
	mutex_unlock(&xpb_lock);
	if (dev) {
		mutex_lock(&dev->op_lock);
		ret = dev->gone ? -ENODEV : xpb_state_reset(dev);
		if (!ret)
			xpb_reset_done(dev);
		mutex_unlock(&dev->op_lock);
	} else {
		ret = -ENODEV;
	}
	pci_dev_unlock(pdev);
	/* only its group's reset reaches it: that runs with no lock held */
	if (ret == XPB_RESET_UNLOCKED) {
		ret = xpb_reset_group(dev, "do_flr");
		if (!ret) {
			mutex_lock(&dev->op_lock);
			xpb_reset_done(dev);
			mutex_unlock(&dev->op_lock);
		}
	}
	if (dev)
		xpb_dev_put(dev);
	pci_dev_put(pdev);
	/* a reset not done or failed was logged with its reason */
	return ret ?: count;
}
static DRIVER_ATTR_WO(do_flr);

static struct attribute *xpb_drv_attrs[] = {
	&driver_attr_new_slot.attr,
	&driver_attr_remove_slot.attr,
	&driver_attr_slots.attr,
	&driver_attr_quirks.attr,
	&driver_attr_permissive.attr,
	&driver_attr_allow_interrupt_control.attr,
	&driver_attr_close_device_specific.attr,
	&driver_attr_allow_page_sharing.attr,
	&driver_attr_allow_no_reset.attr,
	&driver_attr_irq_handlers.attr,
	&driver_attr_irq_handler_state.attr,
	&driver_attr_do_flr.attr,
	&driver_attr_refusals.attr,
	NULL
};

static const struct attribute_group xpb_drv_group = {
	.attrs = xpb_drv_attrs,
};

const struct attribute_group *xpb_drv_groups[] = {
	&xpb_drv_group,
	NULL
};

/*
 * Beside each function pciback holds (the PCI driver's dev_groups):
 * what a guest may do with it, every switch and quirk in effect, in one
 * file.  The driver core removes it before the function leaves pciback.
 */
static ssize_t pciback_policy_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	struct xpb_dev *dev = pci_get_drvdata(to_pci_dev(d));

	if (!dev)
		return -ENODEV;
	return xpb_policy_text(dev, XPB_POLICY_LINES, buf, PAGE_SIZE);
}
static DEVICE_ATTR_RO(pciback_policy);

static struct attribute *xpb_dev_attrs[] = {
	&dev_attr_pciback_policy.attr,
	NULL
};

static const struct attribute_group xpb_dev_group = {
	.attrs = xpb_dev_attrs,
};

const struct attribute_group *xpb_dev_groups[] = {
	&xpb_dev_group,
	NULL
};
