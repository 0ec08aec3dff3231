#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Debian's containers profile, imported (policies/containers.policy, which
# make check keeps equal to import-oci's translation), runs what a
# container runs: python3, bash, and lighttpd serving a page to wget.
set -u
fail() { echo "FAIL: $*"; exit 1; }
p=/tests/policies/containers.policy
[ -f $p ] || fail "no $p"

out=$(sysfence run -p $p -- python3 -c 'import os, sys; print(len(os.listdir("/")) > 0, sys.version_info[0])' 2>&1) ||
	fail "python3: $out"
[ "$out" = "True 3" ] || fail "python3 printed: $out"
out=$(sysfence run -p $p -- bash -c 'x=$(echo ok | tr a-z A-Z); echo "$x"' 2>&1) ||
	fail "bash: $out"
[ "$out" = OK ] || fail "bash printed: $out"

mkdir -p www
echo "served under the containers profile" >www/index.html
cat >lighttpd.conf <<CONF
server.document-root = "$PWD/www"
server.bind = "127.0.0.1"
server.port = 8081
index-file.names = ( "index.html" )
CONF
sysfence run -p $p -- lighttpd -D -f lighttpd.conf >server.log 2>&1 &
server=$!
i=0
page=
while [ $i -lt 100 ] && kill -0 $server 2>/dev/null; do
	page=$(wget -q -O - http://127.0.0.1:8081/ 2>/dev/null) && break
	sleep 0.2
	i=$((i + 1))
done
pkill -TERM -x lighttpd
wait $server
[ "$page" = "served under the containers profile" ] ||
	fail "page '$page'; server log: $(cat server.log)"
exit 0
