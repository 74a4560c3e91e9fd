#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The hostile-guest stage of the dom0 side of the Xen VM tests
# (/xen-hostile.sh in the image, sourced after /xen-dom0-lib.sh): a
# domU whose frontend is tests/vm/xen/hostile/ (no pcifront, raw pciif)
# attacks the function $BDF; dom0 checks the hardware, the answers and
# its counters, and another domain (domu-lat, with $NIC) times its own
# config reads while the hostile one is quiet and while it storms (a
# figure), and must see them answered inside the storm (a check).
# HOSTILE_CHECKS is how many checks hostile_stage makes.
HOSTILE_CHECKS=37
# config reads in each of domu-lat's timed rounds
LAT_READS=64
# the 7 malformed MSI-X enables of the XSA-157 sequence, as the
# frontend names them: "xsa157: enable MSI-X<one of these>: err -N"
XSA157_BAD='( again|, 129 vectors|, 4294967295 vectors|, entry 2047|, entry 65535|, entry 0 twice|, no vectors)'

# hostile_regs: what no guest request may change in hardware: BARs
# and ROM, Device Control's error enables and payload, the AER
# masks, the MSI-X Function Mask.  Decode is apart: a guest may turn
# it on (pci_enable_device()), never off (XSA-120).
hostile_regs() {
	# shellcheck disable=SC3043
	local e a m

	e=$(cfg_find "$hwcaps" 10) a=$(cfg_find "$hwecaps" 0001)
	m=$(cfg_find "$hwcaps" 11)
	echo "$(setpci -s "$BDF" BASE_ADDRESS_0 BASE_ADDRESS_1 \
			BASE_ADDRESS_2 BASE_ADDRESS_3 BASE_ADDRESS_4 \
			BASE_ADDRESS_5 ROM_ADDRESS | tr '\n' ' ')" \
		"devctl=$((0x$(hwreg $((e + 8))) & 0xef))" \
		"uncormask=$(setpci -s "$BDF" "$(printf %x $((a + 8))).l")" \
		"cormask=$(setpci -s "$BDF" "$(printf %x $((a + 20))).l")" \
		"msixmask=$((0x$(hwreg $((m + 2))) & 0x4000))"
}

# cpu_busy_pct SECONDS: the share of dom0's CPU (all its vCPUs) it used
# over the next SECONDS, in percent, as Xen counts it (xl list's Time,
# which sees the event handling that dom0's own /proc/stat may book to
# whatever it interrupted)
cpu_busy_pct() {
	# shellcheck disable=SC3043
	local a b

	a=$(xl list 0 | awk 'NR == 2 { print $4, $6 }')
	sleep "$1"
	b=$(xl list 0 | awk 'NR == 2 { print $6 }')
	echo "$a $b $1" | awk '{ printf "%d", ($1 > 0 && $4 > 0 ? 100 * ($3 - $2) / ($1 * $4) : 0) }'
}

# same_count A B: A requests were counted (some), and B as many
same_count() { [ "${1:-0}" -gt 0 ] && [ "$1" = "$2" ]; }

# evstat DOMID: the Linux event layer's counts for pciback's channel to
# that domain (the backend device's xenbus/ in sysfs): events handled,
# those pciback called spurious, and the jiffies their EOIs were held
# back for (the throttle against event storms, XSA-332); "none" for a
# count that cannot be read, which no check takes for a number
evstat() {
	# shellcheck disable=SC3043
	local d=/sys/bus/xen-backend/devices/pci-$1-0/xenbus f

	for f in events spurious_events jiffies_eoi_delayed; do
		cat "$d/$f" 2>/dev/null || echo none
	done | tr '\n' ' '
}
# ev_delta N, ev_grew N: how much count N (1 events, 2 spurious, 3 EOI
# delay) of evstat changed from $ev0 to $ev1, and whether it grew (a
# count that could not be read never grew)
ev_delta() { echo "$ev0 $ev1" | awk -v n="$1" '{ print $(n + 3) - $n }'; }
ev_grew() {
	echo "$ev0 $ev1" | awk -v n="$1" '
		{ exit !($n ~ /^[0-9]+$/ && $(n + 3) ~ /^[0-9]+$/ && $(n + 3) > $n) }'
}

# lat_mark NAME: mark a window on domu-lat's console and wait until it
# echoed the mark between two rounds (so the next round starts after
# it); false if it did not within 120 s
lat_mark() {
	# shellcheck disable=SC3043
	local tty

	tty=$(xenstore-read "/local/domain/$(xl domid domu-lat)/console/tty") &&
		printf '%s\r' "$1" > "$tty" &&
		wait_log domu-lat "^LAT mark $1\$" 120 && return 0
	ts "domu-lat: mark $1 not echoed in 120 s (its figures leave it out)"
	return 1
}
# lat_window NAME: ns per read of each round domu-lat ran between mark
# NAME and its next mark
lat_window() {
	console_of domu-lat | awk -v m="LAT mark $1" '
		$0 == m { on = 1; next }
		/^LAT mark / { on = 0 }
		on && /^BENCH lat / { sub(/.*ns_per_read=/, ""); print $1 }'
}
# lat_inside RC: the two marks inside the storm were echoed (RC 0),
# domu-lat ran a round between them, and the storm was still on then
# (the guest says dom0 ended it, which dom0 did only after the marks)
lat_inside() {
	[ "$1" = 0 ] && [ "$(lat_window storm-in | wc -l)" -ge 1 ] &&
		domu_has_in domu-hostile "DOMU: HOSTILE: storm: idle: .* stopped by dom0$"
}
# lat_figure NAME: "<rounds> rounds, <mean> us per read (slowest <max>)"
lat_figure() {
	lat_window "$1" | awk '{ s += $1; n++; if ($1 > m) m = $1 }
		END { printf "%d rounds, %.1f us per read (slowest round %.1f)", n, n ? s / n / 1000 : 0, m / 1000 }'
}
# regs_changed BEFORE AFTER: the hostile_regs fields that differ
# ("none"; "unread" when there is nothing to compare)
regs_changed() {
	[ -n "$1" ] && [ -n "$2" ] || { echo unread; return; }
	echo "$1|$2" | awk -F'|' '{
		n = split($1, a, " "); split($2, b, " ")
		for (i = 1; i <= n; i++)
			if (a[i] != b[i]) {
				k = i <= 6 ? "BAR" (i - 1) : i == 7 ? "ROM" : a[i]
				sub(/=.*/, "", k); s = s " " k
			}
		print s == "" ? "none" : substr(s, 2) }'
}
# hostile_figures WHO DOMAIN: one "FIGURE WHO: <attack>: ..." line per
# attack class, the same for ours and Debian's module (the README's
# comparison), from the hardware dom0 read (hregs0/x/1, hdec0/x/1,
# hstate0/1), dom0's CPU and event counts in the storm (cpu_storm,
# ev0/1), its kernel log since line hk0, and what DOMAIN's frontend got
hostile_figures() {
	# shellcheck disable=SC3043
	local f="FIGURE $1:" g log

	g=$(console_of "$2" | sed -n 's/.*DOMU: HOSTILE: //p')
	log=$(dmesg | sed -n "$((hk0 + 1)),\$p")
	echo "$f xsa120: with the guest's writes standing, changed in hardware: $(regs_changed "$hregs0" "$hregsx"); decode $hdec0 -> $hdecx"
	echo "$f after all attacks, changed in hardware: $(regs_changed "$hregs0" "$hregs1"); decode $hdec0 -> $hdec1; command and BARs $([ "$hstate0" = "$hstate1" ] && echo as before || echo "$hstate0 -> $hstate1")"
	echo "$f random: $(echo "$g" | sed -n 's/^random: sent/sent/p')"
	echo "$f xsa157: $(echo "$g" | grep -cE "^xsa157: enable MSI-X$XSA157_BAD: err -[1-9]") of 7 malformed MSI-X enables refused; the well-formed one: $(echo "$g" | sed -n 's/^xsa157: enable MSI-X, entry 0: //p')"
	echo "$f doublefetch: $(echo "$g" | sed -n 's/^doublefetch: //p' | tr '\n' ';')"
	echo "$f storm: dom0 busy ${cpu_storm:-?}% of its CPU; events handled, spurious, EOI delay in jiffies $(echo "$ev0 $ev1" | awk '{ printf "+%s, +%s, +%s", $4 - $1, $5 - $2, $6 - $3 }'); $(echo "$g" | grep '^storm: \(idle\|pending\): ' | tr '\n' ';')"
	echo "$f protocol: $(echo "$g" | grep -c '^protocol: .*: answered err 0 vendor 0x1af4$') of 5 steps answered right, $(echo "$g" | grep -c '^protocol: offer of .*: refused (backend Closing)$') of 4 bad ring offers refused"
	echo "$f dom0 logged $(echo "$log" | grep -c .) lines, $(echo "$log" | grep -ci pciback) from the backend, $(echo "$log" | grep -c 'WARNING:\|BUG:\|Oops\|general protection') reports; the first: $(echo "$log" | grep -i pciback | head -3 | cut -c1-160 | tr '\n' '|')"
}
# hostile_stage: the attack, and what dom0 must see of it
hostile_stage() {
	ts "a hostile guest: $HOSTILE_ATTACKS, $HOSTILE_COUNT random requests, seed $HOSTILE_SEED"
	hregs0=$(hostile_regs) hdec0=$((0x$(hwreg 4) & 3))
	hstate0=$(header_state)
	hk0=$(dmesg | wc -l)
	ops0=$(counter ops)
	# the random requests come first: a bound of 100 a second at worst
	hwait=$((1800 + HOSTILE_COUNT / 100))
	# the XSA-120 checks below mean something only with decode on
	check "before the hostile guest: decode on in hardware ($hdec0)" \
		[ "$hdec0" != 0 ]
	# another domain, polite, timing its own function's config reads
	# through pciback from now on (it boots while the attack starts)
	domu_cfg domu-lat "'$NIC'" "xpblat=$LAT_READS"
	check "a second domU (domu-lat, $NIC) to time its config reads" \
		xrun create-lat sh -c "xl pci-assignable-add $NIC && xl create /root/domu-lat.cfg"
	domu_cfg domu-hostile "'$BDF'" \
		"xpbhostile=$HOSTILE_ATTACKS xpbhcount=$HOSTILE_COUNT xpbhseed=$HOSTILE_SEED" 2
	check "xl create of a hostile domU (raw pciif, no pcifront)" \
		xrun create-hostile xl create /root/domu-hostile.cfg
	check "hostile domU: its frontend connected and found the function" \
		wait_log domu-hostile "DOMU: HOSTILE: target " 240
	# its XSA-120 writes stand until dom0 has read the hardware
	hid=$(xl domid domu-hostile)
	check "hostile domU: its XSA-120 writes stand (it waits for dom0)" \
		xs_wait "/local/domain/$hid/data/xpb-hostile" xsa120 "$hwait"
	hregsx=$(hostile_regs) hdecx=$((0x$(hwreg 4) & 3))
	# the guest is quiet: every request that found the function so far
	# (its count in xenstore) is one more in dom0's ops counter
	hfound=$(xenstore-read "/local/domain/$hid/data/xpb-hostile-found" 2>/dev/null)
	opsx=$(counter ops)
	ts "hostile: requests that found the function: the guest's count $hfound, dom0's ops counter $ops0 -> $opsx"
	check "dom0 counted each request that found the function, refused or not ($hfound)" \
		same_count "$hfound" "$((opsx - ops0))"
	ts "hardware while the XSA-120 writes stand: decode $hdecx $hregsx"
	wait_log domu-lat "^BENCH lat .*ns_per_read=" 240 ||
		ts "domu-lat: no timed round yet"
	# the guest waits: dom0's CPU time with the guest quiet, a figure,
	# and domu-lat's rounds in a window of about 4 s
	lat_mark quiet
	cpu_quiet=$(cpu_busy_pct 3)
	sleep 1
	lat_mark quiet-end
	xenstore-write "/local/domain/$hid/data/xpb-hostile-go" xsa120
	check "with the guest's decode off, error reporting on, payload 4096, BAR and ROM all ones: none of it in hardware" \
		unchanged "$hregs0" "$hregs0" "$hregsx"
	check "with the guest's decode off: decode still on in hardware (XSA-120)" \
		[ $((hdec0 & ~hdecx)) = 0 ]
	# the event storm: dom0's CPU time while it lasts, and whether
	# another domain is answered inside it.  The guest storms until
	# dom0 says stop; dom0 says it once domu-lat has echoed two marks
	# written after "go": the round between them began and ended inside
	# the storm.  Progress, not speed: on a slower machine the storm
	# only lasts longer (each mark may take 120 s).
	check "hostile domU: it waits for dom0 before its event storm" \
		xs_wait "/local/domain/$hid/data/xpb-hostile" storm "$hwait"
	lat_mark storm
	ev0=$(evstat "$hid")
	xenstore-write "/local/domain/$hid/data/xpb-hostile-go" storm
	cpu_storm=$(cpu_busy_pct 3)
	lat_in=1
	lat_mark storm-in && sleep 3 && lat_mark storm-end && lat_in=0
	xenstore-write "/local/domain/$hid/data/xpb-hostile-go" storm-stop
	ts "figure: dom0 busy ${cpu_storm}% of its CPU time in the idle event storm (3 s), ${cpu_quiet}% with the guest quiet"
	ts "figure: another domain's config reads ($LAT_READS a round): in the storm $(lat_figure storm-in); with the guest quiet $(lat_figure quiet)"
	# the idle storm over: pciback called its events spurious (nothing
	# was posted), so the event layer held their EOIs back
	wait_log domu-hostile "DOMU: HOSTILE: storm: idle: " 120
	ev1=$(evstat "$hid")
	ts "hostile: pciback's channel to the hostile domain over the storm: events handled, spurious, EOI delay in jiffies: $ev0 -> $ev1"
	check "another domain kept being answered in the storm: domu-lat ran $(lat_window storm-in | wc -l) whole round(s) of $LAT_READS config reads inside it" \
		lat_inside "$lat_in"
	check "the storm's events were handled as spurious ($(ev_delta 2) of $(ev_delta 1))" \
		ev_grew 2
	check "and their EOIs held back: the event layer throttled the storm (XSA-332; $(ev_delta 3) jiffies)" \
		ev_grew 3
	check "xl destroy of domu-lat, and $NIC off pciback" \
		xrun destroy-lat sh -c "xl pause domu-lat && timeout 120 xl destroy domu-lat && xl pci-assignable-remove $NIC"
	check "hostile domU: every attack ran to the end" \
		wait_log domu-hostile "DOMU: hostile end" "$hwait"
	console_of domu-hostile | sed -n 's/.*DOMU: HOSTILE: /DOM0: hostile: /p' | head -80
	# protocol abuse (the last attack): each step ends in a vendor read
	for hp in "aer answers nobody asked for" \
		"state moved backwards and in loops" \
		"a request posted, then a close and a reconnect" \
		"a request signalled, then a close at once" \
		"a good offer after the bad ones"; do
		check "hostile domU, protocol: $hp: still answered, and right" \
			domu_has_in domu-hostile "DOMU: HOSTILE: protocol: $hp: answered err 0 vendor 0x1af4"
	done
	hbad=$(console_of domu-hostile | grep -c "DOMU: HOSTILE: protocol: offer of .*: refused (backend Closing)")
	check "hostile domU, protocol: each of the 4 bad ring offers was refused ($hbad)" \
		[ "$hbad" = 4 ]
	check "dom0 said why it refused the wrong magic" \
		grep -q "frontend's magic \"6\" is not" /tmp/kmsg.all
	hregs1=$(hostile_regs) hdec1=$((0x$(hwreg 4) & 3))
	ts "hardware before: decode $hdec0 $hregs0; after: decode $hdec1 $hregs1"
	check "hostile domU: every request was answered (no timeout)" \
		not domu_has_in domu-hostile "timeouts [1-9]\|not answered"
	check "hostile domU: all $HOSTILE_COUNT random requests were sent" \
		domu_has_in domu-hostile "DOMU: HOSTILE: random: sent $HOSTILE_COUNT "
	# the double fetch's sharper probe: an MSI-X enable whose vector
	# count flips between 1 and 150 while in flight (xh_doublefetch_toggle)
	htn=$((HOSTILE_COUNT / 100))
	[ "$htn" -gt 0 ] || htn=1
	# (how many saw 150 depends on how the guest's vCPUs are scheduled:
	# a figure in the log, not part of the check)
	check "hostile domU, double fetch: each of the $htn toggled MSI-X enables was granted or refused, none lost" \
		domu_has_in domu-hostile "DOMU: HOSTILE: doublefetch: toggled MSI-X enables: sent $htn ok [0-9]* not_found 0 bad_offset 0 denied 0 not_implemented 0 failed [0-9]* other 0 timeouts 0 "
	check "hostile domU: the storm's pending request was answered once, and right" \
		domu_has_in domu-hostile "DOMU: HOSTILE: storm: pending: [0-9]* events sent, 1 came back, then err 0 vendor 0x1af4"
	# with nothing posted, an event is spurious: no answer may come back
	check "hostile domU: the idle storm's events brought back no answer" \
		domu_has_in domu-hostile "DOMU: HOSTILE: storm: idle: [0-9]* events sent in [0-9]* ms, 0 came back"
	check "the hostile guest changed none of BARs, ROM, error enables, payload, AER masks, MSI-X mask in hardware" \
		unchanged "$hregs0" "$hregs0" "$hregs1"
	# XSA-157: the virtio function has MSI-X (2 entries), no MSI
	check "xsa157: the one well-formed MSI-X enable was granted" \
		domu_has_in domu-hostile "DOMU: HOSTILE: xsa157: enable MSI-X, entry 0: err 0 "
	h157=$(console_of domu-hostile | grep -cE "DOMU: HOSTILE: xsa157: enable MSI-X$XSA157_BAD: err -[1-5] ")
	check "xsa157: each of the 7 repeated, oversized or out-of-range MSI-X enables was refused ($h157)" \
		[ "$h157" = 7 ]
	check "hostile domU: dom0's look at XSA-120 was waited for" \
		domu_has_in domu-hostile "DOMU: HOSTILE: xsa120: dom0 has looked"
	check "after all attacks: decode still on in hardware" \
		[ $((hdec0 & ~hdec1)) = 0 ]
	# every random request that named the function is counted (those
	# that named none are answered "not found" and belong to nobody)
	hsent=$(console_of domu-hostile | sed -n 's/.*DOMU: HOSTILE: random: sent \([0-9]*\) .*/\1/p')
	hlost=$(console_of domu-hostile | sed -n 's/.*DOMU: HOSTILE: random: .* not_found \([0-9]*\) .*/\1/p')
	ts "hostile: dom0's ops counter $ops0 -> $(counter ops); the guest sent $hsent random requests, $hlost for no function"
	check "dom0 counted every random request that named the function" \
		[ $(($(counter ops) - ops0)) -ge $((${hsent:-1} - ${hlost:-0})) ]
	check "xl destroy of the hostile domU" \
		xrun destroy-hostile sh -c "xl pause domu-hostile && timeout 120 xl destroy domu-hostile"
	check "the hostile domU is gone" domu_gone domu-hostile 120
	check "$BDF still on pciback and assignable after the hostile guest" assignable "$BDF"
	hstate1=$(header_state)
	hostile_figures ours domu-hostile
	ts "command and BARs before the hostile guest: $hstate0; after: $hstate1"
	check "after the hostile guest: command and BARs as before it" \
		[ "$hstate1" = "$hstate0" ]
	refcnt_zero 20
	check "no reference left after the hostile guest" \
		[ "$(cat /sys/module/xen_pciback/refcnt)" = 0 ]
}
