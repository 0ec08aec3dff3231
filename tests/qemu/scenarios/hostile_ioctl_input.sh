#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad pointers, sizes, flags, reserved fields, garbage and unterminated
# text, unknown ioctls, the layer limit: each gets its documented error and
# installs nothing, from 64-bit, 32-bit (compat ioctl) and x32 callers.
set -u
. /tests/lib.sh
rc=0
for prog in $(sf_variants /tests/progs/hostile); do
	echo "# $prog"
	"$prog" || rc=1
done
exit $rc
