/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Simulated PCI function for KUnit: a 4 KiB configuration space whose
 * registers behave like hardware (read-only, read-write, write-1-to-clear,
 * reserved, BAR size masks), reachable through the PCI core's normal
 * accessors because the embedded bus carries test pci_ops.
 */
#ifndef _XPB_TESTS_SIM_DEV_H
#define _XPB_TESTS_SIM_DEV_H

#include <linux/pci.h>
#include <linux/types.h>

#define SIM_CFG_SIZE	PCI_CFG_SPACE_EXP_SIZE
#define SIM_VPD_SIZE	256
/* bytes of the image sim_dev_vpd_image() writes, end tag included */
#define SIM_VPD_LEN	64

/* Flags for sim_dev_add_bar(). */
#define SIM_BAR_MEM32		0x0
#define SIM_BAR_IO		0x1
#define SIM_BAR_MEM64		0x2
#define SIM_BAR_PREFETCH	0x4

struct sim_dev;

/**
 * typedef sim_write_fn - device side effect run after a config write
 * @sd: the simulated device
 * @off: offset written
 * @size: access size in bytes
 * @val: value the requester wrote (before masks)
 */
typedef void (*sim_write_fn)(struct sim_dev *sd, int off, int size, u32 val);

/**
 * struct sim_dev - one simulated PCI function
 * @bus: bus whose ops route config accesses to @cfg
 * @pdev: the function as the PCI core sees it
 * @ops: accessors for @bus
 * @cfg: current register contents (what hardware would return)
 * @ro: bits that ignore writes (1 = read-only; BAR size bits live here)
 * @rw1c: bits cleared by writing 1, untouched by writing 0
 * @rsvd: reserved bits: read 0, ignore writes
 * @guard: bits the test declares off-limits to the code under test;
 *	a write through @ops that would change one is counted
 * @next_cap: where sim_dev_add_cap() places the next capability
 * @last_cap: offset of the last standard capability (0 = none)
 * @next_ext: where sim_dev_add_ext_cap() places the next one
 * @last_ext: offset of the last extended capability (0 = none)
 * @vpd_off: offset of the VPD capability (0 = none)
 * @vpd: VPD storage behind the VPD address/data handshake
 * @after_write: optional device side effect run after every write
 * @priv: owner data for @after_write
 * @reads: config reads served through @ops
 * @writes: config writes served through @ops
 * @all_ones: reads return all ones with success, as a function that has
 *	gone away does (surprise removal, link down); writes still land so a
 *	test sees what the code under test tried to write
 * @fail_reads: reads fail (PCIBIOS_DEVICE_NOT_FOUND) and return all ones
 * @fail_writes: writes fail (PCIBIOS_DEVICE_NOT_FOUND) and change nothing
 * @pm_stuck: the function ignores PowerState writes
 * @af_pos: an Advanced Features capability (linked into the list or not)
 *	whose Initiate FLR resets the function; 0: none
 * @core_access: the accesses now are the PCI core's (a test hook acting
 *	as the kernel would), which the guard does not judge
 * @reset_cfg: what a reset returns to (see sim_reset.c)
 * @powered_on: @reset_cfg is taken
 * @resets: resets the function went through (FLR, D3hot to D0)
 * @guard_hits: writes that changed (or tried to clear) a guarded bit
 * @rsvd_hits: writes that set a reserved bit to 1
 * @last_guard_off: offset of the most recent guard hit
 * @name: device name the PCI core prints for @pdev
 */
struct sim_dev {
	struct pci_bus bus;
	struct pci_dev pdev;
	struct pci_ops ops;
	u8 cfg[SIM_CFG_SIZE];
	u8 ro[SIM_CFG_SIZE];
	u8 rw1c[SIM_CFG_SIZE];
	u8 rsvd[SIM_CFG_SIZE];
	u8 guard[SIM_CFG_SIZE];
	int next_cap;
	int last_cap;
	int next_ext;
	int last_ext;
	int vpd_off;
	u8 vpd[SIM_VPD_SIZE];
	sim_write_fn after_write;
	void *priv;
	bool all_ones;
	bool fail_reads;
	bool fail_writes;
	bool pm_stuck;
	int af_pos;
	bool core_access;
	u8 reset_cfg[SIM_CFG_SIZE];
	bool powered_on;
	unsigned long resets;
	unsigned long reads;
	unsigned long writes;
	unsigned long guard_hits;
	unsigned long rsvd_hits;
	int last_guard_off;
	char name[16];
};

void sim_dev_init(struct sim_dev *sd, u16 vendor, u16 device, u32 class);
void sim_dev_set_ids(struct sim_dev *sd, u16 subvendor, u16 subdevice, u8 rev);
void sim_dev_define(struct sim_dev *sd, int off, int size, u32 val,
		    u32 ro, u32 rw1c, u32 rsvd);
int sim_dev_add_bar(struct sim_dev *sd, int bar, u64 size, unsigned int flags,
		    u64 addr);
int sim_dev_add_rom(struct sim_dev *sd, u32 size, u32 addr);
int sim_dev_add_cap(struct sim_dev *sd, u8 id, int len);
int sim_dev_add_ext_cap(struct sim_dev *sd, u16 id, u8 ver, int len);
int sim_dev_add_pm(struct sim_dev *sd, u16 pmc);
int sim_dev_add_msi(struct sim_dev *sd, bool is64, bool maskable, u8 mmc);
int sim_dev_add_msix(struct sim_dev *sd, u16 qsize, u8 bir, u32 table_off,
		     u32 pba_off);
int sim_dev_add_exp(struct sim_dev *sd, u8 type, u32 devcap);
int sim_dev_add_vpd(struct sim_dev *sd);
void sim_dev_vpd_image(struct sim_dev *sd);
int sim_dev_add_vndr(struct sim_dev *sd, int len);
int sim_dev_add_aer(struct sim_dev *sd);
int sim_dev_add_dsn(struct sim_dev *sd, u64 serial);
int sim_dev_add_vsec(struct sim_dev *sd, u16 vsec_id, int len);
u32 sim_dev_peek(const struct sim_dev *sd, int off, int size);
void sim_dev_poke(struct sim_dev *sd, int off, int size, u32 val);
void sim_dev_guard(struct sim_dev *sd, int off, int size, u32 mask);
u32 sim_dev_mask(const u8 *mask, int off, int size);
void sim_dev_power_on(struct sim_dev *sd);

#endif /* _XPB_TESTS_SIM_DEV_H */
