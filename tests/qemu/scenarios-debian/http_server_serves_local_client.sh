#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Debian's lighttpd, confined by a policy that lets it read files but not
# create any, serves a page over loopback to Debian's wget; told to write a
# pid file, the same server stops with the policy's EACCES.
set -u
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p www
echo "served under sysfence" >www/index.html
conf() {
	cat <<EOF2
server.document-root = "$PWD/www"
server.bind = "127.0.0.1"
server.port = 8080
index-file.names = ( "index.html" )
EOF2
}
conf >lighttpd.conf
{ conf; echo "server.pid-file = \"$PWD/lighttpd.pid\""; } >pidfile.conf
cat >server.policy <<'POLICY'
default allow
kill ptrace, @mount, @module
errno EACCES openat if flags & (O_CREAT | O_TRUNC)
errno EACCES creat, mkdir, mkdirat, unlink, unlinkat, rename, renameat, renameat2
POLICY

out=$(sysfence run -p server.policy -- lighttpd -D -f pidfile.conf 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "lighttpd wrote its pid file: $out"
echo "$out" | grep -q "Permission denied" || fail "lighttpd exited $rc: $out"
[ ! -e lighttpd.pid ] || fail "the pid file exists"

sysfence run -p server.policy -- lighttpd -D -f lighttpd.conf >server.log 2>&1 &
server=$!
# The server takes a moment to listen: ask until it answers or exits.
i=0
page=
while [ $i -lt 100 ] && kill -0 $server 2>/dev/null; do
	page=$(wget -q -O - http://127.0.0.1:8080/ 2>/dev/null) && break
	sleep 0.2
	i=$((i + 1))
done
kill $server 2>/dev/null
wait $server
[ "$page" = "served under sysfence" ] || fail "page '$page'; server log: $(cat server.log)"
exit 0
