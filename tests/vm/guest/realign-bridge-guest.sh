#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of tests/vm/realign-bridge.sh (busybox sh, run as /guest.sh).
# Two nested PCI-to-PCI bridges, 00:08.0 -> 01:01.0 -> bus 02, whose
# memory windows are full: the SD controller 02:10.0 shares its page
# with the watchdog 02:13.0 and no free aligned page is left.
#   xpbtest=grow     free space above the windows: both must grow by
#                    1 MiB, outermost first, with e1000 bound below them
#   xpbtest=blocked  another device sits right above the outer window
#                    and the windows start at the host window's base:
#                    the inner window cannot move inside the full outer
#                    one, so the realignment must fail and change nothing
#   xpbtest=move     one bridge 00:08.0 -> bus 01, blocked the same way:
#                    refused while e1000 is bound below; once unbound,
#                    the window moves with all its BARs and grows there
#   xpbtest=switch   q35: a PCIe switch upstream port 00:08.0 on the root
#                    bus holds the devices of "move" on its internal bus
#                    01 and a downstream port 01:00.0 (pcieport bound,
#                    edu behind it); blocked the same way, its window
#                    must move although the port driver is bound below
# Assertions print "ok - ..." or "not ok - ...".

KO=/realign/pci-realign.ko
PARAM=/sys/module/pci_realign/parameters/devices
OUTER=0000:00:08.0
INNER=0000:01:01.0
SDHCI=0000:02:10.0
NIC=0000:02:02.0
# shellcheck source=lib.sh
. /guest-lib.sh

# line N (0-based) of a device's sysfs resource file: "start end flags"
res() {
	sed -n "$(($2 + 1))p" "/sys/bus/pci/devices/$1/resource"
}

win() {		# the bridge's non-prefetchable window as "start-end" (hex)
	set -- $(res "$1" 14)
	printf '%x-%x' $(($1)) $(($2))
}

bar() {		# BAR as "start size"
	set -- $(res "$1" "$2")
	echo "$(($1)) $(($2 - $1 + 1))"
}

# The window the bridge decodes, from its config space (0x20 base, 0x22
# limit, 1 MiB units), as "start-end" (hex).
hw_win() {
	set -- $(od -An -tu2 -j32 -N4 "/sys/bus/pci/devices/$1/config")
	printf '%x-%x' $((($1 & 0xfff0) << 16)) \
		$(((($2 & 0xfff0) << 16) | 0xfffff))
}

page_alone() {	# page_alone BDF START: nothing else in START's page
	grep -v -e "$1" -e 'pci-realign' -e 'PCI Bus' /proc/iomem |
		while read -r range _; do
			s=$((0x${range%-*} >> 12)) e=$((0x${range#*-} >> 12))
			[ "$s" -le $(($2 >> 12)) ] && [ "$e" -ge $(($2 >> 12)) ] &&
				echo x
		done | grep -q x && return 1
	return 0
}

snapshot() {	# snapshot FILE: everything the realigner may touch
	{
		for b in $OUTER $INNER; do
			[ -e /sys/bus/pci/devices/$b ] && echo "$b $(win $b) $(hw_win $b)"
		done
		echo "sdhci $(bar $SDHCI 0)"
		od -An -tx4 -j16 -N4 /sys/bus/pci/devices/$SDHCI/config
		grep -v -e System -e Kernel /proc/iomem
	} > "$1"
}

mac_of() {	# MAC of the e1000 at $NIC
	cat /sys/bus/pci/devices/$NIC/net/*/address
}

before() {
	decode_on $SDHCI
	modprobe e1000
	check "e1000 bound below the bridges" \
		[ -e /sys/bus/pci/devices/$NIC/driver ]
	mac0=$(mac_of)
	o0=$(win $OUTER)
	i0=$(win $INNER)
	set -- $(bar $SDHCI 0)
	s0=$1 z0=$2
	echo "# before: outer $o0, inner $i0, sdhci $(printf %x "$s0") size $z0"
	check "registers match the kernel's windows" \
		[ "$(hw_win $OUTER) $(hw_win $INNER)" = "$o0 $i0" ]
	check "sdhci shares its page before" not page_alone $SDHCI "$s0"
	snapshot /tmp/snap0
}

run_grow() {
	plan 18
	before
	check "module loads with the SD controller selected" \
		insmod $KO devices=$SDHCI
	o1=$(win $OUTER)
	i1=$(win $INNER)
	set -- $(bar $SDHCI 0)
	s1=$1 z1=$2
	echo "# after: outer $o1, inner $i1, sdhci $(printf %x "$s1") size $z1"
	want() {	# want START-END: the same window 1 MiB longer
		printf '%s-%x' "${1%-*}" $((0x${1#*-} + 0x100000))
	}
	check "outer window grew by 1 MiB at its limit ($o0 -> $o1)" \
		[ "$o1" = "$(want "$o0")" ]
	check "inner window grew by 1 MiB at its limit ($i0 -> $i1)" \
		[ "$i1" = "$(want "$i0")" ]
	check "bridges decode the grown windows" \
		[ "$(hw_win $OUTER) $(hw_win $INNER)" = "$o1 $i1" ]
	check "/proc/iomem shows the grown windows" \
		sh -c "grep -q '^  ${o1} : PCI Bus 0000:01' /proc/iomem &&
		       grep -q '^    ${i1} : PCI Bus 0000:02' /proc/iomem"
	check "sdhci BAR moved into the new space, page-aligned" \
		[ $((s1 & 0xfff)) -eq 0 -a $((s1)) -gt $((0x${i0#*-})) ]
	check "sdhci BAR size unchanged ($z1)" [ "$z1" = "$z0" ]
	check "sdhci alone in its page" page_alone $SDHCI "$s1"
	check "sdhci page tail reserved" [ -n "$(tail_of $SDHCI 0)" ]
	check "the growth is logged, outermost first" \
		sh -c "dmesg | grep 'grown to' | head -1 | grep -q $OUTER &&
		       dmesg | grep 'grown to' | tail -1 | grep -q $INNER"
	cp /proc/iomem /tmp/iomem1
	echo $SDHCI > $PARAM
	check "selecting it again changes nothing" cmp -s /proc/iomem /tmp/iomem1
	echo $NIC > /sys/bus/pci/drivers/e1000/unbind
	echo $NIC > /sys/bus/pci/drivers/e1000/bind
	check "e1000 below the bridges probes again with the same MAC" \
		[ "$(mac_of)" = "$mac0" ]
	modprobe sdhci-pci
	check "sdhci-pci binds at the new address" \
		[ -e /sys/bus/pci/devices/$SDHCI/driver ]
	check "sdhci-pci registered an MMC host" \
		sh -c 'ls /sys/class/mmc_host | grep -q mmc'
	rmmod sdhci-pci
	rmmod pci_realign
	check "unloading keeps the grown windows" \
		[ "$(win $OUTER) $(win $INNER)" = "$o1 $i1" ]
}

run_blocked() {
	plan 10
	before
	check "module loads with the SD controller selected" \
		insmod $KO devices=$SDHCI
	snapshot /tmp/snap1
	check "windows, registers, BAR and /proc/iomem unchanged" \
		cmp -s /tmp/snap0 /tmp/snap1
	check "the blocked growth is explained" \
		sh -c "dmesg | grep $OUTER | grep -q 'cannot grow'"
	# Below the windows is where the host bridge's window and the
	# core's floor (PCIBIOS_MIN_MEM: the end of RAM here) both start.
	check "the limit below is explained: the core's floor" \
		sh -c "dmesg | grep $SDHCI | grep -q 'not grown down: the PCI core places nothing below 0x20000000'"
	check "the failure is reported" \
		sh -c "dmesg | grep $SDHCI | grep -q 'device unchanged'"
	check "a run-time write fails with ENOSPC and changes nothing" \
		write_refused 'No space left'
	check "e1000 still bound" [ -e /sys/bus/pci/devices/$NIC/driver ]
	rmmod pci_realign
}

# write_refused ERRTEXT: a run-time write selecting $SDHCI fails with
# ERRTEXT on stderr, and everything is as in /tmp/snap0
write_refused() {
	echo $SDHCI 2>/tmp/werr > $PARAM && return 1
	grep -q "$1" /tmp/werr || return 1
	snapshot /tmp/snap2
	cmp -s /tmp/snap0 /tmp/snap2
}

macs() {
	cat /sys/bus/pci/devices/0000:01:*/net/*/address 2>/dev/null
}

run_move() {
	plan 20
	SDHCI=0000:01:10.0
	decode_on $SDHCI
	modprobe e1000
	macs > /tmp/macs0
	check "seven e1000 bound below the bridge" [ "$(wc -l < /tmp/macs0)" = 7 ]
	w0=$(win $OUTER)
	bars "0000:01:*" | cut -d" " -f1-3 > /tmp/bars0
	set -- $(bar $SDHCI 0)
	s0=$1 z0=$2
	echo "# before: window $w0, sdhci $(printf %x "$s0") size $z0"
	check "sdhci shares its page before" not page_alone $SDHCI "$s0"
	snapshot /tmp/snap0

	check "module loads with the SD controller selected" \
		insmod $KO devices=$SDHCI
	snapshot /tmp/snap1
	check "with e1000 bound below, nothing moves" cmp -s /tmp/snap0 /tmp/snap1
	check "the refusal names the bound device" \
		sh -c "dmesg | grep $OUTER | grep -q 'below has a driver bound'"
	check "a run-time write fails with EBUSY (unbind first), nothing moved" \
		write_refused 'resource busy'

	# One e1000 below enabled through sysfs with no driver: still in use.
	nic=$(basename "$(dirname "$(ls -d /sys/bus/pci/devices/0000:01:*/net | head -1)")")
	rmmod e1000
	echo 1 > /sys/bus/pci/devices/$nic/enable
	snapshot /tmp/snap0	# without e1000's claims
	check "with $nic below enabled (no driver), a write fails with EBUSY, nothing moved" \
		write_refused 'resource busy'
	check "the refusal names the enabled device" \
		sh -c "dmesg | grep $OUTER | grep -q '$nic below is enabled with no driver'"
	echo 0 > /sys/bus/pci/devices/$nic/enable
	# A process using that e1000's BAR 0 through its resource file: the
	# window moves, so its mapping of the old address must be revoked.
	check "a process maps $nic's BAR 0 below the window" \
		map_hold /sys/bus/pci/devices/$nic/resource0
	echo $SDHCI > $PARAM
	map_touch
	check "its mapping of the old address was revoked as the window moved (SIGBUS, status $map_status: $map_said)" \
		[ $map_status -eq 135 ]
	w1=$(win $OUTER)
	set -- $(bar $SDHCI 0)
	s1=$1 z1=$2
	delta=$((0x${w1%-*} - 0x${w0%-*}))
	echo "# after: window $w1 (moved by $(printf %x $delta)), sdhci $(printf %x "$s1")"
	check "window moved ($w0 -> $w1)" [ "$delta" -ne 0 ]
	check "window grew by 1 MiB" [ $((0x${w1#*-} - 0x${w1%-*})) -eq \
		$((0x${w0#*-} - 0x${w0%-*} + 0x100000)) ]
	check "the bridge decodes the new window" [ "$(hw_win $OUTER)" = "$w1" ]
	bars "0000:01:*" | cut -d" " -f1-3 | grep -v "^$SDHCI 0 " > /tmp/bars1
	check "every other BAR below moved by the same distance" \
		[ "$(grep -v "^$SDHCI 0 " /tmp/bars0 |
		     while read -r b n a; do echo "$b $n $((a + delta))"; done)" = \
		  "$(cat /tmp/bars1)" ]
	check "sdhci BAR page-aligned in the new window" \
		[ $((s1 & 0xfff)) -eq 0 -a "$z1" = "$z0" ]
	check "sdhci alone in its page" page_alone $SDHCI "$s1"
	check "sdhci page tail reserved" [ -n "$(tail_of $SDHCI 0)" ]
	check "the move is logged" \
		sh -c "dmesg | grep $OUTER | grep -q 'with everything below it'"
	modprobe e1000
	macs > /tmp/macs1
	check "all seven e1000 probe again at the new addresses, same MACs" \
		cmp -s /tmp/macs0 /tmp/macs1
	modprobe sdhci-pci
	check "sdhci-pci binds at the new address" \
		[ -e /sys/bus/pci/devices/$SDHCI/driver ]
}

# msi_mode BDF: "msi", "msix" or nothing, from the vectors in use
msi_mode() {
	cat /sys/bus/pci/devices/"$1"/msi_irqs/* 2>/dev/null | sort -u
}

driver_of() {
	basename "$(readlink /sys/bus/pci/devices/"$1"/driver)"
}

run_switch() {
	plan 19
	UP=0000:00:08.0
	DN=0000:01:00.0
	RP=0000:01:12.0
	SDHCI=0000:01:10.0
	decode_on $SDHCI
	check "the downstream port is bound to the PCIe port driver" \
		[ "$(driver_of $DN)" = pcieport ]
	check "the root port below is bound to it with MSI-X on" \
		[ "$(driver_of $RP) $(msi_mode $RP)" = "pcieport msix" ]
	w0=$(win $UP)
	d0=$(win $DN)
	bars "0000:0[12]:*" | cut -d" " -f1-3 > /tmp/bars0
	set -- $(bar $SDHCI 0)
	s0=$1 z0=$2
	echo "# before: upstream port window $w0, downstream $d0, sdhci $(printf %x "$s0")"
	check "sdhci shares its page before" not page_alone $SDHCI "$s0"

	check "module loads with the SD controller selected" \
		insmod $KO devices=$SDHCI
	check "with MSI-X on in a port below, the window stays" \
		[ "$(win $UP) $(hw_win $UP) $(bar $SDHCI 0)" = "$w0 $w0 $s0 $z0" ]
	check "the refusal names the port and its MSI-X" \
		sh -c "dmesg | grep $UP | grep -q '$RP below has MSI-X on'"
	echo $RP > /sys/bus/pci/drivers/pcieport/unbind
	check "the root port unbound, its MSI-X off" [ -z "$(msi_mode $RP)" ]
	echo $SDHCI > $PARAM
	w1=$(win $UP)
	d1=$(win $DN)
	set -- $(bar $SDHCI 0)
	s1=$1 z1=$2
	delta=$((0x${w1%-*} - 0x${w0%-*}))
	echo "# after: upstream port window $w1 (moved by $(printf %x $delta)), downstream $d1"
	check "the window above the switch moved ($w0 -> $w1)" [ "$delta" -ne 0 ]
	check "no refusal for the port driver" \
		sh -c "! dmesg | grep -q 'below has a driver bound'"
	check "the upstream port decodes the new window" [ "$(hw_win $UP)" = "$w1" ]
	check "the downstream port's window moved along" \
		[ "$(hw_win $DN)" = "$d1" -a \
		  $((0x${d1%-*} - 0x${d0%-*})) -eq "$delta" ]
	bars "0000:0[12]:*" | cut -d" " -f1-3 | grep -v "^$SDHCI 0 " > /tmp/bars1
	check "every other BAR below moved by the same distance" \
		[ "$(grep -v "^$SDHCI 0 " /tmp/bars0 |
		     while read -r b n a; do echo "$b $n $((a + delta))"; done)" = \
		  "$(cat /tmp/bars1)" ]
	check "sdhci BAR page-aligned, same size" \
		[ $((s1 & 0xfff)) -eq 0 -a "$z1" = "$z0" ]
	check "sdhci alone in its page" page_alone $SDHCI "$s1"
	check "sdhci page tail reserved" [ -n "$(tail_of $SDHCI 0)" ]
	check "the port driver stayed bound" [ "$(driver_of $DN)" = pcieport ]
	echo $RP > /sys/bus/pci/drivers/pcieport/bind
	check "the root port binds again, MSI-X on at its moved BAR" \
		[ "$(driver_of $RP) $(msi_mode $RP)" = "pcieport msix" ]
	modprobe e1000
	check "all seven e1000 probe at the new addresses" \
		[ "$(macs | wc -l)" = 7 ]
	modprobe sdhci-pci
	check "sdhci-pci binds at the new address" \
		[ -e /sys/bus/pci/devices/$SDHCI/driver ]
}

case $mode in
grow)		run_grow ;;
blocked)	run_blocked ;;
move)		run_move ;;
switch)		run_switch ;;
*)		plan 1; echo "not ok - unknown xpbtest mode '$mode'" ;;
esac
plan_end
echo "--- /proc/iomem (PCI)"
sed -n '/PCI Bus 0000:00/,/^[^ ]/p' /proc/iomem | grep '^ '
echo "--- dmesg (pci_realign)"
dmesg | grep -e realign -e 'bridge window' -e 'BAR 0.*moved' | grep -v ' assigned$' | tail -30
