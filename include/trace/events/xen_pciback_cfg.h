/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace events of the xen-pciback config-space engine: every guest read
 * and write it serves, and every write it refuses, with the kind of
 * protection that refused it ("hidden", "permissive", "interrupt-control",
 * "quirk-only" or "rule").
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM xen_pciback_cfg

#if !defined(_TRACE_XEN_PCIBACK_CFG_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_XEN_PCIBACK_CFG_H

#include <linux/pci.h>
#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(xen_pciback_cfg_access,
		    TP_PROTO(struct pci_dev *pdev, unsigned int off,
			     unsigned int size, u32 val),
		    TP_ARGS(pdev, off, size, val),
		    TP_STRUCT__entry(__string(dev, pci_name(pdev))
				     __field(u16, off)
				     __field(u8, size)
				     __field(u32, val)),
		    TP_fast_assign(__assign_str(dev, pci_name(pdev));
				   __entry->off = off;
				   __entry->size = size;
				   __entry->val = val;),
		    TP_printk("%s off=%#05x size=%u val=%#x", __get_str(dev),
			      __entry->off, __entry->size, __entry->val));

DEFINE_EVENT(xen_pciback_cfg_access, xen_pciback_cfg_read,
	     TP_PROTO(struct pci_dev *pdev, unsigned int off,
		      unsigned int size, u32 val),
	     TP_ARGS(pdev, off, size, val));

DEFINE_EVENT(xen_pciback_cfg_access, xen_pciback_cfg_write,
	     TP_PROTO(struct pci_dev *pdev, unsigned int off,
		      unsigned int size, u32 val),
	     TP_ARGS(pdev, off, size, val));

TRACE_EVENT(xen_pciback_cfg_deny,
	    TP_PROTO(struct pci_dev *pdev, unsigned int off,
		     unsigned int size, u32 val, u32 bits, const char *why),
	    TP_ARGS(pdev, off, size, val, bits, why),
	    TP_STRUCT__entry(__string(dev, pci_name(pdev))
			     __field(u16, off)
			     __field(u8, size)
			     __field(u32, val)
			     __field(u32, bits)
			     __string(why, why)),
	    TP_fast_assign(__assign_str(dev, pci_name(pdev));
			   __entry->off = off;
			   __entry->size = size;
			   __entry->val = val;
			   __entry->bits = bits;
			   __assign_str(why, why);),
	    TP_printk("%s off=%#05x size=%u val=%#x denied=%#x why=%s",
		      __get_str(dev), __entry->off, __entry->size,
		      __entry->val, __entry->bits, __get_str(why)));

TRACE_EVENT(xen_pciback_cfg_pm,
	    TP_PROTO(struct pci_dev *pdev, unsigned int from, unsigned int to,
		     unsigned int now, int err),
	    TP_ARGS(pdev, from, to, now, err),
	    TP_STRUCT__entry(__string(dev, pci_name(pdev))
			     __field(u8, from)
			     __field(u8, to)
			     __field(u8, now)
			     __field(int, err)),
	    TP_fast_assign(__assign_str(dev, pci_name(pdev));
			   __entry->from = from;
			   __entry->to = to;
			   __entry->now = now;
			   __entry->err = err;),
	    TP_printk("%s D%u->D%u now D%u err=%d", __get_str(dev),
		      __entry->from, __entry->to, __entry->now, __entry->err));

#endif /* _TRACE_XEN_PCIBACK_CFG_H */

#include <trace/define_trace.h>
