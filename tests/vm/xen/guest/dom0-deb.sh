#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Dom0 side of tests/vm/xen-pv.sh with XEN_STAGE=deb (busybox sh,
# /guest.sh of the dom0 initramfs): the two modules that apt's DKMS
# built from the xen-pciback-ng-dkms package (tests/vm/deb.sh) are the
# ones modprobe finds, both load in a Xen dom0, pciback takes a
# function and gives it back, and both unload.
# /root/xen.env sets BDF and PCIBACK_SHA.
export PATH=/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /guest-lib.sh
. /root/xen.env
. /xen-dom0-lib.sh

plan 11

modprobe virtio_pci
ts "dom0 kernel $(uname -r); $BDF on $(drv_of "$BDF")"
# dkms_dep MODULE: modules.dep has MODULE in updates/dkms, where DKMS
# installs it
dkms_dep() {
	grep -q "^updates/dkms/$1.ko:" "/lib/modules/$(uname -r)/modules.dep"
}
check "modules.dep: xen-pciback in updates/dkms" dkms_dep xen-pciback
check "modules.dep: pci-realign in updates/dkms" dkms_dep pci-realign
check "that xen-pciback.ko is the one DKMS built (sha256 ${PCIBACK_SHA%"${PCIBACK_SHA#????????????}"})" \
	[ "$(pciback_sha)" = "$PCIBACK_SHA" ]
check "modprobe pci-realign" xrun modprobe-realign modprobe pci-realign
check "modprobe xen-pciback" xrun modprobe modprobe xen-pciback
check "both live" sh -c "[ \"\$(cat /sys/module/pci_realign/initstate)\" = live ] &&
	[ \"\$(cat /sys/module/xen_pciback/initstate)\" = live ]"
drv0=$(drv_of "$BDF")
[ "$drv0" = none ] || echo "$BDF" > "/sys/bus/pci/devices/$BDF/driver/unbind"
check "new_slot and bind: pciback takes $BDF" \
	sh -c "echo $BDF > $PB/new_slot && echo $BDF > $PB/bind"
check "$BDF on pciback" [ "$(drv_of "$BDF")" = pciback ]
echo "$BDF" > "$PB/unbind"
echo "$BDF" > "$PB/remove_slot"
echo "$BDF" > /sys/bus/pci/drivers_probe 2> /dev/null
check "$BDF back on $drv0 after unbind" [ "$(drv_of "$BDF")" = "$drv0" ]
check "rmmod xen_pciback pci_realign" \
	xrun rmmod rmmod xen_pciback pci_realign
check "dom0 kernel: no report in dmesg" \
	not dmesg_has "Oops\|BUG:\|WARNING:\|UBSAN:\|Call Trace"
plan_end
echo "DOM0: done at $(cut -d" " -f1 /proc/uptime)s"
