#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad pointers, sizes, flags, reserved fields, garbage and unterminated
# text, unknown ioctls, the layer limit: each gets its documented error and
# installs nothing, from 64-bit, 32-bit (compat ioctl) and x32 callers.
set -u
progs="/tests/progs/hostile /tests/progs/hostile.i386"
if /tests/progs/syscall.x32 getpid >/dev/null 2>&1; then
	progs="$progs /tests/progs/hostile.x32"
fi
rc=0
for prog in $progs; do
	echo "# $prog"
	"$prog" || rc=1
done
exit $rc
