/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-pciback's surfaces, what the administrator and the kernel call
 * into: module load and parameters (main.c), the PCI driver's probe and
 * remove (driver.c), its sysfs files (sysfs.c), debugfs (debugfs.c) and
 * the release of idle VFs when their PF's driver unbinds (pf_unbind.c).
 * They sit on top: they call the backend and device rooms, nothing
 * below calls them.
 */
#ifndef _XEN_PCIBACK_SURFACE_H
#define _XEN_PCIBACK_SURFACE_H

#include "../backend/backend.h"

/* driver.c: the PCI driver */
int xpb_driver_register(void);
void xpb_driver_unregister(void);

/* sysfs.c: the driver's files, and the one beside each function */
extern const struct attribute_group *xpb_drv_groups[];
extern const struct attribute_group *xpb_dev_groups[];

/* debugfs.c */
void xpb_debugfs_init(void);
void xpb_debugfs_exit(void);
void xpb_debugfs_add(struct xpb_dev *dev);
void xpb_debugfs_del(struct xpb_dev *dev);

/* pf_unbind.c */
int xpb_pf_watch(void);
void xpb_pf_unwatch(void);

#endif /* _XEN_PCIBACK_SURFACE_H */
