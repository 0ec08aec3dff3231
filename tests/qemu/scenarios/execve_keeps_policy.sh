#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Layers survive execve: a program loads a policy, then executes another
# one, which executes a third.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >p.policy
out=$(/tests/progs/load --nnp p.policy /tests/progs/syscall getppid)
[ "$out" = "load ok layers 1
errno EACCES (13)" ] || fail "one exec: got: $out"
out=$(/tests/progs/load --nnp p.policy /bin/sh -c \
	'exec /tests/progs/syscall getppid')
[ "$out" = "load ok layers 1
errno EACCES (13)" ] || fail "two execs: got: $out"
exit 0
