// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: realign_device() growing a full bridge window.  A simulated
 * PCI-to-PCI bridge (sim_dev with a type 1 memory base/limit register)
 * sits above a simulated SD controller whose BAR shares the last page of
 * the window; the bridge's register, the resource tree and every undo
 * path are checked.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include "../../../drivers/pci/realign/realign.h"
#include "realign_fixture.h"

#define HOST	0x40000000ULL
#define WIN	0x40400000U
#define WIN_4G	0xfff00000U	/* the last MiB below 4 GiB */
#define FULL	(SZ_1M - SZ_4K)	/* filler before the shared last page */

struct wfx {
	struct sim_dev ob, br, sd, peer;
	bool nested;
	int idx;
	struct pci_host_bridge *host;
	struct resource hostwin;
	struct resource other[6];
	unsigned int n_other;
};

static void realign_window_exit(struct kunit *test)
{
	struct wfx *fx = test->priv;

	if (!fx)
		return;
	rfx_release(&fx->sd);
	while (fx->n_other)
		release_resource(&fx->other[--fx->n_other]);
	if (fx->br.pdev.resource[fx->idx].parent)
		release_resource(&fx->br.pdev.resource[fx->idx]);
	if (fx->nested && fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW].parent)
		release_resource(&fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW]);
	pci_free_host_bridge(fx->host);
}

/* The base/limit dword a bridge holds for [start, end]. */
static u32 regval(u32 start, u32 end)
{
	return ((start >> 16) & 0xfff0) | (end & 0xfff00000);
}

static int reg_of(int idx)
{
	return idx == PCI_BRIDGE_MEM_WINDOW ? PCI_MEMORY_BASE :
	       PCI_PREF_MEMORY_BASE;
}

static u32 bridge_reg(struct wfx *fx)
{
	return sim_dev_peek(&fx->br, reg_of(fx->idx), 4);
}

static struct resource *window(struct wfx *fx)
{
	return &fx->br.pdev.resource[fx->idx];
}

static struct resource *other_flags(struct kunit *test, struct wfx *fx,
				    struct resource *parent,
				    resource_size_t start,
				    resource_size_t size, unsigned long flags)
{
	struct resource *r;

	r = rfx_claim(test, &fx->other[fx->n_other], parent, start, size,
		      flags);
	fx->n_other++;	/* only what was requested is released */
	return r;
}

static struct resource *other(struct kunit *test, struct wfx *fx,
			      struct resource *parent, resource_size_t start,
			      resource_size_t size)
{
	return other_flags(test, fx, parent, start, size, 0);
}

static void bar(struct kunit *test, struct wfx *fx, int n, u32 start,
		u32 size)
{
	rfx_bar(test, &fx->sd, n, start, size, SIM_BAR_MEM32, window(fx));
}

/*
 * Host window [HOST, 4 GiB + 256 MiB); bridge window @idx at
 * [@win, @win + 1 MiB) full up to its last page, where BAR 0 (256 B)
 * shares the page with a 16-byte neighbour.
 */
static struct wfx *wfx_setup_at(struct kunit *test, u32 win, int idx,
				unsigned long flags)
{
	struct wfx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	struct resource *w;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->idx = idx;
	rfx_bridge_init(&fx->br, reg_of(idx), regval(win, win + SZ_1M - 1));
	fx->host = rfx_host(test, &fx->br);
	test->priv = fx;

	rfx_sd_init(&fx->sd);
	snprintf(fx->sd.name, sizeof(fx->sd.name), "0000:01:00.0");
	fx->sd.bus.self = &fx->br.pdev;
	fx->sd.bus.parent = &fx->br.bus;
	fx->br.pdev.subordinate = &fx->sd.bus;
	/* Bus device lists, for pci_walk_bus() below a bridge. */
	INIT_LIST_HEAD(&fx->br.bus.devices);
	INIT_LIST_HEAD(&fx->sd.bus.devices);
	list_add_tail(&fx->br.pdev.bus_list, &fx->br.bus.devices);
	list_add_tail(&fx->sd.pdev.bus_list, &fx->sd.bus.devices);

	fx->hostwin.name = "host window";
	fx->hostwin.start = HOST;
	fx->hostwin.end = SZ_4G + SZ_256M - 1;
	fx->hostwin.flags = IORESOURCE_MEM;
	w = window(fx);
	w->name = "bridge window";
	w->start = win;
	w->end = win + SZ_1M - 1;
	w->flags = IORESOURCE_MEM | IORESOURCE_WINDOW | flags;
	KUNIT_ASSERT_EQ(test, request_resource(&fx->hostwin, w), 0);

	other(test, fx, w, win, FULL);
	bar(test, fx, 0, win + FULL, 0x100);
	other(test, fx, w, win + FULL + 0x100, 0x10);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	return fx;
}

static struct wfx *wfx_setup(struct kunit *test)
{
	return wfx_setup_at(test, WIN, PCI_BRIDGE_MEM_WINDOW, 0);
}

/* Neighbours right above and below the window: it cannot grow in place. */
static void block_both_sides(struct kunit *test, struct wfx *fx)
{
	other(test, fx, &fx->hostwin, WIN + SZ_1M, 0x100);
	other(test, fx, &fx->hostwin, WIN - SZ_4K, 0x100);
}

/* The fixture with an outer bridge whose window is exactly the inner's. */
static struct wfx *wfx_setup_nested(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	struct resource *o = &fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW];

	rfx_bridge_init(&fx->ob, PCI_MEMORY_BASE, regval(WIN, WIN + SZ_1M - 1));
	fx->ob.bus.bridge = &fx->host->dev;
	fx->ob.pdev.subordinate = &fx->br.bus;
	snprintf(fx->br.name, sizeof(fx->br.name), "0000:00:01.0");
	fx->br.bus.self = &fx->ob.pdev;
	fx->br.bus.parent = &fx->ob.bus;
	INIT_LIST_HEAD(&fx->ob.bus.devices);
	list_add_tail(&fx->ob.pdev.bus_list, &fx->ob.bus.devices);

	*o = *window(fx);
	o->name = "outer bridge window";
	o->parent = NULL;
	o->sibling = NULL;
	o->child = NULL;
	KUNIT_ASSERT_EQ(test, insert_resource(&fx->hostwin, o), 0);
	KUNIT_ASSERT_PTR_EQ(test, window(fx)->parent, o);
	fx->nested = true;
	return fx;
}

static void expect_unchanged(struct kunit *test, struct wfx *fx)
{
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)WIN);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)WIN + SZ_1M - 1);
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(WIN, WIN + SZ_1M - 1));
	KUNIT_EXPECT_PTR_EQ(test, window(fx)->parent, fx->nested ?
			    &fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW] :
			    &fx->hostwin);
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[0].start,
			(resource_size_t)WIN + FULL);
	/* Back in the tree, where the allocator and drivers see it. */
	KUNIT_EXPECT_PTR_EQ(test, fx->sd.pdev.resource[0].parent, window(fx));
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			(u32)WIN + FULL);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
}

static void full_window_grows_up_and_bridge_is_programmed(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	struct resource *res = &fx->sd.pdev.resource[0];

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)WIN);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)WIN + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(WIN, WIN + SZ_2M - 1));
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_1M);
	KUNIT_EXPECT_EQ(test, resource_size(res), 0x100ULL);
	KUNIT_EXPECT_PTR_EQ(test, res->parent, window(fx));
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			(u32)WIN + SZ_1M);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));

	/* Idempotent: the second run neither grows nor moves anything. */
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)WIN + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_1M);
}

static void blocked_above_grows_down(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	other(test, fx, &fx->hostwin, WIN + SZ_1M, 0x100);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)WIN - SZ_1M);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)WIN + SZ_1M - 1);
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(WIN - SZ_1M, WIN + SZ_1M - 1));
	/* The lowest free block of the grown window. */
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[0].start,
			(resource_size_t)WIN - SZ_1M);
}

/* Blocked in place: the window moves to the lowest 2 MiB-aligned gap. */
static void blocked_both_sides_moves_the_window(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	struct resource *filler = &fx->other[0];

	/* Part of the filler becomes BAR 2, which must move along. */
	KUNIT_ASSERT_EQ(test, adjust_resource(filler, WIN, SZ_512K), 0);
	bar(test, fx, 2, WIN + SZ_512K, SZ_256K);
	other(test, fx, window(fx), WIN + SZ_512K + SZ_256K, SZ_256K - SZ_4K);
	block_both_sides(test, fx);
	sim_dev_poke(&fx->br, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->br, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)HOST);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)HOST + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(HOST, HOST + SZ_2M - 1));
	/* Everything inside went along, the same distance. */
	KUNIT_EXPECT_EQ(test, filler->start, (resource_size_t)HOST);
	KUNIT_EXPECT_PTR_EQ(test, filler->parent, window(fx));
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[0].start,
			(resource_size_t)HOST + SZ_1M);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0, 4),
			(u32)HOST + SZ_1M);
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[2].start,
			(resource_size_t)HOST + SZ_512K);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_2, 4),
			(u32)HOST + SZ_512K);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
}

/* A claimed (busy) region inside the window: nothing moves, EBUSY. */
static void blocked_and_claimed_changes_nothing(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	fx->other[0].flags |= IORESOURCE_BUSY;
	block_both_sides(test, fx);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	expect_unchanged(test, fx);
	KUNIT_EXPECT_EQ(test, fx->other[0].start, (resource_size_t)WIN);
}

/* At boot a bound driver does not stop realign_device(), but the move. */
static void blocked_with_driver_below_changes_nothing(struct kunit *test)
{
	static struct device_driver drv = { .name = "bound" };
	struct wfx *fx = wfx_setup(test);

	block_both_sides(test, fx);
	fx->sd.pdev.dev.driver = &drv;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, false),
			-EBUSY);
	fx->sd.pdev.dev.driver = NULL;
	expect_unchanged(test, fx);
}

/*
 * A resource below in a slot the module cannot reprogram (here a bridge
 * window index on an endpoint; for real, an SR-IOV BAR): nothing moves.
 */
static void unprogrammable_resource_below_changes_nothing(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	struct resource *odd = &fx->sd.pdev.resource[PCI_BRIDGE_MEM_WINDOW];

	KUNIT_ASSERT_EQ(test, adjust_resource(&fx->other[0], WIN, SZ_512K), 0);
	odd->name = "odd";
	odd->start = WIN + SZ_512K;
	odd->end = WIN + SZ_512K + SZ_4K - 1;
	odd->flags = IORESOURCE_MEM;
	KUNIT_ASSERT_EQ(test, request_resource(window(fx), odd), 0);
	other(test, fx, window(fx), WIN + SZ_512K + SZ_4K,
	      SZ_512K - 2 * SZ_4K);
	block_both_sides(test, fx);
	/* Config offset 0x20 of an endpoint is BAR 4: not to be touched. */
	sim_dev_guard(&fx->sd, PCI_MEMORY_BASE, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	KUNIT_EXPECT_EQ(test, odd->start, (resource_size_t)WIN + SZ_512K);
	release_resource(odd);
	expect_unchanged(test, fx);
}

/* No gap anywhere in the host window either. */
static void nowhere_to_go_changes_nothing(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	other(test, fx, &fx->hostwin, HOST, WIN - HOST);
	other(test, fx, &fx->hostwin, WIN + SZ_1M,
	      SZ_4G + SZ_256M - (WIN + SZ_1M));
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	expect_unchanged(test, fx);
}

/* A root-bus device's window belongs to the host bridge: never grown. */
static void host_bridge_window_is_never_grown(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	fx->sd.bus.self = NULL;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	fx->sd.bus.self = &fx->br.pdev;
	expect_unchanged(test, fx);
}

/* Hardware decoding something else than the kernel thinks: hands off. */
static void disagreeing_registers_are_left_alone(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	u32 hw = regval(WIN, WIN + SZ_2M - 1);

	sim_dev_poke(&fx->br, PCI_MEMORY_BASE, 4, hw);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), hw);
	sim_dev_poke(&fx->br, PCI_MEMORY_BASE, 4, regval(WIN, WIN + SZ_1M - 1));
	expect_unchanged(test, fx);
}

/* A limit register that does not take the write: not grown, EIO. */
static void write_not_taken_rolls_back(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	sim_dev_define(&fx->br, PCI_MEMORY_BASE, 4,
		       regval(WIN, WIN + SZ_1M - 1), 0xffffffff, 0, 0);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EIO);
	expect_unchanged(test, fx);
}

/*
 * Just below 4 GiB with the space below taken: growing up would put a
 * non-prefetchable window above 4 GiB, or change the upper half of a
 * 64-bit prefetchable one, which takes more than one register write.
 */
static void window_crossing_4g_is_refused(struct kunit *test)
{
	static const struct {
		int idx;
		unsigned long flags;
	} kinds[] = {
		{ PCI_BRIDGE_MEM_WINDOW, 0 },
		{ PCI_BRIDGE_PREF_MEM_WINDOW, IORESOURCE_PREFETCH | IORESOURCE_MEM_64 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		struct wfx *fx = wfx_setup_at(test, WIN_4G, kinds[i].idx,
					      kinds[i].flags);

		other(test, fx, &fx->hostwin, WIN_4G - SZ_4K, 0x100);
		fx->other[0].flags |= IORESOURCE_BUSY;	/* and no move */
		KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT,
						     true), -ENOSPC);
		KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)SZ_4G - 1);
		KUNIT_EXPECT_EQ(test, bridge_reg(fx),
				regval(WIN_4G, SZ_4G - 1));
		realign_window_exit(test);
		test->priv = NULL;
	}
}

static void nested_windows_grow_outermost_first(struct kunit *test)
{
	struct wfx *fx = wfx_setup_nested(test);
	struct resource *o = &fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW];

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, o->end, (resource_size_t)WIN + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, window(fx)->end, (resource_size_t)WIN + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->ob, PCI_MEMORY_BASE, 4),
			regval(WIN, WIN + SZ_2M - 1));
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(WIN, WIN + SZ_2M - 1));
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[0].start,
			(resource_size_t)WIN + SZ_1M);
}

/* The inner bridge refuses the write: the outer one goes back too. */
static void inner_failure_shrinks_outer_back(struct kunit *test)
{
	struct wfx *fx = wfx_setup_nested(test);
	struct resource *o = &fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW];

	sim_dev_define(&fx->br, PCI_MEMORY_BASE, 4,
		       regval(WIN, WIN + SZ_1M - 1), 0xffffffff, 0, 0);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EIO);
	KUNIT_EXPECT_EQ(test, o->start, (resource_size_t)WIN);
	KUNIT_EXPECT_EQ(test, o->end, (resource_size_t)WIN + SZ_1M - 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->ob, PCI_MEMORY_BASE, 4),
			regval(WIN, WIN + SZ_1M - 1));
	expect_unchanged(test, fx);
}

/*
 * The inner limit is read-only, its base is not: growing up fails after
 * the outer window grew, so that growth is undone before both grow down.
 */
static void failed_direction_is_undone_before_the_next(struct kunit *test)
{
	struct wfx *fx = wfx_setup_nested(test);
	struct resource *o = &fx->ob.pdev.resource[PCI_BRIDGE_MEM_WINDOW];

	sim_dev_define(&fx->br, PCI_MEMORY_BASE, 4,
		       regval(WIN, WIN + SZ_1M - 1), 0xffff000f, 0, 0);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, o->start, (resource_size_t)WIN - SZ_1M);
	KUNIT_EXPECT_EQ(test, o->end, (resource_size_t)WIN + SZ_1M - 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->ob, PCI_MEMORY_BASE, 4),
			regval(WIN - SZ_1M, WIN + SZ_1M - 1));
	KUNIT_EXPECT_EQ(test, bridge_reg(fx), regval(WIN - SZ_1M, WIN + SZ_1M - 1));
}

/*
 * BAR 0 needs a grown (or, if @blocked, moved) window; BAR 1 then cannot
 * move because a driver claimed it: BAR 0 and the window go back.
 */
static void later_failure(struct kunit *test, bool blocked)
{
	struct wfx *fx = wfx_setup(test);
	struct resource claim = { .name = "claimed", .flags = IORESOURCE_MEM };
	struct resource *r1;

	if (blocked)
		block_both_sides(test, fx);
	bar(test, fx, 1, WIN + FULL + 0x200, 0x100);
	r1 = &fx->sd.pdev.resource[1];
	claim.start = r1->start;
	claim.end = r1->end;
	KUNIT_ASSERT_EQ(test, request_resource(r1, &claim), 0);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	release_resource(&claim);
	expect_unchanged(test, fx);
	KUNIT_EXPECT_EQ(test, r1->start, (resource_size_t)WIN + FULL + 0x200);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_1, 4),
			(u32)WIN + FULL + 0x200);
	KUNIT_EXPECT_EQ(test, fx->other[0].start, (resource_size_t)WIN);
}

static void later_failure_shrinks_the_window_back(struct kunit *test)
{
	later_failure(test, false);
}

static void later_failure_moves_the_window_back(struct kunit *test)
{
	later_failure(test, true);
}

/* select.c: the device below the bridge is named by its path and IDs. */
/* A second function below the bridge, with no BARs. */
static void add_peer(struct wfx *fx)
{
	sim_dev_init(&fx->peer, 0x1b36, 0x0005, 0x00ff0000);
	snprintf(fx->peer.name, sizeof(fx->peer.name), "0000:01:01.0");
	fx->peer.bus.self = &fx->br.pdev;
	fx->peer.bus.parent = &fx->br.bus;
	device_initialize(&fx->peer.pdev.dev);
	list_add_tail(&fx->peer.pdev.bus_list, &fx->sd.bus.devices);
}

/*
 * A device below whose lock is held (a driver probing it, say): its
 * driver pointer cannot be trusted, so the window does not move.
 */
static void locked_device_below_stops_the_move(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	add_peer(fx);
	block_both_sides(test, fx);
	device_lock(&fx->peer.pdev.dev);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	device_unlock(&fx->peer.pdev.dev);
	expect_unchanged(test, fx);
}

/*
 * A switch port below with the PCIe port driver bound: its services
 * (hotplug, AER, PME) use config space only, not the BARs below, so the
 * window still moves; any other driver stops it, and so does MSI-X on
 * the port (the kernel mapped its table, in the port's BAR, once).
 */
static void port_driver_below_does_not_stop_the_move(struct kunit *test)
{
	static struct device_driver port = { .name = "pcieport" };
	static struct device_driver other = { .name = "e1000" };
	struct wfx *fx = wfx_setup(test);

	add_peer(fx);
	fx->peer.pdev.hdr_type = PCI_HEADER_TYPE_BRIDGE;
	block_both_sides(test, fx);
	fx->peer.pdev.dev.driver = &other;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	expect_unchanged(test, fx);
	fx->peer.pdev.dev.driver = &port;
	fx->peer.pdev.msix_enabled = 1;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	expect_unchanged(test, fx);
	fx->peer.pdev.msix_enabled = 0;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	fx->peer.pdev.dev.driver = NULL;
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)HOST);
}

/*
 * An endpoint below enabled with no driver (its sysfs enable file) is in
 * use: the window stays.  A bridge below counts as enabled once any
 * device below it was, so its count alone does not stop the move.
 */
static void enabled_endpoint_below_stops_the_move(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	add_peer(fx);
	block_both_sides(test, fx);
	atomic_set(&fx->peer.pdev.enable_cnt, 1);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	expect_unchanged(test, fx);
	fx->peer.pdev.hdr_type = PCI_HEADER_TYPE_BRIDGE;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)HOST);
	atomic_set(&fx->peer.pdev.enable_cnt, 0);
}

/* The locks taken for a move are all dropped once the device is done. */
static void move_releases_the_locks_below(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	add_peer(fx);
	block_both_sides(test, fx);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, window(fx)->start, (resource_size_t)HOST);
	KUNIT_ASSERT_TRUE(test, device_trylock(&fx->peer.pdev.dev));
	device_unlock(&fx->peer.pdev.dev);
	KUNIT_ASSERT_TRUE(test, device_trylock(&fx->br.pdev.dev));
	device_unlock(&fx->br.pdev.dev);
	KUNIT_ASSERT_TRUE(test, device_trylock(&fx->sd.pdev.dev));
	device_unlock(&fx->sd.pdev.dev);
}

/* Saved state of the bridge and of the devices below follows a move. */
static void moved_window_refreshes_saved_state(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	block_both_sides(test, fx);
	fx->br.pdev.saved_config_space[PCI_MEMORY_BASE / 4] =
		regval(WIN, WIN + SZ_1M - 1);
	fx->br.pdev.state_saved = true;
	fx->sd.pdev.saved_config_space[4] = WIN + FULL;
	fx->sd.pdev.state_saved = true;
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->br.pdev.saved_config_space[PCI_MEMORY_BASE / 4],
			regval(HOST, HOST + SZ_2M - 1));
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.saved_config_space[4],
			(u32)HOST + SZ_1M);
}

/* A bridge being removed takes the tails inside its window with it. */
static void removed_bridge_releases_the_tails_below(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_ASSERT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
	realign_hotplug_event(BUS_NOTIFY_DEL_DEVICE, &fx->br.pdev);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
}

static void device_is_selected_by_path_and_ids(struct kunit *test)
{
	struct wfx *fx = wfx_setup(test);
	struct realign_parse_err err;
	struct realign_list list;
	struct pci_sel_devid id;

	fx->sd.bus.number = 1;
	fx->br.pdev.devfn = PCI_DEVFN(2, 0);
	pci_sel_devid(&fx->sd.pdev, &id);
	KUNIT_EXPECT_EQ(test, id.depth, 2U);
	KUNIT_EXPECT_EQ(test, id.bus[0], 1);
	KUNIT_EXPECT_EQ(test, id.devfn[1], PCI_DEVFN(2, 0));
	KUNIT_ASSERT_EQ(test, realign_parse("00:02.0/00.0", &list, &err), 0);
	KUNIT_EXPECT_PTR_EQ(test, realign_select(&list, &fx->sd.pdev),
			    &list.sel[0]);
	KUNIT_ASSERT_EQ(test, realign_parse("00:03.0/00.0;pci:1b36:7", &list,
					    &err), 0);
	KUNIT_EXPECT_PTR_EQ(test, realign_select(&list, &fx->sd.pdev),
			    &list.sel[1]);
	KUNIT_ASSERT_EQ(test, realign_parse("00:03.0/00.0;pci:1b36:8", &list,
					    &err), 0);
	KUNIT_EXPECT_NULL(test, realign_select(&list, &fx->sd.pdev));
}

static struct kunit_case realign_window_cases[] = {
	KUNIT_CASE(full_window_grows_up_and_bridge_is_programmed),
	KUNIT_CASE(blocked_above_grows_down),
	KUNIT_CASE(blocked_both_sides_moves_the_window),
	KUNIT_CASE(blocked_and_claimed_changes_nothing),
	KUNIT_CASE(blocked_with_driver_below_changes_nothing),
	KUNIT_CASE(unprogrammable_resource_below_changes_nothing),
	KUNIT_CASE(nowhere_to_go_changes_nothing),
	KUNIT_CASE(host_bridge_window_is_never_grown),
	KUNIT_CASE(disagreeing_registers_are_left_alone),
	KUNIT_CASE(write_not_taken_rolls_back),
	KUNIT_CASE(window_crossing_4g_is_refused),
	KUNIT_CASE(nested_windows_grow_outermost_first),
	KUNIT_CASE(inner_failure_shrinks_outer_back),
	KUNIT_CASE(failed_direction_is_undone_before_the_next),
	KUNIT_CASE(later_failure_shrinks_the_window_back),
	KUNIT_CASE(later_failure_moves_the_window_back),
	KUNIT_CASE(device_is_selected_by_path_and_ids),
	KUNIT_CASE(locked_device_below_stops_the_move),
	KUNIT_CASE(move_releases_the_locks_below),
	KUNIT_CASE(port_driver_below_does_not_stop_the_move),
	KUNIT_CASE(enabled_endpoint_below_stops_the_move),
	KUNIT_CASE(moved_window_refreshes_saved_state),
	KUNIT_CASE(removed_bridge_releases_the_tails_below),
	{}
};

static struct kunit_suite realign_window_suite = {
	.name = "realign_window",
	.exit = realign_window_exit,
	.test_cases = realign_window_cases,
};

kunit_test_suite(realign_window_suite);

MODULE_LICENSE("GPL");
