#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence show prints the effective policy of a thread: layer count, the
# combined default, each ABI's status, and the syscalls that differ, with
# argument-dependent rules in policy syntax. Another process's policy is
# readable by root, not by other users.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
expect() {
	echo "$out" | grep -qxF "$1" || fail "missing line '$1' in:
$out"
}
cat >p.policy <<P
default allow
abi $SF_NATIVE $SF_COMPAT
allow write if fd == 1 || fd == 2
errno EBADF write
errno EACCES getppid
errno EPERM getpid
P
out=$(sysfence show) || fail "show unconfined: $?"
[ "$out" = "layers 0" ] || fail "unconfined: $out"
out=$(sysfence run -p p.policy -- sysfence show) || fail "show: $?"
# The numbers are those of the running architecture's ABIs.
n=$SF_NATIVE
write=$(sf_nr $n write) getpid=$(sf_nr $n getpid) getppid=$(sf_nr $n getppid)
expect "layers 1"
expect "default allow"
expect "abi $n allowed"
expect "$n $write (write): allow if fd == 1 || fd == 2; else errno EBADF"
expect "$n $getpid (getpid): errno EPERM"
expect "$n $getppid (getppid): errno EACCES"
expect "abi $SF_COMPAT allowed"
expect "$SF_COMPAT $(sf_nr $SF_COMPAT getppid) (getppid): errno EACCES"
# Those the policy leaves out (x32 on x86) have its abi-violation action.
for abi in $SF_ABIS; do
	case " $n $SF_COMPAT " in
	*" $abi "*) ;;
	*) expect "abi $abi not allowed: kill" ;;
	esac
done
# Syscalls left to the default are not listed.
echo "$out" | grep -q "(read)" && fail "read listed: $out"

printf 'default log\nkill getppid\nallow getpid\n' >q.policy
out=$(sysfence run -p p.policy -p q.policy -- sysfence show)
expect "layers 2"
expect "default log"
expect "abi $n allowed"
expect "$n $getppid (getppid): kill"
expect "$n $getpid (getpid): errno EPERM"
expect "$n $write (write): most severe of [layer 1] allow if fd == 1 || fd == 2; else errno EBADF [layer 2] log"
expect "abi $SF_COMPAT allowed by 1 of 2 layers: default kill"
echo "$out" | grep -q "(read)" && fail "read listed: $out"

# Another process, by PID.
sysfence run -p p.policy -p q.policy -- sleep 1000 &
pid=$!
i=0
while [ "$(cat /proc/$pid/comm 2>/dev/null)" != sleep ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the sleeper did not start"
	sleep 0.1
done
out=$(sysfence show $pid) || fail "root show $pid: $?"
expect "layers 2"
if out=$(su -s /bin/sh nobody -c "sysfence show $pid" 2>&1); then
	fail "nobody read root's policy: $out"
fi
kill $pid
wait $pid 2>/dev/null
# Nor another process of its own: that takes CAP_SYS_PTRACE too.
out=$(su -s /bin/sh nobody -c 'sleep 1000 & p=$!
sysfence show $p; echo "exit $?"; kill $p' 2>&1)
case $out in
*"not allowed"*"exit 1") ;;
*) fail "nobody reading its own other process: $out" ;;
esac
out=$(sysfence show 999999 2>&1) && fail "no such pid succeeded: $out"
exit 0
