// SPDX-License-Identifier: GPL-2.0
/*
 * Which functions a slot or secondary bus reset of a function also
 * resets (see reset_scope.h).  A secondary bus reset resets everything
 * on the bus below the bridge, and everything below the bridges on it;
 * a slot reset only what sits in the slot, and below it.
 */
#include <linux/pci.h>

#include "reset_scope.h"

/**
 * xpb_reset_scope_hits() - whether resetting a function's slot or bus
 *	also resets another function
 * @target: the function reset
 * @slot: a reset of @target's slot (else of its bus)
 * @pdev: the other function
 *
 * Return: true when @pdev is not @target and is on @target's bus or
 * below a bridge there; for a slot reset, when that bridge (or @pdev
 * itself) also sits in @target's slot.
 */
bool xpb_reset_scope_hits(const struct pci_dev *target, bool slot,
			  const struct pci_dev *pdev)
{
	const struct pci_dev *top = pdev;

	if (pdev == target)
		return false;
	/* up to the device on @target's bus that @pdev is, or is below */
	while (top && top->bus != target->bus)
		top = top->bus->self;
	if (!top)
		return false;
	return !slot || top->slot == target->slot;
}
