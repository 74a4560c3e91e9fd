/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Randomized property test of the config-space engine, shared with the
 * benchmark suite.
 */
#ifndef _XPB_TESTS_ENGINE_PROPERTY_H
#define _XPB_TESTS_ENGINE_PROPERTY_H

#include <kunit/test.h>

#include "engine_profiles.h"

#define ENG_PROP_OPS	1000000UL
#define ENG_PROP_SEED	0x78656e2d70636962ULL

/* Switches the property test runs under (see engine_property_test.c). */
enum eng_mode {
	ENG_MODE_PLAIN,
	ENG_MODE_PERMISSIVE,
	ENG_MODE_IRQ,
	ENG_MODE_QUIRKS,
	ENG_NMODES,
};

void eng_property_run(struct kunit *test, const struct eng_profile *prof,
		      unsigned long ops, u64 seed, enum eng_mode mode);
const void *eng_prof_gen_params(const void *prev, char *desc);

#endif /* _XPB_TESTS_ENGINE_PROPERTY_H */
