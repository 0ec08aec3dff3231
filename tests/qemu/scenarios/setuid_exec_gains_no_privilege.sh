#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An unprivileged user can only load with no_new_privs, so a set-user-ID
# program it executes while confined runs without the owner's privilege.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\n' >/tmp/p.policy
chmod 644 /tmp/p.policy
cp /tests/progs/ids /tmp/ids-suid
chown 0:0 /tmp/ids-suid
chmod 4755 /tmp/ids-suid
out=$(su -s /bin/sh nobody -c /tmp/ids-suid)
[ "$out" = "uid 65534 euid 0" ] || { echo "set-user-ID does not work here: $out"; exit 77; }
out=$(su -s /bin/sh nobody -c 'sysfence run -p /tmp/p.policy -- /tmp/ids-suid')
[ "$out" = "uid 65534 euid 65534" ] || fail "confined: got: $out"
# Without no_new_privs the load itself is refused, so there is no way
# around it.
out=$(su -s /bin/sh nobody -c '/tests/progs/load /tmp/p.policy /tmp/ids-suid')
[ "$out" = "load errno EACCES" ] || fail "load without no_new_privs: $out"
exit 0
