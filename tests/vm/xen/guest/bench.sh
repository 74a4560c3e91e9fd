#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Config-space read benchmark (busybox sh), sourced in dom0 and in the
# domU.  Figures only: nothing here passes or fails.

# now_ns: monotonic clock in nanoseconds (busybox date has no %N)
now_ns() {
	awk '/^now at/ { print $3; exit }' /proc/timer_list
}

# bench WHO BDF N: read the whole config space of BDF (sysfs "config",
# one dword per config access) often enough for at least N reads, in one
# cat, and the same number of bytes of a RAM copy of it to subtract what
# cat, open and the file system cost.  Prints
#   BENCH <who> bdf=... reads=... bytes=... dev_ns=... base_ns=... ns_per_read=...
bench() {
	# shellcheck disable=SC3043
	local who=$1 f=/sys/bus/pci/devices/$2/config n=$3 size dw passes i devs copies t0 t1 t2

	[ -r "$f" ] || { echo "BENCH $who bdf=$2 error=no-config-file"; return 1; }
	size=$(wc -c < "$f")
	dw=$((size / 4))
	[ "$dw" -gt 0 ] || { echo "BENCH $who bdf=$2 error=empty-config"; return 1; }
	passes=$(((n + dw - 1) / dw))
	cat "$f" > /tmp/bench.copy
	devs="" copies="" i=0
	while [ $i -lt $passes ]; do
		devs="$devs $f" copies="$copies /tmp/bench.copy"
		i=$((i + 1))
	done
	cat "$f" > /dev/null	# warm-up
	t0=$(now_ns)
	# shellcheck disable=SC2086
	cat $devs > /dev/null
	t1=$(now_ns)
	# shellcheck disable=SC2086
	cat $copies > /dev/null
	t2=$(now_ns)
	echo "BENCH $who bdf=$2 reads=$((passes * dw)) bytes=$size dev_ns=$((t1 - t0))" \
		"base_ns=$((t2 - t1)) ns_per_read=$(((t1 - t0 - (t2 - t1)) / (passes * dw)))"
}
