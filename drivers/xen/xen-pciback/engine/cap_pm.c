// SPDX-License-Identifier: GPL-2.0
/*
 * Power Management capability: PME is not virtualized (PME support and
 * PME bits read as zero); the guest's power-state requests are judged
 * against the spec's transitions and what the device supports, handed
 * to the driver, counted and traced.
 */
#include <linux/pci.h>

#include "internal.h"

#include <trace/events/xen_pciback_cfg.h>

#define CFGV_PMCSR_RSVD	0x00f4

/*
 * The transitions the PCI PM spec (1.2, 5.4.1) allows, bit n: Dn may
 * follow.  Any state from D0; deeper or D0 from D1 and D2; only D0 from
 * D3hot.
 */
static const u8 cfgv_pm_next[4] = {
	[0] = BIT(1) | BIT(2) | BIT(3),
	[1] = BIT(0) | BIT(2) | BIT(3),
	[2] = BIT(0) | BIT(3),
	[3] = BIT(0),
};

/* The PMC bit a state needs; D0 and D3hot are mandatory. */
static const u16 cfgv_pm_cap_bit[4] = {
	[1] = PCI_PM_CAP_D1,
	[2] = PCI_PM_CAP_D2,
};

/* A refused request, by rule (-EPERM) or by the driver (its errno). */
static enum cfgv_status cfgv_pm_refuse(struct cfgv_wctx *c, u32 from,
				       u32 want, const char *why, int err)
{
	c->dev->stats.pm_refused++;
	c->why = why;
	trace_xen_pciback_cfg_pm(c->dev->pdev, from, want, from, err);
	if (err == -EPERM)
		return CFGV_DENIED;
	c->err = err;
	return CFGV_HOOK_FAILED;
}

/*
 * A guest's PowerState write: judged against the spec's transitions and
 * what the device supports, carried out by the driver's hook, and the
 * guest then reads the state the device is really in.
 */
static enum cfgv_status cfgv_pmcsr_write(struct cfgv_wctx *c, u32 old,
					 u32 *val)
{
	const struct cfgv_hooks *h = c->dev->hooks;
	unsigned int base = c->off - PCI_PM_CTRL;
	u32 want = *val & PCI_PM_CTRL_STATE_MASK;
	u32 pmc, ctl, from, now;
	int ret;

	if (want == (old & PCI_PM_CTRL_STATE_MASK))
		return CFGV_OK;
	if (cfgv_hw_read_live(c->dev, base + PCI_PM_PMC, 2, &pmc) ||
	    cfgv_hw_read_live(c->dev, base + PCI_PM_CTRL, 2, &ctl))
		return CFGV_HW_FAILED;
	from = ctl & PCI_PM_CTRL_STATE_MASK;
	if (cfgv_pm_cap_bit[want] && !(pmc & cfgv_pm_cap_bit[want]))
		return cfgv_pm_refuse(c, from, want,
				      "power state not supported by the device",
				      -EPERM);
	if (want == from)
		return CFGV_OK;
	if (!(cfgv_pm_next[from] & BIT(want)))
		return cfgv_pm_refuse(c, from, want,
				      "transition not allowed by the PCI PM spec (D3hot goes only to D0, D2 not to D1)",
				      -EPERM);
	if (!h->set_power_state)
		return CFGV_UNSUPPORTED;
	cfgv_hook_enter(c);
	ret = h->set_power_state(c->dev->data, (__force pci_power_t)from,
				 (__force pci_power_t)want,
				 ctl & PCI_PM_CTRL_NO_SOFT_RESET);
	if (ret < 0)
		return cfgv_pm_refuse(c, from, want, "refused by the driver", ret);
	if (ret == CFGV_STATE_LOST)
		c->rebuild = true;
	/* what the device is in now, not what was asked */
	now = cfgv_hw_read_live(c->dev, base + PCI_PM_CTRL, 2, &ctl) ? want :
	      ctl & PCI_PM_CTRL_STATE_MASK;
	*val = (*val & ~PCI_PM_CTRL_STATE_MASK) | now;
	c->dev->stats.pm_changes++;
	trace_xen_pciback_cfg_pm(c->dev->pdev, from, want, now, 0);
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
