// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space virtualization engine: device life cycle (create, reset,
 * replay after a host reset, destroy), the device-specific switch that
 * rebuilds the map, counters.
 *
 * Locking (see cfgv.h for the callers' side): @lock, a spinlock taken
 * with interrupts off, guards the map and the counters and is all a
 * guest access needs, so reads and writes without sleeping hooks work in
 * any context.  @mutex serializes everything that may sleep: writes
 * whose hooks sleep (which drop @lock while the hook runs), rebuilds and
 * quirk changes.  A rebuild makes the new map with only @mutex held and
 * swaps it in under @lock, copying the guest's shadow at that moment, so
 * no write landing meanwhile is lost.
 */
#include <linux/err.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

static const struct cfgv_hooks cfgv_no_hooks;

/**
 * cfgv_set_device_specific() - open or close a device's device-specific
 *	registers to the guest
 * @dev: the device
 * @open: true (the default): the guest reads and writes them, and the
 *	bodies of vendor-specific capabilities, as vfio-pci lets it; false:
 *	it reads them, and every write is refused and counted unless the
 *	device is permissive or a quirk opens the register
 *
 * The map is rebuilt; the guest's other settings stay.
 *
 * Return: 0, or -ENOMEM / -ENOSPC as cfgv_rebuild() (the switch is back
 * as it was on -ENOMEM).
 */
int cfgv_set_device_specific(struct cfgv_dev *dev, bool open)
{
	int err;

	mutex_lock(&dev->mutex);
	if (dev->devspec_closed == !open) {
		mutex_unlock(&dev->mutex);
		return 0;
	}
	dev->devspec_closed = !open;
	err = cfgv_rebuild(dev, 0, 0, true);
	if (err == -ENOMEM)
		dev->devspec_closed = open;
	mutex_unlock(&dev->mutex);
	return err;
}

/**
 * cfgv_create() - build the virtual configuration space of a device
 * @pdev: the device, enabled or not, with its resources assigned
 * @hooks: side effects (may be NULL: everything stays virtual)
 * @data: passed to every hook
 *
 * Reads the device's capability chains once (with loop and bounds
 * protection) and builds the map.  Only type 0 functions are supported.
 *
 * Return: the new state, or ERR_PTR(-EOPNOTSUPP) for a bridge or
 * CardBus header, ERR_PTR(-ENODEV) if the function does not answer,
 * ERR_PTR(-ENOMEM).
 */
struct cfgv_dev *cfgv_create(struct pci_dev *pdev,
			     const struct cfgv_hooks *hooks, void *data)
{
	struct cfgv_dev *dev;
	int err;

	if (pdev->hdr_type != PCI_HEADER_TYPE_NORMAL) {
		pci_warn(pdev, "config space: header type %u is not virtualized (only type 0 functions can be passed through)\n",
			 pdev->hdr_type);
		return ERR_PTR(-EOPNOTSUPP);
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->pdev = pdev;
	dev->hooks = hooks ?: &cfgv_no_hooks;
	dev->data = data;
	dev->cfg_size = pdev->cfg_size > PCI_CFG_SPACE_SIZE ?
			CFGV_SPACE : PCI_CFG_SPACE_SIZE;
	dev->stats.last_denied_off = -1;
	mutex_init(&dev->mutex);
	spin_lock_init(&dev->lock);
	u64_stats_init(&dev->rsync);
	/*
	 * Field by field: @dev is zeroed, and 6.1's ratelimit_state_init()
	 * memset trips gcc's fortify check on a member.
	 */
	raw_spin_lock_init(&dev->rs.lock);
	dev->rs.interval = DEFAULT_RATELIMIT_INTERVAL;
	dev->rs.burst = DEFAULT_RATELIMIT_BURST;
	if (cfgv_hw_gone(dev)) {
		pci_warn(pdev, "config space: the function does not answer\n");
		kfree(dev);
		return ERR_PTR(-ENODEV);
	}
	mutex_lock(&dev->mutex);
	err = cfgv_rebuild(dev, 0, 0, false);
	mutex_unlock(&dev->mutex);
	if (!rcu_access_pointer(dev->map)) {
		kfree(dev);
		return ERR_PTR(err);
	}
	dev->stats.rebuilds = 0;
	return dev;
}

/**
 * cfgv_destroy() - free the state made by cfgv_create()
 * @dev: the state, NULL or an error pointer
 */
void cfgv_destroy(struct cfgv_dev *dev)
{
	if (IS_ERR_OR_NULL(dev))
		return;
	mutex_destroy(&dev->mutex);
	/* no reader is left: the caller has stopped guest accesses */
	kfree(rcu_dereference_protected(dev->map, true));
	kfree(dev);
}

/**
 * cfgv_reset() - forget the guest's virtual state
 * @dev: the device
 *
 * Rebuilds the map and the shadow from the hardware, e.g. after the
 * device was reset or before it is given to another guest.  BAR values
 * are taken anew from the PCI core's resources (a realigned BAR shows its
 * new address).  Quirks, switches and counters are kept; the
 * once-per-offset denial log starts again.
 *
 * Return: 0, -ENODEV if the function does not answer (the old view
 * stays), -ENOMEM, or -ENOSPC (see cfgv_rebuild()).
 */
int cfgv_reset(struct cfgv_dev *dev)
{
	int err;

	mutex_lock(&dev->mutex);
	err = cfgv_hw_gone(dev) ? -ENODEV : cfgv_rebuild(dev, 0, 0, false);
	mutex_unlock(&dev->mutex);
	return err;
}

/*
 * Bits of registers that cfgv_replay() puts back: the pass-through ones,
 * and the emulated ones that mirror what a hook made the hardware hold.
 */
static u32 cfgv_replay_mask(const struct cfgv_dw *e)
{
	return cfgv_nib_bytes(e->replay) &
	       ((e->wr & ~e->emu) | e->mirror) & ~e->rw1c;
}

/**
 * cfgv_replay() - put the guest's settings back after a host-side reset
 * @dev: the device
 *
 * After a reset the guest did not ask for (an AER slot reset, a reset
 * from the host) the hardware lost what the guest wrote.  This writes
 * back the guest's last value of the pass-through bits of the registers
 * whose rules say so (CFGV_REG_REPLAY), and of the emulated bits that
 * mirror what a hook made the hardware hold: cache line size; PCI Express
 * Device Control (max read request as the PCI core let it be, relaxed
 * ordering, no snoop, extended tag), Link Control and Device Control 2
 * (completion timeout); AER's ECRC enables.  Device Control's
 * error-reporting enables and the AER masks and severities are not among
 * them: they are emulated (the hardware keeps dom0's, XSA-120), so there
 * is nothing to put back.
 * Emulated state is untouched: the guest still reads what it wrote, and
 * what the hooks did (decode, bus mastering, power state) is the
 * driver's to restore (pci_restore_state()).  Device-specific registers
 * and quirk windows are not replayed: their semantics are unknown (a
 * second write may start an operation), so the guest is told the state
 * is lost (the AER slot_reset callback) and reprograms them.
 *
 * Return: 0, or -EIO if a config access failed (the rest was not written).
 */
int cfgv_replay(struct cfgv_dev *dev)
{
	const struct cfgv_map *m;
	unsigned long flags;
	unsigned int dw;
	int err = 0;

	mutex_lock(&dev->mutex);
	spin_lock_irqsave(&dev->lock, flags);
	m = cfgv_map_of(dev);
	for (dw = 0; dw < m->ndw && !err; dw++) {
		const struct cfgv_dw *e = &m->ent[m->idx[dw]];
		u32 mask, hw;

		if (m->idx[dw] < CFGV_ENT_FIRST)
			continue;
		mask = cfgv_replay_mask(e);
		if (!mask)
			continue;
		if (cfgv_hw_read_live(dev, dw * 4, 4, &hw) != CFGV_OK ||
		    cfgv_hw_write(dev, dw * 4, 4,
				  (e->vcfg & mask) | (hw & ~mask & ~e->rw1c),
				  cfgv_byte_span(mask)) != CFGV_OK)
			err = -EIO;
	}
	spin_unlock_irqrestore(&dev->lock, flags);
	mutex_unlock(&dev->mutex);
	return err;
}

/**
 * cfgv_get_stats() - copy the counters of a device
 * @dev: the device
 * @st: where to copy them (a consistent snapshot)
 */
void cfgv_get_stats(struct cfgv_dev *dev, struct cfgv_stats *st)
{
	unsigned long flags;

	unsigned int start;
	u64 reads, writes;

	do {
		start = u64_stats_fetch_begin(&dev->rsync);
		reads = READ_ONCE(dev->reads);
		writes = READ_ONCE(dev->writes);
	} while (u64_stats_fetch_retry(&dev->rsync, start));
	spin_lock_irqsave(&dev->lock, flags);
	*st = dev->stats;
	spin_unlock_irqrestore(&dev->lock, flags);
	st->reads = reads;
	st->writes = writes;
}

/**
 * cfgv_footprint() - memory the engine keeps for a device
 * @dev: the device
 *
 * Return: bytes allocated for it (state and map).
 */
size_t cfgv_footprint(struct cfgv_dev *dev)
{
	unsigned long flags;
	size_t sz;

	spin_lock_irqsave(&dev->lock, flags);
	sz = sizeof(*dev) + cfgv_map_size(cfgv_map_of(dev));
	spin_unlock_irqrestore(&dev->lock, flags);
	return sz;
}
