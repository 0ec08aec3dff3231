#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every decision other than a plain allow is a sysfence:sysfence_decision
# event in tracefs, with its fields, whatever listeners there are.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
t=/sys/kernel/tracing
[ -d $t/events ] || mount -t tracefs nodev $t 2>/dev/null ||
	{ echo "no tracefs"; exit 77; }
[ -d $t/events/sysfence/sysfence_decision ] || fail "no sysfence_decision event"
grep -q 'field:u32 line;' $t/events/sysfence/sysfence_decision/format ||
	fail "format: $(cat $t/events/sysfence/sysfence_decision/format)"
# Every ABI of every architecture has its name in the printed event.
for abi in x86_64 i386 x32 aarch64 arm; do
	grep -q "\"$abi\" }" $t/events/sysfence/sysfence_decision/format ||
		fail "no name for ABI $abi: $(cat $t/events/sysfence/sysfence_decision/format)"
done
echo > $t/trace
echo 'action == 2' > $t/events/sysfence/sysfence_decision/filter || fail "filter refused"
echo 1 > $t/events/sysfence/sysfence_decision/enable
printf 'default allow\nerrno EACCES personality\nlog getppid\n' >p.policy
sysfence run -p p.policy -- /tests/progs/syscall personality 7 >/dev/null
sysfence run -p p.policy -- /tests/progs/syscall getppid >/dev/null
echo 0 > $t/events/sysfence/sysfence_decision/enable
out=$(cat $t/trace)
echo "$out" | grep -q "sysfence_decision: tgid=[0-9]* comm=syscall uid=0 abi=$SF_NATIVE nr=$(sf_nr $SF_NATIVE personality) syscall=personality args=0x7,.* layer=1 line=2 origin=rule action=errno data=13 enforced=1" ||
	fail "no personality event: $out"
# The filter kept the errno decisions only.
echo "$out" | grep -q 'syscall=getppid' && fail "the filter was ignored"
echo 0 > $t/events/sysfence/sysfence_decision/filter
exit 0
