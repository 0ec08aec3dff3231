#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Random and mutated LOAD, SHOW and unknown ioctls through the real device,
# from native and compat (i386, arm) callers (compat_ioctl), some from several threads at
# once: nothing may hang, and the kernel log must stay clean (vm-run fails
# the run on any KASAN, lockdep or WARNING report; on the KUnit kernel,
# kmemleak is asked explicitly for leaks of the module). make fuzz-kernel
# runs the same for longer (SF_FUZZ_SECONDS).
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
# The RT layers fuzz briefly: the ioctl paths run in process context,
# where PREEMPT_RT's sleeping locks are allowed, so what they could find
# the generic and KUnit kernels' longer runs find too. So do the arm64
# ones, under TCG several times slower: the device's code is portable,
# and what arm64 adds is the compat ioctl path of its arm callers.
case ${SF_KERNEL:-}:$SF_NATIVE in
*-rt:* | *:aarch64) seconds=${SF_FUZZ_SECONDS:-4} ;;
*) seconds=${SF_FUZZ_SECONDS:-20} ;;
esac
leaks=/sys/kernel/debug/kmemleak
[ -w $leaks ] && echo clear >$leaks

/tests/progs/ioctlfuzz "$seconds" || fail "64-bit fuzzing"
/tests/progs/ioctlfuzz.$SF_COMPAT $((seconds / 2)) || fail "$SF_COMPAT fuzzing"

if [ -w $leaks ]; then
	# Freed layers wait for grace periods and a work item; then scan
	# twice, as kmemleak reports an object only on its second sighting.
	sleep 3
	echo scan >$leaks
	sleep 1
	echo scan >$leaks
	if grep -q 'sf_\|sysfence' $leaks; then
		cat $leaks
		fail "kmemleak found leaks of the module"
	fi
fi
exit 0
