#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Arguments the kernel narrows before use are compared at the width it
# reads: clone's flags are read through lower_32_bits(), so clone with
# 0x110000011 is clone(CLONE_NEWUSER | SIGCHLD) and the kill rule for it
# applies; ptrace's pid is a pid_t, so 0x100000001 is pid 1. A compat
# (i386, arm) caller's arguments are 32 bits wide: its 0xffffffff is the
# pid -1 that compat_sys_ptrace() reads.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
n=$SF_NATIVE c=$SF_COMPAT
cat >p.policy <<P
default allow
abi $SF_ABIS
kill clone if clone_flags == (CLONE_NEWUSER | SIGCHLD)
errno ENOTTY ptrace if pid == 1 || pid == -1
P
# The syscall program takes numbers: clone by its number on this ABI.
out=$(sysfence run -p p.policy -- /tests/progs/syscall "$(sf_nr $n clone)" 0x110000011)
rc=$?
[ $rc -eq 137 ] || fail "clone(0x110000011): exit $rc (want 137): $out"
[ -z "$out" ] || fail "clone(0x110000011) ran: $out"
# PTRACE_ATTACH (16) of pid 0x100000001, which the kernel reads as 1.
out=$(sysfence run -p p.policy -- /tests/progs/syscall ptrace 16 0x100000001)
[ "$out" = "errno ENOTTY (25)" ] ||
	fail "ptrace(PTRACE_ATTACH, 0x100000001): $out (want errno ENOTTY (25))"
# The policy's own verdict, computed offline, is the same.
[ "$(sysfence eval p.policy $n clone 0x110000011)" = kill ] ||
	fail "eval disagrees: $(sysfence eval p.policy $n clone 0x110000011)"

# The compat caller: unconfined, its pid -1 is no process to attach to.
out=$(/tests/progs/syscall.$c ptrace 16 0xffffffff)
[ "$out" = "errno ESRCH (3)" ] || fail "$c ptrace(PTRACE_ATTACH, -1) unconfined: $out"
out=$(sysfence run -p p.policy -- /tests/progs/syscall.$c ptrace 16 0xffffffff)
[ "$out" = "errno ENOTTY (25)" ] ||
	fail "$c ptrace(PTRACE_ATTACH, 0xffffffff): $out (want errno ENOTTY (25))"
out=$(sysfence run -p p.policy -- /tests/progs/syscall.$c "$(sf_nr $c clone)" 0x10000011)
rc=$?
[ $rc -eq 137 ] || fail "$c clone(0x10000011): exit $rc (want 137): $out"
exit 0
