#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence show --stats prints how many syscalls each rule, the default and
# abi-violation of each layer decided, to the loader's user only.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES personality\nallow getppid\n' >p.policy
out=$(sysfence run -p p.policy -- sh -c '
	for i in 1 2 3; do /tests/progs/syscall personality 7; done
	/tests/progs/syscall.'$SF_COMPAT' getpid
	sysfence show --stats')
echo "$out"
echo "$out" | grep -q '^stats layer 1$' || fail "no stats header"
echo "$out" | grep -q '^count layer 1 line 2: 3$' || fail "personality count"
echo "$out" | grep -q '^count layer 1 line 3: [0-9][0-9]*$' || fail "no line 3 count"
echo "$out" | grep -q '^count layer 1 default: [1-9][0-9]*$' || fail "default count"
echo "$out" | grep -q '^count layer 1 abi-violation: 1$' || fail "abi-violation count"

# Exact counts through the argument-dependent path: line 2 allows the
# personality query (twice), line 3 refuses any other (once).
printf 'default allow\nallow personality if personality == 0xffffffff\nerrno EACCES personality\n' >q.policy
out=$(sysfence run -p q.policy -- sh -c '
	/tests/progs/syscall personality 0xffffffff
	/tests/progs/syscall personality 0xffffffff
	/tests/progs/syscall personality 7
	sysfence show --stats' 2>&1)
echo "$out"
echo "$out" | grep -q '^count layer 1 line 2: 2$' || fail "query count: $out"
echo "$out" | grep -q '^count layer 1 line 3: 1$' || fail "refusal count: $out"

# The counters time every task under a layer, of any user: a user under a
# layer root loaded does not read them.
printf 'default allow\n' >r.policy
out=$(sysfence run -p r.policy -- su -s /bin/sh nobody -c 'sysfence show --stats' 2>&1)
echo "$out"
echo "$out" | grep -q '^stats layer 1: loaded by another user$' ||
	fail "another user read the counters: $out"
if echo "$out" | grep -q '^count layer 1'; then
	fail "counts shown to another user: $out"
fi
exit 0
