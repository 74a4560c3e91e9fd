// SPDX-License-Identifier: GPL-2.0
/*
 * Quirks: administrator-defined pass-through windows (offset:size:mask).
 * The bits of a window read from and write to the hardware whatever the
 * rules say; removing the window restores the rules.  A window may not
 * cover the emulated bits of a register with side effects (decode, BARs,
 * ROM, power state, FLR, VPD): those bits are the engine's model of the
 * device, and passing them through would bypass the driver's hooks.
 */
#include <linux/errno.h>
#include <linux/string.h>

#include "internal.h"

/* Index of the window exactly at @off/@size, -ENOENT, or -EBUSY (overlap). */
static int cfgv_quirk_find(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size)
{
	unsigned int i;

	for (i = 0; i < dev->nquirks; i++) {
		const struct cfgv_quirk *q = &dev->quirks[i];

		if (q->off == off && q->size == size)
			return i;
		if (q->off < off + size && off < q->off + q->size)
			return -EBUSY;
	}
	return -ENOENT;
}

/* Does the window cover an emulated bit of a register with a handler? */
static bool cfgv_quirk_on_model(struct cfgv_dev *dev, unsigned int off,
				unsigned int size, u32 mask)
{
	const struct cfgv_map *m = cfgv_map_of(dev);
	const struct cfgv_dw *e = cfgv_ent(m, off);
	unsigned int i;

	for (i = 0; i < size; i++) {
		unsigned int b = (off & 3) + i;
		const struct cfgv_reg *r = m->rules[e->rule[b]];
		u8 bits = mask >> (8 * i);

		if (e->rule[b] && r->write && (bits & (e->emu >> (8 * b))))
			return true;
	}
	return false;
}

/**
 * cfgv_quirk_add() - open a pass-through window
 * @dev: the device
 * @off: register offset, naturally aligned
 * @size: 1, 2 or 4
 * @mask: bits to pass through (non-zero, within @size bytes); a window
 *	at the same offset and size is replaced
 *
 * May sleep.  On any error nothing changes.
 *
 * Return: 0; -EINVAL for a bad window; -EBUSY if it overlaps another
 * window of a different shape; -EPERM if it covers emulated bits of a
 * register with side effects; -ENOSPC when the table (CFGV_MAX_QUIRKS)
 * or the map is full; -ENOMEM.
 */
int cfgv_quirk_add(struct cfgv_dev *dev, unsigned int off, unsigned int size,
		   u32 mask)
{
	struct cfgv_quirk saved;
	int i, err;

	if ((size != 1 && size != 2 && size != 4) || (off & (size - 1)) ||
	    off >= dev->cfg_size || size > dev->cfg_size - off || !mask ||
	    (mask & ~cfgv_bytes(size)))
		return -EINVAL;
	mutex_lock(&dev->mutex);
	i = cfgv_quirk_find(dev, off, size);
	if (i == -EBUSY) {
		err = -EBUSY;
		goto out;
	}
	if (cfgv_quirk_on_model(dev, off, size, mask)) {
		err = -EPERM;
		goto out;
	}
	if (i < 0) {
		if (dev->nquirks >= CFGV_MAX_QUIRKS) {
			err = -ENOSPC;
			goto out;
		}
		i = dev->nquirks++;
		saved.size = 0;
	} else {
		saved = dev->quirks[i];
	}
	dev->quirks[i] = (struct cfgv_quirk){ off, size, mask };
	err = cfgv_rebuild(dev, off, size, true);
	if (!err)
		goto out;
	/* undo: the map is the old one (-ENOMEM) or is rebuilt without it */
	if (saved.size)
		dev->quirks[i] = saved;
	else
		dev->nquirks--;
	if (err == -ENOSPC)
		cfgv_rebuild(dev, off, size, true);
out:
	mutex_unlock(&dev->mutex);
	return err;
}

/**
 * cfgv_quirk_remove() - close a pass-through window
 * @dev: the device
 * @off: register offset given to cfgv_quirk_add()
 * @size: size given to cfgv_quirk_add()
 *
 * May sleep.  The rules of the window's bytes come back; their emulated
 * bits take the current hardware value.  The rest of the guest's
 * virtual state is kept.
 *
 * Return: 0, -ENOENT if there is no such window, or -ENOMEM (the window
 * stays).
 */
int cfgv_quirk_remove(struct cfgv_dev *dev, unsigned int off,
		      unsigned int size)
{
	struct cfgv_quirk saved;
	int i, err;

	mutex_lock(&dev->mutex);
	i = cfgv_quirk_find(dev, off, size);
	if (i < 0) {
		err = -ENOENT;
		goto out;
	}
	saved = dev->quirks[i];
	dev->nquirks--;
	memmove(&dev->quirks[i], &dev->quirks[i + 1],
		(dev->nquirks - i) * sizeof(dev->quirks[0]));
	err = cfgv_rebuild(dev, off, size, true);
	if (err == -ENOMEM) {
		memmove(&dev->quirks[i + 1], &dev->quirks[i],
			(dev->nquirks - i) * sizeof(dev->quirks[0]));
		dev->quirks[i] = saved;
		dev->nquirks++;
	} else {
		err = 0;	/* fewer windows never need more room */
	}
out:
	mutex_unlock(&dev->mutex);
	return err;
}
