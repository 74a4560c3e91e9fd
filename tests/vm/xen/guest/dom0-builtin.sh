#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Dom0 side of tests/vm/xen-pv.sh with XEN_STAGE=builtin (busybox sh,
# /guest.sh of the dom0 initramfs): the checkers' kernel with
# xen-pciback built in (scripts/vm/checkers-kernel.sh y) and
# xen-pciback.hide= on its command line.  virtio-pci is built in too and
# drives every virtio function it is offered, so a function named by
# hide= can only be on pciback if pciback took it before virtio-pci
# registered: the early seize.  The seized function then goes to a
# domU with the real xl and works there, and comes back to virtio-pci.
# The realigner is built in as well: pci_realign= names an SD controller
# whose small BAR it places alone in a page, before pciback (same
# initcall level, earlier in link order) seizes it; the domU gets it
# beside the virtio function, sees the BAR where the realigner put it,
# and its driver binds.  An AHCI controller with a disk goes along: its
# driver in the domU uses plain MSI (not MSI-X), and reading the disk
# needs those interrupts.
# /root/xen.env sets BDF, GRP0, GRP1, TAILED (the SD controller), AHCI
# and HIDE (what the command line gave hide=).
export PATH=/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /guest-lib.sh
. /root/xen.env
. /xen-dom0-lib.sh

plan 35

toolstack_up
ts "dom0 kernel $(uname -r): $(cat /proc/cmdline)"
check "dom0 kernel has lockdep, and it is on" lockdep_on

# --- built in: no module to load or unload, and no module at all
check "xen-pciback is built in: driver pciback registered, no module" \
	sh -c "[ -d $PB ] && [ ! -e /sys/module/xen_pciback/initstate ] &&
		! grep -q '^xen_pciback ' /proc/modules"
check "hide= is what the command line gave it ($HIDE)" \
	[ "$(cat /sys/module/xen_pciback/parameters/hide)" = "$HIDE" ]
sed 's/^/DOM0: slots /' "$PB/slots"
dmesg | grep -e 'pciback' -e 'virtio' | sed 's/^/DOM0: boot| /'

# --- the early seize: the named functions on pciback, their twin that
# hide= leaves out on virtio-pci (built in, so no module load decides)
check "$BDF (hide= names it by path) is on pciback from boot" \
	[ "$(drv_of "$BDF")" = pciback ]
check "$GRP0 (hide= names it by address) is on pciback from boot" \
	[ "$(drv_of "$GRP0")" = pciback ]
check "$GRP1, the same virtio device not named, is on virtio-pci" \
	[ "$(drv_of "$GRP1")" = virtio-pci ]
all_assignable() {
	assignable "$BDF" && assignable "$GRP0" && assignable "$TAILED" &&
		assignable "$AHCI"
}
check "xl pci-assignable-list lists $BDF, $GRP0, $TAILED and $AHCI" all_assignable

# --- the realigned function: its own page, the tail reserved, seized
bar0_of() { cut -d' ' -f1 "/sys/bus/pci/devices/$1/resource" | head -1; }
tbar=$(bar0_of "$TAILED")
ts "$TAILED BAR 0 at $tbar; $(grep -a "$TAILED: BAR" /tmp/kmsg.all | sed 's/^[^;]*;//' | tr '\n' ' ')"
alone_in_page() {
	small_at_page "$1" && tail_fills_page "$1" &&
		grep -aq "$1: BAR 0 .*: to be placed alone in a 0x1000-byte block" /tmp/kmsg.all
}
check "$TAILED (pci_realign=): at boot the realigner gave BAR 0 a page of its own and holds the rest of it" \
	alone_in_page "$TAILED"
check "$TAILED (hide= names it) is on pciback from boot" \
	[ "$(drv_of "$TAILED")" = pciback ]

# --- the seized function in a guest
# shellcheck disable=SC2034 # domu_cfg puts it on the domU's command line
vd=$(cat "/sys/bus/pci/devices/$BDF/vendor"):$(cat "/sys/bus/pci/devices/$BDF/device")
tvd=$(cat "/sys/bus/pci/devices/$TAILED/vendor"):$(cat "/sys/bus/pci/devices/$TAILED/device")
bars0=$(bars_state)
# msi_on: MSI Enable as the AHCI controller's hardware has it
msi_on() { [ $((0x$(setpci -s "$AHCI" CAP_MSI+2.w) & 1)) -eq 1 ]; }
# the keyboard's second function too: the domU gets the two-function
# device whole, in one virtual slot with its function numbers
check "xl pci-assignable-add $GRP1 (from virtio-pci)" \
	xrun assignable-grp1 xl pci-assignable-add "$GRP1"
grpvd=$(cat "/sys/bus/pci/devices/$GRP0/vendor"):$(cat "/sys/bus/pci/devices/$GRP0/device")
domu_cfg domu "'$BDF', '$TAILED', '$AHCI', '$GRP0', '$GRP1'" \
	"xpbreconnect=1 xpbswitches=1"
check "xl create of a domU with $BDF, $TAILED, $AHCI, $GRP0 and $GRP1" \
	xrun create xl create /root/domu.cfg
check "domU: ahci binds $AHCI with plain MSI and reads its disk's first sector" \
	wait_log domu "DOMU: ahci .* drv=ahci msi_irqs=[1-9][0-9]* read=512\$" 240
check "MSI is on in $AHCI's hardware while the domU drives it" msi_on

# --- the administrator's switches, as the guest's writes meet them: the
# body of the virtio function's PCI configuration access capability
# (vendor-specific, writable in QEMU), closed with close_device_specific
check "domU: about to write a vendor-specific capability's body" \
	wait_log domu "DOMU: switches: field@[0-9][0-9]*\$" 240
at=$(printf %x "$(console_of domu | sed -n 's/.*DOMU: switches: field@\([0-9]*\)$/\1/p')")
hwfield() { setpci -s "$BDF" "$at.l"; }
# switch_step N: let the domU write step N, and read the hardware after
switch_step() {
	wait_log domu "DOMU: waiting for dom0: switches step $1" 60 &&
		go domu && wait_log domu "DOMU: switches step $1 wrote" 60 &&
		hwfield
}
echo "$BDF" > "$PB/close_device_specific"
v0=$(hwfield)
h1=$(switch_step 1)
echo "$BDF-$at:4:ffffffff" > "$PB/quirks"
h2=$(switch_step 2)
echo "-$BDF-$at:4" > "$PB/quirks"
q3=$(grep -c "^$BDF-" "$PB/quirks")
h3=$(switch_step 3)
echo "$BDF" > "$PB/permissive"
h4=$(switch_step 4)
echo "-$BDF" > "$PB/permissive"
h5=$(switch_step 5)
echo "-$BDF" > "$PB/close_device_specific"
ts "field 0x$at in hardware: $v0 at first, then $h1 $h2 $h3 $h4 $h5"
check "closed: the guest's write to the body never reached the hardware" \
	unchanged "$v0" "$v0" "$h1"
check "a quirk on the field ($BDF-$at:4:ffffffff): the guest's write reaches the hardware" \
	[ "$h2" = 00002200 ]
check "the quirk closed (-$BDF-$at:4): gone from the quirks file" [ "$q3" = 0 ]
check "and the guest's write no longer reaches the hardware" [ "$h3" = 00002200 ]
check "permissive for $BDF: the write reaches the hardware" [ "$h4" = 00004400 ]
check "permissive revoked (-$BDF): the write no longer reaches the hardware" \
	[ "$h5" = 00004400 ]
# grp_slots: the virtual slots and functions the domU sees the
# two-function device at, "<dddd:bb:dd> <f>" a line
grp_slots() {
	console_of domu | sed -n "s/.*DOMU: DEV \([0-9a-f:]*\)\.\([0-7]\) $grpvd .*/\1 \2/p" |
		sort -u
}
one_slot_two_fns() {
	[ "$(grp_slots | cut -d' ' -f1 | sort -u | wc -l)" = 1 ] &&
		[ "$(grp_slots | cut -d' ' -f2 | tr '\n' ' ')" = "0 1 " ]
}
check "domU: $GRP0 and $GRP1 in one virtual slot as functions 0 and 1 ($(grp_slots | tr '\n' ' '))" \
	one_slot_two_fns
check "domU: sdhci-pci binds $TAILED, whose BAR 0 it sees at $tbar" \
	wait_log domu "DOMU: DEV .* $tvd drv=sdhci-pci irq=[0-9]* bar0=$tbar\$" 240
check "domU: virtio-pci binds the device, hwrng reads work (and again after a frontend reconnect)" \
	wait_log domu "DOMU: reconnect after 2 s: pci-[0-9]* bound, .* drv=virtio-pci hwrng 16 bytes" 300
check "domU: ready" wait_log domu "DOMU: ready" 120
check "xl destroy of the domU" \
	xrun destroy sh -c "xl pause domu && timeout 120 xl destroy domu"
check "the domU is gone" domu_gone domu 120
check "MSI is off in $AHCI's hardware once the domU is gone" not msi_on

# --- built in, pciback cannot go; the function comes back all the same
check "rmmod xen_pciback refused: built in" not xrun rmmod rmmod xen_pciback
check "xl pci-assignable-remove -r $BDF" \
	xrun assignable-remove xl pci-assignable-remove -r "$BDF"
# libxl writes the address to remove_slot, whatever named the function
check "libxl's remove_slot of $BDF's address took back the path that named it" \
	sh -c "! grep -q remove_slot /tmp/assignable-remove.out &&
	       ! grep -qx $BDF $PB/slots"
# no dom0 driver had it this boot, so libxl has none to give it back to
echo "$BDF" > /sys/bus/pci/drivers_probe
check "$BDF on virtio-pci once probed again" [ "$(drv_of "$BDF")" = virtio-pci ]
check "BARs as at boot" [ "$(bars_state)" = "$bars0" ]

sleep 2
check "lockdep still on: no lock problem in the whole run" lockdep_on
check "dom0 kernel: no report in dmesg" \
	not dmesg_has "Oops\|BUG:\|WARNING:\|UBSAN:\|Call Trace"
plan_end
dump_logs
echo "DOM0: done at $(cut -d" " -f1 /proc/uptime)s"
