/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Config-space virtualization engine for xen-pciback.
 *
 * The engine owns a per-device virtual view of configuration space
 * (0x000-0xfff).  For every access it decides, bit by bit, what the guest
 * sees and what reaches the hardware.  It knows nothing about Xen: the
 * driver calls cfgv_read()/cfgv_write() for every conf_read/conf_write
 * request and implements the side effects through struct cfgv_hooks.
 *
 * Locking: calls on one struct cfgv_dev must be serialized by the caller
 * (pciback handles one request per device at a time).  The global
 * permissive switch may change at any time.
 */
#ifndef _XEN_PCIBACK_CFGV_H
#define _XEN_PCIBACK_CFGV_H

#include <linux/pci.h>
#include <linux/types.h>

struct cfgv_dev;

/**
 * struct cfgv_hooks - side effects the driver implements with the PCI core
 * @set_decode: the guest changed memory or I/O decode in the command
 *	register; apply it (e.g. pci_enable_device()/pci_disable_device()).
 *	Return 0, or a negative errno to keep the previous virtual value.
 * @set_master: the guest changed bus mastering (pci_set_master() or
 *	pci_clear_master()).
 * @set_power_state: the guest asked for D0..D3hot through PMCSR; the
 *	state is one the device supports.  @no_soft_reset is the device's
 *	NoSoftRst bit (clear: going D3hot->D0 resets the function).
 * @reset: the guest set Initiate Function Level Reset in the PCI Express
 *	Device Control register.
 * @rom_enable: the guest toggled the expansion ROM enable bit (optional).
 *
 * Every hook is optional; a missing hook makes the matching request a
 * purely virtual change (decode, master, ROM) or hides the feature
 * (FLR capability bit reads 0, power-state changes are refused).
 * @data of cfgv_create() is passed back as the first argument.
 */
struct cfgv_hooks {
	int (*set_decode)(void *data, bool mem, bool io);
	int (*set_master)(void *data, bool enable);
	int (*set_power_state)(void *data, pci_power_t state,
			       bool no_soft_reset);
	int (*reset)(void *data);
	int (*rom_enable)(void *data, bool enable);
};

/**
 * struct cfgv_stats - per-device counters
 * @reads: accepted read requests
 * @writes: accepted write requests
 * @denied: writes that tried to change a bit the guest may not change
 * @invalid: requests refused with -EINVAL (bad size, alignment, offset)
 * @logged: denials reported in the kernel log: only the first at each
 *	offset since the device was added or last reset (rate-limited too)
 * @last_denied_off: offset of the most recent denied write (or -1)
 */
struct cfgv_stats {
	u64 reads;
	u64 writes;
	u64 denied;
	u64 invalid;
	u64 logged;
	int last_denied_off;
};

struct cfgv_dev *cfgv_create(struct pci_dev *pdev,
			     const struct cfgv_hooks *hooks, void *data);
void cfgv_destroy(struct cfgv_dev *dev);
int cfgv_read(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	      u32 *val);
int cfgv_write(struct cfgv_dev *dev, unsigned int off, unsigned int size,
	       u32 val);
void cfgv_reset(struct cfgv_dev *dev);

void cfgv_set_global_permissive(bool on);
bool cfgv_global_permissive(void);
void cfgv_set_permissive(struct cfgv_dev *dev, bool on);
bool cfgv_permissive(const struct cfgv_dev *dev);
void cfgv_set_interrupt_control(struct cfgv_dev *dev, bool on);

int cfgv_quirk_add(struct cfgv_dev *dev, unsigned int off, unsigned int size,
		   u32 mask);
int cfgv_quirk_remove(struct cfgv_dev *dev, unsigned int off,
		      unsigned int size);

void cfgv_get_stats(const struct cfgv_dev *dev, struct cfgv_stats *st);

#endif /* _XEN_PCIBACK_CFGV_H */
