#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence learn sees the syscalls of every thread and descendant of the
# command: a static program whose syscalls are spread over a thread, a
# child, a child's thread and a grandchild runs again under the learned
# policy without a denial, and a new syscall in the grandchild is denied.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
for opt in "" --args; do
	out=$(sysfence learn $opt -o l.policy -- /tests/progs/learnme) || fail "learn failed"
	[ "$out" = done ] || fail "learnme: $out"
	# learnme's child calls getpgid(0) where the ABI has no getpgrp.
	pgrp=getpgrp
	[ -n "$(sf_nr $SF_NATIVE getpgrp)" ] || pgrp=getpgid
	for call in getppid uname $pgrp umask getcwd clone execve; do
		grep -q "^allow $call\\b" l.policy || fail "$opt: no $call: $(cat l.policy)"
	done
	out=$(sysfence monitor -o m.txt -p l.policy -- /tests/progs/learnme) ||
		fail "$opt: learnme fails under its policy (exit $?): $out $(cat m.txt)"
	[ ! -s m.txt ] || fail "$opt: denials: $(cat m.txt)"
	sysfence monitor -o n.txt -p l.policy -- /tests/progs/learnme sethostname >/dev/null &&
		fail "$opt: sethostname allowed"
	grep -q "(learnme) $SF_NATIVE sethostname(" n.txt || fail "$opt: no denial: $(cat n.txt)"
done
# The clone flags of fork(), by name; alone where glibc creates threads
# with clone3 (x86), in a set with the thread's flags where with clone.
fork_flags='(SIGCHLD | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)'
grep -qxF "allow clone if clone_flags == $fork_flags" l.policy ||
	grep -q "^allow clone if clone_flags in {.*$fork_flags.*}\$" l.policy ||
	fail "no clone condition: $(grep clone l.policy)"

# --merge widens a policy with what it lacks, before its own rules (an
# explicit denial of getcwd included), and keeps the rest of it.
{ echo 'errno EACCES getcwd'; grep -v '^allow uname$' l.policy; } >cut.policy
sysfence monitor -o cut.txt -p cut.policy -- /tests/progs/learnme >/dev/null &&
	fail "the cut policy allows everything"
# Standard output a pipe, as in the learning above (glibc asks a terminal
# device, such as /dev/null, whether it is one: an ioctl).
out=$(sysfence learn --merge cut.policy -o merged.policy -- /tests/progs/learnme) ||
	fail "learn --merge failed"
sed -n "1,/The policy it widens/p" merged.policy
[ "$(grep -c '^allow ' merged.policy)" -eq $(($(grep -c '^allow ' cut.policy) + 2)) ] ||
	fail "--merge did not add exactly uname and getcwd"
grep -q '^errno EACCES getcwd$' merged.policy || fail "the base policy was not kept"
out=$(sysfence monitor -o merged.txt -p merged.policy -- /tests/progs/learnme) ||
	fail "learnme fails under the merged policy: $out"
[ ! -s merged.txt ] || fail "denials under the merged policy: $(cat merged.txt)"
exit 0
