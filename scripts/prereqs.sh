#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# prereqs.sh - install, from Debian's archive only, everything the build,
# the tests and the VM demonstrations need.  Idempotent: when every
# package is already installed it does nothing and needs no network.
set -euo pipefail

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev openssl
	python3 perl rsync kmod cpio xz-utils git
	linux-source-6.1 linux-config-6.1 linux-headers-amd64
	sparse ccache dkms
	qemu-system-x86 qemu-system-data busybox-static pciutils
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "prereqs: all ${#pkgs[@]} packages present"
	exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "prereqs: need root to install: ${missing[*]}" >&2; exit 1; }
echo "prereqs: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
