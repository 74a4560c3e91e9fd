/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace events of xen-pciback's PCI error recovery: one per step dom0's
 * AER driver takes with a seized function, with how asking the guest
 * went, the guest's answer, what dom0 got and whether the guest lost
 * the function.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM xen_pciback_aer

#if !defined(_TRACE_XEN_PCIBACK_AER_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_XEN_PCIBACK_AER_H

#include <linux/pci.h>
#include <linux/tracepoint.h>

TRACE_EVENT(xen_pciback_aer,
	    TP_PROTO(struct pci_dev *pdev, const char *step, int domid,
		     const char *reply, u32 guest, const char *result,
		     bool quarantine, u64 us),
	    TP_ARGS(pdev, step, domid, reply, guest, result, quarantine, us),
	    TP_STRUCT__entry(__string(dev, pci_name(pdev))
			     __string(step, step)
			     __field(int, domid)
			     __string(reply, reply)
			     __field(u32, guest)
			     __string(result, result)
			     __field(bool, quarantine)
			     __field(u64, us)),
	    TP_fast_assign(__assign_str(dev, pci_name(pdev));
			   __assign_str(step, step);
			   __entry->domid = domid;
			   __assign_str(reply, reply);
			   __entry->guest = guest;
			   __assign_str(result, result);
			   __entry->quarantine = quarantine;
			   __entry->us = us;),
	    TP_printk("%s %s domain=%d reply=%s guest=%u result=%s quarantine=%d us=%llu",
		      __get_str(dev), __get_str(step), __entry->domid,
		      __get_str(reply), __entry->guest, __get_str(result),
		      __entry->quarantine, __entry->us));

#endif /* _TRACE_XEN_PCIBACK_AER_H */

#include <trace/define_trace.h>
