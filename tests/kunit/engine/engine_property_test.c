// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: seeded randomized property test of the config-space engine.
 *
 * For every profile, a reproducible stream of random guest operations
 * (any offset 0..0xfff, sizes 0-8, aligned or not, random, all-ones,
 * zero or read-back values) runs against the engine.  After every
 * operation:
 *  - an invalid request answered CFGV_INVALID and reached no register;
 *  - a valid one succeeded or, for a write, was refused in part
 *    (CFGV_DENIED) or, where one of the 1 in 16 injected hook failures
 *    hit, failed (CFGV_HOOK_FAILED);
 *  - the pass-through bits a write carried landed in the hardware;
 *  - no write changed a guarded bit of the simulated hardware (read-only,
 *    emulated or hidden) nor set a reserved bit, and VPD storage is intact;
 *  - the touched bytes read as the profile expects (hidden bits zero,
 *    pass-through bits equal to the hardware);
 *  - after a write, both capability chains are well formed.
 * Every few thousand operations the whole 4 KiB space is swept and the
 * IDs and BARs are checked against the PCI core's.
 *
 * The test runs plain, and again with permissive mode, with interrupt
 * control, and with random quirks opening hidden bits.  For each, what
 * the switch may open is written down here from the specification (not
 * the engine's tables) and taken out of the guard; everything else,
 * the MSI message and count above all, stays guarded.
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/pci.h>
#include <linux/prandom.h>

#include "engine_profiles.h"
#include "engine_property.h"

#define ENG_PROP_SWEEP	4096
/* operations per profile in each of the switched modes */
#define ENG_PROP_MODE_OPS	200000UL

static const char *const eng_mode_names[] = {
	[ENG_MODE_PLAIN] = "plain",
	[ENG_MODE_PERMISSIVE] = "permissive",
	[ENG_MODE_IRQ] = "interrupt-control",
	[ENG_MODE_QUIRKS] = "quirks",
};

static int eng_sweep(struct eng_fx *fx, char *why, size_t len)
{
	unsigned int off;

	for (off = 0; off < fx->sd.pdev.cfg_size; off += 4)
		if (eng_check_bytes(fx, off, 4, why, len))
			return -1;
	return 0;
}

/* Pass-through bits the simulated hardware lets a write change. */
static u32 eng_landing(struct eng_fx *fx, unsigned int off, unsigned int size)
{
	const struct sim_dev *sd = &fx->sd;

	return sim_dev_mask(fx->pass, off, size) &
	       ~sim_dev_mask(sd->ro, off, size) &
	       ~sim_dev_mask(sd->rw1c, off, size) &
	       ~sim_dev_mask(sd->rsvd, off, size);
}

static int eng_ids_ok(struct eng_fx *fx, char *why, size_t len)
{
	const struct pci_dev *pdev = &fx->sd.pdev;
	u32 v = 0;

	cfgv_read(fx->dev, PCI_VENDOR_ID, 4, &v);
	if (v == (pdev->vendor | (u32)pdev->device << 16))
		return 0;
	snprintf(why, len, "IDs read %#x", v);
	return -1;
}

/*
 * A BAR reads, per byte, either the host address or the size mask with
 * the host's type bits (a guest sizing it byte by byte).
 */
static int eng_bars_ok(struct eng_fx *fx, char *why, size_t len)
{
	const struct pci_dev *pdev = &fx->sd.pdev;
	unsigned int i, b;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		const struct resource *r = &pdev->resource[i];
		u64 size = resource_size(r);
		u32 host, mask, v = 0;
		bool hi = false;

		if (i && (pdev->resource[i - 1].flags & IORESOURCE_MEM_64) &&
		    resource_size(&pdev->resource[i - 1])) {
			r = &pdev->resource[i - 1];
			size = resource_size(r);
			hi = true;
		} else if (!size) {
			continue;
		}
		if (hi) {
			mask = upper_32_bits(~(size - 1));
			host = upper_32_bits(r->start);
		} else if (r->flags & IORESOURCE_IO) {
			mask = ~(u32)(size - 1) & ~3U;
			host = (u32)r->start | PCI_BASE_ADDRESS_SPACE_IO;
		} else {
			mask = lower_32_bits(~(size - 1)) & ~0xfU;
			host = lower_32_bits(r->start) |
			       (r->flags & IORESOURCE_MEM_64 ?
				PCI_BASE_ADDRESS_MEM_TYPE_64 : 0) |
			       (r->flags & IORESOURCE_PREFETCH ?
				PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
		}
		cfgv_read(fx->dev, PCI_BASE_ADDRESS_0 + 4 * i, 4, &v);
		for (b = 0; b < 32; b += 8) {
			u32 vb = (v >> b) & 0xff, hb = (host >> b) & 0xff;
			u32 mb = (mask >> b) & 0xff;

			if (vb != hb && vb != (mb | (hb & ~mb))) {
				snprintf(why, len, "BAR%u reads %#x (host %#x, mask %#x)",
					 i, v, host, mask);
				return -1;
			}
		}
	}
	return 0;
}

static void eng_open(struct eng_fx *fx, int off, int size, u32 bits)
{
	int i;

	if (off <= 0)
		return;
	for (i = 0; i < size; i++)
		fx->sd.guard[off + i] &= ~(bits >> (8 * i));
}

/*
 * What each switch opens, from the specification: permissive mode the
 * protected command bits, MPS and the device control 2 bits the host
 * owns, plus everything interrupt control opens; interrupt control
 * INTx-disable and the MSI and MSI-X enables (and MSI-X function mask).
 * Quirks go on random wholly hidden dwords with random masks.
 */
static void eng_mode_apply(struct eng_fx *fx, enum eng_mode mode,
			   struct rnd_state *rs)
{
	int n = 0, tries;

	switch (mode) {
	case ENG_MODE_PERMISSIVE:
		cfgv_set_permissive(fx->dev, true);
		eng_open(fx, PCI_COMMAND, 2, PCI_COMMAND_SPECIAL |
			 PCI_COMMAND_VGA_PALETTE | PCI_COMMAND_WAIT |
			 PCI_COMMAND_FAST_BACK);
		eng_open(fx, PCI_BIST, 1, PCI_BIST_START);
		if (fx->exp) {
			eng_open(fx, fx->exp + PCI_EXP_DEVCTL, 2,
				 PCI_EXP_DEVCTL_PAYLOAD);
			eng_open(fx, fx->exp + PCI_EXP_DEVCTL2, 2, 0xffff);
		}
		/* VPD writes reach the device through the PCI core */
		eng_open(fx, fx->vpd + PCI_VPD_DATA, 4, ~0U);
		fallthrough;
	case ENG_MODE_IRQ:
		if (mode == ENG_MODE_IRQ)
			cfgv_set_interrupt_control(fx->dev, true);
		eng_open(fx, PCI_COMMAND, 2, PCI_COMMAND_INTX_DISABLE);
		eng_open(fx, fx->msi + PCI_MSI_FLAGS, 2, PCI_MSI_FLAGS_ENABLE);
		eng_open(fx, fx->msix + PCI_MSIX_FLAGS, 2,
			 PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
		break;
	case ENG_MODE_QUIRKS:
		for (tries = 0; tries < 4096 && n < 4; tries++) {
			unsigned int dw = prandom_u32_state(rs) %
					  (fx->sd.pdev.cfg_size / 4);
			u32 mask = prandom_u32_state(rs) | 1;
			int off = dw * 4, i;

			if (sim_dev_mask(fx->hide, off, 4) != ~0U ||
			    cfgv_quirk_add(fx->dev, off, 4, mask))
				continue;
			for (i = 0; i < 4; i++) {
				fx->hide[off + i] &= ~(mask >> (8 * i));
				fx->pass[off + i] |= mask >> (8 * i);
			}
			/* a pass-through write may hit read-only bits */
			eng_open(fx, off, 4, mask);
			n++;
		}
		break;
	default:
		break;
	}
}

static unsigned int eng_pick_size(u32 r)
{
	static const u8 sizes[] = { 1, 2, 4, 1, 2, 4, 1, 2, 4, 3, 0, 8 };

	return sizes[r % ARRAY_SIZE(sizes)];
}

/**
 * eng_property_run() - run the randomized property test on one profile
 * @test: the test
 * @prof: the profile
 * @ops: number of guest operations
 * @seed: PRNG seed (the run is reproducible from it)
 * @mode: the switches to run under
 */
void eng_property_run(struct kunit *test, const struct eng_profile *prof,
		      unsigned long ops, u64 seed, enum eng_mode mode)
{
	struct eng_fx *fx = eng_setup(test, prof->build);
	struct sim_dev *sd = &fx->sd;
	struct rnd_state rs;
	unsigned long i, writes = 0, invalid = 0;
	ktime_t t0 = ktime_get();
	char why[96];

	prandom_seed_state(&rs, seed);
	eng_mode_apply(fx, mode, &rs);
	KUNIT_ASSERT_EQ(test, eng_check_chains(fx, why, sizeof(why)), 0);
	for (i = 0; i < ops; i++) {
		u32 r = prandom_u32_state(&rs);
		u32 v = prandom_u32_state(&rs);
		unsigned int size = eng_pick_size(prandom_u32_state(&rs));
		unsigned int off = (r >> 16) & 0xfff;
		bool wr = r & 1, ok;
		unsigned long sr = sd->reads, sw = sd->writes;
		int ret;

		if (r & 0x20)		/* half inside the device's space */
			off &= sd->pdev.cfg_size - 1;
		if ((r & 0x6) && size)	/* mostly naturally aligned */
			off &= ~(size - 1);
		ok = (size == 1 || size == 2 || size == 4) &&
		     !(off & (size - 1)) && off + size <= sd->pdev.cfg_size;
		if (wr) {
			if ((r & 0x18) == 0x8)
				v = ~0U;
			else if ((r & 0x18) == 0x10)
				v = 0;
			else if ((r & 0x18) == 0x18 && ok)
				cfgv_read(fx->dev, off, size, &v);
			fx->hook_ret = (r & 0xf00) == 0xf00 ? -EIO : 0;
			ret = cfgv_write(fx->dev, off, size, v);
			writes++;
		} else {
			ret = cfgv_read(fx->dev, off, size, &v);
		}
		if (!ok) {
			invalid++;
			if (ret != CFGV_INVALID || sd->reads != sr ||
			    sd->writes != sw) {
				KUNIT_FAIL(test, "%s op %lu: invalid %#x/%u gave %d",
					   prof->name, i, off, size, ret);
				return;
			}
			continue;
		}
		/* a healthy device: reads succeed, writes at worst are refused */
		if (ret != CFGV_OK &&
		    !(wr && (ret == CFGV_DENIED ||
			     (ret == CFGV_HOOK_FAILED && fx->hook_ret)))) {
			KUNIT_FAIL(test, "%s op %lu: %s %#x/%u gave %s",
				   prof->name, i, wr ? "write" : "read", off,
				   size, cfgv_status_name(ret));
			return;
		}
		if (wr && ret != CFGV_HOOK_FAILED &&
		    ((sim_dev_peek(sd, off, size) ^ v) &
		     eng_landing(fx, off, size))) {
			KUNIT_FAIL(test, "%s op %lu: write %#x to %#x/%u did not land: %#x",
				   prof->name, i, v, off, size,
				   sim_dev_peek(sd, off, size));
			return;
		}
		if (sd->guard_hits || sd->rsvd_hits) {
			KUNIT_FAIL(test, "%s op %lu: %s %#x/%u %#x: guard hit %#x (%lu/%lu)",
				   prof->name, i, wr ? "write" : "read", off,
				   size, v, sd->last_guard_off, sd->guard_hits,
				   sd->rsvd_hits);
			return;
		}
		if (eng_check_bytes(fx, off, size, why, sizeof(why)) ||
		    (wr && eng_check_chains(fx, why, sizeof(why))) ||
		    (i % ENG_PROP_SWEEP == 0 && (eng_sweep(fx, why, sizeof(why)) ||
						  eng_ids_ok(fx, why, sizeof(why)) ||
						  eng_bars_ok(fx, why, sizeof(why))))) {
			KUNIT_FAIL(test, "%s op %lu after %s %#x/%u val %#x: %s",
				   prof->name, i, wr ? "write" : "read", off,
				   size, v, why);
			return;
		}
		/* permissive mode lets the guest write VPD */
		if (sd->vpd_off && wr && mode != ENG_MODE_PERMISSIVE &&
		    memcmp(sd->vpd, fx->vpd_copy, SIM_VPD_SIZE)) {
			KUNIT_FAIL(test, "%s op %lu: VPD written", prof->name,
				   i);
			return;
		}
	}
	KUNIT_EXPECT_EQ(test, eng_sweep(fx, why, sizeof(why)), 0);
	kunit_info(test, "%s/%s: %lu ops (%lu writes, %lu invalid), seed %llu, %lld ms, 0 invariant breaks\n",
		   prof->name, eng_mode_names[mode], ops, writes, invalid,
		   seed, ktime_ms_delta(ktime_get(), t0));
}

/**
 * eng_prof_gen_params() - KUnit parameter generator over eng_profiles
 * @prev: previous profile, NULL for the first
 * @desc: where the profile name goes
 *
 * Return: the next profile, or NULL after the last.
 */
const void *eng_prof_gen_params(const void *prev, char *desc)
{
	const struct eng_profile *p = prev;

	p = p ? p + 1 : eng_profiles;
	if (p >= eng_profiles + eng_nprofiles)
		return NULL;
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
	return p;
}

static void randomized_ops_keep_invariants(struct kunit *test)
{
	const struct eng_profile *p = test->param_value;

	eng_property_run(test, p, ENG_PROP_OPS, ENG_PROP_SEED, ENG_MODE_PLAIN);
}

/* One (profile, mode) pair of the switched runs. */
struct eng_mode_case {
	const struct eng_profile *prof;
	enum eng_mode mode;
};

static struct eng_mode_case eng_mode_cases[16 * (ENG_NMODES - 1)];

static const void *eng_mode_gen_params(const void *prev, char *desc)
{
	const struct eng_mode_case *c = prev;
	unsigned int i;

	if (!c) {
		for (i = 0; i < eng_nprofiles * (ENG_NMODES - 1) &&
		     i < ARRAY_SIZE(eng_mode_cases); i++) {
			eng_mode_cases[i].prof = &eng_profiles[i / (ENG_NMODES - 1)];
			eng_mode_cases[i].mode = 1 + i % (ENG_NMODES - 1);
		}
		c = eng_mode_cases;
	} else {
		c++;
	}
	if (c >= eng_mode_cases + ARRAY_SIZE(eng_mode_cases) || !c->prof)
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s/%s", c->prof->name,
		 eng_mode_names[c->mode]);
	return c;
}

static void randomized_ops_under_switches(struct kunit *test)
{
	const struct eng_mode_case *c = test->param_value;

	eng_property_run(test, c->prof, ENG_PROP_MODE_OPS,
			 ENG_PROP_SEED + c->mode, c->mode);
}

static struct kunit_case engine_property_cases[] = {
	KUNIT_CASE_PARAM(randomized_ops_keep_invariants, eng_prof_gen_params),
	KUNIT_CASE_PARAM(randomized_ops_under_switches, eng_mode_gen_params),
	{}
};

static struct kunit_suite engine_property_suite = {
	.name = "xpb_engine_property",
	.exit = eng_exit,
	.test_cases = engine_property_cases,
};

kunit_test_suite(engine_property_suite);
