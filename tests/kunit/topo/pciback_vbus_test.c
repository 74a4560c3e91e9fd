// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: placement on the guest's virtual PCI bus.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "../../../drivers/xen/xen-pciback/topo/vbus.h"

static struct xpb_vbus *vbus_new(struct kunit *test)
{
	struct xpb_vbus *vb = kunit_kzalloc(test, sizeof(*vb), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vb);
	return vb;
}

static unsigned int add(struct kunit *test, struct xpb_vbus *vb, u8 bus,
			u8 slot, u8 fn, bool virtfn)
{
	struct xpb_vfn f = { 0, bus, PCI_DEVFN(slot, fn), virtfn };
	unsigned int v = ~0U;

	KUNIT_EXPECT_EQ(test, xpb_vbus_add(vb, &f, &v), 0);
	return v;
}

static void functions_of_a_slot_stay_together(struct kunit *test)
{
	struct xpb_vbus *vb = vbus_new(test);

	KUNIT_EXPECT_EQ(test, add(test, vb, 3, 0, 0, false), PCI_DEVFN(0, 0));
	KUNIT_EXPECT_EQ(test, add(test, vb, 4, 2, 0, false), PCI_DEVFN(1, 0));
	/* function 1 of 03:00 joins its function 0; keeps its number */
	KUNIT_EXPECT_EQ(test, add(test, vb, 3, 0, 1, false), PCI_DEVFN(0, 1));
	KUNIT_EXPECT_EQ(test, add(test, vb, 4, 2, 3, false), PCI_DEVFN(1, 3));
	/* another slot of bus 3 is another device */
	KUNIT_EXPECT_EQ(test, add(test, vb, 3, 1, 0, false), PCI_DEVFN(2, 0));
	KUNIT_EXPECT_EQ(test, xpb_vbus_get(vb, PCI_DEVFN(1, 3))->devfn,
			PCI_DEVFN(2, 3));
	KUNIT_EXPECT_NULL(test, xpb_vbus_get(vb, PCI_DEVFN(1, 1)));
	KUNIT_EXPECT_NULL(test, xpb_vbus_get(vb, 256));
}

static void lone_function_keeps_its_number(struct kunit *test)
{
	struct xpb_vbus *vb = vbus_new(test);

	KUNIT_EXPECT_EQ(test, add(test, vb, 5, 0, 2, false), PCI_DEVFN(0, 2));
	KUNIT_EXPECT_EQ(test, add(test, vb, 5, 0, 0, false), PCI_DEVFN(0, 0));
}

static void virtual_function_zero_stays_alone(struct kunit *test)
{
	struct xpb_vbus *vb = vbus_new(test);

	/* VFs 06:00.0 and 06:00.1: .0 alone, .1 not joining it */
	KUNIT_EXPECT_EQ(test, add(test, vb, 6, 0, 0, true), PCI_DEVFN(0, 0));
	KUNIT_EXPECT_EQ(test, add(test, vb, 6, 0, 1, true), PCI_DEVFN(1, 1));
	/* a VF at function 1 may join a slot of its physical slot */
	KUNIT_EXPECT_EQ(test, add(test, vb, 6, 0, 2, true), PCI_DEVFN(1, 2));
}

static void same_function_twice_refused(struct kunit *test)
{
	struct xpb_vbus *vb = vbus_new(test);
	struct xpb_vfn f = { 0, 3, PCI_DEVFN(0, 0) };
	unsigned int v;

	add(test, vb, 3, 0, 0, false);
	KUNIT_EXPECT_EQ(test, xpb_vbus_add(vb, &f, &v), -EEXIST);
	f.domain = 1;	/* another segment is another device */
	KUNIT_EXPECT_EQ(test, xpb_vbus_add(vb, &f, &v), 0);
	KUNIT_EXPECT_EQ(test, v, PCI_DEVFN(1, 0));
}

static void bus_full_refused_and_remove_frees(struct kunit *test)
{
	struct xpb_vbus *vb = vbus_new(test);
	struct xpb_vfn f = { 0, 9, PCI_DEVFN(0, 0) };
	unsigned int i, v;

	for (i = 0; i < XPB_VBUS_SLOTS; i++)
		add(test, vb, 10 + i, 0, 0, false);
	KUNIT_EXPECT_EQ(test, xpb_vbus_add(vb, &f, &v), -ENOSPC);
	KUNIT_EXPECT_EQ(test, xpb_vbus_remove(vb, 0, 12, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, PCI_DEVFN(2, 0));
	KUNIT_EXPECT_EQ(test, xpb_vbus_remove(vb, 0, 12, 0, &v), -ENOENT);
	KUNIT_EXPECT_EQ(test, xpb_vbus_add(vb, &f, &v), 0);
	KUNIT_EXPECT_EQ(test, v, PCI_DEVFN(2, 0));
}

static struct kunit_case pciback_vbus_cases[] = {
	KUNIT_CASE(functions_of_a_slot_stay_together),
	KUNIT_CASE(lone_function_keeps_its_number),
	KUNIT_CASE(virtual_function_zero_stays_alone),
	KUNIT_CASE(same_function_twice_refused),
	KUNIT_CASE(bus_full_refused_and_remove_frees),
	{}
};

static struct kunit_suite pciback_vbus_suite = {
	.name = "xpb_pciback_vbus",
	.test_cases = pciback_vbus_cases,
};

kunit_test_suite(pciback_vbus_suite);
