#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitrd.sh OUT KROOT GUEST [-f FILE:DEST]... [-t DIR]... [MODULE]...
#
# Builds a busybox initramfs OUT (gzip cpio).  Its /init mounts proc,
# sysfs, devtmpfs and debugfs, runs GUEST as /guest.sh, prints
# "GUEST: done" and powers the VM off.  -f copies a host FILE (e.g. our
# .ko) to DEST in the image; -t copies the tree under host directory DIR
# into the image's root, links and modes kept (e.g. a toolstack); each
# MODULE is a module of the kernel in KROOT, copied with its dependencies
# so modprobe works in the guest.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:?usage: mkinitrd.sh OUT KROOT GUEST [-f FILE:DEST]... [-t DIR]... [MODULE]...}
kroot=$(readlink -f "${2:?KROOT}")
guest=${3:?GUEST}
shift 3
vm_need busybox-static cpio kmod
kver=$(ls "$kroot/lib/modules" | head -1)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d"/{bin,sbin,proc,sys,dev,tmp,etc,root,usr/bin,usr/sbin}
mkdir -p "$d/lib/modules/$kver"
cp /bin/busybox "$d/bin/busybox"
for a in $(/bin/busybox --list); do
	[ "$a" = busybox ] || ln -sf /bin/busybox "$d/bin/$a"
done

mods=()
while [ $# -gt 0 ]; do
	case $1 in
	-f)	src=${2%%:*}; dst=${2#*:}
		mkdir -p "$d/$(dirname "$dst")"
		cp "$src" "$d/$dst"
		shift 2 ;;
	-t)	[ -d "${2:-}" ] || die "-t ${2:-}: not a directory"
		cp -a "$2/." "$d/"
		shift 2 ;;
	*)	mods+=("$1"); shift ;;
	esac
done
: > "$d/.mods"
for m in "${mods[@]}"; do
	modprobe -d "$kroot" -S "$kver" --show-depends "$m" > "$d/.dep" ||
		die "no module '$m' in $kroot (kernel $kver)"
	awk '/^insmod/ { print $2 }' "$d/.dep" >> "$d/.mods"
done
sort -u "$d/.mods" | while read -r f; do
	rel=${f#"$kroot"}
	mkdir -p "$d/$(dirname "$rel")"
	cp "$f" "$d/$rel"
done
cp "$kroot/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} \
	"$d/lib/modules/$kver/"
rm -f "$d/.mods" "$d/.dep"
depmod -b "$d" "$kver"

cat > "$d/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t debugfs debugfs /sys/kernel/debug
echo "GUEST: up at $(cut -d' ' -f1 /proc/uptime)s"
sh /guest.sh
echo "GUEST: done at $(cut -d' ' -f1 /proc/uptime)s"
poweroff -f
INIT
chmod +x "$d/init"
cp "$guest" "$d/guest.sh"
(cd "$d" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
