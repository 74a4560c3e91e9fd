// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit-hosted benchmarks of the config-space engine (figures only; no
 * case fails on timing).  Built with CONFIG_XPB_KUNIT_BENCH.
 *
 *  - nanoseconds per guest read and write through the engine against
 *    the same access made raw on the simulated device, for devices with
 *    1 to 48 capabilities;
 *  - the randomized property test at 10^7 operations per profile.
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/pci.h>

#include "engine_profiles.h"
#include "engine_property.h"

#define ENG_BENCH_ITERS	300000
#define ENG_BENCH_RUNS	9
#define ENG_BENCH_OPS	10000000UL

static int eng_bench_ncaps;

/* n 4-byte vendor-specific capabilities: 48 fill 0x40-0xff exactly */
static void eng_bench_build(struct eng_fx *fx)
{
	int i;

	sim_dev_init(&fx->sd, 0x1b36, 0x0001, 0xff000000);
	eng_bar(fx, 0, SZ_4K, SIM_BAR_MEM32, 0xfe000000);
	for (i = 0; i < eng_bench_ncaps; i++)
		fx->vndr = sim_dev_add_vndr(&fx->sd, 3);
}

static u64 eng_bench_once(struct eng_fx *fx, bool emu, bool wr)
{
	struct pci_dev *pdev = &fx->sd.pdev;
	u64 t0 = ktime_get_ns();
	unsigned int i, off;
	u32 v = 0;

	for (i = 0; i < ENG_BENCH_ITERS; i++) {
		off = (i * 4) & 0xfc;
		if (emu && wr)
			cfgv_write(fx->dev, off, 4, 0);
		else if (emu)
			cfgv_read(fx->dev, off, 4, &v);
		else if (wr)
			pci_write_config_dword(pdev, off, 0);
		else
			pci_read_config_dword(pdev, off, &v);
	}
	/* tenths of a nanosecond per access */
	return (ktime_get_ns() - t0) * 10 / ENG_BENCH_ITERS;
}

/*
 * Best of a few runs, raw and engine interleaved so that both see the
 * same share of a busy machine.
 */
static void eng_bench_pair(struct eng_fx *fx, bool wr, u64 *raw, u64 *emu)
{
	int i;

	*raw = U64_MAX;
	*emu = U64_MAX;
	for (i = 0; i < ENG_BENCH_RUNS; i++) {
		*raw = min(*raw, eng_bench_once(fx, false, wr));
		*emu = min(*emu, eng_bench_once(fx, true, wr));
	}
	*raw = *raw ?: 1;
}

/*
 * The machine is shared, so absolute times drift between profiles; the
 * flatness figure compares the engine/raw ratio of each profile with the
 * ratio of the 1-capability profile.
 */
static void access_cost_vs_raw(struct kunit *test)
{
	static const int ncaps[] = { 1, 8, 16, 32, 48 };
	u64 first_rd = 0, first_wr = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ncaps); i++) {
		struct eng_fx *fx;
		u64 raw_rd, raw_wr, emu_rd, emu_wr, r_rd, r_wr;

		eng_bench_ncaps = ncaps[i];
		fx = eng_setup(test, eng_bench_build);
		eng_bench_pair(fx, false, &raw_rd, &emu_rd);
		eng_bench_pair(fx, true, &raw_wr, &emu_wr);
		r_rd = emu_rd * 100 / raw_rd;
		r_wr = emu_wr * 100 / raw_wr;
		if (!i) {
			first_rd = r_rd ?: 1;
			first_wr = r_wr ?: 1;
		}
		kunit_info(test, "caps=%2d read: raw %llu.%llu ns, engine %llu.%llu ns, %llu.%02llux raw, flatness %llu.%02llux\n",
			   ncaps[i], raw_rd / 10, raw_rd % 10, emu_rd / 10,
			   emu_rd % 10, r_rd / 100, r_rd % 100,
			   r_rd / first_rd, r_rd * 100 / first_rd % 100);
		kunit_info(test, "caps=%2d write: raw %llu.%llu ns, engine %llu.%llu ns, %llu.%02llux raw, flatness %llu.%02llux\n",
			   ncaps[i], raw_wr / 10, raw_wr % 10, emu_wr / 10,
			   emu_wr % 10, r_wr / 100, r_wr % 100,
			   r_wr / first_wr, r_wr * 100 / first_wr % 100);
		eng_exit(test);
	}
}

static void randomized_ops_1e7(struct kunit *test)
{
	eng_property_run(test, test->param_value, ENG_BENCH_OPS,
			 ENG_PROP_SEED + 1, ENG_MODE_PLAIN);
}

static struct kunit_case engine_bench_cases[] = {
	KUNIT_CASE(access_cost_vs_raw),
	KUNIT_CASE_PARAM(randomized_ops_1e7, eng_prof_gen_params),
	{}
};

static struct kunit_suite engine_bench_suite = {
	.name = "xpb_bench_engine",
	.exit = eng_exit,
	.test_cases = engine_bench_cases,
};

kunit_test_suite(engine_bench_suite);
