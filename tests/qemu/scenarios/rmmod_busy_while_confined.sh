#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Layers pin the module: rmmod fails while a task is confined (the kernel
# answers EWOULDBLOCK, "Resource temporarily unavailable", for a module in
# use) and succeeds once the last confined task has exited, leaving no
# device and no module behind.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\n' >p.policy
sysfence run -p p.policy -- sleep 1000 &
pid=$!
# Wait until the sleeper is confined (sysfence has exec'd sleep).
i=0
while [ "$(cat /proc/$pid/comm 2>/dev/null)" != sleep ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the confined sleeper did not start"
	sleep 0.1
done
[ "$(cat /sys/module/sysfence/refcnt)" -ge 1 ] || fail "refcnt not raised"
if out=$(rmmod sysfence 2>&1); then
	fail "rmmod succeeded with a confined task"
fi
echo "rmmod while confined: $out"
case $out in
*"Resource temporarily unavailable"*) ;;
*) fail "unexpected rmmod error: $out" ;;
esac
[ -e /dev/sysfence ] || fail "device gone while confined"
kill -9 $pid
wait $pid 2>/dev/null
# The layers are freed after an RCU grace period, in a work item.
i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "rmmod still fails after the last task exited (refcnt $(cat /sys/module/sysfence/refcnt))"
	sleep 0.1
done
[ ! -e /sys/module/sysfence ] || fail "module still listed"
[ ! -e /dev/sysfence ] || fail "device still present"
insmod /lib/sysfence/sysfence.ko || fail "reload failed"
# And it works again after the reload.
out=$(printf 'default allow\nerrno EACCES getppid\n' >q.policy;
	sysfence run -p q.policy -- /tests/progs/syscall getppid)
[ "$out" = "errno EACCES (13)" ] || fail "after reload: $out"
exit 0
