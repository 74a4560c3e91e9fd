// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pci_realign= selection strings, accepted and rejected forms,
 * and matching selections against device paths and IDs.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "../../../drivers/pci/realign/realign.h"

struct good_case {
	const char *str;
	enum pci_sel_kind kind;
	unsigned int order;
	u32 domain;
	u8 bus, depth;
	u8 devfn[3];
	u16 ids[4];
	bool has_sub;
};

#define DF(d, f) PCI_DEVFN(d, f)

static const struct good_case good[] = {
	{ "00:03.0", PCI_SEL_PATH, 12, 0, 0, 1, { DF(3, 0) } },
	{ "0000:00:03.0", PCI_SEL_PATH, 12, 0, 0, 1, { DF(3, 0) } },
	{ "1:2:1f.7", PCI_SEL_PATH, 12, 1, 2, 1, { DF(0x1f, 7) } },
	{ "10000:ff:00.0", PCI_SEL_PATH, 12, 0x10000, 0xff, 1, { 0 } },
	{ "00:1F.7", PCI_SEL_PATH, 12, 0, 0, 1, { DF(0x1f, 7) } },
	{ "00:1c.0/00.0", PCI_SEL_PATH, 12, 0, 0, 2,
	  { DF(0x1c, 0), DF(0, 0) } },
	{ "0002:00:01.0/00.0/03.2", PCI_SEL_PATH, 12, 2, 0, 3,
	  { DF(1, 0), DF(0, 0), DF(3, 2) } },
	{ "pci:8086:25ab", PCI_SEL_ID, 12, .ids = { 0x8086, 0x25ab } },
	{ "pci:1AF4:1110:1af4:1100", PCI_SEL_ID, 12,
	  .ids = { 0x1af4, 0x1110, 0x1af4, 0x1100 }, .has_sub = true },
	{ "16@00:04.0", PCI_SEL_PATH, 16, 0, 0, 1, { DF(4, 0) } },
	{ "12@pci:8086:25ab", PCI_SEL_ID, 12, .ids = { 0x8086, 0x25ab } },
	{ "30@0:0:1.0", PCI_SEL_PATH, 30, 0, 0, 1, { DF(1, 0) } },
	/* Zero-padded fields and a trailing separator, as upstream takes. */
	{ "00000:000:003.00", PCI_SEL_PATH, 12, 0, 0, 1, { DF(3, 0) } },
	{ "000000001:0ff:01f.07", PCI_SEL_PATH, 12, 1, 0xff, 1,
	  { DF(0x1f, 7) } },
	{ "016@00:04.0", PCI_SEL_PATH, 16, 0, 0, 1, { DF(4, 0) } },
	{ "pci:08086:0025ab", PCI_SEL_ID, 12, .ids = { 0x8086, 0x25ab } },
	{ "00:03.0;", PCI_SEL_PATH, 12, 0, 0, 1, { DF(3, 0) } },
	{ "00:03.0,", PCI_SEL_PATH, 12, 0, 0, 1, { DF(3, 0) } },
};

static void parses_every_accepted_form(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		const struct good_case *c = &good[i];
		const struct realign_sel *s = &list.sel[0];

		KUNIT_ASSERT_EQ_MSG(test, realign_parse(c->str, &list, &err), 0,
				    "%s", c->str);
		KUNIT_ASSERT_EQ(test, list.n, 1U);
		KUNIT_EXPECT_EQ_MSG(test, s->pci.kind, c->kind, "%s", c->str);
		KUNIT_EXPECT_EQ_MSG(test, s->order, c->order, "%s", c->str);
		if (c->kind == PCI_SEL_ID) {
			KUNIT_EXPECT_EQ(test, s->pci.vendor, c->ids[0]);
			KUNIT_EXPECT_EQ(test, s->pci.device, c->ids[1]);
			KUNIT_EXPECT_EQ(test, s->pci.has_sub, c->has_sub);
			KUNIT_EXPECT_EQ(test, s->pci.subvendor, c->ids[2]);
			KUNIT_EXPECT_EQ(test, s->pci.subdevice, c->ids[3]);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, s->pci.domain, c->domain, "%s", c->str);
		KUNIT_EXPECT_EQ_MSG(test, s->pci.bus, c->bus, "%s", c->str);
		KUNIT_ASSERT_EQ_MSG(test, s->pci.depth, c->depth, "%s", c->str);
		KUNIT_EXPECT_EQ_MSG(test,
				    memcmp(s->pci.devfn, c->devfn, c->depth), 0,
				    "%s", c->str);
	}
}

static void empty_string_selects_nothing(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list = { .n = 5 };

	KUNIT_EXPECT_EQ(test, realign_parse("", &list, &err), 0);
	KUNIT_EXPECT_EQ(test, list.n, 0U);
}

static void both_separators_split_selections(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;

	KUNIT_ASSERT_EQ(test, realign_parse("00:03.0;13@00:04.0,pci:1b36:0011",
					    &list, &err), 0);
	KUNIT_ASSERT_EQ(test, list.n, 3U);
	KUNIT_EXPECT_EQ(test, list.sel[0].pci.devfn[0], DF(3, 0));
	KUNIT_EXPECT_EQ(test, list.sel[0].order, 12U);
	KUNIT_EXPECT_EQ(test, list.sel[1].pci.devfn[0], DF(4, 0));
	KUNIT_EXPECT_EQ(test, list.sel[1].order, 13U);
	KUNIT_EXPECT_EQ(test, list.sel[2].pci.kind, PCI_SEL_ID);
	KUNIT_EXPECT_EQ(test, list.sel[2].pci.device, 0x0011);
}

struct bad_case {
	const char *str;
	const char *token;	/* what the message must name */
};

static const struct bad_case bad[] = {
	{ "00:03", "00:03" },			/* no .fn */
	{ "00:03.", "00:03." },			/* empty fn */
	{ "00:.0", "00:.0" },			/* empty dev */
	{ ":03.0", ":03.0" },			/* empty bus */
	{ "00:20.0", "00:20.0" },		/* dev > 1f */
	{ "00:03.8", "00:03.8" },		/* fn > 7 */
	{ "100:03.0", "100:03.0" },		/* bus > ff */
	{ "80000000:00:03.0", "80000000:00:03.0" },	/* domain too big */
	{ "123456789:00:03.0", "123456789:00:03.0" },	/* beyond 32 bits */
	{ "0:0:0:03.0", "0:0:0:03.0" },		/* too many colons */
	{ "03.0", "03.0" },			/* no bus */
	{ "0x0:03.0", "0x0:03.0" },		/* 0x prefix */
	{ "g0:03.0", "g0:03.0" },		/* not hex */
	{ "00:03.0 ", "00:03.0 " },		/* inner space */
	{ "-1:03.0", "-1:03.0" },		/* sign */
	{ "00:03.0/", "00:03.0/" },		/* empty path element */
	{ "00:03.0//00.0", "00:03.0//00.0" },	/* empty path element */
	{ "00:03.0/20.0", "00:03.0/20.0" },	/* bad dev in path */
	{ "00:03.0/1", "00:03.0/1" },		/* no .fn in path */
	{ "0:1.0/1.0/1.0/1.0/1.0/1.0/1.0/1.0/1.0",
	  "0:1.0/1.0/1.0/1.0/1.0/1.0/1.0/1.0/1.0" },	/* too deep */
	{ "00:03.0;;", "" },			/* two trailing separators */
	{ ";", "" },				/* a separator alone */
	{ ";00:03.0", "" },			/* leading empty */
	{ "00:03.0;;00:04.0", "" },		/* empty between */
	{ "00:03.0;00:4.9", "00:4.9" },		/* second token named */
	{ "11@00:03.0", "11@00:03.0" },		/* order below page */
	{ "31@00:03.0", "31@00:03.0" },		/* order too big */
	{ "x@00:03.0", "x@00:03.0" },		/* order not decimal */
	{ "c@00:03.0", "c@00:03.0" },		/* order is decimal */
	{ "@00:03.0", "@00:03.0" },		/* empty order */
	{ "12@", "12@" },			/* nothing after order */
	{ "12@12@00:03.0", "12@12@00:03.0" },	/* two orders */
	{ "pci:8086", "pci:8086" },		/* too few IDs */
	{ "pci:8086:25ab:1", "pci:8086:25ab:1" },	/* three IDs */
	{ "pci:1:2:3:4:5", "pci:1:2:3:4:5" },	/* five IDs */
	{ "pci:8086:25abc", "pci:8086:25abc" },	/* ID too big */
	{ "pci:zzzz:0001", "pci:zzzz:0001" },	/* ID not hex */
	{ "pci::0001", "pci::0001" },		/* empty ID */
	{ "PCI:8086:25ab", "PCI:8086:25ab" },	/* prefix is lower case */
};

static void rejects_every_malformed_form(struct kunit *test)
{
	struct realign_list list = { .n = 7 };
	struct realign_parse_err err;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&err, 0, sizeof(err));
		KUNIT_EXPECT_EQ_MSG(test, realign_parse(bad[i].str, &list, &err),
				    -EINVAL, "%s", bad[i].str);
		KUNIT_EXPECT_STREQ_MSG(test, err.token, bad[i].token, "%s",
				       bad[i].str);
		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, err.reason, "%s",
						 bad[i].str);
		KUNIT_EXPECT_EQ_MSG(test, list.n, 7U,
				    "list changed by %s", bad[i].str);
	}
}

static void rejects_too_many_selections(struct kunit *test)
{
	char str[REALIGN_MAX_SEL * 8 + 16] = "";
	struct realign_parse_err err;
	struct realign_list list;
	unsigned int i;

	for (i = 0; i < REALIGN_MAX_SEL; i++)
		scnprintf(str + strlen(str), sizeof(str) - strlen(str),
			  "%s00:%02x.0", i ? ";" : "", i);
	KUNIT_EXPECT_EQ(test, realign_parse(str, &list, &err), 0);
	KUNIT_EXPECT_EQ(test, list.n, REALIGN_MAX_SEL);
	strlcat(str, ";00:1f.0", sizeof(str));
	KUNIT_EXPECT_EQ(test, realign_parse(str, &list, &err), -EINVAL);
	KUNIT_EXPECT_STREQ(test, err.token, "00:1f.0");
}

/* Where the bad token starts, so an empty one can be found too. */
static const struct {
	const char *str;
	unsigned int pos;
} positions[] = {
	{ ";00:03.0", 0 },
	{ "00:03.0;;00:04.0", 8 },
	{ "00:03.0,00:04.0;;", 16 },
	{ "00:03.0;00:4.9", 8 },
	{ "zz", 0 },
};

static void error_gives_the_token_position(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(positions); i++) {
		memset(&err, 0xff, sizeof(err));
		KUNIT_EXPECT_EQ_MSG(test, realign_parse(positions[i].str, &list,
							&err),
				    -EINVAL, "%s", positions[i].str);
		KUNIT_EXPECT_EQ_MSG(test, err.pos, positions[i].pos, "%s",
				    positions[i].str);
	}
}

static void long_bad_token_is_truncated(struct kunit *test)
{
	char str[128];
	struct realign_parse_err err;
	struct realign_list list;

	memset(str, 'z', sizeof(str) - 1);
	str[sizeof(str) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, realign_parse(str, &list, &err), -EINVAL);
	KUNIT_EXPECT_EQ(test, strlen(err.token), REALIGN_TOKEN_LEN - 1);
}

/* 0000:00:1c.0 (root port) -> 01:00.0 (switch up) -> 02:03.2 (device) */
static const struct pci_sel_devid nested = {
	.domain = 0, .depth = 3,
	.bus = { 2, 1, 0 },
	.devfn = { DF(3, 2), DF(0, 0), DF(0x1c, 0) },
	.vendor = 0x8086, .device = 0x25ab,
	.subvendor = 0x1af4, .subdevice = 0x1100,
};

static const struct {
	const char *str;
	bool hit;
} matches[] = {
	{ "02:03.2", true },
	{ "0000:02:03.2", true },
	{ "0001:02:03.2", false },
	{ "02:03.1", false },
	{ "01:03.2", false },
	{ "01:00.0/03.2", true },
	{ "00:1c.0/00.0/03.2", true },
	{ "00:1c.0/03.2", false },		/* skips a hop */
	{ "00:1c.0/00.0/03.2/00.0", false },	/* deeper than the device */
	{ "00:1d.0/00.0/03.2", false },
	{ "pci:8086:25ab", true },
	{ "pci:8086:25ab:1af4:1100", true },
	{ "pci:8086:25ab:1af4:1101", false },
	{ "pci:8086:25ac", false },
	{ "00:00.0;pci:8086:25ab", true },
	/* 0 is a wildcard in the ID form, as in upstream pci=. */
	{ "pci:0:0", true },
	{ "pci:8086:0", true },
	{ "pci:0:25ab", true },
	{ "pci:0:25ac", false },
	{ "pci:8086:25ab:0:1100", true },
	{ "pci:8086:25ab:1af4:0", true },
	{ "pci:8086:25ab:0:1101", false },
	{ "pci:1af4:0", false },
};

static void matches_paths_and_ids(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(matches); i++) {
		KUNIT_ASSERT_EQ(test, realign_parse(matches[i].str, &list, &err),
				0);
		KUNIT_EXPECT_EQ_MSG(test, !!realign_match(&list, &nested),
				    matches[i].hit, "%s", matches[i].str);
	}
}

static void first_matching_selection_gives_order(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;
	const struct realign_sel *s;

	KUNIT_ASSERT_EQ(test, realign_parse("14@pci:8086:25ab;16@02:03.2",
					    &list, &err), 0);
	s = realign_match(&list, &nested);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->order, 14U);
}

/* A device named twice with different orders: the first wins, said so. */
static void conflicting_orders_are_found(struct kunit *test)
{
	struct realign_parse_err err;
	struct realign_list list;
	const struct realign_sel *s;

	KUNIT_ASSERT_EQ(test, realign_parse("14@pci:8086:25ab;00:1c.0/00.0/03.2;16@02:03.2",
					    &list, &err), 0);
	s = realign_match(&list, &nested);
	KUNIT_ASSERT_PTR_EQ(test, s, &list.sel[0]);
	/* The path names it too, with the default order. */
	KUNIT_EXPECT_PTR_EQ(test, realign_match_conflict(&list, &nested, s),
			    &list.sel[1]);

	KUNIT_ASSERT_EQ(test, realign_parse("14@pci:8086:25ab;14@02:03.2;00:1d.0",
					    &list, &err), 0);
	s = realign_match(&list, &nested);
	KUNIT_EXPECT_NULL(test, realign_match_conflict(&list, &nested, s));
}

static struct kunit_case realign_parse_cases[] = {
	KUNIT_CASE(parses_every_accepted_form),
	KUNIT_CASE(empty_string_selects_nothing),
	KUNIT_CASE(both_separators_split_selections),
	KUNIT_CASE(rejects_every_malformed_form),
	KUNIT_CASE(rejects_too_many_selections),
	KUNIT_CASE(error_gives_the_token_position),
	KUNIT_CASE(long_bad_token_is_truncated),
	KUNIT_CASE(matches_paths_and_ids),
	KUNIT_CASE(first_matching_selection_gives_order),
	KUNIT_CASE(conflicting_orders_are_found),
	{}
};

static struct kunit_suite realign_parse_suite = {
	.name = "realign_parse",
	.test_cases = realign_parse_cases,
};

kunit_test_suite(realign_parse_suite);
