#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Loading the module tests, on the loader's next syscall, that this kernel
# skips a syscall the sys_enter probe denies, and says so in the kernel log;
# the loader does not notice its test call (insmod succeeds, a shell's
# builtins after it still work), and loads are enforced afterwards.
set -u
fail() { echo "FAIL: $*"; exit 1; }
proved() { dmesg | grep -c 'sysfence: this kernel skips denied syscalls: enforcing'; }
# Layers are freed after a grace period, in a work item: retry rmmod a while.
unload() {
	i=0
	until rmmod sysfence 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "rmmod: refcnt $(cat /sys/module/sysfence/refcnt)"
		sleep 0.1
	done
}

before=$(proved)
unload
# insmod's first syscall after init_module() is the test call: replayed,
# so insmod's exit status and output are its own.
insmod /lib/sysfence/sysfence.ko || fail "insmod exited $?"
i=0
while [ "$(proved)" -le "$before" ]; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "no proof in the kernel log: $(dmesg | grep sysfence | tail -n 3)"
	sleep 0.1
done
# The proof's probes are gone: only the module's own reference remains.
printf 'default allow\nerrno EACCES getppid\n' >p.policy
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid) || fail "run: $?"
[ "$out" = "errno EACCES (13)" ] || fail "after the proof: $out"

# A loader whose test call is a write: replayed, it writes its byte once
# and returns 1, as if nothing had happened.
unload
/tests/progs/modload /lib/sysfence/sysfence.ko >w.out 2>w.err ||
	fail "modload: $(cat w.err)"
[ "$(cat w.out)" = x ] || fail "the test call wrote '$(cat w.out)'"
[ "$(cat w.err)" = "write ret 1" ] || fail "the test call returned: $(cat w.err)"
# ... and it was the test call: write(2) is syscall 1 on x86_64, 64 on
# aarch64.
nr=1
[ "$(uname -m)" = aarch64 ] && nr=64
dmesg | grep -q "sysfence: this kernel skips denied syscalls: enforcing (tested on syscall $nr of pid " ||
	fail "the write was not the test call: $(dmesg | grep 'tested on' | tail -n 1)"
[ "$(proved)" -ge $((before + 2)) ] || fail "the second load was not proved"
out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid) || fail "run 2: $?"
[ "$out" = "errno EACCES (13)" ] || fail "after the second proof: $out"
exit 0
