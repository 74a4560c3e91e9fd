/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every realigner KUnit suite builds its simulated topology from:
 * the SD host controller whose BARs move, PCI-to-PCI bridges, the host
 * bridge, BARs placed as the PCI core leaves them, neighbours holding
 * address space, and the teardown of all of it.
 */
#ifndef REALIGN_FIXTURE_H
#define REALIGN_FIXTURE_H

#include <kunit/test.h>
#include <linux/pci.h>

#include "../sim/sim_dev.h"

void rfx_sd_init(struct sim_dev *sd);
void rfx_bridge_init(struct sim_dev *br, int reg, u32 base_limit);
struct pci_host_bridge *rfx_host(struct kunit *test, struct sim_dev *top);
void rfx_bar(struct kunit *test, struct sim_dev *sd, int bar, u64 start,
	     u64 size, unsigned int sim_flags, struct resource *parent);
struct resource *rfx_claim(struct kunit *test, struct resource *r,
			   struct resource *parent, u64 start, u64 size,
			   unsigned long flags);
void rfx_release(struct sim_dev *sd);

#endif /* REALIGN_FIXTURE_H */
