// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the built-in pci_realign= path, on the live devices of a kernel
 * booted with it (tests/vm/realign-builtin.sh boots one in QEMU with
 * qboot, which leaves small BARs to Linux).  Every selected MMIO BAR
 * must start on its granule, keep the size the hardware decodes, have
 * its tail claimed by name, and share no page with another device.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/pci_realign.h>
#include <linux/string.h>

#include "../../../drivers/pci/realign/realign.h"

/* Size the hardware decodes, found by the standard all-ones probe. */
static u64 hw_size(struct pci_dev *dev, int resno)
{
	struct resource *res = &dev->resource[resno];
	bool rom = resno == PCI_ROM_RESOURCE;
	int reg = rom ? dev->rom_base_reg : PCI_BASE_ADDRESS_0 + 4 * resno;
	u32 mask = rom ? lower_32_bits(PCI_ROM_ADDRESS_MASK) :
			 lower_32_bits(PCI_BASE_ADDRESS_MEM_MASK);
	u32 lo, hi = ~0U, old_lo, old_hi;
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND, cmd & ~PCI_COMMAND_MEMORY);
	pci_read_config_dword(dev, reg, &old_lo);
	pci_write_config_dword(dev, reg, rom ? mask : ~0U);
	pci_read_config_dword(dev, reg, &lo);
	pci_write_config_dword(dev, reg, old_lo);
	if (res->flags & IORESOURCE_MEM_64) {
		pci_read_config_dword(dev, reg + 4, &old_hi);
		pci_write_config_dword(dev, reg + 4, ~0U);
		pci_read_config_dword(dev, reg + 4, &hi);
		pci_write_config_dword(dev, reg + 4, old_hi);
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);
	return ~(((u64)hi << 32) | (lo & mask)) + 1;
}

static struct resource *tail_after(struct resource *res)
{
	struct resource *r;

	for (r = res->parent->child; r; r = r->sibling)
		if (r->start == res->end + 1)
			return r;
	return NULL;
}

static void check_bar(struct kunit *test, struct pci_dev *dev, int resno,
		      unsigned int order)
{
	struct resource *res = &dev->resource[resno];
	resource_size_t granule = (resource_size_t)1 << order;
	struct resource *tail;

	KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED(res->start, granule),
			      "%s BAR %d %pR", pci_name(dev), resno, res);
	KUNIT_EXPECT_EQ_MSG(test, (u64)resource_size(res), hw_size(dev, resno),
			    "%s BAR %d size", pci_name(dev), resno);
	if (resource_size(res) >= granule)
		return;
	tail = tail_after(res);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tail, "%s BAR %d has no tail",
				  pci_name(dev), resno);
	KUNIT_EXPECT_EQ(test, tail->end, ALIGN(res->end + 1, granule) - 1);
	KUNIT_EXPECT_TRUE_MSG(test, str_has_prefix(tail->name, "pci-realign "),
			      "tail is '%s'", tail->name);
}

static void selected_bars_are_aligned_sized_and_reserved(struct kunit *test)
{
	const struct realign_list *list = realign_boot_selection();
	const struct realign_sel *sel;
	struct pci_sel_devid id;
	struct pci_dev *dev = NULL;
	unsigned int devs = 0, bars = 0;
	int resno;

	KUNIT_ASSERT_GT_MSG(test, list->n, 0U,
			    "boot the test kernel with pci_realign=");
	for_each_pci_dev(dev) {
		pci_sel_devid(dev, &id);
		sel = realign_match(list, &id);
		if (!sel)
			continue;
		devs++;
		for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++) {
			struct resource *res = &dev->resource[resno];

			if (!(res->flags & IORESOURCE_MEM) || !res->parent)
				continue;
			check_bar(test, dev, resno, sel->order);
			bars++;
		}
		KUNIT_EXPECT_EQ_MSG(test, pci_realign_page_conflict(dev, NULL), 0,
				    "%s shares a page", pci_name(dev));
	}
	KUNIT_EXPECT_GT(test, devs, 0U);
	KUNIT_EXPECT_GT(test, bars, 0U);
}

static struct kunit_case realign_boot_cases[] = {
	KUNIT_CASE(selected_bars_are_aligned_sized_and_reserved),
	{}
};

static struct kunit_suite realign_boot_suite = {
	.name = "realign_boot",
	.test_cases = realign_boot_cases,
};

kunit_test_suite(realign_boot_suite);
