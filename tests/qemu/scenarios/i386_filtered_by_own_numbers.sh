#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A rule names syscalls, resolved per ABI: "getpid" is 39 on x86_64 and 20
# on i386, and each ABI's number means its own syscall (39 is mkdir on i386,
# 20 is writev on x86_64).
set -u
. /tests/lib.sh
sf_x86_only
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nabi x86_64 i386\nerrno EACCES getpid\n' >p.policy
run() { sysfence run -p p.policy -- "$@"; }
out=$(run /tests/progs/syscall.i386 getpid)
[ "$out" = "errno EACCES (13)" ] || fail "i386 getpid: $out"
out=$(run /tests/progs/syscall getpid)
[ "$out" = "errno EACCES (13)" ] || fail "x86_64 getpid: $out"
# i386 39 is mkdir(NULL, 0): not getpid, so the kernel runs it.
out=$(run /tests/progs/syscall.i386 39 0 0)
[ "$out" = "errno EFAULT (14)" ] || fail "i386 nr 39: $out"
# x86_64 20 is writev(1, NULL, 0).
out=$(run /tests/progs/syscall 20 1 0 0)
[ "$out" = "ret 0" ] || fail "x86_64 nr 20: $out"
exit 0
