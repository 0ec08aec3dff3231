#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# log allows the call and records it in the kernel log with the pid, comm,
# ABI, syscall name and number, arguments and the rule's line, or
# "default" / "abi-violation" when no rule decided (as monitor says).
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

# The default decides: the line says so rather than naming a line 0.
sleep 5
printf 'default log\nallow exit_group\n' >d.policy
dmesg -c >/dev/null
sysfence run -p d.policy -- /tests/progs/syscall getppid >/dev/null
log=$(dmesg | grep 'sysfence: log:')
echo "$log" | grep -q "pid [0-9]* (syscall) $SF_NATIVE [a-z_0-9]*([0-9]*) args .* layer 1 default\$" ||
	fail "no default log line: $(dmesg | tail -n 5)"
echo "$log" | grep -q ' line 0$' && fail "a line 0: $log"

# The abi-violation action decides a call of the compat ABI: kill by
# default, else the directive's action, whose line the log names.
compat=/tests/progs/syscall.i386
[ "$SF_NATIVE" = aarch64 ] && compat=/tests/progs/syscall.arm
if [ -x "$compat" ]; then
	sleep 5
	dmesg -c >/dev/null
	sysfence run -p d.policy -- "$compat" getppid >/dev/null 2>&1
	log=$(dmesg | grep 'sysfence: kill:')
	echo "$log" | grep -q "pid [0-9]* (syscall.[a-z0-9]*) [a-z0-9]* [a-z_0-9]*([0-9]*) args .* layer 1 abi-violation\$" ||
		fail "no abi-violation kill line: $(dmesg | tail -n 5)"
	printf 'default allow\nabi-violation log\n' >v.policy
	dmesg -c >/dev/null
	sysfence run -p v.policy -- "$compat" getppid >/dev/null
	log=$(dmesg | grep 'sysfence: log:')
	echo "$log" | grep -q "pid [0-9]* (syscall.[a-z0-9]*) [a-z0-9]* getppid([0-9]*) args .* layer 1 abi-violation line 2\$" ||
		fail "no abi-violation log line: $(dmesg | tail -n 5)"
	echo "$log" | grep -q ' line 0$' && fail "a line 0: $log"
fi
exit 0
