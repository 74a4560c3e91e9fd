// SPDX-License-Identifier: GPL-2.0
/*
 * Built-in path: pci_realign= on the kernel command line, acting before
 * the PCI core assigns BARs.
 *
 * A header fixup gives each selected small BAR the size of a whole
 * granule and marks it unassigned, so the core's own allocator (and its
 * bridge-window sizing) places it on a granule boundary with the granule
 * to itself.  Once the core is done, the BAR is shrunk back to the size
 * the hardware decodes and apply.c claims the freed tail by name, exactly
 * as at run time; decode is then restored.  A BAR the core could not
 * place is reported and left unassigned, as the core itself would.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#include "realign.h"

#define BOOT_MAX_BARS	64

/**
 * struct boot_bar - a BAR enlarged by the header fixup
 * @dev: the device (a reference is held until the finish step)
 * @resno: BAR number
 * @size: the size the hardware decodes
 * @order: log2 of the granule
 * @cmd: the command register before decode was turned off
 */
struct boot_bar {
	struct pci_dev *dev;
	int resno;
	resource_size_t size;
	unsigned int order;
	u16 cmd;
};

static struct realign_list boot_list;
static struct boot_bar boot_bars[BOOT_MAX_BARS];
static unsigned int boot_n;
static bool boot_done;

static int __init realign_setup(char *str)
{
	struct realign_parse_err err;

	if (realign_parse(str, &boot_list, &err))
		pr_err("pci_realign= rejected at '%s' (offset %u): %s; nothing realigned\n",
		       err.token, err.pos, err.reason);
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
	return &boot_list;
}

static bool enlarge(struct pci_dev *dev, int resno, unsigned int order,
		    u16 cmd)
{
	struct resource *res = &dev->resource[resno];
	resource_size_t granule = (resource_size_t)1 << order;
	resource_size_t size = resource_size(res);

	if (!(res->flags & IORESOURCE_MEM) || !size || size >= granule ||
	    (res->flags & IORESOURCE_PCI_FIXED))
		return false;
	if (boot_n == BOOT_MAX_BARS) {
		pci_warn(dev, "BAR %d: more than %d BARs selected, not realigned\n",
			 resno, BOOT_MAX_BARS);
		return false;
	}
	boot_bars[boot_n++] = (struct boot_bar){ pci_dev_get(dev), resno, size,
						 order, cmd };
	pci_info(dev, "BAR %d %pR: to be placed alone in a %#llx-byte block\n",
		 resno, res, (unsigned long long)granule);
	res->start = 0;
	res->end = granule - 1;
	res->flags |= IORESOURCE_UNSET;
	return true;
}

static void realign_fixup(struct pci_dev *dev)
{
	const struct realign_sel *sel;
	const char *why;
	bool any = false;
	u16 cmd;
	int resno;

	if (boot_done || !boot_list.n)
		return;
	sel = realign_select(&boot_list, dev);
	if (!sel)
		return;
	why = realign_skip_reason(dev, false);
	if (why) {
		pci_info(dev, "not realigned: %s\n", why);
		return;
	}
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++)
		any |= enlarge(dev, resno, sel->order, cmd);
	if (any && (cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~PCI_COMMAND_MEMORY);
}
DECLARE_PCI_FIXUP_HEADER(PCI_ANY_ID, PCI_ANY_ID, realign_fixup);

/* Give a BAR the core placed back its hardware size, or say why not. */
static void restore_size(struct boot_bar *b)
{
	struct resource *res = &b->dev->resource[b->resno];

	if (!res->parent) {
		pci_err(b->dev, "BAR %d: the core found no room, left unassigned\n",
			b->resno);
		res->end = res->start + b->size - 1;
		return;
	}
	if (adjust_resource(res, res->start, b->size)) {
		pci_err(b->dev, "BAR %d %pR: cannot shrink back\n", b->resno,
			res);
	}
}

static int __init realign_boot_finish(void)
{
	struct pci_dev *last = NULL;
	unsigned int i;

	mutex_lock(&realign_lock);
	boot_done = true;
	for (i = 0; i < boot_n; i++)
		restore_size(&boot_bars[i]);
	/*
	 * Every BAR has its real size again: reserve the tails, once per
	 * device (the fixup recorded a device's BARs one after another).
	 */
	for (i = 0; i < boot_n; i++) {
		if (boot_bars[i].dev == last)
			continue;
		last = boot_bars[i].dev;
		if (realign_device(last, boot_bars[i].order, false))
			pci_err(last, "page tails not reserved\n");
	}
	for (i = 0; i < boot_n; i++) {
		pci_write_config_word(boot_bars[i].dev, PCI_COMMAND,
				      boot_bars[i].cmd);
		pci_dev_put(boot_bars[i].dev);
	}
	mutex_unlock(&realign_lock);
	/* main.c logs the audit summary when it initializes, just after. */
	return 0;
}
fs_initcall_sync(realign_boot_finish);
