#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# log allows the call and records it in the kernel log with the pid, comm,
# ABI, syscall name and number, arguments and the rule's line.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
# All of root's layers share one ceiling of log lines per 5 s, which the
# scenarios before this one (the ioctl fuzzer's, say) may have spent: start
# in a window of our own.
sleep 5
printf 'default allow\n# a comment\nlog getppid\n' >p.policy
dmesg -c >/dev/null
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid)
case $out in "ret "[1-9]*) ;; *) fail "the logged call did not run: $out" ;; esac
log=$(dmesg | grep 'sysfence: log:')
nr=$(sf_nr $SF_NATIVE getppid)
echo "$log" | grep -q "pid [0-9]* (syscall) $SF_NATIVE getppid($nr) args .* layer 1 line 3" ||
	fail "no log line: $(dmesg | tail -n 5)"
exit 0
