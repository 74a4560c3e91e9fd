// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: realign_device() on a simulated function (sim_dev) whose BARs
 * live in a bus window built here: the BAR register is reprogrammed,
 * the tail is claimed, decode is restored, and on any failure the device
 * is left exactly as it was.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/kthread.h>
#include <linux/pci.h>
#include <linux/pci_realign.h>
#include <linux/pm_runtime.h>
#include <linux/sizes.h>

#include "../../../drivers/pci/realign/realign.h"
#include "realign_fixture.h"

#define WIN	0x40000000U

struct fx {
	struct sim_dev sd, nb;
	struct pci_host_bridge *host;
	struct resource win;
	struct resource other[4];
	unsigned int n_other;
	struct resource intruder;
	int bar_write_rpm;	/* runtime PM status at BAR 0's write */
	int decode_offs;	/* Command writes with memory decode off */
	u32 bar_write_cmd;	/* Command register at BAR 0's write */
};

static void realign_apply_exit(struct kunit *test)
{
	struct fx *fx = test->priv;

	if (!fx)
		return;

	realign_hotplug_stop();
	rfx_release(&fx->sd);
	if (fx->nb.pdev.resource[0].parent)
		release_resource(&fx->nb.pdev.resource[0]);
	if (fx->intruder.parent)
		release_resource(&fx->intruder);
	while (fx->n_other)	/* the core may have released them already */
		if (fx->other[--fx->n_other].parent)
			release_resource(&fx->other[fx->n_other]);
	pci_free_host_bridge(fx->host);
}

/* An SD host controller in a window of @win_size bytes at @win. */
static struct fx *fx_setup_at(struct kunit *test, u64 win, u64 win_size)
{
	struct fx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	rfx_sd_init(&fx->sd);
	fx->host = rfx_host(test, &fx->sd);
	test->priv = fx;
	fx->win.name = "window";
	fx->win.start = win;
	fx->win.end = win + win_size - 1;
	fx->win.flags = IORESOURCE_MEM;
	return fx;
}

static struct fx *fx_setup(struct kunit *test, u32 win_size)
{
	return fx_setup_at(test, WIN, win_size);
}

static void fx_other(struct kunit *test, struct fx *fx, u64 start, u64 size)
{
	rfx_claim(test, &fx->other[fx->n_other], &fx->win, start, size, 0);
	fx->n_other++;	/* only what was requested is released */
}

static void fx_bar_flags(struct kunit *test, struct fx *fx, int bar,
			 u64 start, u64 size, unsigned int sim_flags)
{
	rfx_bar(test, &fx->sd, bar, start, size, sim_flags, &fx->win);
}

static void fx_bar(struct kunit *test, struct fx *fx, int bar, u32 start,
		   u32 size)
{
	fx_bar_flags(test, fx, bar, start, size, SIM_BAR_MEM32);
}

static u32 reg(struct fx *fx, int bar)
{
	return sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_0 + 4 * bar, 4) &
	       PCI_BASE_ADDRESS_MEM_MASK;
}

static struct resource *child_at(struct resource *win, resource_size_t at)
{
	struct resource *r;

	for (r = win->child; r; r = r->sibling)
		if (r->start == at)
			return r;
	return NULL;
}

static void moves_bar_programs_register_and_claims_tail(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0], *tail;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, resource_size(res), 0x100ULL);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	tail = child_at(&fx->win, WIN + SZ_4K + 0x100);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	KUNIT_EXPECT_EQ(test, tail->end, (resource_size_t)WIN + 2 * SZ_4K - 1);
	KUNIT_EXPECT_STREQ(test, tail->name, "pci-realign 0000:00:00.0 BAR 0 tail");
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));

	/* Again: nothing moves, no second tail. */
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_PTR_EQ(test, child_at(&fx->win, WIN + SZ_4K + 0x100), tail);
	KUNIT_EXPECT_NULL(test, tail->sibling);
}

static void aligned_alone_bar_stays_and_gets_tail(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];

	fx_bar(test, fx, 0, WIN + SZ_8K, 0x10);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_8K);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + SZ_8K);
	KUNIT_EXPECT_NOT_NULL(test, child_at(&fx->win, WIN + SZ_8K + 0x10));
}

static void note_decode(struct sim_dev *sd, int off, int size, u32 val)
{
	struct fx *fx = sd->priv;

	if (off == PCI_COMMAND && !(val & PCI_COMMAND_MEMORY))
		fx->decode_offs++;
	if (off == PCI_BASE_ADDRESS_0)
		fx->bar_write_cmd = sim_dev_peek(sd, PCI_COMMAND, 2);
}

/*
 * Decode goes off only around a BAR register write: a BAR that stays
 * (its tail reserved, the same list written again) never loses it, so
 * a selected bridge never stops forwarding for nothing.
 */
static void decode_is_off_only_while_a_bar_moves(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);

	fx_bar(test, fx, 0, WIN + SZ_8K, 0x10);
	fx_bar(test, fx, 1, WIN + 0x100, 0x100);
	fx_other(test, fx, WIN, 0x100);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	fx->sd.priv = fx;
	fx->sd.after_write = note_decode;

	/* BAR 1 shares page 0 with the neighbour: it moves, decode off */
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->decode_offs, 1);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);

	/* Again: both stay where they are, decode is never touched. */
	fx->decode_offs = 0;
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->decode_offs, 0);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	fx->sd.after_write = NULL;
}

/* The BAR register is written with memory decode off. */
static void moved_bar_is_written_with_decode_off(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	fx->sd.priv = fx;
	fx->sd.after_write = note_decode;
	fx->bar_write_cmd = PCI_COMMAND_MEMORY;
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->bar_write_cmd & PCI_COMMAND_MEMORY, 0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	fx->sd.after_write = NULL;
}

static void no_room_leaves_device_exactly_as_it_was(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_8K);
	struct resource *res = &fx->sd.pdev.resource[0];

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx_other(test, fx, WIN + SZ_4K + 0x800, 0x10);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_EQ(test, res->end, (resource_size_t)WIN + 0x1ff);
	KUNIT_EXPECT_PTR_EQ(test, res->parent, &fx->win);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + 0x100);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
}

static void later_failure_rolls_back_earlier_bars(struct kunit *test)
{
	struct fx *fx = fx_setup(test, 3 * SZ_4K);
	struct resource *bar0 = &fx->sd.pdev.resource[0];
	struct resource *bar1 = &fx->sd.pdev.resource[1];

	/* Page 1 is free: BAR 0 takes it, then BAR 1 finds no page. */
	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx_bar(test, fx, 1, WIN + 0x200, 0x10);
	fx_other(test, fx, WIN + 2 * SZ_4K + 0x800, 0x10);

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, bar0->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + 0x100);
	KUNIT_EXPECT_EQ(test, bar1->start, (resource_size_t)WIN + 0x200);
	KUNIT_EXPECT_EQ(test, reg(fx, 1), WIN + 0x200);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_NULL(test, child_at(&fx->win, WIN + SZ_4K));
}

static void bound_driver_and_vf_are_left_alone(struct kunit *test)
{
	static struct device_driver drv = { .name = "bound" };
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);

	/* Refused with an errno a sysfs write can return. */
	fx->sd.pdev.dev.driver = &drv;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	fx->sd.pdev.dev.driver = NULL;

	fx->sd.pdev.is_virtfn = 1;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, false),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	fx->sd.pdev.is_virtfn = 0;

	/* At boot (not run time) the same device is realigned. */
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, false), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
}

/*
 * A device enabled with no driver (its sysfs enable file, a program
 * using its resource files) is in use too: refused at run time until it
 * is disabled, and nothing moves meanwhile.
 */
static void enabled_driverless_device_is_left_alone(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];
	const char *why;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);

	atomic_set(&fx->sd.pdev.enable_cnt, 1);
	why = realign_skip_reason(&fx->sd.pdev, true);
	KUNIT_EXPECT_STREQ(test, why ?: "(none)",
			   "enabled with no driver (its sysfs enable file): disable it first");
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + 0x100);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));

	atomic_set(&fx->sd.pdev.enable_cnt, 0);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
}

/*
 * Where the core must keep the firmware's assignment (pci=probeonly, a
 * host bridge with preserve_config), the device is refused, untouched.
 */
static void firmware_owned_assignment_is_kept(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];
	bool was_probe_only = pci_has_flag(PCI_PROBE_ONLY);

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);

	pci_add_flags(PCI_PROBE_ONLY);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, false),
			-EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, realign_skip_reason(&fx->sd.pdev, false));
	if (!was_probe_only)
		pci_clear_flags(PCI_PROBE_ONLY);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + 0x100);

	fx->host->preserve_config = 1;
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	fx->host->preserve_config = 0;

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
}

struct locked_call {
	struct pci_dev *pdev;
	int ret;
	struct completion done;
};

static int realign_in_thread(void *data)
{
	struct locked_call *c = data;

	c->ret = realign_device(c->pdev, PAGE_SHIFT, true);
	complete(&c->done);
	return 0;
}

/*
 * A device whose lock someone holds (a driver probing it, a PF adding
 * its VFs, which may wait for realign_lock meanwhile) is refused with
 * EBUSY at once: never waited for, so no ABBA deadlock.  Run in a
 * thread, so the old behaviour shows as a timeout, not a hang.
 */
static void locked_device_is_refused_not_waited_for(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];
	struct locked_call c = { .pdev = &fx->sd.pdev };
	struct task_struct *t;
	bool in_time;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	init_completion(&c.done);
	device_lock(&fx->sd.pdev.dev);
	t = kthread_run(realign_in_thread, &c, "realign-locked");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	in_time = wait_for_completion_timeout(&c.done, 5 * HZ);
	device_unlock(&fx->sd.pdev.dev);
	if (!in_time)
		wait_for_completion(&c.done);
	KUNIT_ASSERT_TRUE_MSG(test, in_time,
			      "realign_device() waited for the device lock");
	KUNIT_EXPECT_EQ(test, c.ret, -EBUSY);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
}

/* A BAR register that keeps its old value: -EIO, and nothing changes. */
static void register_not_taken_is_eio(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	sim_dev_define(&fx->sd, PCI_BASE_ADDRESS_0, 4, WIN + 0x100, ~0U, 0, 0);

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EIO);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	KUNIT_EXPECT_PTR_EQ(test, res->parent, &fx->win);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_NULL(test, child_at(&fx->win, WIN + SZ_4K));
}

/* Something claims BAR 0's old tail once BAR 0's register has moved. */
static void claim_old_tail(struct sim_dev *sd, int off, int size, u32 val)
{
	struct fx *fx = sd->priv;

	if (off == PCI_BASE_ADDRESS_0 && !fx->intruder.parent)
		request_resource(&fx->win, &fx->intruder);
}

/*
 * A second run with a larger order moves BAR 0 and gives up its old
 * tail; BAR 1 then fails.  The old tail's range was taken meanwhile, so
 * it cannot be restored: it must be dropped, not kept half-released.
 */
static void old_tail_that_cannot_come_back_is_dropped(struct kunit *test)
{
	struct fx *fx = fx_setup(test, 4 * SZ_64K);
	struct resource *bar0 = &fx->sd.pdev.resource[0];
	struct resource *bar1 = &fx->sd.pdev.resource[1];
	struct resource claim = { .name = "claimed", .flags = IORESOURCE_MEM };

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx_bar(test, fx, 1, WIN + 0x200, 0x100);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_ASSERT_EQ(test, bar0->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_ASSERT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));

	claim.start = bar1->start;
	claim.end = bar1->end;
	KUNIT_ASSERT_EQ(test, request_resource(bar1, &claim), 0);
	fx->intruder.name = "intruder";
	fx->intruder.start = WIN + SZ_4K + 0x100;
	fx->intruder.end = WIN + 2 * SZ_4K - 1;
	fx->intruder.flags = IORESOURCE_MEM;
	fx->sd.priv = fx;
	fx->sd.after_write = claim_old_tail;

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, 16, true), -EBUSY);
	fx->sd.after_write = NULL;
	release_resource(&claim);
	KUNIT_EXPECT_PTR_EQ(test, fx->intruder.parent, &fx->win);
	KUNIT_EXPECT_EQ(test, bar0->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_PTR_EQ(test, bar0->parent, &fx->win);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + SZ_4K);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 1));
	/* The exit handler drops the tails left: that must not oops. */
}

/* 16@ after the default: the kept BAR's tail grows to 64 KiB, and back. */
static void changed_order_resizes_the_tail(struct kunit *test)
{
	struct fx *fx = fx_setup(test, 4 * SZ_64K);
	struct resource *tail;

	fx_bar(test, fx, 0, WIN + SZ_64K, 0x100);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	tail = child_at(&fx->win, WIN + SZ_64K + 0x100);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	KUNIT_EXPECT_EQ(test, tail->end, (resource_size_t)WIN + SZ_64K + SZ_4K - 1);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, 16, true), 0);
	tail = child_at(&fx->win, WIN + SZ_64K + 0x100);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	KUNIT_EXPECT_EQ(test, tail->end, (resource_size_t)WIN + 2 * SZ_64K - 1);
	KUNIT_EXPECT_NULL(test, tail->sibling);
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[0].start,
			(resource_size_t)WIN + SZ_64K);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	tail = child_at(&fx->win, WIN + SZ_64K + 0x100);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	KUNIT_EXPECT_EQ(test, tail->end, (resource_size_t)WIN + SZ_64K + SZ_4K - 1);
	KUNIT_EXPECT_NULL(test, tail->sibling);
}

#define W4G	0xffff0000ULL	/* a window from 64 KiB below 4 GiB ... */
#define W4G_SIZE SZ_128K	/* ... to 64 KiB above */

/* The part below 4 GiB full, BAR 0 sharing its page: free space is above. */
static struct fx *fx_setup_4g(struct kunit *test, unsigned int sim_flags)
{
	struct fx *fx = fx_setup_at(test, W4G, W4G_SIZE);

	fx_other(test, fx, W4G, 0x100);
	fx_bar_flags(test, fx, 0, W4G + 0x100, 0x100, sim_flags);
	fx_other(test, fx, W4G + 0x200, SZ_64K - 0x200);
	return fx;
}

/* A 32-bit BAR cannot decode above 4 GiB: no room rather than a wrap. */
static void bar32_is_never_placed_above_4g(struct kunit *test)
{
	struct fx *fx = fx_setup_4g(test, SIM_BAR_MEM32);
	struct resource *res = &fx->sd.pdev.resource[0];

	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)W4G + 0x100);
	KUNIT_EXPECT_PTR_EQ(test, res->parent, &fx->win);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), (u32)W4G + 0x100);
}

/* A 64-bit BAR moves above 4 GiB, both dwords written. */
/*
 * 4 GiB is a bus address: with the host bridge mapping the bus 4 GiB
 * up, a 32-bit BAR at 5 GiB (bus 1 GiB) moves within its window and its
 * register takes the bus address.
 */
static void bar32_above_4g_cpu_moves_by_its_bus_address(struct kunit *test)
{
	const u64 base = 5 * (u64)SZ_1G;
	struct fx *fx = fx_setup_at(test, base, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];
	struct realign_bounds b;

	realign_bounds_of(&fx->sd.pdev, &fx->win, &b);
	KUNIT_EXPECT_EQ(test, b.hi32, (resource_size_t)U32_MAX);
	KUNIT_EXPECT_GE(test, b.lo, (resource_size_t)PCIBIOS_MIN_MEM);
	pci_add_resource_offset(&fx->host->windows, &fx->win, SZ_4G);
	realign_bounds_of(&fx->sd.pdev, &fx->win, &b);
	KUNIT_EXPECT_EQ(test, b.hi32, SZ_4G + (resource_size_t)U32_MAX);

	fx_other(test, fx, base, 0x100);
	fx_bar_flags(test, fx, 0, base + 0x100, 0x100, SIM_BAR_MEM32);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)base + SZ_4K);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), (u32)(SZ_1G + SZ_4K));
}

static void bar64_moves_above_4g(struct kunit *test)
{
	struct fx *fx = fx_setup_4g(test, SIM_BAR_MEM64);
	struct resource *res = &fx->sd.pdev.resource[0];

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)SZ_4G);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), 0U);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_BASE_ADDRESS_1, 4), 1U);
}

/* The upper dword does not take the write: -EIO, BAR back below 4 GiB. */
static void bar64_upper_dword_is_verified(struct kunit *test)
{
	struct fx *fx = fx_setup_4g(test, SIM_BAR_MEM64);
	struct resource *res = &fx->sd.pdev.resource[0];

	sim_dev_define(&fx->sd, PCI_BASE_ADDRESS_1, 4, 0, ~0U, 0, 0);
	KUNIT_EXPECT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true),
			-EIO);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)W4G + 0x100);
	KUNIT_EXPECT_PTR_EQ(test, res->parent, &fx->win);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), (u32)W4G + 0x100);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
}

/* A 2 KiB ROM at WIN + 0x800, after a neighbour in the same page. */
static struct resource *fx_rom(struct kunit *test, struct fx *fx, bool enabled)
{
	struct resource *rom = &fx->sd.pdev.resource[PCI_ROM_RESOURCE];
	u32 val = WIN + 0x800;

	fx->sd.pdev.rom_base_reg = PCI_ROM_ADDRESS;
	KUNIT_ASSERT_EQ(test, sim_dev_add_rom(&fx->sd, SZ_2K, val), 0);
	if (enabled)
		sim_dev_poke(&fx->sd, PCI_ROM_ADDRESS, 4,
			     val | PCI_ROM_ADDRESS_ENABLE);
	rom->name = fx->sd.name;
	rom->start = val;
	rom->end = val + SZ_2K - 1;
	rom->flags = IORESOURCE_MEM | IORESOURCE_READONLY |
		     IORESOURCE_SIZEALIGN |
		     (enabled ? IORESOURCE_ROM_ENABLE : 0);
	fx_other(test, fx, WIN, 0x100);
	KUNIT_ASSERT_EQ(test, request_resource(&fx->win, rom), 0);
	return rom;
}

/*
 * Some devices read a disabled ROM BAR as 0: as the PCI core does, the
 * register of a disabled ROM is not written; enabling it programs the
 * new address from the resource.
 */
static void disabled_rom_moves_without_register_write(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *rom = fx_rom(test, fx, false);

	sim_dev_define(&fx->sd, PCI_ROM_ADDRESS, 4, 0, ~0U, 0, 0);
	sim_dev_guard(&fx->sd, PCI_ROM_ADDRESS, 4, ~0U);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, rom->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, fx->sd.guard_hits, 0UL);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, PCI_ROM_RESOURCE));
}

/* An enabled ROM is written, keeps its enable bit and is read back. */
static void enabled_rom_is_written_and_verified(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *rom = fx_rom(test, fx, true);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, rom->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_ROM_ADDRESS, 4),
			(u32)(WIN + SZ_4K) | PCI_ROM_ADDRESS_ENABLE);
}

/*
 * State saved before the move (by a suspend, say) holds the old BAR; a
 * later pci_restore_state() would put it back.  It follows the move.
 */
static void saved_state_follows_the_move(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx->sd.pdev.saved_config_space[4] = WIN + 0x100;
	fx->sd.pdev.state_saved = true;
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.saved_config_space[4], WIN + SZ_4K);
	KUNIT_EXPECT_TRUE(test, fx->sd.pdev.state_saved);
}

static void note_rpm_status(struct sim_dev *sd, int off, int size, u32 val)
{
	struct fx *fx = sd->priv;

	if (off == PCI_BASE_ADDRESS_0)
		fx->bar_write_rpm = sd->pdev.dev.power.runtime_status;
}

/* A runtime-suspended device is resumed for the move, and let go after. */
static void suspended_device_is_resumed_for_the_move(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct device *d = &fx->sd.pdev.dev;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx->sd.priv = fx;
	fx->sd.after_write = note_rpm_status;
	fx->bar_write_rpm = -1;
	pm_runtime_set_suspended(d);
	pm_runtime_enable(d);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_EXPECT_EQ(test, fx->bar_write_rpm, (int)RPM_ACTIVE);
	KUNIT_EXPECT_EQ(test, atomic_read(&d->power.usage_count), 0);
	pm_runtime_disable(d);
	fx->sd.after_write = NULL;
}

/* Hotplug cases: an empty selection list and another device at WIN. */
static struct realign_list *hp_setup(struct kunit *test, struct fx *fx)
{
	struct realign_list *list = kunit_kzalloc(test, sizeof(*list),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, list);
	fx_other(test, fx, WIN, 0x100);
	return list;
}

/* hotplug.c: a device the list selects is realigned as it is added. */
static void hot_added_device_is_realigned(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0];
	struct realign_parse_err err;
	struct realign_list *list = hp_setup(test, fx);

	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	KUNIT_ASSERT_EQ(test, realign_parse("00:01.0", list, &err), 0);
	mutex_lock(&realign_lock);
	KUNIT_ASSERT_EQ(test, realign_hotplug_add_list(list), 0);
	mutex_unlock(&realign_lock);

	realign_hotplug_event(BUS_NOTIFY_ADD_DEVICE, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);

	KUNIT_ASSERT_EQ(test, realign_parse("pci:1b36:0007", list, &err), 0);
	realign_hotplug_event(BUS_NOTIFY_BOUND_DRIVER, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + 0x100);
	realign_hotplug_event(BUS_NOTIFY_ADD_DEVICE, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
}

/*
 * A selected device added before the core places its BAR 0 (a rescan,
 * a hotplug slot): its register says WIN + 0x100, its resource is not
 * in the tree yet, and the ADD notification has been sent.
 */
static struct resource *hp_added_unplaced(struct kunit *test, struct fx *fx)
{
	struct resource *res = &fx->sd.pdev.resource[0];
	struct realign_list *list = hp_setup(test, fx);
	struct realign_parse_err err;

	rfx_bar(test, &fx->sd, 0, WIN + 0x100, 0x100, SIM_BAR_MEM32, NULL);
	KUNIT_ASSERT_EQ(test, realign_parse("pci:1b36:0007", list, &err), 0);
	mutex_lock(&realign_lock);
	KUNIT_ASSERT_EQ(test, realign_hotplug_add_list(list), 0);
	mutex_unlock(&realign_lock);
	realign_hotplug_event(BUS_NOTIFY_ADD_DEVICE, &fx->sd.pdev);
	return res;
}

/*
 * On a rescan or hotplug the device is added before the core places its
 * BARs: it is realigned when its driver is about to bind (the driver
 * core holds its lock then, and the driver has not probed).
 */
static void device_added_before_placement_is_realigned_at_bind(struct kunit *test)
{
	static struct device_driver drv = { .name = "sdhci-pci" };
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = hp_added_unplaced(test, fx);

	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	/* The core places the BAR where the register says. */
	KUNIT_ASSERT_EQ(test, request_resource(&fx->win, res), 0);

	device_lock(&fx->sd.pdev.dev);
	fx->sd.pdev.dev.driver = &drv;
	realign_hotplug_event(BUS_NOTIFY_BIND_DRIVER, &fx->sd.pdev);
	fx->sd.pdev.dev.driver = NULL;
	device_unlock(&fx->sd.pdev.dev);
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + SZ_4K);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
}

struct bind_call {
	struct pci_dev *pdev;
	struct completion started, done;
};

/* What the driver core does as a driver binds: its lock, the notifier. */
static int bind_in_thread(void *data)
{
	static struct device_driver drv = { .name = "sdhci-pci" };
	struct bind_call *c = data;

	device_lock(&c->pdev->dev);
	c->pdev->dev.driver = &drv;
	complete(&c->started);
	realign_hotplug_event(BUS_NOTIFY_BIND_DRIVER, c->pdev);
	c->pdev->dev.driver = NULL;
	device_unlock(&c->pdev->dev);
	complete(&c->done);
	return 0;
}

/*
 * A driver binding while another realignment holds realign_lock waits
 * for it, then the device is realigned: it is not bound unrealigned (it
 * was, with only an info line).
 */
static void bind_during_a_realignment_waits_for_it(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = hp_added_unplaced(test, fx);
	struct bind_call c = { .pdev = &fx->sd.pdev };
	struct task_struct *t;
	unsigned long early;

	KUNIT_ASSERT_EQ(test, request_resource(&fx->win, res), 0);

	init_completion(&c.started);
	init_completion(&c.done);
	mutex_lock(&realign_lock);	/* a realignment under way */
	t = kthread_run(bind_in_thread, &c, "realign-bind");
	if (IS_ERR(t)) {
		mutex_unlock(&realign_lock);
		KUNIT_FAIL(test, "no thread");
		return;
	}
	wait_for_completion(&c.started);
	/* the old code gave up at once; this waits for the lock */
	early = wait_for_completion_timeout(&c.done, HZ / 5);
	mutex_unlock(&realign_lock);
	if (!early)	/* a completion is consumed once */
		wait_for_completion(&c.done);
	KUNIT_EXPECT_FALSE_MSG(test, early,
			       "the bind did not wait for the realignment under way");
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
}

/* A device being removed loses its tails and the references they hold. */
static void removed_device_releases_its_tails(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct device *d = &fx->sd.pdev.dev;
	unsigned int refs;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	fx_bar(test, fx, 1, WIN + 0x200, 0x10);
	refs = kref_read(&d->kobj.kref);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_ASSERT_EQ(test, kref_read(&d->kobj.kref), refs + 2);

	realign_hotplug_event(BUS_NOTIFY_DEL_DEVICE, &fx->sd.pdev);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 1));
	KUNIT_EXPECT_NULL(test, child_at(&fx->win, WIN + SZ_4K + 0x100));
	KUNIT_EXPECT_EQ(test, kref_read(&d->kobj.kref), refs);
}

/*
 * The PCI core releases a bridge window's children itself on a hotplug
 * retry (release_child_resources()): the tails it detached reserve
 * nothing, are reported and forgotten, and a later DEL of the device
 * must not release them again (it did: a NULL parent dereferenced).
 */
static void tail_released_by_the_core_is_forgotten(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct device *d = &fx->sd.pdev.dev;
	unsigned int refs;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	refs = kref_read(&d->kobj.kref);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	KUNIT_ASSERT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));

	release_child_resources(&fx->win);
	KUNIT_EXPECT_NULL(test, fx->win.child);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_EQ(test, kref_read(&d->kobj.kref), refs);
	realign_hotplug_event(BUS_NOTIFY_DEL_DEVICE, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, kref_read(&d->kobj.kref), refs);
}

/* Module unload after the core took the tails away: nothing released twice. */
static void unload_after_core_release_is_safe(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct device *d = &fx->sd.pdev.dev;
	unsigned int refs;

	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	refs = kref_read(&d->kobj.kref);
	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	release_child_resources(&fx->win);
	realign_drop_tails();
	KUNIT_EXPECT_EQ(test, kref_read(&d->kobj.kref), refs);
}

/* pages.c: the devices of a test, walked as pci_get_device() would. */
static struct pci_dev *next_of_fx(struct pci_dev *from, void *ctx)
{
	struct fx *fx = ctx;
	struct pci_dev *next = NULL;

	if (!from)
		next = &fx->sd.pdev;
	else if (from == &fx->sd.pdev)
		next = &fx->nb.pdev;
	pci_dev_put(from);
	return pci_dev_get(next);
}

/*
 * The check pciback refuses a device with: a neighbour's BAR in the
 * same page is found, and returned with a reference; once the device is
 * realigned there is none, and no reference is left over.
 */
static void page_conflict_names_the_neighbour(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *r = &fx->nb.pdev.resource[0];
	struct kref *sd_ref = &fx->sd.pdev.dev.kobj.kref;
	struct kref *nb_ref = &fx->nb.pdev.dev.kobj.kref;
	struct pci_dev *other = NULL;
	unsigned int sd_refs, nb_refs;

	sim_dev_init(&fx->nb, 0x8086, 0x25ab, 0x08800000);
	device_initialize(&fx->nb.pdev.dev);
	r->name = "watchdog";
	r->start = WIN + 0x200;
	r->end = WIN + 0x20f;
	r->flags = IORESOURCE_MEM;
	KUNIT_ASSERT_EQ(test, request_resource(&fx->win, r), 0);
	fx_bar(test, fx, 0, WIN + 0x100, 0x100);
	sd_refs = kref_read(sd_ref);
	nb_refs = kref_read(nb_ref);

	KUNIT_EXPECT_TRUE(test, realign_share_page(&fx->sd.pdev, &fx->nb.pdev));
	KUNIT_EXPECT_EQ(test, realign_page_conflict_in(&fx->sd.pdev, &other,
						       next_of_fx, fx), -EBUSY);
	KUNIT_EXPECT_PTR_EQ(test, other, &fx->nb.pdev);
	KUNIT_EXPECT_EQ(test, kref_read(nb_ref), nb_refs + 1);
	pci_dev_put(other);
	KUNIT_EXPECT_EQ(test, realign_page_conflict_in(&fx->nb.pdev, NULL,
						       next_of_fx, fx), -EBUSY);
	KUNIT_EXPECT_EQ(test, kref_read(sd_ref), sd_refs);
	KUNIT_EXPECT_EQ(test, kref_read(nb_ref), nb_refs);

	KUNIT_ASSERT_EQ(test, realign_device(&fx->sd.pdev, PAGE_SHIFT, true), 0);
	other = NULL;
	KUNIT_EXPECT_EQ(test, realign_page_conflict_in(&fx->sd.pdev, &other,
						       next_of_fx, fx), 0);
	KUNIT_EXPECT_NULL(test, other);
	KUNIT_EXPECT_FALSE(test, realign_share_page(&fx->nb.pdev, &fx->sd.pdev));
	/* The tail holds one reference on the realigned device. */
	KUNIT_EXPECT_EQ(test, kref_read(sd_ref), sd_refs + 1);
	KUNIT_EXPECT_EQ(test, kref_read(nb_ref), nb_refs);
}

/*
 * What pciback asks for when it seizes a function: a BAR that starts a
 * page alone gets the rest of the page reserved where it is (nothing
 * moves, no register is written); a BAR that fills its pages needs no
 * tail; asking again adds nothing.
 */
static void seized_device_gets_its_tails_in_place(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);
	struct resource *res = &fx->sd.pdev.resource[0], *tail;

	fx_bar(test, fx, 0, WIN + SZ_8K, 0x100);
	fx_bar(test, fx, 1, WIN + SZ_16K, SZ_4K);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	fx->sd.priv = fx;
	fx->sd.after_write = note_decode;
	fx->bar_write_cmd = U32_MAX;	/* note_decode() sets it on a write */
	KUNIT_EXPECT_FALSE(test, realign_pages_reserved(&fx->sd.pdev));

	KUNIT_ASSERT_EQ(test, pci_realign_reserve_tails(&fx->sd.pdev), 0);
	fx->sd.after_write = NULL;
	KUNIT_EXPECT_EQ(test, res->start, (resource_size_t)WIN + SZ_8K);
	KUNIT_EXPECT_EQ(test, reg(fx, 0), WIN + SZ_8K);
	KUNIT_EXPECT_EQ(test, fx->decode_offs, 0);
	KUNIT_EXPECT_EQ(test, fx->bar_write_cmd, U32_MAX);
	KUNIT_EXPECT_EQ(test, sim_dev_peek(&fx->sd, PCI_COMMAND, 2),
			(u32)PCI_COMMAND_MEMORY);
	tail = child_at(&fx->win, WIN + SZ_8K + 0x100);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	KUNIT_EXPECT_EQ(test, tail->end, (resource_size_t)WIN + 3 * SZ_4K - 1);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 1));
	KUNIT_EXPECT_TRUE(test, realign_pages_reserved(&fx->sd.pdev));

	KUNIT_ASSERT_EQ(test, pci_realign_reserve_tails(&fx->sd.pdev), 0);
	KUNIT_EXPECT_PTR_EQ(test, child_at(&fx->win, WIN + SZ_8K + 0x100), tail);
	KUNIT_EXPECT_PTR_EQ(test, tail->sibling, &fx->sd.pdev.resource[1]);
}

/*
 * A BAR whose page holds another resource, or that does not start a
 * page, cannot be made safe in place: EBUSY, and the tail already
 * reserved for an earlier BAR of the device is given back.
 */
static void bar_not_alone_in_its_page_gets_no_tail(struct kunit *test)
{
	struct fx *fx = fx_setup(test, SZ_64K);

	fx_bar(test, fx, 0, WIN + SZ_8K, 0x100);
	fx_other(test, fx, WIN, 0x100);
	fx_bar(test, fx, 1, WIN + 0x100, 0x100);

	KUNIT_EXPECT_EQ(test, pci_realign_reserve_tails(&fx->sd.pdev), -EBUSY);
	KUNIT_EXPECT_NULL(test, child_at(&fx->win, WIN + SZ_8K + 0x100));
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_FALSE(test, realign_pages_reserved(&fx->sd.pdev));
	KUNIT_EXPECT_EQ(test, fx->sd.pdev.resource[1].start,
			(resource_size_t)WIN + 0x100);

	/* Alone in its page but not at its start: no tail can cover it. */
	release_resource(&fx->other[--fx->n_other]);
	KUNIT_EXPECT_EQ(test, pci_realign_reserve_tails(&fx->sd.pdev), -EBUSY);
	KUNIT_EXPECT_NULL(test, child_at(&fx->win, WIN + 0x200));
	KUNIT_EXPECT_FALSE(test, realign_pages_reserved(&fx->sd.pdev));
}

static struct kunit_case realign_apply_cases[] = {
	KUNIT_CASE(moves_bar_programs_register_and_claims_tail),
	KUNIT_CASE(aligned_alone_bar_stays_and_gets_tail),
	KUNIT_CASE(decode_is_off_only_while_a_bar_moves),
	KUNIT_CASE(moved_bar_is_written_with_decode_off),
	KUNIT_CASE(no_room_leaves_device_exactly_as_it_was),
	KUNIT_CASE(later_failure_rolls_back_earlier_bars),
	KUNIT_CASE(bound_driver_and_vf_are_left_alone),
	KUNIT_CASE(enabled_driverless_device_is_left_alone),
	KUNIT_CASE(firmware_owned_assignment_is_kept),
	KUNIT_CASE(locked_device_is_refused_not_waited_for),
	KUNIT_CASE(register_not_taken_is_eio),
	KUNIT_CASE(old_tail_that_cannot_come_back_is_dropped),
	KUNIT_CASE(changed_order_resizes_the_tail),
	KUNIT_CASE(bar32_is_never_placed_above_4g),
	KUNIT_CASE(bar32_above_4g_cpu_moves_by_its_bus_address),
	KUNIT_CASE(bar64_moves_above_4g),
	KUNIT_CASE(bar64_upper_dword_is_verified),
	KUNIT_CASE(disabled_rom_moves_without_register_write),
	KUNIT_CASE(enabled_rom_is_written_and_verified),
	KUNIT_CASE(saved_state_follows_the_move),
	KUNIT_CASE(suspended_device_is_resumed_for_the_move),
	KUNIT_CASE(hot_added_device_is_realigned),
	KUNIT_CASE(device_added_before_placement_is_realigned_at_bind),
	KUNIT_CASE(bind_during_a_realignment_waits_for_it),
	KUNIT_CASE(removed_device_releases_its_tails),
	KUNIT_CASE(tail_released_by_the_core_is_forgotten),
	KUNIT_CASE(unload_after_core_release_is_safe),
	KUNIT_CASE(seized_device_gets_its_tails_in_place),
	KUNIT_CASE(bar_not_alone_in_its_page_gets_no_tail),
	KUNIT_CASE(page_conflict_names_the_neighbour),
	{}
};

static struct kunit_suite realign_apply_suite = {
	.name = "realign_apply",
	.exit = realign_apply_exit,
	.test_cases = realign_apply_cases,
};

kunit_test_suite(realign_apply_suite);
