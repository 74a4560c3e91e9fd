#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Config-space helpers (busybox sh), sourced in dom0 and in the domU:
# read and write registers of a sysfs "config" file (or a copy of one)
# and walk its capability chains the way a guest kernel does, so dom0
# can compare what the domU sees with what the hardware has.

# cfg_rd FILE OFF SIZE: the little-endian value of SIZE (1, 2, 4) bytes
cfg_rd() {
	od -A n -t "u$3" -j "$(($2))" -N "$3" "$1" | tr -d ' \n'
}

# cfg_wr FILE OFF SIZE VALUE: one config write of SIZE bytes at OFF
cfg_wr() {
	# shellcheck disable=SC3043
	local s="" i=0

	while [ $i -lt "$3" ]; do
		s="$s\\$(printf %03o $((($4 >> (8 * i)) & 0xff)))"
		i=$((i + 1))
	done
	# shellcheck disable=SC2059
	printf "$s" | dd of="$1" bs="$3" seek=$(($2 / $3)) count=1 \
		conv=notrunc 2> /dev/null
}

# cfg_caps FILE: the standard chain as "id@off ..." (hex), in the order
# a walk meets them; a malformed chain ends with "bad:<what>"
cfg_caps() {
	# shellcheck disable=SC3043
	local f="$1" p out="" seen=" "

	[ $(($(cfg_rd "$f" 6 2) & 0x10)) -ne 0 ] || return 0
	p=$(cfg_rd "$f" 0x34 1)
	while [ "$p" -ne 0 ]; do
		if [ "$p" -lt 64 ] || [ $((p & 3)) -ne 0 ]; then
			out="$out bad:pointer-$(printf %x "$p")"
			break
		fi
		case $seen in *" $p "*) out="$out bad:loop"; break ;; esac
		seen="$seen$p "
		out="$out $(printf %02x@%02x "$(cfg_rd "$f" "$p" 1)" "$p")"
		p=$(cfg_rd "$f" $((p + 1)) 1)
	done
	echo "${out# }"
}

# cfg_ecaps FILE: the extended chain (0x100 on) as "id@off ..." (hex)
cfg_ecaps() {
	# shellcheck disable=SC3043
	local f="$1" p=256 h out="" seen=" "

	[ "$(wc -c < "$f")" -gt 256 ] || return 0
	h=$(cfg_rd "$f" 256 4)
	{ [ "$h" -eq 0 ] || [ "$h" -eq 4294967295 ]; } && return 0
	while :; do
		case $seen in *" $p "*) out="$out bad:loop"; break ;; esac
		seen="$seen$p "
		h=$(cfg_rd "$f" "$p" 4)
		out="$out $(printf %04x@%03x $((h & 0xffff)) "$p")"
		p=$(((h >> 20) & 0xfff))
		[ "$p" -eq 0 ] && break
		if [ "$p" -lt 256 ] || [ $((p & 3)) -ne 0 ]; then
			out="$out bad:pointer-$(printf %x "$p")"
			break
		fi
	done
	echo "${out# }"
}

# cfg_find LIST ID: the offset (decimal) of capability ID in a cfg_caps
# or cfg_ecaps LIST, or nothing
cfg_find() {
	# shellcheck disable=SC3043
	local c

	for c in $1; do
		[ "${c%@*}" = "$2" ] && { echo $((0x${c#*@})); return 0; }
	done
	return 1
}

# cfg_only LIST ID...: the entries of LIST whose ID is one of the IDs
cfg_only() {
	# shellcheck disable=SC3043
	local list=$1 c id out=""

	shift
	for c in $list; do
		for id in "$@"; do
			[ "${c%@*}" = "$id" ] && out="$out $c"
		done
	done
	echo "${out# }"
}
