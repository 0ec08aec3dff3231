#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# glibc creates threads with clone3 and falls back to clone when clone3
# fails with ENOSYS: python3 starts a thread under a policy that answers
# clone3 so, and the thread really went through clone.
set -u
fail() { echo "FAIL: $*"; exit 1; }
script='import threading
t = threading.Thread(target=print, args=("from a thread",))
t.start()
t.join()'
printf 'default allow\nerrno ENOSYS clone3\nlog clone\n' >p.policy
dmesg -c >/dev/null
out=$(sysfence run -p p.policy -- python3 -c "$script" 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "python3 exited $rc: $out"
[ "$out" = "from a thread" ] || fail "output: $out"
dmesg | grep -q "sysfence: log: pid [0-9]* (python3) x86_64 clone(56) .* line 3" ||
	fail "the thread did not come from clone: $(dmesg | grep sysfence)"
exit 0
