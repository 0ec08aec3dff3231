#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# 20000 confined sleeping threads: each one inherited the policy, other
# tasks keep working beside them (forks and exits of unconfined tasks, a
# second confined process), and the table empties when they exit, so that
# the module unloads. The KUnit kernel, whose KASAN and lockdep make each
# thread many times slower to start, checks the same paths with 2000.
set -u
n=20000
[ "${SF_KERNEL:-}" = kunit ] && n=2000
fail() { echo "FAIL: $*"; [ -n "${big:-}" ] && kill -9 "$big"; exit 1; }
echo $((n * 2)) >/proc/sys/kernel/threads-max
# A small kernel (the KUnit one, CONFIG_BASE_SMALL) starts with 4096 pids.
[ "$(cat /proc/sys/kernel/pid_max)" -gt $((n + 4096)) ] ||
	echo 32768 >/proc/sys/kernel/pid_max
printf 'default allow\nerrno EACCES getppid\n' >p.policy
/tests/progs/manythreads $n p.policy >big.out 2>&1 &
big=$!
i=0
while ! grep -q confined big.out; do
	kill -0 "$big" 2>/dev/null || fail "manythreads: $(cat big.out)"
	i=$((i + 1))
	[ $i -lt 600 ] || fail "threads not started after 600 s"
	sleep 1
done
[ "$(cat big.out)" = "confined $n of $n" ] || fail "got: $(cat big.out)"

# Unconfined tasks start, run and exit beside them; confined ones too.
i=0
while [ $i -lt 50 ]; do
	out=$(/tests/progs/syscall getppid)
	case $out in "ret "[0-9]*) ;; *) fail "unconfined getppid: $out" ;; esac
	i=$((i + 1))
done
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid)
[ "$out" = "errno EACCES (13)" ] || fail "a second confined process: $out"

kill -9 "$big"
wait "$big" 2>/dev/null
big=
# The last layer goes with the last thread; the module is free to go once
# the idle work has unregistered the hooks.
i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 30 ] || fail "rmmod still refused after 30 s: $(lsmod | grep sysfence)"
	sleep 1
done
insmod /lib/sysfence/sysfence.ko || fail "insmod after rmmod"
exit 0
