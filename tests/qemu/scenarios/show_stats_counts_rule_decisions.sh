#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence show --stats prints how many syscalls each rule, the default and
# abi-violation of each layer decided.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES personality\nallow getppid if arg0 == 0\n' >p.policy
out=$(sysfence run -p p.policy -- sh -c '
	for i in 1 2 3; do /tests/progs/syscall personality 7; done
	/tests/progs/syscall.i386 getpid
	sysfence show --stats')
echo "$out"
echo "$out" | grep -q '^stats layer 1$' || fail "no stats header"
echo "$out" | grep -q '^count layer 1 line 2: 3$' || fail "personality count"
echo "$out" | grep -q '^count layer 1 line 3: [0-9]*$' || fail "no line 3 count"
echo "$out" | grep -q '^count layer 1 default: [1-9][0-9]*$' || fail "default count"
echo "$out" | grep -q '^count layer 1 abi-violation: 1$' || fail "abi-violation count"
exit 0
