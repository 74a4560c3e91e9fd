#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb.sh - the xen-pciback-ng-dkms Debian package as an administrator
# meets it (issue 23 item 5), one "ok - " or "not ok - " line a step:
#
#   1. make deb builds it with Debian's dh-dkms (scripts/deb.sh);
#   2. apt-get installs it into a Debian 12 root that has Debian's kernel
#      <kver>, its headers and dkms (debootstrap, then apt: the root is
#      kept as a tarball in $XPB_CACHE/vm and unpacked afresh each run);
#      its DKMS builds both modules for that kernel;
#   3. there modinfo -n names ours for xen-pciback and pci-realign, in
#      updates/dkms, before the kernel's own;
#   4. both modules DKMS built load in a Xen dom0, and pciback binds a
#      function (tests/vm/xen-pv.sh, XEN_STAGE=deb);
#   5. apt-get purge: modinfo -n xen-pciback names the kernel's own
#      again, pci-realign is gone, and so are the sources and DKMS's tree.
#
#   KDIR   /usr/src/linux-headers-<kver> naming the kernel (default: the
#          newest installed)
# Exit status: 0 iff every step is "ok".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/vm/lib.sh"

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
kdir=${KDIR:-$(debian_kdir)}
kver=${kdir#/usr/src/linux-headers-}
[ "$kver" != "$kdir" ] || die "KDIR=$kdir: want /usr/src/linux-headers-<version>"
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$PROJ/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$PROJ/dkms.conf")
# a fresh cache has no VM folder yet when this gate runs first
mkdir -p "$VMDIR"
root=$VMDIR/deb-root
tarball=$VMDIR/deb-root-$kver.tar
oks=0 fails=0

not() { ! "$@"; }
# dkms_clean_install STATUS: dkms status says installed, and nothing else
# (a module it built but did not put in place shows a WARNING)
dkms_clean_install() {
	grep -q ': installed' <<< "$1" && ! grep -qi warning <<< "$1"
}
step() {	# step DESCRIPTION COMMAND...
	local desc=$1

	shift
	if "$@"; then
		echo "ok - $desc"
		oks=$((oks + 1))
	else
		echo "not ok - $desc"
		fails=$((fails + 1))
	fi
}
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	DEBIAN_FRONTEND=noninteractive "$@"; }
umount_root() {
	local m

	for m in dev/pts dev sys proc; do
		mountpoint -q "$root/$m" && umount -l "$root/$m"
	done
	return 0
}
# rm_root: remove the root, never while anything is mounted below it (a
# bind mount of /dev there would take the host's /dev with it)
rm_root() {
	if grep -q " $root/" /proc/mounts; then
		echo "# $root still has mounts: left in place"
		return 1
	fi
	rm -rf "$root"
}
finish() {
	umount_root
	rm_root
	echo "# deb: $oks ok, $fails not ok"
	[ "$fails" -eq 0 ] && [ "$oks" -gt 0 ]
	exit
}
trap finish EXIT

# The host's own Debian archive (and its security and updates suites),
# so the root gets the very kernel the headers here are of.
mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' \
	/etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

make_root() {
	local t=$root.tmp

	vm_need debootstrap
	umount_root
	rm -rf "$t"
	debootstrap --variant=minbase bookworm "$t" "$mirror" > "$VMDIR/debootstrap.log" 2>&1 || {
		tail -20 "$VMDIR/debootstrap.log"
		return 1
	}
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		cp /etc/apt/sources.list.d/debian.sources "$t/etc/apt/sources.list.d/"
		rm -f "$t/etc/apt/sources.list"
	fi
	mv "$t" "$root"
	mount_root
	in_root apt-get update -q &&
		in_root apt-get install -y -q --no-install-recommends \
			"linux-image-$kver" "linux-headers-$kver" dkms || return 1
	in_root apt-get clean
	umount_root
	tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
}
mount_root() {
	mount -t proc proc "$root/proc" && mount -t sysfs sys "$root/sys" &&
		mount --bind /dev "$root/dev" && mount --bind /dev/pts "$root/dev/pts"
}

deb=$("$PROJ/scripts/deb.sh" | tail -1)
step "make deb: $(basename "$deb")" [ -f "$deb" ]
step "the package holds the sources and dkms.conf under /usr/src/$name-$ver, no build product" \
	sh -c "dpkg-deb -c '$deb' > '$VMDIR/deb.list' &&
	       grep -q ' ./usr/src/$name-$ver/dkms.conf\$' '$VMDIR/deb.list' &&
	       grep -q ' ./usr/src/$name-$ver/drivers/xen/xen-pciback/surface/main.c\$' '$VMDIR/deb.list' &&
	       grep -q ' ./usr/src/$name-$ver/include/linux/pci_select.h\$' '$VMDIR/deb.list' &&
	       ! grep -qE '\.(o|ko|cmd)\$' '$VMDIR/deb.list'"
step "it depends on dkms (dh-dkms)" \
	sh -c "dpkg-deb -f '$deb' Depends | grep -qw dkms"

umount_root
rm_root || exit
if [ -f "$tarball" ]; then
	mkdir -p "$root" && tar -C "$root" -xf "$tarball"
	echo "# Debian root with $kver from $tarball"
else
	echo "# building a Debian 12 root with $kver (debootstrap $mirror)"
	make_root
fi
step "a Debian 12 root with Debian's kernel $kver, its headers and dkms" \
	[ -f "$root/boot/vmlinuz-$kver" -a -d "$root/usr/src/linux-headers-$kver" ]
mount_root || die "mounting /proc, /sys, /dev in $root failed"

cp "$deb" "$root/tmp/"
step "apt-get install ./$(basename "$deb")" \
	in_root apt-get install -y -q "/tmp/$(basename "$deb")"
status=$(in_root dkms status -m "$name" -v "$ver" -k "$kver" 2>&1)
echo "# dkms status: $status"
step "DKMS built and installed $name/$ver for $kver, with no warning" \
	dkms_clean_install "$status"
found=$(in_root modinfo -k "$kver" -n xen-pciback 2>&1)
echo "# modinfo -k $kver -n xen-pciback: $found"
step "modinfo -n xen-pciback names ours (updates/dkms), not the kernel's" \
	[ "$found" = "/lib/modules/$kver/updates/dkms/xen-pciback.ko" ]
step "modinfo -n pci-realign names ours (updates/dkms)" \
	[ "$(in_root modinfo -k "$kver" -n pci-realign 2>&1)" = "/lib/modules/$kver/updates/dkms/pci-realign.ko" ]

# Both load: the files apt's DKMS installed, in a Xen dom0.
mods=$root/lib/modules/$kver/updates/dkms
cp "$mods/xen-pciback.ko" "$mods/pci-realign.ko" "$VMDIR/" 2>/dev/null
if [ -f "$VMDIR/xen-pciback.ko" ] && [ -f "$VMDIR/pci-realign.ko" ]; then
	KDIR=$kdir XEN_STAGE=deb PCIBACK_KO=$VMDIR/xen-pciback.ko \
		DOM0_EXTRA_KO=$VMDIR/pci-realign.ko "$here/xen-pv.sh" > "$VMDIR/deb-xen.out" 2>&1
	rc=$?
	grep -e '^ok - ' -e '^not ok - ' -e '^# xen PV' "$VMDIR/deb-xen.out" | sed 's/^/# dom0| /'
	step "in a Xen dom0 both modules load and pciback binds a function (XEN_STAGE=deb)" \
		[ "$rc" -eq 0 ]
	[ "$rc" -eq 0 ] || tail -30 "$VMDIR/deb-xen.out" | sed 's/^/# /'
else
	step "in a Xen dom0 both modules load (no modules to take there)" false
fi
rm -f "$VMDIR/xen-pciback.ko" "$VMDIR/pci-realign.ko"

step "apt-get purge xen-pciback-ng-dkms" \
	in_root apt-get purge -y -q xen-pciback-ng-dkms
found=$(in_root modinfo -k "$kver" -n xen-pciback 2>&1)
echo "# after the purge, modinfo -k $kver -n xen-pciback: $found"
step "modinfo -n xen-pciback names the kernel's own again" \
	[ "$found" = "/lib/modules/$kver/kernel/drivers/xen/xen-pciback/xen-pciback.ko" ]
step "pci-realign is gone" not in_root modinfo -k "$kver" -n pci-realign
step "no sources or DKMS tree left (/usr/src/$name-$ver, /var/lib/dkms/$name)" \
	[ ! -e "$root/usr/src/$name-$ver" -a ! -e "$root/var/lib/dkms/$name" ]
