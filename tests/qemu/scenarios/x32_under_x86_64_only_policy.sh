#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An x32 program under a policy that allows x86_64 only gets the
# abi-violation action (kill by default): x32 syscalls are told apart by
# their number's x32 bit, although they enter like 64-bit ones.
set -u
. /tests/lib.sh
sf_x86_only
fail() { echo "FAIL: $*"; exit 1; }
if ! out=$(/tests/progs/syscall.x32 getppid 2>&1); then
	echo "x32 programs do not run on this kernel: $out"
	exit 77
fi
printf 'default allow\n' >p.policy
out=$(sysfence run -p p.policy -- /tests/progs/syscall.x32 getppid)
rc=$?
[ $rc -eq 137 ] || fail "exit $rc (want SIGKILL): $out"
[ -z "$out" ] || fail "the program ran: $out"
# The same program runs when the policy lists x32.
printf 'default allow\nabi x86_64 x32\n' >x32.policy
out=$(sysfence run -p x32.policy -- /tests/progs/syscall.x32 getppid)
case $out in "ret "[1-9]*) ;; *) fail "x32 allowed: $out" ;; esac
exit 0
