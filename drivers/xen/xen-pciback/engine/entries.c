// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the primitives that install rules in a map being
 * built, hide or pass bytes, set their shadow and open quirk windows.
 * The structure installers (header.c, chain.c, cap_*.c, ext_caps.c)
 * call them; the builder (build.c) runs those in order.
 *
 * Every dword starts on one of the two shared entries (hidden,
 * pass-through); a dword gets an entry of its own the first time a rule,
 * a partial hide or pass, or a quirk touches it.  When the entries or
 * rules run out the rest is hidden: the device decides how many
 * structures it has, and failing closed is the only safe answer.
 */
#include <linux/bits.h>

#include "internal.h"

static void cfgv_set_byte(u32 *word, unsigned int b, u8 v)
{
	*word = (*word & ~(0xffU << (8 * b))) | (u32)v << (8 * b);
}

static u8 cfgv_get_byte(u32 word, unsigned int b)
{
	return word >> (8 * b);
}

/* The per-byte summaries of byte @b, owned by rule @r (NULL: none). */
static void cfgv_set_flag(struct cfgv_dw *e, unsigned int b,
			  const struct cfgv_reg *r)
{
	u8 bit = BIT(b);

	e->hook &= ~bit;
	e->slpall &= ~bit;
	e->gperm &= ~bit;
	e->girq &= ~bit;
	e->replay &= ~bit;
	if (!r)
		return;
	if (r->flags & CFGV_REG_REPLAY)
		e->replay |= bit;
	if (r->write)
		e->hook |= bit;
	if (r->flags & CFGV_REG_SLEEPS)
		e->slpall |= bit;
	if (r->priv == CFGV_PRIV_PERMISSIVE)
		e->gperm |= bit;
	else if (r->priv == CFGV_PRIV_IRQ)
		e->girq |= bit;
}

static void cfgv_overflow(struct cfgv_build *b)
{
	if (!b->overflow)
		pci_warn(b->dev->pdev, "config space: more registers than the engine keeps (%u dwords, %u rules); the rest is hidden\n",
			 CFGV_MAX_ENT - CFGV_ENT_FIRST, CFGV_MAX_RULES - 1);
	b->overflow = true;
}

/* Give dword @dw an entry of its own; NULL (dword hidden) if none is left. */
static struct cfgv_dw *cfgv_own(struct cfgv_build *b, unsigned int dw)
{
	struct cfgv_map *m = b->m;
	u8 i = m->idx[dw];

	if (i >= CFGV_ENT_FIRST)
		return &m->ent[i];
	if (m->nent >= CFGV_MAX_ENT) {
		cfgv_overflow(b);
		m->idx[dw] = CFGV_ENT_HIDDEN;
		return NULL;
	}
	m->ent[m->nent] = m->ent[i];
	m->idx[dw] = m->nent;
	return &m->ent[m->nent++];
}

/* The index of @r in the map's rule table, adding it; 0 if full. */
static u8 cfgv_rule_index(struct cfgv_build *b, const struct cfgv_reg *r)
{
	struct cfgv_map *m = b->m;
	unsigned int i;

	for (i = 1; i < m->nrules; i++)
		if (m->rules[i] == r)
			return i;
	if (m->nrules >= CFGV_MAX_RULES) {
		cfgv_overflow(b);
		return 0;
	}
	m->rules[m->nrules] = r;
	return m->nrules++;
}

/*
 * Give bytes the uniform rule of a shared entry: whole dwords point at
 * it, the bytes of partly covered dwords copy it.
 */
static void cfgv_fill(struct cfgv_build *b, unsigned int off,
		      unsigned int len, u8 kind)
{
	struct cfgv_map *m = b->m;
	const struct cfgv_dw *k = &m->ent[kind];
	unsigned int end = min_t(unsigned int, off + len, m->ndw * 4);

	while (off < end) {
		unsigned int dw = off / 4, s = off & 3;
		struct cfgv_dw *e;

		if (!s && end - off >= 4) {
			m->idx[dw] = kind;
			off += 4;
			continue;
		}
		e = cfgv_own(b, dw);
		for (; s < 4 && off < end; s++, off++) {
			if (!e)
				continue;
			cfgv_set_byte(&e->vcfg, s, 0);
			cfgv_set_byte(&e->emu, s, cfgv_get_byte(k->emu, s));
			cfgv_set_byte(&e->wr, s, cfgv_get_byte(k->wr, s));
			cfgv_set_byte(&e->rw1c, s, 0);
			cfgv_set_byte(&e->protect, s, 0);
			cfgv_set_byte(&e->gate, s, 0);
			cfgv_set_byte(&e->hidden, s, cfgv_get_byte(k->hidden, s));
			cfgv_set_byte(&e->slp, s, 0);
			cfgv_set_byte(&e->mirror, s, 0);
			e->rule[s] = 0;
			cfgv_set_flag(e, s, NULL);
		}
	}
}

/**
 * cfgv_hide() - make bytes read as zero and refuse writes to them
 * @b: the build
 * @off: first byte
 * @len: number of bytes (clamped to the config size)
 */
void cfgv_hide(struct cfgv_build *b, unsigned int off, unsigned int len)
{
	cfgv_fill(b, off, len, CFGV_ENT_HIDDEN);
}

/**
 * cfgv_pass() - make device-specific bytes read the hardware directly and,
 *	unless the device's are closed, write it directly
 * @b: the build
 * @off: first byte
 * @len: number of bytes (clamped to the config size)
 */
void cfgv_pass(struct cfgv_build *b, unsigned int off, unsigned int len)
{
	cfgv_fill(b, off, len, b->dev->devspec_closed ? CFGV_ENT_CLOSED :
							CFGV_ENT_PASS);
}

/**
 * cfgv_install() - install the register rules of one structure
 * @b: the build
 * @base: offset of the structure (dword aligned)
 * @len: length of the structure; registers beyond it are skipped
 * @regs: its rule table
 * @n: entries in @regs
 *
 * The shadow of each register starts with the hardware value (reserved
 * bits zero); the caller adjusts emulated bits with cfgv_set_shadow().
 */
void cfgv_install(struct cfgv_build *b, unsigned int base, unsigned int len,
		  const struct cfgv_reg *regs, unsigned int n)
{
	unsigned int i, k;

	for (i = 0; i < n; i++) {
		const struct cfgv_reg *r = &regs[i];
		unsigned int off = base + r->off, s = off & 3;
		u32 emu = r->emu | r->rsvd;
		u32 ro = r->ro | r->prot | r->rsvd | r->gate;
		u32 hw = 0;
		struct cfgv_dw *e;
		u8 ri;

		if (r->off + r->size > len || off + r->size > b->m->ndw * 4)
			continue;
		e = cfgv_own(b, off / 4);
		ri = e ? cfgv_rule_index(b, r) : 0;
		if (!ri) {
			cfgv_hide(b, off, r->size);
			continue;
		}
		if ((r->emu & ~r->rsvd) || (r->flags & CFGV_REG_REPLAY))
			hw = cfgv_hw_peek(b->dev, off, r->size);
		for (k = 0; k < r->size; k++) {
			unsigned int sh = 8 * k;

			cfgv_set_byte(&e->vcfg, s + k, (hw & ~r->rsvd) >> sh);
			cfgv_set_byte(&e->emu, s + k, emu >> sh);
			cfgv_set_byte(&e->wr, s + k, ~ro >> sh);
			cfgv_set_byte(&e->rw1c, s + k, r->rw1c >> sh);
			cfgv_set_byte(&e->protect, s + k,
				      (r->prot & ~emu & ~r->gate) >> sh);
			cfgv_set_byte(&e->gate, s + k,
				      (r->gate & ~r->rsvd) >> sh);
			cfgv_set_byte(&e->hidden, s + k, 0);
			cfgv_set_byte(&e->slp, s + k, r->sleep >> sh);
			cfgv_set_byte(&e->mirror, s + k,
				      (r->mirror & r->emu & ~r->rsvd) >> sh);
			e->rule[s + k] = ri;
			cfgv_set_flag(e, s + k, r);
		}
	}
}

/**
 * cfgv_set_shadow() - set the virtual value of emulated bits
 * @b: the build
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @val: new value (only emulated bits are taken)
 *
 * Bytes on a shared entry have no shadow and are left alone.
 */
void cfgv_set_shadow(struct cfgv_build *b, unsigned int off,
		     unsigned int size, u32 val)
{
	struct cfgv_map *m = b->m;
	struct cfgv_dw *e;
	unsigned int sh = 8 * (off & 3);
	u32 emu;

	if (off / 4 >= m->ndw || m->idx[off / 4] < CFGV_ENT_FIRST)
		return;
	e = cfgv_ent(m, off);
	emu = e->emu & (cfgv_bytes(size) << sh);
	e->vcfg = (e->vcfg & ~emu) | ((val << sh) & emu);
}

/**
 * cfgv_shadow() - read the virtual value of some bytes
 * @b: the build
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 *
 * Return: the shadow's bits at @off (0 for bytes on a shared entry).
 */
u32 cfgv_shadow(struct cfgv_build *b, unsigned int off, unsigned int size)
{
	struct cfgv_map *m = b->m;

	if (off / 4 >= m->ndw)
		return 0;
	return (cfgv_ent(m, off)->vcfg >> (8 * (off & 3))) & cfgv_bytes(size);
}

/**
 * cfgv_open() - open a quirk's pass-through window in the map
 * @b: the build
 * @q: the window
 *
 * Return: false if the map had no room for it (the window stays closed).
 */
bool cfgv_open(struct cfgv_build *b, const struct cfgv_quirk *q)
{
	struct cfgv_dw *e = cfgv_own(b, q->off / 4);
	u32 m = q->mask << (8 * (q->off & 3));

	if (!e)
		return false;
	e->emu &= ~m;
	e->wr |= m;
	e->protect &= ~m;
	e->gate &= ~m;
	e->hidden &= ~m;
	e->mirror &= ~m;
	return true;
}
