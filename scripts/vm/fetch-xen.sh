#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-xen.sh - download Debian's Xen 4.17 hypervisor and toolstack
# packages with apt-get (no installation on the host) and unpack them
# into $XPB_CACHE/vm/xenroot-<version>, with the hypervisor uncompressed
# as boot/xen.elf (a multiboot ELF that QEMU's -kernel loads).  Does
# nothing if already there.  Prints the xenroot path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || die "usage: fetch-xen.sh (no arguments)"
# What a PV dom0 needs to run xl, xenstored and xenconsoled: the
# toolstack, its libraries and the hypervisor itself.
pkgs=(xen-hypervisor-4.17-amd64 xen-utils-4.17 xen-utils-common xenstore-utils
      libxenmisc4.17 libxenstore4 libxencall1 libxenevtchn1
      libxenforeignmemory1 libxengnttab1 libxentoollog1 libxentoolcore1
      libxendevicemodel1 libxenhypfs1 libyajl2)
ver=$(apt-cache policy xen-utils-4.17 2>/dev/null |
	awk '$1 == "Candidate:" { print $2 }')
if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
	die "xen-utils-4.17 is not in your apt sources (Debian 12 main); run apt-get update"
fi
xenroot=$VMDIR/xenroot-$ver
if [ ! -f "$xenroot/boot/xen.elf" ]; then
	dl=$VMDIR/dl/xen-$ver
	mkdir -p "$dl"
	# apt drops to user _apt for downloads when it may write there.
	chown _apt "$dl" 2>/dev/null || true
	(cd "$dl" && apt-get download "${pkgs[@]}" >&2) ||
		die "apt-get download of the Xen packages failed (${pkgs[*]})"
	rm -rf "$xenroot.tmp"
	for p in "${pkgs[@]}"; do
		deb=$(ls "$dl/${p}"_*.deb 2>/dev/null | tail -1)
		[ -n "$deb" ] || die "no .deb for $p in $dl"
		dpkg -x "$deb" "$xenroot.tmp"
	done
	gz=$xenroot.tmp/boot/xen-4.17-amd64.gz
	[ -f "$gz" ] || die "$gz missing: unexpected xen-hypervisor package layout"
	zcat "$gz" > "$xenroot.tmp/boot/xen.elf"
	mv "$xenroot.tmp" "$xenroot"
fi
echo "$xenroot"
