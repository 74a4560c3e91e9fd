// SPDX-License-Identifier: GPL-2.0
/*
 * What a simulated function does, as hardware would, when it is written:
 * power-state changes through PMCSR and Function Level Reset.
 *
 * - A PowerState the function does not support (D1 or D2 without their
 *   PMC bit) is discarded, as PCI PM 1.2 (5.4.1) asks; so is any move out
 *   of D3hot other than to D0, and every move when @pm_stuck is set.
 * - D3hot to D0 without NoSoftRst resets the function, as FLR (PCIe's or
 *   Advanced Features') does: the
 *   registers go back to the power-on image, with command, BARs and ROM
 *   cleared (firmware, not the function, programmed those).
 * The power-on image is what the function held before its first config
 * write (or when sim_dev_power_on() was called): set-up pokes before it
 * survive a reset, pokes after it do not.
 */
#include <linux/pci.h>
#include <linux/string.h>

#include "sim_regs.h"

/**
 * sim_dev_power_on() - take the function's current contents as the ones a
 *	reset returns to
 * @sd: simulated device
 */
void sim_dev_power_on(struct sim_dev *sd)
{
	memcpy(sd->reset_cfg, sd->cfg, sizeof(sd->cfg));
	sd->powered_on = true;
}

/* Registers firmware programs, which a reset clears but for their RO bits. */
static const struct {
	u8 off;
	u8 size;
} sim_fw_regs[] = {
	{ PCI_COMMAND, 2 },
	{ PCI_BASE_ADDRESS_0, 24 },
	{ PCI_ROM_ADDRESS, 4 },
};

static void sim_dev_reset(struct sim_dev *sd)
{
	unsigned int i, b;

	memcpy(sd->cfg, sd->reset_cfg, sizeof(sd->cfg));
	for (i = 0; i < ARRAY_SIZE(sim_fw_regs); i++)
		for (b = 0; b < sim_fw_regs[i].size; b++)
			sd->cfg[sim_fw_regs[i].off + b] &=
				sd->ro[sim_fw_regs[i].off + b];
	sd->resets++;
}

/* Whether a function in @from with PMC @pmc takes PowerState @to. */
static bool sim_pm_takes(unsigned int from, unsigned int to, u16 pmc)
{
	if ((to == 1 && !(pmc & PCI_PM_CAP_D1)) ||
	    (to == 2 && !(pmc & PCI_PM_CAP_D2)))
		return false;
	return from != 3 || to == 0 || to == 3;
}

static bool sim_covers(int where, int size, int reg)
{
	return where <= reg && reg < where + size;
}

static void sim_pm_written(struct sim_dev *sd, u16 before)
{
	int ctl = sd->pdev.pm_cap + PCI_PM_CTRL;
	u16 now = sim_dev_peek(sd, ctl, 2);
	unsigned int from = before & PCI_PM_CTRL_STATE_MASK;
	unsigned int to = now & PCI_PM_CTRL_STATE_MASK;

	if (from == to)
		return;
	if (sd->pm_stuck ||
	    !sim_pm_takes(from, to,
			  sim_dev_peek(sd, sd->pdev.pm_cap + PCI_PM_PMC, 2))) {
		sim_dev_poke(sd, ctl, 2, (now & ~PCI_PM_CTRL_STATE_MASK) | from);
		return;
	}
	if (from == 3 && to == 0 && !(now & PCI_PM_CTRL_NO_SOFT_RESET))
		sim_dev_reset(sd);
}

/**
 * sim_dev_react() - the function's reaction to a config write it took
 * @sd: simulated device
 * @where: offset written
 * @size: bytes written
 * @val: the value written (before masks: Initiate FLR reads 0)
 * @pm_before: PMCSR before the write
 */
void sim_dev_react(struct sim_dev *sd, int where, int size, u32 val,
		   u16 pm_before)
{
	int pm = sd->pdev.pm_cap, exp = sd->pdev.pcie_cap, af = sd->af_pos;

	if (pm && sim_covers(where, size, pm + PCI_PM_CTRL))
		sim_pm_written(sd, pm_before);
	if (exp && sim_covers(where, size, exp + PCI_EXP_DEVCTL + 1) &&
	    (val >> (8 * (exp + PCI_EXP_DEVCTL + 1 - where))) &
	    (PCI_EXP_DEVCTL_BCR_FLR >> 8) &&
	    sim_dev_peek(sd, exp + PCI_EXP_DEVCAP, 4) & PCI_EXP_DEVCAP_FLR)
		sim_dev_reset(sd);
	if (af && sim_covers(where, size, af + PCI_AF_CTRL) &&
	    (val >> (8 * (af + PCI_AF_CTRL - where))) & PCI_AF_CTRL_FLR &&
	    sim_dev_peek(sd, af + PCI_AF_CAP, 1) & PCI_AF_CAP_FLR)
		sim_dev_reset(sd);
}
