#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DomU side of tests/vm/xen-pv.sh (busybox sh, /guest.sh of an
# unmodified Debian kernel's initramfs).  Reports on its console, which
# dom0's xenconsoled logs, what pcifront gave it:
#   DOMU: pcifront-bus                  pcifront created its PCI bus
#   DOMU: DEV <bdf> <vendor>:<device> drv=<driver> irq=<irq>
#   DOMU: msi_irqs <n>                  MSI/MSI-X vectors of the device
#   DOMU: unbound <bdf> from its driver the device is idle from here on
#   BENCH domU ...                      config reads of the device
#   DOMU: ready                         dom0 may detach now
#   DOMU: device gone                   the device left (xl pci-detach)
#   DOMU: device back at <bdf>          it came back (xl pci-attach)
# Kernel command line: xpbvd=<vendor>:<device> (sysfs form, 0x...) of
# the passed-through device, xpbbench=<reads>, xpbreps=<repetitions>.
. /xen-bench.sh

arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
vd=$(arg xpbvd)
n=$(arg xpbbench)
reps=$(arg xpbreps)
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
dmesg | grep -iE 'pcifront|xen.*pci|msi' | sed 's/^/DOMU: dmesg /'
if [ -n "$dev" ]; then
	echo "DOMU: msi_irqs $(ls "/sys/bus/pci/devices/$dev/msi_irqs" 2>/dev/null | wc -l)"
	grep -iE 'virtio|pcifront|xen-pirq' /proc/interrupts | sed 's/^/DOMU: interrupts /'
fi
# virtio-rng keeps the device busy (the kernel's hwrng thread reads it
# all the time): that would disturb the benchmark, and QEMU 7.2 has
# been seen to crash (SIGSEGV in memory_region_access_valid) when
# xl pci-detach resets the device under that traffic.  The bind is
# proven above; the rest runs with the device idle.
if [ -n "$dev" ] && [ -e "/sys/bus/pci/devices/$dev/driver" ]; then
	echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind" &&
		echo "DOMU: unbound $dev from its driver"
fi
i=0
while [ -n "$dev" ] && [ -n "$n" ] && [ $i -lt "${reps:-1}" ]; do
	bench domU "$dev" "$n"
	i=$((i + 1))
done
echo "DOMU: ready"
i=0
while [ -n "$dev" ] && [ -e "/sys/bus/pci/devices/$dev" ] && [ $i -lt 300 ]; do
	sleep 1
	i=$((i + 1))
done
[ -n "$dev" ] && [ ! -e "/sys/bus/pci/devices/$dev" ] && echo "DOMU: device gone"
# dom0 attaches it again at run time (xl pci-attach): pcifront rescans.
i=0
while [ -n "$dev" ] && [ $i -lt 120 ]; do
	for d in /sys/bus/pci/devices/*; do
		[ -e "$d/vendor" ] || continue
		[ "$(cat "$d/vendor"):$(cat "$d/device")" = "$vd" ] || continue
		echo "DOMU: device back at ${d##*/}"
		i=120
	done
	sleep 1
	i=$((i + 1))
done
# dom0 destroys the domain; if it never does, power off after a while.
sleep 300
