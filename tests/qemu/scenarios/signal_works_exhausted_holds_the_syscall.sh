#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The signals of trap and kill are sent by the task itself, from a
# task_work taken from a pool (PREEMPT_RT forbids sending them from the
# probe). With no work free, the syscall must be issued again rather than
# let the task run past it: with an empty pool, a trapped call never
# returns and its task stays killable; with a pool of one work, threads on
# both CPUs trapping at once each get every SIGSYS of their own, and kill
# still kills. The KUnit test build's signal_works parameter sets the pool.
set -u
fail() { echo "FAIL: $*"; exit 1; }
if [ ! -e /sys/module/sysfence/parameters/signal_works ]; then
	echo "needs the KUnit test build of the module (qemu-kunit layer)"
	exit 77
fi
reload() {
	i=0
	until rmmod sysfence 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "rmmod"
		sleep 0.1
	done
	insmod /lib/sysfence/sysfence.ko "$@" || fail "insmod $*"
}
printf 'default allow\ntrap getppid\n' >trap.policy
printf 'default allow\nkill getppid\n' >kill.policy

reload signal_works=0
out=$(timeout -s KILL 3 sysfence run -p trap.policy -- /tests/progs/syscall getppid 2>&1)
rc=$?
[ $rc -eq 137 ] || fail "empty pool, trap: exit $rc, not killed by timeout: $out"
[ -z "$out" ] || fail "empty pool, trap: the call returned: $out"

reload signal_works=1
out=$(sysfence run -p trap.policy -- /tests/progs/trapthreads 8 300 2>&1)
[ "$out" = ok ] || fail "pool of one, trap: $out"
sysfence run -p kill.policy -- /tests/progs/syscall getppid >/dev/null 2>&1
rc=$?
[ $rc -eq 137 ] || fail "pool of one, kill: exit $rc"

reload
exit 0
