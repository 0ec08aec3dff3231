#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of `make demo`: show the policy, then what happens to a
# program that makes an allowed, a denied and a forbidden system call under it.
# /tests/progs/syscall makes one raw system call and prints its outcome.

say() { printf '\n== %s\n' "$*"; }
run() {
	echo "\$ $*"
	"$@"
	rc=$?
	if [ $rc -gt 128 ]; then
		echo "(killed by signal $((rc - 128)))"
	fi
	return 0
}

say "Kernel $(uname -r); sysfence $(cat /sys/module/sysfence/version 2>/dev/null) loaded, /dev/sysfence:"
ls -l /dev/sysfence

say "The policy (demo.policy):"
cat demo.policy

say "sysfence check: the policy is valid and what it compiles to"
run sysfence check demo.policy

say "1. getppid is allowed by 'default allow': it returns the parent's pid"
run sysfence run -p demo.policy -- /tests/progs/syscall getppid

say "2. personality(0xffffffff) only queries the persona: allowed"
run sysfence run -p demo.policy -- /tests/progs/syscall personality 0xffffffff

say "3. personality(PER_LINUX32) would change it: denied with the policy's errno, EACCES"
run sysfence run -p demo.policy -- /tests/progs/syscall personality 8

say "4. ptrace is 'kill': the process dies with SIGKILL before the call runs"
run sysfence run -p demo.policy -- /tests/progs/syscall ptrace 0

say "5. The effective policy of a confined shell, as sysfence show prints it:"
run sysfence run -p demo.policy -- sh -c 'sysfence show | grep -E "^(abi|default|x86_64 (101|135) )"'
