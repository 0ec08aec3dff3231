#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A 32-bit arm program makes syscalls past the end of arm's table: ARM's
# private ones (__ARM_NR_BASE 0x0f0000 + 1 to 6: breakpoint, cacheflush,
# usr26, usr32, set_tls, get_tls), which arm64's compat entry runs through
# compat_arm_syscall() (arch/arm64/kernel/sys_compat.c). glibc calls set_tls
# (0x0f0005) in every arm program before main(), and __clear_cache() calls
# cacheflush. A policy can name none of them, so they always get the
# default: under an allow list (default kill, every syscall of both ABIs
# allowed by name) no arm program even starts, while the same program for
# aarch64 runs. libseccomp names them (set_tls, cacheflush, ...).
#
# Expected to fail until the arm table (or the engine) knows ARM's private
# syscalls by name.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
if [ "$SF_NATIVE" != aarch64 ]; then
	echo "arm64 only: it tests the arm compat ABI"
	exit 77
fi

# Every syscall the CLI knows on each ABI, allowed by its qualified name.
{
	echo 'abi aarch64 arm'
	echo 'default kill'
	for abi in aarch64 arm; do
		sysfence syscalls "$abi" |
			awk -v abi="$abi" '{ split($3, a, "("); print "allow " abi ":" a[1] }'
	done
} >all.policy
sysfence check all.policy >/dev/null || fail "allow-everything policy refused: $(sysfence check all.policy 2>&1 | head -3)"

out=$(sysfence run -p all.policy -- /tests/progs/syscall getpid)
case $out in "ret "[1-9]*) ;; *) fail "aarch64 getpid under the allow list: $out" ;; esac

out=$(sysfence run -p all.policy -- /tests/progs/syscall.arm getpid)
rc=$?
case $out in
"ret "[1-9]*) ;;
*) fail "arm getpid under a policy allowing every named syscall: exit $rc, output '$out'; $(dmesg | grep -m2 'sysfence: kill')" ;;
esac
exit 0
