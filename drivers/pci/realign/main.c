// SPDX-License-Identifier: GPL-2.0
/*
 * pci_realign: page-align chosen devices' MMIO BARs without inflating
 * them, and audit which BARs share a page.
 *
 * The selection is the "devices" parameter: pci_realign.devices= on the
 * kernel command line or in modprobe.d, and at run time a write to
 * /sys/module/pci_realign/parameters/devices, which realigns the named
 * devices that have no driver bound.  A malformed string is rejected
 * whole, naming the bad token, and changes nothing.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/capability.h>
#include <linux/pci.h>
#include <linux/security.h>
#include <linux/string.h>

#include "realign.h"

#define REALIGN_STR_LEN	512

static char sel_str[REALIGN_STR_LEN];
static struct realign_list sel_list;
static bool ready;

/**
 * realign_apply_list() - realign every present device a list selects
 * @list: the selections
 * @runtime: refuse devices with a bound driver
 *
 * Caller holds pci_lock_rescan_remove() and realign_lock, in that
 * order.  Errors are logged per device; every selected device is tried
 * even after one fails.
 *
 * Return: 0, or the errno of the first device that was not realigned.
 */
int realign_apply_list(const struct realign_list *list, bool runtime)
{
	const struct realign_sel *sel;
	struct pci_dev *dev = NULL;
	unsigned int hits = 0;
	int ret, first = 0;

	for_each_pci_dev(dev) {
		sel = realign_select(list, dev);
		if (!sel)
			continue;
		hits++;
		ret = realign_device(dev, sel->order, runtime);
		if (ret && ret != -EBUSY && ret != -EOPNOTSUPP)
			pci_err(dev, "realignment failed (%d), device unchanged\n",
				ret);
		if (!first)
			first = ret;
	}
	if (list->n && !hits)
		pr_warn("no present device matches the selection\n");
	return first;
}

/*
 * A write once the module runs moves BARs of live hardware: it needs
 * what the PCI core asks of its own resource and config writes,
 * CAP_SYS_ADMIN and a kernel not locked down.  The command line and
 * modprobe's options come before that (ready is still false).
 */
static int runtime_write_allowed(void)
{
	int ret;

	if (!capable(CAP_SYS_ADMIN)) {
		pr_err("selection rejected: writing it needs CAP_SYS_ADMIN\n");
		return -EPERM;
	}
	ret = security_locked_down(LOCKDOWN_PCI_ACCESS);
	if (ret)
		pr_err("selection rejected: the kernel is locked down (%d)\n",
		       ret);
	return ret;
}

static int devices_set(const char *val, const struct kernel_param *kp)
{
	static struct realign_list parsed;
	struct realign_parse_err err;
	char buf[REALIGN_STR_LEN];
	char *s;
	int ret;

	if (strscpy(buf, val, sizeof(buf)) < 0) {
		pr_err("selection rejected: longer than %d characters\n",
		       REALIGN_STR_LEN - 1);
		return -EINVAL;
	}
	s = strim(buf);
	pci_lock_rescan_remove();
	mutex_lock(&realign_lock);
	ret = ready ? runtime_write_allowed() : 0;
	if (ret)
		goto out;
	ret = realign_parse(s, &parsed, &err);
	if (ret) {
		pr_err("selection rejected at '%s' (offset %u): %s\n",
		       err.token, err.pos, err.reason);
		goto out;
	}
	strscpy(sel_str, s, sizeof(sel_str));
	sel_list = parsed;
	if (ready) {
		/* The list stays set: a failed device can be retried. */
		ret = realign_apply_list(&sel_list, true);
		realign_audit_summary();
	}
out:
	mutex_unlock(&realign_lock);
	pci_unlock_rescan_remove();
	return ret;
}

static int devices_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&realign_lock);
	n = sysfs_emit(buf, "%s\n", sel_str);
	mutex_unlock(&realign_lock);
	return n;
}

static const struct kernel_param_ops devices_ops = {
	.set = devices_set,
	.get = devices_get,
};
module_param_cb(devices, &devices_ops, NULL, 0644);
MODULE_PARM_DESC(devices,
		 "devices whose MMIO BARs are page-aligned: [<order>@]<dev>[;...]");

static int __init realign_init(void)
{
	int ret;

	realign_debugfs_init();
	pci_lock_rescan_remove();
	ret = realign_hotplug_start();
	mutex_lock(&realign_lock);
	ready = true;
	realign_apply_list(&sel_list, true);
	ret = ret ?: realign_hotplug_add_list(&sel_list);
	mutex_unlock(&realign_lock);
	pci_unlock_rescan_remove();
	if (ret)
		pr_err("hot-added devices will not be realigned (%d)\n", ret);
	realign_audit_summary();
	return 0;
}

static void __exit realign_exit(void)
{
	realign_hotplug_stop();
	realign_debugfs_exit();
	mutex_lock(&realign_lock);
	/*
	 * The parameter file outlives this function until the module's
	 * sysfs goes: a write landing now is stored, never applied.
	 */
	ready = false;
	realign_drop_tails();
	mutex_unlock(&realign_lock);
}

module_init(realign_init);
module_exit(realign_exit);
MODULE_DESCRIPTION("Page-align PCI MMIO BARs without inflating them; page-sharing audit");
MODULE_LICENSE("GPL");
/*
 * DKMS installs a module over the kernel's own only if it is newer, and
 * treats two without a version as the same: the kernel's pciback has
 * none, so without this the package would leave it in place.  Same
 * number as dkms.conf and debian/changelog (scripts/deb.sh checks).
 */
MODULE_VERSION("0.1.0");
