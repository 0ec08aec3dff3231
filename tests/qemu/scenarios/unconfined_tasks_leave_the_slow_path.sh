#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# While a task is confined, unconfined tasks take themselves off the slow
# syscall path at their first syscall, and neither confinement nor other
# tracers suffer for it: threads and children that left it are confined
# again when a load reaches them, and a tracer that attaches to the
# syscall tracepoints afterwards still sees every task's syscalls.
set -u
fail() { echo "FAIL: $*"; cleanup; exit 1; }
t=/sys/kernel/tracing
cleanup() {
	echo 0 >$t/events/raw_syscalls/enable 2>/dev/null
	echo 0 >$t/events/syscalls/sys_enter_read/enable 2>/dev/null
	echo 0 >$t/events/raw_syscalls/sys_enter/filter 2>/dev/null
	echo 0 >$t/events/raw_syscalls/sys_exit/filter 2>/dev/null
	echo 0 >$t/events/syscalls/sys_enter_read/filter 2>/dev/null
	[ -n "${reader:-}" ] && kill "$reader" 2>/dev/null
	[ -n "${sleeper:-}" ] && kill "$sleeper" 2>/dev/null
	wait 2>/dev/null
}
[ -d $t/events ] || mount -t tracefs nodev $t 2>/dev/null ||
	{ echo "no tracefs"; exit 77; }

# A confined task keeps the probes registered for the whole scenario.
printf 'default allow\nerrno EACCES getppid\n' >p.policy
sysfence run -p p.policy -- sleep 600 &
sleeper=$!
sleep 1
[ "$(/tests/progs/syscall getppid)" = "errno EACCES (13)" ] &&
	fail "an unconfined task was denied"

# Each thread and child below makes syscalls before the load that must
# reach it, so it has left the slow path by then.
out=$(/tests/progs/inherit all-threads p.policy)
[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "all threads: got: $out"
out=$(/tests/progs/inherit thread p.policy)
[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "thread: got: $out"
out=$(/tests/progs/inherit fork-after p.policy)
[ "$out" = "child errno EACCES
parent errno EACCES" ] || fail "fork after: got: $out"
out=$(/tests/progs/inherit one-thread p.policy)
case $out in
"thread ret "[1-9]*"
main errno EACCES") ;;
*) fail "one thread: got: $out" ;;
esac

# A reader started now leaves the slow path at its first read(); a tracer
# attached afterwards must see its syscalls all the same.
check_tracer() { # EVENT-DIR FILTER-FIELD PATTERN
	rm -f fifo
	mkfifo fifo
	cat fifo >/dev/null &
	reader=$!
	exec 3>fifo
	echo warm >&3
	sleep 1
	echo >$t/trace
	echo "$2 == $reader" >$t/events/$1/filter || fail "$1: filter refused"
	echo 1 >$t/events/$1/enable
	echo traced >&3
	sleep 1
	echo 0 >$t/events/$1/enable
	exec 3>&-
	wait "$reader"
	reader=
	grep -q "$3" $t/trace ||
		fail "$1: no event of the unconfined reader: $(cat $t/trace)"
}
check_tracer raw_syscalls/sys_enter common_pid 'sys_enter: NR [0-9]'
check_tracer raw_syscalls/sys_exit common_pid 'sys_exit: NR [0-9]'
if [ -d $t/events/syscalls/sys_enter_read ]; then
	check_tracer syscalls/sys_enter_read common_pid 'sys_read('
fi

# After the tracers left, confinement holds for old and new tasks alike.
out=$(/tests/progs/inherit all-threads p.policy)
[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "all threads after the tracers: got: $out"
[ "$(/tests/progs/syscall getppid)" = "errno EACCES (13)" ] &&
	fail "an unconfined task was denied after the tracers"
kill -0 "$sleeper" || fail "the confined sleeper died"
cleanup
exit 0
