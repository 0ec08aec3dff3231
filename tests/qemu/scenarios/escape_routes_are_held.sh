#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Each way to reach a denied syscall other than calling it, after seccomp's
# selftests: run unconfined, every route reaches getppid (the road works,
# so the test can tell); confined by a policy that answers getppid with
# EACCES, every route is held. The i386 (int $0x80 from 64-bit code) and x32
# routes have scenarios of their own, as does a tracer's skip (-1). On
# arm64, "upper" puts garbage in the upper half of x8, and the tracers
# rewrite the number through the NT_ARM_SYSTEM_CALL register set.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >p.policy
routes="direct upper vfork clone3 thread ptrace seccomp-trace seccomp-notif"
for route in $routes; do
	out=$(/tests/progs/escape "$route" 2>&1)
	# The KUnit kernel's small config has no seccomp filters: no road.
	case "$SF_KERNEL:$route:$out" in
	kunit:seccomp-*:*"setup failed"*) continue ;;
	esac
	[ "$out" = "$route reached" ] || fail "unconfined $route: $out"
	out=$(sysfence run -p p.policy -- /tests/progs/escape "$route" 2>&1)
	[ "$out" = "$route errno EACCES" ] || fail "confined $route: $out"
done
# The legacy vsyscall page is emulated without passing the sys_enter
# tracepoint (docs/enforcement.md): Debian's x86 kernels have none
# (CONFIG_LEGACY_VSYSCALL_NONE), so the route is closed for everyone;
# arm64 never had one.
out=$(/tests/progs/escape vsyscall 2>&1)
[ "$out" = "vsyscall none" ] || fail "this kernel has a vsyscall page: $out"
exit 0
