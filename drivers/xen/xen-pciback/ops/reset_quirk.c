// SPDX-License-Identifier: GPL-2.0
/*
 * Resets the PCI core cannot see, for devices known by their ID.
 *
 * An Advanced Features capability the function has in config space but
 * leaves out of its capability list: the core's af_flr method looks for
 * it in the list, never finds it, and the function has no reset.  The
 * Intel I219-LM (8086:550a) is the known case (QubesOS issues 9356 and
 * 11048): its list ends with MSI at 0xd0, the AF capability sits at
 * 0xe0.  pciback uses it where the row says it is, after checking that
 * the list does end there and that it is an AF capability with FLR.
 */
#include <linux/delay.h>
#include <linux/pci.h>

#include "reset_quirk.h"

/**
 * struct xpb_reset_quirk - a function whose AF capability is not linked
 * @vendor: its vendor ID
 * @device: its device ID
 * @last_id: the ID of the capability that ends its list
 * @last: where that capability is
 * @af: where the AF capability is
 */
struct xpb_reset_quirk {
	u16 vendor;
	u16 device;
	u8 last_id;
	u8 last;
	u8 af;
};

static const struct xpb_reset_quirk xpb_reset_quirks[] = {
	{ PCI_VENDOR_ID_INTEL, 0x550a, PCI_CAP_ID_MSI, 0xd0, 0xe0 }, /* I219-LM */
};

/*
 * The AF FLR's waits: for transactions still pending before it (the
 * reset goes ahead after that, as the PCI core's does), the 100 ms the
 * function has to reset, and how long it may take to answer again.
 */
#define XPB_AF_PENDING_MS	700
#define XPB_AF_RESET_MS		100
#define XPB_AF_READY_MS		1000
#define XPB_AF_POLL_MS		10

#define XPB_AF_WANTS		(PCI_AF_CAP_TP | PCI_AF_CAP_FLR)

static bool xpb_quirk_holds(struct pci_dev *pdev,
			    const struct xpb_reset_quirk *q)
{
	u8 next, id, cap;

	/* linked after all (a firmware or a kernel that fixed it): the core's */
	if (pci_find_capability(pdev, PCI_CAP_ID_AF))
		return false;
	if (pci_find_capability(pdev, q->last_id) != q->last ||
	    pci_read_config_byte(pdev, q->last + PCI_CAP_LIST_NEXT, &next) ||
	    pci_read_config_byte(pdev, q->af + PCI_CAP_LIST_ID, &id) ||
	    pci_read_config_byte(pdev, q->af + PCI_AF_CAP, &cap))
		return false;
	return !next && id == PCI_CAP_ID_AF &&
	       (cap & XPB_AF_WANTS) == XPB_AF_WANTS;
}

/**
 * xpb_reset_quirk_af() - where a function's unlinked AF capability is
 * @pdev: the function
 *
 * Return: the AF capability's offset when a row of xpb_reset_quirks[]
 * names the function and its config space is as the row says; 0
 * otherwise (no row, the capability linked, or anything unexpected).
 */
int xpb_reset_quirk_af(struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xpb_reset_quirks); i++) {
		const struct xpb_reset_quirk *q = &xpb_reset_quirks[i];

		if (pdev->vendor == q->vendor && pdev->device == q->device)
			return xpb_quirk_holds(pdev, q) ? q->af : 0;
	}
	return 0;
}

/* Until @pdev answers a config read again, at most XPB_AF_READY_MS. */
static int xpb_af_wait_ready(struct pci_dev *pdev)
{
	unsigned int ms;
	u32 id;

	for (ms = 0; ; ms += XPB_AF_POLL_MS) {
		if (!pci_read_config_dword(pdev, PCI_VENDOR_ID, &id) &&
		    !PCI_POSSIBLE_ERROR(id))
			return 0;
		if (ms >= XPB_AF_READY_MS)
			return -ETIMEDOUT;
		msleep(XPB_AF_POLL_MS);
	}
}

/**
 * xpb_reset_af_flr() - an Advanced Features FLR through a capability
 *	found by xpb_reset_quirk_af()
 * @pdev: the function
 * @pos: the capability's offset
 *
 * Context: may sleep (over 100 ms); the caller saves and restores the
 * configuration, as for any reset.
 * Return: 0 when the function answers again after it, -ETIMEDOUT if it
 * does not, or -EIO when the FLR could not be written.
 */
int xpb_reset_af_flr(struct pci_dev *pdev, int pos)
{
	unsigned int ms;
	u8 status;

	for (ms = 0; ; ms += XPB_AF_POLL_MS) {
		if (pci_read_config_byte(pdev, pos + PCI_AF_STATUS, &status))
			status = 0;
		if (!(status & PCI_AF_STATUS_TP))
			break;
		if (ms >= XPB_AF_PENDING_MS) {
			pci_warn(pdev, "AF FLR: transactions still pending after %u ms, resetting anyway\n",
				 ms);
			break;
		}
		msleep(XPB_AF_POLL_MS);
	}
	if (pci_write_config_byte(pdev, pos + PCI_AF_CTRL, PCI_AF_CTRL_FLR))
		return -EIO;
	msleep(XPB_AF_RESET_MS);
	return xpb_af_wait_ready(pdev);
}
