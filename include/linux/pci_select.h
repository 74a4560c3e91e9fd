/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naming PCI functions in a way that survives renumbering: one parser and
 * one matcher for the device selections of both pci_realign= and
 * xen-pciback (hide=, new_slot).
 *
 *   <sel>  := <path> | <id>
 *   <path> := [ <domain> ':' ] <bus> ':' <dev> '.' <fn> [ '/' <dev> '.' <fn> ]...
 *   <id>   := 'pci:' <vendor> ':' <device> [ ':' <subvendor> ':' <subdevice> ]
 *
 * Every number is hex; leading zeros are allowed.  A path starts at a
 * function on a root bus and names the device and function numbers of
 * each hop down, so it holds when bus numbers move because a card was
 * added; an ID of 0 matches any, as in the PCI core's own pci= lists.
 *
 * Why a header of inline functions: the two modules load independently
 * (pciback must not need the realigner), and either may be built in
 * while the other is a module, so neither can lend the other its code
 * and a copy under one name in each would collide when both are built
 * in.  The code is pure: no PCI core call but the inline walk in
 * pci_sel_devid(), so KUnit runs it on UML.
 */
#ifndef _LINUX_PCI_SELECT_H
#define _LINUX_PCI_SELECT_H

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/types.h>

#define PCI_SEL_MAX_DEPTH	8	/* <dev>.<fn> hops in a path */

/* How a selection names its functions. */
enum pci_sel_kind {
	PCI_SEL_PATH,	/* [<domain>:]<bus>:<dev>.<fn>[/<dev>.<fn>]* */
	PCI_SEL_ID,	/* pci:<vendor>:<device>[:<subven>:<subdev>] */
};

/**
 * struct pci_sel - one parsed device selection
 * @kind: which of the two forms was used
 * @domain: PCI domain (segment); 0 when omitted
 * @bus: bus number of the first path element
 * @depth: number of devfn entries in @devfn
 * @devfn: devfn of each path element, from the top-most downwards
 * @vendor: vendor ID (ID form)
 * @device: device ID (ID form)
 * @subvendor: subsystem vendor ID (ID form, if @has_sub)
 * @subdevice: subsystem device ID (ID form, if @has_sub)
 * @has_sub: the ID form named the subsystem IDs too
 *
 * The parser zeroes what a form does not use, so two selections of the
 * same text compare equal with memcmp().
 */
struct pci_sel {
	enum pci_sel_kind kind;
	u32 domain;
	u8 bus;
	u8 depth;
	u8 devfn[PCI_SEL_MAX_DEPTH];
	u16 vendor, device, subvendor, subdevice;
	bool has_sub;
};

/**
 * struct pci_sel_devid - what a selection is matched against
 * @domain: PCI domain of the function
 * @depth: number of valid entries in @bus and @devfn
 * @bus: bus number of the function ([0]) and of each upstream bridge
 * @devfn: devfn of the function ([0]) and of each upstream bridge
 * @vendor: vendor ID
 * @device: device ID
 * @subvendor: subsystem vendor ID
 * @subdevice: subsystem device ID
 *
 * Index 0 is the function itself, index 1 its upstream bridge, and so
 * on up to the device on the root bus.
 */
struct pci_sel_devid {
	u32 domain;
	unsigned int depth;
	u8 bus[PCI_SEL_MAX_DEPTH + 1];
	u8 devfn[PCI_SEL_MAX_DEPTH + 1];
	u16 vendor, device, subvendor, subdevice;
};

/* A piece of the text being parsed; need not be NUL-terminated. */
struct pci_sel_tok {
	const char *s;
	size_t len;
};

/*
 * @t as a number of @base (10 or 16) of at most @digits digits after any
 * leading zeros, and at most @max; every character must be a digit.
 */
static inline bool pci_sel_num(struct pci_sel_tok t, unsigned int base,
			       unsigned int digits, u32 max, u32 *val)
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

static inline bool pci_sel_hex(struct pci_sel_tok t, unsigned int digits,
			       u32 max, u32 *val)
{
	return pci_sel_num(t, 16, digits, max, val);
}

/* Split @t at its first @c: @head gets what precedes it, @t the rest. */
static inline bool pci_sel_split(struct pci_sel_tok *t, char c,
				 struct pci_sel_tok *head)
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

/* The next element of @t up to @c (or all of it); false if none left. */
static inline bool pci_sel_next(struct pci_sel_tok *t, char c,
				struct pci_sel_tok *part)
{
	if (!t->s)
		return false;
	if (!pci_sel_split(t, c, part)) {
		*part = *t;
		t->s = NULL;
	}
	return true;
}

/* "<dev>.<fn>" into a devfn; NULL, or why not. */
static inline const char *pci_sel_devfn(struct pci_sel_tok t, u8 *devfn)
{
	struct pci_sel_tok d;
	u32 dev, fn;

	if (!pci_sel_split(&t, '.', &d))
		return "expected <dev>.<fn>";
	if (!pci_sel_hex(d, 2, 0x1f, &dev))
		return "bad device number (hex, at most 1f)";
	if (!pci_sel_hex(t, 1, 7, &fn))
		return "bad function number (0-7)";
	*devfn = PCI_DEVFN(dev, fn);
	return NULL;
}

static inline const char *pci_sel_parse_path(struct pci_sel_tok t,
					     struct pci_sel *sel)
{
	struct pci_sel_tok top, part, hop;
	unsigned int colons = 0;
	const char *why;
	size_t i;
	u32 v;

	sel->kind = PCI_SEL_PATH;
	pci_sel_next(&t, '/', &top);
	for (i = 0; i < top.len; i++)
		colons += top.s[i] == ':';
	if (colons < 1 || colons > 2)
		return "expected [<domain>:]<bus>:<dev>.<fn>";
	if (colons == 2) {
		pci_sel_split(&top, ':', &part);
		if (!pci_sel_hex(part, 8, 0x7fffffff, &v))
			return "bad domain (hex, at most 7fffffff)";
		sel->domain = v;
	}
	pci_sel_split(&top, ':', &part);
	if (!pci_sel_hex(part, 2, 0xff, &v))
		return "bad bus number (hex, at most ff)";
	sel->bus = v;
	why = pci_sel_devfn(top, &sel->devfn[0]);
	sel->depth = 1;
	while (!why && pci_sel_next(&t, '/', &hop)) {
		if (sel->depth == PCI_SEL_MAX_DEPTH)
			return "path too deep";
		if (!hop.len)
			return "empty path element after '/'";
		why = pci_sel_devfn(hop, &sel->devfn[sel->depth++]);
	}
	return why;
}

static inline const char *pci_sel_parse_id(struct pci_sel_tok t,
					   struct pci_sel *sel)
{
	struct pci_sel_tok part;
	unsigned int n = 0;
	u32 ids[4];

	sel->kind = PCI_SEL_ID;
	while (pci_sel_next(&t, ':', &part)) {
		if (n == ARRAY_SIZE(ids))
			return "expected pci:<vendor>:<device>[:<subvendor>:<subdevice>]";
		if (!pci_sel_hex(part, 4, 0xffff, &ids[n++]))
			return "bad ID (hex, at most ffff)";
	}
	if (n != 2 && n != 4)
		return "expected pci:<vendor>:<device>[:<subvendor>:<subdevice>]";
	sel->vendor = ids[0];
	sel->device = ids[1];
	sel->has_sub = n == 4;
	if (sel->has_sub) {
		sel->subvendor = ids[2];
		sel->subdevice = ids[3];
	}
	return NULL;
}

/**
 * pci_sel_parse() - parse one device selection, a path or an ID
 * @s: the text (need not be NUL-terminated)
 * @len: its length, without any separator around it
 * @sel: the result, zeroed first; meaningless on error
 *
 * Return: NULL, or a constant string saying what is wrong with @s.
 */
static inline const char *pci_sel_parse(const char *s, size_t len,
					struct pci_sel *sel)
{
	struct pci_sel_tok t = { s, len };

	memset(sel, 0, sizeof(*sel));
	if (!len)
		return "empty selection";
	if (len >= 4 && !memcmp(s, "pci:", 4)) {
		t.s += 4;
		t.len -= 4;
		return pci_sel_parse_id(t, sel);
	}
	return pci_sel_parse_path(t, sel);
}

/* An ID of 0 in a selection matches any. */
static inline bool pci_sel_id_eq(u16 sel, u16 dev)
{
	return !sel || sel == dev;
}

/**
 * pci_sel_match() - does a selection name a function
 * @sel: the selection
 * @id: the function, as pci_sel_devid() describes it
 *
 * Return: true if @sel names @id.
 */
static inline bool pci_sel_match(const struct pci_sel *sel,
				 const struct pci_sel_devid *id)
{
	unsigned int top = sel->depth - 1, i;

	if (sel->kind == PCI_SEL_ID)
		return pci_sel_id_eq(sel->vendor, id->vendor) &&
		       pci_sel_id_eq(sel->device, id->device) &&
		       (!sel->has_sub ||
			(pci_sel_id_eq(sel->subvendor, id->subvendor) &&
			 pci_sel_id_eq(sel->subdevice, id->subdevice)));
	if (id->depth < sel->depth || id->domain != sel->domain ||
	    id->bus[top] != sel->bus)
		return false;
	for (i = 0; i < sel->depth; i++)
		if (id->devfn[top - i] != sel->devfn[i])
			return false;
	return true;
}

/**
 * pci_sel_devid() - describe a function for pci_sel_match()
 * @dev: the function
 * @id: filled with its domain, upstream path and IDs
 */
static inline void pci_sel_devid(struct pci_dev *dev,
				 struct pci_sel_devid *id)
{
	struct pci_dev *p;

	memset(id, 0, sizeof(*id));
	id->domain = pci_domain_nr(dev->bus);
	id->vendor = dev->vendor;
	id->device = dev->device;
	id->subvendor = dev->subsystem_vendor;
	id->subdevice = dev->subsystem_device;
	for (p = dev; p && id->depth <= PCI_SEL_MAX_DEPTH;
	     p = pci_upstream_bridge(p)) {
		id->bus[id->depth] = p->bus->number;
		id->devfn[id->depth] = p->devfn;
		id->depth++;
	}
}

#endif /* _LINUX_PCI_SELECT_H */
