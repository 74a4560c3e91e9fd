// SPDX-License-Identifier: GPL-2.0
/*
 * The realigner suites' shared fixture (realign_fixture.h).
 */
#include <linux/device.h>

#include "../../../drivers/pci/realign/realign.h"
#include "realign_fixture.h"

/**
 * rfx_sd_init() - an SD host controller (1b36:0007), the moved device
 * @sd: the simulated function, zeroed
 */
void rfx_sd_init(struct sim_dev *sd)
{
	sim_dev_init(sd, 0x1b36, 0x0007, 0x08050100);
	device_initialize(&sd->pdev.dev);
}

/**
 * rfx_bridge_init() - a PCI-to-PCI bridge (1b36:0001) with one window
 * @br: the simulated bridge, zeroed
 * @reg: the window's base/limit register
 * @base_limit: what that register holds; only its address bits take
 *	writes
 */
void rfx_bridge_init(struct sim_dev *br, int reg, u32 base_limit)
{
	sim_dev_init(br, 0x1b36, 0x0001, 0x06040000);
	sim_dev_poke(br, PCI_HEADER_TYPE, 1, PCI_HEADER_TYPE_BRIDGE);
	sim_dev_define(br, reg, 4, base_limit, 0x000f000f, 0, 0);
	br->pdev.hdr_type = PCI_HEADER_TYPE_BRIDGE;
	device_initialize(&br->pdev.dev);
}

/**
 * rfx_host() - a host bridge above @top's bus
 * @test: the test, failed if there is no memory
 * @top: the topmost simulated device
 *
 * Return: the host bridge; the suite frees it.
 */
struct pci_host_bridge *rfx_host(struct kunit *test, struct sim_dev *top)
{
	struct pci_host_bridge *host = pci_alloc_host_bridge(0);

	KUNIT_ASSERT_NOT_NULL(test, host);
	top->bus.bridge = &host->dev;
	return host;
}

/**
 * rfx_bar() - a memory BAR as the PCI core leaves it after placing it
 * @test: the test
 * @sd: the function
 * @bar: its BAR number
 * @start: the address, in the register and the resource
 * @size: the BAR's size
 * @sim_flags: SIM_BAR_MEM32 or SIM_BAR_MEM64 (with SIM_BAR_PREFETCH)
 * @parent: the window to claim it in, or NULL to leave it unclaimed (a
 *	BAR the core has yet to place)
 */
void rfx_bar(struct kunit *test, struct sim_dev *sd, int bar, u64 start,
	     u64 size, unsigned int sim_flags, struct resource *parent)
{
	struct resource *r = &sd->pdev.resource[bar];

	KUNIT_ASSERT_EQ(test, sim_dev_add_bar(sd, bar, size, sim_flags,
					      start), 0);
	r->name = sd->name;
	r->start = start;
	r->end = start + size - 1;
	r->flags = IORESOURCE_MEM | IORESOURCE_SIZEALIGN;
	if (sim_flags & SIM_BAR_MEM64)
		r->flags |= IORESOURCE_MEM_64;
	if (parent)
		KUNIT_ASSERT_EQ(test, request_resource(parent, r), 0);
}

/**
 * rfx_claim() - a neighbour holding address space in @parent
 * @test: the test
 * @r: the resource to fill in, zeroed
 * @parent: where it is claimed
 * @start: its first address
 * @size: its size
 * @flags: added to IORESOURCE_MEM
 *
 * Return: @r, claimed; the caller releases it.
 */
struct resource *rfx_claim(struct kunit *test, struct resource *r,
			   struct resource *parent, u64 start, u64 size,
			   unsigned long flags)
{
	r->name = "neighbour";
	r->start = start;
	r->end = start + size - 1;
	r->flags = IORESOURCE_MEM | flags;
	KUNIT_ASSERT_EQ(test, request_resource(parent, r), 0);
	return r;
}

/**
 * rfx_release() - drop every tail and release @sd's BARs
 * @sd: the moved function
 *
 * The first step of every suite's exit; neighbours, bridge windows and
 * the host bridge (pci_free_host_bridge()) are the suite's, after it.
 */
void rfx_release(struct sim_dev *sd)
{
	int i;

	realign_drop_tails();
	for (i = 0; i <= PCI_ROM_RESOURCE; i++)
		if (sd->pdev.resource[i].parent)
			release_resource(&sd->pdev.resource[i]);
}
