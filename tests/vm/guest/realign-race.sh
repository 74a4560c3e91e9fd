#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# realign_race_stage (sourced by realign-race-guest.sh as
# /realign-race.sh): the realigner built into the checkers' kernel, its
# sysfs writer racing the hot-removal and rescan of a device it selects,
# with lockdep watching.  The writer takes the rescan lock, then realign_lock, and
# only tries device locks; removal and rescan take the rescan lock and
# the bus notifier takes realign_lock under it (issue 24, item 1).  Two
# locks ever taken in both orders make lockdep report and switch itself
# off, which the stage's last check reads.
#
# Uses SHARE and SHARE_WITH: two functions with no driver whose small
# BARs share a page; and ts LINE, which prints a line of the log.
REALIGN_PARAM=/sys/module/pci_realign/parameters/devices
# how many checks realign_race_stage makes
REALIGN_RACE_CHECKS=7
# removals and rescans; the writer writes for as long as they last
REALIGN_RACE_CYCLES=100
# seconds the race may take before it counts as a deadlock (it takes
# about 5 here under TCG)
REALIGN_RACE_LIMIT=300

# realigned_alone BDF...: each one's BAR 0 page-aligned, with the
# realigner's tail
realigned_alone() {
	# shellcheck disable=SC3043
	local start

	for d in "$@"; do
		start=$(bars "$d" | awk '$2 == 0 { print $3 }')
		[ -n "$start" ] && [ $((start & 0xfff)) -eq 0 ] &&
			[ -n "$(tail_of "$d" 0)" ] || return 1
	done
}

# realign_placed BDF: how many times the kernel log says BDF's BAR 0 was
# placed alone in its page (moved, or kept where it was), its tail reserved
realign_placed() {
	grep -c "$1: BAR 0 .*\(moved to .*, tail reserved\|kept, page tail reserved\)" /tmp/kmsg.all
}

realign_race_stage() {
	# shellcheck disable=SC3043
	local sel="$SHARE_WITH;$SHARE" t=0 writes=0 failed=0 cycles=0 placed0 placed

	ts "realigner: selection writes racing $REALIGN_RACE_CYCLES removals and rescans of $SHARE"
	placed0=$(realign_placed "$SHARE")
	touch /tmp/race.on
	: > /tmp/race.werr
	rm -f /tmp/race.writes /tmp/race.cycles
	(
		n=0 bad=0
		while [ -e /tmp/race.on ]; do
			if echo "$sel" 2>> /tmp/race.werr > "$REALIGN_PARAM"; then
				n=$((n + 1))
			else
				bad=$((bad + 1))
			fi
		done
		echo "$n $bad" > /tmp/race.writes
	) &
	(
		i=0
		while [ $i -lt $REALIGN_RACE_CYCLES ]; do
			echo 1 > "/sys/bus/pci/devices/$SHARE/remove"
			echo 1 > /sys/bus/pci/rescan
			i=$((i + 1))
		done
		echo "$i" > /tmp/race.cycles
	) &
	# A deadlock leaves both loops asleep in the kernel for good: wait a
	# bounded time (the race takes seconds), then report it and skip
	# whatever would wait on the same locks.
	while [ ! -e /tmp/race.cycles ] && [ $t -lt $REALIGN_RACE_LIMIT ]; do
		sleep 1
		t=$((t + 1))
	done
	rm -f /tmp/race.on
	while [ ! -e /tmp/race.writes ] && [ $t -lt $REALIGN_RACE_LIMIT ]; do
		sleep 1
		t=$((t + 1))
	done
	check "realigner: $REALIGN_RACE_CYCLES removals and rescans, and the writes beside them, finished (limit $REALIGN_RACE_LIMIT s)" \
		[ -e /tmp/race.cycles -a -e /tmp/race.writes ]
	if [ ! -e /tmp/race.cycles ] || [ ! -e /tmp/race.writes ]; then
		ts "realigner: the race never finished; its other checks are not run"
		for c in "writes accepted" "placed again" "found again" \
			"a write after the race" "each alone in a page"; do
			check "realigner: $c (the race never finished)" false
		done
		check "realigner: lockdep still on after the race" lockdep_on
		return
	fi
	read -r writes failed < /tmp/race.writes
	read -r cycles < /tmp/race.cycles
	placed=$(($(realign_placed "$SHARE") - placed0))
	ts "realigner: $writes writes accepted, $failed refused, $cycles removals and rescans, $SHARE placed alone $placed times"
	sed 's/^/# realigner write: /' /tmp/race.werr | head -5
	check "realigner: every selection write during the race accepted ($writes, $failed refused)" \
		[ "$writes" -gt 0 -a "$failed" -eq 0 ]
	# a removal drops the tail, the rescan finds the BAR without one,
	# and a write reserves it again: real work in the race
	check "realigner: writes between rescans placed $SHARE alone again ($placed times)" \
		[ "$placed" -gt 0 ]
	check "realigner: $SHARE found again after the last rescan" \
		[ -e "/sys/bus/pci/devices/$SHARE" ]
	# the last removal dropped its tail; one more write places it alone
	check "realigner: a write after the race is accepted" \
		sh -c "echo '$sel' > $REALIGN_PARAM"
	check "realigner: $SHARE_WITH and $SHARE each alone in a page, tails reserved" \
		realigned_alone "$SHARE_WITH" "$SHARE"
	check "realigner: lockdep still on after the race" lockdep_on
}
