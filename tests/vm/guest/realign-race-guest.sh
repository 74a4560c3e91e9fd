#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of the race boot of tests/vm/realign-builtin.sh (busybox sh,
# /guest.sh): the checkers' kernel, realigner built in and lockdep on,
# races the realigner's sysfs writer against hot-removal and rescan
# (realign-race.sh).  One vCPU: the boot exists apart from gate
# vm_hostile's Xen dom0 because QEMU's multi-threaded TCG once aborted
# there on this race's memory-map churn (iotlb_to_section), and lockdep
# sees a lock order taken both ways without the two loops ever running
# at the same instant.
. /guest-lib.sh
. /realign-race.sh

SHARE=0000:00:07.0
SHARE_WITH=0000:00:06.0
cat /dev/kmsg > /tmp/kmsg.all 2>/dev/null &

ts() { echo "# [$(cut -d' ' -f1 /proc/uptime)] $*"; }

# kmsg_clean: no kernel report in the whole kernel log
kmsg_clean() {
	! grep -Eq 'WARNING:|BUG:|Oops|circular locking|blocked for more than' \
		/tmp/kmsg.all
}

case $mode in
race)
	plan $((REALIGN_RACE_CHECKS + 3))
	check "the kernel has lockdep, and it is on" lockdep_on
	realign_race_stage
	sleep 2
	check "lockdep still on at the end" lockdep_on
	check "no kernel report in the kernel log" kmsg_clean
	;;
*)
	plan 1
	echo "not ok - unknown xpbtest mode '$mode'"
	;;
esac
plan_end
