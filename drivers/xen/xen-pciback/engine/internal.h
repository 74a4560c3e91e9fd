/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces of the config-space virtualization engine.
 *
 * Every byte of configuration space carries seven bit masks, filled in when
 * the device is added from const per-register tables:
 *
 *   emu   bits served from the virtual shadow (vcfg); writes land there
 *   wr    bits the guest may write (emulated or pass-through)
 *   rw1c  write-1-to-clear bits (never written back as 1 by accident)
 *   pro   protected pass-through bits that permissive mode opens
 *   gate  bits writable only with a privilege (see enum cfgv_priv)
 *   hid   bits of hidden structures (read as zero; a quirk can open them)
 *   hk    0xff if the byte's register has a side-effect hook
 *
 * and an owner index naming the register (field) it belongs to, so an
 * access finds its rule in O(1).  Bits in none of emu/wr/pro/gate are
 * read-only pass-through; emulated bits that are not writable are
 * read-only virtual (reserved bits are virtual zero).
 */
#ifndef _XEN_PCIBACK_CFGV_INTERNAL_H
#define _XEN_PCIBACK_CFGV_INTERNAL_H

#include <linux/bitmap.h>
#include <linux/pci.h>
#include <linux/types.h>

#include "cfgv.h"

#define CFGV_SPACE		PCI_CFG_SPACE_EXP_SIZE
#define CFGV_MAX_FIELDS		640
#define CFGV_MAX_QUIRKS		32
#define CFGV_MAX_STD_CAPS	48
#define CFGV_MAX_EXT_CAPS	((CFGV_SPACE - PCI_CFG_SPACE_SIZE) / 4)

struct cfgv_field;

/**
 * enum cfgv_priv - what opens the gated bits of a register
 * @CFGV_PRIV_NONE: nothing (register has no gated bits)
 * @CFGV_PRIV_PERMISSIVE: permissive mode (global or per device)
 * @CFGV_PRIV_IRQ: permissive mode or allow_interrupt_control
 */
enum cfgv_priv {
	CFGV_PRIV_NONE,
	CFGV_PRIV_PERMISSIVE,
	CFGV_PRIV_IRQ,
};

/**
 * typedef cfgv_write_fn - side-effect hook of one register
 * @dev: the device
 * @f: the register
 * @old: guest-visible value before the write
 * @val: guest-visible value after the write; the hook may change its
 *	emulated bits
 *
 * Return: 0 to commit, -EPERM to refuse (counted as a denial), any other
 * negative errno to refuse silently.  A refused write changes nothing in
 * the register, neither virtual nor hardware bits.
 */
typedef int (*cfgv_write_fn)(struct cfgv_dev *dev,
			     const struct cfgv_field *f, u32 old, u32 *val);

/**
 * struct cfgv_reg - rule for one register, relative to its structure
 * @off: offset inside the structure
 * @size: width in bytes (1, 2 or 4)
 * @priv: what opens @gate
 * @emu: bits served from the shadow
 * @ro: read-only bits (the guest's writes are ignored, as hardware
 *	ignores writes to read-only bits)
 * @prot: bits the hardware would accept but policy protects: ignored
 *	and counted as denials, writable in permissive mode
 * @rw1c: write-1-to-clear bits
 * @rsvd: reserved bits: read as zero, hardware value preserved
 * @gate: bits writable only with @priv (pass-through when open)
 * @write: side-effect hook, or NULL
 *
 * A bit in none of @emu, @ro, @prot, @rsvd, @gate is read-write
 * pass-through.
 */
struct cfgv_reg {
	u16 off;
	u8 size;
	u8 priv;
	u32 emu;
	u32 ro;
	u32 prot;
	u32 rw1c;
	u32 rsvd;
	u32 gate;
	cfgv_write_fn write;
};

/**
 * struct cfgv_field - one register instance in a device's space
 * @off: absolute offset
 * @size: width in bytes
 * @base: offset of the structure (capability) holding the register
 * @reg: its rule
 */
struct cfgv_field {
	u16 off;
	u8 size;
	u16 base;
	const struct cfgv_reg *reg;
};

/**
 * struct cfgv_bar - emulation state of one BAR dword
 * @host: value reported to the guest (host address and type bits)
 * @mask: writable address bits (0: unimplemented)
 */
struct cfgv_bar {
	u32 host;
	u32 mask;
};

/**
 * struct cfgv_quirk - an administrator-opened pass-through window
 * @off: register offset
 * @size: width in bytes
 * @mask: bits passed through for reading and writing
 */
struct cfgv_quirk {
	u16 off;
	u8 size;
	u32 mask;
};

/**
 * struct cfgv_capinst - a capability found while walking a chain
 * @off: its offset
 * @id: its ID
 * @end: where the next structure (by address) starts
 * @cap: its handler, NULL if hidden
 */
struct cfgv_capinst {
	u16 off;
	u16 id;
	u16 end;
	const struct cfgv_cap *cap;
};

/**
 * struct cfgv_dev - virtual configuration space of one device
 * @pdev: the device
 * @hooks: driver side effects
 * @data: argument for @hooks
 * @cfg_size: 256 or 4096
 * @permissive: per-device permissive mode
 * @irq_ctl: allow_interrupt_control
 * @pm: offset of the PM capability (0: none or hidden)
 * @msi: offset of the MSI capability
 * @msix: offset of the MSI-X capability
 * @exp: offset of the PCI Express capability
 * @vpd: offset of the VPD capability
 * @bars: BAR 0-5 and the ROM (index 6)
 * @nquirks: entries in @quirks
 * @quirks: pass-through windows
 * @stats: counters
 * @nfields: entries in @fields (index 0 is "no field")
 * @fields: register instances
 * @logged: offsets whose denial was already logged
 * @owner: per byte, index into @fields
 * @vcfg: the shadow
 * @emu: per-byte mask, see the file comment
 * @wr: per-byte mask
 * @rw1c: per-byte mask
 * @pro: per-byte mask
 * @gate: per-byte mask
 * @hid: per-byte mask
 * @hk: per-byte mask
 * @walk: scratch space for the chain walks (no allocation when building)
 * @save: scratch copy of @vcfg for rebuilds that keep the guest's state
 */
struct cfgv_dev {
	struct pci_dev *pdev;
	const struct cfgv_hooks *hooks;
	void *data;
	unsigned int cfg_size;
	bool permissive;
	bool irq_ctl;
	u16 pm, msi, msix, exp, vpd;
	struct cfgv_bar bars[PCI_STD_NUM_BARS + 1];
	unsigned int nquirks;
	struct cfgv_quirk quirks[CFGV_MAX_QUIRKS];
	struct cfgv_stats stats;
	unsigned int nfields;
	struct cfgv_field fields[CFGV_MAX_FIELDS];
	DECLARE_BITMAP(logged, CFGV_SPACE);
	u16 owner[CFGV_SPACE];
	u8 vcfg[CFGV_SPACE];
	u8 emu[CFGV_SPACE];
	u8 wr[CFGV_SPACE];
	u8 rw1c[CFGV_SPACE];
	u8 pro[CFGV_SPACE];
	u8 gate[CFGV_SPACE];
	u8 hid[CFGV_SPACE];
	u8 hk[CFGV_SPACE];
	struct cfgv_capinst walk[CFGV_MAX_EXT_CAPS];
	u8 save[CFGV_SPACE];
};

/**
 * struct cfgv_cap - handler of one capability type
 * @id: capability ID
 * @slot: offsetof() the u16 in struct cfgv_dev that records the one
 *	instance the guest sees (a second one is hidden); 0 when any
 *	number of instances is shown
 * @len: length of the instance at @off (may read hardware)
 * @install: fill in the maps for the instance at @off, @len bytes long
 */
struct cfgv_cap {
	u16 id;
	size_t slot;
	unsigned int (*len)(struct cfgv_dev *dev, unsigned int off);
	void (*install)(struct cfgv_dev *dev, unsigned int off,
			unsigned int len);
};

/* core.c */
u32 cfgv_hw_read(struct cfgv_dev *dev, unsigned int off, unsigned int size);
u32 cfgv_load(const u8 *arr, unsigned int off, unsigned int size);
void cfgv_store(u8 *arr, unsigned int off, unsigned int size, u32 val);
void cfgv_install(struct cfgv_dev *dev, unsigned int base, unsigned int len,
		  const struct cfgv_reg *regs, unsigned int n);
void cfgv_hide(struct cfgv_dev *dev, unsigned int off, unsigned int len);
void cfgv_pass(struct cfgv_dev *dev, unsigned int off, unsigned int len);
void cfgv_set_shadow(struct cfgv_dev *dev, unsigned int off,
		     unsigned int size, u32 val);
bool cfgv_priv_open(const struct cfgv_dev *dev, enum cfgv_priv priv);
void cfgv_rebuild_keep(struct cfgv_dev *dev, unsigned int off,
		       unsigned int size);

/* header.c */
void cfgv_header_install(struct cfgv_dev *dev);

/* chain.c */
void cfgv_chain_install(struct cfgv_dev *dev);

/* quirks.c */
void cfgv_quirks_apply(struct cfgv_dev *dev);

/* capability handlers, one file each */
extern const struct cfgv_cap cfgv_cap_pm;
extern const struct cfgv_cap cfgv_cap_msi;
extern const struct cfgv_cap cfgv_cap_msix;
extern const struct cfgv_cap cfgv_cap_exp;
extern const struct cfgv_cap cfgv_cap_vpd;
extern const struct cfgv_cap cfgv_cap_vendor;
extern const struct cfgv_cap cfgv_ext_aer;
extern const struct cfgv_cap cfgv_ext_dsn;
extern const struct cfgv_cap cfgv_ext_vsec;

bool cfgv_irq_type_ok(struct cfgv_dev *dev, int want);

#define CFGV_IRQ_INTX	0
#define CFGV_IRQ_MSI	1
#define CFGV_IRQ_MSIX	2

#endif /* _XEN_PCIBACK_CFGV_INTERNAL_H */
