#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh KERNEL INITRD LOG "CMDLINE" [QEMU ARGS]... - boot a kernel
# under QEMU (TCG, -M pc and qboot firmware by default), serial console
# into LOG, bounded by $VM_TIMEOUT seconds (default 240).  Holds the
# build lock for the run.  Prints the wall-clock boot time.
#   VM_BIOS   firmware image (default /usr/share/qemu/qboot.rom)
#   VM_MEM    guest RAM in MiB (default 512)
#   VM_MACHINE  QEMU machine type (default pc; q35 for PCIe topologies)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: boot.sh KERNEL INITRD LOG CMDLINE [QEMU ARGS]...}
initrd=${2:?INITRD}
log=${3:?LOG}
cmdline=${4:?CMDLINE}
shift 4
vm_qemu
bios=${VM_BIOS:-/usr/share/qemu/qboot.rom}
[ -f "$bios" ] || die "$bios missing (package qemu-system-data)"

t0=$(date +%s.%N)
rc=0
vm_lock timeout "${VM_TIMEOUT:-240}" qemu-system-x86_64 \
	-accel tcg -M "${VM_MACHINE:-pc}" -cpu max -m "${VM_MEM:-512}" -smp 1 \
	-bios "$bios" -nographic -no-reboot -net none \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 loglevel=4 $cmdline" \
	"$@" < /dev/null > "$log" 2>&1 || rc=$?
t1=$(date +%s.%N)
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
awk -v a="$t0" -v b="$t1" -v n="$(basename "$log")" -v rc="$rc" \
	'BEGIN { printf "vm: %s: %.1f s (qemu rc %d)\n", n, b - a, rc }'
[ "$rc" -eq 0 ] || die "$(vm_qemu_rc "$rc" "${VM_TIMEOUT:-240}"), see $log"
