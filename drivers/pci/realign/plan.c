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
#include <linux/log2.h>
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

static bool block_free(const struct resource *win, resource_size_t start,
		       resource_size_t len, const struct resource *bar,
		       const struct resource *own_tail)
{
	resource_size_t last = start + len - 1;
	const struct resource *r;

	if (start < win->start || last > win->end || last < start)
		return false;
	for (r = win->child; r; r = r->sibling)
		if (!ignored(r, bar, own_tail) && r->start <= last &&
		    r->end >= start)
			return false;
	return true;
}

/* First free block of @len bytes aligned to @align in @win, or false. */
static bool first_fit(const struct resource *win, resource_size_t len,
		      resource_size_t align, const struct resource *bar,
		      const struct resource *own_tail, resource_size_t *start)
{
	resource_size_t cand = ALIGN(win->start, align);
	const struct resource *r;

	if (cand < win->start)
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
	return block_free(win, cand, len, bar, own_tail);
}

/**
 * realign_plan_bar() - decide where one BAR goes and what to reserve
 * @bar: the BAR's resource, as assigned now
 * @win: the window the BAR lives in (its parent); NULL if unassigned
 * @own_tail: the tail reservation made for this BAR earlier, or NULL;
 *	it and @bar itself count as free space
 * @order: log2 of the granule (PAGE_SHIFT for a page)
 * @plan: the decision
 *
 * The BAR keeps its place if it is aligned and the rest of its block is
 * free, otherwise it goes to the lowest free aligned block in @win.  Its
 * size is never changed.
 */
void realign_plan_bar(const struct resource *bar, const struct resource *win,
		      const struct resource *own_tail, unsigned int order,
		      struct realign_plan *plan)
{
	resource_size_t granule = (resource_size_t)1 << order, align;
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
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
		      roundup_pow_of_two(plan->size));

	if (IS_ALIGNED(bar->start, align) &&
	    block_free(win, bar->start, plan->block, bar, own_tail)) {
		plan->action = REALIGN_KEEP;
		plan->start = bar->start;
	} else if (first_fit(win, plan->block, align, bar, own_tail,
			     &plan->start)) {
		plan->action = REALIGN_MOVE;
	} else {
		plan->action = REALIGN_NO_ROOM;
		return;
	}
	plan->tail_start = plan->start + plan->size;
	plan->tail_len = plan->block - plan->size;
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
