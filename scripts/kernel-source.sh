#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-source.sh - extract Debian's linux-source-6.1 into $XPB_CACHE once
# and overlay the project onto it, for KUnit and in-tree builds.
#
# The project's directories are copied (not linked) so that compiler
# command lines and __FILE__ strings are the same for every clone, which
# keeps ccache hits across CI runs.  Only files whose content changed get
# a new modification time, so make rebuilds only what changed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || die "$tarball missing: run scripts/prereqs.sh"
mkdir -p "$XPB_CACHE"
if [ ! -f "$KSRC/Makefile" ]; then
	echo "extracting $tarball into $XPB_CACHE"
	rm -rf "$KSRC"
	tar -xf "$tarball" -C "$XPB_CACHE"
fi

sync_dir() {	# sync_dir REL: project dir REL replaces KSRC/REL
	local dst=$KSRC/$1

	if [ -e "$dst" ] && [ ! -e "$dst.orig" ] && [ ! -f "$dst/.xpb-overlay" ]; then
		mv "$dst" "$dst.orig"
	fi
	mkdir -p "$dst"
	rsync -r -l -c --delete \
		--exclude='*.o' --exclude='*.ko' --exclude='*.a' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' \
		--exclude='*.d' --exclude='modules.order' \
		--exclude='Module.symvers' --exclude='.xpb-overlay' \
		"$PROJ/$1/" "$dst/"
	touch "$dst/.xpb-overlay"
}

# The project's pciback replaces the kernel's whole directory (its
# driver lives in subfolders: surface/, backend/, device/ and the pure
# rooms).
sync_dir drivers/xen/xen-pciback
sync_dir drivers/pci/realign
sync_dir tests/kunit
# Project headers go beside the kernel's own.
(cd "$PROJ" && find include -name '*.h') | while read -r h; do
	mkdir -p "$KSRC/$(dirname "$h")"
	rsync -c "$PROJ/$h" "$KSRC/$h"
done

hook() {	# hook FILE LINE: append LINE to KSRC/FILE once
	grep -qxF "$2" "$KSRC/$1" || printf '%s\n' "$2" >> "$KSRC/$1"
}
unhook() {	# unhook FILE LINE: remove LINE from KSRC/FILE, if there
	grep -qxF "$2" "$KSRC/$1" || return 0
	grep -vxF "$2" "$KSRC/$1" > "$KSRC/$1.tmp" || true
	mv "$KSRC/$1.tmp" "$KSRC/$1"
}
# Older overlays hooked the Kconfig files one by one: take those out.
unhook drivers/pci/Kconfig 'source "drivers/pci/realign/Kconfig"'
unhook Kconfig 'source "tests/kunit/Kconfig"'
rsync -c "$PROJ/Kconfig" "$KSRC/Kconfig.xen-pciback-ng"
hook Kconfig 'source "Kconfig.xen-pciback-ng"'
hook drivers/pci/Makefile 'obj-$(CONFIG_PCI_REALIGN) += realign/'
hook Kbuild 'obj-$(CONFIG_XPB_KUNIT_TEST) += tests/kunit/'
echo "overlay ready: $KSRC"
