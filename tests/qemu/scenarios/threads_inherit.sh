#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A thread created after a load has the layers of the thread that created
# it, on every ABI.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nabi %s\nerrno EACCES getppid\n' "$SF_ABIS" >p.policy
for prog in $(sf_variants /tests/progs/inherit); do
	out=$("$prog" thread p.policy)
	[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "$prog: got: $out"
done
exit 0
