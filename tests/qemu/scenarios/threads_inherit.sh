#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A thread created after a load has the layers of the thread that created
# it, on every ABI.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nabi x86_64 i386 x32\nerrno EACCES getppid\n' >p.policy
progs="/tests/progs/inherit /tests/progs/inherit.i386"
if /tests/progs/syscall.x32 getpid >/dev/null 2>&1; then
	progs="$progs /tests/progs/inherit.x32"
fi
for prog in $progs; do
	out=$("$prog" thread p.policy)
	[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "$prog: got: $out"
done
exit 0
