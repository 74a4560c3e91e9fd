// SPDX-License-Identifier: GPL-2.0
/*
 * Selection strings of pci_realign=, and matching them against devices.
 *
 *   <list> := <sel> [ ';' | ',' <sel> ]...
 *   <sel>  := [ <order> '@' ] ( <path> | <id> )
 *   <path> := [ <domain> ':' ] <bus> ':' <dev> '.' <fn> [ '/' <dev> '.' <fn> ]...
 *   <id>   := 'pci:' <vendor> ':' <device> [ ':' <subvendor> ':' <subdevice> ]
 *
 * Numbers are hex except <order>, which is decimal; leading zeros are
 * allowed and a separator may end the list, as with the PCI core's own
 * pci= device lists.  In the ID form a 0 matches any ID, as there too.
 * Pure code: no PCI core calls, so KUnit runs it on UML.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "realign.h"

/* One token of a selection: a pointer into the string and a length. */
struct tok {
	const char *s;
	size_t len;
};

/* Limits of each hex field, looked up by name rather than repeated. */
enum field { F_DOMAIN, F_BUS, F_DEV, F_FN, F_ID, F_COUNT };

static const struct {
	u32 max;
	unsigned int digits;
	const char *bad;
} fields[F_COUNT] = {
	[F_DOMAIN] = { 0x7fffffff, 8, "bad domain (hex, at most 7fffffff)" },
	[F_BUS]    = { 0xff, 2, "bad bus number (hex, at most ff)" },
	[F_DEV]    = { 0x1f, 2, "bad device number (hex, at most 1f)" },
	[F_FN]     = { 0x7, 1, "bad function number (0-7)" },
	[F_ID]     = { 0xffff, 4, "bad ID (hex, at most ffff)" },
};

static bool set_err(struct realign_parse_err *err, struct tok t,
		    const char *reason)
{
	size_t n = min_t(size_t, t.len, sizeof(err->token) - 1);

	memcpy(err->token, t.s, n);
	err->token[n] = '\0';
	err->reason = reason;
	return false;
}

/*
 * Parse @t as a number of @base; every character must be a digit, and at
 * most @digits of them may follow the leading zeros.
 */
static bool tok_num(struct tok t, unsigned int base, unsigned int digits,
		    u32 max, u32 *val)
{
	char buf[12];
	size_t i;

	while (t.len > 1 && t.s[0] == '0') {
		t.s++;
		t.len--;
	}
	if (!t.len || t.len > digits || t.len >= sizeof(buf))
		return false;
	for (i = 0; i < t.len; i++)
		if (base == 16 ? !isxdigit(t.s[i]) : !isdigit(t.s[i]))
			return false;
	memcpy(buf, t.s, t.len);
	buf[t.len] = '\0';
	return !kstrtou32(buf, base, val) && *val <= max;
}

static bool tok_field(struct tok t, enum field f, u32 *val)
{
	return tok_num(t, 16, fields[f].digits, fields[f].max, val);
}

/* Split @t at the first @c: @head gets what precedes it, @t the rest. */
static bool tok_split(struct tok *t, char c, struct tok *head)
{
	const char *p = memchr(t->s, c, t->len);

	if (!p)
		return false;
	head->s = t->s;
	head->len = p - t->s;
	t->len -= head->len + 1;
	t->s = p + 1;
	return true;
}

static unsigned int tok_count(struct tok t, char c)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < t.len; i++)
		n += t.s[i] == c;
	return n;
}

/* "<dev>.<fn>" into a devfn. */
static const char *parse_devfn(struct tok t, u8 *devfn)
{
	struct tok d;
	u32 dev, fn;

	if (!tok_split(&t, '.', &d))
		return "expected <dev>.<fn>";
	if (!tok_field(d, F_DEV, &dev))
		return fields[F_DEV].bad;
	if (!tok_field(t, F_FN, &fn))
		return fields[F_FN].bad;
	*devfn = PCI_DEVFN(dev, fn);
	return NULL;
}

static const char *parse_path(struct tok t, struct realign_sel *sel)
{
	struct tok first, part;
	const char *why;
	u32 v;

	sel->kind = REALIGN_SEL_PATH;
	if (!tok_split(&t, '/', &first)) {
		first = t;
		t.len = 0;
	} else if (!t.len) {
		return "empty path element after '/'";
	}

	switch (tok_count(first, ':')) {
	case 2:
		tok_split(&first, ':', &part);
		if (!tok_field(part, F_DOMAIN, &v))
			return fields[F_DOMAIN].bad;
		sel->domain = v;
		fallthrough;
	case 1:
		tok_split(&first, ':', &part);
		if (!tok_field(part, F_BUS, &v))
			return fields[F_BUS].bad;
		sel->bus = v;
		break;
	default:
		return "expected [<domain>:]<bus>:<dev>.<fn>";
	}
	why = parse_devfn(first, &sel->devfn[0]);
	sel->depth = 1;

	while (!why && t.len) {
		if (sel->depth == REALIGN_MAX_DEPTH)
			return "path too deep";
		if (!tok_split(&t, '/', &part)) {
			part = t;
			t.len = 0;
		} else if (!t.len) {
			return "empty path element after '/'";
		}
		why = parse_devfn(part, &sel->devfn[sel->depth++]);
	}
	return why;
}

static const char *parse_id(struct tok t, struct realign_sel *sel)
{
	struct tok part;
	u32 ids[4];
	unsigned int n, i;

	sel->kind = REALIGN_SEL_ID;
	n = tok_count(t, ':') + 1;
	if (n != 2 && n != 4)
		return "expected pci:<vendor>:<device>[:<subvendor>:<subdevice>]";
	for (i = 0; i < n; i++) {
		if (!tok_split(&t, ':', &part)) {
			part = t;
			t.len = 0;
		}
		if (!tok_field(part, F_ID, &ids[i]))
			return fields[F_ID].bad;
	}
	sel->vendor = ids[0];
	sel->device = ids[1];
	sel->has_sub = n == 4;
	if (sel->has_sub) {
		sel->subvendor = ids[2];
		sel->subdevice = ids[3];
	}
	return NULL;
}

static bool parse_sel(struct tok t, struct realign_sel *sel,
		      struct realign_parse_err *err)
{
	struct tok whole = t, order;
	const char *why;
	u32 v;

	memset(sel, 0, sizeof(*sel));
	sel->order = PAGE_SHIFT;
	if (!t.len)
		return set_err(err, whole, "empty selection");
	if (tok_split(&t, '@', &order)) {
		if (!tok_num(order, 10, 2, REALIGN_MAX_ORDER, &v))
			return set_err(err, whole,
				       "bad <order> (decimal, at most 30)");
		if (v < PAGE_SHIFT)
			return set_err(err, whole,
				       "<order> is below the page size");
		sel->order = v;
	}
	if (t.len >= 4 && !memcmp(t.s, "pci:", 4)) {
		t.s += 4;
		t.len -= 4;
		why = parse_id(t, sel);
	} else {
		why = parse_path(t, sel);
	}
	return why ? set_err(err, whole, why) : true;
}

/**
 * realign_parse() - parse a pci_realign= selection string
 * @str: the string; NUL-terminated, no surrounding white space
 * @list: filled with the selections; unchanged on error
 * @err: on error, the offending token and why it was rejected
 *
 * An empty string is valid and selects nothing; one separator may end
 * the list.
 *
 * Return: 0, or -EINVAL with @err filled in.
 */
int realign_parse(const char *str, struct realign_list *list,
		  struct realign_parse_err *err)
{
	struct realign_list tmp = { 0 };
	struct tok rest = { str, strlen(str) }, t;
	const char *sep;

	while (rest.len) {
		sep = strpbrk(rest.s, ";,");
		t.s = rest.s;
		t.len = sep ? sep - rest.s : rest.len;
		if (tmp.n == REALIGN_MAX_SEL) {
			set_err(err, t, "too many selections (at most 16)");
			goto bad;
		}
		if (!parse_sel(t, &tmp.sel[tmp.n], err))
			goto bad;
		tmp.n++;
		if (!sep)
			break;
		rest.s = sep + 1;
		rest.len = strlen(rest.s);
	}
	*list = tmp;
	return 0;
bad:
	err->pos = t.s - str;
	return -EINVAL;
}

static bool match_path(const struct realign_sel *sel,
		       const struct realign_devid *id)
{
	unsigned int top = sel->depth - 1, i;

	if (id->depth < sel->depth || id->domain != sel->domain ||
	    id->bus[top] != sel->bus)
		return false;
	for (i = 0; i < sel->depth; i++)
		if (id->devfn[top - i] != sel->devfn[i])
			return false;
	return true;
}

/* An ID of 0 in a selection matches any. */
static bool id_eq(u16 sel, u16 dev)
{
	return !sel || sel == dev;
}

static bool match_id(const struct realign_sel *sel,
		     const struct realign_devid *id)
{
	if (!id_eq(sel->vendor, id->vendor) || !id_eq(sel->device, id->device))
		return false;
	return !sel->has_sub || (id_eq(sel->subvendor, id->subvendor) &&
				 id_eq(sel->subdevice, id->subdevice));
}

/**
 * realign_match() - find the first selection naming a device
 * @list: parsed selections
 * @id: the device's address, upstream path and IDs
 *
 * Return: the first matching selection, or NULL.
 */
const struct realign_sel *realign_match(const struct realign_list *list,
					const struct realign_devid *id)
{
	unsigned int i;

	for (i = 0; i < list->n; i++) {
		const struct realign_sel *sel = &list->sel[i];

		if (sel->kind == REALIGN_SEL_ID ? match_id(sel, id) :
		    match_path(sel, id))
			return sel;
	}
	return NULL;
}

/**
 * realign_match_conflict() - a later selection naming a device differently
 * @list: parsed selections
 * @id: the device
 * @first: what realign_match() returned for @id
 *
 * A device may be named twice, say by a path and by its IDs.  Only the
 * first selection counts; this finds one that asks for another order,
 * so that the caller can say that it is ignored.
 *
 * Return: the first later matching selection with a different order,
 * or NULL.
 */
const struct realign_sel *
realign_match_conflict(const struct realign_list *list,
		       const struct realign_devid *id,
		       const struct realign_sel *first)
{
	unsigned int i;

	if (!first)
		return NULL;
	for (i = first - list->sel + 1; i < list->n; i++) {
		const struct realign_sel *sel = &list->sel[i];

		if (sel->order != first->order &&
		    (sel->kind == REALIGN_SEL_ID ? match_id(sel, id) :
		     match_path(sel, id)))
			return sel;
	}
	return NULL;
}
