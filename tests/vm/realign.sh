#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# realign.sh [--demo] - end-to-end test of pci-realign.ko on Debian's own
# kernel in QEMU (TCG, -M pc, qboot firmware, which leaves BARs to Linux
# so small BARs of several devices share one page).
#
# Boot 1 loads the module with a selection and asserts, from sysfs and
# /proc/iomem, that the selected BARs are page-aligned with unchanged
# size and reserved tails, that other devices are untouched, that bad
# input is refused, and that the devices still work with their drivers.
# Boot 2 uses Linux's pci=resource_alignment= on the same devices; the
# two layouts are printed side by side.  --demo also prints the full
# before/after tables and the audit.  Exit status: 0 iff all "ok".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/vm/lib.sh"

demo=0
case $# in
0) ;;
1) [ "$1" = --demo ] || die "usage: $0 [--demo]"; demo=1 ;;
*) die "usage: $0 [--demo]" ;;
esac
out=$VMDIR/realign
mkdir -p "$out"
vm_realign_module
vm_maphold "$out"
"$PROJ/scripts/vm/mkinitrd.sh" "$out/initrd.gz" "$KROOT" \
	"$here/guest/realign-guest.sh" -f "$here/guest/lib.sh:/guest-lib.sh" \
	-f "$KO:/realign/pci-realign.ko" -f "$out/maphold:/realign/maphold" \
	sdhci-pci i6300esb pvpanic-pci

# Small-BAR devices at fixed slots; qboot packs their BARs together.
# shellcheck disable=SC2054
devs=(-device i6300esb,addr=03.0
      -object memory-backend-ram,id=shm,size=1M
      -device ivshmem-plain,memdev=shm,addr=04.0
      -device sdhci-pci,addr=05.0
      -device pvpanic-pci,addr=06.0
      -device pci-testdev,addr=07.0)
kernel=$KROOT/boot/vmlinuz-$KVER
"$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" "$out/realign.log" \
	"xpbtest=realign" "${devs[@]}"
"$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" "$out/anchor.log" \
	"xpbtest=anchor pci=resource_alignment=0000:00:05.0;0000:00:03.0" \
	"${devs[@]}"

log=$out/realign.log
if [ $demo = 1 ]; then
	echo "# MMIO BARs before and after loading pci-realign.ko" \
		"(devices=0000:00:05.0;pci:8086:25ab), qboot firmware"
	awk 'BEGIN { printf "%-7s %-13s %3s %12s %8s %-7s %s\n", "stage",
			"device", "BAR", "start", "size", "page", "tail" }
	     $1 == "T" && ($2 == "before" || $2 == "after") {
		printf "%-7s %-13s %3s %12s %8s %-7s %s\n", $2, $3, $4, $5,
			$6, $7, $8 == "tail" ? "reserved" : "-" }' "$log"
	echo "# audit (debugfs pci-realign/audit) after loading, then after" \
		"a run-time write of 00:04.0"
	awk '/^--- audit/ { p = 1; print; next }
	     p && /^(# |page |  [0-9a-f]+:)/ { print; next }
	     { p = 0 }' "$log"
	echo "# kernel log of the realigner"
	grep -e 'moved to' -e 'kept, page' -e 'not realigned' \
		-e 'rejected at' -e 'pci_realign: audit' "$log" || true
fi
grep -e '^ok - ' -e '^not ok - ' "$log" || true

# Comparison: the same two devices under each mechanism.
col() { echo "$1" | cut -d' ' -f"$2"; }
echo "# device        BAR hw size | qboot+Linux: start page | pci_realign: start   size page   tail | resource_alignment: start size page   tail"
for d in 0000:00:03.0 0000:00:05.0; do
	b=$(awk -v d=$d '$1 == "T" && $2 == "before" && $3 == d && $4 == 0' "$log")
	a=$(awk -v d=$d '$1 == "T" && $2 == "after" && $3 == d && $4 == 0' "$log")
	r=$(awk -v d=$d '$1 == "T" && $2 == "anchor" && $3 == d && $4 == 0' "$out/anchor.log")
	# shellcheck disable=SC2086
	set -- $b
	printf '# %s  0  %6s | %12s %-6s | %12s %6s %-6s %-4s | %12s %6s %-6s %s\n' \
		"$d" "$6" "$5" "$7" \
		"$(col "$a" 5)" "$(col "$a" 6)" "$(col "$a" 7)" "$(col "$a" 8)" \
		"$(col "$r" 5)" "$(col "$r" 6)" "$(col "$r" 7)" "$(col "$r" 8)"
done
bar0() { awk -v s="$2" '$1 == "T" && $2 == s && $3 == "0000:00:05.0" && $4 == 0 { print $6 }' "$1"; }
echo "# pci=resource_alignment gives the sdhci BAR $(bar0 "$out/anchor.log" anchor) bytes in sysfs" \
	"(hardware decodes $(bar0 "$log" before)) and reserves nothing;"
echo "# pci_realign keeps $(bar0 "$log" after) bytes and claims the rest of the page by name in /proc/iomem."
echo "# BARs still sharing a page: after pci_realign load $(grep -c '^T after .* shared ' "$log" || true)," \
	"with resource_alignment $(grep -c '^T anchor .* shared ' "$out/anchor.log" || true) (unselected devices)"
echo "# guest boot to init: $(sed -n 's/^GUEST: up at //p' "$log") (realign run)," \
	"$(sed -n 's/^GUEST: up at //p' "$out/anchor.log") (resource_alignment run)"

vm_tally "$log" "$out/anchor.log"
oks=$TALLY_OK fails=$TALLY_FAIL

# The comparison, asserted rather than printed only.
compare() {	# compare DESCRIPTION COMMAND...
	local what=$1

	shift
	if "$@"; then
		echo "ok - $what"; oks=$((oks + 1))
	else
		echo "not ok - $what"; fails=$((fails + 1))
	fi
}
tail0() { awk -v s="$2" '$1 == "T" && $2 == s && $3 == "0000:00:05.0" && $4 == 0 { print $8 }' "$1"; }
hw=$(bar0 "$log" before)
compare "resource_alignment inflates the sdhci BAR to a page ($(bar0 "$out/anchor.log" anchor) bytes)" \
	[ "$(bar0 "$out/anchor.log" anchor)" = 4096 -a "$hw" != 4096 ]
compare "resource_alignment reserves no tail" [ "$(tail0 "$out/anchor.log" anchor)" = - ]
compare "pci_realign keeps the hardware size ($hw bytes)" [ "$(bar0 "$log" after)" = "$hw" ]
compare "pci_realign reserves the tail by name" [ "$(tail0 "$log" after)" = tail ]
compare "no kernel report on either console (WARN, BUG, oops, lockdep, sanitizers)" \
	vm_splats "$log" "$out/anchor.log"
[ "$oks" -gt 0 ] || fails=$((fails + 1))
echo "# realign VM test: $oks ok, $fails not ok (logs in $out)"
[ "$fails" -eq 0 ]
