#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# realign-bridge.sh - pci-realign.ko growing full bridge windows, on
# Debian's own kernel in QEMU (TCG, -M pc, qboot).  Two nested
# pci-bridges hold 4 MiB of BARs with no free aligned page left, and the
# SD controller behind them shares its page with a watchdog.
#   boot "grow":    the space above the windows is free: both windows
#                   grow by 1 MiB and the controller moves into it.
#   boot "blocked": a device sits right above the windows, which start
#                   at the host window's base, and the inner window
#                   cannot move inside the full outer one: the
#                   realignment fails and the device, windows and
#                   registers stay as they were.
#   boot "move":    one bridge, blocked the same way: refused while e1000
#                   is bound below; unbound, the window moves with every
#                   BAR below it and grows there, and all drivers probe.
#   boot "switch":  q35, the same devices on the internal bus of a PCIe
#                   switch (x3130-upstream on the root bus, with an
#                   xio3130-downstream port holding edu), blocked the same
#                   way: the window moves although pcieport is bound to
#                   the downstream port below it.
# Exit status: 0 iff every assertion is "ok".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/vm/lib.sh"

[ $# -eq 0 ] || die "usage: $0 (no arguments)"
out=$VMDIR/realign-bridge
mkdir -p "$out"
vm_realign_module
vm_maphold "$out"
"$PROJ/scripts/vm/mkinitrd.sh" "$out/initrd.gz" "$KROOT" \
	"$here/guest/realign-bridge-guest.sh" -f "$here/guest/lib.sh:/guest-lib.sh" \
	-f "$KO:/realign/pci-realign.ko" -f "$out/maphold:/realign/maphold" \
	e1000 sdhci-pci

# 4 MiB of BARs behind 00:08.0 -> 01:01.0: edu 1 MiB, seven e1000 (128 KiB
# BAR + 256 KiB ROM), vmxnet3, pvscsi, two HDA, two xHCI, three EHCI,
# then the SD controller (256 B) and the watchdog (16 B) in one page.
# shellcheck disable=SC2054
devs=(-vga none
      -device pci-bridge,id=br1,chassis_nr=1,shpc=off,addr=08.0
      -device pci-bridge,id=br2,chassis_nr=2,shpc=off,bus=br1,addr=01.0
      -device edu,bus=br2,addr=01.0)
for i in 2 3 4 5 6 7 8; do
	devs+=(-device "e1000,bus=br2,addr=0$i.0")
done
devs+=(-device pvscsi,bus=br2,addr=09.0
       -device intel-hda,bus=br2,addr=0a.0 -device intel-hda,bus=br2,addr=0b.0
       -device qemu-xhci,bus=br2,addr=0c.0 -device qemu-xhci,bus=br2,addr=0d.0
       -device vmxnet3,bus=br2,addr=0e.0 -device usb-ehci,bus=br2,addr=0f.0
       -device usb-ehci,bus=br2,addr=11.0 -device usb-ehci,bus=br2,addr=12.0
       -device sdhci-pci,bus=br2,addr=10.0 -device i6300esb,bus=br2,addr=13.0)
kernel=$KROOT/boot/vmlinuz-$KVER
"$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" "$out/grow.log" \
	"xpbtest=grow" "${devs[@]}"
# A root-bus device assigned right after the 4 MiB window blocks it.
"$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" "$out/blocked.log" \
	"xpbtest=blocked" "${devs[@]}" -device sdhci-pci,addr=05.0

# The same devices behind a single bridge, blocked the same way.
single=()
for ((i = 0; i < ${#devs[@]}; i++)); do
	a=${devs[i]}
	case ${devs[i + 1]:-} in
	*id=br2,*) i=$((i + 1)); continue ;;
	esac
	single+=("${a/bus=br2,/bus=br1,}")
done
"$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" "$out/move.log" \
	"xpbtest=move" "${single[@]}" -device sdhci-pci,addr=05.0

# The "move" devices behind a PCIe switch on q35: the upstream port's
# internal bus holds them, and a downstream port (bound to pcieport)
# holds edu, whose 1 MiB and the port's hotplug reserve fill 2 MiB.
# In the third EHCI's place (4 KiB for 4 KiB, so the window stays full)
# a generic root port, whose interrupts are MSI-X with the table in its
# own BAR 0 (pcieport turns it on): that BAR moves with the window, so
# the move waits until the port is unbound.
# shellcheck disable=SC2054
switch=(-vga none
	-device x3130-upstream,id=up,bus=pcie.0,addr=08.0
	-device xio3130-downstream,id=dn,bus=up,chassis=2,slot=0,addr=00.0
	-device edu,bus=dn
	-device pcie-root-port,id=rp,bus=up,chassis=3,slot=0,addr=12.0,hotplug=off)
for a in "${single[@]}"; do
	case $a in
	edu,* | usb-ehci,bus=br1,addr=12.0) ;;
	*bus=br1,*) switch+=(-device "${a/bus=br1,/bus=up,}") ;;
	esac
done
VM_MACHINE=q35 "$PROJ/scripts/vm/boot.sh" "$kernel" "$out/initrd.gz" \
	"$out/switch.log" "xpbtest=switch" "${switch[@]}" -device sdhci-pci,addr=05.0

for run in grow blocked move switch; do
	log=$out/$run.log
	echo "# boot '$run'"
	grep -e '^# ' -e '^ok - ' -e '^not ok - ' "$log" || true
	vm_tally "$log"
done
oks=$TALLY_OK fails=$TALLY_FAIL
if vm_splats "$out"/{grow,blocked,move,switch}.log; then
	echo "ok - no kernel report on any console"; oks=$((oks + 1))
else
	echo "not ok - a kernel report on a console (above)"; fails=$((fails + 1))
fi
[ "$oks" -gt 0 ] || fails=$((fails + 1))
echo "# realign bridge VM test: $oks ok, $fails not ok (logs in $out)"
[ "$fails" -eq 0 ]
