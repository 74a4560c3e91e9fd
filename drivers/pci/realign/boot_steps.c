// SPDX-License-Identifier: GPL-2.0
/*
 * The steps of the built-in path, on a state the caller owns: boot.c
 * runs them from the pci_realign= parameter, a header fixup and an
 * initcall; KUnit runs them on simulated devices.
 *
 * The fixup step gives each selected small BAR the size of a whole
 * granule and marks it unassigned, so the core's own allocator (and its
 * bridge-window sizing) places it on a granule boundary with the granule
 * to itself.  The finish step, once the core is done, shrinks each BAR
 * back to the size the hardware decodes, has apply.c claim the freed
 * tail by name, exactly as at run time, and restores decode.  A BAR the
 * core could not place is reported, and its memory decode stays off:
 * the register still holds the firmware's address, which the kernel
 * may give to another device.  The core cleared that resource's flags
 * (reset_resource()), which would let pci_enable_resources() skip it
 * and turn decode on for the device's other BARs; it gets its flags
 * back marked unassigned, so enabling the device fails instead.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/mutex.h>
#include <linux/pci.h>

#include "realign.h"

/**
 * realign_boot_set() - take a pci_realign= string
 * @b: the boot state
 * @str: the string
 *
 * A malformed string empties the list, as its message says, even if an
 * earlier pci_realign= was good.
 *
 * Return: 0, or -EINVAL (logged) if the string is malformed.
 */
int realign_boot_set(struct realign_boot *b, const char *str)
{
	struct realign_parse_err err;

	if (!realign_parse(str, &b->list, &err))
		return 0;
	b->list.n = 0;
	pr_err("pci_realign= rejected at '%s' (offset %u): %s; nothing realigned\n",
	       err.token, err.pos, err.reason);
	return -EINVAL;
}

static bool enlarge(struct realign_boot *b, struct pci_dev *dev, int resno,
		    unsigned int order, u16 cmd)
{
	struct resource *res = &dev->resource[resno];
	resource_size_t granule = (resource_size_t)1 << order;
	resource_size_t size = resource_size(res);

	if (!(res->flags & IORESOURCE_MEM) || !size || size >= granule ||
	    (res->flags & IORESOURCE_PCI_FIXED))
		return false;
	if (b->n == REALIGN_BOOT_MAX_BARS) {
		pci_warn(dev, "BAR %d: more than %d BARs selected, not realigned\n",
			 resno, REALIGN_BOOT_MAX_BARS);
		return false;
	}
	b->bars[b->n++] = (struct realign_boot_bar){ pci_dev_get(dev), resno,
						     size, order, cmd,
						     res->flags };
	pci_info(dev, "BAR %d %pR: to be placed alone in a %#llx-byte block\n",
		 resno, res, (unsigned long long)granule);
	res->start = 0;
	res->end = granule - 1;
	res->flags |= IORESOURCE_UNSET;
	return true;
}

/**
 * realign_boot_enlarge() - the header fixup step for one device
 * @b: the boot state
 * @dev: a device just read from config space, its BARs not yet assigned
 *
 * If the list selects @dev, its small MMIO BARs grow to a whole granule
 * and are marked unassigned, and memory decode goes off until the finish
 * step.
 */
void realign_boot_enlarge(struct realign_boot *b, struct pci_dev *dev)
{
	const struct realign_sel *sel;
	const char *why;
	bool any = false;
	u16 cmd;
	int resno;

	if (!b->list.n)
		return;
	sel = realign_select(&b->list, dev);
	if (!sel)
		return;
	if (b->done) {
		/* A device-tree or VMD host bridge, or a hot-added device. */
		pci_info(dev, "found after the boot-time realignment: realigned at run time\n");
		return;
	}
	why = realign_skip_reason(dev, false);
	if (why) {
		pci_info(dev, "not realigned: %s\n", why);
		return;
	}
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++)
		any |= enlarge(b, dev, resno, sel->order, cmd);
	if (any && (cmd & PCI_COMMAND_MEMORY))
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~PCI_COMMAND_MEMORY);
}

/*
 * Give a BAR the core placed back its hardware size, or say why not.
 * Return: false if the core did not place it.
 */
static bool restore_size(struct realign_boot_bar *bb)
{
	struct resource *res = &bb->dev->resource[bb->resno];

	if (!res->parent) {
		pci_err(bb->dev, "BAR %d: the core found no room, left unassigned; memory decode stays off and the device cannot be enabled\n",
			bb->resno);
		res->flags = bb->flags | IORESOURCE_UNSET;
		res->start = 0;
		res->end = bb->size - 1;
		return false;
	}
	if (adjust_resource(res, res->start, bb->size)) {
		pci_err(bb->dev, "BAR %d %pR: cannot shrink back\n", bb->resno,
			res);
	}
	return true;
}

/* The command register a device gets back: no decode if a BAR is unplaced. */
static void restore_decode(struct realign_boot *b, unsigned int i,
			   const bool *unplaced)
{
	struct pci_dev *dev = b->bars[i].dev;
	u16 cmd = b->bars[i].cmd;
	unsigned int j;

	for (j = 0; j < b->n; j++)
		if (b->bars[j].dev == dev && unplaced[j])
			cmd &= ~PCI_COMMAND_MEMORY;
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/**
 * realign_boot_finish() - the step after the core assigned every BAR
 * @b: the boot state; the fixup step does nothing after this
 *
 * Shrinks every enlarged BAR back, reserves the tails and restores each
 * device's command register (without memory decode for a device with a
 * BAR the core could not place), then drops the device references.
 * From then on the list applies to devices as they are added (hotplug.c).
 */
void realign_boot_finish(struct realign_boot *b)
{
	bool unplaced[REALIGN_BOOT_MAX_BARS];
	struct pci_dev *last = NULL;
	unsigned int i;
	int hot;

	/* As at run time: window moves walk and lock the devices below. */
	pci_lock_rescan_remove();
	hot = realign_hotplug_start();
	mutex_lock(&realign_lock);
	b->done = true;
	for (i = 0; i < b->n; i++)
		unplaced[i] = !restore_size(&b->bars[i]);
	/*
	 * Every BAR has its real size again: reserve the tails, once per
	 * device (the fixup recorded a device's BARs one after another).
	 */
	for (i = 0; i < b->n; i++) {
		if (b->bars[i].dev == last)
			continue;
		last = b->bars[i].dev;
		if (realign_device(last, b->bars[i].order, false))
			pci_err(last, "page tails not reserved\n");
	}
	for (i = 0; i < b->n; i++)
		restore_decode(b, i, unplaced);
	for (i = 0; i < b->n; i++)
		pci_dev_put(b->bars[i].dev);
	b->n = 0;
	/* Devices added from now on (hotplug, late host bridges) too. */
	if (hot || realign_hotplug_add_list(&b->list))
		pr_err("devices added after boot will not be realigned\n");
	mutex_unlock(&realign_lock);
	pci_unlock_rescan_remove();
}
