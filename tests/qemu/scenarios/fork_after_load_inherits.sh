#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A child forked after a load has its parent's layers.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >p.policy
out=$(/tests/progs/inherit fork-after p.policy)
[ "$out" = "child errno EACCES
parent errno EACCES" ] || fail "got: $out"
exit 0
