#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /sbin/poweroff of the domU image: what the guest kernel runs when the
# toolstack path (xenstore control/shutdown = "poweroff", as xl shutdown
# and pciback's AER quarantine write it) asks it to power off.  The
# image's init is a plain shell, so the request is carried out here.
# Dom0 first looks at the function the guest lost (it is quarantined
# until the guest is gone), then writes "go" on the guest's console.
echo "DOMU: poweroff asked by the toolstack; waiting for dom0" > /dev/console
# busybox read has -t
# shellcheck disable=SC3045
while read -r -t 120 l < /dev/hvc0; do
	[ "${l%"$(printf '\r')"}" = go ] && break
done
echo "DOMU: powering off" > /dev/console
exec /bin/busybox poweroff -f
