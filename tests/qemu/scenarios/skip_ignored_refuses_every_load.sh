#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# On a kernel that runs the syscalls the sys_enter probe skips, the module
# confines nothing: every load fails with EOPNOTSUPP and the kernel log says
# why. Such kernels are no longer in the archive, so the KUnit test build's
# skip_proof_ignore parameter makes the probe leave the test call alone,
# which is what those kernels do with it.
set -u
fail() { echo "FAIL: $*"; exit 1; }
if [ ! -e /sys/module/sysfence/parameters/skip_proof_ignore ]; then
	echo "needs the KUnit test build of the module (qemu-kunit layer)"
	exit 77
fi
i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "rmmod"
	sleep 0.1
done
insmod /lib/sysfence/sysfence.ko skip_proof_ignore=1 || fail "insmod"
i=0
until dmesg | grep -q 'sysfence: this kernel runs syscalls that a sys_enter probe skips'; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "no refusal in the kernel log"
	sleep 0.1
done
printf 'default allow\nerrno EACCES getppid\n' >p.policy
if out=$(sysfence run -p p.policy -- /tests/progs/syscall getppid 2>&1); then
	fail "a load succeeded: $out"
fi
case $out in
*"refuses to confine on this kernel"*) ;;
*) fail "unexpected message: $out" ;;
esac
# The program never ran unconfined in its place.
case $out in *"ret "*) fail "the program ran: $out" ;; esac
# The raw ioctl answers EOPNOTSUPP too, and keeps answering it.
out=$(/tests/progs/load --nnp p.policy 2>&1)
[ "$out" = "load errno EOPNOTSUPP" ] || fail "raw load: $out"
i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "rmmod after the refusals"
	sleep 0.1
done
insmod /lib/sysfence/sysfence.ko || fail "reinsmod"
exit 0
