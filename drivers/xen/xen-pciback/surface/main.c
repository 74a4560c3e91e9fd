// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: load and unload, and the parameters read at load (hide=)
 * or handed to the engine (permissive).  The backend's own parameters
 * (passthrough, verbose_request, aer_timeout_ms) sit beside the code
 * that reads them.
 *
 * The module only makes sense in Xen's initial domain (or a driver
 * domain): anywhere else it refuses to load and says why.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/xen.h>

#include "surface.h"

#ifdef MODULE
static const bool xpb_is_module = true;
#else
static const bool xpb_is_module;
#endif

static char *hide;
module_param(hide, charp, 0444);
MODULE_PARM_DESC(hide,
		 "Functions to seize at load, e.g. \"(0000:01:00.0)(02:1f.*)(pci:8086:10d3)(00:1c.0/00.0)\": addresses, vendor:device IDs or paths from a root port; a bridge stands for the functions below it; a malformed entry refuses the load");

static bool permissive;
static int permissive_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_bool(val, kp);

	if (!ret)
		cfgv_set_global_permissive(permissive);
	return ret;
}

static const struct kernel_param_ops permissive_ops = {
	.set = permissive_set,
	.get = param_get_bool,
};
module_param_cb(permissive, &permissive_ops, &permissive, 0644);
MODULE_PARM_DESC(permissive,
		 "Let every guest write the registers no rule covers (unsafe; see also the per-device permissive file)");

/* Seize the functions hide= names; a malformed list refuses the load. */
static int xpb_hide_init(void)
{
	struct xpb_parse_err perr = { };
	struct xpb_sel *sels;
	unsigned int i, n;
	int ret;

	sels = kmalloc_array(XPB_MAX_SLOTS, sizeof(*sels), GFP_KERNEL);
	if (!sels)
		return -ENOMEM;
	ret = xpb_hide_parse(hide, sels, XPB_MAX_SLOTS, &n, &perr);
	if (ret == -ENOSPC)
		pr_err("hide=: more than %d entries\n", XPB_MAX_SLOTS);
	else if (ret)
		pr_err("hide=: malformed entry \"%.*s\" at offset %zu: %s (want \"(dddd:bb:dd.f)\" with \"*\" for any device or function, \"(pci:vendor:device[:subvendor:subdevice])\" or a path \"([domain:]bus:dev.fn/dev.fn...)\")\n",
		       (int)perr.len, hide + perr.pos, perr.pos, perr.why);
	for (i = 0; !ret && i < n; i++) {
		ret = xpb_slot_add(&sels[i]);
		if (ret == -EEXIST)
			ret = 0;
	}
	kfree(sels);
	return ret;
}

static int __init xpb_init(void)
{
	int ret;

	if (!xen_initial_domain()) {
		/*
		 * Loaded by hand, say why it refused; built in, a kernel
		 * booted without Xen has no use for it and stays quiet.
		 */
		if (xen_domain() || xpb_is_module)
			pr_err("not loaded: pciback serves guests only from Xen's initial domain (this kernel is %s)\n",
			       xen_domain() ? "a Xen guest" : "not running on Xen");
		return -ENODEV;
	}
	ret = xpb_hide_init();
	if (ret)
		goto fail_slots;
	xpb_debugfs_init();
	ret = xpb_driver_register();
	if (ret)
		goto fail_stub;
	ret = xpb_xenbus_init();
	if (ret)
		goto fail_xenbus;
	ret = xpb_pf_watch();
	if (ret)
		goto fail_watch;
	return 0;

fail_watch:
	xpb_xenbus_exit();
fail_xenbus:
	xpb_driver_unregister();
fail_stub:
	xpb_debugfs_exit();
fail_slots:
	return ret;
}

static void __exit xpb_exit(void)
{
	xpb_pf_unwatch();
	xpb_xenbus_exit();
	xpb_driver_unregister();
	xpb_debugfs_exit();
}

/*
 * Built in, pciback must own what hide= names before any other driver
 * can probe it: device drivers register at device_initcall, so start
 * earlier, as the stock module does.  fs_initcall_sync still comes after
 * the PCI core has assigned resources and applied its final fixups, and
 * after the realigner (same level, drivers/pci/ links before
 * drivers/xen/), so a realigned function is seized where it now lives.
 * In a module this is module_init.
 */
fs_initcall_sync(xpb_init);
module_exit(xpb_exit);

MODULE_DESCRIPTION("Xen PCI backend with per-bit config-space virtualization");
MODULE_LICENSE("GPL");
/*
 * DKMS installs a module over the kernel's own only if it is newer, and
 * treats two without a version as the same: the kernel's pciback has
 * none, so without this the package would leave it in place.  Same
 * number as dkms.conf and debian/changelog (scripts/deb.sh checks).
 */
MODULE_VERSION("0.1.0");
MODULE_ALIAS("xen-backend:pci");
