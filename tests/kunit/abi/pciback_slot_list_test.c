// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the rules of pciback's slot list (abi/slot_list.c): what hide=
 * and new_slot name, and what remove_slot of an address, as libxl
 * writes it, takes out of a wildcard, a path or an ID.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "../../../drivers/xen/xen-pciback/abi/slot_list.h"

/* 0000:02:00.0 below the root port 00:1c.0, IDs 8086:10d3 */
static const struct pci_sel_devid nic = {
	.domain = 0, .depth = 2,
	.bus = { 2, 0 }, .devfn = { PCI_DEVFN(0, 0), PCI_DEVFN(0x1c, 0) },
	.vendor = 0x8086, .device = 0x10d3,
};

/* the same card in 0000:05:00.0, below the root port 00:1d.0 */
static const struct pci_sel_devid twin = {
	.domain = 0, .depth = 2,
	.bus = { 5, 0 }, .devfn = { PCI_DEVFN(0, 0), PCI_DEVFN(0x1d, 0) },
	.vendor = 0x8086, .device = 0x10d3,
};

static struct xpb_sel sel_of(struct kunit *test, const char *text)
{
	struct xpb_sel s;
	const char *why;

	KUNIT_EXPECT_EQ_MSG(test, xpb_sel_parse(text, strlen(text), &s, &why),
			    0, "'%s'", text);
	return s;
}

static int add(struct kunit *test, struct xpb_slot_list *l, const char *t)
{
	struct xpb_sel s = sel_of(test, t);

	return xpb_list_add(l, &s);
}

static int del(struct kunit *test, struct xpb_slot_list *l, const char *t,
	       const struct pci_sel_devid *id)
{
	struct xpb_sel s = sel_of(test, t);

	return xpb_list_del(l, &s, id);
}

static struct pci_sel_devid fn_at(unsigned int bus, unsigned int dev,
				  unsigned int fn)
{
	struct pci_sel_devid id = {
		.depth = 1, .bus = { bus }, .devfn = { PCI_DEVFN(dev, fn) },
		.vendor = 0x1b36, .device = 0x0001,
	};

	return id;
}

static struct xpb_slot_list *new_list(struct kunit *test)
{
	struct xpb_slot_list *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	return l;
}

/* libxl takes one function of a wildcard back; the others stay named. */
static void list_address_out_of_wildcard(struct kunit *test)
{
	struct xpb_slot_list *l = new_list(test);
	struct pci_sel_devid f0 = fn_at(3, 0, 0), f1 = fn_at(3, 0, 1);

	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:*.*"), 0);
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:*.*"), -EEXIST);
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f1));
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:00.1", &f1), 0);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &f1));
	KUNIT_EXPECT_FALSE(test, xpb_list_sel_names(l, 0, &f1));
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f0));
	KUNIT_EXPECT_EQ(test, l->n, 1U);
	/* not named any more: a second remove_slot finds nothing */
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:00.1", &f1), -ENOENT);
	KUNIT_EXPECT_EQ(test, l->nback, 1U);
	/* new_slot names it again; remove_slot then takes it back again */
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:00.1"), 0);
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f1));
	KUNIT_EXPECT_EQ(test, l->nback, 0U);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:00.1", &f1), 0);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &f1));
	KUNIT_EXPECT_EQ(test, l->n, 1U);
	/* no function there: the address forms are judged by address */
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:1f.7", NULL), 0);
	KUNIT_EXPECT_EQ(test, l->nback, 2U);
	/* the wildcard goes as it was written, and what was taken from it */
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:00.*"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:*.*", NULL), 0);
	KUNIT_EXPECT_EQ(test, l->n, 1U);
	KUNIT_EXPECT_EQ(test, l->nback, 0U);
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f1));
	/* one address out of two wildcards: taken back from both */
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:*.1"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:00.1", &f1), 0);
	KUNIT_EXPECT_EQ(test, l->nback, 2U);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &f1));
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f0));
	/* a wildcard listed again later names all it covers */
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:03:*.1", NULL), 0);
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:03:*.1"), 0);
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f1));
}

/*
 * The address of a function named by a path drops the path (it names
 * that function only); named by an ID it is taken back and the twin
 * card keeps its ID selection.
 */
static void list_address_out_of_path_and_id(struct kunit *test)
{
	struct xpb_slot_list *l = new_list(test);
	struct pci_sel_devid moved = nic;

	KUNIT_EXPECT_EQ(test, add(test, l, "00:1c.0/00.0"), 0);
	KUNIT_EXPECT_EQ(test, add(test, l, "pci:8086:10d3"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:02:00.0", &nic), 0);
	KUNIT_EXPECT_EQ(test, l->n, 1U);
	KUNIT_EXPECT_EQ(test, l->nback, 1U);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &nic));
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &twin));
	/* without the function, an ID or a path cannot be judged */
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:06:00.0", NULL), -ENOENT);
	/* a path alone: it goes; the list names nothing of it after */
	KUNIT_EXPECT_EQ(test, add(test, l, "00:1d.0/00.0"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "pci:8086:10d3", NULL), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:05:00.0", &twin), 0);
	KUNIT_EXPECT_EQ(test, l->n, 0U);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &twin));
	/*
	 * Taken back by address: if a card added in front moves the
	 * function to another bus, the ID names it there again.
	 */
	KUNIT_EXPECT_EQ(test, add(test, l, "pci:8086:10d3"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:02:00.0", &nic), 0);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &nic));
	moved.bus[0] = 7;
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &moved));
}

/* A full list, or a full taken-back list, refuses and changes nothing. */
static void list_full_changes_nothing(struct kunit *test)
{
	struct xpb_slot_list *l = new_list(test);
	struct pci_sel_devid f;
	char text[16];
	unsigned int i;

	for (i = 0; i < XPB_SLOT_LIST_MAX; i++) {
		snprintf(text, sizeof(text), "0000:%02x:00.0", i);
		KUNIT_ASSERT_EQ(test, add(test, l, text), 0);
	}
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:ff:00.0"), -ENOSPC);
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:00:00.0"), -EEXIST);
	KUNIT_EXPECT_EQ(test, l->n, XPB_SLOT_LIST_MAX);

	l = new_list(test);
	KUNIT_ASSERT_EQ(test, add(test, l, "0000:80:*.*"), 0);
	for (i = 0; i < XPB_SLOT_LIST_MAX; i++) {
		snprintf(text, sizeof(text), "0000:80:%02x.%u", i / 8, i % 8);
		KUNIT_ASSERT_EQ(test, del(test, l, text, NULL), 0);
	}
	f = fn_at(0x80, 8, 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:80:08.0", &f), -ENOSPC);
	KUNIT_EXPECT_EQ(test, l->nback, XPB_SLOT_LIST_MAX);
	KUNIT_EXPECT_EQ(test, l->n, 1U);
	KUNIT_EXPECT_TRUE(test, xpb_list_names(l, &f));
	/* naming one again makes room */
	KUNIT_EXPECT_EQ(test, add(test, l, "0000:80:00.0"), 0);
	KUNIT_EXPECT_EQ(test, del(test, l, "0000:80:08.0", &f), 0);
	KUNIT_EXPECT_FALSE(test, xpb_list_names(l, &f));
}

static struct kunit_case pciback_slot_list_cases[] = {
	KUNIT_CASE(list_address_out_of_wildcard),
	KUNIT_CASE(list_address_out_of_path_and_id),
	KUNIT_CASE(list_full_changes_nothing),
	{}
};

static struct kunit_suite pciback_slot_list_suite = {
	.name = "xpb_pciback_slot_list",
	.test_cases = pciback_slot_list_cases,
};

kunit_test_suite(pciback_slot_list_suite);
