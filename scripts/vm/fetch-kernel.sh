#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh KVER - download Debian's linux-image-KVER package with
# apt-get and unpack it into $XPB_CACHE/vm/kroot-KVER (kernel and
# modules, with modules.dep).  Does nothing if already there.  Prints the
# kroot path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kver=${1:?usage: fetch-kernel.sh KVER (e.g. 6.1.0-56-amd64)}
kroot=$VMDIR/kroot-$kver
if [ ! -f "$kroot/boot/vmlinuz-$kver" ]; then
	vm_need kmod
	mkdir -p "$VMDIR/dl"
	# apt drops to user _apt for downloads when it may write there.
	chown _apt "$VMDIR/dl" 2>/dev/null || true
	pkg=linux-image-$kver
	ls "$VMDIR/dl/${pkg}"_*.deb >/dev/null 2>&1 ||
		(cd "$VMDIR/dl" && apt-get download "$pkg" >&2) ||
		die "apt-get download $pkg failed (is it in your apt sources?)"
	rm -rf "$kroot.tmp"
	dpkg -x "$(ls "$VMDIR/dl/${pkg}"_*.deb | tail -1)" "$kroot.tmp"
	depmod -b "$kroot.tmp" "$kver"
	mv "$kroot.tmp" "$kroot"
fi
echo "$kroot"
