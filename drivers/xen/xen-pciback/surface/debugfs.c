// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: /sys/kernel/debug/xen-pciback/<BDF>/ for every seized
 * function: "counters" (requests, denials, resets, last error; "busy":
 * its op_lock is held), "config" (the engine's view, cfgv_dump()),
 * "reset" (what would reset it, what did last time, xpb_reset_show()) and,
 * for the tests, "hold_reset" (while it is Y a guest's FLR waits, as for
 * a device that takes its time to come back) and "hold_aer" (while it is
 * Y error_detected waits before it reads the function).  Beside them, for
 * the tests too, "hold_export": while it is Y an export waits between
 * finding its function and taking it.  Each waits at most XPB_HOLD_MAX_S
 * (device/hold.c).
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "surface.h"

static struct dentry *xpb_dbg_root;

static int counters_show(struct seq_file *m, void *v)
{
	struct xpb_dev *dev = m->private;
	struct cfgv_stats st;
	int owner;

	cfgv_get_stats(dev->cfgv, &st);
	/* the owner may let go meanwhile: look under the lock */
	mutex_lock(&xpb_lock);
	owner = dev->owner ? dev->owner->xdev->otherend_id : -1;
	mutex_unlock(&xpb_lock);
	seq_printf(m, "owner: %d\n", owner);
	seq_printf(m, "busy: %d\n", mutex_is_locked(&dev->op_lock));
	seq_printf(m, "ops: %llu\nfast: %llu\n", dev->cnt.ops, dev->cnt.fast);
	seq_printf(m, "irq_ops: %llu\nirq_refused: %llu\n", dev->cnt.irq_ops,
		   dev->cnt.irq_refused);
	seq_printf(m, "resets: %llu\nreset_failed: %llu\nreset_none: %llu\n",
		   dev->cnt.resets, dev->cnt.reset_failed, dev->cnt.reset_none);
	seq_printf(m, "aer_asked: %llu\naer_quarantines: %llu\n",
		   dev->cnt.aer_asked, dev->cnt.aer_quarantines);
	seq_printf(m, "last_err: %d\n", dev->cnt.last_err);
	seq_printf(m, "reads: %llu\nwrites: %llu\ndenied: %llu\n", st.reads,
		   st.writes, st.denied);
	seq_printf(m, "invalid: %llu\nhw_failed: %llu\nhook_failed: %llu\n",
		   st.invalid, st.hw_failed, st.hook_failed);
	seq_printf(m, "denials_logged: %llu\nrebuilds: %llu\n", st.logged,
		   st.rebuilds);
	seq_printf(m, "pm_changes: %llu\npm_refused: %llu\n", st.pm_changes,
		   st.pm_refused);
	seq_printf(m, "last_denied_off: %d\nlast_hook_err: %d\n",
		   st.last_denied_off, st.last_hook_err);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counters);

static int config_show(struct seq_file *m, void *v)
{
	struct xpb_dev *dev = m->private;

	cfgv_dump(dev->cfgv, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(config);

static int reset_show(struct seq_file *m, void *v)
{
	struct xpb_dev *dev = m->private;

	mutex_lock(&dev->op_lock);
	xpb_reset_show(m, dev);
	mutex_unlock(&dev->op_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(reset);

/**
 * xpb_debugfs_init() - create /sys/kernel/debug/xen-pciback
 */
void xpb_debugfs_init(void)
{
	xpb_dbg_root = debugfs_create_dir("xen-pciback", NULL);
	debugfs_create_bool("hold_export", 0600, xpb_dbg_root,
			    &xpb_hold_export);
}

/**
 * xpb_debugfs_exit() - remove it
 */
void xpb_debugfs_exit(void)
{
	debugfs_remove_recursive(xpb_dbg_root);
}

/**
 * xpb_debugfs_add() - a directory for a seized function
 * @dev: the function
 */
void xpb_debugfs_add(struct xpb_dev *dev)
{
	dev->debugfs = debugfs_create_dir(pci_name(dev->pdev), xpb_dbg_root);
	debugfs_create_file("counters", 0444, dev->debugfs, dev,
			    &counters_fops);
	debugfs_create_file("config", 0444, dev->debugfs, dev, &config_fops);
	debugfs_create_file("reset", 0444, dev->debugfs, dev, &reset_fops);
	debugfs_create_bool("hold_reset", 0600, dev->debugfs,
			    &dev->hold_reset);
	debugfs_create_bool("hold_aer", 0600, dev->debugfs, &dev->hold_aer);
}

/**
 * xpb_debugfs_del() - remove it (waits for readers)
 * @dev: the function
 */
void xpb_debugfs_del(struct xpb_dev *dev)
{
	debugfs_remove_recursive(dev->debugfs);
}
