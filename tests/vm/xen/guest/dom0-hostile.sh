#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Dom0 side of tests/vm/xen-pv.sh with XEN_STAGE=hostile (busybox sh,
# /guest.sh of the dom0 initramfs), on a dom0 kernel built with the
# kernel's checkers (scripts/vm/checkers-kernel.sh: lockdep, KFENCE,
# slab and list debugging).  Starts Xen's toolstack, gives $BDF
# to a hostile domU with the real xl (tests/vm/xen/guest/hostile.sh
# checks the attack), then to a polite one whose driver must still work
# it, hands it back to dom0's driver and unloads the module.  The
# checkers must stay quiet all along: lockdep still on at the end, no
# KFENCE report, and the host scans every console for any report.
# Then, as figures, the same attack against Debian's module (when the
# image has it: XEN_HOSTILE_STOCK=1, make hostile).
# /root/xen.env sets BDF, HOSTILE_ATTACKS, HOSTILE_COUNT, HOSTILE_SEED.
export PATH=/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /guest-lib.sh
. /xen-cfg.sh
. /root/xen.env
. /xen-dom0-lib.sh
. /xen-hostile.sh
. /xen-hostile-stock.sh

plan $((HOSTILE_CHECKS + 18))

# kfence_quiet: KFENCE is sampling and has found nothing
kfence_quiet() {
	grep -q '^enabled: 1$' "$1" && grep -q '^total bugs: 0$' "$1"
}

toolstack_up
ts "dom0 kernel $(uname -r): $(cat /proc/cmdline)"
check "dom0 kernel has lockdep, and it is on" lockdep_on
check "dom0 kernel has KFENCE, sampling" \
	kfence_quiet /sys/kernel/debug/kfence/stats

# --- the device, on dom0's driver first (built in)
vd=$(cat "/sys/bus/pci/devices/$BDF/vendor"):$(cat "/sys/bus/pci/devices/$BDF/device")
check "$BDF starts on dom0's virtio-pci" [ "$(drv_of "$BDF")" = virtio-pci ]
cat "/sys/bus/pci/devices/$BDF/config" > /tmp/hwcfg
hwcaps=$(cfg_caps /tmp/hwcfg) hwecaps=$(cfg_ecaps /tmp/hwcfg)
ts "$BDF is $vd: $hwcaps | $hwecaps"
state0=$(header_state)

check "modprobe xen-pciback" xrun modprobe modprobe xen-pciback
check "xl pci-assignable-add $BDF" \
	xrun assignable-add xl pci-assignable-add "$BDF"

hostile_stage

# --- the next, polite guest: its driver works the device
ts "a polite domU after the hostile one"
domu_cfg domu "'$BDF'" "xpbreconnect=1"
check "xl create of a polite domU (pcifront)" xrun create xl create /root/domu.cfg
check "polite domU: virtio-pci binds the device, hwrng reads work (and again after a frontend reconnect)" \
	wait_log domu "DOMU: reconnect after 2 s: pci-[0-9]* bound, .* drv=virtio-pci hwrng 16 bytes" 300
check "polite domU: ready" wait_log domu "DOMU: ready" 120
check "xl destroy of the polite domU" \
	xrun destroy sh -c "xl pause domu && timeout 120 xl destroy domu"
check "the polite domU is gone" domu_gone domu 120

# --- back to dom0, and the module out
check "xl pci-assignable-remove -r $BDF" \
	xrun assignable-remove xl pci-assignable-remove -r "$BDF"
check "$BDF back on dom0's virtio-pci" [ "$(drv_of "$BDF")" = virtio-pci ]
refcnt_zero 20
check "rmmod xen_pciback" xrun rmmod rmmod xen_pciback
check "command and BARs as at the start" [ "$(header_state)" = "$state0" ]

# late reports (a freed object touched by a timer or a work item) have a
# moment to show
sleep 5
check "lockdep still on: no lock problem in the whole run" lockdep_on
check "KFENCE found nothing in the whole run" \
	kfence_quiet /sys/kernel/debug/kfence/stats
sed 's/^/DOM0: kfence /' /sys/kernel/debug/kfence/stats
grep -E 'debug_locks|lock-classes|direct dependencies' /proc/lockdep_stats |
	sed 's/^ */DOM0: lockdep /'
check "dom0 kernel: no report in dmesg" \
	not dmesg_has "Oops\|BUG:\|WARNING:\|UBSAN:\|Call Trace"
plan_end
dump_logs
echo "DOM0: done at $(cut -d" " -f1 /proc/uptime)s"
# last, after every check: the same attack against Debian's module, if
# the image has it (XEN_HOSTILE_STOCK=1, make hostile)
if [ -f /root/stock-pciback.ko ]; then
	hostile_stock_round
else
	ts "no stock round (XEN_HOSTILE_STOCK=1 or make hostile runs one)"
fi
