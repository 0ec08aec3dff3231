#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# trap sends SIGSYS with seccomp's siginfo (SYS_SECCOMP, syscall number,
# audit arch, call address) on every ABI; a handler can emulate the call by
# setting the return register; a blocked or ignored SIGSYS still kills.
set -u
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<'P'
default allow
abi x86_64 i386 x32
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
abis="x86_64 i386"
if /tests/progs/syscall.x32 getpid >/dev/null 2>&1; then
	abis="$abis x32"
fi
for abi in $abis; do
	prog=/tests/progs/sigsys
	[ "$abi" = x86_64 ] || prog=$prog.$abi
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
