// SPDX-License-Identifier: GPL-2.0
/*
 * Power Management capability: PME is not virtualized (PME support and
 * PME bits read as zero); the guest's power-state requests are judged
 * against what the device supports and handed to the driver.
 */
#include <linux/pci.h>

#include "internal.h"

#define CFGV_PMCSR_RSVD	0x00f4

static enum cfgv_status cfgv_pmcsr_write(struct cfgv_wctx *c, u32 old,
					 u32 *val)
{
	const struct cfgv_hooks *h = c->dev->hooks;
	u32 want = *val & PCI_PM_CTRL_STATE_MASK;
	u32 from = old & PCI_PM_CTRL_STATE_MASK;
	u32 pmc;
	int ret;

	if (want == from)
		return CFGV_OK;
	if (cfgv_hw_read_live(c->dev, c->off - PCI_PM_CTRL + PCI_PM_PMC, 2,
			      &pmc))
		return CFGV_HW_FAILED;
	if ((want == 1 && !(pmc & PCI_PM_CAP_D1)) ||
	    (want == 2 && !(pmc & PCI_PM_CAP_D2))) {
		c->why = "power state not supported by the device";
		return CFGV_DENIED;
	}
	if (!h->set_power_state)
		return CFGV_UNSUPPORTED;
	cfgv_hook_enter(c);
	ret = h->set_power_state(c->dev->data, (__force pci_power_t)from,
				 (__force pci_power_t)want,
				 old & PCI_PM_CTRL_NO_SOFT_RESET);
	if (ret < 0) {
		c->err = ret;
		c->why = "refused by the driver";
		return ret == -EPERM ? CFGV_DENIED : CFGV_HOOK_FAILED;
	}
	if (ret == CFGV_STATE_LOST)
		c->rebuild = true;
	return CFGV_OK;
}

static const struct cfgv_reg cfgv_pm_regs[] = {
	/* PME is not virtualized: advertise no PME support */
	{ PCI_PM_PMC, 2, .ro = 0xffff, .rsvd = PCI_PM_CAP_PME_MASK },
	/*
	 * PME_Status reads 0 to the guest (hidden) but is RW1C in hardware:
	 * a write-back of the register never clears a pending PME.
	 */
	{ PCI_PM_CTRL, 2, .emu = PCI_PM_CTRL_STATE_MASK,
	  .ro = PCI_PM_CTRL_NO_SOFT_RESET | PCI_PM_CTRL_DATA_SCALE_MASK,
	  .rw1c = PCI_PM_CTRL_PME_STATUS,
	  .rsvd = PCI_PM_CTRL_PME_ENABLE | PCI_PM_CTRL_PME_STATUS |
		  CFGV_PMCSR_RSVD,
	  .sleep = PCI_PM_CTRL_STATE_MASK, .write = cfgv_pmcsr_write },
	{ PCI_PM_PPB_EXTENSIONS, 1, .ro = 0xff },
	{ PCI_PM_DATA_REGISTER, 1, .ro = 0xff },
};

static unsigned int cfgv_pm_len(struct cfgv_build *b, unsigned int off,
				unsigned int *min)
{
	*min = PCI_PM_SIZEOF;
	return PCI_PM_SIZEOF;
}

static void cfgv_pm_install(struct cfgv_build *b, unsigned int off,
			    unsigned int len)
{
	cfgv_install(b, off, len, cfgv_pm_regs, ARRAY_SIZE(cfgv_pm_regs));
}

const struct cfgv_cap cfgv_cap_pm = {
	.id = PCI_CAP_ID_PM,
	.slot = offsetof(struct cfgv_map, pm),
	.len = cfgv_pm_len,
	.install = cfgv_pm_install,
};
