#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A rule's condition on a named argument decides real calls: write is
# allowed on fds 1 and 2 only, for 64-bit and 32-bit callers alike.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<P
default allow
abi $SF_ABIS
allow write if fd == 1 || fd == 2
errno EACCES write
P
for prog in $(sf_variants /tests/progs/syscall); do
	[ "${prog%.x32}" = "$prog" ] || continue
	# fd is an int: garbage in the upper half of a 64-bit register is
	# ignored by the kernel, so the policy ignores it too.
	for fd in 1 2 0x100000001; do
		out=$(sysfence run -p p.policy -- "$prog" write $fd 0 0)
		[ "$out" = "ret 0" ] || fail "$prog write($fd): $out"
	done
	for fd in 0 3 -1; do
		out=$(sysfence run -p p.policy -- "$prog" write $fd 0 0)
		[ "$out" = "errno EACCES (13)" ] || fail "$prog write($fd): $out"
	done
done
exit 0
