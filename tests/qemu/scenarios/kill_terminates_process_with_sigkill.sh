#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kill ends the whole process with SIGKILL before the syscall runs, even
# when another thread made the call.
set -u
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<'P'
default allow
kill getppid
P
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid)
rc=$?
[ $rc -eq 137 ] || fail "single thread: exit $rc (want 137): $out"
[ -z "$out" ] || fail "the call returned: $out"
out=$(sysfence run -p p.policy -- /tests/progs/killthread)
rc=$?
[ $rc -eq 137 ] || fail "threaded: exit $rc (want 137): $out"
[ "$out" = "thread started" ] || fail "threaded: main survived: $out"
exit 0
