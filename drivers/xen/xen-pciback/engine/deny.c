// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: refused writes.  Every denial is counted and
 * traced with its kind; the first at each offset (since the device was
 * added or reset) is logged, at most 10 lines per 5 s per device, with a
 * hint that fits the kind: the quirk or permissive mode for protected
 * bits, allow_interrupt_control for interrupt enables, the quirk alone
 * for what the hypervisor programs, nothing for hidden structures.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "internal.h"

/* Where the driver takes a quirk (Documentation/ABI), for the hints. */
#define CFGV_QUIRKS_FILE	"/sys/bus/pci/drivers/pciback/quirks"

#include <trace/events/xen_pciback_cfg.h>

static const char *const cfgv_why_names[] = {
	[CFGV_WHY_PERMISSIVE] = "permissive",
	[CFGV_WHY_IRQ] = "interrupt-control",
	[CFGV_WHY_CLOSED] = "quirk-only",
	[CFGV_WHY_HIDDEN] = "hidden",
	[CFGV_WHY_RULE] = "rule",
};

/**
 * cfgv_deny() - count, trace and (once per offset, rate-limited per
 *	device) log a refused write
 * @dev: the device; caller holds its spinlock
 * @w: the write
 */
void cfgv_deny(struct cfgv_dev *dev, const struct cfgv_wr *w)
{
	unsigned int sh = 8 * (w->aoff - w->off);
	u32 bits = w->denied >> sh, val = w->val >> sh;
	enum cfgv_why why = CFGV_WHY_RULE;
	unsigned int i;

	if (!w->why)
		for (i = 0; i < CFGV_WHY_RULE; i++)
			if (w->denied & w->why_bits[i])
				why = i;
	dev->stats.denied++;
	dev->stats.last_denied_off = w->aoff;
	trace_xen_pciback_cfg_deny(dev->pdev, w->aoff, w->asize, val, bits,
				   cfgv_why_names[why]);
	if (test_and_set_bit(w->aoff, dev->logged) || !__ratelimit(&dev->rs))
		return;
	dev->stats.logged++;
	switch (why) {
	case CFGV_WHY_PERMISSIVE:
		pci_info(dev->pdev, "guest write %#x to config %#x (size %u) denied, bits %#x: protected; if the device needs them, allow just these: echo %s-%03x:%u:%x > %s (or permissive, for every register)\n",
			 val, w->aoff, w->asize, bits, pci_name(dev->pdev),
			 w->aoff, w->asize, bits, CFGV_QUIRKS_FILE);
		break;
	case CFGV_WHY_IRQ:
		pci_info(dev->pdev, "guest write %#x to config %#x (size %u) denied, bits %#x: interrupts are enabled through the MSI/MSI-X requests (allow_interrupt_control opens them to a device model)\n",
			 val, w->aoff, w->asize, bits);
		break;
	case CFGV_WHY_CLOSED:
		pci_info(dev->pdev, "guest write %#x to config %#x (size %u) denied, bits %#x: the hypervisor programs them; only a quirk opens them: echo %s-%03x:%u:%x > %s\n",
			 val, w->aoff, w->asize, bits, pci_name(dev->pdev),
			 w->aoff, w->asize, bits, CFGV_QUIRKS_FILE);
		break;
	case CFGV_WHY_HIDDEN:
		pci_info(dev->pdev, "guest write %#x to config %#x (size %u) denied, bits %#x: not part of what the guest sees\n",
			 val, w->aoff, w->asize, bits);
		break;
	default:
		pci_info(dev->pdev, "guest write %#x to config %#x (size %u) denied, bits %#x: %s\n",
			 val, w->aoff, w->asize, bits, w->why ?: "refused");
		break;
	}
}
