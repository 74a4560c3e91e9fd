/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which functions a slot or secondary bus reset of a function also
 * resets: the topology alone, no Xen and no PCI core call, so KUnit
 * checks it on made-up buses.
 */
#ifndef _XEN_PCIBACK_TOPO_RESET_SCOPE_H
#define _XEN_PCIBACK_TOPO_RESET_SCOPE_H

#include <linux/types.h>

struct pci_dev;

bool xpb_reset_scope_hits(const struct pci_dev *target, bool slot,
			  const struct pci_dev *pdev);

#endif /* _XEN_PCIBACK_TOPO_RESET_SCOPE_H */
