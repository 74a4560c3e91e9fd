#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# prereqs.sh - install, from Debian's archive only, everything the build,
# the tests and the VM demonstrations need.  Idempotent: when every
# package is already installed it does nothing and needs no network.
set -euo pipefail
. "$(dirname "$0")/common.sh"

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev openssl
	python3 perl rsync kmod cpio xz-utils git patch
	linux-source-6.1 linux-config-6.1 linux-headers-amd64
	sparse ccache dkms debhelper dh-dkms debootstrap
	busybox-static pciutils socat trace-cmd
)
# QEMU: at least QEMU_MIN_MAJOR (common.sh), from bookworm-backports on
# Debian 12.
qemu_pkgs=(qemu-system-x86 qemu-system-data)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && qemu_ok; then
	echo "prereqs: all ${#pkgs[@]} packages present, $(qemu-system-x86_64 --version | head -1)"
	exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "prereqs: need root to install: ${missing[*]} ${qemu_pkgs[*]}" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
. /etc/os-release
qemu_from=()
if ! qemu_ok && [ "${VERSION_CODENAME:-}" = bookworm ]; then
	# deb822, like Debian 12's own /etc/apt/sources.list.d/debian.sources
	cat > /etc/apt/sources.list.d/bookworm-backports.sources <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	qemu_from=(-t bookworm-backports)
fi
echo "prereqs: installing ${missing[*]}${qemu_from[*]:+ and QEMU from bookworm-backports}"
apt-get update -q
[ ${#missing[@]} -eq 0 ] ||
	apt-get install -y -q --no-install-recommends "${missing[@]}"
qemu_ok || apt-get install -y -q --no-install-recommends "${qemu_from[@]}" \
	"${qemu_pkgs[@]}"
qemu_ok || { echo "prereqs: QEMU $QEMU_MIN_MAJOR or newer is needed, have: $(qemu-system-x86_64 --version 2>&1 | head -1)" >&2; exit 1; }
echo "prereqs: $(qemu-system-x86_64 --version | head -1)"
