#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A layer's listener, checked from the process that loads it, on each ABI:
# every field of a record; a full ring keeps the oldest records and reports
# how many it lost; identical consecutive decisions coalesce; complain
# records say the action was not enforced; a unique listener keeps one
# record per syscall and family values; two processes each see only their
# own records; read() ends once the layer is gone.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
for prog in $(sf_variants /tests/progs/listener); do
	for t in fields ring coalesce complain unique isolation eof; do
		out=$("$prog" $t 2>&1) || fail "$prog $t: $out"
		[ "$out" = "$t checked" ] || fail "$prog $t: $out"
	done
done
exit 0
