#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An allow-list that forgets a call the dynamic loader makes (mprotect, for
# RELRO) stops a dynamically linked program before main() with status 127,
# and silently: the loader writes its message with writev, which such a
# policy denies too (allowed, the message names the failure). In complain
# mode the program runs and the kernel log names the program and the call,
# decided by the default: no rule matched.
set -u
fail() { echo "FAIL: $*"; exit 1; }
cat >p.policy <<'POLICY'
default errno EPERM
allow execve, arch_prctl, brk, set_tid_address, set_robust_list, rseq, getrandom
allow futex, exit_group, uname, prlimit64, access, pread64, mmap, munmap
allow openat if (flags & O_ACCMODE) == O_RDONLY
allow read, close, newfstatat, fadvise64
allow write if fd == 1 || fd == 2
POLICY
want=$(cat /etc/os-release)
out=$(sysfence run -p p.policy -- cat /etc/os-release 2>&1)
rc=$?
[ $rc -eq 127 ] || fail "cat exited $rc, not the loader's 127: $out"
[ -z "$out" ] || fail "the loader wrote though writev is denied: $out"
{ cat p.policy; echo 'allow writev if fd == 2'; } >q.policy
out=$(sysfence run -p q.policy -- cat /etc/os-release 2>&1)
rc=$?
[ $rc -eq 127 ] || fail "with writev: cat exited $rc, not the loader's 127: $out"
echo "$out" | grep -q "error while loading shared libraries: .*cannot apply additional memory protection after relocation: Operation not permitted" ||
	fail "with writev: no loader message: $out"
dmesg -c >/dev/null
out=$(sysfence run --complain -p p.policy -- cat /etc/os-release 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "complain mode: cat exited $rc: $out"
[ "$out" = "$want" ] || fail "complain mode: output differs: $out"
log=$(dmesg)
echo "$log" | grep -q "sysfence: log (complain: errno EPERM): pid [0-9]* (cat) x86_64 mprotect(10) .* layer 1 default$" ||
	fail "no complaint naming cat's mprotect, decided by the default: $log"
exit 0
