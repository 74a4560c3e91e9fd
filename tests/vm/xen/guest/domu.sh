#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DomU side of tests/vm/xen-pv.sh (busybox sh, /guest.sh of an
# unmodified Debian kernel's initramfs).  Reports on its console, which
# dom0's xenconsoled logs, what pcifront gave it:
#   DOMU: pcifront-bus                  pcifront created its PCI bus
#   DOMU: DEV <bdf> <vendor>:<device> drv=<driver> irq=<irq>
#   BENCH domU ...                      config reads of the device
#   DOMU: ready                         dom0 may detach now
#   DOMU: device gone                   the device left (xl pci-detach)
# Kernel command line: xpbvd=<vendor>:<device> (sysfs form, 0x...) of
# the passed-through device, xpbbench=<reads>.
. /xen-bench.sh

arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
vd=$(arg xpbvd)
n=$(arg xpbbench)
echo "DOMU: kernel $(uname -r)"
modprobe xen-pcifront || echo "DOMU: modprobe xen-pcifront failed"
i=0
while [ -z "$(ls /sys/bus/pci/devices 2>/dev/null)" ] && [ $i -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
dmesg | grep -q 'Creating PCI Frontend Bus' && echo "DOMU: pcifront-bus"
modprobe virtio_pci
modprobe virtio-rng
sleep 1
dev=""
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/vendor" ] || continue
	drv=-
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	echo "DOMU: DEV ${d##*/} $(cat "$d/vendor"):$(cat "$d/device") drv=$drv irq=$(cat "$d/irq")"
	[ "$(cat "$d/vendor"):$(cat "$d/device")" = "$vd" ] && dev=${d##*/}
done
dmesg | grep -iE 'pcifront|xen.*pci' | sed 's/^/DOMU: dmesg /'
if [ -n "$dev" ] && [ -n "$n" ]; then
	bench domU "$dev" "$n"
fi
echo "DOMU: ready"
i=0
while [ -n "$dev" ] && [ -e "/sys/bus/pci/devices/$dev" ] && [ $i -lt 300 ]; do
	sleep 1
	i=$((i + 1))
done
[ -n "$dev" ] && [ ! -e "/sys/bus/pci/devices/$dev" ] && echo "DOMU: device gone"
# dom0 destroys the domain; if it never does, power off after a while.
sleep 300
