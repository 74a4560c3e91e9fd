#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# realign-builtin.sh - test the built-in pci_realign= path: build an
# x86_64 kernel from the cached Debian 6.1 source with the project
# overlaid (CONFIG_PCI_REALIGN=y), boot it in QEMU (TCG, qboot) with
# small-BAR devices and pci_realign= on its command line, and run the
# realign_boot KUnit suite, which checks the live devices.  The first
# build takes about 9 minutes; later ones reuse the build directory.
set -euo pipefail
. "$(dirname "$0")/../../scripts/vm/lib.sh"
[ $# -eq 0 ] || die "usage: $0 (no arguments)"

build=$XPB_CACHE/kunit/realign-builtin
vm_qemu
"$PROJ/scripts/kernel-source.sh" >/dev/null

sel='0000:00:05.0;pci:8086:25ab;13@00:06.0'
qemu_args='-device i6300esb,addr=03.0
	-object memory-backend-ram,id=shm,size=1M
	-device ivshmem-plain,memdev=shm,addr=04.0
	-device sdhci-pci,addr=05.0
	-device pvpanic-pci,addr=06.0
	-device pci-testdev,addr=07.0'

mkdir -p "$build" "$CCACHE_DIR"
cd "$KSRC"
rc=0
rm -f "$build.json"
vm_lock python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--kunitconfig="$PROJ/tests/kunit/realign-builtin.kunitconfig" \
	--build_dir="$build" --jobs="$JOBS" --timeout=600 \
	--json="$build.json" \
	--make_options "CC=ccache gcc" \
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
exit $rc
