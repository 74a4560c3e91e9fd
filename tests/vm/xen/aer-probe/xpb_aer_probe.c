// SPDX-License-Identifier: GPL-2.0
/*
 * xpb_aer_probe: the guest side of the AER forwarding test.  A PCI
 * driver bound (driver_override) to the passed-through function whose
 * error handlers log each call, in order, with what the guest sees of
 * the AER status registers and whether writing 1 clears them.
 * error_detected answers as a driver that can recover would (normal:
 * can_recover, frozen: need_reset); with hang_ms it first sleeps that
 * long, a guest that does not answer in time.  Lines start "XPBAER".
 *
 * Probe enables the function as a real driver would (memory decode, bus
 * mastering, one MSI-X vector) and logs the registers a link reset
 * clears: Command, Device Control and MSI-X Message Control.  slot_reset
 * logs them again as the guest sees them then, and whether they match.
 * With hold=1, error_detected and slot_reset wait after logging until
 * the guest's script writes the "release" parameter (at most a minute),
 * so dom0 can read the hardware, or change it, meanwhile.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/pci.h>

static unsigned int hang_ms;
module_param(hang_ms, uint, 0444);
MODULE_PARM_DESC(hang_ms, "Sleep this long in error_detected before answering");

static bool hold;
module_param(hold, bool, 0444);
MODULE_PARM_DESC(hold, "Wait in error_detected and slot_reset until released");

static DECLARE_COMPLETION(xpb_released);

static int xpb_release_set(const char *val, const struct kernel_param *kp)
{
	complete(&xpb_released);
	return 0;
}

static const struct kernel_param_ops xpb_release_ops = {
	.set = xpb_release_set,
};
module_param_cb(release, &xpb_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "Any write ends the current hold");

/* With hold, wait for the release (the guest's script, on dom0's word). */
static void xpb_hold(struct pci_dev *pdev, const char *where)
{
	if (!hold)
		return;
	reinit_completion(&xpb_released);
	pci_info(pdev, "XPBAER holding %s\n", where);
	if (!wait_for_completion_timeout(&xpb_released, 60 * HZ))
		pci_info(pdev, "XPBAER hold in %s timed out\n", where);
}

static atomic_t xpb_calls = ATOMIC_INIT(0);

/* The registers a link reset clears, as probe left them. */
struct xpb_regs {
	u16 cmd;
	u16 devctl;
	u16 msixctl;
};

static struct xpb_regs xpb_at_probe;

/* Command MEM|MASTER, DevCtl's low byte, MSI-X Enable: what probe set. */
#define XPB_CMD_BITS	(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER)
#define XPB_MSIX_BITS	PCI_MSIX_FLAGS_ENABLE

static void xpb_regs_read(struct pci_dev *pdev, struct xpb_regs *r)
{
	pci_read_config_word(pdev, PCI_COMMAND, &r->cmd);
	pcie_capability_read_word(pdev, PCI_EXP_DEVCTL, &r->devctl);
	r->msixctl = 0;
	if (pdev->msix_cap)
		pci_read_config_word(pdev, pdev->msix_cap + PCI_MSIX_FLAGS,
				     &r->msixctl);
}

static bool xpb_regs_same(const struct xpb_regs *a, const struct xpb_regs *b)
{
	return (a->cmd & XPB_CMD_BITS) == (b->cmd & XPB_CMD_BITS) &&
	       a->devctl == b->devctl &&
	       (a->msixctl & XPB_MSIX_BITS) == (b->msixctl & XPB_MSIX_BITS);
}

static void xpb_probe_status(struct pci_dev *pdev)
{
	int aer = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_ERR);
	u32 uncor = 0, cor = 0, left = 0;

	if (!aer) {
		pci_info(pdev, "XPBAER status: no AER capability\n");
		return;
	}
	pci_read_config_dword(pdev, aer + PCI_ERR_UNCOR_STATUS, &uncor);
	pci_read_config_dword(pdev, aer + PCI_ERR_COR_STATUS, &cor);
	pci_write_config_dword(pdev, aer + PCI_ERR_UNCOR_STATUS, uncor);
	pci_read_config_dword(pdev, aer + PCI_ERR_UNCOR_STATUS, &left);
	pci_info(pdev, "XPBAER status uncor=%#x cor=%#x after-clear=%#x\n",
		 uncor, cor, left);
}

static pci_ers_result_t xpb_probe_detected(struct pci_dev *pdev,
					   pci_channel_state_t state)
{
	pci_info(pdev, "XPBAER %d error_detected state=%d\n",
		 atomic_inc_return(&xpb_calls), (__force int)state);
	xpb_probe_status(pdev);
	xpb_hold(pdev, "error_detected");
	if (hang_ms) {
		pci_info(pdev, "XPBAER not answering for %u ms\n", hang_ms);
		msleep(hang_ms);
	}
	return state == pci_channel_io_normal ? PCI_ERS_RESULT_CAN_RECOVER :
						PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t xpb_probe_mmio(struct pci_dev *pdev)
{
	pci_info(pdev, "XPBAER %d mmio_enabled\n",
		 atomic_inc_return(&xpb_calls));
	return PCI_ERS_RESULT_RECOVERED;
}

static pci_ers_result_t xpb_probe_slot_reset(struct pci_dev *pdev)
{
	struct xpb_regs now;

	xpb_regs_read(pdev, &now);
	pci_info(pdev, "XPBAER %d slot_reset cmd=%04x devctl=%04x msixctl=%04x as-at-probe=%d\n",
		 atomic_inc_return(&xpb_calls), now.cmd, now.devctl,
		 now.msixctl, xpb_regs_same(&now, &xpb_at_probe));
	xpb_hold(pdev, "slot_reset");
	return PCI_ERS_RESULT_RECOVERED;
}

static void xpb_probe_resume(struct pci_dev *pdev)
{
	pci_info(pdev, "XPBAER %d resume\n", atomic_inc_return(&xpb_calls));
}

static const struct pci_error_handlers xpb_probe_err = {
	.error_detected = xpb_probe_detected,
	.mmio_enabled = xpb_probe_mmio,
	.slot_reset = xpb_probe_slot_reset,
	.resume = xpb_probe_resume,
};

static int xpb_probe_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret = pci_enable_device(pdev);

	if (ret)
		return ret;
	pci_set_master(pdev);
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (ret < 0) {
		pci_disable_device(pdev);
		return ret;
	}
	xpb_regs_read(pdev, &xpb_at_probe);
	pci_info(pdev, "XPBAER bound cmd=%04x devctl=%04x msixctl=%04x\n",
		 xpb_at_probe.cmd, xpb_at_probe.devctl, xpb_at_probe.msixctl);
	return 0;
}

static void xpb_probe_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
	pci_clear_master(pdev);
	pci_disable_device(pdev);
}

/* No ID table: it binds only where driver_override names it. */
static struct pci_driver xpb_probe_driver = {
	.name = "xpb_aer_probe",
	.probe = xpb_probe_probe,
	.remove = xpb_probe_remove,
	.err_handler = &xpb_probe_err,
};
module_pci_driver(xpb_probe_driver);

MODULE_DESCRIPTION("Guest-side PCI error handler logger for the pciback AER test");
MODULE_LICENSE("GPL");
