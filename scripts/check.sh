#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh - run every gate, print one table, end with "N passed, N failed".
#
# Each gate is a function gate_NAME that returns 0 for pass; its output
# goes to .gates/NAME.log.  The KUnit gate also contributes its case
# counts to the closing line.  GATES="a b" runs a subset, in that order.
set -uo pipefail
. "$(dirname "$0")/common.sh"
cd "$PROJ"

LOGS=$PROJ/.gates
mkdir -p "$LOGS"
KDIR_DEB=$(debian_kdir)
KVER=${KDIR_DEB##*/linux-headers-}
DKMS_NAME=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' dkms.conf)
# The gate adds, builds and removes its own version, never an install an
# administrator made from dkms.conf.
DKMS_VER=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)-gate

# Project source files matching path patterns: git's view in a clone,
# else the tree on disk (a tarball or DKMS copy has no .git); build
# products (*.mod.c) never count.
project_files() {
	if git -C "$PROJ" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$PROJ" ls-files --cached --others --exclude-standard \
			-- "$@"
	else
		local p expr=()
		for p in "$@"; do
			expr+=(${expr[0]+-o} -path "./$p")
		done
		(cd "$PROJ" && find . -type f \( "${expr[@]}" \) \
			-not -path './.gates/*' | sed 's|^\./||')
	fi | grep -v '\.mod\.c$' | sort -u
}

# Every project C file, as the object the kernel build would make of it.
project_objs() {
	project_files 'drivers/*.c' 'tests/kunit/*.c' | sed 's/\.c$/.o/'
}

# Lines of compiler/sparse output that point into the project.
project_diags() {
	grep -E '(warning|error):' "$1" | grep -F "$PROJ/" || true
}

OOT_MAKE=(make -C "$KDIR_DEB" M="$PROJ" CONFIG_PCI_REALIGN=m)

gate_build() {
	flock "$BUILD_LOCK" make KDIR="$KDIR_DEB" modules || return 1
	local ko
	for ko in drivers/pci/realign/pci-realign.ko \
		  drivers/xen/xen-pciback/xen-pciback.ko; do
		modinfo "$ko" | grep -E '^(filename|vermagic|parm):' || return 1
	done
	# A drop-in: the module and PCI driver names of the stock one.
	[ "$(modinfo -F name drivers/xen/xen-pciback/xen-pciback.ko)" = xen_pciback ]
}

# The rooms point one way: no call or include cycle between files, and
# in pciback every arrow stays in its layer or points down (the objects
# module build leaves in the tree are what scripts/rooms.py reads).
XPB_LAYERS=surface,backend,device,engine+abi+ops+topo
gate_rooms() {
	local rc=0

	flock "$BUILD_LOCK" make KDIR="$KDIR_DEB" modules || return 1
	python3 scripts/rooms.py drivers/xen/xen-pciback \
		--layers "$XPB_LAYERS" || rc=1
	python3 scripts/rooms.py drivers/pci/realign || rc=1
	return $rc
}

gate_w1() {
	local objs
	objs=$(project_objs) && [ -n "$objs" ] || return 1
	rm -f $objs
	flock "$BUILD_LOCK" "${OOT_MAKE[@]}" W=1 $objs 2>&1 | tee "$LOGS/w1.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	[ -z "$(project_diags "$LOGS/w1.out")" ]
}

gate_sparse() {
	local objs
	objs=$(project_objs) && [ -n "$objs" ] || return 1
	flock "$BUILD_LOCK" "${OOT_MAKE[@]}" C=2 $objs 2>&1 |
		tee "$LOGS/sparse.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	# sparse saw every file, not just some
	local n
	n=$(grep -c '  CHECK ' "$LOGS/sparse.out")
	echo "sparse checked $n of $(echo "$objs" | wc -w) files"
	[ "$n" -eq "$(echo "$objs" | wc -w)" ] &&
		[ -z "$(project_diags "$LOGS/sparse.out")" ]
}

gate_checkpatch() {
	local ignore files
	ignore=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
		scripts/checkpatch.ignore | tr -s ' \t\n' ',,,' | sed 's/,$//')
	files=$(project_files '*.c' '*.h')
	# checkpatch.pl needs its data files beside it: use the kernel tree.
	scripts/kernel-source.sh || return 1
	[ -n "$files" ] || return 1
	"$KSRC/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		${ignore:+--ignore "$ignore"} -f $files \
		> "$LOGS/checkpatch.out" 2>&1
	local rc=$?
	cat "$LOGS/checkpatch.out"
	echo "$(echo "$files" | wc -w) files checked, checkpatch exit $rc"
	[ "$rc" -eq 0 ] &&
		! grep -qE '^(ERROR|WARNING|CHECK):' "$LOGS/checkpatch.out"
}

gate_kunit() {
	scripts/kunit.sh um-san 2>&1 | tee "$LOGS/kunit.out"
	[ "${PIPESTATUS[0]}" -eq 0 ]
}

gate_dkms() {
	local src=/usr/src/$DKMS_NAME-$DKMS_VER

	dkms remove -m "$DKMS_NAME" -v "$DKMS_VER" --all >/dev/null 2>&1
	rm -rf "$src"
	mkdir -p "$src"
	rsync -a --exclude=.git --exclude=.gates --exclude-from=.gitignore \
		"$PROJ/" "$src/" || return 1
	sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$DKMS_VER\"/" \
		"$src/dkms.conf"
	dkms add -m "$DKMS_NAME" -v "$DKMS_VER" || return 1
	flock "$BUILD_LOCK" dkms build -m "$DKMS_NAME" -v "$DKMS_VER" \
		-k "$KVER" || { cat /var/lib/dkms/"$DKMS_NAME"/"$DKMS_VER"/build/make.log; return 1; }
	ls -l /var/lib/dkms/"$DKMS_NAME"/"$DKMS_VER"/"$KVER"/x86_64/module/ ||
		return 1
	# Installed, ours is the xen-pciback modprobe finds (updates/ wins
	# over the kernel's own).
	dkms install -m "$DKMS_NAME" -v "$DKMS_VER" -k "$KVER" || return 1
	local found
	found=$(modinfo -k "$KVER" -n xen-pciback) || return 1
	echo "modinfo -k $KVER -n xen-pciback: $found"
	[ "$found" = "/lib/modules/$KVER/updates/dkms/xen-pciback.ko" ] ||
		return 1
	cmp "$found" /var/lib/dkms/"$DKMS_NAME"/"$DKMS_VER"/"$KVER"/x86_64/module/xen-pciback.ko ||
		return 1
	dkms remove -m "$DKMS_NAME" -v "$DKMS_VER" --all || return 1
	rm -rf "$src"
}

# The Debian package (make deb, dh-dkms) installed with apt into a Debian
# 12 root: modinfo names ours, both load in a Xen dom0, purge brings the
# kernel's pciback back.
gate_deb() {
	tests/vm/deb.sh
}

# In-tree build on Debian's own configuration, as a distribution would.
intree_config() {	# intree_config m|y
	local b=$XPB_CACHE/intree

	mkdir -p "$b"
	xzcat /usr/src/linux-config-6.1/config.amd64_none_amd64.xz > "$b/.config" ||
		return 1
	"$KSRC/scripts/config" --file "$b/.config" \
		--set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" \
		--set-val PCI_REALIGN "$1"
	make -C "$KSRC" O="$b" olddefconfig >/dev/null || return 1
	grep -x "CONFIG_PCI_REALIGN=$1" "$b/.config"
}

intree_make() {
	flock "$BUILD_LOCK" make -C "$KSRC" O="$XPB_CACHE/intree" -j"$JOBS" \
		CC="ccache gcc" "$@" 2>&1 | tee -a "$LOGS/intree.out"
	[ "${PIPESTATUS[0]}" -eq 0 ]
}

gate_intree_m() {
	scripts/kernel-source.sh || return 1
	: > "$LOGS/intree.out"
	intree_config m || return 1
	intree_make drivers/pci/realign/pci-realign.ko \
		drivers/xen/xen-pciback/xen-pciback.ko || return 1
	modinfo "$XPB_CACHE/intree/drivers/pci/realign/pci-realign.ko" \
		"$XPB_CACHE/intree/drivers/xen/xen-pciback/xen-pciback.ko" |
		grep -E '^(filename|vermagic|intree):' || return 1
	[ -z "$(grep -E '(warning|error):' "$LOGS/intree.out" |
		grep -E 'drivers/pci/realign|drivers/xen/xen-pciback|include/linux/pci_(realign|select)')" ]
}

gate_intree_y() {
	local a=$XPB_CACHE/intree/drivers/pci/realign/built-in.a

	scripts/kernel-source.sh || return 1
	: > "$LOGS/intree.out"
	intree_config y || return 1
	rm -f "$a"
	intree_make drivers/pci/realign/ || return 1
	ar t "$a" | tee /dev/stderr | grep -q 'main.o' || return 1
	[ -z "$(grep -E '(warning|error):' "$LOGS/intree.out" |
		grep -E 'drivers/pci/realign|include/linux/pci_(realign|select)')" ]
}

# End to end on Debian's own kernel in QEMU: pci-realign.ko on qboot's
# packed BARs, with pci=resource_alignment= as the comparison.
gate_vm_realign() {
	tests/vm/realign.sh
}

# Full bridge windows: grown (nested, drivers bound below) or refused.
gate_vm_bridge() {
	tests/vm/realign-bridge.sh
}

# Built-in pci_realign= on an x86_64 kernel built with the tree overlaid.
gate_vm_builtin() {
	tests/vm/realign-builtin.sh
}

# Xen 4.17 (Debian's hypervisor and xl) in QEMU, Debian's kernel as PV
# dom0 and domU: our xen-pciback (gate build made it) through the
# device's whole pass-through life cycle; config-read figures for ours,
# Debian's stock module and native reads.
gate_vm_xen() {
	local ko=drivers/xen/xen-pciback/xen-pciback.ko

	flock "$BUILD_LOCK" make KDIR="$KDIR_DEB" modules || return 1
	PCIBACK_KO=$ko DOM0_EXTRA_KO=drivers/pci/realign/pci-realign.ko \
		tests/vm/xen-pv.sh
}

# A hostile domU against our xen-pciback, on a dom0 kernel built with
# lockdep, KFENCE, slab and list debugging (tests/vm/xen-pv.sh,
# XEN_STAGE=hostile): 10^5 seeded random requests and the targeted
# attacks; nothing may reach the hardware and no checker may speak.
# The same attack against Debian's module, a comparison, is make
# hostile's (XEN_HOSTILE_STOCK=1).
gate_vm_hostile() {
	XEN_STAGE=hostile tests/vm/xen-pv.sh
}

# xen-pciback built into the checkers' kernel, booted as Xen's dom0 with
# xen-pciback.hide= (tests/vm/xen-pv.sh, XEN_STAGE=builtin): the named
# functions are on pciback from boot, before the built-in virtio-pci
# could take them, and work in a domU.  After vm_hostile, whose kernel
# build it starts from.
gate_vm_xen_builtin() {
	XEN_STAGE=builtin tests/vm/xen-pv.sh
}

ALL_GATES="build rooms w1 sparse checkpatch kunit dkms deb intree_m intree_y"
ALL_GATES+=" vm_realign vm_bridge vm_builtin vm_xen vm_hostile vm_xen_builtin"
GATES=${GATES:-$ALL_GATES}

for g in $GATES; do	# all names first: a typo must not cost a long run
	declare -F "gate_$g" >/dev/null || die "no gate '$g' (have: $ALL_GATES)"
done
[ -n "${GATES// /}" ] || die "GATES is empty (have: $ALL_GATES)"

declare -A result secs
kunit_pass=0 kunit_fail=0
for g in $GATES; do
	echo "=== gate $g"
	t0=$(date +%s)
	if "gate_$g" > "$LOGS/$g.log" 2>&1; then
		result[$g]=pass
	else
		result[$g]=FAIL
		tail -25 "$LOGS/$g.log" | sed 's/^/    /'
	fi
	secs[$g]=$(( $(date +%s) - t0 ))
	echo "    ${result[$g]} in ${secs[$g]} s (log: .gates/$g.log)"
done

if [ -f "$LOGS/kunit.out" ] && [[ " $GATES " == *" kunit "* ]]; then
	line=$(grep -E '^KUnit: [0-9]+ passed' "$LOGS/kunit.out" | tail -1)
	kunit_pass=$(echo "$line" | sed -n 's/^KUnit: \([0-9]*\) passed.*/\1/p')
	kunit_fail=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	sed -n '/^  [a-z_]* *[0-9]* passed/p;/^  FAILED/p;/^  SANITIZER/p' \
		"$LOGS/kunit.out"
fi

echo
printf '%-15s %-6s %6s\n' gate result time
gp=0 gf=0
for g in $GATES; do
	printf '%-15s %-6s %5ss\n' "$g" "${result[$g]}" "${secs[$g]}"
	if [ "${result[$g]}" = pass ]; then gp=$((gp + 1)); else gf=$((gf + 1)); fi
done
echo "gates: $gp passed, $gf failed; KUnit cases: ${kunit_pass:-0} passed, ${kunit_fail:-0} failed"
# Only the full run may end on a bare count: a subset says what it left out.
left=""
for g in $ALL_GATES; do
	[[ " $GATES " == *" $g "* ]] || left+=" $g"
done
echo "$((gp + ${kunit_pass:-0})) passed, $((gf + ${kunit_fail:-0})) failed${left:+ (not a full run: left out$left)}"
[ "$gf" -eq 0 ] && [ "${kunit_fail:-0}" -eq 0 ]
