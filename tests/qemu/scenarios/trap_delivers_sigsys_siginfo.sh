#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# trap sends SIGSYS with seccomp's siginfo (SYS_SECCOMP, syscall number,
# audit arch, call address) on every ABI; a handler can emulate the call by
# setting the return register; a blocked or ignored SIGSYS still kills.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<P
default allow
abi $SF_ABIS
trap getppid
P
expected='ret 42
caught 1
signo 31
code SYS_SECCOMP
errno 0
syscall getppid
arch native
call_addr ip'
for prog in $(sf_variants /tests/progs/sigsys); do
	abi=${prog##*/}
	out=$(sysfence run -p p.policy -- "$prog" handle)
	rc=$?
	[ $rc -eq 0 ] || fail "$abi handle: exit $rc: $out"
	[ "$out" = "$expected" ] || fail "$abi handle: got:
$out"
	for mode in block ignore; do
		out=$(sysfence run -p p.policy -- "$prog" $mode)
		rc=$?
		# 128 + SIGSYS: the forced signal's default action killed it.
		[ $rc -eq 159 ] || fail "$abi $mode: exit $rc, not SIGSYS: $out"
	done
done
exit 0
