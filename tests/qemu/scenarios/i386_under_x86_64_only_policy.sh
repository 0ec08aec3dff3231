#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A policy allows x86_64 only unless it says otherwise: a 32-bit program
# gets the abi-violation action (kill by default) on its first syscall,
# or the one the policy names.
set -u
. /tests/lib.sh
sf_x86_only
fail() { echo "FAIL: $*"; exit 1; }
out=$(/tests/progs/syscall.i386 getppid) || fail "i386 programs do not run: $out"
printf 'default allow\n' >p.policy
out=$(sysfence run -p p.policy -- /tests/progs/syscall.i386 getppid)
rc=$?
[ $rc -eq 137 ] || fail "exit $rc (want SIGKILL): $out"
[ -z "$out" ] || fail "the program ran: $out"
# The 64-bit build of the same program is fine.
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid)
case $out in "ret "[1-9]*) ;; *) fail "x86_64: $out" ;; esac
printf 'default allow\nabi-violation trap\n' >trap.policy
out=$(sysfence run -p trap.policy -- /tests/progs/syscall.i386 getppid)
rc=$?
[ $rc -eq 159 ] || fail "abi-violation trap: exit $rc (want SIGSYS): $out"
exit 0
