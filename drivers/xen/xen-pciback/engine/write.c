// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space virtualization engine: guest writes.
 *
 * A write is done on the "span": the access, widened to the register
 * holding it when that register is larger (registers are naturally
 * aligned, so the span is too and never leaves its dword).  Writes that
 * change no shadow go straight to the hardware under RCU; plain dwords
 * take a short path under the spinlock; the rest run the rules and the
 * registers' handlers.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "internal.h"

#include <trace/events/xen_pciback_cfg.h>

/*
 * The per-access scratch below is written field by field before any
 * use.  With CONFIG_INIT_STACK_ALL_ZERO (Debian's default) the compiler
 * would clear it first with a rep stos on every access, which measured
 * as a third of a write's cost; skip that zeroing for these two only.
 */
#if __has_attribute(__uninitialized__)
#define cfgv_scratch	__attribute__((__uninitialized__))
#else
#define cfgv_scratch
#endif

static void cfgv_wctx_init(struct cfgv_wctx *c, struct cfgv_dev *dev,
			   bool may_sleep)
{
	c->dev = dev;
	c->off = 0;
	c->may_sleep = may_sleep;
	c->called = false;
	c->rebuild = false;
	c->why = NULL;
	c->err = 0;
}

/* Widen the access to its register and load the span's masks. */
static void cfgv_span(struct cfgv_dev *dev, struct cfgv_wr *w,
		      unsigned int off, unsigned int size, u32 val)
{
	const struct cfgv_map *m = cfgv_map_of(dev);
	struct cfgv_dw *e = cfgv_ent(m, off);
	u8 ri = e->rule[off & 3];

	/* every field is set here or before its first use: no memset (hot) */
	w->e = e;
	w->hw = 0;
	w->denied = 0;
	w->why = NULL;
	w->st = CFGV_OK;
	w->aoff = off;
	w->asize = size;
	w->off = off;
	w->size = size;
	if (ri && m->rules[ri]->size > size) {
		w->size = m->rules[ri]->size;
		w->off = (off & ~3U) | (m->rules[ri]->off & 3);
	}
	w->sh = 8 * (w->off & 3);
	w->val = (val & cfgv_bytes(size)) << (8 * (off - w->off));
	w->amask = cfgv_bytes(size) << (8 * (off - w->off));
	w->emu = (e->emu >> w->sh) & cfgv_bytes(w->size);
	w->view = (e->vcfg >> w->sh) & w->emu;
}

/* The register starting at byte @b of the span, or NULL; *@fm: its bits. */
static const struct cfgv_reg *cfgv_span_reg(const struct cfgv_map *m,
					    const struct cfgv_wr *w,
					    unsigned int *b, u32 *fm)
{
	const struct cfgv_reg *r;
	u8 ri = w->e->rule[(w->off & 3) + *b];

	if (!ri) {
		(*b)++;
		return NULL;
	}
	r = m->rules[ri];
	*fm = cfgv_bytes(r->size) << (8 * ((r->off & 3) - (w->off & 3)));
	*b = (r->off & 3) + r->size - (w->off & 3);
	return r;
}

/*
 * Would writing w->val run a hook that may sleep?  A register whose
 * every write may sleep is touched, or a sleep bit changes (sleep bits
 * are emulated, so the shadow has their old value).
 */
static bool cfgv_span_sleeps(const struct cfgv_wr *w)
{
	u32 amask = w->amask << w->sh;

	return (cfgv_nib_bytes(w->e->slpall) & amask) ||
	       ((w->e->vcfg ^ (w->val << w->sh)) & amask & w->e->slp);
}

/**
 * cfgv_write_sleeps() - does a write need process context
 * @dev: the device
 * @off: offset
 * @size: size
 * @val: the value the guest writes
 *
 * Touches nothing.  An invalid request does not sleep (it is refused).
 *
 * Return: true if cfgv_write_atomic() would answer CFGV_NEED_SLEEP.
 */
bool cfgv_write_sleeps(struct cfgv_dev *dev, unsigned int off,
		       unsigned int size, u32 val)
{
	unsigned long flags;
	struct cfgv_wr w;
	bool ret;

	if (!cfgv_valid(dev, off, size))
		return false;
	spin_lock_irqsave(&dev->lock, flags);
	cfgv_span(dev, &w, off, size, val);
	ret = cfgv_span_sleeps(&w);
	spin_unlock_irqrestore(&dev->lock, flags);
	return ret;
}

/*
 * Which gated, protected and hidden bits the switches open now, and of
 * what kind the closed ones are.
 */
static void cfgv_span_rights(struct cfgv_dev *dev, struct cfgv_wr *w)
{
	const struct cfgv_dw *e = w->e;
	u32 smask = cfgv_bytes(w->size);
	u32 gate = (e->gate >> w->sh) & smask;
	u32 protect = (e->protect >> w->sh) & smask;
	u32 gperm = gate & (cfgv_nib_bytes(e->gperm) >> w->sh);
	u32 girq = gate & (cfgv_nib_bytes(e->girq) >> w->sh);
	bool perm = cfgv_permissive(dev);
	bool irq = perm || cfgv_interrupt_control(dev);

	w->wr = (e->wr >> w->sh) & smask;
	w->rw1c = (e->rw1c >> w->sh) & smask;
	w->why_bits[CFGV_WHY_HIDDEN] = (e->hidden >> w->sh) & smask;
	w->why_bits[CFGV_WHY_CLOSED] = gate & ~gperm & ~girq;
	w->why_bits[CFGV_WHY_PERMISSIVE] = perm ? 0 : gperm | protect;
	w->why_bits[CFGV_WHY_IRQ] = irq ? 0 : girq;
	if (perm)
		w->wr |= gperm | protect;
	if (irq)
		w->wr |= girq;
	w->guarded = w->why_bits[CFGV_WHY_PERMISSIVE] |
		     w->why_bits[CFGV_WHY_IRQ] | w->why_bits[CFGV_WHY_CLOSED] |
		     w->why_bits[CFGV_WHY_HIDDEN];
}

/* Some bit of a byte written back is not the guest's to set? */
static bool cfgv_partial(u32 pass, u32 rw1c)
{
	u32 bytes = cfgv_byte_span(pass);

	return (bytes & ~pass) || (bytes & rw1c);
}

/* Which outcome a write reports when its registers fared differently. */
static const u8 cfgv_rank[CFGV_NEED_SLEEP + 1] = {
	[CFGV_OK] = 0,
	[CFGV_DENIED] = 1,
	[CFGV_UNSUPPORTED] = 2,
	[CFGV_HOOK_FAILED] = 3,
	[CFGV_HW_FAILED] = 4,
};

static void cfgv_worse(struct cfgv_wr *w, enum cfgv_status st)
{
	if (cfgv_rank[st] > cfgv_rank[w->st])
		w->st = st;
}

/*
 * One handler.  For a write that may sleep the spinlock is dropped
 * around it (the mutex, held by the caller, keeps the map).
 */
static enum cfgv_status cfgv_call(struct cfgv_dev *dev,
				  const struct cfgv_reg *r,
				  struct cfgv_wctx *c, u32 old, u32 *val,
				  unsigned long *flags)
	__must_hold(&dev->lock)
{
	enum cfgv_status st;

	if (!c->may_sleep)
		return r->write(c, old, val);
	spin_unlock_irqrestore(&dev->lock, *flags);
	st = r->write(c, old, val);
	spin_lock_irqsave(&dev->lock, *flags);
	return st;
}

/*
 * Run the handler of every register the write touches; each sees its
 * whole register, old and new guest view.
 */
static void cfgv_run_handlers(struct cfgv_dev *dev, struct cfgv_wr *w,
			      struct cfgv_wctx *c, unsigned long *flags)
{
	const struct cfgv_map *m = cfgv_map_of(dev);
	unsigned int b = 0;

	while (b < w->size) {
		u32 fm = 0, nf;
		const struct cfgv_reg *r = cfgv_span_reg(m, w, &b, &fm);
		unsigned int rsh;
		enum cfgv_status st;

		if (!r || !r->write || !(fm & w->amask))
			continue;
		rsh = 8 * ((r->off & 3) - (w->off & 3));
		nf = (w->nview & fm) >> rsh;
		c->off = (w->off & ~3U) + (r->off & 3);
		c->why = NULL;
		st = cfgv_call(dev, r, c, (w->view & fm) >> rsh, &nf, flags);
		if (st == CFGV_OK) {
			w->nview = (w->nview & ~(fm & w->emu)) |
				   ((nf << rsh) & fm & w->emu);
			continue;
		}
		/* refused whole: old value, nothing of it reaches hardware */
		w->nview = (w->nview & ~fm) | (w->view & fm);
		w->wr &= ~fm;
		cfgv_worse(w, st);
		if (st == CFGV_DENIED) {
			w->denied |= ((w->val ^ w->view) & w->amask & fm) ?:
				     (w->amask & fm);
			w->why = c->why;
		}
	}
}

/* The write itself; called with the spinlock held. */
static void cfgv_do_write(struct cfgv_dev *dev, struct cfgv_wr *w,
			  struct cfgv_wctx *c, unsigned long *flags)
{
	u32 smask = cfgv_bytes(w->size), w_now, pass;
	bool hooked = (cfgv_nib_bytes(w->e->hook) >> w->sh) & w->amask;

	cfgv_span_rights(dev, w);
	w_now = w->wr & w->amask;
	/*
	 * The hardware value is needed for handlers, for judging guarded
	 * pass-through bits, and to keep bits of bytes written back only
	 * in part.  Plain pass-through writes skip the read.
	 */
	if ((~w->emu & smask) &&
	    (hooked || (w->guarded & ~w->emu & ~w_now & w->amask) ||
	     cfgv_partial(w_now & ~w->emu, w->rw1c))) {
		if (cfgv_hw_read_live(dev, w->off, w->size, &w->hw)) {
			w->st = CFGV_HW_FAILED;
			return;
		}
		w->view |= w->hw & ~w->emu;
	}
	w->denied = (((w->val ^ w->view) & ~w->rw1c) |
		     (w->val & w->view & w->rw1c)) & ~w_now & w->amask &
		    w->guarded;
	w->nview = (w->view & ~w_now) | (w->val & w_now & ~w->rw1c) |
		   (w->view & w_now & w->rw1c & ~w->val);
	if (hooked)
		cfgv_run_handlers(dev, w, c, flags);
	if (w->denied)
		cfgv_worse(w, CFGV_DENIED);
	pass = w->wr & w->amask & ~w->emu;
	if (pass) {
		/* a hook (pci_enable_device() and the like) may have changed it */
		if (c->called &&
		    cfgv_hw_read_live(dev, w->off, w->size, &w->hw)) {
			cfgv_worse(w, CFGV_HW_FAILED);
			return;
		}
		if (cfgv_hw_write(dev, w->off, w->size,
				  (w->val & pass) | (w->hw & ~pass & ~w->rw1c),
				  cfgv_byte_span(pass))) {
			cfgv_worse(w, CFGV_HW_FAILED);
			return;
		}
	}
	/* commit: emulated bits, and the pass-through bits for cfgv_replay() */
	if (cfgv_map_of(dev)->idx[w->off / 4] >= CFGV_ENT_FIRST) {
		u32 keep = (w->emu | pass) << w->sh;

		w->e->vcfg = (w->e->vcfg & ~keep) |
			     (((w->nview & w->emu) | (w->val & pass)) << w->sh);
	}
}

static enum cfgv_status cfgv_finish(struct cfgv_dev *dev, struct cfgv_wr *w,
				    struct cfgv_wctx *c)
{
	cfgv_count(dev, &dev->writes);
	switch (w->st) {
	case CFGV_HW_FAILED:
		dev->stats.hw_failed++;
		break;
	case CFGV_HOOK_FAILED:
	case CFGV_UNSUPPORTED:
		dev->stats.hook_failed++;
		if (c->err)
			dev->stats.last_hook_err = c->err;
		break;
	default:
		break;
	}
	if (w->denied)
		cfgv_deny(dev, w);
	return w->st;
}

/*
 * The common cases in a few operations: a dword without handlers,
 * privileges, protected, hidden or write-1-to-clear bits, whose
 * writable pass-through bits the write covers in whole bytes (no read
 * needed).  Device-specific registers (the shared pass-through entry)
 * are the plainest of these.
 *
 * cfgv_write_direct() runs under RCU only and takes the writes that
 * change no shadow (nothing emulated, nothing cfgv_replay() keeps);
 * cfgv_write_plain() runs under the spinlock and also updates the
 * shadow.  Both return false for anything else, having done nothing.
 */
static bool cfgv_plain(const struct cfgv_map *m, unsigned int off,
		       unsigned int size, u32 *pass, u32 *ew)
{
	u32 amask = cfgv_bytes(size) << (8 * (off & 3));
	const struct cfgv_dw *e;

	if (m->idx[off / 4] == CFGV_ENT_PASS) {
		*pass = amask;
		*ew = 0;
		return true;
	}
	if (m->idx[off / 4] < CFGV_ENT_FIRST)
		return false;
	e = cfgv_ent(m, off);
	if (e->hook || e->slpall || e->gate || e->protect || e->rw1c || e->hidden)
		return false;
	*pass = e->wr & ~e->emu & amask;
	*ew = (e->wr & e->emu & amask) | (*pass & cfgv_nib_bytes(e->replay));
	return cfgv_byte_span(*pass) == *pass;
}

/*
 * Write the bytes of dword @dw that @pass covers: inline when they form
 * one naturally aligned access (nearly always), else through
 * cfgv_hw_write().
 */
static enum cfgv_status cfgv_write_bytes(struct cfgv_dev *dev,
					 unsigned int dw, u32 v, u32 pass)
{
	unsigned int lo, n;

	if (!pass)
		return CFGV_OK;
	if (pass == ~0U)
		return cfgv_hw_write1(dev, dw, 4, v) ? CFGV_HW_FAILED : CFGV_OK;
	lo = __ffs(pass) / 8;
	n = __fls(pass) / 8 + 1 - lo;
	if ((n == 1 || n == 2 || n == 4) && !(lo & (n - 1)) &&
	    pass == cfgv_bytes(n) << (8 * lo))
		return cfgv_hw_write1(dev, dw + lo, n,
				      (v >> (8 * lo)) & cfgv_bytes(n)) ?
		       CFGV_HW_FAILED : CFGV_OK;
	return cfgv_hw_write(dev, dw, 4, v, pass);
}

static bool cfgv_write_direct(struct cfgv_dev *dev, unsigned int off,
			      unsigned int size, u32 val, enum cfgv_status *st)
{
	bool done;
	u32 pass, ew;

	rcu_read_lock();
	done = cfgv_plain(rcu_dereference(dev->map), off, size, &pass, &ew) &&
	       !ew;
	rcu_read_unlock();
	if (!done)
		return false;
	trace_xen_pciback_cfg_write(dev->pdev, off, size, val);
	*st = cfgv_write_bytes(dev, off & ~3U, val << (8 * (off & 3)), pass);
	return true;
}

static bool cfgv_write_plain(struct cfgv_dev *dev, unsigned int off,
			     unsigned int size, u32 val, enum cfgv_status *st)
{
	struct cfgv_map *m = cfgv_map_of(dev);
	u32 v = val << (8 * (off & 3)), pass, ew;
	struct cfgv_dw *e;

	if (!cfgv_plain(m, off, size, &pass, &ew))
		return false;
	trace_xen_pciback_cfg_write(dev->pdev, off, size, val);
	*st = cfgv_write_bytes(dev, off & ~3U, v, pass);
	if (*st != CFGV_OK || m->idx[off / 4] < CFGV_ENT_FIRST)
		return true;
	/* emulated bits, and the pass-through ones cfgv_replay() keeps */
	e = cfgv_ent(m, off);
	e->vcfg = (e->vcfg & ~ew) | (v & ew);
	return true;
}

/*
 * A write through the rules and handlers, with the spinlock held.  In
 * atomic context (!@c->may_sleep) a write whose hooks sleep is answered
 * CFGV_NEED_SLEEP before anything is done.
 */
static enum cfgv_status cfgv_write_rules(struct cfgv_dev *dev,
					 struct cfgv_wr *w, struct cfgv_wctx *c,
					 unsigned int off, unsigned int size,
					 u32 val, unsigned long *flags)
	__must_hold(&dev->lock)
{
	cfgv_span(dev, w, off, size, val);
	if (!c->may_sleep && cfgv_span_sleeps(w))
		return CFGV_NEED_SLEEP;
	trace_xen_pciback_cfg_write(dev->pdev, off, size, val);
	cfgv_do_write(dev, w, c, flags);
	return cfgv_finish(dev, w, c);
}

/**
 * cfgv_write_atomic() - serve a guest write that needs no sleeping hook
 * @dev: the device
 * @off: offset, naturally aligned, below the device's config size
 * @size: 1, 2 or 4
 * @val: value the guest wrote
 *
 * Any context.  Same as cfgv_write() for every write that does not
 * change decode, bus mastering, the power state or the ROM enable and
 * does not start an FLR or a VPD cycle.
 *
 * Return: as cfgv_write(), or CFGV_NEED_SLEEP (nothing done).
 */
enum cfgv_status cfgv_write_atomic(struct cfgv_dev *dev, unsigned int off,
				   unsigned int size, u32 val)
{
	struct cfgv_wctx c cfgv_scratch;
	struct cfgv_wr w cfgv_scratch;
	unsigned long flags;
	enum cfgv_status st;

	if (unlikely(!cfgv_valid(dev, off, size)))
		return cfgv_invalid(dev);
	/* like reads, writes that change no shadow take no spinlock */
	if (cfgv_write_direct(dev, off, size, val, &st)) {
		cfgv_count(dev, &dev->writes);
		if (st != CFGV_OK)
			cfgv_count_failed(dev);
		return st;
	}
	cfgv_wctx_init(&c, dev, false);
	spin_lock_irqsave(&dev->lock, flags);
	if (cfgv_write_plain(dev, off, size, val, &st)) {
		cfgv_count(dev, &dev->writes);
		if (st != CFGV_OK)
			dev->stats.hw_failed++;
		spin_unlock_irqrestore(&dev->lock, flags);
		return st;
	}
	st = cfgv_write_rules(dev, &w, &c, off, size, val, &flags);
	spin_unlock_irqrestore(&dev->lock, flags);
	return st;
}

/**
 * cfgv_write() - serve a guest configuration write
 * @dev: the device
 * @off: offset, naturally aligned, below the device's config size
 * @size: 1, 2 or 4
 * @val: value the guest wrote
 *
 * Process context; may sleep (see cfgv.h).  Writable emulated bits
 * update the shadow; writable pass-through bits reach the hardware in
 * one read-modify-write that never sets a write-1-to-clear bit the guest
 * did not write and never changes any other bit.  A failed or all-ones
 * read of a function that no longer answers fails the write before
 * anything is written.  Bits that policy protects are refused (and
 * counted, traced and logged); bits that are plainly read-only are
 * ignored as hardware ignores them.
 *
 * Return: CFGV_OK, CFGV_INVALID, CFGV_DENIED, CFGV_HW_FAILED,
 * CFGV_HOOK_FAILED or CFGV_UNSUPPORTED (enum cfgv_status).
 */
enum cfgv_status cfgv_write(struct cfgv_dev *dev, unsigned int off,
			    unsigned int size, u32 val)
{
	struct cfgv_wctx c cfgv_scratch;
	struct cfgv_wr w cfgv_scratch;
	unsigned long flags;
	enum cfgv_status st;

	might_sleep();
	if (unlikely(!cfgv_valid(dev, off, size)))
		return cfgv_invalid(dev);
	st = cfgv_write_atomic(dev, off, size, val);
	if (st != CFGV_NEED_SLEEP)
		return st;
	cfgv_wctx_init(&c, dev, true);
	mutex_lock(&dev->mutex);
	spin_lock_irqsave(&dev->lock, flags);
	st = cfgv_write_rules(dev, &w, &c, off, size, val, &flags);
	spin_unlock_irqrestore(&dev->lock, flags);
	/* the function was reset: what the guest sees comes from it again */
	if (c.rebuild && cfgv_rebuild(dev, 0, 0, false) == -ENOMEM)
		pci_warn(dev->pdev, "config space: no memory to rebuild the view after a reset\n");
	mutex_unlock(&dev->mutex);
	return st;
}
