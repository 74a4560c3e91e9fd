// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: access to the real registers through the PCI
 * core, with failures reported instead of turned into values.
 *
 * A function that has gone away (surprise removal, a link down during
 * error recovery) answers every read with all ones and success.  An
 * all-ones value is therefore never used as the base of a write-back
 * before the command register has been asked: a working function never
 * reads 0xffff there (bits 11-15 are reserved), VFs included.
 */
#include <linux/pci.h>

#include "internal.h"

/**
 * cfgv_hw_gone() - has the function stopped answering
 * @dev: the device
 *
 * Return: true if its command register cannot be read or reads all ones.
 */
bool cfgv_hw_gone(struct cfgv_dev *dev)
{
	u32 cmd;

	return cfgv_hw_read(dev, PCI_COMMAND, 2, &cmd) != CFGV_OK ||
	       cmd == 0xffff;
}

/**
 * cfgv_hw_read_live() - read registers a write will be based on
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @val: the value
 *
 * Return: CFGV_OK, or CFGV_HW_FAILED if the read failed or read all ones
 * from a function that no longer answers.
 */
enum cfgv_status cfgv_hw_read_live(struct cfgv_dev *dev, unsigned int off,
				   unsigned int size, u32 *val)
{
	if (cfgv_hw_read(dev, off, size, val) != CFGV_OK)
		return CFGV_HW_FAILED;
	if (*val == cfgv_bytes(size) && cfgv_hw_gone(dev))
		return CFGV_HW_FAILED;
	return CFGV_OK;
}

/**
 * cfgv_hw_peek() - read registers while building the virtual space
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 *
 * Return: the value, all ones if the read failed (a chain walk then
 * stops and nothing is taken from it).
 */
u32 cfgv_hw_peek(struct cfgv_dev *dev, unsigned int off, unsigned int size)
{
	u32 v;

	cfgv_hw_read(dev, off, size, &v);
	return v;
}

/**
 * cfgv_hw_write() - write some bytes of the device's registers
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @val: the value, little endian
 * @bytes: bit mask of the bytes to write (0xff per byte)
 *
 * Writes the bytes in the fewest naturally aligned accesses; bytes
 * outside @bytes are not written at all, since they may belong to a
 * register whose semantics the rules do not know.
 *
 * Return: CFGV_OK or CFGV_HW_FAILED (a failed access stops the write).
 */
enum cfgv_status cfgv_hw_write(struct cfgv_dev *dev, unsigned int off,
			       unsigned int size, u32 val, u32 bytes)
{
	unsigned int at, w;

	for (at = 0; at < size; at += w) {
		/* the widest aligned chunk at @at that is all in @bytes */
		for (w = 4; w > 1; w /= 2)
			if (w <= size - at && !(at & (w - 1)) &&
			    ((bytes >> (8 * at)) & cfgv_bytes(w)) ==
			    cfgv_bytes(w))
				break;
		if (!((bytes >> (8 * at)) & 0xff))
			continue;
		if (cfgv_hw_write1(dev, off + at, w,
				   (val >> (8 * at)) & cfgv_bytes(w)))
			return CFGV_HW_FAILED;
	}
	return CFGV_OK;
}

/**
 * cfgv_hw_update() - change some bits of a register
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @mask: bits to change
 * @bits: their new value
 *
 * Return: CFGV_OK, or CFGV_HW_FAILED (nothing written).
 */
enum cfgv_status cfgv_hw_update(struct cfgv_dev *dev, unsigned int off,
				unsigned int size, u32 mask, u32 bits)
{
	u32 v;

	if (cfgv_hw_read_live(dev, off, size, &v) != CFGV_OK)
		return CFGV_HW_FAILED;
	return cfgv_hw_write(dev, off, size, (v & ~mask) | (bits & mask),
			     cfgv_bytes(size));
}
