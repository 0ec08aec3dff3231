#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# On arm64, a 32-bit arm program is filtered by arm's own numbers and names
# (getppid is 64 there, 173 on aarch64) when the policy allows the ABI, and
# meets the abi-violation action (kill by default) when it names aarch64
# only, as an i386 program does under an x86_64-only policy.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
if [ "$SF_NATIVE" != aarch64 ]; then
	echo "arm64 only: it tests the arm compat ABI"
	exit 77
fi
printf 'default allow\nabi aarch64 arm\nerrno EACCES getppid\n' >both.policy
for prog in /tests/progs/syscall /tests/progs/syscall.arm; do
	out=$(sysfence run -p both.policy -- "$prog" getppid) || fail "run: $?"
	[ "$out" = "errno EACCES (13)" ] || fail "$prog getppid: $out"
	out=$(sysfence run -p both.policy -- "$prog" getpid) || fail "run: $?"
	case $out in "ret "[1-9]*) ;; *) fail "$prog getpid: $out" ;; esac
done
# The default ABI list is the native one: aarch64.
printf 'default allow\nerrno EACCES getppid\n' >native.policy
out=$(sysfence run -p native.policy -- /tests/progs/syscall.arm getpid)
rc=$?
[ $rc -eq 137 ] || fail "arm under an aarch64-only policy: exit $rc (want 137): $out"
out=$(sysfence run -p native.policy -- /tests/progs/syscall getpid) || fail "run: $?"
case $out in "ret "[1-9]*) ;; *) fail "aarch64 getpid: $out" ;; esac
exit 0
