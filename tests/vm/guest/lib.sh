#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Helpers shared by the guest scripts (busybox sh), copied into each
# initramfs as /guest-lib.sh and sourced from /guest.sh.

# The xpbtest=<mode> word of the kernel command line.
mode=$(sed -n 's/.*xpbtest=\([a-z]*\).*/\1/p' /proc/cmdline)

# busybox sh has "local".
# shellcheck disable=SC3043
check() {	# check DESCRIPTION COMMAND...: print "ok - " or "not ok - "
	local what="$1"

	shift
	if "$@"; then echo "ok - $what"; else echo "not ok - $what"; fi
}

# plan N: how many checks this run makes.  The host requires exactly N
# "ok"/"not ok" lines and the end marker, so a run that stops half-way
# (busybox sh quits on an arithmetic error; /init still says "done") or
# skips a block of checks fails.
plan() { echo "PLAN $1"; }

# plan_end: the last line of a run that got to its end
plan_end() { echo "PLAN-END"; }

# not COMMAND...: succeed iff COMMAND fails (works on shell functions,
# which a child "sh -c" would not know)
not() {
	! "$@"
}

# tail_of BDF BAR: the /proc/iomem line of the realigner's tail, if any
tail_of() {
	grep "pci-realign $1 BAR $2 tail" /proc/iomem | sed 's/^ *//'
}

# bars [GLOB]: "bdf bar start end" of every assigned MMIO BAR (and ROM)
# of the devices matching GLOB in /sys/bus/pci/devices (default: all)
bars() {
	for p in /sys/bus/pci/devices/${1:-*}; do
		n=0
		while read -r s e f; do
			[ $n -le 6 ] && [ $((f & 0x200)) -ne 0 ] && [ $((e)) -ne 0 ] &&
				echo "${p##*/} $n $((s)) $((e))"
			n=$((n + 1))
		done < "$p/resource"
	done
}

# decode_on BDF: memory decode on in the command register, as firmware
# or a driver that let go leaves it, without the core's enable count
# (the realigner refuses a device enabled with no driver bound)
# shellcheck disable=SC3043
decode_on() {
	local cfg="/sys/bus/pci/devices/$1/config" b

	b=$(od -An -tu1 -j4 -N1 "$cfg" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\$(printf %o $((b | 2)))" |
		dd of="$cfg" bs=1 seek=4 count=1 conv=notrunc 2>/dev/null
}

# wait_line WORD FILE: wait (60 s at most) until FILE has a line
# starting with WORD
# shellcheck disable=SC3043
wait_line() {
	local i=0

	while ! grep -q "^$1" "$2" 2>/dev/null && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	grep -q "^$1" "$2"
}

# map_hold FILE: start /realign/maphold on FILE (a BAR's resource file)
# and wait until it has mapped the BAR.  map_touch: signal it to read
# through its mapping again and wait for it; $map_status is its exit
# status (135: SIGBUS, its mapping was revoked), $map_said its last line.
map_hold() {
	/realign/maphold "$1" > /tmp/mh 2>&1 &
	map_pid=$!
	wait_line mapped /tmp/mh
}
map_touch() {
	kill -USR1 "$map_pid"
	wait "$map_pid"
	map_status=$?
	map_said=$(tail -1 /tmp/mh)
}

# lockdep_on: lockdep is built in and has reported nothing (it switches
# itself off at its first report)
lockdep_on() { grep -Eq '^ *debug_locks: +1$' /proc/lockdep_stats; }
