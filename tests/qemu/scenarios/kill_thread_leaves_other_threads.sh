#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kill-thread ends only the calling thread: the main thread joins it and
# carries on. Alone in its process, the thread takes the process with it,
# by SIGKILL, even when io_uring worker threads of the process are alive.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<P
default allow
abi $SF_ABIS
kill-thread getppid
P
for prog in $(sf_variants /tests/progs/killthread); do
	out=$(sysfence run -p p.policy -- "$prog")
	rc=$?
	[ $rc -eq 0 ] || fail "$prog: exit $rc: $out"
	[ "$out" = "thread started
joined, main alive" ] || fail "$prog: got: $out"
done
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid)
rc=$?
[ $rc -eq 137 ] || fail "single thread: exit $rc (want 137): $out"
# The last live thread, after the leader left: not the leader's status 0.
out=$(sysfence run -p p.policy -- /tests/progs/killthread leader-exits)
rc=$?
[ $rc -eq 137 ] || fail "last thread after the leader: exit $rc: $out"
# An io_uring worker is a thread of the process, but runs no user code.
out=$(sysfence run -p p.policy -- /tests/progs/killthread io-worker)
rc=$?
if [ "$out" = "no io worker" ]; then
	echo "no io_uring worker could be started"
	exit 77
fi
[ $rc -eq 137 ] || fail "with an io worker alive: exit $rc (want 137): $out"
exit 0
