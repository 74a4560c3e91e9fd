#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The stock round of the hostile stage (/xen-hostile-stock.sh in the
# image, sourced after /xen-hostile.sh): the same hostile guest against
# Debian's xen-pciback (built from the linux-source-6.1 it comes from,
# for this kernel: /root/stock-pciback.ko), in the same boot, after
# everything about ours is checked.  Figures for the README's comparison
# ("FIGURE stock: ..." beside "FIGURE ours: ..."), not checks: stock is
# not ours to fix.  What the kernel reports from here on is a figure too
# (the host's scan stops at the "stock round begins" line).
# shellcheck disable=SC2034 # hostile_figures (hostile.sh) reads the h* globals

# at most this many random requests against stock (make hostile's 10^7
# would double the run for a comparison)
STOCK_COUNT_MAX=100000

# stock_step NAME CMD...: run it; a failure is said, and ends the round
stock_step() {
	# shellcheck disable=SC3043
	local name=$1

	shift
	xrun "stock-$name" "$@" && return 0
	ts "stock round: $name failed; the round ends here"
	return 1
}

# hostile_stock_round: the attack against Debian's module, as figures
hostile_stock_round() {
	# shellcheck disable=SC3043
	local n=$HOSTILE_COUNT w

	[ "$n" -le "$STOCK_COUNT_MAX" ] || n=$STOCK_COUNT_MAX
	echo "DOM0: stock round begins (figures from here on, not checks)"
	ts "stock round: Debian's xen-pciback, the same hostile guest, $n random requests, seed $HOSTILE_SEED"
	stock_step insmod insmod /root/stock-pciback.ko || return 0
	stock_step assignable-add xl pci-assignable-add "$BDF" || return 0
	hregs0=$(hostile_regs) hdec0=$((0x$(hwreg 4) & 3))
	hstate0=$(header_state) hk0=$(dmesg | wc -l)
	hregsx= hdecx=? hregs1= hdec1=? cpu_storm= ev0= ev1=
	domu_cfg domu-stock "'$BDF'" \
		"xpbhostile=$HOSTILE_ATTACKS xpbhcount=$n xpbhseed=$HOSTILE_SEED" 2
	stock_step create xl create /root/domu-stock.cfg || return 0
	w=/local/domain/$(xl domid domu-stock)/data
	# the same handshakes as for ours, each bounded: a guest stuck on
	# stock ends the round, not the boot
	if xs_wait "$w/xpb-hostile" xsa120 $((300 + n / 100)); then
		hregsx=$(hostile_regs) hdecx=$((0x$(hwreg 4) & 3))
		xenstore-write "$w/xpb-hostile-go" xsa120
	fi
	if xs_wait "$w/xpb-hostile" storm 300; then
		ev0=$(evstat "$(xl domid domu-stock)")
		xenstore-write "$w/xpb-hostile-go" storm
		cpu_storm=$(cpu_busy_pct 3)
		xenstore-write "$w/xpb-hostile-go" storm-stop
		wait_log domu-stock "DOMU: HOSTILE: storm: idle: " 120
		ev1=$(evstat "$(xl domid domu-stock)")
	fi
	wait_log domu-stock "DOMU: hostile end" 300 ||
		ts "stock round: the hostile guest did not finish in 300 s"
	hregs1=$(hostile_regs) hdec1=$((0x$(hwreg 4) & 3))
	xrun stock-destroy sh -c "xl pause domu-stock && timeout 120 xl destroy domu-stock"
	domu_gone domu-stock 120 || ts "stock round: domu-stock still there"
	hstate1=$(header_state)
	hostile_figures stock domu-stock
	console_of domu-stock | sed -n 's/.*DOMU: HOSTILE: /DOM0: stock: hostile: /p' | head -80
	stock_step assignable-remove xl pci-assignable-remove -r "$BDF" &&
		stock_step rmmod rmmod xen_pciback
	ts "stock round: $BDF on $(drv_of "$BDF")"
	echo "DOM0: stock round ends"
}
