#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DomU side of tests/vm/xen-pv.sh (busybox sh, /guest.sh of an
# unmodified Debian kernel's initramfs).  Reports on its console, which
# dom0's xenconsoled logs, what pcifront gave it:
#   DOMU: pcifront-bus                  pcifront created its PCI bus
#   DOMU: DEV <bdf> <vendor>:<device> drv=<driver> irq=<irq> bar0=<start>
#   DOMU: ahci <bdf> drv=<driver> msi_irqs=<n> read=<bytes>   an AHCI function's disk
#   DOMU: msi_irqs <n>                  MSI/MSI-X vectors of the device
#   DOMU: unbound <bdf> from its driver the device is idle from here on
#   DOMU: caps <id@off ...>             the device's capability chain,
#   DOMU: ecaps <id@off ...>            and its extended one, as seen here
#   DOMU: protected writes: ...         dom0 snapshots hardware, says go
#   DOMU: protected writes done: ...    and compares it, says go
#   DOMU: readrq and mwi: ... / done: ...   MRRS and MWI writes, the same way
#   DOMU: waiting for dom0: <what>      dom0 looks, then writes "go"
#   DOMU: pm D3hot: ... / pm D1 from D3hot / pm back to D0 /
#   DOMU: after D3hot drv=<driver> hwrng <n> bytes   guest power states
#   DOMU: nic <bdf> drv=<driver> <if>   the INTx device (e1000) is up
#   DOMU: interrupts <line>             /proc/interrupts lines of both
#   BENCH domU ...                      config reads of the device
#   BENCH lat ...                       the same, round after round (xpblat)
#   LAT mark <name>                     dom0's mark between two of them
#   DOMU: reconnect after <s> s: <fe> unbound, <bdf> gone|present
#   DOMU: reconnect after <s> s: <fe> bound, <bdf> drv=<driver> hwrng <n> bytes
#   DOMU: ready                         dom0 may go on (hot-plug etc.)
#   DOMU: aer <mode> drv=<driver>       our AER test driver has the device
#   DOMU: XPBAER ...                    its error callbacks, in order
#   DOMU: aer after recovery drv=<driver> hwrng <n> bytes
#   DOMU: aer no driver                 the device has no driver from here
#   DOMU: arrived <bdf> <vendor>:<device>   a function came (xl pci-attach)
#   DOMU: left <bdf> <vendor>:<device>      one went (xl pci-detach)
#   DOMU: unreachable <bdf> <vendor>:<device>   its config reads all ones
#   DOMU: watch <n>                     the watch loop went round once more
# Kernel command line: xpbvd=<vendor>:<device> (sysfs form, 0x...) of
# the passed-through device, xpbbench=<reads>, xpbreps=<repetitions>,
# xpbats=<offset of the ATS capability dom0 hides>, xpbcrash=1 (crash
# the kernel once ready: dom0 tests a guest crash), xpbreconnect=1
# (unbind and bind pcifront before that), xpbaer=handler or
# xpbaer=hang (AER forwarding: our test driver xpb_aer_probe takes the
# device; "hang" never answers error_detected in time),
# xpbhostile=<attacks> xpbhcount=<n> xpbhseed=<seed> (no pcifront: the
# hostile frontend attacks the backend, tests/vm/xen/hostile/),
# xpblat=<reads> (time that many config reads, again and again),
# xpbswitches=1 (write a capability body while dom0 changes switches).
. /xen-bench.sh
. /xen-cfg.sh

arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
drv_of() {
	if [ -e "/sys/bus/pci/devices/$1/driver" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
	else
		echo none
	fi
}
# wait_go WHAT: dom0 looks at something now; go on once it writes "go"
# on this domain's console (at most 120 s per line read)
wait_go() {
	echo "DOMU: waiting for dom0: $1"
	while :; do
		# busybox read has -t
		# shellcheck disable=SC3045
		if ! read -r -t 120 l < /dev/hvc0; then
			echo "DOMU: no word from dom0: $1"
			return 1
		fi
		[ "${l%"$(printf '\r')"}" = go ] && return 0
	done
}
vd=$(arg xpbvd)
n=$(arg xpbbench)
reps=$(arg xpbreps)
ats=$(arg xpbats)
echo "DOMU: kernel $(uname -r)"
# A hostile guest (xpbhostile=<attacks>): no pcifront; xpb_hostile.ko
# speaks pciif itself.  Its "HOSTILE:" lines are relayed from dmesg as
# they come, until it is done (or 25 minutes and a second per 100
# random requests: 10^7 take most of an hour under TCG), then it idles
# until destroyed.
hostile=$(arg xpbhostile)
if [ -n "$hostile" ]; then
	insmod /xpb_hostile.ko attacks="$hostile" count="$(arg xpbhcount)" \
		seed="$(arg xpbhseed)" || echo "DOMU: insmod xpb_hostile failed"
	# each new line as it comes (dom0 waits for some of them)
	hc=$(arg xpbhcount)
	i=0 n=0 hmax=$((1500 + ${hc:-0} / 100))
	while :; do
		dmesg | sed -n 's/^\[[ 0-9.]*\] HOSTILE: /DOMU: HOSTILE: /p' > /tmp/hostile
		m=$(wc -l < /tmp/hostile)
		[ "$m" -gt "$n" ] && sed -n "$((n + 1)),${m}p" /tmp/hostile
		n=$m
		grep -q 'HOSTILE: done' /tmp/hostile && break
		[ $i -lt $hmax ] || break
		sleep 1
		i=$((i + 1))
	done
	echo "DOMU: hostile end"
	while :; do sleep 60; done
fi
modprobe xen-pcifront || echo "DOMU: modprobe xen-pcifront failed"
i=0
while [ -z "$(ls /sys/bus/pci/devices 2>/dev/null)" ] && [ $i -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
dmesg | grep -q 'Creating PCI Frontend Bus' && echo "DOMU: pcifront-bus"
# Another domain's latency (xpblat=<reads>): config reads of the one
# function pcifront gave this domain, timed round after round, until
# destroyed.  Between two rounds a line dom0 wrote on this console is
# echoed as "LAT mark <line>": the rounds between two marks are the
# window dom0 marked (a hostile guest's event storm, or quiet), in this
# domain's own order, whatever the console's delay.
lat=$(arg xpblat)
if [ -n "$lat" ]; then
	d=$(ls /sys/bus/pci/devices | head -1)
	cr=$(printf '\r')
	while :; do
		bench lat "$d" "$lat" || sleep 5
		# busybox read has -t
		# shellcheck disable=SC3045
		if read -r -t 1 l < /dev/hvc0; then
			echo "LAT mark ${l%"$cr"}"
		fi
	done
fi
modprobe virtio_pci
modprobe virtio-rng
modprobe e1000
# an SR-IOV VF dom0 hot-plugs (an igb's): its driver takes it on arrival
modprobe igbvf
# sdhci-pci and ahci only for functions given at boot (XEN_STAGE=
# builtin: the realigned SD controller, an AHCI controller whose driver
# uses plain MSI): the other stages hot-plug an SD controller to see the
# function arrive, not a driver bind it
for d in /sys/bus/pci/devices/*; do
	case $(cat "$d/vendor" "$d/device" "$d/class" 2> /dev/null | tr '\n' :) in
	0x1b36:0x0007:*) modprobe sdhci-pci ;;
	*:0x010601:) modprobe sd_mod; modprobe ahci ;;
	esac
done
sleep 1
dev=""
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/vendor" ] || continue
	drv=-
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	echo "DOMU: DEV ${d##*/} $(cat "$d/vendor"):$(cat "$d/device") drv=$drv irq=$(cat "$d/irq") bar0=$(cut -d' ' -f1 "$d/resource" | head -1)"
	[ "$(cat "$d/vendor"):$(cat "$d/device")" = "$vd" ] && dev=${d##*/}
done
# An AHCI controller: its driver takes plain MSI, and reading its disk's
# first sector needs the MSI interrupt to complete (at most 60 s for the
# driver and the disk to come up).
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/class" 2> /dev/null)" = 0x010601 ] || continue
	i=0
	while [ ! -b /dev/sda ] && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	echo "DOMU: ahci ${d##*/} drv=$(drv_of "${d##*/}") msi_irqs=$(ls "$d/msi_irqs" 2> /dev/null | wc -l) read=$(timeout 30 dd if=/dev/sda bs=512 count=1 2> /dev/null | wc -c)"
done
# The administrator's switches as a guest's write meets them
# (xpbswitches=1): the offset field of virtio's PCI configuration access
# capability (vendor-specific, cfg_type 5; QEMU keeps its body
# writable), 0x1100 times the step, once per step; dom0 changes a
# switch before each and reads the hardware after.
if [ "$(arg xpbswitches)" = 1 ] && [ -n "$dev" ]; then
	f=/sys/bus/pci/devices/$dev/config
	at=""
	for c in $(cfg_caps "$f"); do
		o=$((0x${c#*@}))
		[ "${c%@*}" = 09 ] && [ "$(cfg_rd "$f" $((o + 3)) 1)" = 5 ] &&
			at=$((o + 8))
	done
	echo "DOMU: switches: field@$at"
	for s in 1 2 3 4 5; do
		if [ -z "$at" ] || ! wait_go "switches step $s"; then
			break
		fi
		cfg_wr "$f" "$at" 4 $((0x1100 * s))
		echo "DOMU: switches step $s wrote, reads $(cfg_rd "$f" "$at" 4)"
	done
fi
# The INTx device: e1000 has no MSI; bringing its link up makes the
# device raise a link-status interrupt.
for d in /sys/bus/pci/drivers/e1000/0*; do
	[ -d "$d/net" ] || continue
	nif=$(ls "$d/net")
	ip link set "$nif" up
	echo "DOMU: nic ${d##*/} drv=e1000 $nif"
	# until its first interrupt (the link-status change), at most 30 s
	i=0
	while ! grep -q "^ *[0-9]*: *[1-9][0-9]* .* $nif\$" /proc/interrupts &&
		[ $i -lt 30 ]; do
		sleep 1
		i=$((i + 1))
	done
done
dmesg | grep -iE 'pcifront|xen.*pci|msi' | sed 's/^/DOMU: dmesg /'
if [ -n "$dev" ]; then
	echo "DOMU: msi_irqs $(ls "/sys/bus/pci/devices/$dev/msi_irqs" 2>/dev/null | wc -l)"
	grep -iE 'virtio|pcifront|xen-pirq|eth' /proc/interrupts | sed 's/^/DOMU: interrupts /'
fi
# virtio-rng keeps the device busy (the kernel's hwrng thread reads it
# all the time): that would disturb the benchmark, and QEMU 7.2 has
# been seen to crash (SIGSEGV in memory_region_access_valid) when
# xl pci-detach resets the device under that traffic.  The bind is
# proven above; the rest runs with the device idle.
if [ -n "$dev" ] && [ -e "/sys/bus/pci/devices/$dev/driver" ]; then
	echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind" &&
		echo "DOMU: unbound $dev from its driver"
fi
if [ -n "$dev" ]; then
	f=/sys/bus/pci/devices/$dev/config
	cat "$f" > /tmp/cfg
	caps=$(cfg_caps /tmp/cfg)
	echo "DOMU: caps $caps"
	echo "DOMU: ecaps $(cfg_ecaps /tmp/cfg)"
fi
# A held FLR (xpbflr=1): on dom0's word, Initiate FLR in Device Control
# (pcifront gives up waiting for the answer after 2 s), then idle.
if [ -n "$dev" ] && [ -n "$(arg xpbflr)" ]; then
	exp=$(cfg_find "$caps" 10)
	echo "DOMU: flr ready: devctl@$((exp + 8)) drv=$(drv_of "$dev")"
	# First, on dom0's word, Initiate FLR on every other function dom0
	# gave this domain: one the PCI core cannot FLR, which is offered
	# none (issue 20 item 6).  Device Capabilities' FLR bit as this
	# guest reads it and Device Control's FLR bit after the write.
	until wait_go "flr-none"; do :; done
	for d in /sys/bus/pci/devices/*; do
		[ "${d##*/}" != "$dev" ] || continue
		g=$d/config
		gexp=$(cfg_find "$(cfg_caps "$g")" 10) || continue
		cfg_wr "$g" $((gexp + 8)) 2 $(($(cfg_rd "$g" $((gexp + 8)) 2) | 0x8000))
		echo "DOMU: flr-none ${d##*/}" \
			"devcap_flr=$(($(cfg_rd "$g" $((gexp + 4)) 4) >> 28 & 1))" \
			"devctl_flr=$(($(cfg_rd "$g" $((gexp + 8)) 2) >> 15 & 1))"
	done
	echo "DOMU: flr-none done"
	# only on dom0's word: the FLR must find hold_reset set
	until wait_go "flr"; do :; done
	cfg_wr "$f" $((exp + 8)) 2 $(($(cfg_rd "$f" $((exp + 8)) 2) | 0x8000))
	echo "DOMU: flr written"
	while :; do sleep 60; done
fi
if [ -n "$dev" ] && [ -n "$ats" ]; then
	# Writes the rules protect: a Max Payload Size change (the host set
	# it for the whole hierarchy), the MSI-X Function Mask through config
	# space (only the MSI-X requests may), ATS Control (hidden here).
	# XSA-120's: memory and I/O decode off in Command, Device
	# Control's error reporting enables off, AER masks changed: the
	# guest's view only, never the hardware's.
	exp=$(cfg_find "$caps" 10)
	msix=$(cfg_find "$caps" 11)
	aer=$(cfg_find "$(cfg_ecaps /tmp/cfg)" 0001)
	echo "DOMU: protected writes: cmd@4:2 devctl@$((exp + 8)):2 msixctl@$((msix + 2)):2 atsctl@$((ats + 6)):2 uncormask@$((aer + 8)):4 cormask@$((aer + 20)):4"
	wait_go "protected writes"
	cfg_wr "$f" 4 2 $(($(cfg_rd /tmp/cfg 4 2) & ~3))
	cfg_wr "$f" $((exp + 8)) 2 $((($(cfg_rd /tmp/cfg $((exp + 8)) 2) ^ 0x20) & ~0xf))
	cfg_wr "$f" $((msix + 2)) 2 $(($(cfg_rd /tmp/cfg $((msix + 2)) 2) ^ 0x4000))
	cfg_wr "$f" $((ats + 6)) 2 $((0x8000))
	cfg_wr "$f" $((aer + 8)) 4 $((0x03fff030))
	cfg_wr "$f" $((aer + 20)) 4 0
	echo "DOMU: protected writes done: the guest reads decode=$(($(cfg_rd "$f" 4 2) & 3)) errenables=$(($(cfg_rd "$f" $((exp + 8)) 2) & 0xf)) cormask=$(cfg_rd "$f" $((aer + 20)) 4)"
	wait_go "after the protected writes"
	# Max Read Request Size 1024 and then a reserved size (8 KiB), and
	# Memory Write and Invalidate: dom0 sees each reach the PCI core.
	dc=$((exp + 8))
	echo "DOMU: readrq and mwi: devctl@$dc:2"
	wait_go "readrq and mwi"
	cfg_wr "$f" "$dc" 2 $((($(cfg_rd "$f" "$dc" 2) & ~0x7000) | 0x3000))
	rq=$((($(cfg_rd "$f" "$dc" 2) >> 12) & 7))
	cfg_wr "$f" "$dc" 2 $(($(cfg_rd "$f" "$dc" 2) | 0x7000))
	rsv=$((($(cfg_rd "$f" "$dc" 2) >> 12) & 7))
	cfg_wr "$f" 4 2 $(($(cfg_rd "$f" 4 2) | 0x10))
	echo "DOMU: readrq and mwi done: readrq=$rq after-reserved=$rsv mwi=$((($(cfg_rd "$f" 4 2) >> 4) & 1))"
	wait_go "after readrq and mwi"
	# decode back on, as the guest's driver will want it
	cfg_wr "$f" 4 2 "$(cfg_rd /tmp/cfg 4 2)"
	# Power states: D3hot, an illegal D3hot -> D1, D0, then the driver
	# binds again and gets interrupts (dom0 checks the hardware between).
	pmcsr=$(($(cfg_find "$caps" 01) + 4))
	pm_to() {
		cfg_wr "$f" "$pmcsr" 2 $((($(cfg_rd "$f" "$pmcsr" 2) & ~3) | $1))
		sleep 1
		echo $(($(cfg_rd "$f" "$pmcsr" 2) & 3))
	}
	echo "DOMU: pm D3hot: pmcsr@$pmcsr reads $(pm_to 3) nosoftrst=$((($(cfg_rd "$f" "$pmcsr" 2) >> 3) & 1))"
	wait_go "hardware state in D3hot"
	echo "DOMU: pm D1 from D3hot reads $(pm_to 1)"
	wait_go "hardware state after the refused D1"
	echo "DOMU: pm back to D0 reads $(pm_to 0)"
	echo "$dev" > /sys/bus/pci/drivers/virtio-pci/bind
	# a read from the rng is answered by the device's interrupt: the
	# count below is then at least 1 however slow this machine is
	b=$(timeout 10 dd if=/dev/hwrng bs=16 count=1 2> /dev/null | wc -c)
	echo "DOMU: after D3hot drv=$(drv_of "$dev") hwrng $b bytes"
	grep -iE 'virtio' /proc/interrupts | sed 's/^/DOMU: after D3hot interrupts /'
	echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind"
fi
# AER forwarding: the test driver logs each error callback (relayed
# here from dmesg); after three recoveries (non-fatal, fatal, fatal
# with the function not answering at error_detected) virtio-pci must
# work the device again, then the device is left without a driver
# (a guest with no handler).  Dom0 injects the errors and ends the run.
aer=$(arg xpbaer)
if [ -n "$aer" ] && [ -n "$dev" ]; then
	hang=0
	[ "$aer" = hang ] && hang=15000
	# hold: dom0 reads the hardware while the driver is in
	# error_detected and slot_reset, then releases it
	hold=1
	[ "$aer" = hang ] && hold=0
	insmod /xpb_aer_probe.ko hang_ms=$hang hold=$hold
	echo xpb_aer_probe > "/sys/bus/pci/devices/$dev/driver_override"
	echo "$dev" > /sys/bus/pci/drivers_probe
	echo "DOMU: aer $aer drv=$(drv_of "$dev")"
	seen=0 stage=0 i=0
	while [ $i -lt 600 ]; do
		dmesg | sed -n 's/.*\(XPBAER .*\)/\1/p' > /tmp/aer
		got=$(wc -l < /tmp/aer)
		if [ "$got" -gt "$seen" ]; then
			sed -n "$((seen + 1)),${got}p" /tmp/aer | sed 's/^/DOMU: /'
			seen=$got
			if tail -n 1 /tmp/aer | grep -q '^XPBAER holding'; then
				wait_go "$(tail -n 1 /tmp/aer)"
				echo 1 > /sys/module/xpb_aer_probe/parameters/release
			fi
		fi
		if [ "$aer" = handler ] && [ $stage = 0 ] &&
			[ "$(grep -c ' resume$' /tmp/aer)" -ge 3 ]; then
			echo > "/sys/bus/pci/devices/$dev/driver_override"
			echo "$dev" > /sys/bus/pci/drivers/xpb_aer_probe/unbind
			echo "$dev" > /sys/bus/pci/drivers/virtio-pci/bind
			sleep 2
			b=$(timeout 10 dd if=/dev/hwrng bs=16 count=1 2> /dev/null | wc -c)
			echo "DOMU: aer after recovery drv=$(drv_of "$dev") hwrng $b bytes"
			echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind"
			echo "DOMU: aer no driver"
			stage=1
		fi
		sleep 1
		i=$((i + 1))
	done
fi
i=0
while [ -n "$dev" ] && [ -n "$n" ] && [ $i -lt "${reps:-1}" ]; do
	bench domU "$dev" "$n"
	i=$((i + 1))
done
# Frontend reconnect: pcifront lets go of its bus and binds again (the
# xenbus device goes Closed, then Initialised): the function must come
# back and work with its driver, then is left idle again.  Twice: bound
# again at once (dom0 may not have seen the Closed yet) and after 2 s
# (dom0 has answered the Closed).
reconnect() {
	for fe in /sys/bus/xen/drivers/pcifront/pci-*; do
		fe=${fe##*/}
		break
	done
	echo "$fe" > /sys/bus/xen/drivers/pcifront/unbind
	sleep "$1"
	left=gone
	[ -e "/sys/bus/pci/devices/$dev" ] && left=present
	echo "DOMU: reconnect after $1 s: $fe unbound, $dev $left"
	echo "$fe" > /sys/bus/xen/drivers/pcifront/bind
	i=0
	while [ "$(drv_of "$dev")" = none ] && [ $i -lt 30 ]; do
		sleep 1
		i=$((i + 1))
	done
	b=$(timeout 10 dd if=/dev/hwrng bs=16 count=1 2> /dev/null | wc -c)
	echo "DOMU: reconnect after $1 s: $fe bound, $dev drv=$(drv_of "$dev") hwrng $b bytes"
	dmesg | grep -i pcifront | tail -n 5 | sed 's/^/DOMU: reconnect dmesg /'
	[ -e "/sys/bus/pci/devices/$dev/driver" ] &&
		echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind"
}
if [ "$(arg xpbreconnect)" = 1 ] && [ -n "$dev" ]; then
	reconnect 0
	reconnect 2
fi
echo "DOMU: ready"
if [ "$(arg xpbcrash)" = 1 ]; then
	# leave the device in D3hot: dom0 must get it back in D0
	f=/sys/bus/pci/devices/$dev/config
	pmcsr=$(($(cfg_find "$caps" 01) + 4))
	cfg_wr "$f" "$pmcsr" 2 $((($(cfg_rd "$f" "$pmcsr" 2) & ~3) | 3))
	echo "DOMU: crashing with the device in D$(($(cfg_rd "$f" "$pmcsr" 2) & 3))"
	echo c > /proc/sysrq-trigger
fi
# Report every function that comes or goes (xl pci-attach/-detach),
# and every one whose config space stops answering (reads all ones:
# pciback took it away, e.g. an unbind) or answers again.
devs() {
	for d in /sys/bus/pci/devices/*; do
		# a function being removed may lose its files between two reads
		v=$(cat "$d/vendor" 2> /dev/null) &&
			p=$(cat "$d/device" 2> /dev/null) &&
			echo "${d##*/} $v:$p"
	done
}
# unreachable: the functions whose vendor ID reads all ones through
# pcifront (a real config read, not the kernel's cached ID)
unreachable() {
	for d in /sys/bus/pci/devices/*; do
		id=$(od -An -tx2 -N2 "$d/config" 2> /dev/null | tr -d ' ')
		[ -z "$id" ] || [ "$id" = ffff ] &&
			echo "${d##*/} $(cat "$d/vendor" 2> /dev/null):$(cat "$d/device" 2> /dev/null)"
	done
}
# igbvf_seen: each function igbvf drives, once: the MSI-X vectors it got
# (pciback judges a VF's MSI-X by its PF's decode) and Memory Space as
# this guest reads it (a VF's is hard-wired 0 in hardware)
vfs=""
igbvf_seen() {
	for d in /sys/bus/pci/drivers/igbvf/0*; do
		[ -e "$d" ] || continue
		case " $vfs " in *" ${d##*/} "*) continue ;; esac
		vfs="$vfs ${d##*/}"
		echo "DOMU: igbvf ${d##*/} msi_irqs=$(ls "$d/msi_irqs" 2> /dev/null | wc -l) memory=$(($(cfg_rd "$d/config" 4 2) >> 1 & 1))"
	done
}
old=$(devs)
lost=$(unreachable)
i=0
# long enough for every stage dom0 runs with this domain alive (each
# round takes a few seconds under TCG); dom0 destroys it at the end
while [ $i -lt 1800 ]; do
	sleep 1
	new=$(devs)
	echo "$new" | while read -r l; do
		[ -n "$l" ] && ! echo "$old" | grep -qx "$l" && echo "DOMU: arrived $l"
	done
	echo "$old" | while read -r l; do
		[ -n "$l" ] && ! echo "$new" | grep -qx "$l" && echo "DOMU: left $l"
	done
	old=$new
	now=$(unreachable)
	echo "$now" | while read -r l; do
		[ -n "$l" ] && ! echo "$lost" | grep -qx "$l" && echo "DOMU: unreachable $l"
	done
	lost=$now
	igbvf_seen
	echo "DOMU: watch $i"
	i=$((i + 1))
done
