/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces of the PCI BAR realigner.
 *
 * parse.c and plan.c are pure: they only read the structures handed to
 * them, so KUnit runs them on UML with simulated devices and resource
 * trees.  apply.c, audit.c and main.c touch the PCI core.
 */
#ifndef _PCI_REALIGN_H_
#define _PCI_REALIGN_H_

#include <linux/bitops.h>
#include <linux/ioport.h>
#include <linux/pci_select.h>
#include <linux/sizes.h>
#include <linux/types.h>

#define REALIGN_MAX_SEL		16	/* selections in one string */
#define REALIGN_MAX_ORDER	30	/* largest <order>@ accepted (1 GiB) */
#define REALIGN_TOKEN_LEN	48	/* bad token kept for the message */

/**
 * struct realign_sel - one selection of pci_realign=
 * @pci: the functions it names (linux/pci_select.h, shared with pciback)
 * @order: log2 of the alignment granule (PAGE_SHIFT when no <order>@)
 */
struct realign_sel {
	struct pci_sel pci;
	unsigned int order;
};

/**
 * struct realign_list - a parsed pci_realign= string
 * @n: number of selections used in @sel
 * @sel: the selections, in command-line order
 */
struct realign_list {
	unsigned int n;
	struct realign_sel sel[REALIGN_MAX_SEL];
};

/**
 * struct realign_parse_err - why a string was rejected
 * @token: the offending token (truncated to fit; empty for an empty one)
 * @pos: offset of the token's first character in the string
 * @reason: a constant string saying what is wrong with it
 */
struct realign_parse_err {
	char token[REALIGN_TOKEN_LEN];
	unsigned int pos;
	const char *reason;
};

int realign_parse(const char *str, struct realign_list *list,
		  struct realign_parse_err *err);
const struct realign_sel *realign_match(const struct realign_list *list,
					const struct pci_sel_devid *id);
const struct realign_sel *
realign_match_conflict(const struct realign_list *list,
		       const struct pci_sel_devid *id,
		       const struct realign_sel *first);

/* What the planner decided for one BAR. */
enum realign_action {
	REALIGN_SKIP_EMPTY,	/* no resource, or not assigned */
	REALIGN_SKIP_IO,	/* I/O port BAR: pages do not apply */
	REALIGN_SKIP_FIXED,	/* IORESOURCE_PCI_FIXED: must not move */
	REALIGN_KEEP,		/* aligned and alone: at most reserve tail */
	REALIGN_MOVE,		/* move to @start, then reserve tail */
	REALIGN_NO_ROOM,	/* no aligned free block in the window */
};

/**
 * struct realign_plan - the planner's decision for one BAR
 * @action: what to do
 * @start: new (or kept) start address of the BAR
 * @size: size the hardware decodes (unchanged)
 * @block: bytes kept free for the BAR: @size rounded up to the granule
 * @align: alignment of the block: the granule, or @size if larger
 * @tail_start: first byte of the reserved tail (valid if @tail_len)
 * @tail_len: bytes to reserve after the BAR (0 if the BAR fills @block)
 * @lo: lowest address a new place may start at (the core's floor)
 * @hi: highest address a new place may use (a 32-bit BAR's 4 GiB, as a
 *	CPU address)
 * @firmware: the bounds' test for ranges the firmware keeps, or NULL
 */
struct realign_plan {
	enum realign_action action;
	resource_size_t start;
	resource_size_t size;
	resource_size_t block;
	resource_size_t align;
	resource_size_t tail_start;
	resource_size_t tail_len;
	resource_size_t lo;
	resource_size_t hi;
	bool (*firmware)(resource_size_t start, resource_size_t end);
};

/**
 * struct realign_bounds - where the PCI core itself would place a BAR
 * @lo: its lowest address: PCIBIOS_MIN_MEM, or the architecture's own
 *	floor if higher (x86 keeps the first MiB for ISA)
 * @hi32: the CPU address of bus address 4 GiB - 1 in the BAR's window:
 *	the last byte a 32-bit BAR or a ROM can decode
 * @firmware: whether the firmware keeps any of [start, end] out of the
 *	core's reach though it is not claimed in the resource tree (x86:
 *	the BIOS ROM area, E820 ranges), or NULL if nothing is
 */
struct realign_bounds {
	resource_size_t lo;
	resource_size_t hi32;
	bool (*firmware)(resource_size_t start, resource_size_t end);
};

const char *realign_action_name(enum realign_action action);
void realign_plan_bar(const struct resource *bar, const struct resource *win,
		      const struct resource *own_tail, unsigned int order,
		      const struct realign_bounds *bounds,
		      struct realign_plan *plan);

/*
 * roundup_pow_of_two() and is_power_of_2() take an unsigned long: 32
 * bits on a 32-bit PAE kernel, whose resource_size_t is 64 bits, so a
 * BAR or window of 4 GiB or more would be cut short.  These take the
 * resource's own type.
 */
static inline resource_size_t realign_pow2_ceil(resource_size_t n)
{
	return n > 1 ? (resource_size_t)1 << fls64(n - 1) : 1;
}

static inline bool realign_is_pow2(resource_size_t n)
{
	return n && !(n & (n - 1));
}

/* PCI-to-PCI bridge memory windows are decoded in 1 MiB units. */
#define REALIGN_WINDOW_GRANULE	((resource_size_t)SZ_1M)

/* Which end of a bridge window moves when it grows. */
enum realign_grow {
	REALIGN_GROW_UP,	/* the limit goes up */
	REALIGN_GROW_DOWN,	/* the base goes down */
};

/* Whether a window can take more of its parent's space. */
enum realign_cover {
	REALIGN_COVER_FITS,	/* free in the parent */
	REALIGN_COVER_PARENT,	/* free, but past the parent: grow it first */
	REALIGN_COVER_BLOCKED,	/* a sibling uses part of the range */
};

bool realign_plan_grow(const struct resource *win, const struct resource *bar,
		       const struct resource *own_tail,
		       const struct realign_plan *plan, enum realign_grow dir,
		       resource_size_t *start, resource_size_t *end);
enum realign_cover realign_plan_cover(const struct resource *res,
				      resource_size_t start,
				      resource_size_t end);
bool realign_plan_move(const struct resource *win,
		       const struct realign_plan *plan, resource_size_t size,
		       resource_size_t align, resource_size_t *start);

/**
 * struct realign_span - one MMIO BAR as seen by the page-sharing audit
 * @first: first byte of the first page the BAR touches
 * @last: last byte of the last page the BAR touches
 * @owner: the device owning the BAR (opaque to the sweep)
 * @resno: BAR number within @owner
 * @shared: set by realign_sweep() if another owner uses one of the pages
 */
struct realign_span {
	resource_size_t first, last;
	const void *owner;
	int resno;
	bool shared;
};

unsigned int realign_sweep(struct realign_span *spans, unsigned int n);

struct pci_bus;
struct pci_bus_region;
struct realign_below;
struct pci_dev;

#define REALIGN_MAX_GROWN	8	/* windows one BAR may grow */

/* A step taken to make room for a BAR, in a struct realign_grown. */
enum realign_step {
	REALIGN_STEP_GROW,	/* the window grew in place (window.c) */
	REALIGN_STEP_MOVE,	/* it moved with everything below (move.c) */
};

/**
 * struct realign_grown - a bridge window changed for one BAR, for undo
 * @kind: what was done to it
 * @bridge: the bridge whose window it is
 * @idx: the window's resource index in @bridge
 * @win: the window (one of @bridge's resources)
 * @start: the window's start before the step
 * @end: the window's end before the step
 * @below: for a move, the devices below, whose locks are held until the
 *	step is undone or done with (NULL otherwise)
 */
struct realign_grown {
	enum realign_step kind;
	struct pci_dev *bridge;
	int idx;
	struct resource *win;
	resource_size_t start, end;
	struct realign_below *below;
};

/**
 * struct realign_grow_log - the steps taken for one BAR, oldest first
 * @n: entries used
 * @e: the entries
 */
struct realign_grow_log {
	unsigned int n;
	struct realign_grown e[REALIGN_MAX_GROWN];
};

/*
 * The layers below apply.c, each calling only those after it:
 * room.c (strategy and undo) -> move.c -> window.c -> regs.c.
 */

/* room.c: making room in a full window; callers hold realign_lock. */
int realign_make_room(struct pci_dev *dev, struct resource *bar,
		      const struct resource *own_tail,
		      const struct realign_plan *plan,
		      struct realign_grow_log *log);
void realign_room_undo(struct realign_grow_log *log, unsigned int keep);
void realign_room_done(struct realign_grow_log *log);

/* move.c: moving a bridge window with all below it. */
int realign_move_window(struct pci_dev *dev, struct resource *bar,
			const struct resource *own_tail,
			const struct realign_plan *plan,
			struct realign_grow_log *log);
void realign_move_back(struct realign_grown *g);
void realign_move_done(struct realign_grown *g);

/* window.c: growing bridge windows in place. */
int realign_grow_to(struct pci_dev *dev, struct resource *win,
		    resource_size_t start, resource_size_t end,
		    struct realign_grow_log *log);
void realign_window_shrink(struct realign_grown *g);
struct pci_dev *realign_window_owner(struct pci_bus *bus,
				     const struct resource *win, int *idx);
const char *realign_window_refused(struct pci_dev *bridge, int idx,
				   resource_size_t start, resource_size_t end);

/* regs.c: register access, the leaf. */
bool realign_write_bar(struct pci_dev *dev, int resno, struct resource *res);
bool realign_window_write(struct pci_dev *bridge, int idx);
bool realign_window_regs_match(struct pci_dev *bridge, int idx,
			       const struct pci_bus_region *r);
void realign_refresh_saved(struct pci_dev *dev);
int realign_resume(struct pci_dev *dev);

/* bounds.c: the PCI core's placement rules for a BAR. */
void realign_bounds_of(struct pci_dev *dev, struct resource *win,
		       struct realign_bounds *b);

/* busy.c: who may be using a device that would move. */
bool realign_enabled_driverless(struct pci_dev *dev);
const char *realign_below_busy(struct pci_dev *d);

/* revoke.c: userspace mappings of a range about to move. */
bool realign_revoke_mappings(struct pci_dev *dev, const struct resource *r);

/* apply.c: the PCI core side; callers hold realign_lock. */
int realign_device(struct pci_dev *dev, unsigned int order, bool runtime);
int realign_device_held(struct pci_dev *dev, unsigned int order, bool runtime);
const char *realign_skip_reason(struct pci_dev *dev, bool runtime);
void realign_drop_tails(void);
void realign_drop_tails_of(struct pci_dev *dev);
bool realign_has_tail(struct pci_dev *dev, int resno);
bool realign_pages_reserved(struct pci_dev *dev);

/* select.c */
const struct realign_sel *realign_select(const struct realign_list *list,
					 struct pci_dev *dev);

/**
 * typedef realign_next_dev_fn - iterate over devices, as pci_get_device()
 * @from: the current device (its reference is dropped), NULL to start
 * @ctx: the iterator's data
 *
 * Return: the next device with a reference held, or NULL at the end.
 */
typedef struct pci_dev *(*realign_next_dev_fn)(struct pci_dev *from,
						void *ctx);

/* pages.c: page sharing between devices */
bool realign_bar_audited(struct pci_dev *dev, int resno);
void realign_page_span(const struct resource *r, resource_size_t *first,
		       resource_size_t *last);
bool realign_share_page(struct pci_dev *a, struct pci_dev *b);
int realign_page_conflict_in(struct pci_dev *dev, struct pci_dev **other,
			     realign_next_dev_fn next, void *ctx);

/* audit.c */
int realign_audit_summary(void);
int realign_debugfs_init(void);
void realign_debugfs_exit(void);

#define REALIGN_BOOT_MAX_BARS	64

/**
 * struct realign_boot_bar - a BAR enlarged by the boot fixup step
 * @dev: the device (a reference is held until the finish step)
 * @resno: BAR number
 * @size: the size the hardware decodes
 * @order: log2 of the granule
 * @cmd: the command register before decode was turned off
 * @flags: the resource's flags before it was enlarged
 */
struct realign_boot_bar {
	struct pci_dev *dev;
	int resno;
	resource_size_t size;
	unsigned int order;
	u16 cmd;
	unsigned long flags;
};

/**
 * struct realign_boot - state of the built-in path
 * @list: the pci_realign= selections
 * @bars: the BARs enlarged so far, a device's one after another
 * @n: entries used in @bars
 * @done: the finish step ran; later devices are not enlarged
 */
struct realign_boot {
	struct realign_list list;
	struct realign_boot_bar bars[REALIGN_BOOT_MAX_BARS];
	unsigned int n;
	bool done;
};

/* boot_steps.c: the built-in path's steps, on a caller's state */
int realign_boot_set(struct realign_boot *b, const char *str);
void realign_boot_enlarge(struct realign_boot *b, struct pci_dev *dev);
void realign_boot_finish(struct realign_boot *b);

/* boot.c (built in only) */
const struct realign_list *realign_boot_selection(void);

/* hotplug.c: the PCI bus notifier */
void realign_hotplug_event(unsigned long action, struct pci_dev *dev);
int realign_hotplug_start(void);
int realign_hotplug_add_list(const struct realign_list *list);
void realign_hotplug_stop(void);

/* apply.c: serializes the selection, realignments and the tail list */
extern struct mutex realign_lock;

/* main.c */
int realign_apply_list(const struct realign_list *list, bool runtime);

#endif /* _PCI_REALIGN_H_ */
