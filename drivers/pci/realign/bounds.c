// SPDX-License-Identifier: GPL-2.0
/*
 * The limits the PCI core itself places a BAR within, which the
 * realigner's own planner (plan.c) is given: it keeps a BAR in the
 * window that holds it, which pci_bus_alloc_resource() would not (it
 * picks any window of the bus and reserves no page tail), so it cannot
 * allocate through the core and applies the core's rules instead.
 */
#include <linux/pci.h>

#ifdef CONFIG_X86
#include <asm/e820/api.h>
#endif

#include "realign.h"

#ifdef CONFIG_X86
/*
 * The lowest address x86's alignment hook lets a memory BAR start at:
 * it keeps the first MiB for ISA.  Only x86 exports its hook to
 * modules; elsewhere the generic one adds no floor.
 */
static resource_size_t arch_floor(struct pci_dev *dev)
{
	struct resource low = DEFINE_RES_MEM(0, PAGE_SIZE);

	return pcibios_align_resource(dev, &low, PAGE_SIZE, PAGE_SIZE);
}

/*
 * What x86 keeps the core's allocations out of even where nothing in
 * the resource tree claims it (its arch_remove_reservations()): the
 * BIOS ROM area just below 4 GiB, and E820 ranges.  The core skips the
 * latter only when it clipped its host windows by them (pci_use_e820,
 * not exported); never placing a BAR over any is the stricter choice.
 */
static bool arch_firmware(resource_size_t start, resource_size_t end)
{
	if (start <= BIOS_ROM_END && end >= BIOS_ROM_BASE)
		return true;
	return e820__mapped_any(start, end + 1, 0);
}

#define ARCH_FIRMWARE	arch_firmware
#else
static resource_size_t arch_floor(struct pci_dev *dev)
{
	return 0;
}

#define ARCH_FIRMWARE	NULL
#endif

/* The CPU address of bus address 4 GiB - 1 where @win maps the bus. */
static resource_size_t cpu_of_bus_4g(struct pci_dev *dev,
				     struct resource *win)
{
	const resource_size_t top = U32_MAX, max = ~(resource_size_t)0;
	struct pci_bus_region region;

	pcibios_resource_to_bus(dev->bus, &region, win);
	if (region.start <= win->start)		/* CPU = bus + offset */
		return win->start - region.start > max - top ?
		       max : top + (win->start - region.start);
	if (region.start - win->start > top)	/* all of 4 GiB below 0 */
		return 0;
	return top - (region.start - win->start);
}

/**
 * realign_bounds_of() - where the PCI core would let a BAR of @dev go
 * @dev: the device
 * @win: the window the BAR lives in
 * @b: the bounds (out)
 *
 * The core's floor for memory (PCIBIOS_MIN_MEM, and the architecture's
 * own, x86's first MiB), the last CPU address a 32-bit BAR decodes
 * (4 GiB is a bus address, and a host bridge may map the bus at an
 * offset), and the ranges the firmware keeps (x86: the BIOS ROM area
 * and E820 ranges).
 */
void realign_bounds_of(struct pci_dev *dev, struct resource *win,
		       struct realign_bounds *b)
{
	b->lo = max_t(resource_size_t, PCIBIOS_MIN_MEM, arch_floor(dev));
	b->hi32 = cpu_of_bus_4g(dev, win);
	b->firmware = ARCH_FIRMWARE;
}
