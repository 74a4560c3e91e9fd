// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: a function's effective policy as text (see policy.h).
 * The switches are a table: each names itself and says its value.
 */
#include <linux/kernel.h>
#include <linux/string_helpers.h>

#include "policy.h"

/* Each switch but the quirks is one word. */
static const char *xpb_pol_permissive(const struct xpb_policy *p)
{
	return !p->permissive ? "off" :
	       p->permissive_global ? "module-wide" : "on";
}

static const char *xpb_pol_devspec(const struct xpb_policy *p)
{
	return p->devspec_closed ? "closed" : "open";
}

static const char *xpb_pol_irqctl(const struct xpb_policy *p)
{
	return str_on_off(p->irq_control);
}

static const char *xpb_pol_share(const struct xpb_policy *p)
{
	return p->share_allowed ? "allowed" : "refused";
}

static const char *xpb_pol_reset(const struct xpb_policy *p)
{
	return p->reset_next ?: "unknown";
}

static const char *xpb_pol_owed(const struct xpb_policy *p)
{
	return str_yes_no(p->reset_owed);
}

static const char *xpb_pol_noreset(const struct xpb_policy *p)
{
	return str_on_off(p->allow_no_reset);
}

/* The windows, comma-separated, in the quirks file's own notation. */
static int xpb_pol_quirks(const struct xpb_policy *p, char *buf,
			  size_t size)
{
	unsigned int i, n = min_t(unsigned int, p->nquirks,
				  XPB_POLICY_QUIRKS);
	int len = 0;

	if (!n)
		return scnprintf(buf, size, "none");
	for (i = 0; i < n; i++)
		len += scnprintf(buf + len, size - len, "%s%03x:%u:%08x",
				 i ? "," : "", p->quirks[i].reg,
				 p->quirks[i].size, p->quirks[i].mask);
	return len;
}

/* A switch: its name, and its word or (the quirks) its own writer. */
static const struct {
	const char *name;
	const char *(*word)(const struct xpb_policy *p);
	int (*write)(const struct xpb_policy *p, char *buf, size_t size);
} xpb_policy_items[] = {
	{ "permissive", xpb_pol_permissive },
	{ "device_specific", xpb_pol_devspec },
	{ "quirks", NULL, xpb_pol_quirks },
	{ "interrupt_control", xpb_pol_irqctl },
	{ "page_sharing", xpb_pol_share },
	{ "reset", xpb_pol_reset },
	{ "reset_owed", xpb_pol_owed },
	{ "allow_no_reset", xpb_pol_noreset },
};

/**
 * xpb_policy_format() - a function's effective policy as text
 * @p: the facts
 * @form: one line per switch, or all on one line
 * @buf: where to write it
 * @size: bytes at @buf (at least 1); the text is cut to fit
 *
 * Return: the length written, not counting the NUL.
 */
int xpb_policy_format(const struct xpb_policy *p, enum xpb_policy_form form,
		      char *buf, size_t size)
{
	bool lines = form == XPB_POLICY_LINES;
	unsigned int i;
	int len = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(xpb_policy_items); i++) {
		/* one line: the pairs separated by a space */
		const char *sep = !lines && i ? " " : "";

		len += scnprintf(buf + len, size - len,
				 lines ? "%s%s: " : "%s%s=", sep,
				 xpb_policy_items[i].name);
		if (xpb_policy_items[i].write)
			len += xpb_policy_items[i].write(p, buf + len,
							 size - len);
		else
			len += scnprintf(buf + len, size - len, "%s",
					 xpb_policy_items[i].word(p));
		if (lines)
			len += scnprintf(buf + len, size - len, "\n");
	}
	return len;
}
