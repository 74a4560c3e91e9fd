#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stock-pciback.sh KROOT - build Debian's own xen-pciback for the kernel
# whose root KROOT is (as checkers-kernel.sh prints it: its
# lib/modules/<ver>/build is the build directory) and print the module's
# path.  The source is drivers/xen/xen-pciback of the cached
# linux-source-6.1 as Debian ships it, which kernel-source.sh keeps in
# xen-pciback.orig when it puts ours in its place.  The hostile gate
# runs the same attack against it, for a comparison.
set -euo pipefail
. "$(dirname "$0")/../common.sh"
[ $# -eq 1 ] || die "usage: $0 KROOT"
kver=$(ls "$1/lib/modules")
kb=$(readlink -f "$1/lib/modules/$kver/build")
[ -f "$kb/.config" ] || die "$1: no kernel build directory behind lib/modules/$kver/build"
grep -qx CONFIG_XEN_PCIDEV_BACKEND=m "$kb/.config" ||
	die "$kb: xen-pciback is not a module in this kernel"
src=$KSRC/drivers/xen/xen-pciback.orig
[ -f "$src/pci_stub.c" ] ||
	die "$src: Debian's xen-pciback source is missing (scripts/kernel-source.sh keeps it there)"
out=$XPB_CACHE/kbuild/stock-pciback-$(basename "$kb")

exec 9> "$BUILD_LOCK"
flock 9
mkdir -p "$out" "$CCACHE_DIR"
rsync -r -c "$src/" "$out/"
make -C "$kb" M="$out" CC="ccache gcc" -j"$JOBS" modules > "$out/build.log" 2>&1 ||
	die "building Debian's xen-pciback failed, see $out/build.log"
[ "$(modinfo -F vermagic "$out/xen-pciback.ko" | cut -d' ' -f1)" = "$kver" ] ||
	die "$out/xen-pciback.ko is not for $kver"
echo "$out/xen-pciback.ko"
