// SPDX-License-Identifier: GPL-2.0
/*
 * Page-sharing audit: which devices have an MMIO BAR in a page that
 * another device's BAR also touches.  Xen (XSA-461) treats such a
 * device as unsafe to pass through: the guest would map the page and
 * reach the neighbour's registers.
 */
#define pr_fmt(fmt) "pci_realign: " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/pci_realign.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "realign.h"

/*
 * Collect every audited BAR of every device, a pci_dev_get() per span.
 * Returns NULL when there is none, ERR_PTR(-ENOMEM) when out of memory.
 */
static struct realign_span *collect(unsigned int *n)
{
	struct realign_span *spans = NULL, *bigger;
	struct pci_dev *dev = NULL;
	unsigned int cap = 0;
	int resno;

	*n = 0;
	for_each_pci_dev(dev) {
		for (resno = 0; resno <= PCI_ROM_RESOURCE; resno++) {
			if (!realign_bar_audited(dev, resno))
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 64;
				bigger = krealloc_array(spans, cap,
							sizeof(*spans),
							GFP_KERNEL);
				if (!bigger)
					goto nomem;
				spans = bigger;
			}
			realign_page_span(&dev->resource[resno],
					  &spans[*n].first, &spans[*n].last);
			spans[*n].owner = pci_dev_get(dev);
			spans[*n].resno = resno;
			(*n)++;
		}
	}
	return spans;
nomem:
	pci_dev_put(dev);
	while (*n)
		pci_dev_put((struct pci_dev *)spans[--(*n)].owner);
	kfree(spans);
	return ERR_PTR(-ENOMEM);
}

static void release(struct realign_span *spans, unsigned int n)
{
	while (n)
		pci_dev_put((struct pci_dev *)spans[--n].owner);
	kfree(spans);
}

/**
 * realign_audit_summary() - log one line on page sharing
 *
 * Return: the number of BARs sharing a page with another device.
 */
int realign_audit_summary(void)
{
	struct realign_span *spans;
	unsigned int n, shared;

	spans = collect(&n);
	if (IS_ERR(spans)) {
		pr_err("audit: out of memory, no report\n");
		return PTR_ERR(spans);
	}
	shared = realign_sweep(spans, n);
	pr_info("audit: %u of %u MMIO BARs share a page with another device's BAR%s\n",
		shared, n, shared ? " (unsafe to pass through)" : "");
	release(spans, n);
	return shared;
}

static int audit_show(struct seq_file *m, void *v)
{
	struct realign_span *spans;
	unsigned int n, i, shared;
	resource_size_t end = 0;

	spans = collect(&n);
	if (IS_ERR(spans))
		return PTR_ERR(spans);
	shared = realign_sweep(spans, n);
	seq_printf(m, "# %u of %u MMIO BARs share a page with another device\n",
		   shared, n);
	for (i = 0; i < n; i++) {
		struct pci_dev *dev = (struct pci_dev *)spans[i].owner;

		if (!spans[i].shared)
			continue;
		if (!i || spans[i].first > end)
			seq_printf(m, "page %#llx:\n",
				   (unsigned long long)spans[i].first);
		end = max(end, spans[i].last);
		seq_printf(m, "  %s BAR %d %pR\n", pci_name(dev),
			   spans[i].resno, &dev->resource[spans[i].resno]);
	}
	release(spans, n);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(audit);

/* All PCI devices, as realign_page_conflict_in() walks them. */
static struct pci_dev *next_pci_dev(struct pci_dev *from, void *ctx)
{
	return pci_get_device(PCI_ANY_ID, PCI_ANY_ID, from);
}

/**
 * pci_realign_page_conflict() - find a device sharing a page with @dev
 * @dev: the device about to be passed through
 * @other: if not NULL and a conflict exists, set to the other device,
 *	with a reference the caller drops with pci_dev_put()
 *
 * Two devices conflict when an MMIO BAR (or ROM) of each touches the
 * same page: a guest given one could reach the other's registers.  With
 * no conflict now, a page of @dev's with free room in it that is not
 * reserved (no tail: neither realigned nor pci_realign_reserve_tails())
 * could still take a device added later.
 *
 * Return: 0 if every page of @dev's BARs is its own and stays so,
 * -EBUSY if another device shares one, -ENOENT if none does now but a
 * page's free room is not reserved.
 */
int pci_realign_page_conflict(struct pci_dev *dev, struct pci_dev **other)
{
	bool reserved;
	int ret;

	ret = realign_page_conflict_in(dev, other, next_pci_dev, NULL);
	if (ret)
		return ret;
	mutex_lock(&realign_lock);
	reserved = realign_pages_reserved(dev);
	mutex_unlock(&realign_lock);
	return reserved ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(pci_realign_page_conflict);

static struct dentry *dir;

/**
 * realign_debugfs_init() - create /sys/kernel/debug/pci-realign/audit
 *
 * Return: 0; debugfs errors are not fatal.
 */
int realign_debugfs_init(void)
{
	dir = debugfs_create_dir("pci-realign", NULL);
	debugfs_create_file("audit", 0444, dir, NULL, &audit_fops);
	return 0;
}

/**
 * realign_debugfs_exit() - remove the debugfs directory
 */
void realign_debugfs_exit(void)
{
	debugfs_remove_recursive(dir);
}
