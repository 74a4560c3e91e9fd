#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the dom0 side of the Xen VM tests (sourced by dom0.sh and
# dom0-hostile.sh, /xen-dom0-lib.sh in the image): waits on guest
# consoles and xenstore, the device's registers as the hardware has
# them, our module's debugfs counters, and the toolstack's start.
CONDIR=/var/log/xen/console
PB=/sys/bus/pci/drivers/pciback
DBGFS=/sys/kernel/debug/xen-pciback
# The whole kernel log from here on: a hostile guest's refused requests
# (rate-limited lines) can push early lines out of dmesg's ring.
cat /dev/kmsg > /tmp/kmsg.all 2>/dev/null &

ts() { echo "DOM0: [$(cut -d' ' -f1 /proc/uptime)] $*"; }

# xrun NAME CMD...: run CMD, its output kept in /tmp/NAME.out and shown
# (prefixed) only when it fails
xrun() {
	# shellcheck disable=SC3043
	local name=$1 rc=0

	shift
	"$@" > "/tmp/$name.out" 2>&1 || rc=$?
	[ $rc -eq 0 ] || sed "s/^/DOM0: $name: /" "/tmp/$name.out"
	return $rc
}

drv_of() {
	if [ -e "/sys/bus/pci/devices/$1/driver" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
	else
		echo none
	fi
}

# wait_log DOMAIN PATTERN SECONDS: until the domain's console log has
# PATTERN; gives up early once the domain is gone
wait_log() {
	# shellcheck disable=SC3043
	local i=0

	while [ $i -lt "$3" ]; do
		console_of "$1" | grep -q "$2" && return 0
		xl list "$1" > /dev/null 2>&1 || break
		sleep 1
		i=$((i + 1))
	done
	console_of "$1" | grep -q "$2"
}

# console_of DOMAIN: its console log, without the console's carriage returns
console_of() { tr -d '\r' 2> /dev/null < "$CONDIR/guest-$1.log"; }
domu_has() { console_of domu | grep -q "$1"; }
domu_has_in() { console_of "$1" | grep -q "$2"; }
assignable() { xl pci-assignable-list 2>/dev/null | grep -q "^$1"; }
attached() { xl pci-list domu 2>/dev/null | grep -q "$1"; }
# xs_watch_start PATH...: log each xenbus state change under PATH, with
# dom0's uptime (where a hot-unplug spends its time; libxl waits 10 s
# for the backend); xs_watch_stop prints the log.
xs_watch_start() {
	for p in "$@"; do
		xenstore-watch "$p" | while read -r k; do
			case $k in
			*/state | */state-*)
				echo "[$(cut -d' ' -f1 /proc/uptime)] $k=$(xenstore-read "$k" 2>/dev/null)"
				;;
			esac
		done >> /tmp/xs-timeline &
	done
}
xs_watch_stop() {
	# shellcheck disable=SC2046
	kill $(pidof xenstore-watch) 2>/dev/null
	sleep 1
	sed 's/^/DOM0: xenbus /' /tmp/xs-timeline
	rm -f /tmp/xs-timeline
}
domu_exists() { xl list "$1" > /dev/null 2>&1; }
dmesg_has() { dmesg | grep -q "$1"; }
# domu_gone DOMAIN SECONDS: the domain is gone within SECONDS
domu_gone() {
	# shellcheck disable=SC3043
	local i=0

	while domu_exists "$1" && [ $i -lt "$2" ]; do
		sleep 1
		i=$((i + 1))
	done
	! domu_exists "$1"
}
# go DOMAIN: let the domain's script go on where it waits for dom0
# (domu.sh wait_go, poweroff.sh): "go" written on its console
go() {
	# shellcheck disable=SC3043
	local tty

	tty=$(xenstore-read "/local/domain/$(xl domid "$1")/console/tty") &&
		printf 'go\r' > "$tty"
}
# keeps_rest LEFT LOST: the domU's functions are all attached, as many
# left it as LEFT and as many stopped answering as LOST
keeps_rest() {
	attached "$BDF" && attached "$NIC" &&
		[ "$(log_count domu "DOMU: left ")" = "$1" ] &&
		[ "$(log_count domu "DOMU: unreachable ")" = "$2" ]
}
# slots_concrete: the slots file lists 00:1f.0 and has no wildcard
slots_concrete() {
	grep -qx 0000:00:1f.0 $PB/slots && [ "$(grep -c '[*]' $PB/slots)" = 0 ]
}
# log_count DOMAIN PATTERN: lines of its console log with PATTERN
log_count() { console_of "$1" | grep -c "$2"; }
# count_above BEFORE SECONDS CMD...: until CMD prints a count above
# BEFORE, at most SECONDS (an event after the count was taken, not an
# earlier one)
count_above() {
	# shellcheck disable=SC3043
	local n=$1 t=$2 i=0

	shift 2
	while [ "$("$@")" -le "$n" ] && [ $i -lt "$t" ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$("$@")" -gt "$n" ]
}
# wait_more DOMAIN PATTERN BEFORE SECONDS: until more than BEFORE lines
# of the domain's console have PATTERN
wait_more() { count_above "$3" "$4" log_count "$1" "$2"; }
# kmsg_more PATTERN BEFORE SECONDS: until dom0's log has more than
# BEFORE lines with PATTERN
kmsg_more() { count_above "$2" "$3" grep -c "$1" /tmp/kmsg.all; }
# refcnt_zero SECONDS: wait until no guest holds a module reference
refcnt_zero() {
	# shellcheck disable=SC3043
	local i=0

	while [ "$(cat /sys/module/xen_pciback/refcnt)" != 0 ] && [ $i -lt "$1" ]; do
		sleep 1
		i=$((i + 1))
	done
}
# xs_wait PATH VALUE SECONDS: until xenstore PATH reads VALUE
xs_wait() {
	# shellcheck disable=SC3043
	local i=0

	until [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; do
		[ $i -lt "$3" ] || return 1
		sleep 1
		i=$((i + 1))
	done
}
# unchanged WHAT BEFORE AFTER: there was something to compare, and it held
unchanged() { [ -n "$1" ] && [ "$2" = "$3" ]; }

# domu_cfg NAME PCI EXTRA [VCPUS]: a PV domU with pci = [ PCI ], EXTRA
# more words for its command line (see domu.sh), VCPUS vCPUs (1)
domu_cfg() {
	cat > "/root/$1.cfg" <<EOC
name = "$1"
type = "pv"
kernel = "/root/domu-vmlinuz"
ramdisk = "/root/domu.gz"
extra = "console=hvc0 quiet loglevel=5 clocksource=xen panic=-1 xpbvd=$vd $3"
memory = 256
vcpus = ${4:-1}
pci = [ $2 ]
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
EOC
}
pciback_sha() {
	find /lib/modules -name xen-pciback.ko -exec sha256sum {} + | cut -c1-64
}

# small_at_page BDF: BDF's BAR 0 is smaller than a page and starts one
small_at_page() {
	# shellcheck disable=SC3043
	local start end

	read -r start end _ < "/sys/bus/pci/devices/$1/resource"
	[ $((start & 0xfff)) = 0 ] && [ $((end - start + 1)) -lt 4096 ]
}
# tail_fills_page BDF: /proc/iomem lists the realigner's tail of BDF's
# BAR 0 from the byte after the BAR to the end of its page
tail_fills_page() {
	# shellcheck disable=SC3043
	local end

	read -r _ end _ < "/sys/bus/pci/devices/$1/resource"
	sed 's/^ *//' /proc/iomem | grep -qx "$(printf '%08x-%08x' \
		$((end + 1)) $((end | 0xfff))) : pci-realign $1 BAR 0 tail"
}
# bars_state: the device's BARs as the hardware has them
bars_state() {
	setpci -s "$BDF" BASE_ADDRESS_0 BASE_ADDRESS_1 BASE_ADDRESS_2 \
		BASE_ADDRESS_3 BASE_ADDRESS_4 BASE_ADDRESS_5 | tr '\n' ' '
}
# header_state: the registers a dom0 driver finds at bind (Command and
# the BARs)
header_state() { echo "$(setpci -s "$BDF" COMMAND) $(bars_state)"; }
# counter_of BDF NAME: a line of our module's debugfs counters for BDF;
# counter NAME: for the device
counter_of() {
	sed -n "s/^$2: //p" "/sys/kernel/debug/xen-pciback/$1/counters" 2>/dev/null
}
counter() { counter_of "$BDF" "$1"; }
# hwreg OFF: a config word of the device as the hardware has it
hwreg() { setpci -s "$BDF" "$(printf %x "$1")".w; }

# toolstack_up: start Xen's toolstack as Debian's xen init script and
# xen-init-dom0 do it, and check that xl answers
toolstack_up() {
	mkdir -p /dev/pts /dev/shm /run /tmp /var/lib/xen /var/lib/xenstored \
		/var/log/xen/console /var/lock
	mount -t devpts devpts /dev/pts
	mount -t tmpfs tmpfs /run
	ln -sfn /run /var/run
	mkdir -p /run/xen /run/xenstored
	ts "init"
	for m in xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd; do
		modprobe $m || echo "DOM0: modprobe $m failed"
	done
	mount -t xenfs xenfs /proc/xen
	xenstored --pid-file /run/xenstored.pid
	xen-init-dom0
	xenconsoled --pid-file=/run/xenconsoled.pid --log=guest \
		--log-dir=/var/log/xen/console
	check "toolstack answers: xl info" xrun xl-info xl info
	ts "toolstack up ($(sed -n 's/^xen_version *: //p' /tmp/xl-info.out))"
}

# dump_logs: every guest console, every xl command's output, the xl log
# and dom0's pciback lines, for the host's scan and for a reader
dump_logs() {
	for f in "$CONDIR"/guest-*.log; do
		echo "--- console of ${f##*/guest-}"
		grep -v '^DOMU: watch ' "$f" | sed 's/^/domU| /'
	done
	echo "--- output of every xl command"
	for f in /tmp/*.out; do
		[ "$f" = /tmp/xl-info.out ] && continue
		sed "s/^/xl-out| ${f##*/}: /" "$f"
	done
	# Asserted above for ours; for Debian's module (libxl falls back to the
	# sysfs reset file) a figure only.
	echo "INFO xl reset warnings: $(cat /tmp/*.out | grep -ci 'reset')"
	echo "--- xl log"
	tail -n 40 /var/log/xen/xl-domu.log 2>/dev/null | sed 's/^/xl| /'
	echo "--- dom0 kernel log (pciback, pci, xen)"
	dmesg | grep -iE 'pciback|pcifront|xen.*pci|iommu|error' | tail -n 40 | sed 's/^/dmesg| /'
}
