#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh XEN KERNEL INITRD LOG "DOM0 CMDLINE" [QEMU ARGS]... - boot the
# Xen hypervisor XEN (uncompressed multiboot ELF) with KERNEL as a PV
# dom0 and INITRD as its initramfs, under QEMU TCG on q35 with an
# emulated VT-d (PCI pass-through to a PV guest needs an IOMMU).  Xen and
# dom0 share the serial console, written to LOG.  Bounded by $VM_TIMEOUT
# seconds (default 1800: a hang guard, not a speed limit); holds the build lock for the run; prints the
# wall-clock time of the run and of the wait for the lock.
#   VM_MEM    machine RAM in MiB (default 2048)
#   VM_CPU    QEMU CPU model (default Haswell-noTSX,-x2apic; "max" crashes
#             a PV dom0 in __static_call_update_early, so it is refused;
#             with x2APIC, which QEMU 10's TCG offers and 7.2's did not,
#             Xen 4.17 takes x2apic_mixed mode and, once a guest has a
#             device, is flooded with "No irq handler for vector 39" and
#             dom0 stalls)
#   DOM0_MEM  dom0's memory (default 768M)
#   XEN_ARGS  extra words for Xen's command line
set -euo pipefail
. "$(dirname "$0")/../../../scripts/vm/lib.sh"

usage="usage: boot.sh XEN KERNEL INITRD LOG \"DOM0 CMDLINE\" [QEMU ARGS]..."
[ $# -ge 5 ] || die "$usage"
xen=$1 kernel=$2 initrd=$3 log=$4 d0args=$5
shift 5
for f in "$xen" "$kernel" "$initrd"; do
	[ -f "$f" ] || die "$f: no such file ($usage)"
done
# QEMU's multiboot -initrd list is comma-separated: a path cannot hold one.
case $kernel$initrd in *,*) die "a comma in $kernel or $initrd: QEMU cannot pass it" ;; esac
cpu=${VM_CPU:-Haswell-noTSX,-x2apic,-pcid,-invpcid,-tsc-deadline}
[ "$cpu" != max ] || die "VM_CPU=max crashes a PV dom0; use Haswell-noTSX or qemu64"
vm_qemu

xenargs="console=com1 com1=115200,8n1 dom0_mem=${DOM0_MEM:-768M},max:${DOM0_MEM:-768M}"
xenargs+=" loglvl=all guest_loglvl=all ${XEN_ARGS:-}"
# Inside one -initrd module's command line a comma is written twice.
d0="console=hvc0 earlyprintk=xen panic=-1 $d0args"
d0=${d0//,/,,}

# The build lock is held for the run; the wait for it is shown apart.
tw=$(date +%s.%N)
exec 9> "$BUILD_LOCK"
flock 9
t0=$(date +%s.%N)
rc=0
timeout "${VM_TIMEOUT:-1800}" qemu-system-x86_64 \
	-accel tcg -M q35 -cpu "$cpu" -m "${VM_MEM:-2048}" -smp 2 \
	-nographic -no-reboot -net none \
	-device intel-iommu,intremap=on \
	-kernel "$xen" -append "$xenargs" \
	-initrd "$kernel $d0,$initrd" \
	"$@" < /dev/null > "$log" 2>&1 9>&- || rc=$?
t1=$(date +%s.%N)
flock -u 9
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
awk -v w="$tw" -v a="$t0" -v b="$t1" -v n="$(basename "$log")" -v rc="$rc" \
	'BEGIN { printf "vm: %s: %.1f s (qemu rc %d; %.1f s waiting for the build lock before)\n", n, b - a, rc, a - w }'
[ "$rc" -eq 0 ] || die "$(vm_qemu_rc "$rc" "${VM_TIMEOUT:-1800}"), see $log"
