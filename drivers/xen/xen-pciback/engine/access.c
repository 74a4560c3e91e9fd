// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space virtualization engine: guest reads, the results and the
 * checks every access shares.  Writes are in write.c, denials in deny.c.
 *
 * An access costs one index load, one entry, at most one hardware read
 * and at most one hardware write, whatever the number of capabilities.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "internal.h"

#include <trace/events/xen_pciback_cfg.h>

static const char *const cfgv_status_names[] = {
	[CFGV_OK] = "ok",
	[CFGV_INVALID] = "invalid offset or size",
	[CFGV_DENIED] = "denied",
	[CFGV_HW_FAILED] = "hardware access failed",
	[CFGV_HOOK_FAILED] = "hook failed",
	[CFGV_UNSUPPORTED] = "not supported",
	[CFGV_NEED_SLEEP] = "needs process context",
};

/**
 * cfgv_status_name() - text of a status, for logs
 * @st: the status
 *
 * Return: a constant string.
 */
const char *cfgv_status_name(enum cfgv_status st)
{
	if ((unsigned int)st >= ARRAY_SIZE(cfgv_status_names))
		return "unknown";
	return cfgv_status_names[st];
}

/**
 * cfgv_count_failed() - count a request the hardware failed
 * @dev: the device
 */
void cfgv_count_failed(struct cfgv_dev *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->lock, flags);
	dev->stats.hw_failed++;
	spin_unlock_irqrestore(&dev->lock, flags);
}

/**
 * cfgv_invalid() - count and answer an invalid request
 * @dev: the device
 *
 * Return: CFGV_INVALID.
 */
enum cfgv_status cfgv_invalid(struct cfgv_dev *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->lock, flags);
	dev->stats.invalid++;
	spin_unlock_irqrestore(&dev->lock, flags);
	return CFGV_INVALID;
}

/**
 * cfgv_read() - serve a guest configuration read
 * @dev: the device
 * @off: offset, naturally aligned, below the device's config size
 * @size: 1, 2 or 4
 * @val: where the guest-visible value goes (all ones on failure)
 *
 * Any context.  Hidden and wholly emulated registers never reach the
 * hardware.
 *
 * Return: CFGV_OK, CFGV_INVALID or CFGV_HW_FAILED.
 */
enum cfgv_status cfgv_read(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size, u32 *val)
{
	enum cfgv_status st = CFGV_OK;
	const struct cfgv_dw *e;
	unsigned int sh = 8 * (off & 3);
	u32 msk, emu, v, hw;

	if (unlikely(!cfgv_valid(dev, off, size))) {
		*val = ~0U;
		return cfgv_invalid(dev);
	}
	msk = cfgv_bytes(size);
	/*
	 * The read path takes no lock: guest accesses are serialized by
	 * the caller, and a rebuild frees the old map only after RCU.
	 */
	rcu_read_lock();
	e = cfgv_ent(rcu_dereference(dev->map), off);
	emu = (e->emu >> sh) & msk;
	v = (READ_ONCE(e->vcfg) >> sh) & emu;
	if (emu != msk) {
		st = cfgv_hw_read(dev, off, size, &hw);
		v |= hw & ~emu;
	}
	rcu_read_unlock();
	if (st != CFGV_OK) {
		cfgv_count_failed(dev);
		*val = msk;
		return st;
	}
	cfgv_count(dev, &dev->reads);
	trace_xen_pciback_cfg_read(dev->pdev, off, size, v);
	*val = v;
	return CFGV_OK;
}
