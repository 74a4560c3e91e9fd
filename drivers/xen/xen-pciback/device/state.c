// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: a function's state across owners, and the side effects
 * of the guest's config writes (the engine's hooks).
 *
 * Seize saves the configuration the host left, resets the function with
 * the best method the PCI core has (device-specific, ACPI, FLR, AF FLR,
 * PM, then slot or bus only when the function is alone there) and puts
 * that configuration back.  Every release (guest detach or death,
 * unbind) turns interrupts, decode and bus mastering off, resets and
 * puts the seize-time configuration back, so the next owner finds what
 * it would have found at boot.
 */
#include <linux/slab.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/physdev.h>

#include "device.h"

/* The engine's hooks, with and without the guest's FLR (end of file). */
static const struct cfgv_hooks xpb_hooks, xpb_hooks_no_flr;

/*
 * Xen sets up its own record of a function's MSI-X table (where it is,
 * so a guest cannot write it) only while dom0 owns the function: pciback
 * asks for it at seize and drops it at release.  Xen reads the table's
 * BAR, so memory decode is on for the call.
 */
static void xpb_msix_prepare(struct pci_dev *pdev, bool prepare)
{
	struct physdev_pci_device ppdev = {
		.seg = pci_domain_nr(pdev->bus),
		.bus = pdev->bus->number,
		.devfn = pdev->devfn,
	};
	u16 cmd;
	int ret;

	if (!pdev->msix_cap)
		return;
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	if (prepare && !(cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(pdev, PCI_COMMAND,
				      cmd | PCI_COMMAND_MEMORY);
	ret = HYPERVISOR_physdev_op(prepare ? PHYSDEVOP_prepare_msix :
				    PHYSDEVOP_release_msix, &ppdev);
	if (prepare && !(cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(pdev, PCI_COMMAND, cmd);
	if (ret)
		pci_warn(pdev, "Xen refused to %s its MSI-X table (%d)%s\n",
			 prepare ? "set up" : "release", ret,
			 prepare ? ": guests get no MSI-X" : "");
}

/*
 * A function no dom0 driver ever enabled still has the firmware's
 * Interrupt Line in pdev->irq, not its GSI.  Enabling it once routes the
 * INTx (ACPI), so the guest (through the virtual Interrupt Line) and
 * libxl (through sysfs "irq") get the line the device really signals.
 * The command register is put back as it was.
 */
static void xpb_route_intx(struct pci_dev *pdev)
{
	u16 cmd;
	int ret;

	if (!pdev->pin || pci_is_enabled(pdev))
		return;
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	ret = pci_enable_device(pdev);
	if (ret) {
		pci_warn(pdev, "INTx not routed (%d): a guest may get no INTx\n",
			 ret);
		return;
	}
	pci_disable_device(pdev);
	pci_write_config_word(pdev, PCI_COMMAND, cmd);
}

/**
 * xpb_state_seize() - take a function over from the host
 * @dev: the function, not yet listed
 *
 * Context: probe, the device lock held.
 * Return: 0 or a negative errno (nothing changed).
 */
int xpb_state_seize(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	struct cfgv_dev *cfgv;

	xpb_route_intx(pdev);
	pci_save_state(pdev);
	dev->saved = pci_store_saved_state(pdev);
	if (!dev->saved)
		return -ENOMEM;
	/* from dom0 to the first guest: no refusal when it cannot be reset */
	if (xpb_reset_run(dev, "bind") == XPB_RESET_UNLOCKED)
		pci_info(pdev, "bind: not reset: only a reset of its slot or bus reaches it, done at do_flr or when a guest lets it go\n");
	pci_restore_state(pdev);
	cfgv = cfgv_create(pdev, pcie_reset_flr(pdev, true) ?
			   &xpb_hooks_no_flr : &xpb_hooks, dev);
	if (IS_ERR(cfgv)) {
		pci_err(pdev, "not seized: config-space view failed (%ld)\n",
			PTR_ERR(cfgv));
		kfree(dev->saved);
		dev->saved = NULL;
		return PTR_ERR(cfgv);
	}
	dev->cfgv = cfgv;
	xpb_msix_prepare(pdev, true);
	return 0;
}

/**
 * xpb_irqs_off() - turn off the MSI or MSI-X a guest had
 * @pdev: the function
 */
void xpb_irqs_off(struct pci_dev *pdev)
{
	if (pdev->msix_enabled)
		pci_disable_msix(pdev);
	if (pdev->msi_enabled)
		pci_disable_msi(pdev);
}

/**
 * xpb_state_release() - bring a function back to its seize-time state
 * @dev: the function, no guest's any more
 *
 * Context: the device lock and its op_lock held.
 * Return: what xpb_reset_run() returned: 0 only if it was reset (its
 * configuration is put back either way); XPB_RESET_UNLOCKED when the
 * caller is to reset its group, with no lock held.
 */
int xpb_state_release(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	int ret;

	xpb_intx_set(dev, false);
	xpb_irqs_off(pdev);
	if (pci_is_enabled(pdev))
		pci_disable_device(pdev);
	pci_clear_master(pdev);
	if (pdev->current_state != PCI_D0)
		pci_set_power_state(pdev, PCI_D0);
	ret = xpb_reset_run(dev, "release");
	pci_load_saved_state(pdev, dev->saved);
	pci_restore_state(pdev);
	WRITE_ONCE(dev->cmd_hooked, 0);
	/*
	 * Interrupt control was for the owner that let go (libxl sets it
	 * for a stub domain's device model and counts on this): the next
	 * owner must be given it anew.
	 */
	if (cfgv_interrupt_control(dev->cfgv)) {
		cfgv_set_interrupt_control(dev->cfgv, false);
		pci_info(pdev, "allow_interrupt_control off: the guest let it go\n");
	}
	return ret;
}

/**
 * xpb_state_unseize() - give a function back to the host
 * @dev: the function, released
 */
void xpb_state_unseize(struct xpb_dev *dev)
{
	xpb_msix_prepare(dev->pdev, false);
}

/**
 * xpb_state_reset() - reset a function and put its configuration back
 * @dev: the function (its owner, if any, keeps it: the reset is
 *	transparent to the guest's view)
 *
 * Context: the device lock and its op_lock held.
 * Return: 0 when it was reset; -ENOTTY when no method could be used (its
 * configuration is put back, and that is all); XPB_RESET_UNLOCKED when
 * the caller is to reset its group, with no lock held; or the error of
 * the method that failed.
 */
int xpb_state_reset(struct xpb_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	int ret;

	pci_save_state(pdev);
	/* No decode, mastering or INTx while the function resets. */
	pci_write_config_word(pdev, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE);
	ret = xpb_reset_run(dev, "do_flr");
	pci_restore_state(pdev);
	return ret;
}

#define XPB_DECODE	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY)

/*
 * Memory Write and Invalidate through the PCI core, which also sets the
 * cache line size it needs.  A function that cannot do it keeps the bit
 * clear, and the guest reads that back.
 */
static void xpb_set_mwi(struct pci_dev *pdev, bool on)
{
	int ret;

	if (!on) {
		pci_clear_mwi(pdev);
		return;
	}
	ret = pci_set_mwi(pdev);
	if (ret)
		pci_dbg(pdev, "guest's Memory Write and Invalidate not set: %d\n",
			ret);
}

/*
 * Decode only ever turns on in hardware, through pci_enable_device() (so
 * the PCI core knows the function is in use), never off by a guest's
 * write: a guest that turned decode off and then touched its own BARs
 * would make the function answer Unsupported Request, which some
 * platforms escalate to a host crash (XSA-120).  Turning it off only
 * drops the core's enable (pci_disable_device() clears bus mastering,
 * not decode).  The guest reads back the decode bits it wrote, and the
 * bus master and MWI bits the function really has.
 */
static int xpb_set_command(void *data, u16 old, u16 *cmd)
{
	struct xpb_dev *dev = data;
	struct pci_dev *pdev = dev->pdev;
	u16 hw;
	int ret;

	if ((*cmd & XPB_DECODE) && !pci_is_enabled(pdev)) {
		ret = pci_enable_device(pdev);
		if (ret)
			return ret;
	} else if (!(*cmd & XPB_DECODE) && pci_is_enabled(pdev)) {
		pci_disable_device(pdev);
	}
	if (*cmd & PCI_COMMAND_MASTER)
		pci_set_master(pdev);
	else
		pci_clear_master(pdev);
	if ((old ^ *cmd) & PCI_COMMAND_INVALIDATE)
		xpb_set_mwi(pdev, *cmd & PCI_COMMAND_INVALIDATE);
	xpb_intx_follow(dev);
	pci_read_config_word(pdev, PCI_COMMAND, &hw);
	*cmd = (*cmd & XPB_DECODE) |
	       (hw & (PCI_COMMAND_MASTER | PCI_COMMAND_INVALIDATE));
	WRITE_ONCE(dev->cmd_hooked, *cmd);
	return 0;
}

/**
 * xpb_state_hooks_again() - what the guest has through the Command
 *	hook, back in hardware after a state older than its guest came back
 * @dev: the function
 *
 * The state saved at bind (the AER slot_reset's fallback) holds neither
 * the decode nor the bus mastering, MWI or INTx masking the guest's
 * driver has turned on since.  Decode comes back as the PCI core brings
 * an enabled device back (pci_reenable_device()); the rest goes through
 * the hook again with what it last established, every bit taken as
 * changed.
 *
 * Context: takes its op_lock, as a guest's request does (the hook's INTx
 * handler change needs it).
 * Return: 0 or a negative errno.
 */
int xpb_state_hooks_again(struct xpb_dev *dev)
{
	u16 cmd;
	int ret;

	mutex_lock(&dev->op_lock);
	cmd = READ_ONCE(dev->cmd_hooked);
	ret = pci_reenable_device(dev->pdev);
	if (!ret)
		ret = xpb_set_command(dev, ~cmd, &cmd);
	mutex_unlock(&dev->op_lock);
	return ret;
}

/*
 * Max_Read_Request_Size as the PCI core sets it for a driver: with
 * pci=pcie_bus_perf it never exceeds the Max_Payload_Size the host chose.
 */
static int xpb_set_readrq(void *data, int *bytes)
{
	struct xpb_dev *dev = data;
	int ret;

	ret = pcie_set_readrq(dev->pdev, *bytes);
	if (ret)
		return ret;
	ret = pcie_get_readrq(dev->pdev);
	if (ret < 0)
		return ret;
	*bytes = ret;
	return 0;
}

/*
 * D3hot and back without NoSoftRst loses the configuration: it is saved
 * on the way down and put back on the way up, so the guest finds its
 * BARs, command and interrupts as it left them.
 */
static int xpb_set_power_state(void *data, pci_power_t from, pci_power_t to,
			       bool no_soft_reset)
{
	struct xpb_dev *dev = data;
	struct pci_dev *pdev = dev->pdev;
	int ret;

	if (to == PCI_D3hot && !no_soft_reset) {
		pci_save_state(pdev);
		kfree(dev->pm_saved);
		dev->pm_saved = pci_store_saved_state(pdev);
	}
	ret = pci_set_power_state(pdev, to);
	if (ret)
		return ret;
	if (to == PCI_D0 && from == PCI_D3hot && dev->pm_saved) {
		pci_load_saved_state(pdev, dev->pm_saved);
		pci_restore_state(pdev);
		kfree(dev->pm_saved);
		dev->pm_saved = NULL;
	}
	return 0;
}

/*
 * A guest's Function Level Reset; BARs and the core's view survive it.
 * Through the PCI core's FLR method, which refuses functions whose FLR
 * the core knows to hang them (PCI_DEV_FLAGS_NO_FLR_RESET quirks) or
 * that do not advertise FLR; such a function's guest is not shown FLR
 * at all (xpb_hooks_no_flr).
 */
static int xpb_flr(void *data)
{
	struct xpb_dev *dev = data;
	struct pci_dev *pdev = dev->pdev;
	int ret;

	/* tests only: an FLR that takes its time */
	xpb_hold(pdev, &dev->hold_reset, "guest FLR", "hold_reset");
	pci_save_state(pdev);
	ret = xpb_reset_flr(dev, "guest FLR");
	pci_restore_state(pdev);
	return ret;
}

static int xpb_rom_enable(void *data, bool enable)
{
	struct xpb_dev *dev = data;

	if (enable)
		return pci_enable_rom(dev->pdev);
	pci_disable_rom(dev->pdev);
	return 0;
}

static const struct cfgv_hooks xpb_hooks = {
	.set_command = xpb_set_command,
	.set_power_state = xpb_set_power_state,
	.reset = xpb_flr,
	.rom_enable = xpb_rom_enable,
	.set_readrq = xpb_set_readrq,
};

/* The same without FLR: the engine then hides DevCap FLR from the guest. */
static const struct cfgv_hooks xpb_hooks_no_flr = {
	.set_command = xpb_set_command,
	.set_power_state = xpb_set_power_state,
	.rom_enable = xpb_rom_enable,
	.set_readrq = xpb_set_readrq,
};
