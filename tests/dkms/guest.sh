#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In the VM: load the module DKMS built (in /data) and check that it
# confines a process, then that it unloads.
set -e
insmod /data/sysfence.ko
test -c /dev/sysfence
printf 'default allow\nerrno EACCES getppid\n' >/tmp/p
out=$(sysfence run -p /tmp/p -- /tests/progs/syscall getppid || true)
echo "getppid under 'errno EACCES getppid': $out"
case "$out" in *EACCES*|*-13*) ;; *) echo "not denied"; exit 1 ;; esac
rmmod sysfence
