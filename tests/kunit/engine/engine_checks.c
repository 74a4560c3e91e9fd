// SPDX-License-Identifier: GPL-2.0
/*
 * Guest accesses with expected outcomes, and the judges the engine
 * suites apply after an operation: both capability chains as a guest
 * walks them, and hidden/pass-through bytes against the hardware.
 */
#include <linux/bitmap.h>
#include <linux/pci.h>
#include <kunit/test.h>

#include "engine_profiles.h"

/**
 * eng_rd() - guest read that must succeed
 * @test: the test
 * @fx: fixture
 * @off: offset
 * @size: size
 *
 * Return: the guest-visible value.
 */
u32 eng_rd(struct kunit *test, struct eng_fx *fx, unsigned int off,
	   unsigned int size)
{
	u32 v = 0;

	KUNIT_EXPECT_EQ(test, cfgv_read(fx->dev, off, size, &v), CFGV_OK);
	return v;
}

/**
 * eng_wr() - guest write that must be accepted
 * @test: the test
 * @fx: fixture
 * @off: offset
 * @size: size
 * @val: value
 */
void eng_wr(struct kunit *test, struct eng_fx *fx, unsigned int off,
	    unsigned int size, u32 val)
{
	KUNIT_EXPECT_EQ(test, cfgv_write(fx->dev, off, size, val), CFGV_OK);
}

/**
 * eng_wr_st() - guest write with an expected outcome
 * @test: the test
 * @fx: fixture
 * @off: offset
 * @size: size
 * @val: value
 * @want: the enum cfgv_status cfgv_write() must answer
 */
void eng_wr_st(struct kunit *test, struct eng_fx *fx, unsigned int off,
	       unsigned int size, u32 val, enum cfgv_status want)
{
	KUNIT_EXPECT_EQ_MSG(test, cfgv_write(fx->dev, off, size, val), want,
			    "write %#x to %#x size %u", val, off, size);
}

static u32 eng_get(struct eng_fx *fx, unsigned int off, unsigned int size)
{
	u32 v = 0;

	cfgv_read(fx->dev, off, size, &v);
	return v;
}

static bool eng_std_id_ok(u8 id)
{
	return id == PCI_CAP_ID_PM || id == PCI_CAP_ID_MSI ||
	       id == PCI_CAP_ID_MSIX || id == PCI_CAP_ID_EXP ||
	       id == PCI_CAP_ID_VPD || id == PCI_CAP_ID_VNDR;
}

static bool eng_ext_id_ok(u16 id)
{
	return id == PCI_EXT_CAP_ID_ERR || id == PCI_EXT_CAP_ID_DSN ||
	       id == PCI_EXT_CAP_ID_VNDR;
}

/**
 * eng_check_chains() - walk both chains as a guest would and judge them
 * @fx: fixture
 * @why: where to describe a failure
 * @len: size of @why
 *
 * Return: 0 if both chains are well formed (no loop, in bounds, only
 * allowed IDs, CAP_LIST consistent), -1 otherwise.
 */
int eng_check_chains(struct eng_fx *fx, char *why, size_t len)
{
	DECLARE_BITMAP(seen, SIM_CFG_SIZE / 4);
	unsigned int pos, n = 0;
	u32 hdr;

	bitmap_zero(seen, SIM_CFG_SIZE / 4);
	pos = eng_get(fx, PCI_CAPABILITY_LIST, 1);
	if (!!(eng_get(fx, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST) != !!pos) {
		snprintf(why, len, "CAP_LIST %s but pointer %#x",
			 pos ? "clear" : "set", pos);
		return -1;
	}
	while (pos) {
		u8 id = eng_get(fx, pos, 1);

		if (pos < PCI_STD_HEADER_SIZEOF || pos > 0xfc || pos & 3 ||
		    test_and_set_bit(pos / 4, seen) || !eng_std_id_ok(id) ||
		    ++n > 48) {
			snprintf(why, len, "bad standard capability %#x id %#x",
				 pos, id);
			return -1;
		}
		pos = eng_get(fx, pos + PCI_CAP_LIST_NEXT, 1);
	}
	if (fx->sd.pdev.cfg_size <= PCI_CFG_SPACE_SIZE)
		return 0;
	pos = PCI_CFG_SPACE_SIZE;
	hdr = eng_get(fx, pos, 4);
	if (!hdr)
		return 0;
	for (;;) {
		u16 id = PCI_EXT_CAP_ID(hdr);
		bool ok = eng_ext_id_ok(id) ||
			  (!id && pos == PCI_CFG_SPACE_SIZE &&
			   PCI_EXT_CAP_NEXT(hdr));

		if (!ok || test_and_set_bit(pos / 4, seen) || ++n > 1024) {
			snprintf(why, len, "bad extended capability %#x hdr %#x",
				 pos, hdr);
			return -1;
		}
		pos = PCI_EXT_CAP_NEXT(hdr);
		if (!pos)
			return 0;
		if (pos < PCI_CFG_SPACE_SIZE || pos > SIM_CFG_SIZE - 4) {
			snprintf(why, len, "extended pointer %#x out of bounds",
				 pos);
			return -1;
		}
		hdr = eng_get(fx, pos, 4);
	}
}

/**
 * eng_check_bytes() - judge what the guest sees of some bytes
 * @fx: fixture
 * @off: first byte
 * @size: 1, 2 or 4 (naturally aligned)
 * @why: where to describe a failure
 * @len: size of @why
 *
 * Return: 0 if hidden bits read 0 and pass-through bits equal the
 * hardware, -1 otherwise.
 */
int eng_check_bytes(struct eng_fx *fx, unsigned int off, unsigned int size,
		    char *why, size_t len)
{
	u32 v = eng_get(fx, off, size);
	u32 hw = sim_dev_peek(&fx->sd, off, size);
	u32 h = sim_dev_mask(fx->hide, off, size);
	u32 p = sim_dev_mask(fx->pass, off, size);

	if (v & h) {
		snprintf(why, len, "hidden %#x reads %#x", off, v);
		return -1;
	}
	if ((v ^ hw) & p) {
		snprintf(why, len, "pass-through %#x reads %#x, hardware %#x",
			 off, v, hw);
		return -1;
	}
	return 0;
}
