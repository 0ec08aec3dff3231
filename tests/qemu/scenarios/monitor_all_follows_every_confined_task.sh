#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence monitor --all prints the decisions of every layer of every
# confined task, whoever loaded it, and needs CAP_SYS_ADMIN.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
out=$(su -s /bin/sh nobody -c 'sysfence monitor --all' 2>&1) &&
	fail "an unprivileged user followed every task"
echo "$out" | grep -q 'needs CAP_SYS_ADMIN' || fail "no reason: $out"

sysfence monitor --all -o all.txt 2>started &
mon=$!
i=0
until grep -q following started; do
	i=$((i + 1))
	[ $i -lt 600 ] || fail "monitor --all did not start: $(cat started)"
	usleep 100000
done
printf 'default allow\nerrno EACCES personality\n' >/tmp/p.policy
chmod 644 /tmp/p.policy
sysfence run -p /tmp/p.policy -- /tests/progs/syscall personality 5 >/dev/null
su -s /bin/sh nobody -c 'sysfence run -p /tmp/p.policy -- /tests/progs/syscall personality 6' >/dev/null
# A layer loaded with a listener of its own is followed too.
sysfence monitor -o own.txt -p /tmp/p.policy -- /tests/progs/syscall personality 7 >/dev/null
kill -TERM $mon
wait $mon || fail "monitor --all exited $?"
cat all.txt
for v in 5 6 7; do
	grep -q "^pid [0-9]* (syscall) $SF_NATIVE personality(personality=$v) = errno EACCES  layer 1:2$" all.txt ||
		fail "no personality($v) line"
done
grep -q 'personality=7' own.txt || fail "the layer's own listener missed it"
exit 0
