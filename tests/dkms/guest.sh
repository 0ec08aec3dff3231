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
# The last layer is released a moment after its task exits.
i=0
until rmmod sysfence 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || { rmmod sysfence; exit 1; }
	sleep 0.1
done
