#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of tests/vm/realign.sh (busybox sh, run as /guest.sh).
# The kernel command line says what to do: xpbtest=realign loads
# pci-realign.ko and asserts; xpbtest=anchor only records the layout
# Linux's pci=resource_alignment= produced.  Every BAR is printed as
#   T <stage> <bdf> <bar> <start> <size> <alone|shared> <tail|-> <cmd>
# and every assertion as "ok - ..." or "not ok - ...".

KO=/realign/pci-realign.ko
PARAM=/sys/module/pci_realign/parameters/devices
AUDIT=/sys/kernel/debug/pci-realign/audit
SDHCI=0000:00:05.0
ESB=0000:00:03.0
IVSHMEM=0000:00:04.0
PVPANIC=0000:00:06.0
# shellcheck source=lib.sh
. /guest-lib.sh

# shared BDF BAR START END: another device's BAR touches one of its pages
shared() {
	bars | while read -r b n s e; do
		[ "$b" = "$1" ] && continue
		[ $((s >> 12)) -le $(($4 >> 12)) ] &&
			[ $(($3 >> 12)) -le $((e >> 12)) ] && echo x && break
	done | grep -q x
}

cmd_of() {
	od -An -tx2 -j4 -N2 "/sys/bus/pci/devices/$1/config" | tr -d ' '
}

table() {	# table STAGE: one T line per BAR
	bars | while read -r b n s e; do
		sh=alone
		shared "$b" "$n" "$s" "$e" && sh=shared
		tl=-
		[ -n "$(tail_of "$b" "$n")" ] && tl="tail"
		printf 'T %s %s %s 0x%x %d %s %s %s\n' "$1" "$b" "$n" "$s" \
			$((e - s + 1)) "$sh" "$tl" "$(cmd_of "$b")"
	done
}

field() {	# field FILE BDF BAR COLUMN (5 start, 6 size) from a table
	awk -v b="$2" -v n="$3" -v c="$4" '$3 == b && $4 == n { print $c }' "$1"
}

# assert_realigned FILE BDF BAR BEFORE: page-aligned, same size, tail ours
assert_realigned() {
	start=$(field "$1" "$2" "$3" 5)
	size=$(field "$1" "$2" "$3" 6)
	check "$2 BAR $3 page-aligned ($start)" [ -n "$start" -a $((start & 0xfff)) -eq 0 ]
	check "$2 BAR $3 size unchanged ($size)" \
		[ "$size" = "$(field "$4" "$2" "$3" 6)" ]
	check "$2 BAR $3 alone in its page" \
		[ "$(awk -v b="$2" -v n="$3" '$3 == b && $4 == n { print $7 }' "$1")" = alone ]
	want=$(printf '%08x-%08x' $((start + size)) $((start | 0xfff)))
	t=$(tail_of "$2" "$3")
	check "$2 BAR $3 tail $want reserved in /proc/iomem" [ "${t%% :*}" = "$want" ]
}

sdhci_version() {	# 16-bit SDHCI host version register through /dev/mem
	devmem $(($(field "$1" $SDHCI 0 5) + 0xfe)) 16
}

run_realign() {
	# Decode on for the selected devices, as a driver would leave it:
	# the realigner must restore it, and devmem needs it.
	decode_on $SDHCI
	decode_on $ESB
	table before > /tmp/before
	cat /tmp/before
	# 50 checks, and one per device left untouched (the loop below)
	plan $((50 + $(cut -d' ' -f3 /tmp/before | sort -u |
		grep -c -v -e "^$SDHCI\$" -e "^$ESB\$")))
	ver0=$(sdhci_version /tmp/before)
	check "sdhci answers at its first address ($ver0)" \
		[ -n "$ver0" -a "$ver0" != 0xFFFF -a "$ver0" != 0x0000 ]

	check "module loads with a selection" \
		insmod $KO devices="$SDHCI;pci:8086:25ab"
	table after > /tmp/after
	cat /tmp/after
	for d in $SDHCI $ESB; do
		assert_realigned /tmp/after "$d" 0 /tmp/before
		check "$d command register restored" \
			[ "$(grep " $d 0 " /tmp/after | cut -d' ' -f9)" = \
			  "$(grep " $d 0 " /tmp/before | cut -d' ' -f9)" ]
	done
	for d in $(cut -d' ' -f3 /tmp/before | sort -u); do
		[ "$d" = $SDHCI ] || [ "$d" = $ESB ] && continue
		check "$d untouched" [ "$(grep " $d " /tmp/before | cut -d' ' -f3-6)" = \
				      "$(grep " $d " /tmp/after | cut -d' ' -f3-6)" ]
	done
	ver1=$(sdhci_version /tmp/after)
	check "sdhci decodes at its new address ($ver1)" [ "$ver1" = "$ver0" ]
	check "dmesg has the audit summary" sh -c 'dmesg | grep -q "pci_realign: audit:"'
	echo "--- audit after load"
	cat $AUDIT

	cp /proc/iomem /tmp/iomem1
	check "malformed run-time selection is refused" \
		sh -c "! echo '00:04.0;00:20.0' > $PARAM"
	check "the refusal names the bad token" \
		sh -c "dmesg | grep -q \"rejected at '00:20.0'\""
	check "selection unchanged after refusal" \
		[ "$(cat $PARAM)" = "$SDHCI;pci:8086:25ab" ]
	check "/proc/iomem unchanged after refusal" cmp -s /proc/iomem /tmp/iomem1
	echo "$SDHCI;pci:8086:25ab" > $PARAM
	check "same selection again changes nothing (idempotent)" \
		cmp -s /proc/iomem /tmp/iomem1

	modprobe sdhci-pci
	modprobe i6300esb
	check "sdhci-pci bound to the realigned device" \
		[ -e /sys/bus/pci/devices/$SDHCI/driver ]
	check "sdhci-pci registered an MMC host" \
		sh -c 'ls /sys/class/mmc_host | grep -q mmc'
	check "i6300esb bound to the realigned device" \
		[ -e /sys/bus/pci/devices/$ESB/driver ]
	check "i6300esb registered its watchdog" \
		sh -c 'grep -qi 6300 /sys/class/watchdog/watchdog*/identity'

	# pvpanic-pci shares a page (it would move) and gets its driver.
	modprobe pvpanic-pci
	check "pvpanic-pci bound" [ -e /sys/bus/pci/devices/$PVPANIC/driver ]
	check "$PVPANIC shares a page, so a realignment would move it" \
		[ "$(awk -v b=$PVPANIC '$3 == b && $4 == 0 { print $7 }' /tmp/after)" = shared ]
	# A process using ivshmem's BAR 0 (it shares a page, the write moves
	# it) through its resource file: its mapping of the old address must
	# be revoked, so its next touch is a SIGBUS and reaches nothing else.
	check "a process maps ivshmem's BAR 0 before the write" \
		map_hold /sys/bus/pci/devices/$IVSHMEM/resource0
	echo "# maphold: $(cat /tmp/mh)"
	check "write naming a bound device fails with EBUSY" \
		sh -c "! echo '$IVSHMEM;$PVPANIC' 2>/tmp/werr > $PARAM"
	map_touch
	check "that process's mapping of the old BAR was revoked (SIGBUS, status $map_status: $map_said)" \
		[ $map_status -eq 135 ]
	check "the revocation is logged" \
		sh -c "dmesg | grep '$IVSHMEM' | grep -q 'process mappings of its pages revoked'"
	check "the write error is EBUSY" grep -q 'resource busy' /tmp/werr
	table runtime > /tmp/runtime
	cat /tmp/runtime
	assert_realigned /tmp/runtime $IVSHMEM 0 /tmp/before
	check "device with a driver is skipped at run time" \
		sh -c "dmesg | grep '$PVPANIC' | grep -q 'a driver is bound'"
	check "bound device not moved" [ "$(grep " $PVPANIC 0 " /tmp/runtime | cut -d' ' -f5)" = \
					 "$(grep " $PVPANIC 0 " /tmp/after | cut -d' ' -f5)" ]
	echo "--- audit after run-time realignment"
	cat $AUDIT

	# Removal and re-adding through sysfs, as hotplug does.  The bus
	# notifier drops the tails of a removed device; a re-added one is
	# realigned as its driver binds (its BARs are placed by then).
	echo 1 > /sys/bus/pci/devices/$IVSHMEM/remove
	check "removing a device releases its tail" [ -z "$(tail_of $IVSHMEM 0)" ]
	echo 1 > /sys/bus/pci/devices/$PVPANIC/remove
	echo 1 > /sys/bus/pci/rescan
	check "the removed devices are found again" \
		[ -e /sys/bus/pci/devices/$IVSHMEM -a -e /sys/bus/pci/devices/$PVPANIC ]
	check "pvpanic-pci binds to the re-added device" \
		[ -e /sys/bus/pci/devices/$PVPANIC/driver ]
	check "the re-added pvpanic was realigned as its driver bound" \
		[ -n "$(tail_of $PVPANIC 0)" ]
	check "the re-added ivshmem, with no driver, is not realigned yet" \
		[ -z "$(tail_of $IVSHMEM 0)" ]
	# Enabled through sysfs with no driver: in use, refused until disabled.
	echo 1 > /sys/bus/pci/devices/$IVSHMEM/enable
	cp /proc/iomem /tmp/iomem3
	check "a write naming ivshmem enabled with no driver fails with EBUSY" \
		sh -c "! echo '$IVSHMEM' 2>/tmp/eerr > $PARAM && grep -q 'resource busy' /tmp/eerr"
	check "the refusal says it is enabled" \
		sh -c "dmesg | grep '$IVSHMEM' | grep -q 'not realigned: enabled with no driver'"
	check "/proc/iomem unchanged by the refusal" cmp -s /proc/iomem /tmp/iomem3
	echo 0 > /sys/bus/pci/devices/$IVSHMEM/enable
	echo "$IVSHMEM" > $PARAM
	check "once disabled, a write realigns the re-added ivshmem" \
		[ -n "$(tail_of $IVSHMEM 0)" ]

	# Lockdown is one-way, so it comes last: with ivshmem back to no
	# tail, a run-time write naming it is refused and changes nothing.
	echo 1 > /sys/bus/pci/devices/$IVSHMEM/remove
	echo 1 > /sys/bus/pci/rescan
	sel=$(cat $PARAM)
	cp /proc/iomem /tmp/iomem2
	check "re-added once more, ivshmem has no tail" [ -z "$(tail_of $IVSHMEM 0)" ]
	grep -q ' securityfs ' /proc/mounts ||
		mount -t securityfs securityfs /sys/kernel/security
	echo integrity > /sys/kernel/security/lockdown
	check "under lockdown a run-time write is refused (EPERM)" \
		sh -c "! echo '$IVSHMEM' 2>/tmp/lerr > $PARAM && grep -q 'not permitted' /tmp/lerr"
	check "the refusal says the kernel is locked down" \
		sh -c 'dmesg | grep -q "selection rejected: the kernel is locked down"'
	check "selection, tail and /proc/iomem unchanged under lockdown" \
		sh -c "[ \"\$(cat $PARAM)\" = '$sel' ] && cmp -s /proc/iomem /tmp/iomem2"
	rmmod pci_realign
	check "unloading releases the tails" \
		sh -c '! grep -q "pci-realign" /proc/iomem'
	echo "--- dmesg (pci_realign)"
	dmesg | grep -i -e realign -e 'BAR [0-6]' | grep -v ' assigned$' | tail -40
}

run_anchor() {
	plan 0
	table anchor
	echo "--- dmesg (resource_alignment)"
	dmesg | grep -i alignment
}

case $mode in
realign)	run_realign ;;
anchor)		run_anchor ;;
*)		plan 1; echo "not ok - unknown xpbtest mode '$mode'" ;;
esac
plan_end
