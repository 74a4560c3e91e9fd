/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Config-space virtualization engine for xen-pciback.
 *
 * The engine owns a per-device virtual view of configuration space
 * (0x000-0xfff).  For every access it decides, bit by bit, what the guest
 * sees and what reaches the hardware.  It knows nothing about Xen: the
 * driver calls cfgv_read()/cfgv_write() for every conf_read/conf_write
 * request, maps the returned enum cfgv_status to its protocol's errors
 * and implements the side effects through struct cfgv_hooks.
 *
 * Context and locking
 * -------------------
 * Guest accesses to one device (cfgv_read(), cfgv_write(),
 * cfgv_write_atomic()) must be serialized by the caller: pciback handles
 * one request per device at a time.  Everything else may run at any time
 * beside them, from any number of threads (sysfs, debugfs, error
 * recovery): cfgv_reset(), cfgv_replay(), cfgv_aer_report(),
 * cfgv_quirk_add(), cfgv_quirk_remove(), the permissive and
 * interrupt-control switches, cfgv_get_stats() and cfgv_dump().
 *
 * cfgv_read() and cfgv_write_atomic() never sleep and may be called in
 * any context, hard interrupts included (they take a spinlock and the
 * PCI core's config lock).  cfgv_write() may sleep: a write that changes
 * memory/I/O decode or bus mastering, a power state, the ROM enable, or
 * that starts a Function Level Reset or a VPD cycle runs a hook that
 * sleeps.  cfgv_write_sleeps() tells in advance, without touching
 * anything, whether a request is such a write; cfgv_write_atomic()
 * carries out every other write and answers CFGV_NEED_SLEEP, having done
 * nothing, for those.  The remaining calls may sleep.
 */
#ifndef _XEN_PCIBACK_CFGV_H
#define _XEN_PCIBACK_CFGV_H

#include <linux/pci.h>
#include <linux/types.h>

struct cfgv_dev;
struct seq_file;

/**
 * enum cfgv_status - outcome of a guest access
 * @CFGV_OK: carried out; bits that are read-only to the guest were
 *	ignored, as hardware ignores writes to read-only bits
 * @CFGV_INVALID: size not 1, 2 or 4, offset not naturally aligned or
 *	beyond the device's config size; nothing was read or written
 * @CFGV_DENIED: the guest tried to change a bit that policy protects
 *	(a hidden structure, a bit permissive mode, interrupt control or
 *	a quirk would open, a refused power state or VPD write); those
 *	bits were refused, the rest of the write was carried out
 * @CFGV_HW_FAILED: a config access to the device failed, or the device
 *	no longer answers (reads all ones); a failed read left nothing to
 *	report and wrote nothing; a failed write was not applied
 * @CFGV_HOOK_FAILED: a side-effect hook failed; its register kept its
 *	old value, the rest of the write was carried out
 * @CFGV_UNSUPPORTED: the write asked for something the driver provides
 *	no hook for (a power state change, a Function Level Reset); its
 *	register kept its old value
 * @CFGV_NEED_SLEEP: cfgv_write_atomic() only: the write needs a hook that
 *	may sleep; nothing was done, issue it with cfgv_write()
 */
enum cfgv_status {
	CFGV_OK,
	CFGV_INVALID,
	CFGV_DENIED,
	CFGV_HW_FAILED,
	CFGV_HOOK_FAILED,
	CFGV_UNSUPPORTED,
	CFGV_NEED_SLEEP,
};

/*
 * A set_power_state hook returns this when the function lost its
 * configuration (D3hot to D0 with NoSoftRst clear and nothing
 * restored): the engine then rebuilds the guest's view from the hardware.
 */
#define CFGV_STATE_LOST	1

/**
 * struct cfgv_hooks - side effects the driver implements with the PCI core
 * @set_command: the guest changed memory decode, I/O decode, bus
 *	mastering or Memory Write and Invalidate (CFGV_CMD_HOOKED).  @old
 *	holds those bits as the guest saw them before, @cmd on entry the
 *	ones the guest asks for; on success the hook leaves in @cmd what now
 *	really holds (e.g. pci_disable_device() also clears bus mastering,
 *	and a function without MWI keeps it clear), and the guest reads that
 *	back.  Return 0 or a negative errno (-EPERM: refused by policy,
 *	counted as a denial); on error nothing of the command register
 *	changes.  May sleep.
 * @set_power_state: the guest asked for a supported state @to (D0..D3hot)
 *	while in @from.  @no_soft_reset is the device's NoSoftRst bit.
 *	Return 0 (the guest reads back @to), CFGV_STATE_LOST (likewise, and
 *	the function was reset: the view is rebuilt from the hardware) or a
 *	negative errno (-EPERM: refused, counted as a denial).  May sleep.
 * @reset: the guest set Initiate Function Level Reset.  Return 0 once
 *	the function is reset (the engine rebuilds the view from the
 *	hardware) or a negative errno.  May sleep.
 * @rom_enable: the guest toggled the expansion ROM enable bit.  Return 0
 *	or a negative errno.  May sleep.
 * @set_readrq: the guest changed PCI Express Max_Read_Request_Size to
 *	*@bytes (a power of two, 128 to 4096).  The hook sets it as the PCI
 *	core would for a driver (pcie_set_readrq(), which keeps the host's
 *	pcie_bus_perf limit) and leaves in *@bytes the size that now holds,
 *	which the guest reads back.  Return 0 or a negative errno.  May
 *	sleep.
 *
 * Every hook is optional: without @set_command and @rom_enable the bits
 * stay purely virtual; without @set_readrq the size the guest writes
 * goes to the hardware as written; without @set_power_state or @reset the
 * request is answered CFGV_UNSUPPORTED (and without @reset the FLR
 * capability bit reads 0).  @data of cfgv_create() is passed back as the first argument.
 *
 * Hooks run with the engine's per-device mutex held and its spinlock
 * released: they may call cfgv_read() for the same device but must not
 * call any other cfgv_*() function for it (lockdep reports the
 * recursion).  A hook that resets the function says so by its return
 * value instead of calling cfgv_reset().
 */
struct cfgv_hooks {
	int (*set_command)(void *data, u16 old, u16 *cmd);
	int (*set_power_state)(void *data, pci_power_t from, pci_power_t to,
			       bool no_soft_reset);
	int (*reset)(void *data);
	int (*rom_enable)(void *data, bool enable);
	int (*set_readrq)(void *data, int *bytes);
};

/* The command register bits that go through set_command. */
#define CFGV_CMD_HOOKED	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
			 PCI_COMMAND_MASTER | PCI_COMMAND_INVALIDATE)

/**
 * struct cfgv_stats - per-device counters
 * @reads: guest read requests served
 * @writes: guest write requests served (carried out in whole or in part)
 * @denied: writes refused in part or whole by policy (CFGV_DENIED)
 * @invalid: requests answered CFGV_INVALID
 * @hw_failed: requests answered CFGV_HW_FAILED
 * @hook_failed: requests answered CFGV_HOOK_FAILED or CFGV_UNSUPPORTED
 * @logged: denials written to the kernel log: the first at each offset
 *	since the device was added or last reset, at most 10 per 5 s per
 *	device
 * @rebuilds: times the view was rebuilt from the hardware (reset, FLR,
 *	power-state loss, quirk change)
 * @pm_changes: power-state changes the guest made
 * @pm_refused: power-state requests refused (by rule or by the driver)
 * @last_denied_off: offset of the most recent denied write, or -1
 * @last_hook_err: errno of the most recent failed hook, or 0
 */
struct cfgv_stats {
	u64 reads;
	u64 writes;
	u64 denied;
	u64 invalid;
	u64 hw_failed;
	u64 hook_failed;
	u64 logged;
	u64 rebuilds;
	u64 pm_changes;
	u64 pm_refused;
	int last_denied_off;
	int last_hook_err;
};

struct cfgv_dev *cfgv_create(struct pci_dev *pdev,
			     const struct cfgv_hooks *hooks, void *data);
void cfgv_destroy(struct cfgv_dev *dev);

enum cfgv_status cfgv_read(struct cfgv_dev *dev, unsigned int off,
			   unsigned int size, u32 *val);
enum cfgv_status cfgv_write(struct cfgv_dev *dev, unsigned int off,
			    unsigned int size, u32 val);
enum cfgv_status cfgv_write_atomic(struct cfgv_dev *dev, unsigned int off,
				   unsigned int size, u32 val);
bool cfgv_write_sleeps(struct cfgv_dev *dev, unsigned int off,
		       unsigned int size, u32 val);
const char *cfgv_status_name(enum cfgv_status st);

int cfgv_reset(struct cfgv_dev *dev);
int cfgv_replay(struct cfgv_dev *dev);
bool cfgv_aer_report(struct cfgv_dev *dev, u32 uncor, u32 cor);
int cfgv_set_device_specific(struct cfgv_dev *dev, bool open);
bool cfgv_device_specific(const struct cfgv_dev *dev);

void cfgv_set_global_permissive(bool on);
bool cfgv_global_permissive(void);
void cfgv_set_permissive(struct cfgv_dev *dev, bool on);
bool cfgv_permissive(const struct cfgv_dev *dev);
void cfgv_set_interrupt_control(struct cfgv_dev *dev, bool on);
bool cfgv_interrupt_control(const struct cfgv_dev *dev);

int cfgv_quirk_add(struct cfgv_dev *dev, unsigned int off, unsigned int size,
		   u32 mask);
int cfgv_quirk_remove(struct cfgv_dev *dev, unsigned int off,
		      unsigned int size);

void cfgv_get_stats(struct cfgv_dev *dev, struct cfgv_stats *st);
size_t cfgv_footprint(struct cfgv_dev *dev);
void cfgv_dump(struct cfgv_dev *dev, struct seq_file *s);

#endif /* _XEN_PCIBACK_CFGV_H */
