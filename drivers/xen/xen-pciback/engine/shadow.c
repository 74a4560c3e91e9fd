// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the guest's shadow of a live map, for handlers
 * that run without the device's spinlock.
 */
#include "internal.h"

/**
 * cfgv_vget() - read the shadow of some bytes
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 *
 * For handlers that run without the spinlock.
 *
 * Return: the shadow's bits.
 */
u32 cfgv_vget(struct cfgv_dev *dev, unsigned int off, unsigned int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&dev->lock, flags);
	v = (cfgv_ent(cfgv_map_of(dev), off)->vcfg >> (8 * (off & 3))) &
	    cfgv_bytes(size);
	spin_unlock_irqrestore(&dev->lock, flags);
	return v;
}

/**
 * cfgv_vset() - set the emulated bits of some bytes
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @val: the value
 *
 * For handlers that run without the spinlock (VPD data after a read).
 */
void cfgv_vset(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	       u32 val)
{
	struct cfgv_map *m;
	unsigned long flags;
	struct cfgv_dw *e;
	u32 emu;

	spin_lock_irqsave(&dev->lock, flags);
	m = cfgv_map_of(dev);
	if (m->idx[off / 4] >= CFGV_ENT_FIRST) {
		e = cfgv_ent(m, off);
		emu = e->emu & (cfgv_bytes(size) << (8 * (off & 3)));
		e->vcfg = (e->vcfg & ~emu) | ((val << (8 * (off & 3))) & emu);
	}
	spin_unlock_irqrestore(&dev->lock, flags);
}
