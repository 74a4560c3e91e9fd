// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the realigner's alignment and reservation decisions, on bus
 * windows and BARs built here as plain resource trees, and the
 * page-sharing sweep of the audit.
 */
#include <kunit/test.h>
#include <linux/ioport.h>
#include <linux/sizes.h>

#include "../../../drivers/pci/realign/realign.h"

#define WIN_START	0x40000000ULL

/* A 64 KiB bus window; BARs are added as children with add(). */
struct tree {
	struct resource win;
	struct resource r[8];
	unsigned int n;
};

static void tree_init(struct tree *t, resource_size_t start,
		      resource_size_t size)
{
	memset(t, 0, sizeof(*t));
	t->win.name = "window";
	t->win.start = start;
	t->win.end = start + size - 1;
	t->win.flags = IORESOURCE_MEM;
}

static struct resource *add(struct kunit *test, struct tree *t,
			    resource_size_t start, resource_size_t size,
			    unsigned long flags)
{
	struct resource *r = &t->r[t->n++];

	r->name = "bar";
	r->start = start;
	r->end = start + size - 1;
	r->flags = IORESOURCE_MEM | flags;
	KUNIT_ASSERT_EQ(test, request_resource(&t->win, r), 0);
	return r;
}

static void tree_release(struct tree *t)
{
	while (t->n)
		release_resource(&t->r[--t->n]);
}

/* The qboot layout: four small BARs of four devices in one page. */
static void shared_page_bar_moves_to_free_page(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *sdhci;

	tree_init(&t, WIN_START, SZ_64K);
	add(test, &t, WIN_START, 0x100, 0);
	sdhci = add(test, &t, WIN_START + 0x100, 0x100, 0);
	add(test, &t, WIN_START + 0x200, 0x10, 0);
	add(test, &t, WIN_START + 0x210, 0x10, 0);

	realign_plan_bar(sdhci, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + SZ_4K);
	KUNIT_EXPECT_EQ(test, p.size, 0x100ULL);
	KUNIT_EXPECT_EQ(test, p.block, (resource_size_t)SZ_4K);
	KUNIT_EXPECT_EQ(test, p.tail_start, WIN_START + SZ_4K + 0x100);
	KUNIT_EXPECT_EQ(test, p.tail_len, (resource_size_t)(SZ_4K - 0x100));
	tree_release(&t);
}

static void aligned_bar_with_neighbour_in_its_page_moves(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START, SZ_64K);
	bar = add(test, &t, WIN_START, 0x100, 0);
	add(test, &t, WIN_START + 0x100, 0x100, 0);
	add(test, &t, WIN_START + SZ_4K, SZ_4K, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + 2 * SZ_4K);
	tree_release(&t);
}

static void aligned_and_alone_keeps_place_and_reserves_tail(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START, SZ_64K);
	add(test, &t, WIN_START, 0x100, 0);
	bar = add(test, &t, WIN_START + SZ_4K, 0x10, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_KEEP);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + SZ_4K);
	KUNIT_EXPECT_EQ(test, p.tail_start, WIN_START + SZ_4K + 0x10);
	KUNIT_EXPECT_EQ(test, p.tail_len, (resource_size_t)(SZ_4K - 0x10));
	tree_release(&t);
}

static void own_tail_counts_as_free_so_replanning_keeps(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar, *tail;

	tree_init(&t, WIN_START, SZ_64K);
	bar = add(test, &t, WIN_START, 0x100, 0);
	tail = add(test, &t, WIN_START + 0x100, SZ_4K - 0x100, 0);

	realign_plan_bar(bar, &t.win, tail, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_KEEP);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	tree_release(&t);
}

static void bar_of_a_page_or_more_has_no_tail(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START, SZ_64K);
	add(test, &t, WIN_START, 0x100, 0);
	bar = add(test, &t, WIN_START + SZ_16K, SZ_16K, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_KEEP);
	KUNIT_EXPECT_EQ(test, p.block, (resource_size_t)SZ_16K);
	KUNIT_EXPECT_EQ(test, p.tail_len, 0ULL);
	tree_release(&t);
}

static void larger_order_aligns_and_reserves_whole_granule(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START, SZ_256K);
	bar = add(test, &t, WIN_START + SZ_4K, 0x100, 0);

	realign_plan_bar(bar, &t.win, NULL, 16, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START);
	KUNIT_EXPECT_EQ(test, p.block, (resource_size_t)SZ_64K);
	KUNIT_EXPECT_EQ(test, p.tail_len, (resource_size_t)(SZ_64K - 0x100));
	tree_release(&t);
}

static void window_with_unaligned_start_is_rounded_up(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START + 0x800, SZ_16K);
	bar = add(test, &t, WIN_START + 0x800, 0x100, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + SZ_4K);
	tree_release(&t);
}

static void size_larger_than_granule_keeps_natural_alignment(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	/* 8 KiB BAR: free space at 0x1000 is page-aligned but not 8K-aligned */
	tree_init(&t, WIN_START, SZ_64K);
	add(test, &t, WIN_START, 0x100, 0);
	bar = add(test, &t, WIN_START + 0x100, 0x100, 0);
	add(test, &t, WIN_START + 3 * SZ_4K, SZ_4K, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + SZ_4K);

	bar = add(test, &t, WIN_START + 4 * SZ_4K + 0x100, 0x10, 0);
	bar->end = bar->start + SZ_8K - 1;	/* pretend an 8K BAR, unaligned */
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(p.start, SZ_8K));
	KUNIT_EXPECT_EQ(test, p.start, WIN_START + 2 * SZ_8K);
	tree_release(&t);
}

/*
 * Sizes of 4 GiB and more keep their full width: a 32-bit PAE kernel's
 * unsigned long would cut them (roundup_pow_of_two() takes one).
 */
static void bar_of_4g_or_more_is_aligned_to_its_size(struct kunit *test)
{
	const resource_size_t base = 16 * (resource_size_t)SZ_4G;
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	KUNIT_EXPECT_EQ(test, realign_pow2_ceil(SZ_4G + 1), (resource_size_t)SZ_8G);
	KUNIT_EXPECT_EQ(test, realign_pow2_ceil(SZ_8G), (resource_size_t)SZ_8G);
	KUNIT_EXPECT_EQ(test, realign_pow2_ceil(0x101), (resource_size_t)0x200);
	KUNIT_EXPECT_EQ(test, realign_pow2_ceil(1), (resource_size_t)1);
	KUNIT_EXPECT_TRUE(test, realign_is_pow2(SZ_8G));
	KUNIT_EXPECT_FALSE(test, realign_is_pow2(SZ_8G + SZ_4G));
	KUNIT_EXPECT_FALSE(test, realign_is_pow2(0));

	/* An 8 GiB 64-bit BAR 4 GiB into its window, after a 4 GiB one. */
	tree_init(&t, base, 4 * (resource_size_t)SZ_8G);
	add(test, &t, base, SZ_4G, IORESOURCE_MEM_64);
	bar = add(test, &t, base + SZ_4G, SZ_8G, IORESOURCE_MEM_64);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.align, (resource_size_t)SZ_8G);
	KUNIT_EXPECT_EQ(test, p.start, base + SZ_8G);
	KUNIT_EXPECT_EQ(test, p.tail_len, 0ULL);
	tree_release(&t);
}

/* The firmware keeps [1 MiB + 64 KiB, + 8 KiB) though nothing claims it. */
static bool fw_keeps(resource_size_t start, resource_size_t end)
{
	return start < SZ_1M + SZ_64K + SZ_8K && end >= SZ_1M + SZ_64K;
}

/*
 * The core's rules, given as bounds (realign_bounds_of()): a new place is
 * never below its floor (PCIBIOS_MIN_MEM, x86's first MiB), never on a
 * claimed range, such as a firmware reservation, nor on one the firmware
 * keeps unclaimed; a BAR that stays is not being placed, so the floor
 * does not move it.
 */
static void new_place_respects_the_core_floor(struct kunit *test)
{
	const struct realign_bounds b = { .lo = SZ_1M, .hi32 = U32_MAX };
	struct realign_bounds b_fw = b;
	struct resource *bar, *fw, *low;
	struct realign_plan p;
	struct tree t;

	tree_init(&t, 0, SZ_4M);
	add(test, &t, 0, 0x100, 0);
	bar = add(test, &t, 0x100, 0x100, 0);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.start, (resource_size_t)SZ_4K);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &b, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, (resource_size_t)SZ_1M);

	fw = add(test, &t, SZ_1M, SZ_64K, IORESOURCE_BUSY);
	fw->name = "Reserved";
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &b, &p);
	KUNIT_EXPECT_EQ(test, p.start, (resource_size_t)SZ_1M + SZ_64K);
	/* A range the firmware keeps that nothing claims (x86: E820). */
	b_fw.firmware = fw_keeps;
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &b_fw, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, (resource_size_t)SZ_1M + SZ_64K + SZ_8K);

	low = add(test, &t, 2 * SZ_4K, 0x100, 0);
	realign_plan_bar(low, &t.win, NULL, PAGE_SHIFT, &b, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_KEEP);
	KUNIT_EXPECT_EQ(test, p.start, (resource_size_t)2 * SZ_4K);
	tree_release(&t);
}

/*
 * 4 GiB is a bus address: where the host bridge maps the bus at an
 * offset, a 32-bit BAR may sit above 4 GiB as the CPU sees it, and must
 * stop short of it where the bus passes 4 GiB below that.
 */
static void bar32_limit_is_4g_as_a_bus_address(struct kunit *test)
{
	const resource_size_t base = 5 * (resource_size_t)SZ_1G;
	const struct realign_bounds up = { .hi32 = SZ_4G + (resource_size_t)U32_MAX };
	const struct realign_bounds short1 = { .hi32 = base + 2 * SZ_4K - 1 };
	const struct realign_bounds short0 = { .hi32 = base + SZ_4K - 1 };
	struct realign_plan p;
	struct resource *bar;
	struct tree t;

	tree_init(&t, base, SZ_64K);
	add(test, &t, base, 0x100, 0);
	bar = add(test, &t, base + 0x100, 0x100, 0);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_NO_ROOM);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &up, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	KUNIT_EXPECT_EQ(test, p.start, base + SZ_4K);
	KUNIT_EXPECT_EQ(test, p.hi, SZ_4G + (resource_size_t)U32_MAX);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &short1, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &short0, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_NO_ROOM);
	/* A 64-bit BAR has no such limit. */
	bar->flags |= IORESOURCE_MEM_64;
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &short0, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_MOVE);
	tree_release(&t);
}

static void full_window_means_no_room(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, WIN_START, SZ_8K);
	add(test, &t, WIN_START, 0x100, 0);
	bar = add(test, &t, WIN_START + 0x100, 0x100, 0);
	add(test, &t, WIN_START + SZ_4K + 0x800, 0x10, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_NO_ROOM);
	KUNIT_EXPECT_EQ(test, p.tail_len, 0ULL);
	tree_release(&t);
}

static void window_at_top_of_address_space(struct kunit *test)
{
	struct realign_plan p;
	struct tree t;
	struct resource *bar;

	tree_init(&t, ~0ULL - SZ_8K + 1, SZ_8K);
	add(test, &t, t.win.start, 0x100, 0);
	bar = add(test, &t, t.win.start + 0x100, 0x100, 0);
	add(test, &t, t.win.end - 0xff, 0x100, 0);

	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.action, REALIGN_NO_ROOM);
	tree_release(&t);
}

static const struct {
	unsigned long flags;
	bool in_window;
	enum realign_action action;
} skips[] = {
	{ IORESOURCE_IO, true, REALIGN_SKIP_IO },
	{ IORESOURCE_MEM | IORESOURCE_PCI_FIXED, true, REALIGN_SKIP_FIXED },
	/* In a window and unaligned: only the UNSET rule stops a move. */
	{ IORESOURCE_MEM | IORESOURCE_UNSET, true, REALIGN_SKIP_EMPTY },
	{ IORESOURCE_MEM, false, REALIGN_SKIP_EMPTY },
	{ 0, false, REALIGN_SKIP_EMPTY },
};

static void skips_io_fixed_and_unassigned(struct kunit *test)
{
	struct realign_plan p;
	struct resource bar;
	struct tree t;
	unsigned int i;

	tree_init(&t, WIN_START, SZ_64K);
	for (i = 0; i < ARRAY_SIZE(skips); i++) {
		memset(&bar, 0, sizeof(bar));
		bar.start = WIN_START + 0x10;
		bar.end = bar.start + 0xf;
		bar.flags = skips[i].flags;
		realign_plan_bar(&bar, skips[i].in_window ? &t.win : NULL,
				 NULL, PAGE_SHIFT, NULL, &p);
		KUNIT_EXPECT_EQ_MSG(test, p.action, skips[i].action,
				    "case %u", i);
		KUNIT_EXPECT_EQ(test, p.tail_len, 0ULL);
	}
	KUNIT_EXPECT_STREQ(test, realign_action_name(REALIGN_SKIP_FIXED),
			   "fixed BAR (IORESOURCE_PCI_FIXED)");
}

static void sweep_marks_only_pages_shared_by_two_owners(struct kunit *test)
{
	int a, b, c;
	struct realign_span s[] = {
		{ 0x41176000, 0x41176fff, &a, 0 },	/* a, page X */
		{ 0x41177000, 0x41177fff, &a, 1 },	/* a alone */
		{ 0x41176000, 0x41176fff, &b, 0 },	/* b, page X */
		{ 0x41180000, 0x41180fff, &c, 0 },	/* c, twice */
		{ 0x41180000, 0x41180fff, &c, 2 },
		{ 0x41100000, 0x41103fff, &b, 1 },	/* 16K, spans ... */
		{ 0x41102000, 0x41102fff, &c, 1 },	/* ... this page */
	};
	unsigned int i, shared;

	shared = realign_sweep(s, ARRAY_SIZE(s));
	KUNIT_EXPECT_EQ(test, shared, 4U);
	for (i = 0; i < ARRAY_SIZE(s); i++) {
		bool want = (s[i].first == 0x41176000) ||
			    s[i].first == 0x41100000 ||
			    s[i].first == 0x41102000;

		KUNIT_EXPECT_EQ_MSG(test, s[i].shared, want, "span %#llx",
				    (unsigned long long)s[i].first);
	}
	KUNIT_EXPECT_EQ(test, realign_sweep(s, 0), 0U);
}

static struct kunit_case realign_plan_cases[] = {
	KUNIT_CASE(shared_page_bar_moves_to_free_page),
	KUNIT_CASE(aligned_bar_with_neighbour_in_its_page_moves),
	KUNIT_CASE(aligned_and_alone_keeps_place_and_reserves_tail),
	KUNIT_CASE(own_tail_counts_as_free_so_replanning_keeps),
	KUNIT_CASE(bar_of_a_page_or_more_has_no_tail),
	KUNIT_CASE(larger_order_aligns_and_reserves_whole_granule),
	KUNIT_CASE(window_with_unaligned_start_is_rounded_up),
	KUNIT_CASE(size_larger_than_granule_keeps_natural_alignment),
	KUNIT_CASE(bar_of_4g_or_more_is_aligned_to_its_size),
	KUNIT_CASE(new_place_respects_the_core_floor),
	KUNIT_CASE(bar32_limit_is_4g_as_a_bus_address),
	KUNIT_CASE(full_window_means_no_room),
	KUNIT_CASE(window_at_top_of_address_space),
	KUNIT_CASE(skips_io_fixed_and_unassigned),
	KUNIT_CASE(sweep_marks_only_pages_shared_by_two_owners),
	{}
};

static struct kunit_suite realign_plan_suite = {
	.name = "realign_plan",
	.test_cases = realign_plan_cases,
};

kunit_test_suite(realign_plan_suite);
