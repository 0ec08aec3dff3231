#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# errno ACTION makes the syscall fail with exactly that errno without running
# it; deny means EPERM; other syscalls keep working.
set -u
cat >p.policy <<'P'
default allow
errno EACCES getppid
deny umask
errno 4000 sched_yield
P
fail() { echo "FAIL: $*"; exit 1; }
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid) || fail "run: $?"
[ "$out" = "errno EACCES (13)" ] || fail "getppid: $out"
out=$(sysfence run -p p.policy -- /tests/progs/syscall umask 0) || fail "run: $?"
[ "$out" = "errno EPERM (1)" ] || fail "umask: $out"
out=$(sysfence run -p p.policy -- /tests/progs/syscall sched_yield) || fail "run: $?"
[ "$out" = "errno ? (4000)" ] || fail "sched_yield: $out"
# Not skipped when allowed: the real result comes back.
out=$(sysfence run -p p.policy -- /tests/progs/syscall getpid) || fail "run: $?"
case $out in "ret "[1-9]*) ;; *) fail "getpid: $out" ;; esac
exit 0
