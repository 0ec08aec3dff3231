#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Random and mutated LOAD, SHOW and unknown ioctls through the real device,
# from 64-bit and i386 callers (compat_ioctl), some from several threads at
# once: nothing may hang, and the kernel log must stay clean (vm-run fails
# the run on any KASAN, lockdep or WARNING report; on the KUnit kernel,
# kmemleak is asked explicitly for leaks of the module). make fuzz-kernel
# runs the same for longer (SF_FUZZ_SECONDS).
set -u
fail() { echo "FAIL: $*"; exit 1; }
# The RT layers fuzz briefly: the ioctl paths run in process context,
# where PREEMPT_RT's sleeping locks are allowed, so what they could find
# the generic and KUnit kernels' longer runs find too.
case ${SF_KERNEL:-} in
*-rt) seconds=${SF_FUZZ_SECONDS:-4} ;;
*) seconds=${SF_FUZZ_SECONDS:-20} ;;
esac
leaks=/sys/kernel/debug/kmemleak
[ -w $leaks ] && echo clear >$leaks

/tests/progs/ioctlfuzz "$seconds" || fail "64-bit fuzzing"
/tests/progs/ioctlfuzz.i386 $((seconds / 2)) || fail "i386 fuzzing"

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
