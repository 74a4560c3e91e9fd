#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh - the main job on a fresh Debian 12 machine (as root): install
# prerequisites, build the modules against Debian's kernel headers, then
# boot Debian's own kernel in QEMU and show the modules at work, with a
# before/after table of the BARs they touch, full bridge windows being
# grown and moved, then Xen 4.17 handing a device to a PV guest through
# this project's xen-pciback (the real xl, an unmodified pcifront), with
# Debian's stock module timed beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
scripts/prereqs.sh
make KDIR="$(debian_kdir)" modules
tests/vm/realign.sh --demo
tests/vm/realign-bridge.sh
# One benchmark round of each module shows the ratio (XEN_BENCH_ROUNDS=3
# for a spread).
PCIBACK_KO=drivers/xen/xen-pciback/xen-pciback.ko \
	DOM0_EXTRA_KO=drivers/pci/realign/pci-realign.ko \
	exec tests/vm/xen-pv.sh
