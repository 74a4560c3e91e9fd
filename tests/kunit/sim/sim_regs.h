/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the simulated device: register tables the header and the
 * capability builders apply.
 */
#ifndef _XPB_TESTS_SIM_REGS_H
#define _XPB_TESTS_SIM_REGS_H

#include <linux/types.h>

#include "sim_dev.h"

/**
 * struct sim_reg - semantics of one register, relative to its structure
 * @off: offset from the start of the structure
 * @size: width in bytes (1, 2 or 4)
 * @ro: read-only bits
 * @rw1c: write-1-to-clear bits
 * @rsvd: reserved bits (read 0, writes ignored)
 */
struct sim_reg {
	u16 off;
	u8 size;
	u32 ro;
	u32 rw1c;
	u32 rsvd;
};

void sim_apply_regs(struct sim_dev *sd, int base,
		    const struct sim_reg *regs, size_t n);
void sim_dev_react(struct sim_dev *sd, int where, int size, u32 val,
		   u16 pm_before);

#endif /* _XPB_TESTS_SIM_REGS_H */
