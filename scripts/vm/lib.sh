# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
# Shared settings of the VM helpers (sourced, not run).
#
# Everything downloaded or built for VMs lives under $XPB_CACHE/vm, outside
# the clone, and is reused between runs.

# The cache folder, the build lock, debian_kdir and die come from there.
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
VMDIR=$XPB_CACHE/vm

# vm_need PKG...: install the Debian packages that are missing.
vm_need() {
	local missing=() p

	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# vm_qemu: QEMU, new enough (prereqs.sh installs it from Debian's archive)
vm_qemu() {
	qemu_ok || "$PROJ/scripts/prereqs.sh" >&2 ||
		die "QEMU $QEMU_MIN_MAJOR or newer is needed (scripts/prereqs.sh)"
	qemu_ok || die "QEMU $QEMU_MIN_MAJOR or newer is needed, have: $(qemu-system-x86_64 --version 2>&1 | head -1)"
}

# vm_qemu_rc RC SECONDS: what "timeout SECONDS qemu-system-x86_64 ..."
# returning RC means, in words: a QEMU crash is named as one (rc 139 is
# a segmentation fault of QEMU itself, not of anything it runs)
vm_qemu_rc() {
	case $1 in
	0) echo "QEMU exited normally" ;;
	124) echo "QEMU timed out after $2 s (killed by the harness)" ;;
	13[0-9]|14[0-9]|15[0-9])
		echo "QEMU CRASHED: killed by signal $(($1 - 128)) ($(kill -l $(($1 - 128)) 2>/dev/null || echo '?'), rc $1)" ;;
	*) echo "QEMU failed (rc $1)" ;;
	esac
}

# vm_lock CMD...: run CMD holding the build lock (one build or VM at a time).
vm_lock() {
	flock "$BUILD_LOCK" "$@"
}

# vm_realign_module: build pci-realign.ko against Debian's newest headers
# (or $KDIR, which must be /usr/src/linux-headers-<version>: the VM boots
# that Debian kernel) and fetch that kernel.  Sets KVER, KO and KROOT.
vm_realign_module() {
	local kdir=${KDIR:-$(debian_kdir)}

	case $kdir in
	/usr/src/linux-headers-*) ;;
	"") die "no Debian linux-headers-*-amd64 installed" ;;
	*) die "KDIR=$kdir: the VM tests need /usr/src/linux-headers-<version>" ;;
	esac
	KVER=${kdir#/usr/src/linux-headers-}
	echo "# building pci-realign.ko against $kdir"
	vm_lock make -s -C "$PROJ" KDIR="$kdir" modules >/dev/null
	KO=$PROJ/drivers/pci/realign/pci-realign.ko
	KROOT=$("$PROJ/scripts/vm/fetch-kernel.sh" "$KVER")
}

# vm_maphold DIR: build tests/vm/guest/maphold.c (a process holding a
# mapping of a BAR) static into DIR, for an initramfs with no C library.
vm_maphold() {
	gcc -static -O2 -Wall -o "$1/maphold" "$PROJ/tests/vm/guest/maphold.c"
}

# vm_tally LOG...: add up guest runs.  Each LOG is one run whose script
# printed "PLAN n" and, at its end, "PLAN-END" (tests/vm/guest/lib.sh);
# its "ok"/"not ok" lines are added to TALLY_OK and TALLY_FAIL, and a
# missing plan, a missing end or a count other than the plan is one more
# failure, printed as a "not ok" line.
TALLY_OK=0 TALLY_FAIL=0
vm_tally() {
	local log plan ok bad

	for log; do
		ok=$(grep -c '^ok - ' "$log" || true)
		bad=$(grep -c '^not ok - ' "$log" || true)
		plan=$(sed -n 's/^PLAN \([0-9][0-9]*\)$/\1/p' "$log")
		if [ "$(echo "$plan" | wc -w)" -ne 1 ]; then
			echo "not ok - $(basename "$log"): no single PLAN line (${plan:-none})"
			bad=$((bad + 1))
		elif ! grep -q '^PLAN-END$' "$log"; then
			echo "not ok - $(basename "$log"): the guest script stopped early (no PLAN-END; $((ok + bad)) of $plan checks ran)"
			bad=$((bad + 1))
		elif [ $((ok + bad)) -ne "$plan" ]; then
			echo "not ok - $(basename "$log"): $((ok + bad)) checks ran, its plan says $plan"
			bad=$((bad + 1))
		else
			echo "# $(basename "$log"): $ok ok, $((bad)) not ok of a plan of $plan"
		fi
		TALLY_OK=$((TALLY_OK + ok)) TALLY_FAIL=$((TALLY_FAIL + bad))
	done
}

# vm_splats LOG...: no kernel or Xen report in the console logs
# (scripts/splat_scan.py and its allow-list, tests/splat-allow.txt)
vm_splats() {
	python3 "$PROJ/scripts/splat_scan.py" "$@"
}
