// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace mappings of MMIO about to move.  A process can map a BAR
 * through its sysfs resource file, /proc/bus/pci or /dev/mem: all three
 * put their mappings in one address space indexed by physical address,
 * the one the PCI core names in each resource file's f_mapping hook.
 * Before a BAR or a bridge window moves, the pages of its old range are
 * zapped from every such mapping, as the core does when a driver claims
 * a region or a BAR is resized.  A stale mapping then faults (SIGBUS)
 * instead of reaching whatever is placed at the old address later.
 * Pages are the unit: a mapping of another device's BAR in a page the
 * moving range shares goes too, since it reaches that range as well.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pci.h>

#include "realign.h"

/* The address space behind @dev's resource files; NULL before sysfs. */
static struct address_space *iomem_mapping_of(struct pci_dev *dev)
{
	struct bin_attribute *attr;
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		attr = dev->res_attr[i];
		if (attr && attr->f_mapping)
			return attr->f_mapping();
	}
	return NULL;
}

/**
 * realign_revoke_mappings() - cut userspace mappings of a range that moves
 * @dev: a device with resource files (any one leads to the mappings)
 * @r: the range, at its old address
 *
 * Caller holds @dev's device lock, so its resource files stay.
 *
 * Return: false if @dev has no resource files to find the mappings by
 * (none yet at boot, when no process can have mapped anything).
 */
bool realign_revoke_mappings(struct pci_dev *dev, const struct resource *r)
{
	struct address_space *m = iomem_mapping_of(dev);
	resource_size_t first = round_down(r->start, PAGE_SIZE);
	resource_size_t last = round_up(r->end + 1, PAGE_SIZE);

	if (!m)
		return false;
	if (mapping_mapped(m))
		pci_info(dev, "%pR moves: process mappings of its pages revoked\n",
			 r);
	unmap_mapping_range(m, first, last - first, 1);
	return true;
}
