#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence learn writes a policy under which the learned command runs again
# without a single denial, and which denies what the command did not do;
# with --args too. The command is a busybox shell pipeline.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
cmd='echo hello | tr a-z A-Z | cat >out.txt; ls / >/dev/null'
for opt in "" --args; do
	rm -f out.txt
	sysfence learn $opt -o l.policy -- sh -c "$cmd" || fail "learn $opt failed"
	cat l.policy
	[ "$(cat out.txt)" = HELLO ] || fail "learn $opt: the command did not run"
	grep -q '^default errno EPERM$' l.policy || fail "no default line"
	grep -qx "abi $SF_NATIVE" l.policy || fail "no abi line"
	grep -q '^allow execve$' l.policy || fail "no execve"
	sysfence check l.policy >/dev/null || fail "learn $opt: check fails"
	# Sorted by name.
	grep '^allow ' l.policy | sed 's/^allow \([^ ]*\).*/\1/' >names
	sort -c names || fail "learn $opt: rules not sorted"
	rm -f out.txt
	sysfence monitor -o m.txt -p l.policy -- sh -c "$cmd" ||
		fail "learn $opt: the command fails under its policy"
	[ "$(cat out.txt)" = HELLO ] || fail "learn $opt: wrong output"
	[ ! -s m.txt ] || fail "learn $opt: denials under the learned policy: $(cat m.txt)"
	sysfence monitor -o n.txt -p l.policy -- sh -c 'hostname learned' &&
		fail "learn $opt: sethostname was not denied"
	grep -q 'sethostname(.*) = errno EPERM  l.policy (default)' n.txt ||
		fail "learn $opt: no sethostname denial: $(cat n.txt)"
done
if grep -q '^allow openat if flags' l.policy; then :; else
	fail "--args: openat has no condition on flags"
fi
exit 0
