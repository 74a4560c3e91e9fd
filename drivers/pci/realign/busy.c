// SPDX-License-Identifier: GPL-2.0
/*
 * Who may be using a device the realigner would move.  The device
 * itself is asked about by the skip table (apply.c); each device below
 * a bridge window that would move is asked about by move.c.  Both ask
 * here, so one rule answers both and neither file calls the other.
 */
#include <linux/pci.h>
#include <linux/string.h>

#include "realign.h"

/**
 * realign_enabled_driverless() - whether a device is in use with no driver
 * @dev: the device
 *
 * Enabled with no driver bound (its sysfs enable file, for a program
 * using it through its resource files): whoever enabled it may be using
 * it.  Not a bridge: the core enables one for each device below and
 * never lets go, so its count says nothing about now.
 *
 * Return: true if @dev counts as in use for that reason.
 */
bool realign_enabled_driverless(struct pci_dev *dev)
{
	return !dev->dev.driver && !pci_is_bridge(dev) && pci_is_enabled(dev);
}

/*
 * Drivers of bridges below that do not use the BARs behind them: the
 * PCIe port driver's services (hotplug, AER, PME, DPC, bandwidth) work
 * through config space and interrupts, so a switch's ports bound to it
 * do not keep a window from moving, unless one uses MSI-X: the kernel
 * mapped its table, in one of the port's own BARs, at the old address
 * once and for all (and Xen knows it there too).
 */
static const char * const bridge_services[] = {
	"pcieport",
};

static bool bridge_service(struct pci_dev *d)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bridge_services); i++)
		if (!strcmp(d->dev.driver->name, bridge_services[i]))
			return true;
	return false;
}

static bool driver_uses_bars(struct pci_dev *d)
{
	return d->dev.driver && (!pci_is_bridge(d) || !bridge_service(d));
}

static bool service_msix_on(struct pci_dev *d)
{
	return d->dev.driver && d->msix_enabled;
}

/* Reasons a device below keeps its window from moving, checked in order. */
static const struct {
	bool (*test)(struct pci_dev *d);
	const char *why;
} below_busy[] = {
	{ realign_enabled_driverless, "is enabled with no driver" },
	{ driver_uses_bars, "has a driver bound" },
	{ service_msix_on,
	  "has MSI-X on: its table is in a BAR that would move" },
};

/**
 * realign_below_busy() - why a device below a window keeps it in place
 * @d: a device below the window; caller holds its device lock, so no
 *	probe or remove changes its driver meanwhile
 *
 * Return: the reason, worded to follow the device's name, or NULL if
 * nothing below @d's own use keeps the window from moving.
 */
const char *realign_below_busy(struct pci_dev *d)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(below_busy); i++)
		if (below_busy[i].test(d))
			return below_busy[i].why;
	return NULL;
}
