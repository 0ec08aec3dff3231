#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of `make demo`: show the policy, then what happens to a
# program that makes an allowed, a denied and a forbidden system call under it.
# /tests/progs/syscall makes one raw system call and prints its outcome.

say() { printf '\n== %s\n' "$*"; }
. ./shquote.sh

# run COMMAND...: show it as typed (quoted where needed), then run it.
run() {
	echo "\$ $(shquote "$@")"
	"$@"
	rc=$?
	if [ $rc -gt 128 ]; then
		echo "(killed by signal $((rc - 128)))"
	fi
	return 0
}

say "Kernel $(uname -r); sysfence $(cat /sys/module/sysfence/version 2>/dev/null) loaded, /dev/sysfence:"
ls -l /dev/sysfence

say "The policy (demo.policy):"
cat demo.policy

say "sysfence check: the policy is valid and what it compiles to"
run sysfence check demo.policy

say "1. getppid is allowed by 'default allow': it returns the parent's pid"
run sysfence run -p demo.policy -- /tests/progs/syscall getppid

say "2. personality(0xffffffff) only queries the persona: allowed"
run sysfence run -p demo.policy -- /tests/progs/syscall personality 0xffffffff

say "3. personality(PER_LINUX32) would change it: denied with the policy's errno, EACCES"
run sysfence run -p demo.policy -- /tests/progs/syscall personality 8

say "4. ptrace is 'kill': the process dies with SIGKILL before the call runs"
run sysfence run -p demo.policy -- /tests/progs/syscall ptrace 0

say "5. The effective policy of a confined shell, as sysfence show prints it:"
# ptrace and personality: 101 and 135 on x86_64, 117 and 92 on aarch64.
. /tests/lib.sh
nrs="101|135"
[ "$SF_NATIVE" = aarch64 ] && nrs="117|92"
run sysfence run -p demo.policy -- sh -c "sysfence show | grep -E '^(abi|default|$SF_NATIVE ($nrs) )'"

# The policy-writing loop (docs/writing-a-policy.md) on a real server.
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
mkdir -p /tmp/www/cgi-bin
echo '<h1>served under sysfence</h1>' >/tmp/www/index.html
printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho hello from CGI\n' >/tmp/www/cgi-bin/hello
chmod +x /tmp/www/cgi-bin/hello
port=8000

# Waits until something listens on $port (/proc/net/tcp: state 0A).
listening() {
	hex=$(printf '%04X' $port)
	until grep -q ":$hex 00000000:0000 0A" /proc/net/tcp; do usleep 100000; done
}

# Starts "$@" (a server on $port) in the background, fetches $paths, stops it.
serve() {
	"$@" &
	runner=$!
	listening
	for path in $paths; do
		echo "\$ wget -q -O - http://127.0.0.1:$port$path"
		wget -q -O - "http://127.0.0.1:$port$path" || echo "(the request failed)"
	done
	kill $(pidof httpd)
	# The runner reports the server's death by our SIGTERM (143): expected.
	wait $runner || true
}

say "6. sysfence learn: busybox httpd serves a page while every syscall it makes is recorded"
port=$((port + 1)) paths=/
echo "\$ sysfence learn --args -o httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www &"
serve sysfence learn --args -o httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www
echo "The learned policy:"
cat httpd.policy

say "7. The learned policy enforced: the page is served again, sysfence monitor sees no denial"
port=$((port + 1))
echo "\$ sysfence monitor -p httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www &"
serve sysfence monitor -p httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www

say "8. Something new, a CGI program it never ran while learning: denied, and monitor shows it"
port=$((port + 1)) paths=/cgi-bin/hello
echo "\$ sysfence monitor -p httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www &"
serve sysfence monitor -p httpd.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www
