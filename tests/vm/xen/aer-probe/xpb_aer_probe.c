// SPDX-License-Identifier: GPL-2.0
/*
 * xpb_aer_probe: the guest side of the AER forwarding test.  A PCI
 * driver bound (driver_override) to the passed-through function whose
 * error handlers log each call, in order, with what the guest sees of
 * the AER status registers and whether writing 1 clears them.
 * error_detected answers as a driver that can recover would (normal:
 * can_recover, frozen: need_reset); with hang_ms it first sleeps that
 * long, a guest that does not answer in time.  Lines start "XPBAER".
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/pci.h>

static unsigned int hang_ms;
module_param(hang_ms, uint, 0444);
MODULE_PARM_DESC(hang_ms, "Sleep this long in error_detected before answering");

static atomic_t xpb_calls = ATOMIC_INIT(0);

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
	u16 vendor = 0;

	pci_read_config_word(pdev, PCI_VENDOR_ID, &vendor);
	pci_info(pdev, "XPBAER %d slot_reset vendor=%04x\n",
		 atomic_inc_return(&xpb_calls), vendor);
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
	pci_info(pdev, "XPBAER bound\n");
	return 0;
}

static void xpb_probe_remove(struct pci_dev *pdev)
{
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
