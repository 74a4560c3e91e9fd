// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the permission map as text, for debugfs.
 *
 * One line per dword that has rules of its own (its masks and shadow),
 * and one line per run of dwords that are hidden or passed through
 * whole, so a typical device fits in a screen.
 */
#include <linux/seq_file.h>

#include "internal.h"

static const char *const cfgv_shared_names[] = {
	[CFGV_ENT_HIDDEN] = "hidden",
	[CFGV_ENT_PASS] = "pass-through",
	[CFGV_ENT_CLOSED] = "device-specific, closed (read-through)",
};

static void cfgv_dump_map(const struct cfgv_map *m, struct seq_file *s)
{
	unsigned int dw = 0, end;

	seq_puts(s, "offset       emulated writable rw1c     protect  gated    hidden   shadow\n");
	while (dw < m->ndw) {
		u8 i = m->idx[dw];
		const struct cfgv_dw *e = &m->ent[i];

		if (i < CFGV_ENT_FIRST) {
			for (end = dw + 1; end < m->ndw && m->idx[end] == i;)
				end++;
			seq_printf(s, "%03x-%03x      %s\n", dw * 4, end * 4 - 1,
				   cfgv_shared_names[i]);
			dw = end;
			continue;
		}
		seq_printf(s, "%03x-%03x      %08x %08x %08x %08x %08x %08x %08x\n",
			   dw * 4, dw * 4 + 3, e->emu, e->wr, e->rw1c, e->protect,
			   e->gate, e->hidden, e->vcfg & e->emu);
		dw++;
	}
}

/**
 * cfgv_dump() - write a device's switches, quirks and map as text
 * @dev: the device
 * @s: the seq_file of a debugfs file
 *
 * May sleep (takes the device's mutex so the map cannot change).
 */
void cfgv_dump(struct cfgv_dev *dev, struct seq_file *s)
{
	const struct cfgv_map *m;
	unsigned long flags;
	unsigned int i;

	mutex_lock(&dev->mutex);
	m = cfgv_map_of(dev);
	seq_printf(s, "permissive: %d (device %d, global %d)\n",
		   cfgv_permissive(dev), READ_ONCE(dev->permissive),
		   cfgv_global_permissive());
	seq_printf(s, "interrupt_control: %d\n", cfgv_interrupt_control(dev));
	seq_printf(s, "config_size: %u\n", dev->cfg_size);
	seq_printf(s, "footprint: %zu bytes (%u entries, %u rules%s)\n",
		   sizeof(*dev) + cfgv_map_size(m), m->nent, m->nrules - 1,
		   m->full ? ", map full: the rest is hidden" : "");
	seq_printf(s, "capabilities: pm %#x msi %#x msix %#x exp %#x vpd %#x aer %#x dsn %#x\n",
		   m->pm, m->msi, m->msix, m->exp, m->vpd, m->aer, m->dsn);
	seq_printf(s, "quirks: %u\n", dev->nquirks);
	for (i = 0; i < dev->nquirks; i++)
		seq_printf(s, "  %#05x:%u:%#x\n", dev->quirks[i].off,
			   dev->quirks[i].size, dev->quirks[i].mask);
	spin_lock_irqsave(&dev->lock, flags);
	cfgv_dump_map(m, s);
	spin_unlock_irqrestore(&dev->lock, flags);
	mutex_unlock(&dev->mutex);
}
