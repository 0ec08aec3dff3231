#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A 32-bit arm program makes syscalls past the end of arm's table: ARM's
# private ones, __ARM_NR_COMPAT_BASE 0x0f0000 + n, of which arm64's compat
# entry runs cacheflush (0xf0002) and set_tls (0xf0005) through
# compat_arm_syscall() (arch/arm64/kernel/sys_compat.c). glibc calls set_tls
# in every arm program before main(). The arm table names both, so an allow
# list (default kill, every syscall of both ABIs allowed by name) runs an arm
# program as it runs the aarch64 one; without set_tls, the program is killed
# and the report names set_tls by its own number.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
if [ "$SF_NATIVE" != aarch64 ]; then
	echo "arm64 only: it tests the arm compat ABI"
	exit 77
fi

sysfence syscalls arm | grep -qx 'arm 983045 set_tls(unsigned long tls) compat_arm_syscall' ||
	fail "set_tls not listed by its number: $(sysfence syscalls arm | grep set_tls)"

# Every syscall the CLI knows on each ABI, allowed by its qualified name.
{
	echo 'abi aarch64 arm'
	echo 'default kill'
	for abi in aarch64 arm; do
		sysfence syscalls "$abi" |
			awk -v abi="$abi" '{ split($3, a, "("); print "allow " abi ":" a[1] }'
	done
} >all.policy
grep -qx 'allow arm:set_tls' all.policy || fail "set_tls not in the listing"
sysfence check all.policy >/dev/null || fail "allow-everything policy refused: $(sysfence check all.policy 2>&1 | head -3)"
[ "$(sysfence eval all.policy arm 983045)" = allow ] || fail "eval set_tls by number"

out=$(sysfence run -p all.policy -- /tests/progs/syscall getpid)
case $out in "ret "[1-9]*) ;; *) fail "aarch64 getpid under the allow list: $out" ;; esac

out=$(sysfence run -p all.policy -- /tests/progs/syscall.arm getpid)
rc=$?
case $out in
"ret "[1-9]*) ;;
*) fail "arm getpid under a policy allowing every named syscall: exit $rc, output '$out'; $(dmesg | grep -m2 'sysfence: kill')" ;;
esac
# cacheflush of an empty range, allowed by name, runs.
out=$(sysfence run -p all.policy -- /tests/progs/syscall.arm 0xf0002 0 0 0)
[ "$out" = "ret 0" ] || fail "arm cacheflush under the allow list: $out"
# The number of set_tls's table slot is no syscall: the default kills it.
out=$(sysfence run -p all.policy -- /tests/progs/syscall.arm 517)
case $out in "ret "*|"errno "*) fail "arm 517 ran under the allow list: $out" ;; esac

# learn names set_tls, and the arm program runs under what it learned.
out=$(sysfence learn -o learned.policy -- /tests/progs/syscall.arm getpid) ||
	fail "learn of an arm program failed: $out"
grep -Eq '^allow (arm:)?set_tls$' learned.policy || fail "set_tls not learned: $(cat learned.policy)"
out=$(sysfence monitor -o m.txt -p learned.policy -- /tests/progs/syscall.arm getpid)
case $out in "ret "[1-9]*) ;; *) fail "arm getpid under its learned policy: $out $(cat m.txt)" ;; esac
[ ! -s m.txt ] || fail "denials under the learned policy: $(cat m.txt)"

# Without set_tls, glibc's first call kills the program; the kernel log
# names it with its own number.
grep -vx 'allow arm:set_tls' all.policy >notls.policy
dmesg -c >/dev/null
out=$(sysfence run -p notls.policy -- /tests/progs/syscall.arm getpid)
case $out in "ret "*) fail "arm program ran without set_tls: $out" ;; esac
dmesg | grep -q 'sysfence: kill.* arm set_tls(983045) ' ||
	fail "no kill of set_tls(983045) in the log: $(dmesg | grep -m2 sysfence)"
exit 0
