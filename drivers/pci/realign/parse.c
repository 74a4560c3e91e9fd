// SPDX-License-Identifier: GPL-2.0
/*
 * Selection strings of pci_realign=, and matching them against devices.
 *
 *   <list> := <item> [ ';' | ',' <item> ]...
 *   <item> := [ <order> '@' ] <sel>
 *
 * <sel> is a path or an ID, parsed and matched by linux/pci_select.h
 * (pciback's hide= and new_slot take the same forms).  <order> is
 * decimal; leading zeros are allowed and a separator may end the list,
 * as with the PCI core's own pci= device lists.  Pure code: no PCI core
 * calls, so KUnit runs it on UML.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "realign.h"

static bool set_err(struct realign_parse_err *err, struct pci_sel_tok t,
		    const char *reason)
{
	size_t n = min_t(size_t, t.len, sizeof(err->token) - 1);

	memcpy(err->token, t.s, n);
	err->token[n] = '\0';
	err->reason = reason;
	return false;
}

static bool parse_sel(struct pci_sel_tok t, struct realign_sel *sel,
		      struct realign_parse_err *err)
{
	struct pci_sel_tok whole = t, order;
	const char *why;
	u32 v;

	memset(sel, 0, sizeof(*sel));
	sel->order = PAGE_SHIFT;
	if (!t.len)
		return set_err(err, whole, "empty selection");
	if (pci_sel_split(&t, '@', &order)) {
		if (!pci_sel_num(order, 10, 2, REALIGN_MAX_ORDER, &v))
			return set_err(err, whole,
				       "bad <order> (decimal, at most 30)");
		if (v < PAGE_SHIFT)
			return set_err(err, whole,
				       "<order> is below the page size");
		sel->order = v;
	}
	why = pci_sel_parse(t.s, t.len, &sel->pci);
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
	struct pci_sel_tok rest = { str, strlen(str) }, t;
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

/**
 * realign_match() - find the first selection naming a device
 * @list: parsed selections
 * @id: the device's address, upstream path and IDs
 *
 * Return: the first matching selection, or NULL.
 */
const struct realign_sel *realign_match(const struct realign_list *list,
					const struct pci_sel_devid *id)
{
	unsigned int i;

	for (i = 0; i < list->n; i++) {
		const struct realign_sel *sel = &list->sel[i];

		if (pci_sel_match(&sel->pci, id))
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
		       const struct pci_sel_devid *id,
		       const struct realign_sel *first)
{
	unsigned int i;

	if (!first)
		return NULL;
	for (i = first - list->sel + 1; i < list->n; i++) {
		const struct realign_sel *sel = &list->sel[i];

		if (sel->order != first->order && pci_sel_match(&sel->pci, id))
			return sel;
	}
	return NULL;
}
