#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh - the main job on a fresh Debian 12 machine (as root): install
# prerequisites, build the modules against Debian's kernel headers, then
# boot Debian's own kernel in QEMU and show the modules at work, with a
# before/after table of the BARs they touch, then full bridge windows
# being grown and moved.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
scripts/prereqs.sh
make KDIR="$(debian_kdir)" modules
tests/vm/realign.sh --demo
exec tests/vm/realign-bridge.sh
