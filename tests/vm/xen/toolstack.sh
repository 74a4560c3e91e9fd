#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# toolstack.sh XENROOT OUT - stage, under directory OUT, the part of a
# dom0's root file system that Xen's toolstack needs, for
# scripts/vm/mkinitrd.sh -t: xl, xenstored, xen-init-dom0, xenconsoled
# and the xenstore-* tools from XENROOT (Debian's packages unpacked by
# scripts/vm/fetch-xen.sh), lspci/setpci/trace-cmd from the host, and every shared
# library they load (the Xen ones from XENROOT, the rest from the host,
# which is the same Debian 12).  A library found nowhere is an error.
set -euo pipefail
. "$(dirname "$0")/../../../scripts/vm/lib.sh"

[ $# -eq 2 ] || die "usage: toolstack.sh XENROOT OUT"
xenroot=$(readlink -f "$1")
out=$2
xbin=usr/lib/xen-4.17/bin
xlib=usr/lib/x86_64-linux-gnu
[ -x "$xenroot/$xbin/xl" ] || die "$xenroot: no $xbin/xl (run scripts/vm/fetch-xen.sh)"
vm_need pciutils libc-bin trace-cmd

rm -rf "$out"
mkdir -p "$out/$xbin" "$out/$xlib" "$out/usr/bin" "$out/lib64" \
	"$out/etc/xen" "$out/usr/share/misc"
elves=()
for b in xl xenstored xen-init-dom0 xenconsoled xenconsole; do
	cp -a "$xenroot/$xbin/$b" "$out/$xbin/"
	elves+=("$out/$xbin/$b")
done
# One multi-call binary; the name it is called by picks the command.
cp -a "$xenroot/usr/bin/xenstore" "$out/usr/bin/"
elves+=("$out/usr/bin/xenstore")
for t in read write ls list rm exists watch chmod; do
	ln -s xenstore "$out/usr/bin/xenstore-$t"
done
cp -a "$xenroot/etc/xen/xl.conf" "$out/etc/xen/"
for b in lspci setpci trace-cmd; do
	cp "/usr/bin/$b" "$out/usr/bin/"
	elves+=("$out/usr/bin/$b")
done
[ -f /usr/share/misc/pci.ids ] && cp /usr/share/misc/pci.ids "$out/usr/share/misc/"

# Every library the binaries load, as its soname.
for e in "${elves[@]}"; do
	LD_LIBRARY_PATH=$xenroot/$xlib ldd "$e" ||
		die "ldd $e failed"
done > "$out/.ldd"
if grep -q 'not found' "$out/.ldd"; then
	grep 'not found' "$out/.ldd" | sort -u >&2
	die "libraries of the toolstack missing (above)"
fi
# glibc dlopens libgcc_s for pthread_cancel, which xl uses: without it
# "xl create" aborts after starting the domain.
# all of ldconfig's output is read: an early exit would SIGPIPE it (pipefail)
gcc_s=$(ldconfig -p | awk '$1 == "libgcc_s.so.1" && /x86-64/ && !f { print $NF; f = 1 }')
[ -n "$gcc_s" ] || die "libgcc_s.so.1 not found on the host (package libgcc-s1)"
echo "libgcc_s.so.1 => $gcc_s" >> "$out/.ldd"
awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' "$out/.ldd" | sort -u |
while read -r so path; do
	cp -L "$path" "$out/$xlib/$so"
done
interp=$(awk '$1 ~ /^\/lib64\/ld-linux/ { print $1; exit }' "$out/.ldd")
[ -n "$interp" ] || die "no ELF interpreter in the ldd output"
cp -L "$interp" "$out/lib64/$(basename "$interp")"
rm -f "$out/.ldd"
# The library search path is fixed in the ELF interpreter; a cache makes
# the lookup independent of the image's directory layout.
mkdir -p "$out/etc"
echo /usr/lib/x86_64-linux-gnu > "$out/etc/ld.so.conf"
ldconfig -r "$out" || die "ldconfig -r $out failed"
echo "toolstack: $(du -sh "$out" | cut -f1) in $out"
