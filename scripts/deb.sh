#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb.sh - build the xen-pciback-ng-dkms Debian package (make deb) with
# Debian's own helpers (debhelper, dh-dkms) from a copy of the tree, so
# that no build product of the tree lands in it.  Leaves
# dist/xen-pciback-ng-dkms_<version>_all.deb (DEB_OUT overrides dist/)
# and prints its path last.
set -euo pipefail
. "$(dirname "$0")/common.sh"

out=$(realpath -m -- "${DEB_OUT:-$PROJ/dist}")
missing=()
for p in debhelper dh-dkms dpkg-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" -eq 0 ] ||
		die "need ${missing[*]} (run scripts/prereqs.sh as root)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >&2
fi

# The package's version is the changelog's; DKMS installs the sources
# under dkms.conf's: one number, or the package would point at nothing.
# The modules carry it too: DKMS replaces the kernel's pciback only with
# a module that has a version.
ver=$(dpkg-parsechangelog -l "$PROJ/debian/changelog" -S Version)
dver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$PROJ/dkms.conf")
[ "$ver" = "$dver" ] ||
	die "debian/changelog has version $ver, dkms.conf $dver: make them agree"
for f in drivers/pci/realign/main.c drivers/xen/xen-pciback/surface/main.c; do
	grep -qF "MODULE_VERSION(\"$ver\");" "$PROJ/$f" ||
		die "$f: no MODULE_VERSION(\"$ver\") (debian/changelog has $ver)"
done

work=$XPB_CACHE/deb-build
rm -rf "$work"
mkdir -p "$work/xen-pciback-ng-$ver" "$out"
rsync -a --exclude=.git --exclude=.gates --exclude=/dist \
	--exclude-from="$PROJ/.gitignore" "$PROJ/" "$work/xen-pciback-ng-$ver/"
(cd "$work/xen-pciback-ng-$ver" && dpkg-buildpackage -b --no-sign) >&2
deb=xen-pciback-ng-dkms_${ver}_all.deb
cp "$work/$deb" "$out/$deb"
rm -rf "$work"
echo "$out/$deb"
