#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence learn on real programs: a python3 script that starts a thread,
# and lighttpd serving a request. The same work under the learned policy
# (with --args too) makes no decision other than allow: monitor prints none.
set -u
fail() { echo "FAIL: $*"; exit 1; }
script='import threading
t = threading.Thread(target=print, args=("from a thread",))
t.start()
t.join()'

for args in "" --args; do
	sysfence learn $args -o py.policy -- python3 -c "$script" >learn.out 2>&1 ||
		fail "learn $args: $(cat learn.out)"
	grep -q '^default ' py.policy || fail "learn $args wrote: $(cat py.policy)"
	out=$(sysfence monitor -o decisions.txt -p py.policy -- python3 -c "$script" 2>&1) ||
		fail "python3 under the learned policy ($args): $out"
	[ "$out" = "from a thread" ] || fail "python3 printed ($args): $out"
	[ ! -s decisions.txt ] || fail "decisions under the learned policy ($args): $(cat decisions.txt)"
done

mkdir -p www
echo "served under a learned policy" >www/index.html
cat >lighttpd.conf <<CONF
server.document-root = "$PWD/www"
server.bind = "127.0.0.1"
server.port = 8082
index-file.names = ( "index.html" )
CONF
serve() { # COMMAND...: run lighttpd under it, fetch the page once, stop it
	"$@" >server.log 2>&1 &
	server=$!
	i=0
	page=
	while [ $i -lt 100 ] && kill -0 $server 2>/dev/null; do
		page=$(wget -q -O - http://127.0.0.1:8082/ 2>/dev/null) && break
		sleep 0.2
		i=$((i + 1))
	done
	# Stop the server itself: learn writes its policy when it exits.
	pkill -TERM -x lighttpd
	wait $server
}
serve sysfence learn --args -o httpd.policy -- lighttpd -D -f lighttpd.conf
[ "$page" = "served under a learned policy" ] || fail "learning: page '$page': $(cat server.log)"
[ -s httpd.policy ] || fail "learn wrote no policy: $(cat server.log)"
rm -f decisions.txt
serve sysfence monitor -o decisions.txt -p httpd.policy -- lighttpd -D -f lighttpd.conf
[ "$page" = "served under a learned policy" ] || fail "enforcing: page '$page': $(cat server.log)"
[ ! -s decisions.txt ] || fail "decisions under the learned policy: $(cat decisions.txt)"
exit 0
