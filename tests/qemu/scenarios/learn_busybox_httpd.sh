#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence learn on a server: busybox httpd learned while it serves a page
# serves it again under the learned policy without a denial; asked to run
# a CGI program, something it never did while learning, it is denied, and
# sysfence monitor shows the denial.
set -u
. /tests/lib.sh
fail() { echo "FAIL: $*"; exit 1; }
[ -e /proc/net/tcp ] || { echo "no IPv4 in this kernel"; exit 77; }
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
mkdir -p /tmp/www/cgi-bin
echo '<h1>sysfence</h1>' >/tmp/www/index.html
printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho cgi\n' >/tmp/www/cgi-bin/hello
chmod +x /tmp/www/cgi-bin/hello
port=8080

# Waits until the server listens on $port (/proc/net/tcp: state 0A).
listening() {
	hex=$(printf '%04X' $port)
	i=0
	until grep -q ":$hex 00000000:0000 0A" /proc/net/tcp; do
		i=$((i + 1))
		[ $i -lt 600 ] || return 1
		usleep 100000
	done
}

# Runs the server command given, fetches each of $paths once, stops the
# server; prints how many fetches succeeded.
serve() {
	"$@" &
	runner=$!
	ok=0
	if listening; then
		for path in $paths; do
			rm -f got.html
			wget -q -O got.html "http://127.0.0.1:$port$path" 2>/dev/null &&
				ok=$((ok + 1))
			[ "$path" = / ] && cp got.html page.html 2>/dev/null
		done
	fi
	pid=$(pidof httpd)
	[ -n "$pid" ] && kill $pid
	wait $runner
	echo $ok
}

for opt in "" --args; do
	port=$((port + 1))
	paths=/
	n=$(serve sysfence learn $opt -o h.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www)
	[ "$n" = 1 ] || fail "learn $opt: the page was not served"
	sysfence check h.policy >/dev/null || fail "learn $opt: invalid policy"
	grep -q '^allow accept' h.policy || fail "learn $opt: no accept: $(cat h.policy)"

	port=$((port + 1))
	rm -f page.html
	n=$(serve sysfence monitor -o m.txt -p h.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www)
	[ "$n" = 1 ] || fail "$opt: not served under the learned policy: $(cat m.txt)"
	cmp -s page.html /tmp/www/index.html || fail "$opt: wrong page"
	# The server's end by SIGTERM is a decision of the kernel, not a denial.
	[ ! -s m.txt ] || fail "learn $opt: denials: $(cat m.txt)"

	port=$((port + 1))
	paths=/cgi-bin/hello
	n=$(serve sysfence monitor -o c.txt -p h.policy -- httpd -f -p 127.0.0.1:$port -h /tmp/www)
	grep -q "(httpd) $SF_NATIVE .* = errno EPERM  h.policy (default)" c.txt ||
		fail "$opt: no denial for the CGI: $(cat c.txt)"
done
exit 0
