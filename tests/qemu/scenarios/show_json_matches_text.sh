#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `sysfence show --json` carries what the text says, field by field
# (docs/json.md): layers, the combined default, each ABI with how many
# layers allow it and its default, and each syscall that differs.
set -u
fail() { echo "FAIL: $*"; exit 1; }
# The document is printed one member a line: compare with spaces squeezed.
has() {
	echo "$out" | tr -s ' \n' ' ' | grep -qF -- "$1" || fail "missing '$1' in:
$out"
}
cat >p.policy <<'P'
default allow
abi x86_64 i386
allow write if fd == 1 || fd == 2
errno EBADF write
errno EACCES getppid
P
printf 'default log\nkill getppid\n' >q.policy

out=$(sysfence show --json) || fail "unconfined: $?"
has '"layers": 0, "default": null, "abis": [ ]'

out=$(sysfence run -p p.policy -- sysfence show --json) || fail "show: $?"
has '"layers": 1, "default": "allow", "abis": [ { "abi": "x86_64", "allowing_layers": 1, "default": "allow", "syscalls": [ { "nr": 1, "name": "write", "outcome": "allow if fd == 1 || fd == 2; else errno EBADF" }, { "nr": 110, "name": "getppid", "outcome": "errno EACCES" } ] }'
has '{ "abi": "i386", "allowing_layers": 1, "default": "allow", "syscalls": [ { "nr": 4, "name": "write",'
has '{ "abi": "x32", "allowing_layers": 0, "default": "kill", "syscalls": [ ] }'

out=$(sysfence run -p p.policy -p q.policy -- sysfence show --json)
has '"layers": 2, "default": "log"'
has '{ "abi": "i386", "allowing_layers": 1, "default": "kill",'
has '{ "nr": 110, "name": "getppid", "outcome": "kill" }'

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
