#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A layer loaded in complain mode enforces nothing: the calls it would deny
# or kill run, and the kernel log says what it would have done. Enforcing
# layers stacked with it still act.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\nkill getpid\n' >p.policy
dmesg -c >/dev/null
out=$(sysfence run --complain -p p.policy -- /tests/progs/syscall getppid)
case $out in "ret "[1-9]*) ;; *) fail "getppid was not allowed: $out" ;; esac
out=$(sysfence run --complain -p p.policy -- /tests/progs/syscall getpid)
rc=$?
[ $rc -eq 0 ] || fail "getpid: exit $rc: $out"
case $out in "ret "[1-9]*) ;; *) fail "getpid was not allowed: $out" ;; esac
log=$(dmesg)
n=$SF_NATIVE getppid=$(sf_nr $SF_NATIVE getppid)
echo "$log" | grep -q "sysfence: log (complain: errno EACCES): pid [0-9]* (syscall) $n getppid($getppid) .* line 2" ||
	fail "no complaint for getppid: $log"
echo "$log" | grep -q "sysfence: log (complain: kill): pid [0-9]* (syscall) $n getpid($(sf_nr $n getpid)) .* line 3" ||
	fail "no complaint for getpid: $log"
out=$(sysfence run --complain -p p.policy -- sysfence show)
echo "$out" | grep -qxF "$n $getppid (getppid): log (complain: errno EACCES)" ||
	fail "show: $out"
# An enforcing layer on top of a complaining one enforces.
printf 'default allow\nerrno EPERM getppid\n' >q.policy
out=$(sysfence run --complain -p p.policy -- \
	sysfence run -p q.policy -- /tests/progs/syscall getppid)
[ "$out" = "errno EPERM (1)" ] || fail "enforcing layer over complain: $out"
exit 0
