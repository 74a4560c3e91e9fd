// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the builder.  It makes a device's map from the
 * hardware in one order (shared entries, header, capability chains,
 * the administrator's quirk windows) and swaps a rebuilt map in, keeping
 * the guest's shadow.  Everything that changes what the map must hold
 * (a quirk, a switch, a command write, a reset) rebuilds through here.
 *
 * A map is built in a scratch map with room for the most entries and
 * rules a map may hold, then copied into an allocation of exactly the
 * size it needs.
 */
#include <linux/lockdep.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

static size_t cfgv_map_bytes(unsigned int ndw, unsigned int nent,
			     unsigned int nrules, size_t *rules_at,
			     size_t *ent_at)
{
	size_t sz = struct_size((struct cfgv_map *)NULL, idx, ndw);

	sz = ALIGN(sz, sizeof(void *));
	*rules_at = sz;
	sz += nrules * sizeof(struct cfgv_reg *);
	sz = ALIGN(sz, sizeof(u32));
	*ent_at = sz;
	return sz + nent * sizeof(struct cfgv_dw);
}

static struct cfgv_map *cfgv_map_alloc(unsigned int ndw, unsigned int nent,
				       unsigned int nrules)
{
	size_t rules_at, ent_at;
	struct cfgv_map *m;

	m = kzalloc(cfgv_map_bytes(ndw, nent, nrules, &rules_at, &ent_at),
		    GFP_KERNEL);
	if (!m)
		return NULL;
	m->ndw = ndw;
	m->rules = (const struct cfgv_reg **)((u8 *)m + rules_at);
	m->ent = (struct cfgv_dw *)((u8 *)m + ent_at);
	return m;
}

/**
 * cfgv_map_size() - bytes a map takes
 * @m: the map
 *
 * Return: its allocation size.
 */
size_t cfgv_map_size(const struct cfgv_map *m)
{
	size_t rules_at, ent_at;

	return cfgv_map_bytes(m->ndw, m->nent, m->nrules, &rules_at, &ent_at);
}

/* Open every quirk window in the map being built, rules already in. */
static void cfgv_quirks_apply(struct cfgv_build *b)
{
	unsigned int i;

	for (i = 0; i < b->dev->nquirks; i++)
		cfgv_open(b, &b->dev->quirks[i]);
}

static void cfgv_build_all(struct cfgv_build *b)
{
	struct cfgv_map *m = b->m;

	m->nent = CFGV_ENT_FIRST;
	m->nrules = 1;	/* index 0 means "no register" */
	m->ent[CFGV_ENT_HIDDEN].emu = ~0U;
	m->ent[CFGV_ENT_HIDDEN].hidden = ~0U;
	m->ent[CFGV_ENT_PASS].wr = ~0U;
	m->ent[CFGV_ENT_CLOSED].protect = ~0U;
	/* device-specific space passes through, extended space is hidden */
	memset(m->idx, CFGV_ENT_HIDDEN, m->ndw);
	cfgv_pass(b, PCI_STD_HEADER_SIZEOF,
		  PCI_CFG_SPACE_SIZE - PCI_STD_HEADER_SIZEOF);
	cfgv_header_install(b);
	cfgv_chain_install(b);
	cfgv_quirks_apply(b);
}

/**
 * cfgv_map_build() - build the virtual space of a device from its hardware
 * @dev: the device; its quirks are applied
 * @err: where to report -ENOMEM, or -ENOSPC when the device or a quirk
 *	needed more room than a map has (the map is still returned, the
 *	rest hidden)
 *
 * Return: the new map, or NULL when out of memory.
 */
struct cfgv_map *cfgv_map_build(struct cfgv_dev *dev, int *err)
{
	unsigned int ndw = dev->cfg_size / 4;
	struct cfgv_build *b;
	struct cfgv_map *m = NULL;

	*err = -ENOMEM;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	b->dev = dev;
	b->m = cfgv_map_alloc(ndw, CFGV_MAX_ENT, CFGV_MAX_RULES);
	if (!b->m)
		goto out;
	cfgv_build_all(b);
	m = cfgv_map_alloc(ndw, b->m->nent, b->m->nrules);
	if (!m)
		goto out;
	*err = b->overflow ? -ENOSPC : 0;
	m->pm = b->m->pm;
	m->msi = b->m->msi;
	m->msix = b->m->msix;
	m->exp = b->m->exp;
	m->vpd = b->m->vpd;
	m->aer = b->m->aer;
	m->dsn = b->m->dsn;
	m->nent = b->m->nent;
	m->nrules = b->m->nrules;
	m->full = b->overflow;
	memcpy(m->bars, b->m->bars, sizeof(m->bars));
	memcpy(m->idx, b->m->idx, ndw);
	memcpy(m->rules, b->m->rules, m->nrules * sizeof(m->rules[0]));
	memcpy(m->ent, b->m->ent, m->nent * sizeof(m->ent[0]));
out:
	kfree(b->m);
	kfree(b);
	return m;
}

/* Keep the shadow of @old outside [@off, @off + @size) in @new. */
static void cfgv_keep_shadow(struct cfgv_map *new, const struct cfgv_map *old,
			     unsigned int off, unsigned int size)
{
	unsigned int dw, b;

	for (dw = 0; dw < new->ndw; dw++) {
		struct cfgv_dw *n = &new->ent[new->idx[dw]];
		const struct cfgv_dw *o = &old->ent[old->idx[dw]];
		u32 keep = 0;

		if (new->idx[dw] < CFGV_ENT_FIRST ||
		    old->idx[dw] < CFGV_ENT_FIRST)
			continue;
		for (b = 0; b < 4; b++)
			if (dw * 4 + b < off || dw * 4 + b >= off + size)
				keep |= 0xffU << (8 * b);
		n->vcfg = (n->vcfg & ~keep) | (o->vcfg & keep);
	}
}

/**
 * cfgv_rebuild() - rebuild the map from the hardware and the quirks
 * @dev: the device; caller holds its mutex
 * @keep_off: first byte whose shadow is taken fresh when @keep
 * @keep_size: number of such bytes
 * @keep: keep the guest's shadow outside that window
 *
 * Return: 0; -ENOSPC if the device or a quirk needed more room than a
 * map has (the new map is in place, the rest hidden); -ENOMEM (the old
 * map stays).
 */
int cfgv_rebuild(struct cfgv_dev *dev, unsigned int keep_off,
		 unsigned int keep_size, bool keep)
{
	struct cfgv_map *new, *old;
	unsigned long flags;
	int err;

	lockdep_assert_held(&dev->mutex);
	new = cfgv_map_build(dev, &err);
	if (!new)
		return err;
	spin_lock_irqsave(&dev->lock, flags);
	old = cfgv_map_of(dev);
	if (keep && old)
		cfgv_keep_shadow(new, old, keep_off, keep_size);
	if (!keep)
		bitmap_zero(dev->logged, CFGV_SPACE);
	rcu_assign_pointer(dev->map, new);
	dev->stats.rebuilds++;
	spin_unlock_irqrestore(&dev->lock, flags);
	/* a read may still be looking at the old map */
	if (old)
		kfree_rcu(old, rcu);
	return err;
}
