#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs in the KUnit VM: load the suites (they run at load), print their KTAP
# with the top-level header that built-in suites would get, then look for
# leaks with kmemleak and unload everything.
dmesg -c >/dev/null
insmod /lib/sysfence/sysfence_kunit.ko || exit 1
dmesg | sed 's/^\[[ 0-9.]*\] //' >/tmp/ktap
echo "KTAP version 1"
echo "1..$(grep -c '^    # Subtest:' /tmp/ktap)"
cat /tmp/ktap

rmmod sysfence_kunit || exit 1
rmmod sysfence || exit 1
kml=/sys/kernel/debug/kmemleak
if [ -w $kml ]; then
	echo clear >$kml
	# Objects freed under RCU need a grace period or two before a scan.
	sleep 2
	echo scan >$kml
	sleep 1
	echo scan >$kml
	if [ -s $kml ]; then
		echo "kmemleak: leaks found:"
		cat $kml
		exit 1
	fi
	echo "kmemleak: no leaks"
fi
