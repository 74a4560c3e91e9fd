/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device selections of pciback's ABI: the strings of the hide=
 * parameter, the new_slot/remove_slot/permissive/do_flr sysfs files and
 * the quirks file.  Pure string handling, no Xen and no PCI core: the
 * KUnit suite runs it on UML.
 */
#ifndef _XEN_PCIBACK_SLOT_H
#define _XEN_PCIBACK_SLOT_H

#include <linux/pci_select.h>
#include <linux/types.h>

/* A device or function number that matches any ("*"). */
#define XPB_SLOT_ANY	0xff

/**
 * struct xpb_slot - a selected PCI function, possibly with wildcards
 * @domain: PCI segment
 * @bus: bus number
 * @dev: device number 0-31, or XPB_SLOT_ANY
 * @fn: function number 0-7, or XPB_SLOT_ANY
 */
struct xpb_slot {
	u16 domain;
	u8 bus;
	u8 dev;
	u8 fn;
};

/* "dddd:bb:dd.f" with a NUL: the longest text xpb_slot_format() writes. */
#define XPB_SLOT_TEXT	13

int xpb_slot_parse(const char *s, size_t len, bool wildcards,
		   struct xpb_slot *slot);
int xpb_switch_parse(const char *s, size_t len, struct xpb_slot *slot,
		     bool *on);
bool xpb_slot_match(const struct xpb_slot *slot, u16 domain, u8 bus,
		    unsigned int devfn);
bool xpb_slot_same(const struct xpb_slot *a, const struct xpb_slot *b);
int xpb_slot_format(const struct xpb_slot *slot, char *buf, size_t size);

/**
 * struct xpb_sel - one selection of the slot list (hide=, new_slot)
 * @by_pci: @pci holds it (a path or an ID); else @slot does
 * @slot: the stock module's "[dddd:]bb:dd.f" form, wildcards allowed
 * @pci: a path from a root bus or vendor and device IDs
 *	 (linux/pci_select.h, the realigner's forms)
 */
struct xpb_sel {
	bool by_pci;
	struct xpb_slot slot;
	struct pci_sel pci;
};

int xpb_sel_parse(const char *s, size_t len, struct xpb_sel *sel,
		  const char **why);
bool xpb_sel_match(const struct xpb_sel *sel, const struct pci_sel_devid *id);
bool xpb_sel_same(const struct xpb_sel *a, const struct xpb_sel *b);

/**
 * struct xpb_parse_err - where a list did not parse
 * @pos: byte offset of the offending token
 * @len: its length
 * @why: what is wrong with it (a constant string)
 */
struct xpb_parse_err {
	size_t pos;
	size_t len;
	const char *why;
};

int xpb_hide_parse(const char *s, struct xpb_sel *sels, unsigned int max,
		   unsigned int *n, struct xpb_parse_err *err);

/**
 * struct xpb_quirk_req - a write to the quirks file
 * @slot: the function (no wildcards)
 * @reg: register offset, below 0x1000, aligned to @size
 * @size: 1, 2 or 4
 * @mask: bits to pass through, non-zero, within @size bytes; 0 when
 *	  @remove
 * @remove: close the window at @reg and @size ("-" form)
 */
struct xpb_quirk_req {
	struct xpb_slot slot;
	u16 reg;
	u8 size;
	u32 mask;
	bool remove;
};

int xpb_quirk_parse(const char *s, size_t len, struct xpb_quirk_req *q,
		    const char **why);

#endif /* _XEN_PCIBACK_SLOT_H */
