// SPDX-License-Identifier: GPL-2.0
/*
 * Quirks: administrator-defined pass-through windows (offset:size:mask).
 * The bits of a window read from and write to the hardware whatever the
 * rules say; removing the window restores the rules.
 */
#include <linux/errno.h>
#include <linux/string.h>

#include "internal.h"

static void cfgv_quirk_open(struct cfgv_dev *dev, const struct cfgv_quirk *q)
{
	unsigned int i;

	for (i = 0; i < q->size; i++) {
		u8 m = q->mask >> (8 * i);
		unsigned int b = q->off + i;

		dev->emu[b] &= ~m;
		dev->wr[b] |= m;
		dev->pro[b] &= ~m;
		dev->gate[b] &= ~m;
		dev->hid[b] &= ~m;
	}
}

/**
 * cfgv_quirks_apply() - open every quirk window in the maps
 * @dev: the device, rules already installed
 */
void cfgv_quirks_apply(struct cfgv_dev *dev)
{
	unsigned int i;

	for (i = 0; i < dev->nquirks; i++)
		cfgv_quirk_open(dev, &dev->quirks[i]);
}

static int cfgv_quirk_find(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size)
{
	unsigned int i;

	for (i = 0; i < dev->nquirks; i++)
		if (dev->quirks[i].off == off && dev->quirks[i].size == size)
			return i;
	return -ENOENT;
}

/**
 * cfgv_quirk_add() - open a pass-through window
 * @dev: the device
 * @off: register offset, naturally aligned
 * @size: 1, 2 or 4
 * @mask: bits to pass through (must fit in @size bytes); an existing
 *	window at the same place is replaced
 *
 * Return: 0, -EINVAL for a bad window, -ENOSPC when the table is full.
 */
int cfgv_quirk_add(struct cfgv_dev *dev, unsigned int off, unsigned int size,
		   u32 mask)
{
	int i;

	if ((size != 1 && size != 2 && size != 4) || (off & (size - 1)) ||
	    off + size > dev->cfg_size ||
	    (size < 4 && (mask >> (8 * size))) || !mask)
		return -EINVAL;
	i = cfgv_quirk_find(dev, off, size);
	if (i >= 0) {
		dev->quirks[i].mask = mask;
		cfgv_rebuild_keep(dev, off, size);
		return 0;
	}
	if (dev->nquirks >= CFGV_MAX_QUIRKS)
		return -ENOSPC;
	dev->quirks[dev->nquirks].off = off;
	dev->quirks[dev->nquirks].size = size;
	dev->quirks[dev->nquirks].mask = mask;
	cfgv_quirk_open(dev, &dev->quirks[dev->nquirks]);
	dev->nquirks++;
	return 0;
}

/**
 * cfgv_quirk_remove() - close a pass-through window
 * @dev: the device
 * @off: register offset given to cfgv_quirk_add()
 * @size: size given to cfgv_quirk_add()
 *
 * The rules of the window's bytes come back; their emulated bits take the
 * current hardware value.  The rest of the guest's virtual state is kept.
 *
 * Return: 0, or -ENOENT if there is no such window.
 */
int cfgv_quirk_remove(struct cfgv_dev *dev, unsigned int off,
		      unsigned int size)
{
	int i = cfgv_quirk_find(dev, off, size);

	if (i < 0)
		return i;
	dev->nquirks--;
	memmove(&dev->quirks[i], &dev->quirks[i + 1],
		(dev->nquirks - i) * sizeof(dev->quirks[0]));
	cfgv_rebuild_keep(dev, off, size);
	return 0;
}
