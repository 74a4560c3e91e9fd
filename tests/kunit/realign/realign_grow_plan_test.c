// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the realigner's bridge-window growth decisions, on a host
 * window, a bridge window and BARs built here as plain resource trees.
 */
#include <kunit/test.h>
#include <linux/ioport.h>
#include <linux/sizes.h>

#include "../../../drivers/pci/realign/realign.h"

#define HOST	0x40000000ULL
#define WIN	0x40400000ULL

/* host window > { sibling before, bridge window > BARs, sibling after } */
struct gtree {
	struct resource host, win;
	struct resource r[8];
	unsigned int n;
};

static void set(struct resource *r, const char *name, resource_size_t start,
		resource_size_t size)
{
	r->name = name;
	r->start = start;
	r->end = start + size - 1;
	r->flags = IORESOURCE_MEM;
}

static void gtree_init(struct kunit *test, struct gtree *t,
		       resource_size_t win_start, resource_size_t win_size)
{
	memset(t, 0, sizeof(*t));
	set(&t->host, "host", HOST, SZ_256M);
	set(&t->win, "bridge window", win_start, win_size);
	KUNIT_ASSERT_EQ(test, request_resource(&t->host, &t->win), 0);
}

static struct resource *gadd(struct kunit *test, struct gtree *t,
			     struct resource *parent, resource_size_t start,
			     resource_size_t size)
{
	struct resource *r = &t->r[t->n++];

	set(r, "bar", start, size);
	KUNIT_ASSERT_EQ(test, request_resource(parent, r), 0);
	return r;
}

static void gtree_release(struct gtree *t)
{
	while (t->n)
		release_resource(&t->r[--t->n]);
	release_resource(&t->win);
}

/*
 * A full 1 MiB window: filler up to the last page, then a 256-byte BAR
 * sharing that page with a 16-byte one.  Returns the 256-byte BAR, with
 * its NO_ROOM plan in @p.
 */
static struct resource *full_window(struct kunit *test, struct gtree *t,
				    resource_size_t win_start,
				    struct realign_plan *p)
{
	struct resource *bar;

	gtree_init(test, t, win_start, SZ_1M);
	gadd(test, t, &t->win, win_start, SZ_1M - SZ_4K);
	bar = gadd(test, t, &t->win, win_start + SZ_1M - SZ_4K, 0x100);
	gadd(test, t, &t->win, win_start + SZ_1M - SZ_4K + 0x100, 0x10);
	realign_plan_bar(bar, &t->win, NULL, PAGE_SHIFT, NULL, p);
	KUNIT_ASSERT_EQ(test, p->action, REALIGN_NO_ROOM);
	return bar;
}

static void grow_up_adds_one_mib_at_the_limit(struct kunit *test)
{
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	bar = full_window(test, &t, WIN, &p);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, s, WIN);
	KUNIT_EXPECT_EQ(test, e, WIN + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.win, s, e),
			REALIGN_COVER_FITS);
	gtree_release(&t);
}

static void grow_down_adds_one_mib_below_the_base(struct kunit *test)
{
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	bar = full_window(test, &t, WIN, &p);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_EQ(test, s, WIN - SZ_1M);
	KUNIT_EXPECT_EQ(test, e, WIN + SZ_1M - 1);
	gtree_release(&t);
}

/*
 * Plan @bar under @b (it finds no room in its window) and say whether
 * its window may grow down and up.
 */
static void grows_under(struct kunit *test, struct gtree *t,
			struct resource *bar, const struct realign_bounds *b,
			bool down, bool up)
{
	resource_size_t s, e;
	struct realign_plan p;

	realign_plan_bar(bar, &t->win, NULL, PAGE_SHIFT, b, &p);
	KUNIT_ASSERT_EQ(test, p.action, REALIGN_NO_ROOM);
	KUNIT_EXPECT_EQ(test, realign_plan_grow(&t->win, bar, NULL, &p,
						REALIGN_GROW_DOWN, &s, &e),
			down);
	KUNIT_EXPECT_EQ(test, realign_plan_grow(&t->win, bar, NULL, &p,
						REALIGN_GROW_UP, &s, &e),
			up);
}

/* Nor does a window grow below the core's floor, or past 4 GiB as the bus sees it. */
static void growth_stays_within_the_core_bounds(struct kunit *test)
{
	const struct realign_bounds floor = { .lo = WIN, .hi32 = U32_MAX };
	const struct realign_bounds top = { .hi32 = WIN + SZ_1M - 1 };
	/* A floor inside the MiB below: that MiB would start under it. */
	const struct realign_bounds mid = { .lo = WIN - SZ_1M + SZ_4K,
					    .hi32 = U32_MAX };
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	bar = full_window(test, &t, WIN, &p);
	grows_under(test, &t, bar, &mid, false, true);
	grows_under(test, &t, bar, &floor, false, true);
	grows_under(test, &t, bar, &top, true, false);
	gtree_release(&t);
}

/* A range the firmware keeps, though nothing claims it in the tree. */
static resource_size_t fw_start, fw_end;

static bool fw_keeps(resource_size_t start, resource_size_t end)
{
	return start <= fw_end && end >= fw_start;
}

/*
 * A window moved in its parent goes no lower than the core's floor, and
 * not where the firmware keeps the space.
 */
static void window_move_stays_above_the_floor(struct kunit *test)
{
	struct realign_plan p = {};
	resource_size_t to = 0;
	struct gtree t;

	gtree_init(test, &t, WIN, SZ_1M);
	KUNIT_EXPECT_TRUE(test, realign_plan_move(&t.win, &p, SZ_1M, SZ_1M,
						  &to));
	KUNIT_EXPECT_EQ(test, to, HOST);
	p.lo = HOST + SZ_2M + 1;
	KUNIT_EXPECT_TRUE(test, realign_plan_move(&t.win, &p, SZ_1M, SZ_1M,
						  &to));
	KUNIT_EXPECT_EQ(test, to, HOST + 3 * SZ_1M);
	fw_start = HOST + 3 * SZ_1M;
	fw_end = HOST + 5 * SZ_1M - 1;
	p.firmware = fw_keeps;
	KUNIT_EXPECT_TRUE(test, realign_plan_move(&t.win, &p, SZ_1M, SZ_1M,
						  &to));
	KUNIT_EXPECT_EQ(test, to, HOST + 5 * SZ_1M);
	p.lo = HOST + SZ_256M;
	KUNIT_EXPECT_FALSE(test, realign_plan_move(&t.win, &p, SZ_1M, SZ_1M,
						   &to));
	gtree_release(&t);
}

/* Growing down steps past the MiB below if the firmware keeps it. */
static void growth_steps_past_firmware_ranges(struct kunit *test)
{
	const struct realign_bounds fw = { .hi32 = U32_MAX,
					   .firmware = fw_keeps };
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	fw_start = WIN - SZ_1M;
	fw_end = WIN - 1;
	bar = full_window(test, &t, WIN, &p);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, &fw, &p);
	KUNIT_ASSERT_EQ(test, p.action, REALIGN_NO_ROOM);
	KUNIT_EXPECT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_EQ(test, s, WIN - SZ_2M);
	gtree_release(&t);
}

/* A page with 16 bytes in use is no room: the window still grows. */
static void grow_up_skips_partly_used_pages(struct kunit *test)
{
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	gtree_init(test, &t, WIN, SZ_1M);
	gadd(test, &t, &t.win, WIN, SZ_1M - 2 * SZ_4K);
	bar = gadd(test, &t, &t.win, WIN + SZ_1M - 2 * SZ_4K, 0x100);
	gadd(test, &t, &t.win, WIN + SZ_1M - 2 * SZ_4K + 0x100, 0x10);
	gadd(test, &t, &t.win, WIN + SZ_1M - SZ_4K, 0x10);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_ASSERT_EQ(test, p.action, REALIGN_NO_ROOM);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, e, WIN + SZ_2M - 1);
	gtree_release(&t);
}

/*
 * A 2 MiB block must start on a 2 MiB boundary: above the window the
 * first one clear of it is WIN + 6 MiB, below it WIN - 2 MiB.
 */
static void block_alignment_above_granule_is_kept(struct kunit *test)
{
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	gtree_init(test, &t, WIN + SZ_1M, SZ_4M);
	gadd(test, &t, &t.win, WIN + SZ_1M, SZ_1M);
	bar = gadd(test, &t, &t.win, WIN + SZ_2M, SZ_2M);
	gadd(test, &t, &t.win, WIN + SZ_4M, SZ_1M);
	realign_plan_bar(bar, &t.win, NULL, PAGE_SHIFT, NULL, &p);
	KUNIT_ASSERT_EQ(test, p.action, REALIGN_KEEP);
	/* Pretend it has to move: plan a 2 MiB block elsewhere. */
	p.action = REALIGN_NO_ROOM;
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, NULL, NULL, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, e, WIN + SZ_8M - 1);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, NULL, NULL, &p,
						  REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_EQ(test, s, WIN - SZ_2M);
	gtree_release(&t);
}

static void sibling_in_the_way_blocks_cover(struct kunit *test)
{
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	bar = full_window(test, &t, WIN, &p);
	gadd(test, &t, &t.host, WIN + SZ_1M + SZ_512K, 0x100);
	gadd(test, &t, &t.host, WIN - SZ_4K, 0x100);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.win, s, e),
			REALIGN_COVER_BLOCKED);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.win, s, e),
			REALIGN_COVER_BLOCKED);
	gtree_release(&t);
}

static void range_past_the_parent_needs_the_parent_to_grow(struct kunit *test)
{
	resource_size_t top = HOST + SZ_256M - SZ_1M;
	resource_size_t s, e;
	struct realign_plan p;
	struct resource *bar;
	struct gtree t;

	bar = full_window(test, &t, top, &p);
	KUNIT_ASSERT_TRUE(test, realign_plan_grow(&t.win, bar, NULL, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.win, s, e),
			REALIGN_COVER_PARENT);
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.host, HOST, e),
			REALIGN_COVER_BLOCKED);	/* no parent */
	/* A range that shrinks the window is never a cover. */
	KUNIT_EXPECT_EQ(test, realign_plan_cover(&t.win, top + SZ_4K, e),
			REALIGN_COVER_BLOCKED);
	gtree_release(&t);
}

static void no_growth_past_the_ends_of_the_address_space(struct kunit *test)
{
	const resource_size_t max = ~(resource_size_t)0;
	struct resource top = { .start = max - SZ_1M + 1, .end = max,
				.flags = IORESOURCE_MEM };
	struct resource low = { .start = 0, .end = SZ_1M - 1,
				.flags = IORESOURCE_MEM };
	struct realign_plan p = { .block = SZ_4K, .align = SZ_4K,
				   .hi = ~(resource_size_t)0 };
	struct resource fill_top = { .start = top.start, .end = max,
				     .flags = IORESOURCE_MEM };
	struct resource fill_low = { .start = 0, .end = SZ_1M - 1,
				     .flags = IORESOURCE_MEM };
	resource_size_t s, e;

	KUNIT_ASSERT_EQ(test, request_resource(&top, &fill_top), 0);
	KUNIT_ASSERT_EQ(test, request_resource(&low, &fill_low), 0);
	KUNIT_EXPECT_FALSE(test, realign_plan_grow(&top, NULL, NULL, &p,
						   REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_FALSE(test, realign_plan_grow(&low, NULL, NULL, &p,
						   REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_TRUE(test, realign_plan_grow(&top, NULL, NULL, &p,
						  REALIGN_GROW_DOWN, &s, &e));
	KUNIT_EXPECT_EQ(test, s, max - SZ_2M + 1);
	release_resource(&fill_top);
	release_resource(&fill_low);
}

/* The BAR's own place and own tail are free space for the new block. */
static void own_bar_and_tail_count_as_free(struct kunit *test)
{
	struct realign_plan p = { .block = SZ_8K, .align = SZ_8K,
				   .hi = U32_MAX };
	struct resource *bar, *tail;
	resource_size_t s, e;
	struct gtree t;

	gtree_init(test, &t, WIN, SZ_1M);
	gadd(test, &t, &t.win, WIN, SZ_1M - SZ_8K);
	bar = gadd(test, &t, &t.win, WIN + SZ_1M - SZ_8K, 0x100);
	tail = gadd(test, &t, &t.win, WIN + SZ_1M - SZ_8K + 0x100, 0x100);
	gadd(test, &t, &t.win, WIN + SZ_1M - SZ_4K, 0x100);
	KUNIT_EXPECT_TRUE(test, realign_plan_grow(&t.win, bar, tail, &p,
						  REALIGN_GROW_UP, &s, &e));
	KUNIT_EXPECT_EQ(test, e, WIN + SZ_2M - 1);
	/* An 8 KiB hole at the top of the window: nothing to grow. */
	release_resource(&t.r[--t.n]);
	KUNIT_EXPECT_FALSE(test, realign_plan_grow(&t.win, bar, tail, &p,
						   REALIGN_GROW_UP, &s, &e));
	gtree_release(&t);
}

static struct kunit_case realign_grow_plan_cases[] = {
	KUNIT_CASE(grow_up_adds_one_mib_at_the_limit),
	KUNIT_CASE(grow_down_adds_one_mib_below_the_base),
	KUNIT_CASE(growth_stays_within_the_core_bounds),
	KUNIT_CASE(window_move_stays_above_the_floor),
	KUNIT_CASE(growth_steps_past_firmware_ranges),
	KUNIT_CASE(grow_up_skips_partly_used_pages),
	KUNIT_CASE(block_alignment_above_granule_is_kept),
	KUNIT_CASE(sibling_in_the_way_blocks_cover),
	KUNIT_CASE(range_past_the_parent_needs_the_parent_to_grow),
	KUNIT_CASE(no_growth_past_the_ends_of_the_address_space),
	KUNIT_CASE(own_bar_and_tail_count_as_free),
	{}
};

static struct kunit_suite realign_grow_plan_suite = {
	.name = "realign_grow_plan",
	.test_cases = realign_grow_plan_cases,
};

kunit_test_suite(realign_grow_plan_suite);

MODULE_LICENSE("GPL");
