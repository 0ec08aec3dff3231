#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# policies/dnsmasq.policy, the example for a UDP service: dnsmasq, started
# as its '# Command:' line says, answers a DNS query over UDP from a client
# outside the policy, and cannot write a file when asked to.
set -u
fail() { echo "FAIL: $*"; exit 1; }
p=/tests/policies/dnsmasq.policy
cmd=$(sed -n 's/^# Command: //p' $p)
[ -n "$cmd" ] || fail "no command in $p"
query='
import socket, struct, sys
q = struct.pack(">HHHHHH", 0x5f5e, 0x0100, 1, 0, 0, 0)
q += b"".join(bytes([len(p)]) + p.encode() for p in "sysfence.test".split("."))
q += b"\0" + struct.pack(">HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
for attempt in range(50):
    try:
        s.sendto(q, ("127.0.0.1", 5353))
        r = s.recv(512)
        print(".".join(str(b) for b in r[-4:]))
        sys.exit(0)
    except OSError:
        pass
sys.exit(1)'

sysfence run -p $p -- $cmd >server.log 2>&1 &
server=$!
out=$(python3 -c "$query" 2>&1)
rc=$?
pkill -TERM -x dnsmasq
wait $server
[ $rc -eq 0 ] || fail "no answer: $out; server: $(cat server.log)"
[ "$out" = 10.1.2.3 ] || fail "answer $out; server: $(cat server.log)"

# Asked to write its pid file, the same server fails: no file is created.
sysfence run -p $p -- $cmd --pid-file=$PWD/dnsmasq.pid >pid.log 2>&1 &
server=$!
sleep 2
pkill -TERM -x dnsmasq 2>/dev/null
wait $server
[ ! -s dnsmasq.pid ] || fail "dnsmasq wrote its pid file: $(cat pid.log)"
exit 0
