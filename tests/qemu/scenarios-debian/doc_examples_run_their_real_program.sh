#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every runnable policy example of the docs (the indented blocks that start
# with their own "# sysfence run -p NAME.policy -- COMMAND", copied out by
# tests/qemu/doc-examples) runs its real, dynamically linked Debian program
# to the exit status and output it has without a policy.
set -u
fail() { echo "FAIL: $*"; exit 1; }
ex=/tests/doc-examples
[ -s $ex/examples ] || fail "no runnable example found in the docs"
n=0
bad=0
while read -r policy where cmd; do
	n=$((n + 1))
	prog=$(eval "set -- $cmd" && command -v "$1")
	if ! /lib64/ld-linux-x86-64.so.2 --list "$prog" 2>&1 | grep -q 'libc\.so\.6'; then
		echo "$where: $prog is not linked against glibc"
		bad=1
	fi
	want=$(eval "$cmd" </dev/null 2>&1)
	want_rc=$?
	[ $want_rc -eq 0 ] || { echo "$where: '$cmd' fails without a policy ($want_rc): $want"; bad=1; }
	dmesg -c >/dev/null
	got=$(eval "sysfence run -p $ex/$policy -- $cmd" </dev/null 2>&1)
	got_rc=$?
	if [ $got_rc -ne $want_rc ] || [ "$got" != "$want" ]; then
		echo "$where: under $policy, '$cmd' exits $got_rc (not $want_rc) with:"
		echo "$got" | head -n 20
		echo "  instead of:"
		echo "$want" | head -n 20
		echo "  complain mode says:"
		eval "sysfence run --complain -p $ex/$policy -- $cmd" </dev/null >/dev/null 2>&1
		dmesg | grep 'sysfence: ' | head -n 20
		bad=1
	else
		echo "$where: $policy: '$cmd' ok"
	fi
done <$ex/examples
# README's cat, ls, a pipeline and threads in docs/real-programs.md,
# sysfence.policy(5)'s threads without user namespaces.
[ $n -ge 5 ] || fail "only $n runnable examples in the docs"
[ $bad -eq 0 ] || fail "some examples do not run their program"
exit 0
