#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkers-kernel.sh [m|y] - build the checkers' kernel from the cached
# Debian linux-source-6.1 with the project overlaid: the options of
# tests/vm/checkers-kernel.config on top of allnoconfig (lockdep, KFENCE,
# list and slab debugging; a Xen PV dom0 and a bare-QEMU KUnit kernel in
# one), pci_realign built in, xen-pciback a module ("m", the default) or
# built in ("y": the same kernel without the KUnit suites, whose copy of
# pciback's code would clash with the built-in one).  Prints the path
# of a kernel root like the one fetch-kernel.sh unpacks
# (boot/vmlinuz-<ver>, lib/modules/<ver>).  The build directory,
# $XPB_CACHE/kbuild/checkers, also serves kunit.py exec; "y" starts from
# a copy of it in checkers-y, so only what the two options touch is
# compiled again.  The first build takes minutes, later ones rebuild
# what changed.
set -euo pipefail
. "$(dirname "$0")/../common.sh"
variant=${1:-m}
[ $# -le 1 ] || die "usage: $0 [m|y]"
[[ $variant =~ ^[my]$ ]] || die "$variant: want m (xen-pciback a module) or y (built in)"

frag=$PROJ/tests/vm/checkers-kernel.config
b=$XPB_CACHE/kbuild/checkers
kroot=$b/kroot
"$PROJ/scripts/kernel-source.sh" > /dev/null
mkdir -p "$b" "$CCACHE_DIR"
km() { make -C "$KSRC" O="$b" ARCH=x86_64 "$@"; }

exec 9> "$BUILD_LOCK"
flock 9
# the rig's fixes to Linux itself (each file says why), applied once
for p in "$PROJ"/tests/vm/checkers-kernel-*.patch; do
	patch -d "$KSRC" -p1 -R -s -f --dry-run < "$p" > /dev/null 2>&1 && continue
	patch -d "$KSRC" -p1 -s -f --no-backup-if-mismatch < "$p" ||
		die "$p does not apply to $KSRC"
done
# the options: allnoconfig and the fragment, again only when it changed
if ! cmp -s "$frag" "$b/fragment" 2>/dev/null || [ ! -f "$b/.config" ]; then
	km KCONFIG_ALLCONFIG="$frag" allnoconfig > "$b/config.log" 2>&1 ||
		die "allnoconfig failed, see $b/config.log"
	cp "$frag" "$b/fragment"
fi
# every option asked for is in the result: Kconfig drops silently what
# an unmet dependency forbids
missing=$(grep '^CONFIG_' "$frag" | while read -r l; do
	grep -qx "$l" "$b/.config" || echo "$l"
done)
[ -z "$missing" ] || { rm -f "$b/fragment"; die "not in the checkers' kernel's .config (a dependency is missing): $missing"; }

km -j"$JOBS" CC="ccache gcc" bzImage modules > "$b/build.log" 2>&1 ||
	die "the checkers' kernel build failed, see $b/build.log"
if [ "$variant" = y ]; then
	# Seeded once (and again when the fragment changes) from a copy of
	# the m build, whose objects ccache then mostly has; afterwards a
	# build directory of its own, rebuilt where the sources changed.
	if ! cmp -s "$b/fragment" "$b-y/fragment" 2>/dev/null ||
	   ! grep -qx CONFIG_XEN_PCIDEV_BACKEND=y "$b-y/.config" 2>/dev/null; then
		rsync -a --delete --exclude=/kroot "$b/" "$b-y/"
		"$KSRC/scripts/config" --file "$b-y/.config" \
			--enable XEN_PCIDEV_BACKEND --disable XPB_KUNIT_TEST
		b=$b-y
		km olddefconfig > "$b/config.log" 2>&1 ||
			die "olddefconfig failed, see $b/config.log"
		grep -qx CONFIG_XEN_PCIDEV_BACKEND=y "$b/.config" ||
			die "CONFIG_XEN_PCIDEV_BACKEND=y did not hold in $b/.config"
		# Every object depends on the objtool binary, and objtool's
		# own build records absolute paths, so a copy rebuilds it and
		# with it every object.  Built here once, then dated as the
		# binary it replaces: only what the two options touch is
		# compiled again.
		km tools/objtool > "$b/objtool.log" 2>&1 ||
			die "objtool failed to build, see $b/objtool.log"
		find "$b/tools/objtool" -exec touch -h -r \
			"$XPB_CACHE/kbuild/checkers/tools/objtool/objtool" {} +
	fi
	b=$XPB_CACHE/kbuild/checkers-y
	kroot=$b/kroot
	km -j"$JOBS" CC="ccache gcc" bzImage modules > "$b/build.log" 2>&1 ||
		die "the checkers' kernel build (pciback built in) failed, see $b/build.log"
fi
kver=$(km -s kernelrelease)
rm -rf "$kroot"
mkdir -p "$kroot/boot"
km -s INSTALL_MOD_PATH="$kroot" modules_install > /dev/null
cp "$b/arch/x86/boot/bzImage" "$kroot/boot/vmlinuz-$kver"
cp "$b/.config" "$kroot/boot/config-$kver"
echo "$kroot"
