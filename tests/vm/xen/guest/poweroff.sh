#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /sbin/poweroff of the domU image: what the guest kernel runs when the
# toolstack path (xenstore control/shutdown = "poweroff", as xl shutdown
# and pciback's AER quarantine write it) asks it to power off.  The
# image's init is a plain shell, so the request is carried out here.
echo "DOMU: poweroff asked by the toolstack" > /dev/console
exec /bin/busybox poweroff -f
