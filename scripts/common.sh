# SPDX-License-Identifier: GPL-2.0
# Shared settings for the harness scripts (sourced, not run).
#
# XPB_CACHE holds everything reused between runs, outside the clone so a
# fresh CI clone still finds it warm: the extracted kernel source, KUnit
# build directories, ccache, VM images.

PROJ=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Absolute, so scripts that change directory still find it.
XPB_CACHE=$(realpath -m -- "${XPB_CACHE:-/var/cache/xen-pciback-ng}")
KSRC=${KSRC:-$XPB_CACHE/linux-source-6.1}
export CCACHE_DIR=${CCACHE_DIR:-$XPB_CACHE/ccache}
JOBS=${JOBS:-$(nproc)}
# Builds and VMs are serialized: two cores cannot take two at once.
# XPB_LOCK lets several clones with their own caches share one lock.
# Clones must not share KSRC: the overlay (kernel-source.sh) is written
# outside the lock, so one clone's files could land in another's build.
BUILD_LOCK=${XPB_LOCK:-$XPB_CACHE/build.lock}
mkdir -p "$XPB_CACHE"

# debian_kdir: headers of the newest Debian amd64 kernel the
# prerequisites installed; none is an error that names the way out (the
# gates that need them fail with it)
debian_kdir() {
	local d

	d=$(find /usr/src -maxdepth 1 -name 'linux-headers-*-amd64' 2>/dev/null |
		sort -V | tail -1)
	[ -n "$d" ] ||
		die "no Debian kernel headers (/usr/src/linux-headers-*-amd64): run scripts/prereqs.sh"
	echo "$d"
}

die() {
	echo "error: $*" >&2
	exit 1
}

# QEMU 10 or newer (Debian 12: bookworm-backports, installed by
# prereqs.sh).  Bookworm's own QEMU 7.2 dies with a segmentation fault
# in the Xen rig: 2 of 4 Xen boots on a fresh machine, once right after
# an AER injection, once after xl create.
QEMU_MIN_MAJOR=10

# qemu_ok: the installed qemu-system-x86_64 is new enough
qemu_ok() {
	local v

	v=$(qemu-system-x86_64 --version 2>/dev/null |
		sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p')
	[ -n "$v" ] && [ "$v" -ge "$QEMU_MIN_MAJOR" ]
}
