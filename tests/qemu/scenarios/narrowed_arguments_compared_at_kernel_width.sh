#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Arguments the kernel narrows before use are compared at the width it
# reads: clone's flags are read through lower_32_bits(), so clone with
# 0x110000011 is clone(CLONE_NEWUSER | SIGCHLD) and the kill rule for it
# applies; ptrace's pid is a pid_t, so 0x100000001 is pid 1.
set -u
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<'P'
default allow
kill clone if clone_flags == (CLONE_NEWUSER | SIGCHLD)
errno ENOTTY ptrace if pid == 1
P
# clone is 56 on x86_64; the syscall program takes numbers.
out=$(sysfence run -p p.policy -- /tests/progs/syscall 56 0x110000011)
rc=$?
[ $rc -eq 137 ] || fail "clone(0x110000011): exit $rc (want 137): $out"
[ -z "$out" ] || fail "clone(0x110000011) ran: $out"
# PTRACE_ATTACH (16) of pid 0x100000001, which the kernel reads as 1.
out=$(sysfence run -p p.policy -- /tests/progs/syscall ptrace 16 0x100000001)
[ "$out" = "errno ENOTTY (25)" ] ||
	fail "ptrace(PTRACE_ATTACH, 0x100000001): $out (want errno ENOTTY (25))"
# The policy's own verdict, computed offline, is the same.
[ "$(sysfence eval p.policy x86_64 clone 0x110000011)" = kill ] ||
	fail "eval disagrees: $(sysfence eval p.policy x86_64 clone 0x110000011)"
exit 0
