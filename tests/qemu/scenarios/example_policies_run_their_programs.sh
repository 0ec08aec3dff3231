#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Each example policy of policies/ runs the program it was written for (its
# '# Command:' line) to success, and refuses what it says it refuses.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
sf_x86_only "the example policies name x86_64's syscalls (arch_prctl, dup2, ...)"
cd /tests/policies || fail "no policies"

# The shell pipeline reads, pipes and writes to its standard output...
out=$(sysfence run -p pipeline.policy -- \
	/bin/busybox sh -c "cat /etc/passwd | grep root | wc -l" 2>&1) ||
	fail "pipeline: $out"
[ "$out" = 1 ] || fail "pipeline printed: $out"
# ... and cannot create a file.
if out=$(sysfence run -p pipeline.policy -- \
	/bin/busybox sh -c "echo x >/tmp/pipeline-wrote" 2>&1); then
	fail "pipeline wrote a file: $out"
fi
[ ! -e /tmp/pipeline-wrote ] || fail "the file exists"

# busybox httpd serves a page to a client outside the policy (the KUnit
# kernel's small config has no networking).
if [ "$SF_KERNEL" != kunit ]; then
	ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
	mkdir -p /var/www
	echo "served under sysfence" >/var/www/index.html
	sysfence run -p httpd.policy -- \
		/bin/busybox httpd -f -p 127.0.0.1:8080 -h /var/www &
	httpd=$!
	i=0
	until out=$(wget -q -O - http://127.0.0.1:8080/index.html 2>&1); do
		i=$((i + 1))
		[ $i -lt 50 ] || { kill $httpd; fail "httpd: $out"; }
		sleep 0.2
	done
	kill $httpd
	wait $httpd 2>/dev/null
	[ "$out" = "served under sysfence" ] || fail "httpd served: $out"
fi

# The containers profile runs a shell and its tools.
out=$(sysfence run -p containers.policy -- \
	/bin/busybox sh -c "ls / >/dev/null && echo ok" 2>&1) ||
	fail "containers: $out"
[ "$out" = ok ] || fail "containers printed: $out"
# ... and answers what the profile refuses: sethostname needs a capability.
if out=$(sysfence run -p containers.policy -- /bin/busybox hostname x 2>&1); then
	fail "containers let sethostname through: $out"
fi
exit 0
