#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every layer decides and the most severe outcome wins: a later policy that
# allows what an earlier one denies changes nothing; between equally severe
# outcomes the newest layer's errno is used.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >deny.policy
printf 'default allow\nallow getppid\n' >allow.policy
printf 'default allow\nerrno EPERM getppid\n' >eperm.policy
printf 'default allow\nkill getppid\n' >kill.policy
printf 'default allow\nallow write if fd == 1\nerrno EACCES write\n' >w1.policy
printf 'default allow\nerrno EPERM write if fd == 2\nallow write\n' >w2.policy
run() { sysfence run "$@" /tests/progs/syscall getppid; }

out=$(run -p deny.policy -p allow.policy --)
[ "$out" = "errno EACCES (13)" ] || fail "allow over deny: $out"
out=$(sysfence run -p deny.policy -- sysfence run -p allow.policy -- \
	/tests/progs/syscall getppid)
[ "$out" = "errno EACCES (13)" ] || fail "nested allow over deny: $out"
out=$(run -p deny.policy -p eperm.policy --)
[ "$out" = "errno EPERM (1)" ] || fail "tie, newest errno: $out"
out=$(run -p eperm.policy -p deny.policy --)
[ "$out" = "errno EACCES (13)" ] || fail "tie, newest errno: $out"
out=$(run -p kill.policy -p deny.policy --)
rc=$?
[ $rc -eq 137 ] || fail "errno over kill: exit $rc: $out"
out=$(run -p allow.policy -p deny.policy --)
[ "$out" = "errno EACCES (13)" ] || fail "deny over allow: $out"
# Two layers whose outcomes both depend on the arguments.
w() { sysfence run -p w1.policy -p w2.policy -- /tests/progs/syscall write "$1" 0 0; }
[ "$(w 1)" = "ret 0" ] || fail "write(1) under two conditions: $(w 1)"
[ "$(w 2)" = "errno EPERM (1)" ] || fail "write(2) under two conditions: $(w 2)"
[ "$(w 3)" = "errno EACCES (13)" ] || fail "write(3) under two conditions: $(w 3)"
exit 0
