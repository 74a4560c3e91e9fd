// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the tests' holds.  A debugfs switch (hold_reset,
 * hold_aer, hold_export) makes one step wait while it reads Y, at most
 * XPB_HOLD_MAX_S, so that a test can act in the middle of that step: an
 * unbind, another domain's hot-plug, a function that stops answering.
 * Nothing but a test sets them.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>

#include "device.h"

/**
 * xpb_hold() - wait while a test's switch is set
 * @pdev: the function the step is about, for the log line
 * @hold: the switch
 * @step: the step that waits ("export", "guest FLR", ...)
 * @name: the switch's debugfs name
 *
 * Logs "<step> held (debugfs <name>)" once when it waits at all.
 *
 * Context: may sleep; the caller's locks stay held all along, as they
 * would be during a slow step.
 */
void xpb_hold(struct pci_dev *pdev, const bool *hold, const char *step,
	      const char *name)
{
	unsigned long end = jiffies + XPB_HOLD_MAX_S * HZ;

	if (!READ_ONCE(*hold))
		return;
	pci_info(pdev, "%s held (debugfs %s)\n", step, name);
	while (READ_ONCE(*hold) && time_before(jiffies, end))
		msleep(20);
}
