/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resets the PCI core cannot see, for devices known by their ID (one
 * table row each in reset_quirk.c).  PCI config accessors only, no Xen:
 * KUnit runs them against a simulated function.
 */
#ifndef _XEN_PCIBACK_OPS_RESET_QUIRK_H
#define _XEN_PCIBACK_OPS_RESET_QUIRK_H

struct pci_dev;

int xpb_reset_quirk_af(struct pci_dev *pdev);
int xpb_reset_af_flr(struct pci_dev *pdev, int pos);

#endif /* _XEN_PCIBACK_OPS_RESET_QUIRK_H */
