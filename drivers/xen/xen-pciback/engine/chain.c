// SPDX-License-Identifier: GPL-2.0
/*
 * Capability chains: walk the standard (0x40-0xff) and extended
 * (0x100-0xfff) chains of the hardware once, with loop and bounds
 * protection, install the handler of every capability the guest may see,
 * hide every other one, and rewrite the virtual next pointers so the
 * guest walks only the visible capabilities, in hardware order.
 *
 * A capability whose fixed layout does not fit before the next one (by
 * address), or that starts inside such a layout, means the chain is
 * inconsistent: the bytes would follow two sets of rules.  Both are
 * hidden.
 */
#include <linux/bitmap.h>
#include <linux/pci.h>

#include "internal.h"

static const struct cfgv_cap *const cfgv_std_caps[] = {
	&cfgv_cap_pm, &cfgv_cap_msi, &cfgv_cap_msix, &cfgv_cap_exp,
	&cfgv_cap_vpd, &cfgv_cap_vendor,
};

static const struct cfgv_cap *const cfgv_ext_caps[] = {
	&cfgv_ext_aer, &cfgv_ext_dsn, &cfgv_ext_vsec,
};

/* Header of a visible capability: ID and next pointer are virtual. */
static const struct cfgv_reg cfgv_std_hdr[] = {
	{ PCI_CAP_LIST_ID, 2, .emu = 0xffff, .ro = 0xffff },
};

static const struct cfgv_reg cfgv_ext_hdr[] = {
	{ 0, 4, .emu = ~0U, .ro = ~0U },
};

/* Lengths of the hidden standard capabilities we know the size of. */
static const struct {
	u8 id;
	u8 len;
} cfgv_std_hidden[] = {
	{ PCI_CAP_ID_PCIX, PCI_CAP_PCIX_SIZEOF_V2 },	/* v0 has 8: hide more */
	{ PCI_CAP_ID_SSVID, 8 },
	{ PCI_CAP_ID_SHPC, 8 },
	{ PCI_CAP_ID_AGP, PCI_AGP_SIZEOF },
	{ PCI_CAP_ID_SLOTID, 4 },
	{ PCI_CAP_ID_CHSWP, 4 },
	{ PCI_CAP_ID_DBG, 4 },
	{ PCI_CAP_ID_AF, PCI_CAP_AF_SIZEOF },
};

/* Bytes to hide for capability @id spanning @len bytes up to the next. */
static unsigned int cfgv_std_hidden_len(u8 id, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cfgv_std_hidden); i++)
		if (cfgv_std_hidden[i].id == id)
			return min_t(unsigned int, len, cfgv_std_hidden[i].len);
	return len;
}

/*
 * The extent of each capability ends where the next one (by address)
 * starts.  Quadratic, but only when the device is added, and bounded by
 * the chain limits.
 */
static void cfgv_extents(struct cfgv_capinst *c, unsigned int n,
			 unsigned int limit)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		c[i].end = limit;
		for (j = 0; j < n; j++)
			if (c[j].off > c[i].off && c[j].off < c[i].end)
				c[i].end = c[j].off;
	}
}

static const struct cfgv_cap *cfgv_find(const struct cfgv_cap *const *tab,
					unsigned int n, u16 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (tab[i]->id == id)
			return tab[i];
	return NULL;
}

/* Record the instance a single-instance capability shows; false: hide it. */
static bool cfgv_take(struct cfgv_build *b, const struct cfgv_cap *cap,
		      unsigned int off)
{
	u16 *slot;

	if (!cap->slot)
		return true;
	slot = (u16 *)((u8 *)b->m + cap->slot);
	if (*slot)
		return false;
	*slot = off;
	return true;
}

static unsigned int cfgv_walk_std(struct cfgv_build *b,
				  struct cfgv_capinst *c)
{
	DECLARE_BITMAP(seen, PCI_CFG_SPACE_SIZE / 4);
	struct cfgv_dev *dev = b->dev;
	u32 sta = cfgv_hw_peek(dev, PCI_STATUS, 2);
	unsigned int n = 0, pos;

	bitmap_zero(seen, PCI_CFG_SPACE_SIZE / 4);
	if (!(sta & PCI_STATUS_CAP_LIST) || sta == 0xffff)
		return 0;
	pos = cfgv_hw_peek(dev, PCI_CAPABILITY_LIST, 1) & ~3U;
	while (n < CFGV_MAX_STD_CAPS && pos >= PCI_STD_HEADER_SIZEOF &&
	       pos <= PCI_CFG_SPACE_SIZE - 4 && !test_and_set_bit(pos / 4, seen)) {
		u16 hdr = cfgv_hw_peek(dev, pos, 2);

		if ((hdr & 0xff) == 0xff)
			break;
		c[n].off = pos;
		c[n].id = hdr & 0xff;
		n++;
		pos = (hdr >> 8) & ~3U;
	}
	return n;
}

/*
 * Decide what the guest sees of each instance found: its handler and
 * length, or hidden (cap NULL).  A fixed layout that does not fit, and
 * whatever starts inside it, are both hidden.
 */
static void cfgv_place(struct cfgv_build *b, struct cfgv_capinst *c,
		       unsigned int n, const struct cfgv_cap *const *tab,
		       unsigned int ntab)
{
	unsigned int i, j, len, min;

	for (i = 0; i < n; i++) {
		const struct cfgv_cap *cap = cfgv_find(tab, ntab, c[i].id);

		c[i].cap = NULL;
		c[i].len = 0;
		if (!cap)
			continue;
		min = 0;
		len = cap->len(b, c[i].off, &min);
		if (!len || !cfgv_take(b, cap, c[i].off))
			continue;
		c[i].cap = cap;
		c[i].len = min_t(unsigned int, len, c[i].end - c[i].off);
		if (min <= c[i].end - c[i].off)
			continue;
		pci_warn(b->dev->pdev, "config space: capability %#x at %#x overlaps the next one at %#x; both hidden\n",
			 c[i].id, c[i].off, c[i].end);
		c[i].bad = true;
		for (j = 0; j < n; j++)
			if (c[j].off == c[i].end)
				c[j].bad = true;
	}
	for (i = 0; i < n; i++) {
		u16 *slot;

		if (!c[i].bad || !c[i].cap)
			continue;
		slot = (u16 *)((u8 *)b->m + c[i].cap->slot);
		if (c[i].cap->slot && *slot == c[i].off)
			*slot = 0;
		c[i].cap = NULL;
	}
}

/*
 * A map that ran out of entries hid the header of @c: it is then left
 * out of the guest's chain (a pointer to it would read as an empty
 * capability) and its body is hidden.
 */
static void cfgv_check_hdr(struct cfgv_build *b, struct cfgv_capinst *c)
{
	u16 *slot = (u16 *)((u8 *)b->m + c->cap->slot);

	if (b->m->idx[c->off / 4] >= CFGV_ENT_FIRST)
		return;
	cfgv_hide(b, c->off, c->len);
	if (c->cap->slot && *slot == c->off)
		*slot = 0;
	c->cap = NULL;
}

static void cfgv_std_install(struct cfgv_build *b)
{
	struct cfgv_capinst *c = b->walk;
	unsigned int n, i, prev = PCI_CAPABILITY_LIST;

	memset(c, 0, sizeof(b->walk));
	n = cfgv_walk_std(b, c);
	cfgv_extents(c, n, PCI_CFG_SPACE_SIZE);
	cfgv_place(b, c, n, cfgv_std_caps, ARRAY_SIZE(cfgv_std_caps));
	for (i = 0; i < n; i++) {
		unsigned int ext = c[i].end - c[i].off;

		if (!c[i].cap) {
			cfgv_hide(b, c[i].off,
				  c[i].bad ? ext :
				  ALIGN(cfgv_std_hidden_len(c[i].id, ext), 4));
			continue;
		}
		cfgv_hide(b, c[i].off, c[i].len);
		cfgv_install(b, c[i].off, c[i].len, cfgv_std_hdr, 1);
		c[i].cap->install(b, c[i].off, c[i].len);
		cfgv_check_hdr(b, &c[i]);
	}
	/* relink: the guest's chain holds only the visible capabilities */
	for (i = 0; i < n; i++) {
		if (!c[i].cap)
			continue;
		if (prev == PCI_CAPABILITY_LIST)
			cfgv_set_shadow(b, prev, 1, c[i].off);
		else
			cfgv_set_shadow(b, prev + PCI_CAP_LIST_NEXT, 1,
					c[i].off);
		cfgv_set_shadow(b, c[i].off, 1, c[i].id);
		prev = c[i].off;
	}
	if (prev == PCI_CAPABILITY_LIST) {
		cfgv_set_shadow(b, PCI_CAPABILITY_LIST, 1, 0);
		cfgv_set_shadow(b, PCI_STATUS, 2, 0);
	} else {
		cfgv_set_shadow(b, prev + PCI_CAP_LIST_NEXT, 1, 0);
		cfgv_set_shadow(b, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	}
}

static unsigned int cfgv_walk_ext(struct cfgv_build *b,
				  struct cfgv_capinst *c)
{
	DECLARE_BITMAP(seen, CFGV_MAX_EXT_CAPS);
	unsigned int n = 0, pos = PCI_CFG_SPACE_SIZE, size = b->dev->cfg_size;

	bitmap_zero(seen, CFGV_MAX_EXT_CAPS);
	while (n < CFGV_MAX_EXT_CAPS && pos >= PCI_CFG_SPACE_SIZE &&
	       pos <= size - 4 &&
	       !test_and_set_bit((pos - PCI_CFG_SPACE_SIZE) / 4, seen)) {
		u32 hdr = cfgv_hw_peek(b->dev, pos, 4);

		if (!hdr || hdr == ~0U)
			break;
		c[n].off = pos;
		c[n].id = PCI_EXT_CAP_ID(hdr);
		n++;
		pos = PCI_EXT_CAP_NEXT(hdr) & ~3U;
	}
	return n;
}

static void cfgv_ext_install(struct cfgv_build *b)
{
	struct cfgv_capinst *c = b->walk;
	unsigned int n, i, prev = 0;

	if (b->dev->cfg_size <= PCI_CFG_SPACE_SIZE)
		return;
	memset(c, 0, sizeof(b->walk));
	n = cfgv_walk_ext(b, c);
	cfgv_extents(c, n, b->dev->cfg_size);
	cfgv_place(b, c, n, cfgv_ext_caps, ARRAY_SIZE(cfgv_ext_caps));
	/* the whole extended space starts hidden: install the visible ones */
	for (i = 0; i < n; i++) {
		if (!c[i].cap)
			continue;
		cfgv_install(b, c[i].off, c[i].len, cfgv_ext_hdr, 1);
		c[i].cap->install(b, c[i].off, c[i].len);
		cfgv_check_hdr(b, &c[i]);
	}
	/* a hidden capability at 0x100 leaves an ID-0 placeholder there */
	if (n && !c[0].cap) {
		cfgv_install(b, PCI_CFG_SPACE_SIZE, 4, cfgv_ext_hdr, 1);
		cfgv_set_shadow(b, PCI_CFG_SPACE_SIZE, 4, 0);
	}
	for (i = 0; i < n; i++) {
		u32 hdr;

		if (!c[i].cap)
			continue;
		if (prev || c[i].off != PCI_CFG_SPACE_SIZE) {
			unsigned int at = prev ?: PCI_CFG_SPACE_SIZE;

			hdr = cfgv_shadow(b, at, 4);
			cfgv_set_shadow(b, at, 4,
					(hdr & 0x000fffff) | c[i].off << 20);
		}
		hdr = cfgv_hw_peek(b->dev, c[i].off, 4);
		cfgv_set_shadow(b, c[i].off, 4, hdr & 0x000fffff);
		prev = c[i].off;
	}
}

/**
 * cfgv_chain_install() - install both capability chains
 * @b: the build, header already installed
 */
void cfgv_chain_install(struct cfgv_build *b)
{
	cfgv_std_install(b);
	cfgv_ext_install(b);
}
