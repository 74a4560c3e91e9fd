// SPDX-License-Identifier: GPL-2.0
/*
 * Power Management capability: PME support hidden; the guest's
 * power-state requests are validated and handed to the driver.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_PMCSR_RSVD	0x00f4

static int cfgv_pmcsr_write(struct cfgv_dev *dev, const struct cfgv_field *f,
			    u32 old, u32 *val)
{
	u32 want = *val & PCI_PM_CTRL_STATE_MASK;
	u32 pmc;

	if (want == (old & PCI_PM_CTRL_STATE_MASK))
		return 0;
	pmc = cfgv_hw_read(dev, f->base + PCI_PM_PMC, 2);
	if ((want == 1 && !(pmc & PCI_PM_CAP_D1)) ||
	    (want == 2 && !(pmc & PCI_PM_CAP_D2)))
		return -EPERM;
	if (!dev->hooks->set_power_state)
		return -EOPNOTSUPP;
	return dev->hooks->set_power_state(dev->data, (__force pci_power_t)want,
					   old & PCI_PM_CTRL_NO_SOFT_RESET);
}

static const struct cfgv_reg cfgv_pm_regs[] = {
	/* PME is not virtualized: advertise no PME support */
	{ PCI_PM_PMC, 2, .ro = 0xffff, .rsvd = PCI_PM_CAP_PME_MASK },
	{ PCI_PM_CTRL, 2, .emu = PCI_PM_CTRL_STATE_MASK,
	  .ro = PCI_PM_CTRL_NO_SOFT_RESET | PCI_PM_CTRL_DATA_SCALE_MASK,
	  .rw1c = PCI_PM_CTRL_PME_STATUS,
	  .rsvd = PCI_PM_CTRL_PME_ENABLE | PCI_PM_CTRL_PME_STATUS |
		  CFGV_PMCSR_RSVD,
	  .write = cfgv_pmcsr_write },
	{ PCI_PM_PPB_EXTENSIONS, 1, .ro = 0xff },
	{ PCI_PM_DATA_REGISTER, 1, .ro = 0xff },
};

static unsigned int cfgv_pm_len(struct cfgv_dev *dev, unsigned int off)
{
	return PCI_PM_SIZEOF;
}

static void cfgv_pm_install(struct cfgv_dev *dev, unsigned int off,
			    unsigned int len)
{
	cfgv_install(dev, off, len, cfgv_pm_regs, ARRAY_SIZE(cfgv_pm_regs));
}

const struct cfgv_cap cfgv_cap_pm = {
	.id = PCI_CAP_ID_PM,
	.slot = offsetof(struct cfgv_dev, pm),
	.len = cfgv_pm_len,
	.install = cfgv_pm_install,
};
