#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `sysfence --version` prints the CLI's version and ABI and, while the
# module is loaded, the module's version and the ABI it speaks; the CLI and
# module built together match, so nothing is warned about.
set -u
fail() { echo "FAIL: $*"; exit 1; }
v=$(cat /sys/module/sysfence/version) || fail "no module version"
out=$(sysfence --version 2>/tmp/err) || fail "exit $?"
# The interface version the CLI was built with, which the module speaks too.
abi=$(echo "$out" | sed -n '1s/^sysfence .* (ABI \([1-9][0-9]*\))$/\1/p')
[ -n "$abi" ] || fail "no ABI version: $out"
[ "$out" = "sysfence $v (ABI $abi)
module $v (ABI $abi)" ] || fail "loaded: $out"
[ -s /tmp/err ] && fail "warned: $(cat /tmp/err)"

i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "cannot unload the module"
	sleep 0.1
done
out=$(sysfence --version 2>/tmp/err)
rc=$?
insmod /lib/sysfence/sysfence.ko || fail "reload failed"
[ $rc = 0 ] || fail "unloaded: exit $rc"
[ "$out" = "sysfence $v (ABI $abi)
module not loaded" ] || fail "unloaded: $out"
[ -s /tmp/err ] && fail "unloaded, warned: $(cat /tmp/err)"
exit 0
