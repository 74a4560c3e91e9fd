// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: dom0's handler on a guest's INTx line.
 *
 * A function a guest drives with INTx keeps interrupting dom0 too when
 * its line is shared with a device of dom0's: nobody in dom0 handles the
 * function's interrupts, so the line would be disabled ("nobody cared")
 * and dom0's own device lose it.  While the guest has the function
 * enabled with INTx (not MSI or MSI-X), a handler here claims them; the
 * guest gets its own copy through Xen.  Every 1000 interrupts it asks Xen
 * whether the line is shared at all and stops claiming when it is not.
 * The administrator can also install it by hand (irq_handler_state).
 *
 * The IRQ is recorded when the handler is installed: once MSI is on,
 * pdev->irq is the MSI vector, and freeing that would leave the INTx
 * handler registered on memory freed at unbind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <xen/events.h>

#include "device.h"

/* How often the handler asks Xen whether the line is still shared. */
#define XPB_INTX_CHECK	1000

static irqreturn_t xpb_intx(int irq, void *data)
{
	struct xpb_dev *dev = data;
	u64 n;

	if (!READ_ONCE(dev->intx.ack))
		return IRQ_NONE;
	n = atomic64_inc_return(&dev->intx.count);
	/* xen_test_irq_shared() is true when no other domain shares it */
	if (!(n % XPB_INTX_CHECK) && xen_test_irq_shared(irq) > 0) {
		WRITE_ONCE(dev->intx.ack, false);
		pci_info(dev->pdev, "INTx %d is not shared with another domain: dom0 stops claiming its interrupts\n",
			 irq);
	}
	return IRQ_HANDLED;
}

/**
 * xpb_intx_set() - install or remove dom0's handler on a function's line
 * @dev: the function
 * @on: install
 *
 * Context: the function's op_lock held, or the function not yet seen by
 * anyone (probe): one caller at a time.
 * Return: 0; -ENXIO if the function has no INTx line; -EBUSY while MSI
 * or MSI-X is on (pdev->irq is not the line then); or request_irq()'s
 * error.
 */
int xpb_intx_set(struct xpb_dev *dev, bool on)
{
	struct pci_dev *pdev = dev->pdev;
	int ret;

	if (on == dev->intx.on)
		return 0;
	if (!on) {
		free_irq(dev->intx.irq, dev);
		dev->intx.on = false;
		return 0;
	}
	if (!pdev->irq || !pdev->pin)
		return -ENXIO;
	if (pdev->msi_enabled || pdev->msix_enabled)
		return -EBUSY;
	dev->intx.irq = pdev->irq;
	WRITE_ONCE(dev->intx.ack, true);
	ret = request_irq(dev->intx.irq, xpb_intx, IRQF_SHARED, dev->name, dev);
	if (ret)
		return ret;
	dev->intx.on = true;
	return 0;
}

/**
 * xpb_intx_follow() - dom0's handler follows the function's interrupts:
 *	on while it is enabled with INTx (no MSI or MSI-X), off otherwise
 * @dev: the function
 *
 * Called after every change a guest makes to them.  A failure to install
 * is logged once; the guest goes on (the line then may be disabled by
 * dom0 if it is shared, as without pciback's help).
 */
void xpb_intx_follow(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	int ret;

	if (!pdev->pin)
		return;
	ret = xpb_intx_set(dev, pci_is_enabled(pdev) && !pdev->msi_enabled &&
			   !pdev->msix_enabled);
	if (ret && ret != -ENXIO)
		pci_warn_once(pdev, "no dom0 handler on its INTx line (%d): a line shared with dom0 may be disabled\n",
			      ret);
}
