/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces of the config-space virtualization engine.
 *
 * The virtual space is kept per dword.  Each of the 1024 dwords of a
 * 4 KiB space maps (through one byte of an index) to an entry holding
 * six bit masks, the shadow and the register owning each byte:
 *
 *   emu      bits served from the shadow (vcfg); guest writes land there
 *   wr       bits the guest may write (emulated or pass-through)
 *   rw1c     bits the hardware clears when written with 1: never written
 *            back as 1 unless the guest wrote that 1 to a pass-through
 *            bit
 *   protect  protected pass-through bits that permissive mode opens
 *   gate     bits writable only with a privilege (enum cfgv_priv)
 *   hidden   bits of hidden structures (read as zero; a quirk can open
 *            them)
 *
 * Two entries are shared: one for dwords that are hidden whole and one
 * for dwords passed through whole (device-specific registers, vendor
 * capability bodies).  Only dwords holding registers with rules get an
 * entry of their own, so a device costs a few KiB whatever its layout,
 * and an access finds its rule in O(1).  Accesses never cross a dword
 * and registers are naturally aligned, so one entry serves any access.
 *
 * Bits in none of emu/wr/protect/gate are read-only pass-through;
 * emulated bits that are not writable are read-only virtual (reserved
 * bits are virtual zero).  The shadow's pass-through bits remember the
 * guest's last value for cfgv_replay().
 */
#ifndef _XEN_PCIBACK_CFGV_INTERNAL_H
#define _XEN_PCIBACK_CFGV_INTERNAL_H

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/u64_stats_sync.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "cfgv.h"

#define CFGV_SPACE		PCI_CFG_SPACE_EXP_SIZE
#define CFGV_DWORDS		(CFGV_SPACE / 4)
#define CFGV_MAX_ENT		U8_MAX
#define CFGV_MAX_RULES		U8_MAX
#define CFGV_MAX_QUIRKS		32
#define CFGV_MAX_STD_CAPS	48
#define CFGV_MAX_EXT_CAPS	((CFGV_SPACE - PCI_CFG_SPACE_SIZE) / 4)
#define CFGV_ROM		PCI_STD_NUM_BARS

/*
 * Entries every map has: hidden bytes; device-specific bytes (0x40-0xff
 * outside capabilities, vendor-specific capability bodies), either open
 * (read and written through) or closed (read through, every write
 * refused unless permissive: cfgv_set_device_specific()).
 */
enum {
	CFGV_ENT_HIDDEN,
	CFGV_ENT_PASS,
	CFGV_ENT_CLOSED,
	CFGV_ENT_FIRST,
};

struct cfgv_wctx;

/**
 * enum cfgv_priv - what opens the gated bits of a register
 * @CFGV_PRIV_NONE: nothing but a quirk (the hypervisor owns them)
 * @CFGV_PRIV_PERMISSIVE: permissive mode (global or per device)
 * @CFGV_PRIV_IRQ: permissive mode or allow_interrupt_control
 */
enum cfgv_priv {
	CFGV_PRIV_NONE,
	CFGV_PRIV_PERMISSIVE,
	CFGV_PRIV_IRQ,
};

/*
 * Why a write was refused; the text goes to the trace event and, with a
 * hint, to the log.
 */
enum cfgv_why {
	CFGV_WHY_PERMISSIVE,
	CFGV_WHY_IRQ,
	CFGV_WHY_CLOSED,
	CFGV_WHY_HIDDEN,
	CFGV_WHY_RULE,
};

/**
 * typedef cfgv_write_fn - side-effect handler of one register
 * @c: the write: device, register offset, what the handler reports back
 * @old: guest-visible value of the register before the write
 * @val: guest-visible value after the write; the handler may change its
 *	emulated bits
 *
 * Runs with the device's spinlock held for writes that do not sleep, and
 * with only its mutex held for writes that do (enum cfgv_reg's @sleep and
 * CFGV_REG_SLEEPS say which).  Any status but CFGV_OK refuses the
 * register whole: neither its virtual nor its hardware bits change.
 *
 * Return: the register's outcome.
 */
typedef enum cfgv_status (*cfgv_write_fn)(struct cfgv_wctx *c, u32 old,
					  u32 *val);

/* Flags of struct cfgv_reg. */
#define CFGV_REG_SLEEPS	BIT(0)	/* every write may sleep */
#define CFGV_REG_REPLAY	BIT(1)	/* cfgv_replay() puts the guest's value back */

/**
 * struct cfgv_reg - rule for one register, relative to its structure
 * @off: offset inside the structure (structures are dword aligned)
 * @size: width in bytes (1, 2 or 4)
 * @priv: what opens @gate
 * @flags: CFGV_REG_* flags
 * @emu: bits served from the shadow
 * @ro: read-only bits (the guest's writes are ignored, as hardware
 *	ignores writes to read-only bits)
 * @prot: bits the hardware would accept but policy protects: refused
 *	(a denial), writable in permissive mode
 * @rw1c: bits the hardware clears by writing 1 (the guest clears them
 *	only where they are also writable pass-through bits)
 * @rsvd: reserved or hidden bits: read as zero, hardware value preserved
 * @gate: bits writable only with @priv (pass-through when open)
 * @sleep: emulated bits whose change makes @write call a hook that may
 *	sleep
 * @mirror: emulated bits whose shadow a hook keeps equal to what the
 *	hardware holds (the hook sets them through the PCI core and the
 *	guest reads back the outcome); cfgv_replay() writes them back like
 *	pass-through bits
 * @write: side-effect handler, or NULL
 *
 * A bit in none of @emu, @ro, @prot, @rsvd, @gate is read-write
 * pass-through.
 */
struct cfgv_reg {
	u16 off;
	u8 size;
	u8 priv;
	u8 flags;
	u32 emu;
	u32 ro;
	u32 prot;
	u32 rw1c;
	u32 rsvd;
	u32 gate;
	u32 sleep;
	u32 mirror;
	cfgv_write_fn write;
};

/**
 * struct cfgv_dw - the rules and the shadow of one dword
 * @vcfg: the shadow (see the file comment)
 * @emu: per-bit mask, see the file comment
 * @wr: per-bit mask
 * @rw1c: per-bit mask
 * @protect: per-bit mask
 * @gate: per-bit mask
 * @hidden: per-bit mask
 * @slp: emulated bits whose change runs a hook that may sleep
 * @mirror: emulated bits that mirror the hardware (struct cfgv_reg)
 * @rule: per byte, index into struct cfgv_map's @rules (0: no register)
 * @hook: per byte (bit n: byte n), a register with a write handler
 * @slpall: per byte, a register every write of which may sleep
 * @gperm: per byte, gated bits permissive mode opens
 * @girq: per byte, gated bits interrupt control (or permissive) opens
 * @replay: per byte, a register cfgv_replay() writes back
 *
 * The per-byte summaries let an access judge its dword in a few
 * operations instead of a walk over the rules of its bytes.
 */
struct cfgv_dw {
	u32 vcfg;
	u32 emu;
	u32 wr;
	u32 rw1c;
	u32 protect;
	u32 gate;
	u32 hidden;
	u32 slp;
	u32 mirror;
	u8 rule[4];
	u8 hook;
	u8 slpall;
	u8 gperm;
	u8 girq;
	u8 replay;
};

/**
 * struct cfgv_bar - emulation state of one BAR dword
 * @host: the host address and type bits
 * @mask: writable address bits (0: unimplemented)
 */
struct cfgv_bar {
	u32 host;
	u32 mask;
};

/**
 * struct cfgv_map - the virtual space of a device, rebuilt as one piece
 * @ndw: dwords in @idx (config size / 4)
 * @nent: entries in @ent, the shared ones included
 * @nrules: entries in @rules (index 0 is "no register")
 * @full: the device needed more entries or rules than a map holds (the
 *	rest is hidden)
 * @pm: offset of the PM capability the guest sees (0: none)
 * @msi: offset of the MSI capability
 * @msix: offset of the MSI-X capability
 * @exp: offset of the PCI Express capability
 * @vpd: offset of the VPD capability
 * @aer: offset of the AER extended capability
 * @dsn: offset of the Device Serial Number extended capability
 * @bars: BAR 0-5 and the ROM (index CFGV_ROM)
 * @rules: the rules the entries refer to
 * @ent: the entries
 * @idx: per dword, index into @ent
 * @rcu: frees the map after the readers that may still see it
 */
struct cfgv_map {
	/* first: a capability slot at offset 0 would read as "no slot" */
	u16 ndw;
	u16 nent;
	u16 nrules;
	bool full;
	u16 pm, msi, msix, exp, vpd, aer, dsn;
	struct cfgv_bar bars[PCI_STD_NUM_BARS + 1];
	const struct cfgv_reg **rules;
	struct cfgv_dw *ent;
	struct rcu_head rcu;
	u8 idx[];
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
 * struct cfgv_dev - virtual configuration space of one device
 * @pdev: the device
 * @hooks: driver side effects
 * @data: argument for @hooks
 * @cfg_size: 256 or 4096
 * @permissive: per-device permissive mode
 * @irq_ctl: allow_interrupt_control
 * @mutex: serializes writes that sleep, rebuilds and quirk changes
 * @lock: protects @map (the pointer and its contents) against writes,
 *	@stats and @logged; reads take only the RCU read lock
 * @map: the virtual space (RCU: reads find it without the lock)
 * @nquirks: entries in @quirks (changed under @mutex)
 * @quirks: pass-through windows
 * @stats: counters (reads and writes excepted)
 * @reads: guest reads served, counted without the lock (guest accesses
 *	are serialized by the caller: one writer at a time)
 * @writes: guest writes served, likewise
 * @rsync: lets cfgv_get_stats() read @reads and @writes without tearing
 * @rs: rate limit of this device's denial messages
 * @logged: offsets whose denial was already logged
 */
struct cfgv_dev {
	struct pci_dev *pdev;
	const struct cfgv_hooks *hooks;
	void *data;
	unsigned int cfg_size;
	bool permissive;
	bool irq_ctl;
	bool devspec_closed;
	struct mutex mutex;	/* see @mutex above */
	spinlock_t lock;	/* see @lock above */
	struct cfgv_map __rcu *map;
	unsigned int nquirks;
	struct cfgv_quirk quirks[CFGV_MAX_QUIRKS];
	struct cfgv_stats stats;
	u64 reads;
	u64 writes;
	struct u64_stats_sync rsync;
	struct ratelimit_state rs;
	DECLARE_BITMAP(logged, CFGV_SPACE);
};

/**
 * struct cfgv_wctx - one guest write as its handlers see it
 * @dev: the device
 * @off: offset of the register whose handler runs
 * @may_sleep: handlers may call hooks that sleep
 * @called: a hook ran, or a handler wrote the hardware itself (it may
 *	have changed under the write)
 * @rebuild: set by a handler: the function was reset, rebuild the view
 * @why: set by a handler that answers CFGV_DENIED: why, for the log
 * @err: set by a handler whose hook failed: the hook's errno
 */
struct cfgv_wctx {
	struct cfgv_dev *dev;
	unsigned int off;
	bool may_sleep;
	bool called;
	bool rebuild;
	const char *why;
	int err;
};

/**
 * struct cfgv_capinst - a capability found while walking a chain
 * @off: its offset
 * @id: its ID
 * @end: where the next structure (by address) starts
 * @len: bytes the guest sees of it
 * @bad: it overlaps another one: hidden
 * @cap: its handler, NULL if hidden
 */
struct cfgv_capinst {
	u16 off;
	u16 id;
	u16 end;
	u16 len;
	bool bad;
	const struct cfgv_cap *cap;
};

/**
 * struct cfgv_build - state while a map is being built
 * @dev: the device (its quirks and hooks are read, nothing is changed)
 * @m: a map with room for CFGV_MAX_ENT entries and CFGV_MAX_RULES rules
 * @overflow: the device needs more entries or rules than a map holds
 * @walk: capabilities found by the chain walks
 */
struct cfgv_build {
	struct cfgv_dev *dev;
	struct cfgv_map *m;
	bool overflow;
	struct cfgv_capinst walk[CFGV_MAX_EXT_CAPS];
};

/**
 * struct cfgv_cap - handler of one capability type
 * @id: capability ID
 * @slot: offsetof() the u16 in struct cfgv_map that records the one
 *	instance the guest sees (a second one is hidden); 0 when any
 *	number of instances is shown
 * @len: length of the instance at @off (may read hardware); 0 hides
 *	it.  The instance needs at least *@min bytes: if the next
 *	structure starts sooner, the layout is inconsistent and both are
 *	hidden; beyond *@min the length is clamped to the space available
 * @install: fill in the rules of the instance at @off, @len bytes long
 */
struct cfgv_cap {
	u16 id;
	size_t slot;
	unsigned int (*len)(struct cfgv_build *b, unsigned int off,
			    unsigned int *min);
	void (*install)(struct cfgv_build *b, unsigned int off,
			unsigned int len);
};

/*
 * A handler is about to call a hook: hooks run in process context with
 * the mutex held and the spinlock released (lockdep proves it in the
 * sanitizer run, where sleeping-in-atomic checks are unavailable).
 */
static inline void cfgv_hook_enter(struct cfgv_wctx *c)
{
	might_sleep();
	lockdep_assert_not_held(&c->dev->lock);
	lockdep_assert_held(&c->dev->mutex);
	c->called = true;
}

/*
 * Count a guest access served (the read and write paths only, which the
 * caller serializes: a single writer).  A plain store, not u64_stats_t,
 * whose generic fallback is a locked increment on every access.
 */
static inline void cfgv_count(struct cfgv_dev *dev, u64 *ctr)
{
	u64_stats_update_begin(&dev->rsync);
	WRITE_ONCE(*ctr, *ctr + 1);
	u64_stats_update_end(&dev->rsync);
}

/* The map, for code that holds the device's spinlock or its mutex. */
static inline struct cfgv_map *cfgv_map_of(struct cfgv_dev *dev)
{
	return rcu_dereference_protected(dev->map,
					 lockdep_is_held(&dev->lock) ||
					 lockdep_is_held(&dev->mutex));
}

static inline u32 cfgv_bytes(unsigned int size)
{
	return size == 4 ? ~0U : (1U << (8 * size)) - 1;
}

/* 0xff for every byte of @bits that has a bit set. */
static inline u32 cfgv_byte_span(u32 bits)
{
	u32 t = bits | ((bits >> 4) & 0x0f0f0f0f);

	t |= (t >> 2) & 0x03030303;
	t |= (t >> 1) & 0x01010101;
	return (t & 0x01010101) * 0xff;
}

/* A per-byte summary (bit n: byte n) as a bit mask of those bytes. */
static inline u32 cfgv_nib_bytes(u8 nib)
{
	return ((nib & 1) ? 0xffU : 0) | ((nib & 2) ? 0xff00U : 0) |
	       ((nib & 4) ? 0xff0000U : 0) | ((nib & 8) ? 0xff000000U : 0);
}

static inline struct cfgv_dw *cfgv_ent(const struct cfgv_map *m,
				       unsigned int off)
{
	return &m->ent[m->idx[off / 4]];
}

/**
 * struct cfgv_wr - one write while it is carried out
 * @e: the entry of the span's dword
 * @off: the span (the access widened to its register)
 * @size: its width
 * @sh: bit position of the span in its dword
 * @aoff: the guest's access
 * @asize: its width
 * @val: the guest's value, in span coordinates
 * @amask: the bits the guest's access covers, in span coordinates
 * @emu: the span's masks, with the switches applied to @wr
 * @wr: bits the guest may write now
 * @rw1c: write-1-to-clear bits
 * @guarded: bits whose refusal is a denial
 * @why_bits: per enum cfgv_why, the guarded bits of that kind
 * @hw: hardware value of the span (when it was needed)
 * @view: guest-visible value before the write
 * @nview: guest-visible value after it
 * @denied: bits refused
 * @why: reason of a denial by a handler
 * @st: outcome so far
 */
struct cfgv_wr {
	struct cfgv_dw *e;
	unsigned int off, size, sh, aoff, asize;
	u32 val, amask, emu, wr, rw1c, guarded;
	u32 why_bits[CFGV_WHY_RULE];
	u32 hw, view, nview, denied;
	const char *why;
	enum cfgv_status st;
};

/* access.c */
/* Size 1, 2 or 4, aligned to it, ending inside the device's space. */
static inline bool cfgv_valid(const struct cfgv_dev *dev, unsigned int off,
			      unsigned int size)
{
	return (size == 1 || size == 2 || size == 4) && !(off & (size - 1)) &&
	       off < dev->cfg_size && size <= dev->cfg_size - off;
}

enum cfgv_status cfgv_invalid(struct cfgv_dev *dev);
void cfgv_count_failed(struct cfgv_dev *dev);

/* deny.c */
void cfgv_deny(struct cfgv_dev *dev, const struct cfgv_wr *w);

/* hw.c: config accessors that report failures */
/*
 * cfgv_hw_read() - read the device's registers
 * @dev: the device
 * @off: offset, naturally aligned
 * @size: 1, 2 or 4
 * @val: the value; all ones when the read fails
 *
 * Inline: it is the read path itself.  Returns CFGV_OK or CFGV_HW_FAILED.
 */
static inline enum cfgv_status cfgv_hw_read(struct cfgv_dev *dev,
					    unsigned int off, unsigned int size,
					    u32 *val)
{
	int ret;
	u16 w;
	u8 b;

	switch (size) {
	case 1:
		ret = pci_read_config_byte(dev->pdev, off, &b);
		*val = b;
		break;
	case 2:
		ret = pci_read_config_word(dev->pdev, off, &w);
		*val = w;
		break;
	default:
		ret = pci_read_config_dword(dev->pdev, off, val);
		break;
	}
	if (ret) {
		*val = cfgv_bytes(size);
		return CFGV_HW_FAILED;
	}
	return CFGV_OK;
}

/* One naturally aligned config write of 1, 2 or 4 bytes. */
static inline int cfgv_hw_write1(struct cfgv_dev *dev, unsigned int off,
				 unsigned int size, u32 val)
{
	switch (size) {
	case 1:
		return pci_write_config_byte(dev->pdev, off, val);
	case 2:
		return pci_write_config_word(dev->pdev, off, val);
	default:
		return pci_write_config_dword(dev->pdev, off, val);
	}
}

enum cfgv_status cfgv_hw_read_live(struct cfgv_dev *dev, unsigned int off,
				   unsigned int size, u32 *val);
enum cfgv_status cfgv_hw_write(struct cfgv_dev *dev, unsigned int off,
			       unsigned int size, u32 val, u32 bytes);
enum cfgv_status cfgv_hw_update(struct cfgv_dev *dev, unsigned int off,
				unsigned int size, u32 mask, u32 bits);
bool cfgv_hw_gone(struct cfgv_dev *dev);
u32 cfgv_hw_peek(struct cfgv_dev *dev, unsigned int off, unsigned int size);

/* entries.c: the primitives that fill a map being built */
void cfgv_install(struct cfgv_build *b, unsigned int base, unsigned int len,
		  const struct cfgv_reg *regs, unsigned int n);
void cfgv_hide(struct cfgv_build *b, unsigned int off, unsigned int len);
void cfgv_pass(struct cfgv_build *b, unsigned int off, unsigned int len);
void cfgv_set_shadow(struct cfgv_build *b, unsigned int off,
		     unsigned int size, u32 val);
u32 cfgv_shadow(struct cfgv_build *b, unsigned int off, unsigned int size);
bool cfgv_open(struct cfgv_build *b, const struct cfgv_quirk *q);

/* build.c: the builder, above the structure installers */
struct cfgv_map *cfgv_map_build(struct cfgv_dev *dev, int *err);
size_t cfgv_map_size(const struct cfgv_map *m);
int cfgv_rebuild(struct cfgv_dev *dev, unsigned int keep_off,
		 unsigned int keep_size, bool keep);

/* switches.c */
bool cfgv_priv_open(const struct cfgv_dev *dev, enum cfgv_priv priv);

/* shadow.c */
u32 cfgv_vget(struct cfgv_dev *dev, unsigned int off, unsigned int size);
void cfgv_vset(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	       u32 val);

/* header.c */
void cfgv_header_install(struct cfgv_build *b);

/* chain.c */
void cfgv_chain_install(struct cfgv_build *b);

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

/* cap_msi.c: one interrupt type at a time */
#define CFGV_IRQ_INTX	0
#define CFGV_IRQ_MSI	1
#define CFGV_IRQ_MSIX	2

enum cfgv_status cfgv_irq_type_ok(struct cfgv_dev *dev, int want);

#endif /* _XEN_PCIBACK_CFGV_INTERNAL_H */
