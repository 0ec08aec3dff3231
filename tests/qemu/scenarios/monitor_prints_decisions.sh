#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence monitor runs a command under a policy and prints each decision
# other than a plain allow, one line each, with arguments by name where
# they have named values; --json prints one JSON object a line. The
# command's exit status is monitor's.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<'P'
default allow
errno EACCES personality
log sched_yield
errno EPERM socket if family == AF_INET
P
sysfence monitor -o m.txt -p p.policy -- sh -c '
	/tests/progs/syscall personality 0xffffffff
	/tests/progs/syscall sched_yield
	/tests/progs/syscall socket 2 526337 0
	exit 3'
rc=$?
[ $rc -eq 3 ] || fail "exit status $rc, want the command's 3"
cat m.txt
n=$SF_NATIVE c=$SF_COMPAT
grep -q "^pid [0-9]* (syscall) $n personality(personality=0xffffffff) = errno EACCES  p.policy:2\$" m.txt ||
	fail "no personality line"
grep -q "^pid [0-9]* (syscall) $n sched_yield() = log  p.policy:3\$" m.txt ||
	fail "no sched_yield line"
grep -q "^pid [0-9]* (syscall) $n socket(family=AF_INET, type=SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, protocol=0) = errno EPERM  p.policy:4\$" m.txt ||
	fail "no socket line"
[ "$(wc -l <m.txt)" -eq 3 ] || fail "other lines in the output"

sysfence monitor --json -o j.txt -p p.policy -- /tests/progs/syscall personality 0xffffffff >/dev/null ||
	fail "monitor --json failed"
cat j.txt
grep -q '^{"time_ns":[0-9]*,"pid":[0-9]*,"tid":[0-9]*,"uid":0,"comm":"syscall","abi":"'$n'","nr":'$(sf_nr $n personality)',"syscall":"personality","args":\[{"name":"personality","value":4294967295,"text":"0xffffffff"}\],"verdict":"errno EACCES","action":"errno","data":13,"enforced":true,"policy":"p.policy","layer":1,"line":2,"origin":"rule","count":1}$' j.txt ||
	fail "unexpected JSON"

# Complain mode: the call runs, the line says so.
out=$(sysfence monitor --complain -o c.txt -p p.policy -- /tests/progs/syscall personality 0xffffffff)
case $out in "ret "*) ;; *) fail "complain: the call did not run: $out" ;; esac
grep -q 'personality(personality=0xffffffff) = errno EACCES (complain: allowed)  p.policy:2$' c.txt ||
	fail "complain line: $(cat c.txt)"

# Every action is reported, before it is carried out.
for action in trap kill-thread kill; do
	printf 'default allow\n%s getppid\n' $action >a.policy
	sysfence monitor -o a.txt -p a.policy -- /tests/progs/syscall getppid >/dev/null
	grep -q "^pid [0-9]* (syscall) $n getppid() = $action  a.policy:2\$" a.txt ||
		fail "$action: $(cat a.txt)"
done
# The abi-violation action, with its own line or without.
printf 'default allow\nabi-violation errno ENOSYS\n' >v.policy
sysfence monitor -o v.txt -p v.policy -- /tests/progs/syscall.$c getpid >/dev/null
grep -q "^pid [0-9]* (syscall.$c) $c .* = errno ENOSYS  v.policy:2\$" v.txt ||
	fail "abi-violation: $(cat v.txt)"

# The default and the compat ABI.
printf 'default log\nabi %s %s\n' $n $c >d.policy
sysfence monitor -o d.txt -p d.policy -- /tests/progs/syscall.$c getpid >/dev/null
grep -q "^pid [0-9]* (syscall.$c) $c getpid() = log  d.policy (default)\$" d.txt ||
	fail "default line: $(cat d.txt)"
exit 0
