#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The warning of docs/real-programs.md: glibc falls back from clone3 to clone
# only on ENOSYS, so a policy answering clone3 with EPERM leaves python3
# unable to start any thread, though clone is allowed.
set -u
fail() { echo "FAIL: $*"; exit 1; }
script='import threading
t = threading.Thread(target=print, args=("from a thread",))
t.start()
t.join()'
printf 'default allow\nerrno EPERM clone3\n' >p.policy
out=$(sysfence run -p p.policy -- python3 -c "$script" 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "python3 succeeded: $out"
echo "$out" | grep -q "RuntimeError: can't start new thread" ||
	fail "not the failure the docs describe (exit $rc): $out"
case $out in *"from a thread"*) fail "the thread ran: $out" ;; esac
exit 0
