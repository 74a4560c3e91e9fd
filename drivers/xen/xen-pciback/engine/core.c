// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space virtualization engine: per-byte ownership map, request
 * validation, shadow and the read/write dispatch.
 *
 * When a device is added, its header, capabilities and extended
 * capabilities are installed from const per-register tables into per-byte
 * masks (see internal.h).  An access then costs a few array loads, at
 * most one hardware read and at most one hardware write, whatever the
 * number of capabilities: no list is walked per access.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/xen_pciback_cfg.h>

static bool cfgv_global_perm;

static const struct cfgv_hooks cfgv_no_hooks;

/**
 * cfgv_set_global_permissive() - set the permissive switch for all devices
 * @on: true to let guests write read-only pass-through bits
 *
 * The driver calls this from its module parameter.  Emulated and hidden
 * bits stay protected either way.
 */
void cfgv_set_global_permissive(bool on)
{
	WRITE_ONCE(cfgv_global_perm, on);
}

/**
 * cfgv_global_permissive() - read the global permissive switch
 *
 * Return: its current value.
 */
bool cfgv_global_permissive(void)
{
	return READ_ONCE(cfgv_global_perm);
}

/**
 * cfgv_permissive() - is a device in permissive mode
 * @dev: the device
 *
 * Return: true if the device or the global switch is permissive.
 */
bool cfgv_permissive(const struct cfgv_dev *dev)
{
	return dev->permissive || cfgv_global_permissive();
}

/**
 * cfgv_set_permissive() - set or revoke per-device permissive mode
 * @dev: the device
 * @on: new state
 */
void cfgv_set_permissive(struct cfgv_dev *dev, bool on)
{
	dev->permissive = on;
}

/**
 * cfgv_set_interrupt_control() - set or revoke allow_interrupt_control
 * @dev: the device
 * @on: let the guest write INTx-disable, MSI and MSI-X enable and MSI-X
 *	mask-all directly (one interrupt type at a time)
 */
void cfgv_set_interrupt_control(struct cfgv_dev *dev, bool on)
{
	dev->irq_ctl = on;
}

/**
 * cfgv_priv_open() - does a privilege hold for a device
 * @dev: the device
 * @priv: the privilege a register's gated bits need
 *
 * Return: true if the gated bits may be written.
 */
bool cfgv_priv_open(const struct cfgv_dev *dev, enum cfgv_priv priv)
{
	switch (priv) {
	case CFGV_PRIV_PERMISSIVE:
		return cfgv_permissive(dev);
	case CFGV_PRIV_IRQ:
		return dev->irq_ctl || cfgv_permissive(dev);
	default:
		return false;
	}
}

/**
 * cfgv_load() - read @size bytes of a per-byte array as a value
 * @arr: one of the per-byte arrays of struct cfgv_dev
 * @off: first byte
 * @size: 1, 2 or 4
 *
 * Return: the bytes, little endian.
 */
u32 cfgv_load(const u8 *arr, unsigned int off, unsigned int size)
{
	switch (size) {
	case 1:
		return arr[off];
	case 2:
		return get_unaligned_le16(arr + off);
	default:
		return get_unaligned_le32(arr + off);
	}
}

/**
 * cfgv_store() - write @size bytes of a per-byte array
 * @arr: one of the per-byte arrays of struct cfgv_dev
 * @off: first byte
 * @size: 1, 2 or 4
 * @val: the value, little endian
 */
void cfgv_store(u8 *arr, unsigned int off, unsigned int size, u32 val)
{
	switch (size) {
	case 1:
		arr[off] = val;
		break;
	case 2:
		put_unaligned_le16(val, arr + off);
		break;
	default:
		put_unaligned_le32(val, arr + off);
		break;
	}
}

static u32 cfgv_size_mask(unsigned int size)
{
	return size == 4 ? ~0U : (1U << (8 * size)) - 1;
}

/**
 * cfgv_hw_read() - read the device's real registers
 * @dev: the device
 * @off: offset
 * @size: 1, 2 or 4
 *
 * Return: the value, all ones if the PCI core reports an error.
 */
u32 cfgv_hw_read(struct cfgv_dev *dev, unsigned int off, unsigned int size)
{
	u32 v = ~0U;
	u16 w;
	u8 b;

	switch (size) {
	case 1:
		if (!pci_read_config_byte(dev->pdev, off, &b))
			v = b;
		break;
	case 2:
		if (!pci_read_config_word(dev->pdev, off, &w))
			v = w;
		break;
	default:
		if (pci_read_config_dword(dev->pdev, off, &v))
			v = ~0U;
		break;
	}
	return v & cfgv_size_mask(size);
}

static void cfgv_hw_write1(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size, u32 val)
{
	switch (size) {
	case 1:
		pci_write_config_byte(dev->pdev, off, val);
		break;
	case 2:
		pci_write_config_word(dev->pdev, off, val);
		break;
	default:
		pci_write_config_dword(dev->pdev, off, val);
		break;
	}
}

/*
 * Write only the bytes that carry guest-writable pass-through bits: a byte
 * with none may belong to a register whose semantics we do not know (a
 * hidden capability), so it is not written back at all.
 */
static void cfgv_hw_write(struct cfgv_dev *dev, unsigned int off,
			  unsigned int size, u32 val, u32 pw)
{
	unsigned int i, h;

	if ((pw & 0xff) && (size == 1 ||
			    ((pw & 0xff00) && (size == 2 ||
					       ((pw & 0xff0000) &&
						(pw & 0xff000000)))))) {
		cfgv_hw_write1(dev, off, size, val);
		return;
	}
	for (h = 0; h < size; h += 2) {
		u32 m = pw >> (8 * h), v = val >> (8 * h);

		if ((m & 0xff) && (m & 0xff00)) {
			cfgv_hw_write1(dev, off + h, 2, v & 0xffff);
			continue;
		}
		for (i = 0; i < 2; i++)
			if ((m >> (8 * i)) & 0xff)
				cfgv_hw_write1(dev, off + h + i, 1,
					       (v >> (8 * i)) & 0xff);
	}
}

/**
 * cfgv_set_shadow() - set the virtual value of emulated bits
 * @dev: the device
 * @off: offset
 * @size: 1, 2 or 4
 * @val: new value (only emulated bits are taken)
 */
void cfgv_set_shadow(struct cfgv_dev *dev, unsigned int off,
		     unsigned int size, u32 val)
{
	u32 emu = cfgv_load(dev->emu, off, size);
	u32 old = cfgv_load(dev->vcfg, off, size);

	cfgv_store(dev->vcfg, off, size, (old & ~emu) | (val & emu));
}

/*
 * Give bytes one uniform rule with no register behind them: @all sets the
 * emulated and hidden masks (hidden: read 0, writes dropped), @wr the
 * writable mask (plain pass-through).  Everything else is cleared.
 */
static void cfgv_fill(struct cfgv_dev *dev, unsigned int off,
		      unsigned int len, u8 all, u8 wr)
{
	if (off >= CFGV_SPACE)
		return;
	len = min_t(unsigned int, len, CFGV_SPACE - off);
	memset(dev->emu + off, all, len);
	memset(dev->hid + off, all, len);
	memset(dev->wr + off, wr, len);
	memset(dev->rw1c + off, 0, len);
	memset(dev->pro + off, 0, len);
	memset(dev->gate + off, 0, len);
	memset(dev->hk + off, 0, len);
	memset(dev->vcfg + off, 0, len);
	memset(dev->owner + off, 0, len * sizeof(dev->owner[0]));
}

/**
 * cfgv_hide() - make bytes read as zero and ignore writes
 * @dev: the device
 * @off: first byte
 * @len: number of bytes (clamped to the config size)
 */
void cfgv_hide(struct cfgv_dev *dev, unsigned int off, unsigned int len)
{
	cfgv_fill(dev, off, len, 0xff, 0);
}

/**
 * cfgv_pass() - make bytes read and write the hardware directly
 * @dev: the device
 * @off: first byte
 * @len: number of bytes (clamped to the config size)
 */
void cfgv_pass(struct cfgv_dev *dev, unsigned int off, unsigned int len)
{
	cfgv_fill(dev, off, len, 0, 0xff);
}

/**
 * cfgv_install() - install register rules of one structure
 * @dev: the device
 * @base: offset of the structure
 * @len: length of the structure; registers beyond it are skipped
 * @regs: its rule table
 * @n: entries in @regs
 *
 * The emulated bits of each register start with the hardware value
 * (reserved bits zero); the caller adjusts them with cfgv_set_shadow().
 */
void cfgv_install(struct cfgv_dev *dev, unsigned int base, unsigned int len,
		  const struct cfgv_reg *regs, unsigned int n)
{
	unsigned int i, b;

	for (i = 0; i < n; i++) {
		const struct cfgv_reg *r = &regs[i];
		unsigned int off = base + r->off;
		u32 emu = r->emu | r->rsvd;
		u32 ro = r->ro | r->prot | r->rsvd | r->gate;
		u32 hw = 0;
		u16 idx;

		if (r->off + r->size > len || off + r->size > dev->cfg_size)
			continue;
		/* The device's capability list decides this: no WARN. */
		if (dev->nfields >= CFGV_MAX_FIELDS) {
			pci_warn_once(dev->pdev, "config space: more than %d registers, the rest hidden\n",
				      CFGV_MAX_FIELDS);
			cfgv_hide(dev, off, r->size);
			continue;
		}
		idx = dev->nfields++;
		dev->fields[idx].off = off;
		dev->fields[idx].size = r->size;
		dev->fields[idx].base = base;
		dev->fields[idx].reg = r;
		if (r->emu & ~r->rsvd)
			hw = cfgv_hw_read(dev, off, r->size);
		for (b = 0; b < r->size; b++) {
			unsigned int s = 8 * b;

			dev->owner[off + b] = idx;
			dev->emu[off + b] = emu >> s;
			dev->wr[off + b] = ~ro >> s;
			dev->rw1c[off + b] = r->rw1c >> s;
			dev->pro[off + b] = (r->prot & ~emu & ~r->gate) >> s;
			dev->gate[off + b] = (r->gate & ~r->rsvd) >> s;
			dev->hid[off + b] = 0;
			dev->hk[off + b] = r->write ? 0xff : 0;
			dev->vcfg[off + b] = (hw & r->emu & ~r->rsvd) >> s;
		}
	}
}

static void cfgv_build(struct cfgv_dev *dev)
{
	dev->nfields = 1;	/* index 0 means "no register" */
	dev->pm = 0;
	dev->msi = 0;
	dev->msix = 0;
	dev->exp = 0;
	dev->vpd = 0;
	cfgv_pass(dev, PCI_STD_HEADER_SIZEOF,
		  PCI_CFG_SPACE_SIZE - PCI_STD_HEADER_SIZEOF);
	cfgv_hide(dev, PCI_CFG_SPACE_SIZE,
		  CFGV_SPACE - PCI_CFG_SPACE_SIZE);
	cfgv_header_install(dev);
	cfgv_chain_install(dev);
	cfgv_quirks_apply(dev);
}

/**
 * cfgv_create() - build the virtual configuration space of a device
 * @pdev: the device, enabled or not, with its resources assigned
 * @hooks: side effects (may be NULL: everything stays virtual)
 * @data: passed to every hook
 *
 * Reads the device's capability chains once (with loop and bounds
 * protection) and builds the per-byte ownership map.
 *
 * Return: the new state, or NULL if out of memory.
 */
struct cfgv_dev *cfgv_create(struct pci_dev *pdev,
			     const struct cfgv_hooks *hooks, void *data)
{
	struct cfgv_dev *dev = kvzalloc(sizeof(*dev), GFP_KERNEL);

	if (!dev)
		return NULL;
	dev->pdev = pdev;
	dev->hooks = hooks ?: &cfgv_no_hooks;
	dev->data = data;
	dev->cfg_size = pdev->cfg_size > PCI_CFG_SPACE_SIZE ?
			CFGV_SPACE : PCI_CFG_SPACE_SIZE;
	dev->stats.last_denied_off = -1;
	cfgv_build(dev);
	return dev;
}

/**
 * cfgv_destroy() - free the state made by cfgv_create()
 * @dev: the state, or NULL
 */
void cfgv_destroy(struct cfgv_dev *dev)
{
	kvfree(dev);
}

/**
 * cfgv_reset() - forget the guest's virtual state
 * @dev: the device
 *
 * Rebuilds the map and the shadow from the hardware, e.g. after the
 * device was reset or before it is given to another guest.  Quirks,
 * permissive mode and counters are kept.
 */
void cfgv_reset(struct cfgv_dev *dev)
{
	bitmap_zero(dev->logged, CFGV_SPACE);
	cfgv_build(dev);
}

/**
 * cfgv_rebuild_keep() - rebuild the map, keeping the guest's shadow
 * @dev: the device
 * @off: first byte whose shadow is taken fresh from the hardware
 * @size: number of such bytes
 */
void cfgv_rebuild_keep(struct cfgv_dev *dev, unsigned int off,
		       unsigned int size)
{
	unsigned int i;

	memcpy(dev->save, dev->vcfg, CFGV_SPACE);
	cfgv_build(dev);
	for (i = 0; i < CFGV_SPACE; i++)
		if (i < off || i >= off + size)
			dev->vcfg[i] = dev->save[i];
}

/**
 * cfgv_get_stats() - copy the counters of a device
 * @dev: the device
 * @st: where to copy them
 */
void cfgv_get_stats(const struct cfgv_dev *dev, struct cfgv_stats *st)
{
	*st = dev->stats;
}

static bool cfgv_valid(const struct cfgv_dev *dev, unsigned int off,
		       unsigned int size)
{
	return (size == 1 || size == 2 || size == 4) && !(off & (size - 1)) &&
	       off < dev->cfg_size && size <= dev->cfg_size - off;
}

/**
 * cfgv_read() - serve a guest configuration read
 * @dev: the device
 * @off: offset, naturally aligned, below the device's config size
 * @size: 1, 2 or 4
 * @val: where the guest-visible value goes
 *
 * Return: 0, or -EINVAL for an invalid offset or size (nothing read).
 */
int cfgv_read(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	      u32 *val)
{
	u32 emu, v;

	if (unlikely(!cfgv_valid(dev, off, size))) {
		dev->stats.invalid++;
		return -EINVAL;
	}
	emu = cfgv_load(dev->emu, off, size);
	v = cfgv_load(dev->vcfg, off, size) & emu;
	if (emu != cfgv_size_mask(size))
		v |= cfgv_hw_read(dev, off, size) & ~emu;
	dev->stats.reads++;
	trace_xen_pciback_cfg_read(dev->pdev, off, size, v);
	*val = v;
	return 0;
}

static void cfgv_deny(struct cfgv_dev *dev, unsigned int off,
		      unsigned int size, u32 val, u32 bits)
{
	dev->stats.denied++;
	dev->stats.last_denied_off = off;
	trace_xen_pciback_cfg_deny(dev->pdev, off, size, val, bits);
	if (test_and_set_bit(off, dev->logged))
		return;
	dev->stats.logged++;
	dev_warn_ratelimited(&dev->pdev->dev,
			     "guest write %#x to config %#x (size %u) denied, bits %#x; if the device needs it, add quirk %#x:%u:%#x or enable permissive\n",
			     val, off, size, bits, off, size, bits);
}

static u32 cfgv_open_gates(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size, u32 gate)
{
	u32 open = 0;
	unsigned int i;

	for (i = 0; i < size; i++) {
		u16 idx = dev->owner[off + i];

		if (((gate >> (8 * i)) & 0xff) && idx &&
		    cfgv_priv_open(dev, dev->fields[idx].reg->priv))
			open |= gate & (0xffU << (8 * i));
	}
	return open;
}

/* Does a hardware write of @pw leave some bit of a written byte to keep? */
static bool cfgv_partial(u32 pw, u32 rw1c)
{
	u32 bytes = 0;
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (pw & (0xffU << (8 * i)))
			bytes |= 0xffU << (8 * i);
	return (bytes & ~pw) || (bytes & rw1c);
}

/*
 * Run the side-effect hooks of every register the write touches.  Each
 * hook sees the whole register, old and new guest view.  A refused
 * register keeps its old value and none of its bits reach the hardware.
 */
static bool cfgv_run_hooks(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size, u32 amask, u32 emu, u32 view,
			   u32 *nview, u32 *w)
{
	bool denied = false;
	unsigned int i = 0;

	while (i < size) {
		u16 idx = dev->owner[off + i];
		const struct cfgv_field *f = &dev->fields[idx];
		unsigned int sh;
		u32 fm, nf;
		int ret;

		if (!idx) {
			i++;
			continue;
		}
		sh = 8 * (f->off - off);
		fm = cfgv_size_mask(f->size) << sh;
		i = f->off + f->size - off;
		if (!f->reg->write || !(fm & amask))
			continue;
		nf = (*nview & fm) >> sh;
		ret = f->reg->write(dev, f, (view & fm) >> sh, &nf);
		if (ret) {
			*nview = (*nview & ~fm) | (view & fm);
			*w &= ~fm;
			denied |= ret == -EPERM;
			continue;
		}
		*nview = (*nview & ~(fm & emu)) | ((nf << sh) & fm & emu);
	}
	return denied;
}

/**
 * cfgv_write() - serve a guest configuration write
 * @dev: the device
 * @off: offset, naturally aligned, below the device's config size
 * @size: 1, 2 or 4
 * @val: value the guest wrote
 *
 * Writable emulated bits update the shadow; writable pass-through bits
 * reach the hardware in one read-modify-write that never sets a
 * write-1-to-clear bit the guest did not write and never changes any
 * other bit.  Attempts to change bits that permissive mode, a privilege
 * or a quirk would open (and writes a hook refuses with -EPERM) are
 * counted as denials; writes to plainly read-only bits are ignored as
 * hardware ignores them.  A denied write still succeeds for the guest.
 *
 * Return: 0, or -EINVAL for an invalid offset or size (nothing touched).
 */
int cfgv_write(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	       u32 val)
{
	unsigned int aoff = off, asize = size, sh = 0;
	u32 aval = val, amask, emu, wr, rw1c, gate, w, pw, hw = 0, view, nview;
	u32 denied, guarded, hooked;
	u16 idx;

	if (unlikely(!cfgv_valid(dev, off, size))) {
		dev->stats.invalid++;
		return -EINVAL;
	}
	trace_xen_pciback_cfg_write(dev->pdev, off, size, val);
	dev->stats.writes++;
	val &= cfgv_size_mask(size);
	amask = cfgv_size_mask(size);
	/* a partial write of a register is done on the whole register */
	idx = dev->owner[off];
	if (idx && dev->fields[idx].size > size) {
		sh = 8 * (off - dev->fields[idx].off);
		val <<= sh;
		amask <<= sh;
		off = dev->fields[idx].off;
		size = dev->fields[idx].size;
	}

	emu = cfgv_load(dev->emu, off, size);
	wr = cfgv_load(dev->wr, off, size);
	rw1c = cfgv_load(dev->rw1c, off, size);
	gate = cfgv_load(dev->gate, off, size);
	/* bits a privilege or a quirk would open: refusing them is a denial */
	guarded = gate | cfgv_load(dev->hid, off, size);
	if (gate)
		wr |= cfgv_open_gates(dev, off, size, gate);
	if (cfgv_permissive(dev))
		wr |= cfgv_load(dev->pro, off, size);
	else
		guarded |= cfgv_load(dev->pro, off, size);
	w = wr & amask;
	hooked = cfgv_load(dev->hk, off, size);
	/*
	 * The hardware value is needed for hooks, for judging guarded
	 * pass-through bits, and to keep bits of bytes written back only
	 * in part.  Plain pass-through writes skip the read.
	 */
	if ((~emu & cfgv_size_mask(size)) &&
	    (hooked || (guarded & ~emu & ~w & amask) ||
	     cfgv_partial(w & ~emu, rw1c)))
		hw = cfgv_hw_read(dev, off, size);
	view = (cfgv_load(dev->vcfg, off, size) & emu) | (hw & ~emu);

	denied = (((val ^ view) & ~rw1c) | (val & view & rw1c)) & ~w & amask &
		 guarded;
	nview = (view & ~w) | (val & w & ~rw1c) | (view & w & rw1c & ~val);
	if (hooked &&
	    cfgv_run_hooks(dev, off, size, amask, emu, view, &nview, &w))
		denied |= ((val ^ view) & amask) ?: amask;

	cfgv_store(dev->vcfg, off, size,
		   (cfgv_load(dev->vcfg, off, size) & ~emu) | (nview & emu));
	pw = w & ~emu;
	/* A hook (pci_enable_device() and the like) may have changed it. */
	if (pw && hooked)
		hw = cfgv_hw_read(dev, off, size);
	if (pw)
		cfgv_hw_write(dev, off, size, (val & pw) | (hw & ~pw & ~rw1c),
			      pw);
	/* Denied bits are reported as the guest's access saw them. */
	if (denied)
		cfgv_deny(dev, aoff, asize, aval, denied >> sh);
	return 0;
}
