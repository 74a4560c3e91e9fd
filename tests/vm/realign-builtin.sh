#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# realign-builtin.sh - test the built-in pci_realign= path: the checkers'
# kernel (scripts/vm/checkers-kernel.sh: Debian's 6.1 source with the
# project overlaid, CONFIG_PCI_REALIGN=y, lockdep and KFENCE; the same
# kernel is gate vm_hostile's Xen dom0), booted in QEMU (TCG, qboot) with
# small-BAR devices and pci_realign= on its command line; the
# realign_boot KUnit suites check the live devices.  The first build
# takes minutes; later ones reuse the build directory.
set -euo pipefail
. "$(dirname "$0")/../../scripts/vm/lib.sh"
[ $# -eq 0 ] || die "usage: $0 (no arguments)"

vm_qemu
root=$("$PROJ/scripts/vm/checkers-kernel.sh" | tail -1)
build=$XPB_CACHE/kbuild/checkers

sel='0000:00:05.0;pci:8086:25ab;13@00:06.0'
qemu_args='-device i6300esb,addr=03.0
	-object memory-backend-ram,id=shm,size=1M
	-device ivshmem-plain,memdev=shm,addr=04.0
	-device sdhci-pci,addr=05.0
	-device pvpanic-pci,addr=06.0
	-device pci-testdev,addr=07.0'

cd "$KSRC"
rc=0
rm -f "$build.json"
vm_lock python3 tools/testing/kunit/kunit.py exec --arch=x86_64 \
	--build_dir="$build" --timeout=600 --json="$build.json" \
	--kernel_args="pci_realign=$sel" \
	--qemu_args="$(echo "$qemu_args" | tr '\n\t' '  ')" \
	'realign_boot*' || rc=$?
echo "# pci_realign lines from the test kernel's log:"
grep -a -e 'pci_realign' -e 'to be placed alone' -e 'moved to' -e 'tail' \
	"$build/test.log" 2>/dev/null | head -20 || true
echo "full log: $build/test.log"
# the suite ran whole (tests/kunit/expected-suites), no kernel report
"$PROJ/scripts/kunit-summary.py" "$build.json" "$build/test.log" \
	"$PROJ/tests/kunit/expected-suites" builtin || rc=1

# A second boot of the same kernel, one vCPU, with an initramfs: the
# realigner's sysfs writer racing hot-removal and rescan under lockdep
# (tests/vm/guest/realign-race-guest.sh).  qboot packs the SD
# controller's and pvpanic's small BARs into one page.
out=$VMDIR/realign-race
mkdir -p "$out"
g=$PROJ/tests/vm/guest
"$PROJ/scripts/vm/mkinitrd.sh" "$out/initrd.gz" "$root" \
	"$g/realign-race-guest.sh" -f "$g/lib.sh:/guest-lib.sh" \
	-f "$g/realign-race.sh:/realign-race.sh"
VM_TIMEOUT=600 "$PROJ/scripts/vm/boot.sh" "$root/boot/vmlinuz-"* \
	"$out/initrd.gz" "$out/race.log" "xpbtest=race slub_debug=FZPU" \
	-device sdhci-pci,addr=06.0 -device pvpanic-pci,addr=07.0 || rc=1
echo "# boot 'race'"
grep -e '^# ' -e '^ok - ' -e '^not ok - ' "$out/race.log" || true
vm_tally "$out/race.log"
vm_splats "$out/race.log" || rc=1
echo "# race boot: $TALLY_OK ok, $TALLY_FAIL not ok (log $out/race.log)"
[ "$TALLY_FAIL" -eq 0 ] && [ "$TALLY_OK" -gt 0 ] || rc=1
exit $rc
