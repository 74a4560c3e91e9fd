// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: which functions a slot or secondary bus reset of a function
 * also resets, on a made-up topology:
 *
 *   bus 0: root port rp (to bus 1), nic (integrated)
 *   bus 1: target 01:00.0 and sib 01:00.1 in slot a; sw, a switch port
 *          (to bus 2) in slot b
 *   bus 2: below 02:00.0
 */
#include <kunit/test.h>
#include <linux/pci.h>

#include "../../../drivers/xen/xen-pciback/topo/reset_scope.h"

struct topo {
	struct pci_bus bus0, bus1, bus2;
	struct pci_slot a, b;
	struct pci_dev rp, nic, target, sib, sw, below;
};

static struct topo *topo_new(struct kunit *test)
{
	struct topo *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->rp.bus = &t->bus0;
	t->nic.bus = &t->bus0;
	t->bus1.self = &t->rp;
	t->target.bus = &t->bus1;
	t->target.slot = &t->a;
	t->sib.bus = &t->bus1;
	t->sib.slot = &t->a;
	t->sw.bus = &t->bus1;
	t->sw.slot = &t->b;
	t->bus2.self = &t->sw;
	t->below.bus = &t->bus2;
	return t;
}

static void bus_reset(struct kunit *test)
{
	struct topo *t = topo_new(test);

	KUNIT_EXPECT_TRUE(test, xpb_reset_scope_hits(&t->target, false, &t->sib));
	KUNIT_EXPECT_TRUE(test, xpb_reset_scope_hits(&t->target, false, &t->sw));
	KUNIT_EXPECT_TRUE(test, xpb_reset_scope_hits(&t->target, false, &t->below));
	/* not itself, not the bridge above, not the root bus */
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->target, false, &t->target));
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->target, false, &t->rp));
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->target, false, &t->nic));
}

static void slot_reset(struct kunit *test)
{
	struct topo *t = topo_new(test);

	KUNIT_EXPECT_TRUE(test, xpb_reset_scope_hits(&t->target, true, &t->sib));
	/* slot b, and what is below it */
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->target, true, &t->sw));
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->target, true, &t->below));
	/* the switch port in slot a: then below it too */
	t->sw.slot = &t->a;
	KUNIT_EXPECT_TRUE(test, xpb_reset_scope_hits(&t->target, true, &t->below));
}

/* A reset of a function below a switch reaches nothing above it. */
static void from_below(struct kunit *test)
{
	struct topo *t = topo_new(test);

	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->below, false, &t->target));
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->below, false, &t->sw));
	KUNIT_EXPECT_FALSE(test, xpb_reset_scope_hits(&t->below, false, &t->nic));
}

static struct kunit_case pciback_reset_scope_cases[] = {
	KUNIT_CASE(bus_reset),
	KUNIT_CASE(slot_reset),
	KUNIT_CASE(from_below),
	{}
};

static struct kunit_suite pciback_reset_scope_suite = {
	.name = "xpb_pciback_reset_scope",
	.test_cases = pciback_reset_scope_cases,
};

kunit_test_suite(pciback_reset_scope_suite);
