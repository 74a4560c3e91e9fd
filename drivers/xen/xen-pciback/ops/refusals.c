// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: the last refusal of each function (see refusals.h).
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "refusals.h"

/* A full table, each line as long as an entry holds, fits a 4 KiB page. */
static_assert(XPB_REFUSALS * (XPB_REFUSAL_NAME + XPB_REFUSAL_LINE) <= 4096);

/* Take entry @i out, the later ones moving up: the order stays by age. */
static void xpb_refusal_drop(struct xpb_refusals *r, unsigned int i)
{
	memmove(&r->e[i], &r->e[i + 1], (r->n - i - 1) * sizeof(r->e[0]));
	r->n--;
}

static int xpb_refusal_find(const struct xpb_refusals *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (!strncmp(r->e[i].name, name, XPB_REFUSAL_NAME))
			return i;
	return -1;
}

/**
 * xpb_refusal_note() - keep a function's refusal as its last one
 * @r: the table
 * @name: the function
 * @line: what was logged; cut to XPB_REFUSAL_LINE - 1 bytes
 *
 * The function's earlier refusal goes; when the table is full, so does
 * the oldest entry.  The new one is the newest.
 */
void xpb_refusal_note(struct xpb_refusals *r, const char *name,
		      const char *line)
{
	int i = xpb_refusal_find(r, name);

	if (i >= 0)
		xpb_refusal_drop(r, i);
	else if (r->n == XPB_REFUSALS)
		xpb_refusal_drop(r, 0);
	strscpy(r->e[r->n].name, name, sizeof(r->e[0].name));
	strscpy(r->e[r->n].line, line, sizeof(r->e[0].line));
	r->n++;
}

/**
 * xpb_refusal_forget() - a function was accepted: its refusal is history
 * @r: the table
 * @name: the function
 */
void xpb_refusal_forget(struct xpb_refusals *r, const char *name)
{
	int i = xpb_refusal_find(r, name);

	if (i >= 0)
		xpb_refusal_drop(r, i);
}

/**
 * xpb_refusals_show() - the table, "<name> <line>" a line, oldest first
 * @r: the table
 * @buf: where to write
 * @size: bytes at @buf (at least 1); the text is cut to fit
 *
 * Return: the length written, not counting the NUL.
 */
int xpb_refusals_show(const struct xpb_refusals *r, char *buf, size_t size)
{
	unsigned int i;
	int len = 0;

	buf[0] = '\0';
	for (i = 0; i < r->n; i++)
		len += scnprintf(buf + len, size - len, "%s %s\n",
				 r->e[i].name, r->e[i].line);
	return len;
}
