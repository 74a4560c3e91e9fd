/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device profiles for the config-space engine suites, built on the
 * simulated configuration space, with what each profile expects of the
 * engine written down independently of the engine's own tables.
 */
#ifndef _XPB_TESTS_ENGINE_PROFILES_H
#define _XPB_TESTS_ENGINE_PROFILES_H

#include <kunit/test.h>

#include "../sim/sim_dev.h"
#include "../../../drivers/xen/xen-pciback/engine/cfgv.h"

/**
 * struct eng_fx - one simulated device under the engine
 * @sd: the simulated device
 * @dev: the engine's state for it
 * @hide: per byte, bits the guest must read as 0 (hidden structures)
 * @pass: per byte, bits the guest must see exactly as the hardware has them
 * @vpd_copy: VPD storage when the profile was built (must not change)
 * @cmd_calls: set_command hook calls
 * @cmd_old: the @old it was given last
 * @decode_calls: calls that changed memory or I/O decode
 * @mem: last memory decode request
 * @io: last I/O decode request
 * @master_calls: calls that changed bus mastering
 * @master: last bus master request
 * @mwi_calls: calls that changed Memory Write and Invalidate
 * @mwi_absent: the function has no MWI: set_command leaves it clear
 * @readrq_calls: set_readrq hook calls
 * @readrq_asked: the size it was given last
 * @readrq_cap: the hook holds the size to this (0: no limit), as
 *	pcie_set_readrq() does with pci=pcie_bus_perf
 * @pm_calls: set_power_state hook calls
 * @pm_from: last state it was given as the current one
 * @pm_state: last requested state
 * @pm_nosoftrst: NoSoftRst reported with it
 * @pm_lost: set_power_state answers CFGV_STATE_LOST
 * @reset_calls: reset hook calls
 * @saved_hdr: the header the hooks save and put back around a reset
 * @rom_calls: rom_enable hook calls
 * @rom_on: last ROM enable request
 * @rom_ret: what the rom_enable hook returns
 * @hook_ret: what every hook returns
 * @master_ret: what set_command returns for a bus master change
 * @hooks_set_cmd: set_command sets the COMMAND bits in the simulated
 *	hardware, as pci_enable_device() and pci_set_master() do
 * @disable_clears_master: turning decode off also turns bus mastering
 *	off, as pci_disable_device() does
 * @pm: offset of the PM capability (0: none)
 * @msi: offset of the MSI capability
 * @msix: offset of the MSI-X capability
 * @exp: offset of the PCI Express capability
 * @vpd: offset of the VPD capability
 * @vndr: offset of the first vendor-specific capability
 * @aer: offset of AER
 * @dsn: offset of DSN
 * @vsec: offset of the VSEC
 */
struct eng_fx {
	struct sim_dev sd;
	struct cfgv_dev *dev;
	u8 hide[SIM_CFG_SIZE];
	u8 pass[SIM_CFG_SIZE];
	u8 vpd_copy[SIM_VPD_SIZE];
	int cmd_calls;
	u16 cmd_old;
	int decode_calls;
	bool mem, io;
	int master_calls;
	bool master;
	int mwi_calls;
	bool mwi_absent;
	int readrq_calls;
	int readrq_asked;
	int readrq_cap;
	int pm_calls;
	int pm_from;
	int pm_state;
	bool pm_nosoftrst;
	bool pm_lost;
	int reset_calls;
	u32 saved_hdr[PCI_STD_HEADER_SIZEOF / 4];
	int rom_calls;
	bool rom_on;
	int rom_ret;
	int hook_ret;
	int master_ret;
	bool hooks_set_cmd;
	bool disable_clears_master;
	int pm, msi, msix, exp, vpd, vndr, aer, dsn, vsec;
};

/**
 * struct eng_profile - a named device model
 * @name: profile name
 * @build: fill in @fx->sd, @fx->hide, @fx->pass and the guard
 */
struct eng_profile {
	const char *name;
	void (*build)(struct eng_fx *fx);
};

extern const struct cfgv_hooks eng_hooks;
extern const struct eng_profile eng_profiles[];
extern const unsigned int eng_nprofiles;

void eng_nic(struct eng_fx *fx);
void eng_pcie_ep(struct eng_fx *fx);
void eng_hidden_caps(struct eng_fx *fx);
void eng_vf(struct eng_fx *fx);
void eng_first_ext_hidden(struct eng_fx *fx);
void eng_malformed(struct eng_fx *fx);

struct eng_fx *eng_setup(struct kunit *test, void (*build)(struct eng_fx *));
void eng_exit(struct kunit *test);
void eng_bar(struct eng_fx *fx, int bar, u64 size, unsigned int flags,
	     u64 addr);
void eng_rom(struct eng_fx *fx, u32 size, u32 addr);
void eng_expect_hidden(struct eng_fx *fx, int off, int len);
void eng_expect_pass(struct eng_fx *fx, int off, int size, u32 mask);
void eng_guard(struct eng_fx *fx, int off, int size, u32 mask);
u32 eng_rd(struct kunit *test, struct eng_fx *fx, unsigned int off,
	   unsigned int size);
void eng_wr(struct kunit *test, struct eng_fx *fx, unsigned int off,
	    unsigned int size, u32 val);
void eng_wr_st(struct kunit *test, struct eng_fx *fx, unsigned int off,
	       unsigned int size, u32 val, enum cfgv_status want);
int eng_check_chains(struct eng_fx *fx, char *why, size_t len);
int eng_check_bytes(struct eng_fx *fx, unsigned int off, unsigned int size,
		    char *why, size_t len);

#endif /* _XPB_TESTS_ENGINE_PROFILES_H */
