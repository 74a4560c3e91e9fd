// SPDX-License-Identifier: GPL-2.0
/*
 * Alignment and reservation decisions of the BAR realigner.
 *
 * Everything here reads a resource tree and returns a decision; nothing
 * is requested, released or written, so KUnit runs it on trees it builds
 * itself.  A BAR of size S under a granule G (a page, or 1 << <order>)
 * needs a free block of round_up(S, G) bytes starting on a multiple of
 * max(G, S): the BAR takes the head, a named reservation takes the tail,
 * and no other device can ever be placed in the same granule.
 */
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "realign.h"

static const char * const action_names[] = {
	[REALIGN_SKIP_EMPTY] = "not an assigned BAR",
	[REALIGN_SKIP_IO] = "I/O BAR, not MMIO",
	[REALIGN_SKIP_FIXED] = "fixed BAR (IORESOURCE_PCI_FIXED)",
	[REALIGN_KEEP] = "already aligned and alone in its page",
	[REALIGN_MOVE] = "move",
	[REALIGN_NO_ROOM] = "no aligned free block in the parent window",
};

/**
 * realign_action_name() - describe a planner decision
 * @action: the decision
 *
 * Return: a constant, human-readable string.
 */
const char *realign_action_name(enum realign_action action)
{
	if (action >= ARRAY_SIZE(action_names))
		return "unknown";
	return action_names[action];
}

/* Flags that rule a BAR out before any address arithmetic. */
static const struct {
	unsigned long mask, want;
	enum realign_action action;
} skip_rules[] = {
	{ IORESOURCE_IO, IORESOURCE_IO, REALIGN_SKIP_IO },
	{ IORESOURCE_MEM, 0, REALIGN_SKIP_EMPTY },
	{ IORESOURCE_UNSET, IORESOURCE_UNSET, REALIGN_SKIP_EMPTY },
	{ IORESOURCE_PCI_FIXED, IORESOURCE_PCI_FIXED, REALIGN_SKIP_FIXED },
};

static bool ignored(const struct resource *r, const struct resource *bar,
		    const struct resource *own_tail)
{
	return r == bar || r == own_tail;
}

/* Whether [start, start + len) lies in [lo, hi] with no child of @win. */
static bool block_free(const struct resource *win, resource_size_t lo,
		       resource_size_t hi, resource_size_t start,
		       resource_size_t len, const struct resource *bar,
		       const struct resource *own_tail)
{
	resource_size_t last = start + len - 1;
	const struct resource *r;

	if (start < lo || last > hi || last < start)
		return false;
	for (r = win->child; r; r = r->sibling)
		if (!ignored(r, bar, own_tail) && r->start <= last &&
		    r->end >= start)
			return false;
	return true;
}

/* Lowest free block of @len bytes aligned to @align in [lo, hi]. */
static bool first_fit(const struct resource *win, resource_size_t lo,
		      resource_size_t hi, resource_size_t len,
		      resource_size_t align, const struct resource *bar,
		      const struct resource *own_tail, resource_size_t *start)
{
	resource_size_t cand = ALIGN(lo, align);
	const struct resource *r;

	if (cand < lo)
		return false;
	for (r = win->child; r; r = r->sibling) {
		if (ignored(r, bar, own_tail) || r->end < cand)
			continue;
		if (cand + len - 1 < r->start)
			break;
		if (r->end == ~(resource_size_t)0)
			return false;
		cand = ALIGN(r->end + 1, align);
		if (cand <= r->end)
			return false;
	}
	*start = cand;
	return block_free(win, lo, hi, cand, len, bar, own_tail);
}

/* Highest free block of @len bytes aligned to @align in [lo, hi]. */
static bool last_fit(const struct resource *win, resource_size_t lo,
		     resource_size_t hi, resource_size_t len,
		     resource_size_t align, const struct resource *bar,
		     const struct resource *own_tail, resource_size_t *start)
{
	const struct resource *r = win->child;
	resource_size_t cand;

	if (hi < lo || hi - lo < len - 1)
		return false;
	cand = ALIGN_DOWN(hi - (len - 1), align);
	while (r && cand >= lo) {
		if (ignored(r, bar, own_tail) || r->end < cand ||
		    r->start > cand + len - 1) {
			r = r->sibling;
			continue;
		}
		/* @r is in the way: try below it and rescan. */
		if (r->start < len)
			return false;
		cand = ALIGN_DOWN(r->start - len, align);
		r = win->child;
	}
	*start = cand;
	return cand >= lo;
}

static bool firmware_keeps(const struct realign_plan *p,
			   resource_size_t start, resource_size_t len)
{
	return p->firmware && p->firmware(start, start + len - 1);
}

/*
 * The lowest (@dir up) or highest (@dir down) free place for the plan's
 * block in [@lo, @hi], stepping past places the firmware keeps.
 */
static bool fit_clear(const struct realign_plan *p, enum realign_grow dir,
		      const struct resource *win, resource_size_t lo,
		      resource_size_t hi, const struct resource *bar,
		      const struct resource *own_tail, resource_size_t *start)
{
	bool up = dir == REALIGN_GROW_UP;
	resource_size_t at;

	while (up ? first_fit(win, lo, hi, p->block, p->align, bar, own_tail,
			      &at) :
		    last_fit(win, lo, hi, p->block, p->align, bar, own_tail,
			     &at)) {
		if (!firmware_keeps(p, at, p->block)) {
			*start = at;
			return true;
		}
		/* the next place up or down, if there is one */
		if (up ? at + p->align <= at : !at)
			return false;
		if (up)
			lo = at + p->align;
		else
			hi = at + p->block - 2;
	}
	return false;
}

/*
 * The range a new place may use: from the core's floor up to the last
 * address the BAR decodes (32-bit BARs and ROMs: 4 GiB as a bus
 * address).  Without a BAR (a block for no BAR in particular) there is
 * no upper limit; without bounds, 4 GiB is taken as a CPU address.
 */
static void plan_range(const struct resource *bar,
		       const struct realign_bounds *b, struct realign_plan *p)
{
	p->lo = b ? b->lo : 0;
	p->firmware = b ? b->firmware : NULL;
	if (!bar || (bar->flags & IORESOURCE_MEM_64))
		p->hi = ~(resource_size_t)0;
	else
		p->hi = b ? b->hi32 : (resource_size_t)U32_MAX;
}

/**
 * realign_plan_bar() - decide where one BAR goes and what to reserve
 * @bar: the BAR's resource, as assigned now
 * @win: the window the BAR lives in (its parent); NULL if unassigned
 * @own_tail: the tail reservation made for this BAR earlier, or NULL;
 *	it and @bar itself count as free space
 * @order: log2 of the granule (PAGE_SHIFT for a page)
 * @bounds: the core's placement limits for @bar (realign_bounds_of()),
 *	or NULL for none but the window's and a CPU address of 4 GiB
 * @plan: the decision
 *
 * The BAR keeps its place if it is aligned and the rest of its block is
 * free, otherwise it goes to the lowest free aligned block in @win that
 * it can decode (below 4 GiB unless it is a 64-bit BAR) and that is not
 * below @bounds' floor.  Its size is never changed.
 */
void realign_plan_bar(const struct resource *bar, const struct resource *win,
		      const struct resource *own_tail, unsigned int order,
		      const struct realign_bounds *bounds,
		      struct realign_plan *plan)
{
	resource_size_t granule = (resource_size_t)1 << order, align, hi;
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	plan_range(bar, bounds, plan);
	for (i = 0; i < ARRAY_SIZE(skip_rules); i++) {
		if ((bar->flags & skip_rules[i].mask) == skip_rules[i].want) {
			plan->action = skip_rules[i].action;
			return;
		}
	}
	plan->size = resource_size(bar);
	if (!win || !plan->size) {
		plan->action = REALIGN_SKIP_EMPTY;
		return;
	}
	plan->block = ALIGN(plan->size, granule);
	align = max_t(resource_size_t, granule,
		      realign_pow2_ceil(plan->size));

	plan->align = align;
	hi = min(win->end, plan->hi);
	/* Where it is now, the floor does not apply: nothing is placed. */
	if (IS_ALIGNED(bar->start, align) &&
	    block_free(win, win->start, hi, bar->start, plan->block,
		       bar, own_tail)) {
		plan->action = REALIGN_KEEP;
		plan->start = bar->start;
	} else if (fit_clear(plan, REALIGN_GROW_UP, win,
			     max(win->start, plan->lo), hi, bar, own_tail,
			     &plan->start)) {
		plan->action = REALIGN_MOVE;
	} else {
		plan->action = REALIGN_NO_ROOM;
		return;
	}
	plan->tail_start = plan->start + plan->size;
	plan->tail_len = plan->block - plan->size;
}

/**
 * realign_plan_grow() - the smallest larger bridge window that fits a block
 * @win: the bridge window, with the device BARs as children
 * @bar: the BAR to be placed (counts as free space)
 * @own_tail: its earlier tail reservation, or NULL (counts as free)
 * @plan: a REALIGN_NO_ROOM plan for @bar: @plan->block, @plan->align
 *	and the range @plan->lo to @plan->hi a new place may use
 * @dir: grow @win's end upwards or its start downwards
 * @start: the new window's start (out)
 * @end: the new window's end (out)
 *
 * Bridge windows start and end on REALIGN_WINDOW_GRANULE boundaries, so
 * the new window is the old one extended, in @dir only, to the next
 * boundary past the free block nearest to it.  Whether the parent has
 * that space is for realign_plan_cover() to say.
 *
 * Return: false if no such window exists in the address space.
 */
bool realign_plan_grow(const struct resource *win, const struct resource *bar,
		       const struct resource *own_tail,
		       const struct realign_plan *plan, enum realign_grow dir,
		       resource_size_t *start, resource_size_t *end)
{
	resource_size_t at, last, floor;

	if (!plan->block || !plan->align)
		return false;
	*start = win->start;
	*end = win->end;
	if (dir == REALIGN_GROW_UP) {
		if (!fit_clear(plan, dir, win, max(win->start, plan->lo),
			       plan->hi, bar, own_tail, &at))
			return false;
		last = at + plan->block - 1;
		if (last > win->end) {
			if (last > ~(resource_size_t)0 - REALIGN_WINDOW_GRANULE)
				return false;
			*end = ALIGN(last + 1, REALIGN_WINDOW_GRANULE) - 1;
		}
	} else {
		/* The new base is rounded down: keep it above the floor. */
		floor = ALIGN(plan->lo, REALIGN_WINDOW_GRANULE);
		if (floor < plan->lo ||
		    !fit_clear(plan, dir, win, floor, min(win->end, plan->hi),
			       bar, own_tail, &at))
			return false;
		if (at < win->start)
			*start = ALIGN_DOWN(at, REALIGN_WINDOW_GRANULE);
	}
	return *start != win->start || *end != win->end;
}

/**
 * realign_plan_cover() - can a resource grow to [@start, @end] in place
 * @res: the resource (a bridge window) to grow; @start <= res->start and
 *	@end >= res->end
 * @start: first byte it would cover
 * @end: last byte it would cover
 *
 * Return: REALIGN_COVER_FITS if the parent holds the range and no
 * sibling uses any of it, REALIGN_COVER_PARENT if no sibling is in the
 * way but the range goes past the parent, which must grow first, and
 * REALIGN_COVER_BLOCKED if a sibling uses part of it (or there is no
 * parent).
 */
enum realign_cover realign_plan_cover(const struct resource *res,
				      resource_size_t start,
				      resource_size_t end)
{
	const struct resource *parent = res->parent, *r;

	if (!parent || start > res->start || end < res->end)
		return REALIGN_COVER_BLOCKED;
	for (r = parent->child; r; r = r->sibling)
		if (r != res && r->start <= end && r->end >= start)
			return REALIGN_COVER_BLOCKED;
	if (start < parent->start || end > parent->end)
		return REALIGN_COVER_PARENT;
	return REALIGN_COVER_FITS;
}

/**
 * realign_plan_move() - a new place for a whole bridge window
 * @win: the window, a child of its parent
 * @plan: the plan of the BAR it moves for: its @lo (the core's floor)
 *	and @firmware bound the new place too
 * @size: bytes it needs at the new place
 * @align: a power of two; the window moves by a multiple of it, so every
 *	resource below keeps its alignment
 * @start: the lowest such place free in the parent (out)
 *
 * The window's current range counts as free: everything below it moves
 * with it.
 *
 * Return: false if the parent has no such place.
 */
bool realign_plan_move(const struct resource *win,
		       const struct realign_plan *plan, resource_size_t size,
		       resource_size_t align, resource_size_t *start)
{
	const struct resource *parent = win->parent, *r;
	resource_size_t phase, cand, next, first;

	if (!parent || !size || !realign_is_pow2(align))
		return false;
	first = max(parent->start, plan->lo);
	phase = win->start & (align - 1);
	cand = ALIGN_DOWN(first, align) + phase;
	if (cand < first)
		cand += align;
	for (;;) {
		if (cand + (size - 1) < cand ||
		    cand + (size - 1) > parent->end)
			return false;
		for (r = parent->child; r; r = r->sibling)
			if (r != win && r->start <= cand + (size - 1) &&
			    r->end >= cand)
				break;
		if (!r && !firmware_keeps(plan, cand, size)) {
			*start = cand;
			return true;
		}
		if (!r) {		/* the firmware's: the next place */
			if (cand + align <= cand)
				return false;
			cand += align;
			continue;
		}
		/* Next place of the same phase above @r. */
		if (r->end == ~(resource_size_t)0)
			return false;
		next = ALIGN_DOWN(r->end + 1, align) + phase;
		if (next <= r->end)
			next += align;
		if (next <= cand)
			return false;
		cand = next;
	}
}

static int span_cmp(const void *a, const void *b)
{
	const struct realign_span *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return 0;
}

/**
 * realign_sweep() - mark BARs that share a page with another owner's BAR
 * @spans: one entry per MMIO BAR, page-rounded; sorted in place
 * @n: number of entries
 *
 * Two BARs of the same owner may share a page: only a page reachable
 * by two devices is unsafe to hand to a guest.
 *
 * Return: the number of entries marked shared.
 */
unsigned int realign_sweep(struct realign_span *spans, unsigned int n)
{
	unsigned int i, j, count = 0;

	sort(spans, n, sizeof(*spans), span_cmp, NULL);
	for (i = 0; i < n; i++)
		spans[i].shared = false;
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n && spans[j].first <= spans[i].last; j++) {
			if (spans[j].owner == spans[i].owner)
				continue;
			spans[i].shared = true;
			spans[j].shared = true;
		}
	}
	for (i = 0; i < n; i++)
		count += spans[i].shared;
	return count;
}
