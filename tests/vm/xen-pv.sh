#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# xen-pv.sh - end-to-end PCI pass-through under Xen: Debian's Xen 4.17
# (hypervisor and xl toolstack, unmodified) with Debian's 6.1 kernel as
# a PV dom0, in QEMU (TCG, q35, emulated VT-d), and a PV domU running the
# same unmodified kernel, whose xen-pcifront receives a PCIe device
# (virtio-rng-pci, AER and ATS on, behind an ioh3420 root port:
# 0000:01:00.0), an INTx-only e1000 (00:05.0) and a pvpanic (00:07.0)
# whose BAR dom0 packs into the page of an sdhci's (00:06.0).
# One dom0 boot runs every assertion (tests/vm/xen/guest/dom0.sh, which
# lists them): xen-pciback loads, xl pci-assignable-add, xl create with
# pci=[...], what the domU sees and does (drivers, MSI-X and INTx
# interrupts, capability chains, protected writes), page-sharing refusal
# and override, hot-plug, unbind while assigned, rmmod refused, xl
# destroy, a guest crash, AER forwarding (errors QEMU injects when dom0
# asks on its console, handled by our test driver in a domU; a domU
# without a handler; one that never answers), xl pci-assignable-remove
# -r.  It also times
# config reads of the device natively in dom0 and through pcifront in
# the domU (figures only, never a pass/fail; best of XEN_BENCH_REPS).
#
#   PCIBACK_KO      a xen-pciback.ko built for the Debian kernel to use
#                   instead of Debian's: it goes to the dom0 image's
#                   /lib/modules/<kver>/updates/ and the stock module is
#                   left out, so "modprobe xen-pciback" can only load it;
#                   Debian's goes to /root/stock-pciback.ko instead, and
#                   after the life cycle a second domU, on the stock
#                   module, times the same reads ("domU-stock") so one
#                   run gives the ratio (XEN_BENCH_STOCK=0: no 2nd round)
#   DOM0_EXTRA_KO   more .ko files for updates/ (e.g. pci-realign.ko)
#   XEN_BENCH_N     config reads per benchmark (default 2000)
#   XEN_BENCH_REPS  repetitions of each benchmark, best one kept (default 5)
#   XEN_BENCH_ROUNDS  rounds of the domU benchmark, each module once a
#                   round in a fresh domU (default 1: a round costs about
#                   7 min under QEMU 10's TCG, so the test gate runs one;
#                   ask for 3 or more when the spread is what you want)
#   XEN_STAGE       what dom0 runs: "life" (default; the life cycle
#                   above, tests/vm/xen/guest/dom0.sh) or "hostile": a
#                   domU whose own frontend attacks the device
#                   (tests/vm/xen/hostile/) while another times its own
#                   config reads, then a polite one, on a dom0
#                   kernel built with lockdep, KFENCE, slab and list
#                   debugging (scripts/vm/checkers-kernel.sh; our
#                   xen-pciback is built with it, PCIBACK_KO and
#                   DOM0_EXTRA_KO are not used), booted with slub_debug
#                   (tests/vm/xen/guest/dom0-hostile.sh); or "deb": the
#                   modules the Debian package's DKMS built
#                   (PCIBACK_KO and DOM0_EXTRA_KO, put in updates/dkms)
#                   load in dom0 and pciback binds a function
#                   (tests/vm/xen/guest/dom0-deb.sh; tests/vm/deb.sh);
#                   or "builtin": the checkers' kernel with xen-pciback
#                   built in (checkers-kernel.sh y), xen-pciback.hide= on
#                   its command line: what hide= names is on pciback from
#                   boot, not on the built-in virtio-pci, and works in a
#                   domU (tests/vm/xen/guest/dom0-builtin.sh)
#   XEN_HOSTILE_COUNT  random requests of the hostile guest (default
#                   100000; tests/vm/xen/hostile/)
#   XEN_HOSTILE_SEED   its seed (default 20261205: the gate sends the
#                   same requests every run; make hostile picks new ones)
#   XEN_HOSTILE_STOCK  1: after every check on ours, the same attack
#                   against Debian's module, as figures (make hostile;
#                   default 0: the gate leaves out this comparison, a
#                   third of its time)
#   KDIR            /usr/src/linux-headers-<kver> naming the Debian kernel
#                   (default: the newest installed)
#   VM_TIMEOUT, VM_MEM, VM_CPU, DOM0_MEM, XEN_ARGS   see tests/vm/xen/boot.sh
# Images are cached in $XPB_CACHE/vm/xen-pv, keyed on every input.
# Exit status: 0 iff every assertion is "ok".
set -eEuo pipefail
# a step that fails under set -e says where (the image build runs in a
# subshell, whose failure would otherwise end the script without a word)
trap 'echo "error: $0: line $LINENO: \"$BASH_COMMAND\" failed (status $?)" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/vm/lib.sh"

[ $# -eq 0 ] || die "usage: $0 (no arguments; see the header for the variables)"
t_start=$(date +%s)
bench_n=${XEN_BENCH_N:-2000}
[[ $bench_n =~ ^[1-9][0-9]{0,6}$ ]] ||
	die "XEN_BENCH_N=$bench_n: want a number of reads from 1 to 9999999"
bench_reps=${XEN_BENCH_REPS:-5}
[[ $bench_reps =~ ^[1-9][0-9]?$ ]] ||
	die "XEN_BENCH_REPS=$bench_reps: want a repetition count from 1 to 99"
bench_rounds=${XEN_BENCH_ROUNDS:-1}
[[ $bench_rounds =~ ^[1-9]$ ]] ||
	die "XEN_BENCH_ROUNDS=$bench_rounds: want a round count from 1 to 9"
hostile_count=${XEN_HOSTILE_COUNT:-100000}
[[ $hostile_count =~ ^[1-9][0-9]{0,7}$ ]] ||
	die "XEN_HOSTILE_COUNT=$hostile_count: want a request count from 1 to 99999999"
hostile_seed=${XEN_HOSTILE_SEED:-20261205}
[[ $hostile_seed =~ ^[1-9][0-9]{0,18}$ ]] ||
	die "XEN_HOSTILE_SEED=$hostile_seed: want a number from 1 to 10^19-1"
stage=${XEN_STAGE:-life}
case $stage in
life | hostile | deb | builtin) ;;
*) die "XEN_STAGE=$stage: want life, hostile, deb or builtin" ;;
esac
bench_stock=${XEN_BENCH_STOCK:-1}
[[ $bench_stock =~ ^[01]$ ]] || die "XEN_BENCH_STOCK=$bench_stock: want 0 or 1"
hostile_stock=${XEN_HOSTILE_STOCK:-0}
[[ $hostile_stock =~ ^[01]$ ]] || die "XEN_HOSTILE_STOCK=$hostile_stock: want 0 or 1"
kdir=${KDIR:-$(debian_kdir)}
case $kdir in
/usr/src/linux-headers-*) ;;
"") die "no Debian linux-headers-*-amd64 installed (run scripts/prereqs.sh)" ;;
*) die "KDIR=$kdir: the Xen VM test needs /usr/src/linux-headers-<version>" ;;
esac
kver=${kdir#/usr/src/linux-headers-}
vm_need kmod cpio busybox-static socat

# ko_check FILE VAR: FILE is a module built for $kver
ko_check() {
	[ -f "$1" ] || die "$2=$1: no such file"
	local vm
	vm=$(modinfo -F vermagic "$1" 2>/dev/null) ||
		die "$2=$1: not a kernel module (modinfo failed)"
	[ "${vm%% *}" = "$kver" ] ||
		die "$2=$1: built for ${vm%% *}, the VM boots Debian's $kver"
}

kroot=$("$PROJ/scripts/vm/fetch-kernel.sh" "$kver")
# dom0's kernel and modules: Debian's, or the checkers' build
d0root=$kroot d0kver=$kver d0guest=$here/xen/guest/dom0.sh
# where the modules under test go: DKMS's folder for the package's
upd=updates
if [ "$stage" = deb ]; then
	d0guest=$here/xen/guest/dom0-deb.sh
	upd=updates/dkms
	[ -n "${PCIBACK_KO:-}" ] || die "XEN_STAGE=deb needs PCIBACK_KO"
fi
if [ "$stage" = hostile ]; then
	d0root=$("$PROJ/scripts/vm/checkers-kernel.sh" | tail -1)
	d0kver=$(ls "$d0root/lib/modules")
	d0guest=$here/xen/guest/dom0-hostile.sh
	unset PCIBACK_KO DOM0_EXTRA_KO
fi
if [ "$stage" = builtin ]; then
	d0root=$("$PROJ/scripts/vm/checkers-kernel.sh" y | tail -1)
	d0kver=$(ls "$d0root/lib/modules")
	d0guest=$here/xen/guest/dom0-builtin.sh
	unset PCIBACK_KO DOM0_EXTRA_KO
fi
# what the built-in pciback seizes at boot: the virtio-rng behind the
# first root port by its path, a keyboard function, the SD controller
# behind the third root port and the AHCI controller behind the fourth
# by their addresses; the realigner, built in too, gives the SD
# controller's small BAR a page of its own first
hide='(00:10.0/00.0)(0000:02:00.0)(0000:03:00.0)(0000:04:00.0)'

# the domU's modules (the same kernel as dom0's in the life cycle)
domu_mods=(xen-pcifront virtio_pci virtio-rng e1000 igbvf sdhci-pci ahci sd_mod)
mods=(xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd virtio_pci virtio-rng)
kos=()
if [ "$stage" = hostile ]; then
	mods=(xen-pciback)	# all else is built in
	pb_what=ours pb_file=$(modinfo -b "$d0root" -k "$d0kver" -n xen-pciback)
	# Debian's module for the same kernel: the same attack, for a comparison
	[ "$hostile_stock" = 0 ] ||
		kos+=(-f "$("$PROJ/scripts/vm/stock-pciback.sh" "$d0root"):/root/stock-pciback.ko")
elif [ "$stage" = builtin ]; then
	mods=()			# everything is built in
	pb_what=builtin pb_file=$d0root/boot/vmlinuz-$d0kver
elif [ -n "${PCIBACK_KO:-}" ]; then
	ko_check "$PCIBACK_KO" PCIBACK_KO
	[ "$(modinfo -F name "$PCIBACK_KO")" = xen_pciback ] ||
		die "PCIBACK_KO=$PCIBACK_KO: module name is '$(modinfo -F name "$PCIBACK_KO")', not xen_pciback"
	kos+=(-f "$(readlink -f "$PCIBACK_KO"):/lib/modules/$kver/$upd/xen-pciback.ko")
	pb_what=PCIBACK_KO pb_file=$PCIBACK_KO
else
	mods+=(xen-pciback)
	pb_what=stock pb_file=
fi
# the SR-IOV PF's driver (the life cycle; its VFs get none)
[ "$stage" != life ] || mods+=(igb)
for ko in ${DOM0_EXTRA_KO:-}; do
	ko_check "$ko" DOM0_EXTRA_KO
	kos+=(-f "$(readlink -f "$ko"):/lib/modules/$kver/$upd/$(basename "$ko")")
done

xenroot=$("$PROJ/scripts/vm/fetch-xen.sh")
stock_ko=$kroot/lib/modules/$kver/kernel/drivers/xen/xen-pciback/xen-pciback.ko
[ -f "$stock_ko" ] || die "$stock_ko missing"
if [ -z "$pb_file" ]; then
	pb_file=$stock_ko
elif [ "$bench_stock" = 1 ] && [ "$stage" = life ]; then
	kos+=(-f "$stock_ko:/root/stock-pciback.ko")
fi

out=$VMDIR/xen-pv
[ "$stage" = life ] || out=$VMDIR/xen-$stage
mkdir -p "$out"
bdf=0000:01:00.0
cat > "$out/xen.env.new" <<EOF
BDF=$bdf
NIC=0000:00:05.0
SHARE=0000:00:07.0
SHARE_WITH=0000:00:06.0
TAILED=0000:03:00.0
GRP0=0000:02:00.0
GRP1=0000:02:00.1
AHCI=0000:04:00.0
PF=0000:04:00.0
HIDE='$hide'
BENCH_N=$bench_n
BENCH_REPS=$bench_reps
BENCH_ROUNDS=$bench_rounds
HOSTILE_ATTACKS=random,xsa120,xsa157,doublefetch,storm,protocol
HOSTILE_COUNT=$hostile_count
HOSTILE_SEED=$hostile_seed
PCIBACK_WHAT=$pb_what
STAGE=$stage
PCIBACK_SHA=$(sha256sum "$pb_file" | cut -c1-64)
EOF

# The images are rebuilt when any input changed.
key=$( {
	cat "$out/xen.env.new"
	echo "$kver $xenroot ${mods[*]} ${kos[*]} $d0root $d0kver ${domu_mods[*]}"
	sha256sum "$d0root/boot/vmlinuz-$d0kver"
	for ko in ${DOM0_EXTRA_KO:-}; do sha256sum "$ko"; done
	cat "$PROJ/scripts/vm/mkinitrd.sh" "$here/xen/toolstack.sh" \
		"$here/xen/guest/"*.sh "$here/guest/lib.sh" "$here/xen/aer-probe/"* \
		"$here/xen/hostile/"*
} | sha256sum | cut -c1-64)
t_img=$(date +%s)
if [ "$(cat "$out/key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/dom0.gz" ]; then
	echo "# building the dom0 and domU images ($pb_what xen-pciback)"
	rm -f "$out/key"
	mv "$out/xen.env.new" "$out/xen.env"
	(
		tw=$(date +%s)
		flock 9
		echo "$(($(date +%s) - tw))" > "$out/lockwait"
		"$here/xen/toolstack.sh" "$xenroot" "$out/toolstack"
		# the domU's AER test driver, for the kernel it boots
		rm -rf "$out/aer-probe"
		cp -r "$here/xen/aer-probe" "$out/aer-probe"
		make -s -C "$kdir" M="$out/aer-probe" modules > "$out/aer-probe.log" 2>&1 ||
			die "building the AER test driver failed, see $out/aer-probe.log"
		# and its hostile frontend
		rm -rf "$out/hostile"
		cp -r "$here/xen/hostile" "$out/hostile"
		make -s -C "$kdir" M="$out/hostile" modules > "$out/hostile.log" 2>&1 ||
			die "building the hostile frontend failed, see $out/hostile.log"
		"$PROJ/scripts/vm/mkinitrd.sh" "$out/domu.gz" "$kroot" \
			"$here/xen/guest/domu.sh" \
			-f "$here/xen/guest/bench.sh:/xen-bench.sh" \
			-f "$here/xen/guest/cfg.sh:/xen-cfg.sh" \
			-f "$out/aer-probe/xpb_aer_probe.ko:/xpb_aer_probe.ko" \
			-f "$out/hostile/xpb_hostile.ko:/xpb_hostile.ko" \
			-f "$here/xen/guest/poweroff.sh:/sbin/poweroff" \
			"${domu_mods[@]}"
		"$PROJ/scripts/vm/mkinitrd.sh" "$out/dom0.gz" "$d0root" \
			"$d0guest" -t "$out/toolstack" \
			-f "$here/guest/lib.sh:/guest-lib.sh" \
			-f "$here/xen/guest/dom0-lib.sh:/xen-dom0-lib.sh" \
			-f "$here/xen/guest/hostile.sh:/xen-hostile.sh" \
			-f "$here/xen/guest/hostile-stock.sh:/xen-hostile-stock.sh" \
			-f "$here/xen/guest/bench.sh:/xen-bench.sh" \
			-f "$here/xen/guest/cfg.sh:/xen-cfg.sh" \
			-f "$out/xen.env:/root/xen.env" \
			-f "$kroot/boot/vmlinuz-$kver:/root/domu-vmlinuz" \
			-f "$out/domu.gz:/root/domu.gz" \
			"${kos[@]}" "${mods[@]}"
	) 9> "$BUILD_LOCK"
	echo "$key" > "$out/key"
else
	echo 0 > "$out/lockwait"
	rm -f "$out/xen.env.new"
	echo "# dom0 and domU images cached ($pb_what xen-pciback)"
fi
ls -l "$out/dom0.gz" "$out/domu.gz" | awk '{ print "# image", $NF, $5, "bytes" }'
lock_img=$(cat "$out/lockwait")
echo "# downloads $((t_img - t_start)) s, images $(($(date +%s) - t_img - lock_img)) s" \
	"(+ $lock_img s waiting for the build lock)"

# A PCIe device behind a root port, AER on (for the AER tests) and ATS
# on (an extended capability the guest must not see); e1000, a
# conventional function with INTx only; sdhci and pvpanic, whose small
# BARs dom0 packs into one page (the page-sharing refusal); a
# two-function device behind a second root port with neither FLR nor a
# PM reset (No_Soft_Reset): only a reset of its bus reaches its
# functions, pciback's group reset (issue 22); a second sdhci alone
# behind a third root port, its small BAR at the start of the window's
# first page, whose tail pciback has the realigner reserve (issue 24).
no_reset=x-pcie-flr-init=off,x-pcie-pm-no-soft-reset=on
# shellcheck disable=SC2054
devs=(-device ioh3420,id=rp1,chassis=1,slot=1,bus=pcie.0,addr=10.0
      -device virtio-rng-pci,bus=rp1,id=pt0,aer=on,ats=on
      -device ioh3420,id=rp2,chassis=2,slot=2,bus=pcie.0,addr=11.0
      -device "virtio-keyboard-pci,bus=rp2,addr=00.0,multifunction=on,$no_reset"
      -device "virtio-keyboard-pci,bus=rp2,addr=00.1,$no_reset"
      -device e1000,addr=05.0,netdev=n0 -netdev user,id=n0
      -device sdhci-pci,addr=06.0 -device pvpanic-pci,addr=07.0
      -device ioh3420,id=rp3,chassis=3,slot=3,bus=pcie.0,addr=12.0
      -device sdhci-pci,bus=rp3)
# the life cycle: an igb (82576, SR-IOV) alone behind a fifth root port,
# whose VFs pciback holds and a guest has when the PF's driver unbinds
# (issue 20 item 15)
if [ "$stage" = life ]; then
	# shellcheck disable=SC2054
	devs+=(-device ioh3420,id=rp5,chassis=5,slot=5,bus=pcie.0,addr=14.0
	       -device igb,bus=rp5,netdev=n1 -netdev user,id=n1)
fi
# XEN_STAGE=builtin: an AHCI controller with a small disk behind a
# fourth root port (a bus reset reaches it), whose driver in the domU
# uses plain MSI
if [ "$stage" = builtin ]; then
	truncate -s 8M "$out/ahci-disk.img"
	# shellcheck disable=SC2054
	devs+=(-device ioh3420,id=rp4,chassis=4,slot=4,bus=pcie.0,addr=13.0
	       -device ich9-ahci,id=sata1,bus=rp4
	       -drive "if=none,id=disk1,format=raw,file=$out/ahci-disk.img"
	       -device ide-hd,drive=disk1,bus=sata1.0)
fi
log=$out/xen-pv.log
mon=$out/monitor.sock
rm -f "$log" "$mon" "$out/aer-inject.log"

# aer_injector: while the VM runs, every "XPB-AER-INJECT <error> <n>"
# dom0 prints on the serial console becomes one
# "pcie_aer_inject_error pt0 <error>" on QEMU's monitor (QEMU answers
# into aer-inject.log).
aer_injector() {
	local last=0 n kind

	while :; do
		sleep 0.5
		[ -S "$mon" ] || continue
		grep -ao 'XPB-AER-INJECT [A-Z_]* [0-9]*' "$log" 2> /dev/null > "$out/aer-asks" || continue
		while read -r _ kind n; do
			[ "$n" -gt "$last" ] || continue
			echo "# $(date +%T) injecting $kind ($n)" >> "$out/aer-inject.log"
			printf 'pcie_aer_inject_error pt0 %s\n' "$kind" |
				socat -t 2 - "UNIX-CONNECT:$mon" >> "$out/aer-inject.log" 2>&1 || true
			last=$n
		done < "$out/aer-asks"
	done
}
aer_injector &
injector=$!
# Dom0's kernel: under TCG its TSC drifts between vCPUs and Linux drops
# it mid-run for the xen clocksource (a stop_machine while the test
# runs), so the xen clocksource is used from the start.  Should a CPU
# lock up anyway, every CPU's backtrace reaches the log (loglevel 5
# shows the register dumps), and the tail of the log is printed below.
d0args="quiet loglevel=5 clocksource=xen softlockup_all_cpu_backtrace=1"
# the checkers' kernel: every slab object redzoned, poisoned, tracked;
# KFENCE samples an allocation every 10 ms
[ "$stage" != hostile ] || d0args+=" slub_debug=FZPU kfence.sample_interval=10"
[ "$stage" != builtin ] || d0args+=" pci_realign=0000:03:00.0 xen-pciback.hide=$hide"
rc=0
"$here/xen/boot.sh" "$xenroot/boot/xen.elf" "$d0root/boot/vmlinuz-$d0kver" \
	"$out/dom0.gz" "$log" "$d0args" "${devs[@]}" \
	-monitor "unix:$mon,server=on,wait=off" |
	tee "$out/boot.out" || rc=$?
kill "$injector" 2> /dev/null || true
wait "$injector" 2> /dev/null || true
tr -d '\r' < "$out/aer-inject.log" 2> /dev/null | grep -ao -e 'injecting.*' -e '^OK.*' |
	sed 's/^/# aer-inject: /' || true
lock_vm=$(sed -n 's/.*; \([0-9]*\)\.[0-9] s waiting for the build lock.*/\1/p' "$out/boot.out")

grep -e '^ok - ' -e '^not ok - ' "$log" || true
vm_tally "$log"
oks=$TALLY_OK fails=$TALLY_FAIL
# Xen, dom0 (all of its run, after the module is unloaded too) and every
# domU console (dom0 prints them, "domU| ") on the one serial log, up
# to the hostile stage's stock round: what Debian's module makes the
# kernel report is a figure (its own file, scanned and counted below)
sed '/^DOM0: stock round begins/,$d' "$log" > "$log.ours"
sed -n '/^DOM0: stock round begins/,$p' "$log" > "$log.stock"
if [ -s "$log.stock" ]; then
	stock_splats=$(vm_splats "$log.stock" || true)
	{ echo "$stock_splats" | grep '^SPLAT' | head -n 5 || true
	  echo "$stock_splats" | tail -n 1; } | sed 's/^/# stock round: /'
fi
# the hostile stage's figures, ours and stock's, attack by attack
grep -a '^FIGURE ' "$log" | tr -d '\r' | sed 's/^FIGURE /# hostile figure: /' || true
if vm_splats "$log.ours"; then
	echo "ok - no kernel or Xen report on any console (Xen, dom0, domUs)"
	oks=$((oks + 1))
else
	echo "not ok - a kernel or Xen report on a console (SPLAT lines above)"
	fails=$((fails + 1))
fi
if ! grep -q '^DOM0: done' "$log"; then
	echo "not ok - dom0 did not finish its test, see $log"
	fails=$((fails + 1))
	echo "# the last 60 lines of $log:"
	tail -n 60 "$log" | sed 's/^/# log| /'
fi
if [ "$rc" -ne 0 ]; then
	qrc=$(sed -n 's/^vm: .*(qemu rc \([0-9]*\);.*/\1/p' "$out/boot.out")
	echo "not ok - $(vm_qemu_rc "${qrc:-$rc}" "${VM_TIMEOUT:-1800}") (see $log)"
	fails=$((fails + 1))
fi
[ "$oks" -gt 0 ] || fails=$((fails + 1))

# Figures: ns per config read natively in dom0 and through pcifront in
# each benchmark round (best repetition of a round), per module; the
# ratio stock/ours per round, its median and spread; and the backend's
# service time per request (SERVICE lines: traced in dom0).
grep -e '^BENCH ' -e '^SERVICE ' "$log" | sed 's/^/# /' || true
awk -v w="$([ "$pb_what" = stock ] && echo stock || echo ours)" -v n="$bench_reps" '
	/^BENCH dom0 / { for (i = 1; i <= NF; i++) if ($i ~ /^ns_per_read=/) {
		v = substr($i, 13) + 0; if (!d0 || v < d0) d0 = v } }
	/^BENCH domU-/ { who = substr($2, 6); r = substr($3, 7); tr[r] = substr($4, 8)
		for (i = 1; i <= NF; i++) if ($i ~ /^ns_per_read=/) v = substr($i, 13) + 0
		k = who SUBSEP r; if (!(k in best) || v < best[k]) best[k] = v
		if (r > nr) nr = r }
	/^SERVICE .* all / { for (i = 1; i <= NF; i++) {
		if ($i ~ /^median_us=/) med[$2] = substr($i, 11) + 0
		if ($i ~ /^p99_us=/) p99[$2] = substr($i, 8) + 0
		if ($i ~ /^n=/) cnt[$2] = substr($i, 3) + 0 } }
	END {
		for (r = 1; r <= nr; r++) {
			o = best["ours", r]; s = best["stock", r]
			t = tr[r] == 1 ? "" : " (not traced)"
			if (o > 0 && s > 0) { q[++nq] = s / o
				printf "# bench round %d: ours %.1f us/read, stock %.1f us/read: stock/ours %.2f%s\n", r, o / 1000, s / 1000, s / o, t }
			else if (best[w, r] > 0)
				printf "# bench round %d: %s %.1f us/read%s\n", r, w, best[w, r] / 1000, t
		}
		if (nq) { for (i = 1; i <= nq; i++) for (j = i + 1; j <= nq; j++)
				if (q[j] < q[i]) { t = q[i]; q[i] = q[j]; q[j] = t }
			printf "# bench (best of %d per round, %d rounds): stock/ours median %.2f, spread %.2f-%.2f; dom0 native %.1f us/read\n",
				n, nq, (q[int((nq + 1) / 2)] + q[int(nq / 2) + 1]) / 2, q[1], q[nq], d0 / 1000 }
		if (cnt["ours"] && cnt["stock"] && med["ours"] > 0)
			printf "# service time per request (traced in dom0): ours median %d us, p99 %d us (n=%d); stock median %d us, p99 %d us (n=%d); stock/ours median %.2f, p99 %.2f\n",
				med["ours"], p99["ours"], cnt["ours"], med["stock"], p99["stock"], cnt["stock"],
				med["stock"] / med["ours"], p99["stock"] / (p99["ours"] ? p99["ours"] : 1)
	}' "$log"
grep -E '^DOM0: \[|^DOM0: done|^GUEST: up' "$log" | sed 's/^/# /' || true
# the hostile guest's random requests: how many, what came back, how fast
sed -n "s/^DOM0: hostile: random: /# hostile random requests (seed $hostile_seed): /p" "$log" || true
t_all=$(($(date +%s) - t_start))
echo "# xen PV VM test: $oks ok, $fails not ok, $t_all s in all," \
	"$((t_all - lock_img - ${lock_vm:-0})) s without waiting for the build lock (log $log)"
[ "$fails" -eq 0 ]
