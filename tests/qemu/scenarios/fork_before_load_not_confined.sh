#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A load confines the calling task only from then on: a child forked before
# it stays unconfined.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >p.policy
out=$(/tests/progs/inherit fork-before p.policy)
case $out in
"child ret "[1-9]*"
parent errno EACCES") ;;
*) fail "got: $out" ;;
esac
exit 0
