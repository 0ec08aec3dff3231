#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Syscall number -1 runs nothing on any ABI: it is how a ptracer skips a
# syscall (strace's fault injection, debuggers; NT_ARM_SYSTEM_CALL on
# arm64), and what syscall(-1) does. On x86 it carries the x32 bit, but it
# is no x32 call: a policy allowing the native ABI only must not give it
# the abi-violation action (kill), nor any other.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES umask\n' >p.policy
out=$(sysfence run -p p.policy -- /tests/progs/ptskip)
rc=$?
[ $rc -eq 0 ] || fail "ptskip: exit $rc: $out"
[ "$out" = "tracee ret 42
exited 0" ] || fail "the tracer's skip: got: $out"
out=$(sysfence run -p p.policy -- /tests/progs/syscall 0xffffffff)
rc=$?
[ $rc -eq 0 ] || fail "syscall -1: exit $rc: $out"
[ "$out" = "errno ENOSYS (38)" ] || fail "syscall -1: got: $out"
# The same policy still acts on real syscalls.
out=$(sysfence run -p p.policy -- /tests/progs/syscall umask 0)
[ "$out" = "errno EACCES (13)" ] || fail "umask: got: $out"
exit 0
