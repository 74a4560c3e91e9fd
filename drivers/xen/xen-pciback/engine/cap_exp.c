// SPDX-License-Identifier: GPL-2.0
/*
 * PCI Express capability (endpoint view): per-bit rules for Device,
 * Link, Device 2 and Link 2 control; slot and root registers hidden;
 * the guest's Function Level Reset request goes to the reset hook.
 */
#include <linux/bitfield.h>
#include <linux/log2.h>
#include <linux/pci.h>

#include "internal.h"

/* relaxed ordering, extended tag, no snoop */
#define CFGV_DEVCTL_PASS	(PCI_EXP_DEVCTL_RELAX_EN | \
				 PCI_EXP_DEVCTL_EXT_TAG | \
				 PCI_EXP_DEVCTL_NOSNOOP_EN)
/*
 * Max_Read_Request_Size goes through the PCI core (the set_readrq hook),
 * which holds it to the host's pcie_bus_perf limit as it does for dom0's
 * own drivers; the guest reads back the size that holds.  Encodings 6
 * and 7 (8 and 16 KiB) are reserved.
 */
#define CFGV_READRQ_MAX		5
/*
 * Error reporting enables: virtual.  They work on their own, whatever
 * SERR says (PCIe 6.2.5), so a guest that turned them on, and decode
 * off, could have the function's Unsupported Requests reach a platform
 * that escalates them (XSA-120); dom0's AER driver keeps its values in
 * the hardware and the guest reads back its own.
 */
#define CFGV_DEVCTL_ERR		(PCI_EXP_DEVCTL_CERE | PCI_EXP_DEVCTL_NFERE | \
				 PCI_EXP_DEVCTL_FERE | PCI_EXP_DEVCTL_URRE)
/* MPS stays at the value the host chose for the whole hierarchy */
#define CFGV_DEVCTL_RO		(PCI_EXP_DEVCTL_PAYLOAD | \
				 PCI_EXP_DEVCTL_PHANTOM | \
				 PCI_EXP_DEVCTL_AUX_PME)
/* ASPM, common clock, clock PM and HW autonomous width: guest-virtual */
#define CFGV_LNKCTL_EMU		(PCI_EXP_LNKCTL_ASPMC | PCI_EXP_LNKCTL_CCC | \
				 PCI_EXP_LNKCTL_CLKREQ_EN | \
				 PCI_EXP_LNKCTL_HAWD)
#define CFGV_LNKCTL_RO		(PCI_EXP_LNKCTL_RCB | PCI_EXP_LNKCTL_LD | \
				 PCI_EXP_LNKCTL_RL | PCI_EXP_LNKCTL_LBMIE | \
				 PCI_EXP_LNKCTL_LABIE)
#define CFGV_LNKCTL_RSVD	0xf004
/* completion timeout, AtomicOp requester, IDO request/completion */
/* ARI forwarding, egress blocking, prefix blocking: ports only */
#define CFGV_DEVCTL2_RSVD	(PCI_EXP_DEVCTL2_ARI | \
				 PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK | 0x8000)
#define CFGV_DEVCTL2_PASS	(PCI_EXP_DEVCTL2_COMP_TIMEOUT | \
				 PCI_EXP_DEVCTL2_COMP_TMOUT_DIS | \
				 PCI_EXP_DEVCTL2_ATOMIC_REQ | \
				 PCI_EXP_DEVCTL2_IDO_REQ_EN | \
				 PCI_EXP_DEVCTL2_IDO_CMP_EN)
/* target speed, compliance and margining: guest-virtual */
#define CFGV_LNKCTL2_EMU	0xff9f
#define CFGV_LNKCTL2_RO		0x0060
#define CFGV_EXP_V1_LEN		0x24
#define CFGV_EXP_V2_LEN		0x3c

static enum cfgv_status cfgv_readrq_write(struct cfgv_wctx *c, u32 old,
					  u32 *val)
{
	const struct cfgv_hooks *h = c->dev->hooks;
	u32 enc = FIELD_GET(PCI_EXP_DEVCTL_READRQ, *val);
	int bytes = 128 << enc;
	int ret;

	if (!((old ^ *val) & PCI_EXP_DEVCTL_READRQ))
		return CFGV_OK;
	if (enc > CFGV_READRQ_MAX) {
		c->why = "reserved Max_Read_Request_Size";
		return CFGV_DENIED;
	}
	if (!h->set_readrq) {
		/* the engine's own write must not put the old size back */
		c->called = true;
		return cfgv_hw_update(c->dev, c->off, 2, PCI_EXP_DEVCTL_READRQ,
				      *val);
	}
	cfgv_hook_enter(c);
	ret = h->set_readrq(c->dev->data, &bytes);
	if (!ret && (bytes < 128 || bytes > 4096 || !is_power_of_2(bytes)))
		ret = -ERANGE;
	if (ret) {
		c->err = ret;
		c->why = "refused by the driver";
		return ret == -EPERM ? CFGV_DENIED : CFGV_HOOK_FAILED;
	}
	*val = (*val & ~PCI_EXP_DEVCTL_READRQ) |
	       FIELD_PREP(PCI_EXP_DEVCTL_READRQ, ilog2(bytes / 128));
	return CFGV_OK;
}

/*
 * Initiate Function Level Reset: reads as zero; the request goes to the
 * reset hook and, once the function is reset, the view is rebuilt.  The
 * rest of the write then lands on the reset function.
 */
static enum cfgv_status cfgv_devctl_write(struct cfgv_wctx *c, u32 old,
					  u32 *val)
{
	const struct cfgv_hooks *h = c->dev->hooks;
	enum cfgv_status st;
	int ret;

	st = cfgv_readrq_write(c, old, val);
	if (st != CFGV_OK || !(*val & PCI_EXP_DEVCTL_BCR_FLR))
		return st;
	*val &= ~PCI_EXP_DEVCTL_BCR_FLR;
	if (!h->reset)
		return CFGV_UNSUPPORTED;
	cfgv_hook_enter(c);
	ret = h->reset(c->dev->data);
	if (ret) {
		c->err = ret;
		c->why = "reset refused by the driver";
		return ret == -EPERM ? CFGV_DENIED : CFGV_HOOK_FAILED;
	}
	c->rebuild = true;
	return CFGV_OK;
}

static const struct cfgv_reg cfgv_exp_regs[] = {
	{ PCI_EXP_FLAGS, 2, .ro = 0xffff },
	{ PCI_EXP_DEVCAP, 4, .emu = PCI_EXP_DEVCAP_FLR, .ro = ~0U },
	{ PCI_EXP_DEVCTL, 2, .flags = CFGV_REG_REPLAY,
	  .emu = PCI_EXP_DEVCTL_BCR_FLR | CFGV_DEVCTL_ERR |
		 PCI_EXP_DEVCTL_READRQ,
	  .prot = CFGV_DEVCTL_RO,
	  .sleep = PCI_EXP_DEVCTL_BCR_FLR | PCI_EXP_DEVCTL_READRQ,
	  .mirror = PCI_EXP_DEVCTL_READRQ, .write = cfgv_devctl_write },
	{ PCI_EXP_DEVSTA, 2, .ro = PCI_EXP_DEVSTA_AUXPD | PCI_EXP_DEVSTA_TRPND,
	  .rw1c = PCI_EXP_DEVSTA_CED | PCI_EXP_DEVSTA_NFED |
		  PCI_EXP_DEVSTA_FED | PCI_EXP_DEVSTA_URD,
	  .rsvd = 0xffc0 },
	{ PCI_EXP_LNKCAP, 4, .ro = ~0U },
	{ PCI_EXP_LNKCTL, 2, .flags = CFGV_REG_REPLAY, .emu = CFGV_LNKCTL_EMU, .ro = CFGV_LNKCTL_RO,
	  .rsvd = CFGV_LNKCTL_RSVD },
	{ PCI_EXP_LNKSTA, 2, .ro = 0xffff },
	/* slot and root registers do not exist for an endpoint */
	{ PCI_EXP_SLTCAP, 4, .rsvd = ~0U },
	{ PCI_EXP_SLTCTL, 2, .rsvd = 0xffff },
	{ PCI_EXP_SLTSTA, 2, .rsvd = 0xffff },
	{ PCI_EXP_RTCTL, 2, .rsvd = 0xffff },
	{ PCI_EXP_RTCAP, 2, .rsvd = 0xffff },
	{ PCI_EXP_RTSTA, 4, .rsvd = ~0U },
	{ PCI_EXP_DEVCAP2, 4, .ro = ~0U },
	{ PCI_EXP_DEVCTL2, 2, .flags = CFGV_REG_REPLAY,
	  .rsvd = CFGV_DEVCTL2_RSVD,
	  .prot = 0xffff & ~CFGV_DEVCTL2_PASS },
	{ PCI_EXP_DEVSTA2, 2, .rsvd = 0xffff },
	{ PCI_EXP_LNKCAP2, 4, .ro = ~0U },
	{ PCI_EXP_LNKCTL2, 2, .emu = CFGV_LNKCTL2_EMU, .ro = CFGV_LNKCTL2_RO },
	{ PCI_EXP_LNKSTA2, 2, .ro = 0xffff },
	{ PCI_EXP_SLTCAP2, 4, .rsvd = ~0U },
	{ PCI_EXP_SLTCTL2, 2, .rsvd = 0xffff },
	{ PCI_EXP_SLTSTA2, 2, .rsvd = 0xffff },
};

static unsigned int cfgv_exp_len(struct cfgv_build *b, unsigned int off,
				 unsigned int *min)
{
	u16 flags = cfgv_hw_peek(b->dev, off + PCI_EXP_FLAGS, 2);

	/* device and link registers at least; the rest is clamped */
	*min = PCI_EXP_LNKSTA + 2;
	return (flags & PCI_EXP_FLAGS_VERS) > 1 ? CFGV_EXP_V2_LEN :
						  CFGV_EXP_V1_LEN;
}

static void cfgv_exp_install(struct cfgv_build *b, unsigned int off,
			     unsigned int len)
{
	cfgv_install(b, off, len, cfgv_exp_regs, ARRAY_SIZE(cfgv_exp_regs));
	/* offer FLR only when the driver can perform it */
	if (!b->dev->hooks->reset)
		cfgv_set_shadow(b, off + PCI_EXP_DEVCAP, 4, 0);
	/* FLR and the reporting enables read 0; MRRS is what the hardware has */
	cfgv_set_shadow(b, off + PCI_EXP_DEVCTL, 2,
			cfgv_shadow(b, off + PCI_EXP_DEVCTL, 2) &
			PCI_EXP_DEVCTL_READRQ);
}

const struct cfgv_cap cfgv_cap_exp = {
	.id = PCI_CAP_ID_EXP,
	.slot = offsetof(struct cfgv_map, exp),
	.len = cfgv_exp_len,
	.install = cfgv_exp_install,
};
