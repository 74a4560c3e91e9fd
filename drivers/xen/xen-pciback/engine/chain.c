// SPDX-License-Identifier: GPL-2.0
/*
 * Capability chains: walk the standard (0x40-0xff) and extended
 * (0x100-0xfff) chains of the hardware once, with loop and bounds
 * protection, install the handler of every capability the guest may see,
 * hide every other one, and rewrite the virtual next pointers so the
 * guest walks only the visible capabilities, in hardware order.
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
static bool cfgv_take(struct cfgv_dev *dev, const struct cfgv_cap *cap,
		      unsigned int off)
{
	u16 *slot;

	if (!cap->slot)
		return true;
	slot = (u16 *)((u8 *)dev + cap->slot);
	if (*slot)
		return false;
	*slot = off;
	return true;
}

static unsigned int cfgv_walk_std(struct cfgv_dev *dev,
				  struct cfgv_capinst *c)
{
	DECLARE_BITMAP(seen, PCI_CFG_SPACE_SIZE / 4);
	unsigned int n = 0, pos;

	bitmap_zero(seen, PCI_CFG_SPACE_SIZE / 4);
	if (!(cfgv_hw_read(dev, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = cfgv_hw_read(dev, PCI_CAPABILITY_LIST, 1) & ~3U;
	while (n < CFGV_MAX_STD_CAPS && pos >= PCI_STD_HEADER_SIZEOF &&
	       pos <= PCI_CFG_SPACE_SIZE - 4 && !test_and_set_bit(pos / 4, seen)) {
		u16 hdr = cfgv_hw_read(dev, pos, 2);

		if ((hdr & 0xff) == 0xff)
			break;
		c[n].off = pos;
		c[n].id = hdr & 0xff;
		n++;
		pos = (hdr >> 8) & ~3U;
	}
	return n;
}

static void cfgv_std_install(struct cfgv_dev *dev)
{
	struct cfgv_capinst *c = dev->walk;
	unsigned int n, i, len, prev = PCI_CAPABILITY_LIST;

	n = cfgv_walk_std(dev, c);
	cfgv_extents(c, n, PCI_CFG_SPACE_SIZE);
	for (i = 0; i < n; i++) {
		c[i].cap = cfgv_find(cfgv_std_caps, ARRAY_SIZE(cfgv_std_caps),
				     c[i].id);
		if (c[i].cap && !cfgv_take(dev, c[i].cap, c[i].off))
			c[i].cap = NULL;
		len = c[i].end - c[i].off;
		if (!c[i].cap) {
			cfgv_hide(dev, c[i].off,
				  ALIGN(cfgv_std_hidden_len(c[i].id, len), 4));
			continue;
		}
		len = min(len, c[i].cap->len(dev, c[i].off));
		cfgv_hide(dev, c[i].off, len);
		cfgv_install(dev, c[i].off, len, cfgv_std_hdr, 1);
		c[i].cap->install(dev, c[i].off, len);
	}
	/* relink: the guest's chain holds only the visible capabilities */
	for (i = 0; i < n; i++) {
		if (!c[i].cap)
			continue;
		if (prev == PCI_CAPABILITY_LIST)
			cfgv_set_shadow(dev, prev, 1, c[i].off);
		else
			cfgv_set_shadow(dev, prev + PCI_CAP_LIST_NEXT, 1,
					c[i].off);
		cfgv_set_shadow(dev, c[i].off, 1, c[i].id);
		prev = c[i].off;
	}
	if (prev == PCI_CAPABILITY_LIST) {
		cfgv_set_shadow(dev, PCI_CAPABILITY_LIST, 1, 0);
		cfgv_set_shadow(dev, PCI_STATUS, 2, 0);
	} else {
		cfgv_set_shadow(dev, prev + PCI_CAP_LIST_NEXT, 1, 0);
		cfgv_set_shadow(dev, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	}
}

static void cfgv_ext_install(struct cfgv_dev *dev)
{
	DECLARE_BITMAP(seen, CFGV_MAX_EXT_CAPS);
	struct cfgv_capinst *c = dev->walk;
	unsigned int n = 0, i, len, pos = PCI_CFG_SPACE_SIZE, prev = 0;

	if (dev->cfg_size <= PCI_CFG_SPACE_SIZE)
		return;
	bitmap_zero(seen, CFGV_MAX_EXT_CAPS);
	while (n < CFGV_MAX_EXT_CAPS && pos >= PCI_CFG_SPACE_SIZE &&
	       pos <= dev->cfg_size - 4 &&
	       !test_and_set_bit((pos - PCI_CFG_SPACE_SIZE) / 4, seen)) {
		u32 hdr = cfgv_hw_read(dev, pos, 4);

		if (!hdr || hdr == ~0U)
			break;
		c[n].off = pos;
		c[n].id = PCI_EXT_CAP_ID(hdr);
		n++;
		pos = PCI_EXT_CAP_NEXT(hdr);
	}
	cfgv_extents(c, n, dev->cfg_size);
	for (i = 0; i < n; i++) {
		c[i].cap = cfgv_find(cfgv_ext_caps, ARRAY_SIZE(cfgv_ext_caps),
				     c[i].id);
		if (!c[i].cap)
			continue;	/* the whole extended space starts hidden */
		len = min_t(unsigned int, c[i].end - c[i].off,
			    c[i].cap->len(dev, c[i].off));
		cfgv_install(dev, c[i].off, len, cfgv_ext_hdr, 1);
		c[i].cap->install(dev, c[i].off, len);
	}
	/* a hidden capability at 0x100 leaves an ID-0 placeholder there */
	if (n && !c[0].cap) {
		cfgv_install(dev, PCI_CFG_SPACE_SIZE, 4, cfgv_ext_hdr, 1);
		cfgv_set_shadow(dev, PCI_CFG_SPACE_SIZE, 4, 0);
	}
	for (i = 0; i < n; i++) {
		u32 hdr;

		if (!c[i].cap)
			continue;
		if (prev || c[i].off != PCI_CFG_SPACE_SIZE) {
			unsigned int at = prev ?: PCI_CFG_SPACE_SIZE;

			hdr = cfgv_load(dev->vcfg, at, 4);
			cfgv_set_shadow(dev, at, 4,
					(hdr & 0x000fffff) | c[i].off << 20);
		}
		hdr = cfgv_hw_read(dev, c[i].off, 4);
		cfgv_set_shadow(dev, c[i].off, 4, hdr & 0x000fffff);
		prev = c[i].off;
	}
}

/**
 * cfgv_chain_install() - install both capability chains
 * @dev: the device, header already installed
 */
void cfgv_chain_install(struct cfgv_dev *dev)
{
	cfgv_std_install(dev);
	cfgv_ext_install(dev);
}
