#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SYSFENCE_LOAD_ALL_THREADS confines the threads that already exist; without
# it, only the loading thread is confined.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >p.policy
out=$(/tests/progs/inherit all-threads p.policy)
[ "$out" = "thread errno EACCES
main errno EACCES" ] || fail "all threads: got: $out"
out=$(/tests/progs/inherit one-thread p.policy)
case $out in
"thread ret "[1-9]*"
main errno EACCES") ;;
*) fail "one thread: got: $out" ;;
esac
exit 0
