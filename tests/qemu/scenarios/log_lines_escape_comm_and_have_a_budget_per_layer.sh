#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel log lines print comm unambiguously: bytes outside printable ASCII,
# the space and the backslash as \xHH, so a name holding "\x41" reads back
# apart from one holding "A". Each layer has its own budget of lines: one
# layer flooding the log does not silence another.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
# All of root's layers share one ceiling of log lines per 5 s, which the
# scenarios before this one (the ioctl fuzzer's, say) may have spent: start
# in a window of our own.
sleep 5
printf 'default allow\nlog getppid\n' >p.policy
ln -sf /tests/progs/syscall 'a\x41 b'
dmesg -c >/dev/null
sysfence run -p p.policy -- './a\x41 b' getppid >/dev/null
dmesg | grep -q 'sysfence: log: pid [0-9]* (a\\x5cx41\\x20b) '$SF_NATIVE' getppid' ||
	fail "comm not escaped: $(dmesg | tail -n 3)"

# Spend a layer's whole budget, then log from another layer.
dmesg -c >/dev/null
sysfence run -p p.policy -- sh -c 'i=0; while [ $i -lt 40 ]; do /tests/progs/syscall getppid; i=$((i + 1)); done' >/dev/null
printf 'default allow\nlog getpid\n' >q.policy
sysfence run -p q.policy -- /tests/progs/syscall getpid >/dev/null
dmesg | grep -q "sysfence: log: pid [0-9]* (syscall) $SF_NATIVE getpid" ||
	fail "the second layer's line was suppressed"
exit 0
