// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the engine's trace events.  Probes are attached straight to the
 * tracepoints, so no tracer has to run: every served read and write
 * fires its event once with the request's fields, every denial fires the
 * deny event with the refused bits, and an invalid request fires nothing.
 */
#include <kunit/test.h>
#include <linux/tracepoint.h>
#include <trace/events/xen_pciback_cfg.h>

#include "engine_profiles.h"

/**
 * struct trace_seen - what one tracepoint reported
 * @hits: times it fired
 * @pdev: device of the last event
 * @off: offset of the last event
 * @size: size of the last event
 * @val: value of the last event
 * @bits: refused bits of the last deny event
 * @why: kind of refusal of the last deny event
 */
struct trace_seen {
	unsigned int hits;
	struct pci_dev *pdev;
	unsigned int off;
	unsigned int size;
	u32 val;
	u32 bits;
	const char *why;
};

/**
 * struct trace_fx - probes' state for one test
 * @read: xen_pciback_cfg_read
 * @write: xen_pciback_cfg_write
 * @deny: xen_pciback_cfg_deny
 */
struct trace_fx {
	struct trace_seen read;
	struct trace_seen write;
	struct trace_seen deny;
};

static void trace_note(struct trace_seen *s, struct pci_dev *pdev,
		       unsigned int off, unsigned int size, u32 val)
{
	s->hits++;
	s->pdev = pdev;
	s->off = off;
	s->size = size;
	s->val = val;
}

static void probe_read(void *data, struct pci_dev *pdev, unsigned int off,
		       unsigned int size, u32 val)
{
	trace_note(&((struct trace_fx *)data)->read, pdev, off, size, val);
}

static void probe_write(void *data, struct pci_dev *pdev, unsigned int off,
			unsigned int size, u32 val)
{
	trace_note(&((struct trace_fx *)data)->write, pdev, off, size, val);
}

static void probe_deny(void *data, struct pci_dev *pdev, unsigned int off,
		       unsigned int size, u32 val, u32 bits, const char *why)
{
	struct trace_fx *t = data;

	trace_note(&t->deny, pdev, off, size, val);
	t->deny.bits = bits;
	t->deny.why = why;
}

static int trace_res_init(struct kunit_resource *res, void *data)
{
	res->data = data;
	return 0;
}

/* A test resource, so the probes go even when an assertion ends the test. */
static void trace_detach(struct kunit_resource *res)
{
	void *data = res->data;

	unregister_trace_xen_pciback_cfg_read(probe_read, data);
	unregister_trace_xen_pciback_cfg_write(probe_write, data);
	unregister_trace_xen_pciback_cfg_deny(probe_deny, data);
	tracepoint_synchronize_unregister();
}

static struct trace_fx *trace_attach(struct kunit *test)
{
	struct trace_fx *t;
	int ret;

	if (!IS_ENABLED(CONFIG_TRACEPOINTS))
		kunit_skip(test, "kernel built without CONFIG_TRACEPOINTS");
	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	/* detaching a probe that never attached is harmless: resource first */
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, trace_res_init,
							 trace_detach,
							 GFP_KERNEL, t));
	ret = register_trace_xen_pciback_cfg_read(probe_read, t) |
	      register_trace_xen_pciback_cfg_write(probe_write, t) |
	      register_trace_xen_pciback_cfg_deny(probe_deny, t);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return t;
}

static void read_event_carries_guest_view(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct trace_fx *t = trace_attach(test);
	u32 v = eng_rd(test, fx, PCI_VENDOR_ID, 4);

	KUNIT_EXPECT_EQ(test, t->read.hits, 1U);
	KUNIT_EXPECT_PTR_EQ(test, t->read.pdev, &fx->sd.pdev);
	KUNIT_EXPECT_EQ(test, t->read.off, (unsigned int)PCI_VENDOR_ID);
	KUNIT_EXPECT_EQ(test, t->read.size, 4U);
	KUNIT_EXPECT_EQ(test, t->read.val, v);
	KUNIT_EXPECT_EQ(test, t->write.hits + t->deny.hits, 0U);
}

static void write_event_carries_guest_value(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct trace_fx *t = trace_attach(test);

	eng_wr(test, fx, PCI_CACHE_LINE_SIZE, 1, 0x10);
	KUNIT_EXPECT_EQ(test, t->write.hits, 1U);
	KUNIT_EXPECT_EQ(test, t->write.off, (unsigned int)PCI_CACHE_LINE_SIZE);
	KUNIT_EXPECT_EQ(test, t->write.size, 1U);
	KUNIT_EXPECT_EQ(test, t->write.val, 0x10U);
	KUNIT_EXPECT_EQ(test, t->deny.hits, 0U);
}

static void deny_event_names_refused_bits(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct trace_fx *t = trace_attach(test);
	unsigned int fl = fx->msi + PCI_MSI_FLAGS;

	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, fl, 2, PCI_MSI_FLAGS_ENABLE),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, fl, 2, PCI_MSI_FLAGS_ENABLE),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, t->write.hits, 2U);
	/* every denial is traced, even though it is logged only once */
	KUNIT_EXPECT_EQ(test, t->deny.hits, 2U);
	KUNIT_EXPECT_EQ(test, t->deny.off, fl);
	KUNIT_EXPECT_EQ(test, t->deny.size, 2U);
	KUNIT_EXPECT_TRUE(test, t->deny.bits & PCI_MSI_FLAGS_ENABLE);
	KUNIT_EXPECT_EQ(test, t->deny.bits & ~(u32)PCI_MSI_FLAGS_ENABLE, 0U);
	KUNIT_EXPECT_STREQ(test, t->deny.why, "interrupt-control");
}

/* A byte write into a wider register: bits as the guest's byte saw them. */
static void deny_bits_of_a_partial_write_are_the_guests(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct trace_fx *t = trace_attach(test);
	const u32 fast_back = PCI_COMMAND_FAST_BACK >> 8;

	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, PCI_COMMAND + 1, 1,
					 fast_back | PCI_COMMAND_INTX_DISABLE >> 8),
			CFGV_DENIED);
	KUNIT_EXPECT_EQ(test, t->deny.hits, 1U);
	KUNIT_EXPECT_EQ(test, t->deny.off, (unsigned int)PCI_COMMAND + 1);
	KUNIT_EXPECT_EQ(test, t->deny.size, 1U);
	/* INTx-disable is the guest's (virtual): only fast back-to-back */
	KUNIT_EXPECT_EQ(test, t->deny.bits, fast_back);
	KUNIT_EXPECT_STREQ(test, t->deny.why, "permissive");
}

static void invalid_request_is_not_traced(struct kunit *test)
{
	struct eng_fx *fx = eng_setup(test, eng_pcie_ep);
	struct trace_fx *t = trace_attach(test);
	u32 v;

	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, 2, 4, &v), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0x1000, 1, 0), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, 0x40, 3, 0), CFGV_INVALID);
	KUNIT_EXPECT_EQ(test, t->read.hits + t->write.hits + t->deny.hits, 0U);
}

static struct kunit_case engine_trace_cases[] = {
	KUNIT_CASE(read_event_carries_guest_view),
	KUNIT_CASE(write_event_carries_guest_value),
	KUNIT_CASE(deny_event_names_refused_bits),
	KUNIT_CASE(deny_bits_of_a_partial_write_are_the_guests),
	KUNIT_CASE(invalid_request_is_not_traced),
	{}
};

static struct kunit_suite engine_trace_suite = {
	.name = "xpb_engine_trace",
	.exit = eng_exit,
	.test_cases = engine_trace_cases,
};

kunit_test_suite(engine_trace_suite);
