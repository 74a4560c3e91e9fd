// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: answering the guest's requests.
 *
 * pcifront puts one request in the shared page, sets _XEN_PCIF_active
 * and spins until it is cleared, so each config access is a round trip
 * and the backend's latency is the guest's.  Config reads and the writes
 * the engine can do without sleeping are answered in the event channel
 * handler itself; the rest (writes with a sleeping side effect,
 * interrupt requests) go to a work item.  The channel is bound late-EOI
 * (XSA-332) and is only EOI'd once the answer is out, so one request per
 * guest is in flight and a guest cannot make the handler run faster
 * than it answers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/moduleparam.h>
#include <xen/events.h>

#include "../ops/rules.h"
#include "backend.h"

static bool xpb_verbose;
module_param_named(verbose_request, xpb_verbose, bool, 0644);
MODULE_PARM_DESC(verbose_request, "Log every guest request");

/* pciif's number for it; Linux's copy of pciif.h may predate it. */
#ifndef XEN_PCI_OP_enable_multi_msi
#define XEN_PCI_OP_enable_multi_msi	10
#endif

static void xpb_check_abi(void)
{
	BUILD_BUG_ON(XEN_PCI_ERR_success != XPB_ERR_SUCCESS);
	BUILD_BUG_ON(XEN_PCI_ERR_dev_not_found != XPB_ERR_DEV_NOT_FOUND);
	BUILD_BUG_ON(XEN_PCI_ERR_invalid_offset != XPB_ERR_INVALID_OFFSET);
	BUILD_BUG_ON(XEN_PCI_ERR_access_denied != XPB_ERR_ACCESS_DENIED);
	BUILD_BUG_ON(XEN_PCI_ERR_not_implemented != XPB_ERR_NOT_IMPLEMENTED);
	BUILD_BUG_ON(XEN_PCI_ERR_op_failed != XPB_ERR_OP_FAILED);
	BUILD_BUG_ON(SH_INFO_MAX_VEC != XPB_MAX_VEC);
}

/*
 * The function a request names; a quarantined one (error recovery) is
 * not found.  Context: fns_lock held.
 */
static struct xpb_dev *xpb_lookup(struct xpb_backend *be,
				  const struct xen_pci_op *op)
{
	unsigned int i;

	for (i = 0; i < be->nfns; i++) {
		const struct xpb_vfn_map *m = &be->fns[i];

		if (m->domain == op->domain && m->bus == op->bus &&
		    m->devfn == op->devfn)
			return READ_ONCE(m->dev->aer.quarantined) ? NULL :
			       m->dev;
	}
	return NULL;
}

static void xpb_count(struct xpb_dev *dev, const struct xen_pci_op *op,
		      bool fast)
{
	dev->cnt.ops++;
	if (fast)
		dev->cnt.fast++;
	if (op->err)
		dev->cnt.last_err = op->err;
}

/*
 * Write the answer back, let the frontend go on, accept the next.  The
 * private copy is free again before the frontend can send another.
 */
static void xpb_answer(struct xpb_backend *be, unsigned int nvec)
{
	struct xen_pci_op *op = &be->op;
	unsigned int i;

	/* from the event handler too: a guest must not flood the console */
	if (unlikely(xpb_verbose))
		dev_info_ratelimited(&be->xdev->dev, "domain %u: cmd %u %04x:%02x:%02x.%u off %#x size %u value %#x: err %d\n",
				     be->xdev->otherend_id, op->cmd, op->domain,
				     op->bus, PCI_SLOT(op->devfn),
				     PCI_FUNC(op->devfn), op->offset, op->size,
				     op->value, (int)op->err);
	be->sh->op.err = op->err;
	be->sh->op.value = op->value;
	for (i = 0; i < nvec; i++)
		be->sh->op.msix_entries[i].vector = op->msix_entries[i].vector;
	/* The answer is visible before the flag says so. */
	wmb();
	clear_bit(XPB_OP_IN_FLIGHT, &be->flags);
	clear_bit(_XEN_PCIF_active, xpb_sh_flags(be));
	notify_remote_via_irq(be->irq);
	xen_irq_lateeoi(be->irq, 0);
}

/* A config access answered without sleeping; false: defer it. */
static bool xpb_fast(struct xpb_backend *be)
{
	struct xen_pci_op *op = &be->op;
	enum cfgv_status st;
	struct xpb_dev *dev;
	u32 val = 0;

	if (op->cmd != XEN_PCI_OP_conf_read && op->cmd != XEN_PCI_OP_conf_write)
		return false;
	spin_lock(&be->fns_lock);
	dev = xpb_lookup(be, op);
	if (!dev) {
		spin_unlock(&be->fns_lock);
		op->err = XEN_PCI_ERR_dev_not_found;
		return true;
	}
	if (op->cmd == XEN_PCI_OP_conf_read) {
		st = cfgv_read(dev->cfgv, op->offset, op->size, &val);
		op->value = st == CFGV_OK ? val : 0;
	} else {
		st = cfgv_write_atomic(dev->cfgv, op->offset, op->size,
				       op->value);
		if (st == CFGV_NEED_SLEEP) {
			spin_unlock(&be->fns_lock);
			return false;
		}
	}
	op->err = xpb_cfg_err(st);
	xpb_count(dev, op, true);
	spin_unlock(&be->fns_lock);
	return true;
}

/**
 * xpb_evtchn_handler() - the frontend signalled a request
 * @irq: the event channel's interrupt
 * @data: the backend
 *
 * Return: IRQ_HANDLED.
 */
irqreturn_t xpb_evtchn_handler(int irq, void *data)
{
	struct xpb_backend *be = data;
	/* The same channel carries the guest's answers to error recovery. */
	bool aer = xpb_aer_wake(be);

	if (!test_bit(_XEN_PCIF_active, xpb_sh_flags(be))) {
		xen_irq_lateeoi(irq, aer ? 0 : XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	/*
	 * One request at a time: late EOI keeps the channel masked until
	 * the answer, but an event can still slip in (the IRQ moved to
	 * another CPU mid-handler).  The request in flight keeps its private
	 * copy; its answer's EOI stands for this event too.
	 */
	if (test_and_set_bit(XPB_OP_IN_FLIGHT, &be->flags)) {
		be->overlaps++;
		return IRQ_HANDLED;
	}
	/* The flag is seen before the request; copy it once (XSA-155). */
	rmb();
	memcpy(&be->op, &be->sh->op, sizeof(be->op));
	if (xpb_fast(be))
		xpb_answer(be, 0);
	else
		schedule_work(&be->work);
	return IRQ_HANDLED;
}

/* The pciif commands that are interrupt requests, and which. */
static const struct {
	bool irq;
	enum xpb_irq_op op;
} xpb_irq_ops[] = {
	[XEN_PCI_OP_enable_msi] = { true, XPB_IRQ_ENABLE_MSI },
	[XEN_PCI_OP_disable_msi] = { true, XPB_IRQ_DISABLE_MSI },
	[XEN_PCI_OP_enable_msix] = { true, XPB_IRQ_ENABLE_MSIX },
	[XEN_PCI_OP_disable_msix] = { true, XPB_IRQ_DISABLE_MSIX },
	[XEN_PCI_OP_enable_multi_msi] = { true, XPB_IRQ_ENABLE_MULTI_MSI },
};

/* Whether @cmd is an interrupt request, and which (bounds checked). */
static bool xpb_irq_op_of(u32 cmd, enum xpb_irq_op *what)
{
	if (cmd >= ARRAY_SIZE(xpb_irq_ops) || !xpb_irq_ops[cmd].irq)
		return false;
	*what = xpb_irq_ops[cmd].op;
	return true;
}

/* The pirq the guest binds for a dom0 interrupt. */
static u32 xpb_pirq(int irq)
{
	int pirq = irq > 0 ? xen_pirq_from_irq(irq) : 0;

	return pirq > 0 ? pirq : 0;
}

/*
 * MSI and MSI-X requests, judged by xpb_irq_check() first (XSA-157).
 * @what was read from the request once, by the caller.
 */
static int xpb_irq_request(struct xpb_backend *be, struct xpb_dev *dev,
			   enum xpb_irq_op what, unsigned int *nvec_out)
{
	struct xen_pci_op *op = &be->op;
	struct pci_dev *pdev = dev->pdev;
	u32 cmd = op->cmd;
	u16 entries[XPB_MAX_VEC];
	struct xpb_irq_state s = {
		.msi_on = pdev->msi_enabled,
		.msix_on = pdev->msix_enabled,
	};
	unsigned int i, nvec = 0;
	const char *why;
	int ret, err;
	u16 command;

	ret = pdev->msi_cap ? pci_msi_vec_count(pdev) : 0;
	s.msi_vecs = max(ret, 0);
	ret = pdev->msix_cap ? pci_msix_vec_count(pdev) : 0;
	s.msix_size = max(ret, 0);
	/* a VF's Memory Space Enable is hard-wired 0: its PF's decodes it */
	pci_read_config_word(pci_physfn(pdev), PCI_COMMAND, &command);
	s.mem_decode = command & PCI_COMMAND_MEMORY;
	if (what == XPB_IRQ_ENABLE_MSIX || what == XPB_IRQ_ENABLE_MULTI_MSI)
		nvec = op->value;
	if (what == XPB_IRQ_ENABLE_MSIX && nvec <= XPB_MAX_VEC)
		for (i = 0; i < nvec; i++)
			entries[i] = op->msix_entries[i].entry;
	dev->cnt.irq_ops++;
	op->value = 0;
	switch (xpb_irq_check(&s, what, nvec, entries, &err, &why)) {
	case XPB_REFUSE:
		dev->cnt.irq_refused++;
		dev_warn_ratelimited(&pdev->dev, "domain %u: interrupt request %u refused: %s\n",
				     be->xdev->otherend_id, cmd, why);
		return err;
	case XPB_NOTHING:
		return XEN_PCI_ERR_success;
	case XPB_MSIX_OFF:
		pci_disable_msix(pdev);
		xpb_intx_follow(dev);
		return XEN_PCI_ERR_success;
	case XPB_DO:
		break;
	}
	/* pdev->irq becomes an MSI vector: dom0's INTx handler goes first */
	if (what == XPB_IRQ_ENABLE_MSI || what == XPB_IRQ_ENABLE_MULTI_MSI ||
	    what == XPB_IRQ_ENABLE_MSIX)
		xpb_intx_set(dev, false);
	switch (what) {
	case XPB_IRQ_ENABLE_MSI:
	case XPB_IRQ_ENABLE_MULTI_MSI:
		nvec = max(nvec, 1U);
		ret = pci_alloc_irq_vectors(pdev, nvec, nvec, PCI_IRQ_MSI);
		if (ret < 0)
			break;
		op->value = xpb_pirq(pci_irq_vector(pdev, 0));
		return XEN_PCI_ERR_success;
	case XPB_IRQ_ENABLE_MSIX:
		for (i = 0; i < nvec; i++)
			be->entries[i] = (struct msix_entry){ .entry = entries[i] };
		ret = pci_enable_msix_exact(pdev, be->entries, nvec);
		if (ret)
			break;
		for (i = 0; i < nvec; i++)
			op->msix_entries[i].vector = xpb_pirq(be->entries[i].vector);
		*nvec_out = nvec;
		return XEN_PCI_ERR_success;
	case XPB_IRQ_DISABLE_MSI:
		pci_disable_msi(pdev);
		xpb_intx_follow(dev);
		return XEN_PCI_ERR_success;
	case XPB_IRQ_DISABLE_MSIX:
		pci_disable_msix(pdev);
		xpb_intx_follow(dev);
		return XEN_PCI_ERR_success;
	}
	dev_warn_ratelimited(&pdev->dev, "domain %u: interrupt request %u failed (%d)\n",
			     be->xdev->otherend_id, cmd, ret);
	/* still on INTx: dom0's handler comes back */
	xpb_intx_follow(dev);
	return XEN_PCI_ERR_op_failed;
}

/**
 * xpb_op_work() - answer a request that may sleep
 * @work: the backend's work item
 */
void xpb_op_work(struct work_struct *work)
{
	struct xpb_backend *be = container_of(work, struct xpb_backend, work);
	struct xen_pci_op *op = &be->op;
	u32 cmd = READ_ONCE(op->cmd);
	enum xpb_irq_op what;
	unsigned int nvec = 0;
	struct xpb_dev *dev;

	xpb_check_abi();
	spin_lock_irq(&be->fns_lock);
	dev = xpb_lookup(be, op);
	if (dev)
		xpb_dev_get(dev);
	spin_unlock_irq(&be->fns_lock);
	/*
	 * The function's op_lock, not xpb_lock: a slow request (an FLR, a
	 * power change) holds up this function only.  Taking a function
	 * from its guest needs op_lock too, so it stays ours until the
	 * answer once the owner is checked under it.
	 */
	if (dev) {
		mutex_lock(&dev->op_lock);
		if (READ_ONCE(dev->owner) != be || dev->gone) {
			mutex_unlock(&dev->op_lock);
			xpb_dev_put(dev);
			dev = NULL;
		}
	}
	if (!dev)
		op->err = XEN_PCI_ERR_dev_not_found;
	else if (cmd == XEN_PCI_OP_conf_write)
		op->err = xpb_cfg_err(cfgv_write(dev->cfgv, op->offset,
						 op->size, op->value));
	else if (xpb_irq_op_of(cmd, &what))
		op->err = xpb_irq_request(be, dev, what, &nvec);
	else
		op->err = XEN_PCI_ERR_not_implemented;
	if (dev) {
		xpb_count(dev, op, false);
		mutex_unlock(&dev->op_lock);
		xpb_dev_put(dev);
	}
	xpb_answer(be, nvec);
}
