// SPDX-License-Identifier: GPL-2.0
/*
 * Built-in path: pci_realign= on the kernel command line, acting before
 * the PCI core assigns BARs.  The steps are in boot_steps.c; here they
 * are hooked to the parameter, a header fixup and an initcall that runs
 * once the core has assigned every BAR.
 */
#include <linux/init.h>
#include <linux/pci.h>

#include "realign.h"

static struct realign_boot boot;

static int __init realign_setup(char *str)
{
	realign_boot_set(&boot, str);
	return 1;
}
__setup("pci_realign=", realign_setup);

/**
 * realign_boot_selection() - the pci_realign= list parsed at boot
 *
 * Return: the list; empty if the parameter was absent or rejected.
 */
const struct realign_list *realign_boot_selection(void)
{
	return &boot.list;
}

static void realign_fixup(struct pci_dev *dev)
{
	realign_boot_enlarge(&boot, dev);
}
DECLARE_PCI_FIXUP_HEADER(PCI_ANY_ID, PCI_ANY_ID, realign_fixup);

static int __init realign_boot_initcall(void)
{
	realign_boot_finish(&boot);
	/* main.c logs the audit summary when it initializes, just after. */
	return 0;
}
fs_initcall_sync(realign_boot_initcall);
