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
# Expected to fail until fastpath.c stops clearing when its watch cannot be
# trusted (or watches registrations by a means that cannot be disarmed).
set -u
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

# As argument, "control": the same without disarming, which passes;
# "ftrace": ftrace_enabled=0 instead, which stops the kprobes of x86's
# function entries (they run on ftrace) the same way.
case ${1:-} in
control) ;;
ftrace) echo 0 >/proc/sys/kernel/ftrace_enabled || fail "cannot stop ftrace" ;;
*) echo 0 >$k || fail "cannot disarm kprobes" ;;
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
echo traced >&3
sleep 1
echo 0 >$t/events/raw_syscalls/sys_enter/enable
exec 3>&-
wait "$reader"
reader=
grep -q 'sys_enter: NR [0-9]' $t/trace ||
	fail "raw_syscalls/sys_enter lost every syscall of the unconfined reader with ${1:-kprobes} disarmed"
cleanup
exit 0
