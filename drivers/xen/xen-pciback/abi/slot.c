// SPDX-License-Identifier: GPL-2.0
/*
 * pciback's device selection strings.
 *
 *   slot    [dddd:]bb:dd.f     hex fields; dd may be "*" and f may be "*"
 *                              where wildcards are allowed (hide=,
 *                              new_slot); one trailing newline accepted
 *   sel     slot, or a path or an ID of linux/pci_select.h (hide=,
 *           new_slot, remove_slot): the realigner's forms, which hold
 *           when bus numbers move
 *   hide=   (sel)(sel)...      blanks between groups allowed
 *   quirks  dddd:bb:dd.f-reg:size:mask   hex fields, as upstream
 *
 * Every malformed form is refused; the list parser says which token.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "slot.h"

#define XPB_SLOT_MAXLEN	16	/* "dddd:bb:dd.f" and then some */

/*
 * One hex field of at most @digits digits and at most @max, or "*" when
 * @any is allowed.  The range is checked on the number itself, so a
 * number that happens to equal XPB_SLOT_ANY ("ff") is no wildcard.
 */
static int xpb_field(const char *s, size_t len, unsigned int digits, u32 max,
		     bool any, u32 *val)
{
	char buf[9];
	size_t i;
	int ret;

	if (any && len == 1 && *s == '*') {
		*val = XPB_SLOT_ANY;
		return 0;
	}
	if (!len || len > digits)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!isxdigit(s[i]))
			return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	ret = kstrtou32(buf, 16, val);
	return ret ?: (*val > max ? -EINVAL : 0);
}

/**
 * xpb_slot_parse() - parse one "[dddd:]bb:dd.f" selection
 * @s: the text (need not be NUL-terminated)
 * @len: its length; one trailing newline is ignored
 * @wildcards: accept "*" for the device and function numbers
 * @slot: the result (written only on success)
 *
 * Return: 0, or -EINVAL for anything but exactly that form with the
 * numbers in range.
 */
int xpb_slot_parse(const char *s, size_t len, bool wildcards,
		   struct xpb_slot *slot)
{
	const char *c1, *c2 = NULL, *dot, *end;
	u32 dom = 0, bus, dev, fn;

	if (len && s[len - 1] == '\n')
		len--;
	if (!len || len > XPB_SLOT_MAXLEN)
		return -EINVAL;
	end = s + len;
	dot = strnchr(s, len, '.');
	c1 = strnchr(s, len, ':');
	if (!dot || !c1 || c1 > dot || strnchr(dot + 1, end - dot - 1, '.'))
		return -EINVAL;
	c2 = strnchr(c1 + 1, dot - c1 - 1, ':');
	if (c2 && strnchr(c2 + 1, dot - c2 - 1, ':'))
		return -EINVAL;
	if (c2) {
		if (xpb_field(s, c1 - s, 4, 0xffff, false, &dom) ||
		    xpb_field(c1 + 1, c2 - c1 - 1, 2, 0xff, false, &bus))
			return -EINVAL;
	} else {
		c2 = c1;
		if (xpb_field(s, c1 - s, 2, 0xff, false, &bus))
			return -EINVAL;
	}
	if (xpb_field(c2 + 1, dot - c2 - 1, 2, 0x1f, wildcards, &dev) ||
	    xpb_field(dot + 1, end - dot - 1, 1, 7, wildcards, &fn))
		return -EINVAL;
	slot->domain = dom;
	slot->bus = bus;
	slot->dev = dev;
	slot->fn = fn;
	return 0;
}

/**
 * xpb_switch_parse() - parse a write to a per-device switch file
 * @s: the text, "dddd:bb:dd.f" (turn on) or "-dddd:bb:dd.f" (turn off)
 * @len: its length; one trailing newline is ignored
 * @slot: the function (no wildcards), written only on success
 * @on: whether the switch goes on, written only on success
 *
 * Return: 0, or -EINVAL for anything but exactly one of those forms.
 */
int xpb_switch_parse(const char *s, size_t len, struct xpb_slot *slot,
		     bool *on)
{
	bool neg = len && s[0] == '-';
	int ret;

	ret = xpb_slot_parse(s + neg, len - neg, false, slot);
	if (!ret)
		*on = !neg;
	return ret;
}

/**
 * xpb_slot_match() - does a function fall under a selection
 * @slot: the selection
 * @domain: the function's PCI segment
 * @bus: its bus number
 * @devfn: its device and function numbers
 *
 * Return: true if it matches (wildcards match any number).
 */
bool xpb_slot_match(const struct xpb_slot *slot, u16 domain, u8 bus,
		    unsigned int devfn)
{
	return slot->domain == domain && slot->bus == bus &&
	       (slot->dev == XPB_SLOT_ANY || slot->dev == PCI_SLOT(devfn)) &&
	       (slot->fn == XPB_SLOT_ANY || slot->fn == PCI_FUNC(devfn));
}

/**
 * xpb_slot_same() - are two selections the same text
 * @a: one
 * @b: the other
 *
 * Return: true if every field, wildcards included, is equal.
 */
bool xpb_slot_same(const struct xpb_slot *a, const struct xpb_slot *b)
{
	return a->domain == b->domain && a->bus == b->bus &&
	       a->dev == b->dev && a->fn == b->fn;
}

/**
 * xpb_slot_format() - write a selection as "dddd:bb:dd.f"
 * @slot: the selection
 * @buf: where to write (XPB_SLOT_TEXT bytes suffice)
 * @size: size of @buf
 *
 * The form libxl parses from the slots file; wildcards are written "*".
 *
 * Return: characters written (without the NUL), as scnprintf().
 */
int xpb_slot_format(const struct xpb_slot *slot, char *buf, size_t size)
{
	char dev[3] = "*", fn[2] = "*";

	if (slot->dev != XPB_SLOT_ANY)
		snprintf(dev, sizeof(dev), "%02x", slot->dev);
	if (slot->fn != XPB_SLOT_ANY)
		snprintf(fn, sizeof(fn), "%x", slot->fn);
	return scnprintf(buf, size, "%04x:%02x:%s.%s", slot->domain,
			 slot->bus, dev, fn);
}

/**
 * xpb_sel_parse() - parse one selection of the slot list
 * @s: the text (need not be NUL-terminated)
 * @len: its length; one trailing newline is ignored
 * @sel: the result (written only on success)
 * @why: on failure, what is wrong (a constant string)
 *
 * The stock form, "[dddd:]bb:dd.f" with wildcards, is tried first, so
 * that every string the stock module takes means what it meant there;
 * anything else must be a path or an ID.
 *
 * Return: 0, or -EINVAL.
 */
int xpb_sel_parse(const char *s, size_t len, struct xpb_sel *sel,
		  const char **why)
{
	struct xpb_sel tmp = { };

	if (!xpb_slot_parse(s, len, true, &tmp.slot)) {
		*sel = tmp;
		return 0;
	}
	if (len && s[len - 1] == '\n')
		len--;
	tmp.by_pci = true;
	*why = pci_sel_parse(s, len, &tmp.pci);
	if (*why)
		return -EINVAL;
	*sel = tmp;
	return 0;
}

/**
 * xpb_sel_match() - does a function fall under a selection
 * @sel: the selection
 * @id: the function (pci_sel_devid())
 *
 * Return: true if @sel names it.
 */
bool xpb_sel_match(const struct xpb_sel *sel, const struct pci_sel_devid *id)
{
	if (sel->by_pci)
		return pci_sel_match(&sel->pci, id);
	return id->domain <= U16_MAX &&
	       xpb_slot_match(&sel->slot, id->domain, id->bus[0], id->devfn[0]);
}

/**
 * xpb_sel_same() - are two selections the same
 * @a: one
 * @b: the other
 *
 * Selections of one form are the same when every field that form uses is
 * equal; of two forms they never are, even where they name one function
 * (remove_slot takes back what new_slot was given, as it was given).
 *
 * Return: true if they are the same.
 */
bool xpb_sel_same(const struct xpb_sel *a, const struct xpb_sel *b)
{
	const struct pci_sel *p = &a->pci, *q = &b->pci;

	if (a->by_pci != b->by_pci)
		return false;
	if (!a->by_pci)
		return xpb_slot_same(&a->slot, &b->slot);
	if (p->kind != q->kind)
		return false;
	if (p->kind == PCI_SEL_ID)
		return p->vendor == q->vendor && p->device == q->device &&
		       p->has_sub == q->has_sub &&
		       p->subvendor == q->subvendor &&
		       p->subdevice == q->subdevice;
	return p->domain == q->domain && p->bus == q->bus &&
	       p->depth == q->depth && !memcmp(p->devfn, q->devfn, p->depth);
}

/* The token at @p: up to the next blank or '(' (at least one byte). */
static size_t xpb_token_len(const char *p)
{
	size_t n = 1;

	while (p[n] && !isspace(p[n]) && p[n] != '(')
		n++;
	return n;
}

/**
 * xpb_hide_parse() - parse the hide= parameter
 * @s: the parameter, NUL-terminated (NULL or empty: nothing hidden)
 * @sels: where the selections go
 * @max: room in @sels
 * @n: number of selections parsed
 * @err: on failure, the offending token and what is wrong with it
 *
 * @n stays 0 unless the whole string parses (@sels may then hold a
 * prefix of the list, which the caller ignores).
 *
 * Return: 0, -EINVAL for a malformed token, -ENOSPC for more than @max
 * selections.
 */
int xpb_hide_parse(const char *s, struct xpb_sel *sels, unsigned int max,
		   unsigned int *n, struct xpb_parse_err *err)
{
	const char *p = s;
	unsigned int count = 0;

	*n = 0;
	if (!s)
		return 0;
	while (*p) {
		const char *close;
		struct xpb_sel tmp;

		if (isspace(*p)) {
			p++;
			continue;
		}
		err->pos = p - s;
		close = strchr(p, ')');
		err->why = "expected (<selection>)";
		if (*p != '(' || !close || memchr(p + 1, '(', close - p - 1) ||
		    xpb_sel_parse(p + 1, close - p - 1, &tmp, &err->why)) {
			err->len = *p == '(' && close ? close - p + 1 :
				   xpb_token_len(p);
			return -EINVAL;
		}
		err->len = close - p + 1;
		if (count >= max)
			return -ENOSPC;
		sels[count++] = tmp;
		p = close + 1;
	}
	*n = count;
	return 0;
}

/* Refuse a quirks request, saying why. */
static int xpb_quirk_bad(const char **why, const char *reason)
{
	*why = reason;
	return -EINVAL;
}

/**
 * xpb_quirk_parse() - parse a write to the quirks file
 * @s: the text: "dddd:bb:dd.f-reg:size:mask" opens a window,
 *     "-dddd:bb:dd.f-reg:size" closes one (hex fields)
 * @len: its length; one trailing newline is ignored
 * @q: the result (written only on success)
 * @why: on -EINVAL, what was wrong (a constant string)
 *
 * Return: 0, or -EINVAL for a malformed request, a register beyond
 * 0xfff or not aligned to its size, a size other than 1, 2 or 4, or a
 * mask that is zero, wider than the size, or given to close a window.
 */
int xpb_quirk_parse(const char *s, size_t len, struct xpb_quirk_req *q,
		    const char **why)
{
	const char *dash, *c1, *c2, *end;
	bool remove = len && *s == '-';
	struct xpb_slot slot;
	u32 reg, size, mask = 0;

	if (len && s[len - 1] == '\n')
		len--;
	if (remove) {
		s++;
		len--;
	}
	end = s + len;
	dash = strnchr(s, len, '-');
	if (!dash || xpb_slot_parse(s, dash - s, false, &slot))
		return xpb_quirk_bad(why, "want <BDF>-reg:size:mask, or -<BDF>-reg:size to close");
	c1 = strnchr(dash + 1, end - dash - 1, ':');
	c2 = c1 ? strnchr(c1 + 1, end - c1 - 1, ':') : NULL;
	/* closing names the window by offset and size only */
	if (remove && (!c1 || c2))
		return xpb_quirk_bad(why, "closing a window takes reg:size, no mask");
	if (!remove && (!c2 || strnchr(c2 + 1, end - c2 - 1, ':')))
		return xpb_quirk_bad(why, "want reg:size:mask after the address");
	if (xpb_field(dash + 1, c1 - dash - 1, 3, 0xfff, false, &reg))
		return xpb_quirk_bad(why, "reg: 1 to 3 hex digits, at most fff");
	if (xpb_field(c1 + 1, (remove ? end : c2) - c1 - 1, 1, 4, false,
		      &size) || (size != 1 && size != 2 && size != 4))
		return xpb_quirk_bad(why, "size: 1, 2 or 4");
	if (!remove && xpb_field(c2 + 1, end - c2 - 1, 8, ~0U, false, &mask))
		return xpb_quirk_bad(why, "mask: 1 to 8 hex digits");
	if (reg & (size - 1))
		return xpb_quirk_bad(why, "reg is not aligned to size");
	if (!remove && (!mask || (size < 4 && mask >> (8 * size))))
		return xpb_quirk_bad(why, "mask: not zero, and no wider than size");
	q->slot = slot;
	q->reg = reg;
	q->size = size;
	q->mask = mask;
	q->remove = remove;
	return 0;
}
