#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# 32-bit arm has private syscalls outside its table, 0x0f0000 + n
# (arch/arm/include/uapi/asm/unistd.h): arm64's compat entry runs
# cacheflush (0xf0002) and set_tls (0xf0005), which glibc calls at every
# arm program's start, and answers ENOSYS to the rest of 0xf0000..0xf07ff
# (compat_arm_syscall(), arch/arm64/kernel/sys_compat.c). The sys_enter
# tracepoint sees those numbers as they are. sysfence's arm table names the
# two it runs, in slots of their own: a policy that names neither leaves
# them to its default, and reports name them with their own numbers. The
# others, and the numbers of those slots, are no syscall: the default
# decides them (fail closed) and reports give the number.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
if [ "$SF_NATIVE" != aarch64 ]; then
	echo "arm64 only: it tests the arm compat ABI"
	exit 77
fi
# Unconfined: cacheflush of an empty range succeeds, breakpoint (0xf0001)
# has no implementation on arm64.
out=$(/tests/progs/syscall.arm 0xf0002 0 0 0)
[ "$out" = "ret 0" ] || fail "unconfined cacheflush: $out"
out=$(/tests/progs/syscall.arm 0xf0001)
[ "$out" = "errno ENOSYS (38)" ] || fail "unconfined breakpoint: $out"

# The default decides both, whatever it is: log here, so the program runs
# (an errno default would deny glibc's set_tls before main()).
printf 'default log\nabi aarch64 arm\n' >d.policy
out=$(sysfence monitor -o m.txt -p d.policy -- /tests/progs/syscall.arm 0xf0002 0 0 0)
[ "$out" = "ret 0" ] || fail "cacheflush under the default: $out"
cat m.txt
grep -q "^pid [0-9]* (syscall.arm) arm cacheflush(start=0, end=0, flags=0) = log  d.policy (default)$" m.txt ||
	fail "no default decision for cacheflush"
grep -q "^pid [0-9]* (syscall.arm) arm set_tls(tls=.*) = log  d.policy (default)$" m.txt ||
	fail "no default decision for set_tls"
out=$(sysfence monitor -o n.txt -p d.policy -- /tests/progs/syscall.arm 0xf0001)
[ "$out" = "errno ENOSYS (38)" ] || fail "breakpoint under the default: $out"
cat n.txt
grep -q "^pid [0-9]* (syscall.arm) arm syscall_983041(0, 0, 0, ...) = log  d.policy (default)$" n.txt ||
	fail "no default decision for breakpoint by number"
# 517, the number of set_tls's slot, is none of arm's syscalls.
out=$(sysfence monitor -o s.txt -p d.policy -- /tests/progs/syscall.arm 517)
[ "$out" = "errno ENOSYS (38)" ] || fail "arm 517 under the default: $out"
cat s.txt
grep -q "^pid [0-9]* (syscall.arm) arm syscall_517(0, 0, 0, ...) = log  d.policy (default)$" s.txt ||
	fail "no default decision for 517 by number"
# The same numbers from an aarch64 task are no private calls: nothing runs.
out=$(sysfence run -p d.policy -- /tests/progs/syscall 0xf0002 0 0 0)
[ "$out" = "errno ENOSYS (38)" ] || fail "aarch64 0xf0002: $out"
exit 0
