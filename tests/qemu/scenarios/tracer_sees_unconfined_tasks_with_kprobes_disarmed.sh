#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unconfined tasks leave the slow syscall path only because kprobes on the
# tracepoint registration functions put them back on it when a tracer
# attaches (module/fastpath.c). Root can disarm every kprobe of the system
# (debugfs kprobes/enabled, as it can stop ftrace with the ftrace_enabled
# sysctl): the module's kprobes stay registered but never fire, so the
# module keeps taking tasks off the slow path while it no longer sees
# tracers come. A tracer attached to raw_syscalls/sys_enter then gets no
# event of an unconfined task that left the slow path before it attached,
# though the kernel promises every task's syscalls to it.
#
# The module's watch (fastpath.c) notices within a period that the kprobes
# no longer fire, or that a probe came that they did not see, and puts
# every task back on the slow path; the tracer may miss what the reader did
# before that, so the reader writes until the tracer has seen it, a bounded
# number of times.
set -u
# Without an argument: each way in turn (see the case below), those the
# kernel lacks (no ftrace_enabled without a function tracer) skipped.
if [ $# -eq 0 ]; then
	ran=
	for how in control kprobes ftrace; do
		sh "$0" "$how"
		rc=$?
		case $rc in
		0) [ $how = control ] || ran=1 ;;
		77) ;;
		*) exit $rc ;;
		esac
	done
	[ -n "$ran" ] || { echo "no way to stop kprobes here"; exit 77; }
	exit 0
fi
t=/sys/kernel/tracing
k=/sys/kernel/debug/kprobes/enabled
cleanup() {
	echo 0 >$t/events/raw_syscalls/sys_enter/enable 2>/dev/null
	echo 0 >$t/events/raw_syscalls/sys_enter/filter 2>/dev/null
	[ -w $k ] && echo 1 >$k
	echo 1 >/proc/sys/kernel/ftrace_enabled 2>/dev/null
	[ -n "${reader:-}" ] && kill "$reader" 2>/dev/null
	[ -n "${sleeper:-}" ] && kill "$sleeper" 2>/dev/null
	wait 2>/dev/null
}
fail() { echo "FAIL: $*"; cleanup; exit 1; }
[ -d $t/events ] || mount -t tracefs nodev $t 2>/dev/null ||
	{ echo "no tracefs"; exit 77; }
[ -e $k ] || mount -t debugfs nodev /sys/kernel/debug 2>/dev/null
[ -w $k ] || { echo "no debugfs kprobes/enabled"; exit 77; }

# A confined task keeps the probes (and the module's kprobes) registered.
printf 'default allow\nerrno EACCES getppid\n' >p.policy
sysfence run -p p.policy -- sleep 600 &
sleeper=$!
sleep 1

# As argument, "kprobes": disarm them all; "control": the same without
# disarming; "ftrace": ftrace_enabled=0 instead, which stops the kprobes of
# x86's function entries (they run on ftrace) the same way.
case $1 in
control) ;;
ftrace)
	[ -e /proc/sys/kernel/ftrace_enabled ] ||
		{ echo "no ftrace_enabled"; cleanup; exit 77; }
	echo 0 >/proc/sys/kernel/ftrace_enabled || fail "cannot stop ftrace"
	;;
kprobes) echo 0 >$k || fail "cannot disarm kprobes" ;;
*) echo "usage: $0 [control|kprobes|ftrace]"; exit 2 ;;
esac

# The reader leaves the slow path at its first read().
rm -f fifo
mkfifo fifo
cat fifo >/dev/null &
reader=$!
exec 3>fifo
echo warm >&3
sleep 1

echo >$t/trace
echo "common_pid == $reader" >$t/events/raw_syscalls/sys_enter/filter ||
	fail "filter refused"
echo 1 >$t/events/raw_syscalls/sys_enter/enable
seen=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	echo traced >&3
	sleep 1
	grep -q 'sys_enter: NR [0-9]' $t/trace && { seen=1; break; }
done
echo 0 >$t/events/raw_syscalls/sys_enter/enable
exec 3>&-
wait "$reader"
reader=
[ -n "$seen" ] ||
	fail "raw_syscalls/sys_enter lost every syscall of the unconfined reader with $1 disarmed"
cleanup
exit 0
