#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A launcher confined by one policy starts a program under another: the
# outer layer traps uname, which the inner sysfence must not need (run,
# show, monitor and check only make the syscalls their work takes). Before,
# run and show asked uname -m for the architecture first and died of SIGSYS.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\ntrap uname\n' >tu.policy
printf 'default allow\nerrno EACCES getppid\n' >gp.policy
# The trap is real: uname(1) itself dies of it.
sysfence run -p tu.policy -- uname -m >/dev/null 2>&1
rc=$?
[ $rc -eq 159 ] || fail "uname under the trap: exit $rc (want SIGSYS, 159)"
out=$(sysfence run -p tu.policy -- sysfence run -p gp.policy -- /tests/progs/syscall getppid 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "nested run: exit $rc: $out"
[ "$out" = "errno EACCES (13)" ] || fail "nested run: the inner policy did not decide: $out"
out=$(sysfence run -p tu.policy -- sysfence show 2>&1) || fail "show: exit $?: $out"
echo "$out" | grep -qx 'layers 1' || fail "show: not one layer: $out"
out=$(sysfence run -p tu.policy -- sysfence monitor -o m.txt -p gp.policy -- /tests/progs/syscall getppid 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "monitor: exit $rc: $out"
grep -q ' getppid() = errno EACCES  gp.policy:2$' m.txt || fail "monitor line: $(cat m.txt)"
out=$(sysfence run -p tu.policy -- sysfence check gp.policy 2>&1) || fail "check: exit $?: $out"
exit 0
