#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# x32 has its own numbers: "readv" is 515 (with the x32 bit) there, 19 on
# x86_64, and x32's 19 is no syscall at all.
set -u
. /tests/lib.sh
sf_x86_only
fail() { echo "FAIL: $*"; exit 1; }
if ! out=$(/tests/progs/syscall.x32 getppid 2>&1); then
	echo "x32 programs do not run on this kernel: $out"
	exit 77
fi
printf 'default allow\nabi x86_64 x32\nerrno EACCES readv\n' >p.policy
run() { sysfence run -p p.policy -- "$@"; }
# x32 readv: __X32_SYSCALL_BIT | 515.
out=$(run /tests/progs/syscall.x32 0x40000203 0 0 0)
[ "$out" = "errno EACCES (13)" ] || fail "x32 readv: $out"
# x86_64 readv, from a 64-bit program.
out=$(run /tests/progs/syscall 19 0 0 0)
[ "$out" = "errno EACCES (13)" ] || fail "x86_64 readv: $out"
# x32 number 19 is not readv: the kernel has no such syscall.
out=$(run /tests/progs/syscall.x32 0x40000013 0 0 0)
[ "$out" = "errno ENOSYS (38)" ] || fail "x32 nr 19: $out"
exit 0
