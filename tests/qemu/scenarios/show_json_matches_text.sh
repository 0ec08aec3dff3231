#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `sysfence show --json` carries what the text says, field by field
# (docs/json.md): layers, the combined default, each ABI with how many
# layers allow it and its default, and each syscall that differs.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
# The document is printed one member a line: compare with spaces squeezed.
has() {
	echo "$out" | tr -s ' \n' ' ' | grep -qF -- "$1" || fail "missing '$1' in:
$out"
}
cat >p.policy <<P
default allow
abi $SF_NATIVE $SF_COMPAT
allow write if fd == 1 || fd == 2
errno EBADF write
errno EACCES getppid
P
printf 'default log\nkill getppid\n' >q.policy

out=$(sysfence show --json) || fail "unconfined: $?"
has '"layers": 0, "default": null, "abis": [ ]'

out=$(sysfence run -p p.policy -- sysfence show --json) || fail "show: $?"
# The numbers are those of the running architecture's ABIs; write's is
# below getppid's on each of them, so the order is the same.
n=$SF_NATIVE c=$SF_COMPAT
has "\"layers\": 1, \"default\": \"allow\", \"abis\": [ { \"abi\": \"$n\", \"allowing_layers\": 1, \"default\": \"allow\", \"syscalls\": [ { \"nr\": $(sf_nr $n write), \"name\": \"write\", \"outcome\": \"allow if fd == 1 || fd == 2; else errno EBADF\" }, { \"nr\": $(sf_nr $n getppid), \"name\": \"getppid\", \"outcome\": \"errno EACCES\" } ] }"
has "{ \"abi\": \"$c\", \"allowing_layers\": 1, \"default\": \"allow\", \"syscalls\": [ { \"nr\": $(sf_nr $c write), \"name\": \"write\","
# Those the policy leaves out (x32 on x86) have its abi-violation action.
for abi in $SF_ABIS; do
	case " $n $c " in
	*" $abi "*) ;;
	*) has "{ \"abi\": \"$abi\", \"allowing_layers\": 0, \"default\": \"kill\", \"syscalls\": [ ] }" ;;
	esac
done

out=$(sysfence run -p p.policy -p q.policy -- sysfence show --json)
has '"layers": 2, "default": "log"'
has "{ \"abi\": \"$c\", \"allowing_layers\": 1, \"default\": \"kill\","
has "{ \"nr\": $(sf_nr $n getppid), \"name\": \"getppid\", \"outcome\": \"kill\" }"

# By PID: the pid member is the thread asked about.
sysfence run -p p.policy -- sleep 1000 &
pid=$!
i=0
while [ "$(cat /proc/$pid/comm 2>/dev/null)" != sleep ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the sleeper did not start"
	sleep 0.1
done
out=$(sysfence show --json $pid) || fail "show --json $pid: $?"
kill $pid
wait $pid 2>/dev/null
has "\"pid\": $pid, \"layers\": 1,"
exit 0
