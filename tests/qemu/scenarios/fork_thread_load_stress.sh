#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A few seconds of forks, threads, loads (all-threads ones racing with
# thread creation) and policy reads: no escape, no error; the harness
# fails the run on any kernel warning, lockdep or KASAN report.
set -u
/tests/progs/stress 4 || exit 1
# Everything exited: the module must drop back to no confined task.
i=0
while [ "$(cat /sys/module/sysfence/refcnt)" != 0 ]; do
	i=$((i + 1))
	if [ $i -ge 100 ]; then
		echo "FAIL: refcnt stays at $(cat /sys/module/sysfence/refcnt)"
		exit 1
	fi
	sleep 0.1
done
exit 0
