// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the steps of the built-in pci_realign= path (boot_steps.c) on a
 * simulated function: the parameter, the header fixup enlarging a small
 * BAR, the PCI core placing it (done here by hand) or not, and the
 * finish step shrinking it back, claiming the tail and setting decode.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include "../../../drivers/pci/realign/realign.h"
#include "realign_fixture.h"

#define WIN	0x40000000U
#define FW	(WIN + 0x100)	/* where the firmware left BAR 0 */

struct bfx {
	struct sim_dev sd;
	struct pci_host_bridge *host;
	struct resource win;
	struct realign_boot boot;
};

static void realign_boot_steps_exit(struct kunit *test)
{
	struct bfx *fx = test->priv;

	if (!fx)
		return;
	rfx_release(&fx->sd);
	pci_free_host_bridge(fx->host);
}

/* An SD controller whose 256-byte BAR 0 decodes at FW, decode on. */
static struct bfx *bfx_setup(struct kunit *test)
{
	struct bfx *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	rfx_sd_init(&fx->sd);
	fx->host = rfx_host(test, &fx->sd);
	test->priv = fx;
	fx->win.name = "window";
	fx->win.start = WIN;
	fx->win.end = WIN + SZ_64K - 1;
	fx->win.flags = IORESOURCE_MEM;
	/* Not claimed yet: the fixup runs before the core places BARs. */
	rfx_bar(test, &fx->sd, 0, FW, 0x100, SIM_BAR_MEM32, NULL);
	sim_dev_poke(&fx->sd, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	return fx;
}

/* What the core's allocator does with an unassigned BAR: place it. */
static void core_places(struct kunit *test, struct bfx *fx, u32 at)
{
	struct resource *r = &fx->sd.pdev.resource[0];
	resource_size_t size = resource_size(r);

	r->start = at;
	r->end = at + size - 1;
	r->flags &= ~IORESOURCE_UNSET;
	KUNIT_ASSERT_EQ(test, request_resource(&fx->win, r), 0);
	sim_dev_poke(&fx->sd, PCI_BASE_ADDRESS_0, 4, at);
}

static u16 cmd(struct bfx *fx)
{
	return sim_dev_peek(&fx->sd, PCI_COMMAND, 2);
}

static void placed_bar_is_shrunk_and_its_tail_claimed(struct kunit *test)
{
	struct bfx *fx = bfx_setup(test);
	struct resource *r = &fx->sd.pdev.resource[0];

	KUNIT_ASSERT_EQ(test, realign_boot_set(&fx->boot, "00:00.0"), 0);
	realign_boot_enlarge(&fx->boot, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, resource_size(r), (resource_size_t)SZ_4K);
	KUNIT_EXPECT_TRUE(test, r->flags & IORESOURCE_UNSET);
	KUNIT_EXPECT_EQ(test, cmd(fx), 0);

	core_places(test, fx, WIN + SZ_4K);
	realign_boot_finish(&fx->boot);
	KUNIT_EXPECT_EQ(test, r->start, (resource_size_t)WIN + SZ_4K);
	KUNIT_EXPECT_EQ(test, resource_size(r), (resource_size_t)0x100);
	KUNIT_EXPECT_TRUE(test, realign_has_tail(&fx->sd.pdev, 0));
	KUNIT_EXPECT_EQ(test, cmd(fx), PCI_COMMAND_MEMORY);

	/* Devices found after the finish step are not enlarged. */
	realign_boot_enlarge(&fx->boot, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, resource_size(r), (resource_size_t)0x100);
}

/*
 * The core found no room: the register still holds the firmware address
 * while the kernel has the range free, so decode must stay off.
 */
static void unplaced_bar_leaves_decode_off(struct kunit *test)
{
	struct bfx *fx = bfx_setup(test);
	struct resource *r = &fx->sd.pdev.resource[0];

	KUNIT_ASSERT_EQ(test, realign_boot_set(&fx->boot, "00:00.0"), 0);
	realign_boot_enlarge(&fx->boot, &fx->sd.pdev);
	/* What the core's reset_resource() leaves of a BAR it cannot place. */
	r->start = 0;
	r->end = 0;
	r->flags = 0;
	realign_boot_finish(&fx->boot);
	KUNIT_EXPECT_NULL(test, r->parent);
	KUNIT_EXPECT_EQ(test, resource_size(r), (resource_size_t)0x100);
	KUNIT_EXPECT_TRUE(test, r->flags & IORESOURCE_MEM);
	KUNIT_EXPECT_TRUE(test, r->flags & IORESOURCE_UNSET);
	KUNIT_EXPECT_EQ(test, cmd(fx) & PCI_COMMAND_MEMORY, 0);
	KUNIT_EXPECT_FALSE(test, realign_has_tail(&fx->sd.pdev, 0));
	/* A driver's pci_enable_device() would turn decode back on: refused. */
	KUNIT_EXPECT_EQ(test, pci_enable_resources(&fx->sd.pdev, BIT(0)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cmd(fx) & PCI_COMMAND_MEMORY, 0);
}

/* A later malformed pci_realign= must not leave an earlier list in force. */
static void rejected_string_selects_nothing(struct kunit *test)
{
	struct bfx *fx = bfx_setup(test);

	KUNIT_ASSERT_EQ(test, realign_boot_set(&fx->boot, "00:00.0"), 0);
	KUNIT_EXPECT_EQ(test, realign_boot_set(&fx->boot, "00:20.0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, fx->boot.list.n, 0U);
	realign_boot_enlarge(&fx->boot, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, resource_size(&fx->sd.pdev.resource[0]),
			(resource_size_t)0x100);
	KUNIT_EXPECT_EQ(test, cmd(fx), PCI_COMMAND_MEMORY);
}

static struct kunit_case realign_boot_steps_cases[] = {
	KUNIT_CASE(placed_bar_is_shrunk_and_its_tail_claimed),
	KUNIT_CASE(unplaced_bar_leaves_decode_off),
	KUNIT_CASE(rejected_string_selects_nothing),
	{}
};

static struct kunit_suite realign_boot_steps_suite = {
	.name = "realign_boot_steps",
	.exit = realign_boot_steps_exit,
	.test_cases = realign_boot_steps_cases,
};

kunit_test_suite(realign_boot_steps_suite);
