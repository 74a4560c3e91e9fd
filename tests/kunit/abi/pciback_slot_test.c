// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pciback's selection strings (hide=, new_slot and friends,
 * quirks), in the forms libxl and administrators write them and in the
 * forms that must be refused.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "../../../drivers/xen/xen-pciback/abi/slot.h"

static int parse(const char *s, bool wild, struct xpb_slot *out)
{
	return xpb_slot_parse(s, strlen(s), wild, out);
}

static void slot_forms_libxl_writes(struct kunit *test)
{
	struct xpb_slot s;

	KUNIT_ASSERT_EQ(test, parse("0000:03:00.1", false, &s), 0);
	KUNIT_EXPECT_EQ(test, s.domain, 0);
	KUNIT_EXPECT_EQ(test, s.bus, 3);
	KUNIT_EXPECT_EQ(test, s.dev, 0);
	KUNIT_EXPECT_EQ(test, s.fn, 1);
	/* what echo adds */
	KUNIT_ASSERT_EQ(test, parse("0001:ff:1f.7\n", false, &s), 0);
	KUNIT_EXPECT_EQ(test, s.domain, 1);
	KUNIT_EXPECT_EQ(test, s.bus, 0xff);
	KUNIT_EXPECT_EQ(test, s.dev, 0x1f);
	KUNIT_EXPECT_EQ(test, s.fn, 7);
	/* domain optional, fields need not be zero-padded */
	KUNIT_ASSERT_EQ(test, parse("3:0.0", false, &s), 0);
	KUNIT_EXPECT_EQ(test, s.bus, 3);
	KUNIT_ASSERT_EQ(test, parse("ABCD:0a:1.2", false, &s), 0);
	KUNIT_EXPECT_EQ(test, s.domain, 0xabcd);
}

static void slot_wildcards_only_where_allowed(struct kunit *test)
{
	struct xpb_slot s;

	KUNIT_ASSERT_EQ(test, parse("0000:03:*.*", true, &s), 0);
	KUNIT_EXPECT_EQ(test, s.dev, XPB_SLOT_ANY);
	KUNIT_EXPECT_EQ(test, s.fn, XPB_SLOT_ANY);
	KUNIT_ASSERT_EQ(test, parse("03:02.*", true, &s), 0);
	KUNIT_EXPECT_EQ(test, s.dev, 2);
	KUNIT_EXPECT_EQ(test, s.fn, XPB_SLOT_ANY);
	KUNIT_EXPECT_EQ(test, parse("0000:03:*.*", false, &s), -EINVAL);
	/* the domain and bus never take wildcards */
	KUNIT_EXPECT_EQ(test, parse("*:03:00.0", true, &s), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse("0000:*:00.0", true, &s), -EINVAL);
}

static void slot_malformed_refused(struct kunit *test)
{
	static const char *const bad[] = {
		"", "\n", "0000:03:00", "0000:03.00.1", "03:00.1.2",
		"0000:0000:03:00.1", "00000:03:00.1", "0000:100:00.1",
		"0000:03:20.0", "0000:03:00.8", "0000:03:000.1",
		"0000:03:00.10", "0x00:03:00.1", "0000:03:00.1 ",
		" 0000:03:00.1", "0000:03:00.1\n\n", "0000:-3:00.1",
		"0000:03::00.1", ":03:00.1", "0000:03:.1", "0000:03:00.",
		"g000:03:00.1", "0000:03:00.1x", "0000:03:0*.1",
		/* "ff" is the wildcard's number, not a device or function */
		"0000:03:ff.0", "0000:03:1f.ff", "03:ff.1",
	};
	struct xpb_slot s = { .domain = 0x5555 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, parse(bad[i], true, &s), -EINVAL,
				    "'%s'", bad[i]);
	KUNIT_EXPECT_EQ(test, s.domain, 0x5555);	/* untouched */
}

static void slot_format_is_what_libxl_parses(struct kunit *test)
{
	struct xpb_slot s = { 0, 3, 0x1f, 7 };
	char buf[XPB_SLOT_TEXT];

	KUNIT_EXPECT_EQ(test, xpb_slot_format(&s, buf, sizeof(buf)), 12);
	KUNIT_EXPECT_STREQ(test, buf, "0000:03:1f.7");
	s.dev = XPB_SLOT_ANY;
	s.fn = XPB_SLOT_ANY;
	xpb_slot_format(&s, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "0000:03:*.*");
}

static void slot_match_and_same(struct kunit *test)
{
	struct xpb_slot s = { 0, 3, XPB_SLOT_ANY, 1 }, t = s;

	KUNIT_EXPECT_TRUE(test, xpb_slot_match(&s, 0, 3, PCI_DEVFN(5, 1)));
	KUNIT_EXPECT_FALSE(test, xpb_slot_match(&s, 0, 3, PCI_DEVFN(5, 0)));
	KUNIT_EXPECT_FALSE(test, xpb_slot_match(&s, 1, 3, PCI_DEVFN(5, 1)));
	KUNIT_EXPECT_FALSE(test, xpb_slot_match(&s, 0, 4, PCI_DEVFN(5, 1)));
	KUNIT_EXPECT_TRUE(test, xpb_slot_same(&s, &t));
	t.dev = 5;
	KUNIT_EXPECT_FALSE(test, xpb_slot_same(&s, &t));
}

static void hide_list_parses(struct kunit *test)
{
	struct xpb_sel s[4];
	struct xpb_parse_err err;
	unsigned int n = 99;

	KUNIT_ASSERT_EQ(test, xpb_hide_parse("(0000:03:00.0)(04:*.*) (0001:00:1f.3)",
					     s, 4, &n, &err), 0);
	KUNIT_ASSERT_EQ(test, n, 3U);
	KUNIT_EXPECT_FALSE(test, s[0].by_pci || s[1].by_pci || s[2].by_pci);
	KUNIT_EXPECT_EQ(test, s[1].slot.bus, 4);
	KUNIT_EXPECT_EQ(test, s[1].slot.dev, XPB_SLOT_ANY);
	KUNIT_EXPECT_EQ(test, s[2].slot.domain, 1);
	/* the realigner's forms, beside the stock one */
	KUNIT_ASSERT_EQ(test, xpb_hide_parse("(pci:8086:10d3) (00:1c.0/00.0)(3:0.0)",
					     s, 4, &n, &err), 0);
	KUNIT_ASSERT_EQ(test, n, 3U);
	KUNIT_EXPECT_TRUE(test, s[0].by_pci);
	KUNIT_EXPECT_EQ(test, s[0].pci.kind, PCI_SEL_ID);
	KUNIT_EXPECT_EQ(test, s[0].pci.device, 0x10d3);
	KUNIT_EXPECT_TRUE(test, s[1].by_pci);
	KUNIT_EXPECT_EQ(test, s[1].pci.kind, PCI_SEL_PATH);
	KUNIT_EXPECT_EQ(test, s[1].pci.depth, 2);
	KUNIT_EXPECT_FALSE(test, s[2].by_pci);
	KUNIT_EXPECT_EQ(test, xpb_hide_parse("", s, 4, &n, &err), 0);
	KUNIT_EXPECT_EQ(test, n, 0U);
	KUNIT_EXPECT_EQ(test, xpb_hide_parse(NULL, s, 4, &n, &err), 0);
}

/* Each malformed form is refused with the token that is wrong. */
static void hide_list_names_the_bad_token(struct kunit *test)
{
	static const struct {
		const char *s;
		size_t pos, len;
	} cases[] = {
		{ "(0000:03:00.0)(0000:03:20.0)", 14, 14 },
		{ "(0000:03:00.0)0000:04:00.0", 14, 12 },
		{ "(0000:03:00.0", 0, 13 },
		{ "(0000:03:00.0)(", 14, 1 },
		{ "(0000:03(:00.0)", 0, 15 },
		{ "()", 0, 2 },
		{ "(03:00.0) junk", 10, 4 },
		{ "(pci:8086:10d3)(pci:zz:1)", 15, 10 },
		{ "(00:1c.0/)", 0, 10 },
	};
	struct xpb_sel s[4];
	struct xpb_parse_err err;
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = 99;
		KUNIT_EXPECT_EQ_MSG(test, xpb_hide_parse(cases[i].s, s, 4, &n,
							 &err),
				    -EINVAL, "'%s'", cases[i].s);
		KUNIT_EXPECT_EQ(test, n, 0U);
		KUNIT_EXPECT_EQ_MSG(test, err.pos, cases[i].pos, "'%s'",
				    cases[i].s);
		KUNIT_EXPECT_EQ_MSG(test, err.len, cases[i].len, "'%s'",
				    cases[i].s);
		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, err.why, "'%s'",
						 cases[i].s);
	}
	/* the message says what is wrong inside the parentheses */
	xpb_hide_parse("(pci:zz:1)", s, 4, &n, &err);
	KUNIT_EXPECT_STREQ(test, err.why, "bad ID (hex, at most ffff)");
	xpb_hide_parse("(00:1c.0/)", s, 4, &n, &err);
	KUNIT_EXPECT_STREQ(test, err.why, "empty path element after '/'");
	KUNIT_EXPECT_EQ(test, xpb_hide_parse("(1:0.0)(2:0.0)(3:0.0)", s, 2, &n,
					     &err),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, err.pos, (size_t)14);
}

static int sparse_sel(const char *s, struct xpb_sel *sel, const char **why)
{
	return xpb_sel_parse(s, strlen(s), sel, why);
}

/* The stock form first, so it keeps its meaning; then paths and IDs. */
static void sel_forms(struct kunit *test)
{
	struct xpb_sel s;
	const char *why = NULL;

	KUNIT_ASSERT_EQ(test, sparse_sel("0000:03:00.1\n", &s, &why), 0);
	KUNIT_EXPECT_FALSE(test, s.by_pci);
	KUNIT_EXPECT_EQ(test, s.slot.fn, 1);
	KUNIT_ASSERT_EQ(test, sparse_sel("0000:03:*.1", &s, &why), 0);
	KUNIT_EXPECT_FALSE(test, s.by_pci);
	KUNIT_EXPECT_EQ(test, s.slot.dev, XPB_SLOT_ANY);
	KUNIT_ASSERT_EQ(test, sparse_sel("00:1c.0/00.0\n", &s, &why), 0);
	KUNIT_EXPECT_TRUE(test, s.by_pci);
	KUNIT_EXPECT_EQ(test, s.pci.kind, PCI_SEL_PATH);
	KUNIT_EXPECT_EQ(test, s.pci.devfn[0], PCI_DEVFN(0x1c, 0));
	KUNIT_EXPECT_EQ(test, s.pci.devfn[1], PCI_DEVFN(0, 0));
	KUNIT_ASSERT_EQ(test, sparse_sel("pci:8086:10d3:1af4:1100", &s, &why),
			0);
	KUNIT_EXPECT_TRUE(test, s.by_pci);
	KUNIT_EXPECT_TRUE(test, s.pci.has_sub);
	KUNIT_EXPECT_EQ(test, s.pci.subdevice, 0x1100);
	/* a domain past the stock form's four digits (VMD): a path */
	KUNIT_ASSERT_EQ(test, sparse_sel("10000:00:01.0", &s, &why), 0);
	KUNIT_EXPECT_TRUE(test, s.by_pci);
	KUNIT_EXPECT_EQ(test, s.pci.domain, 0x10000);
}

static void sel_malformed_refused(struct kunit *test)
{
	static const char *const bad[] = {
		"", "\n", "pci:8086", "pci:8086:10d3:1af4", "pci:8086:10d3 ",
		"pci::10d3", "00:1c.0/", "00:1c.0//00.0", "0000:03:*.*/00.0",
		"00:1c.0/20.0", "00:1c.0/00.8", "0000:03:00.1\n\n",
		"00:1c.0/0.0/0.0/0.0/0.0/0.0/0.0/0.0/0.0", "80000000:00:01.0",
	};
	struct xpb_sel s = { .slot.domain = 0x5555 };
	const char *why;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		KUNIT_EXPECT_EQ_MSG(test, sparse_sel(bad[i], &s, &why),
				    -EINVAL, "'%s'", bad[i]);
		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, why, "'%s'", bad[i]);
	}
	KUNIT_EXPECT_EQ(test, s.slot.domain, 0x5555);	/* untouched */
	KUNIT_EXPECT_FALSE(test, s.by_pci);
}

/* 0000:02:00.0 below the root port 00:1c.0, IDs 8086:10d3 1af4:1100 */
static const struct pci_sel_devid nic = {
	.domain = 0, .depth = 2,
	.bus = { 2, 0 }, .devfn = { PCI_DEVFN(0, 0), PCI_DEVFN(0x1c, 0) },
	.vendor = 0x8086, .device = 0x10d3,
	.subvendor = 0x1af4, .subdevice = 0x1100,
};

static bool sel_names(const char *text, const struct pci_sel_devid *id)
{
	struct xpb_sel s;
	const char *why;

	return !sparse_sel(text, &s, &why) && xpb_sel_match(&s, id);
}

static void sel_match_each_form(struct kunit *test)
{
	struct pci_sel_devid moved = nic, far = nic;

	KUNIT_EXPECT_TRUE(test, sel_names("0000:02:00.0", &nic));
	KUNIT_EXPECT_TRUE(test, sel_names("02:*.*", &nic));
	KUNIT_EXPECT_TRUE(test, sel_names("00:1c.0/00.0", &nic));
	KUNIT_EXPECT_TRUE(test, sel_names("pci:8086:10d3", &nic));
	KUNIT_EXPECT_TRUE(test, sel_names("pci:8086:0:1af4:1100", &nic));
	KUNIT_EXPECT_FALSE(test, sel_names("pci:8086:10d3:1af4:1101", &nic));
	KUNIT_EXPECT_FALSE(test, sel_names("00:1c.1/00.0", &nic));
	KUNIT_EXPECT_FALSE(test, sel_names("0000:02:00.1", &nic));
	/* a card added before it moved the bus: only the path still holds */
	moved.bus[0] = 3;
	KUNIT_EXPECT_FALSE(test, sel_names("0000:02:00.0", &moved));
	KUNIT_EXPECT_TRUE(test, sel_names("00:1c.0/00.0", &moved));
	KUNIT_EXPECT_TRUE(test, sel_names("pci:8086:10d3", &moved));
	/* the stock form names 16-bit domains only */
	far.domain = 0x10002;
	KUNIT_EXPECT_FALSE(test, sel_names("0002:02:00.0", &far));
	KUNIT_EXPECT_TRUE(test, sel_names("10002:00:1c.0/00.0", &far));
}

static bool sel_same_text(const char *a, const char *b)
{
	struct xpb_sel x, y;
	const char *why;

	return !sparse_sel(a, &x, &why) && !sparse_sel(b, &y, &why) &&
	       xpb_sel_same(&x, &y);
}

/* remove_slot takes back what new_slot was given, in its form. */
static void sel_same_by_form(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, sel_same_text("pci:8086:10d3", "pci:08086:10D3\n"));
	KUNIT_EXPECT_TRUE(test, sel_same_text("00:1c.0/00.0", "0:1c.0/0.0"));
	KUNIT_EXPECT_TRUE(test, sel_same_text("0:02:00.0", "0000:02:00.0"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("pci:8086:10d3",
					       "pci:8086:10d3:0:0"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("pci:8086:10d3", "pci:8086:10d4"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("00:1c.0/00.0", "00:1c.0/00.1"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("00:1c.0/00.0", "00:1c.0"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("1:00:1c.0/00.0", "00:1c.0/00.0"));
	/* one function, two forms: not the same selection */
	KUNIT_EXPECT_FALSE(test, sel_same_text("pci:8086:10d3", "0000:02:00.0"));
	KUNIT_EXPECT_FALSE(test, sel_same_text("00:1c.0/00.0", "0000:02:00.0"));
}

static const char *qwhy;

static int qparse(const char *s, struct xpb_quirk_req *q)
{
	qwhy = NULL;
	return xpb_quirk_parse(s, strlen(s), q, &qwhy);
}

static void quirk_request_parses(struct kunit *test)
{
	struct xpb_quirk_req q;

	KUNIT_ASSERT_EQ(test, qparse("0000:03:00.0-40:4:ffffffff\n", &q), 0);
	KUNIT_EXPECT_EQ(test, q.slot.bus, 3);
	KUNIT_EXPECT_EQ(test, q.reg, 0x40);
	KUNIT_EXPECT_EQ(test, q.size, 4);
	KUNIT_EXPECT_EQ(test, q.mask, ~0U);
	KUNIT_ASSERT_EQ(test, qparse("03:00.0-ffe:2:8000", &q), 0);
	KUNIT_EXPECT_EQ(test, q.reg, 0xffe);
	KUNIT_EXPECT_EQ(test, q.mask, 0x8000U);
	KUNIT_EXPECT_FALSE(test, q.remove);
	/* closing a window: by offset and size, no mask */
	KUNIT_ASSERT_EQ(test, qparse("-0000:03:00.0-f0:4\n", &q), 0);
	KUNIT_EXPECT_TRUE(test, q.remove);
	KUNIT_EXPECT_EQ(test, q.slot.bus, 3);
	KUNIT_EXPECT_EQ(test, q.reg, 0xf0);
	KUNIT_EXPECT_EQ(test, q.size, 4);
	KUNIT_EXPECT_EQ(test, q.mask, 0U);
}

static void quirk_request_malformed_refused(struct kunit *test)
{
	static const char *const bad[] = {
		"0000:03:00.0", "0000:03:00.0-40:4", "0000:03:00.0-40:4:",
		"0000:03:00.0-40:3:1", "0000:03:00.0-41:2:1",
		"0000:03:00.0-1000:4:1", "0000:03:00.0-40:1:100",
		"0000:03:00.0-40:4:0", "0000:03:*.0-40:4:1",
		"0000:03:00.0-40:4:1:2", "0000:03:00.0 -40:4:1",
		"0000:03:00.0-40:4:1ffffffff", "-40:4:1",
		"-0000:03:00.0-40:4:1", "-0000:03:00.0-40", "-0000:03:00.0-41:2",
		"-0000:03:00.0-40:3", "--0000:03:00.0-40:4", "-", "",
		"-0000:03:*.0-40:4", "-0000:03:00.0-40:4:",
	};
	/* each refusal says what was wrong */
	static const struct {
		const char *s, *why;
	} said[] = {
		{ "0000:03:00.0-40:3:1", "size: 1, 2 or 4" },
		{ "0000:03:00.0-41:2:1", "reg is not aligned to size" },
		{ "0000:03:00.0-1000:4:1", "reg: 1 to 3 hex digits, at most fff" },
		{ "0000:03:00.0-40:1:100", "mask: not zero, and no wider than size" },
		{ "-0000:03:00.0-40:4:1", "closing a window takes reg:size, no mask" },
		{ "0000:03:00.0-40:4", "want reg:size:mask after the address" },
	};
	struct xpb_quirk_req q = { .reg = 0x77 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, qparse(bad[i], &q), -EINVAL, "'%s'",
				    bad[i]);
		KUNIT_EXPECT_TRUE_MSG(test, qwhy && *qwhy, "'%s'", bad[i]);
	}
	KUNIT_EXPECT_EQ(test, q.reg, 0x77);
	for (i = 0; i < ARRAY_SIZE(said); i++) {
		KUNIT_EXPECT_EQ(test, qparse(said[i].s, &q), -EINVAL);
		KUNIT_EXPECT_STREQ_MSG(test, qwhy ?: "(none)", said[i].why,
				       "'%s'", said[i].s);
	}
}

/* The per-device switch files: "BDF" on, "-BDF" off, nothing else. */
static void switch_forms_and_refusals(struct kunit *test)
{
	static const char *const bad[] = {
		"", "-", "--0000:01:00.0", "+0000:01:00.0", "0000:01:00.0-",
		"- 0000:01:00.0", "-0000:01:*.0", "-0000:01:00.*",
		"0000:01:00.8", "-0000:01:20.0", "on", "1", "-\n",
		"0000:01:00.0\n\n",
	};
	struct xpb_slot s = { .domain = 0x55 };
	unsigned int i;
	bool on = false;

	KUNIT_ASSERT_EQ(test, xpb_switch_parse("0000:01:02.3\n", 13, &s, &on),
			0);
	KUNIT_EXPECT_TRUE(test, on);
	KUNIT_EXPECT_EQ(test, s.bus, 1);
	KUNIT_EXPECT_EQ(test, s.dev, 2);
	KUNIT_EXPECT_EQ(test, s.fn, 3);
	KUNIT_ASSERT_EQ(test, xpb_switch_parse("-0001:ff:1f.7", 13, &s, &on),
			0);
	KUNIT_EXPECT_FALSE(test, on);
	KUNIT_EXPECT_EQ(test, s.domain, 1);
	KUNIT_EXPECT_EQ(test, s.fn, 7);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct xpb_slot t = { .domain = 0x55, .bus = 0x66 };
		bool o = true;

		KUNIT_EXPECT_EQ_MSG(test, xpb_switch_parse(bad[i], strlen(bad[i]),
							   &t, &o),
				    -EINVAL, "\"%s\"", bad[i]);
		/* nothing written on a refusal */
		KUNIT_EXPECT_EQ(test, t.domain, 0x55);
		KUNIT_EXPECT_EQ(test, t.bus, 0x66);
		KUNIT_EXPECT_TRUE(test, o);
	}
}

static struct kunit_case pciback_slot_cases[] = {
	KUNIT_CASE(slot_forms_libxl_writes),
	KUNIT_CASE(slot_wildcards_only_where_allowed),
	KUNIT_CASE(slot_malformed_refused),
	KUNIT_CASE(slot_format_is_what_libxl_parses),
	KUNIT_CASE(slot_match_and_same),
	KUNIT_CASE(hide_list_parses),
	KUNIT_CASE(hide_list_names_the_bad_token),
	KUNIT_CASE(sel_forms),
	KUNIT_CASE(sel_malformed_refused),
	KUNIT_CASE(sel_match_each_form),
	KUNIT_CASE(sel_same_by_form),
	KUNIT_CASE(quirk_request_parses),
	KUNIT_CASE(quirk_request_malformed_refused),
	KUNIT_CASE(switch_forms_and_refusals),
	{}
};

static struct kunit_suite pciback_slot_suite = {
	.name = "xpb_pciback_slot",
	.test_cases = pciback_slot_cases,
};

kunit_test_suite(pciback_slot_suite);
