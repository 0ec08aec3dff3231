#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A process can keep its own cred_guard_mutex held as long as it likes (an
# execve() reading a binary from a FUSE server it runs itself, which needs no
# privilege inside a user namespace). Its all-threads load waits for that
# mutex, killably, and must not make anyone else's load wait: another
# process's load completes meanwhile. Once the execve() fails, the waiting
# load completes too.
set -u
fail() { echo "FAIL: $*"; exit 1; }
if [ ! -e /dev/fuse ]; then
	if [ ! -f /lib/modules-extra/fuse.ko ]; then
		# Debian's kernels have FUSE; the KUnit kernel's config does not.
		[ "$SF_KERNEL" = kunit ] || fail "no FUSE in the $SF_KERNEL kernel"
		echo "no FUSE in this kernel build"
		exit 77
	fi
	insmod /lib/modules-extra/fuse.ko || fail "insmod fuse"
fi
mkdir -p mnt
printf 'default allow\n' >p.policy
/tests/progs/stuckexec "$PWD/mnt" p.policy >se.out 2>&1 &
victim=$!

# Wait until the victim's loader is blocked in its load (ioctl is syscall 16).
tid=
i=0
while :; do
	tid=$(sed -n 's/^loader //p' se.out)
	if [ -n "$tid" ] && [ -r "/proc/$victim/task/$tid/syscall" ]; then
		set -- $(cat "/proc/$victim/task/$tid/syscall")
		[ "${1:-}" = 16 ] && break
	fi
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the victim did not reach its load: $(cat se.out)"
	sleep 0.1
done
# Still waiting a moment later: it is the mutex, not a slow load.
sleep 0.5
set -- $(cat "/proc/$victim/task/$tid/syscall" 2>/dev/null)
[ "${1:-}" = 16 ] || fail "the victim's load finished while its execve() was stuck: $(cat se.out)"

# Another process loads meanwhile. A load that cannot take the install lock
# would wait, unkillably, as long as the victim likes: give up on it after a
# minute (it is not killable, so it is left behind) to report the failure.
sysfence run -p p.policy -- /tests/progs/syscall getpid >other.out 2>&1 &
other=$!
i=0
while kill -0 $other 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 600 ]; then
		kill "$(sed -n 's/^server //p' se.out)"
		fail "another process's load did not complete while the victim's execve() was stuck"
	fi
	sleep 0.1
done
wait $other
rc=$?
[ $rc -eq 0 ] || fail "another process's load failed (exit $rc): $(cat other.out)"

# Unstick the execve(): the victim's load then completes.
server=$(sed -n 's/^server //p' se.out)
kill "$server" || fail "no server"
i=0
while kill -0 $victim 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the victim did not finish: $(cat se.out)"
	sleep 0.1
done
wait $victim
rc=$?
grep -q '^load ok layers 1$' se.out || fail "the victim's load: $(cat se.out)"
grep -q '^exec errno ' se.out || fail "the victim's execve(): $(cat se.out)"
[ $rc -eq 0 ] || fail "victim exited $rc: $(cat se.out)"
exit 0
