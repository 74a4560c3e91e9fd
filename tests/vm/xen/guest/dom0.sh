#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Dom0 side of tests/vm/xen-pv.sh (busybox sh, /guest.sh of the dom0
# initramfs).  Starts Xen's toolstack, then walks one device through the
# life cycle the real xl gives it, one "ok - " or "not ok - " line per
# assertion:
#   xen-pciback loads (the file /root/xen.env names by its sha256),
#   xl pci-assignable-add, xl create of a PV domU with pci=[BDF] whose
#   pcifront shows the device (read back from its console log), xl
#   pci-detach, xl destroy, xl pci-assignable-remove -r; in the domU a
#   driver binds the device and gets MSI-X interrupts.
# BENCH lines (figures only) time config reads in dom0 and in the domU.
# If the image holds /root/stock-pciback.ko (the module under test is
# not Debian's), a second round swaps Debian's module in and times the
# domU's reads again, "BENCH domU-stock", for a ratio from one run.
# /root/xen.env sets BDF, BENCH_N, BENCH_REPS, PCIBACK_WHAT, PCIBACK_SHA.
export PATH=/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /guest-lib.sh
. /xen-bench.sh
. /root/xen.env
CONDIR=/var/log/xen/console
PB=/sys/bus/pci/drivers/pciback

ts() { echo "DOM0: [$(cut -d' ' -f1 /proc/uptime)] $*"; }

# xrun NAME CMD...: run CMD, its output kept in /tmp/NAME.out and shown
# (prefixed) only when it fails
xrun() {
	# shellcheck disable=SC3043
	local name=$1 rc=0

	shift
	"$@" > "/tmp/$name.out" 2>&1 || rc=$?
	[ $rc -eq 0 ] || sed "s/^/DOM0: $name: /" "/tmp/$name.out"
	return $rc
}

drv_of() {
	if [ -e "/sys/bus/pci/devices/$1/driver" ]; then
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
	else
		echo none
	fi
}

# wait_log DOMAIN PATTERN SECONDS: until the domain's console log has
# PATTERN; gives up early once the domain is gone
wait_log() {
	# shellcheck disable=SC3043
	local i=0

	while [ $i -lt "$3" ]; do
		grep -q "$2" "$CONDIR/guest-$1.log" 2>/dev/null && return 0
		xl list "$1" > /dev/null 2>&1 || break
		sleep 1
		i=$((i + 1))
	done
	grep -q "$2" "$CONDIR/guest-$1.log" 2>/dev/null
}

domu_has() { grep -q "$1" "$CONDIR/guest-domu.log" 2>/dev/null; }
assignable() { xl pci-assignable-list 2>/dev/null | grep -q "^$1"; }
attached() { xl pci-list domu 2>/dev/null | grep -q "$1"; }
domu_exists() { xl list domu > /dev/null 2>&1; }

# domu_cfg NAME: a PV domU with the device, its reads timed at boot
domu_cfg() {
	cat > "/root/$1.cfg" <<EOC
name = "$1"
type = "pv"
kernel = "/root/domu-vmlinuz"
ramdisk = "/root/domu.gz"
extra = "console=hvc0 quiet loglevel=4 panic=-1 xpbvd=$vd xpbbench=$BENCH_N xpbreps=$BENCH_REPS"
memory = 256
vcpus = 1
pci = [ '$BDF' ]
on_poweroff = "destroy"
on_crash = "destroy"
EOC
}
pciback_sha() {
	find /lib/modules -name xen-pciback.ko -exec sha256sum {} + | cut -c1-64
}

# --- toolstack (as Debian's xen init script and xen-init-dom0 do it)
mkdir -p /dev/pts /dev/shm /run /tmp /var/lib/xen /var/lib/xenstored \
	/var/log/xen/console /var/lock
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
ln -sfn /run /var/run
mkdir -p /run/xen /run/xenstored
ts "init"
for m in xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd; do
	modprobe $m || echo "DOM0: modprobe $m failed"
done
mount -t xenfs xenfs /proc/xen
xenstored --pid-file /run/xenstored.pid
xen-init-dom0
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest \
	--log-dir=/var/log/xen/console
check "toolstack answers: xl info" xrun xl-info xl info
ts "toolstack up ($(sed -n 's/^xen_version *: //p' /tmp/xl-info.out))"

# --- the device in dom0, on its own driver first
modprobe virtio_pci
modprobe virtio-rng
vd=$(cat "/sys/bus/pci/devices/$BDF/vendor"):$(cat "/sys/bus/pci/devices/$BDF/device")
drv0=$(drv_of "$BDF")
ts "$BDF is $vd, dom0 driver $drv0"
lspci -nn -s "$BDF" | sed 's/^/DOM0: lspci /'

# --- the backend module
check "xen-pciback.ko in the image is the $PCIBACK_WHAT one (sha256 ${PCIBACK_SHA%"${PCIBACK_SHA#????????????}"})" \
	[ "$(pciback_sha)" = "$PCIBACK_SHA" ]
check "modprobe xen-pciback" xrun modprobe modprobe xen-pciback
check "driver pciback registered ($PB)" [ -d $PB ]
check "module xen_pciback live" [ "$(cat /sys/module/xen_pciback/initstate 2>/dev/null)" = live ]

# --- xl pci-assignable-add
check "xl pci-assignable-add $BDF" xrun assignable-add xl pci-assignable-add "$BDF"
check "$BDF bound to pciback ($PB/$BDF)" [ -e "$PB/$BDF" ]
check "xl pci-assignable-list shows $BDF" assignable "$BDF"
# Native reads are fast: ten times as many for the same precision.
i=0
while [ $i -lt "$BENCH_REPS" ]; do
	bench dom0 "$BDF" $((BENCH_N * 10))
	i=$((i + 1))
done

# --- a PV domU with the device
domu_cfg domu
ts "xl create"
check "xl create of a PV domU with pci=['$BDF']" xrun create xl create /root/domu.cfg
check "domU reports back (console log)" wait_log domu "DOMU: ready" 240
ts "domU ready"
check "domU: pcifront created a PCI bus" domu_has "DOMU: pcifront-bus"
check "domU: sees $vd through pcifront" domu_has "DOMU: DEV .* $vd "
check "domU: virtio-pci binds the device" domu_has "DOMU: DEV .* $vd drv=virtio-pci "
check "domU: the device has MSI-X vectors through pcifront" \
	domu_has "DOMU: interrupts .*pcifront-msi-x"
check "domU: its driver received interrupts (virtio0-input)" \
	domu_has "DOMU: interrupts  *[0-9]*:  *[1-9][0-9]* .*pcifront-msi-x  *virtio0-input"
check "xl pci-list domu lists $BDF" attached "$BDF"

# --- detach, destroy, give the device back
ts "xl pci-detach"
check "xl pci-detach domu $BDF" xrun detach timeout 120 xl pci-detach domu "$BDF"
check "xl pci-list domu no longer lists $BDF" not attached "$BDF"
check "domU: the device left" wait_log domu "DOMU: device gone" 60
ts "xl pci-attach"
check "xl pci-attach domu $BDF (hot-plug at run time)" \
	xrun attach timeout 120 xl pci-attach domu "$BDF"
check "domU: the device came back (pcifront rescan)" \
	wait_log domu "DOMU: device back" 90
check "xl pci-list domu lists $BDF again" attached "$BDF"
check "xl destroy domu" xrun destroy timeout 120 xl destroy domu
check "domU gone from xl list" not domu_exists
# counter NAME: a line of our module's debugfs counters for the device
counter() {
	sed -n "s/^$1: //p" "/sys/kernel/debug/xen-pciback/$BDF/counters" 2>/dev/null
}
if [ "$PCIBACK_WHAT" != stock ]; then
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	sed 's/^/DOM0: counters /' "/sys/kernel/debug/xen-pciback/$BDF/counters"
	check "debugfs: the guest's requests were counted (ops > 0)" \
		[ "$(counter ops)" -gt 0 ]
	check "debugfs: config accesses were answered in the event handler (fast > 0)" \
		[ "$(counter fast)" -gt 0 ]
	check "debugfs: the device was reset (seize, do_flr, release)" \
		[ "$(counter resets)" -gt 0 ]
	check "libxl used pciback/do_flr: no \"doesn't support reset\" warning" \
		not grep -qi "support reset" /tmp/create.out /tmp/detach.out /tmp/destroy.out
fi
check "xl pci-assignable-remove -r $BDF" xrun assignable-remove xl pci-assignable-remove -r "$BDF"
check "$BDF no longer on pciback" [ ! -e "$PB/$BDF" ]
check "$BDF back on its dom0 driver ($drv0)" [ "$(drv_of "$BDF")" = "$drv0" ]
ts "life cycle done"
grep -h '^BENCH ' "$CONDIR/guest-domu.log" 2>/dev/null

if [ -f /root/stock-pciback.ko ]; then
	ts "benchmark round with Debian's stock xen-pciback"
	check "rmmod xen_pciback ($PCIBACK_WHAT)" xrun rmmod rmmod xen_pciback
	check "insmod Debian's stock xen-pciback.ko" \
		xrun insmod insmod /root/stock-pciback.ko
	check "stock: xl pci-assignable-add $BDF" \
		xrun assignable-add xl pci-assignable-add "$BDF"
	domu_cfg domu-stock
	check "stock: xl create" xrun create xl create /root/domu-stock.cfg
	check "stock: domU reports back" wait_log domu-stock "DOMU: ready" 240
	check "stock: xl destroy" xrun destroy timeout 120 xl destroy domu-stock
	check "stock: xl pci-assignable-remove -r $BDF" \
		xrun assignable-remove xl pci-assignable-remove -r "$BDF"
	grep -h '^BENCH domU ' "$CONDIR/guest-domu-stock.log" 2>/dev/null |
		sed 's/^BENCH domU /BENCH domU-stock /'
	ts "stock round done"
fi

for f in "$CONDIR"/guest-*.log; do
	echo "--- console of ${f##*/guest-}"
	sed 's/^/domU| /' "$f"
done
echo "--- output of every xl command"
for f in /tmp/*.out; do
	[ "$f" = /tmp/xl-info.out ] && continue
	sed "s/^/xl-out| ${f##*/}: /" "$f"
done
# Not an assertion for Debian's module (libxl falls back to sysfs reset):
# a figure the next driver's gate can turn into one.
echo "INFO xl reset warnings: $(cat /tmp/*.out | grep -ci 'reset')"
echo "--- xl log"
tail -n 40 /var/log/xen/xl-domu.log 2>/dev/null | sed 's/^/xl| /'
echo "--- dom0 kernel log (pciback, pci, xen)"
dmesg | grep -iE 'pciback|pcifront|xen.*pci|iommu|error' | tail -n 40 | sed 's/^/dmesg| /'
echo "DOM0: done at $(cut -d" " -f1 /proc/uptime)s"
