// SPDX-License-Identifier: GPL-2.0
/*
 * Vital Product Data capability, emulated on top of the PCI core's VPD
 * access (pci_read_vpd()/pci_write_vpd()), so the core's serialisation
 * and its quirks for devices that hang or misreport their VPD size
 * apply to guests too.  The guest drives the usual handshake on virtual
 * registers: writing the address with F clear reads a dword into the
 * virtual data register and sets F; writing it with F set (permissive
 * mode only) writes the virtual data register and clears F.  A function
 * whose VPD the core turned off shows no VPD capability.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_VPD_ADDR_MASK	0x7ffc

static enum cfgv_status cfgv_vpd_addr_write(struct cfgv_wctx *c, u32 old,
					    u32 *val)
{
	unsigned int data = c->off - PCI_VPD_ADDR + PCI_VPD_DATA;
	struct pci_dev *pdev = c->dev->pdev;
	unsigned int pos = *val & CFGV_VPD_ADDR_MASK;
	__le32 buf = 0;
	ssize_t n;

	if ((*val & PCI_VPD_ADDR_F) &&
	    !cfgv_priv_open(c->dev, CFGV_PRIV_PERMISSIVE)) {
		c->why = "VPD writes need permissive mode";
		return CFGV_DENIED;
	}
	cfgv_hook_enter(c);
	if (*val & PCI_VPD_ADDR_F) {
		buf = cpu_to_le32(cfgv_vget(c->dev, data, 4));
		n = pci_write_vpd(pdev, pos, sizeof(buf), &buf);
	} else {
		n = pci_read_vpd(pdev, pos, sizeof(buf), &buf);
	}
	if (n == -EINVAL) {	/* the core's size limit, not the device */
		c->why = "outside the device's VPD";
		return CFGV_DENIED;
	}
	if (n < 0) {
		c->err = n;
		return CFGV_HW_FAILED;
	}
	/* past the end of the VPD the data register reads zeros */
	if (!(*val & PCI_VPD_ADDR_F))
		cfgv_vset(c->dev, data, 4, le32_to_cpu(buf));
	*val = pos | (~*val & PCI_VPD_ADDR_F);
	return CFGV_OK;
}

static const struct cfgv_reg cfgv_vpd_regs[] = {
	{ PCI_VPD_ADDR, 2, .flags = CFGV_REG_SLEEPS, .emu = 0xffff,
	  .write = cfgv_vpd_addr_write },
	{ PCI_VPD_DATA, 4, .emu = ~0U },
};

static unsigned int cfgv_vpd_len(struct cfgv_build *b, unsigned int off,
				 unsigned int *min)
{
	*min = PCI_CAP_VPD_SIZEOF;
	return b->dev->pdev->vpd.cap ? PCI_CAP_VPD_SIZEOF : 0;
}

static void cfgv_vpd_install(struct cfgv_build *b, unsigned int off,
			     unsigned int len)
{
	cfgv_install(b, off, len, cfgv_vpd_regs, ARRAY_SIZE(cfgv_vpd_regs));
	cfgv_set_shadow(b, off + PCI_VPD_ADDR, 2, 0);
	cfgv_set_shadow(b, off + PCI_VPD_DATA, 4, 0);
}

const struct cfgv_cap cfgv_cap_vpd = {
	.id = PCI_CAP_ID_VPD,
	.slot = offsetof(struct cfgv_map, vpd),
	.len = cfgv_vpd_len,
	.install = cfgv_vpd_install,
};
