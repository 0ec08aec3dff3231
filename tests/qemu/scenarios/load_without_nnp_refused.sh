#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Loading needs no_new_privs or CAP_SYS_ADMIN: an unprivileged process
# without no_new_privs is refused with EACCES, and is not confined.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >/tmp/p.policy
chmod 644 /tmp/p.policy
out=$(su -s /bin/sh nobody -c '/tests/progs/load /tmp/p.policy')
[ "$out" = "load errno EACCES" ] || fail "nobody without no_new_privs: $out"
out=$(su -s /bin/sh nobody -c \
	'/tests/progs/load --nnp /tmp/p.policy /tests/progs/syscall getppid')
[ "$out" = "load ok layers 1
errno EACCES (13)" ] || fail "nobody with no_new_privs: $out"
# root has CAP_SYS_ADMIN.
out=$(/tests/progs/load /tmp/p.policy /tests/progs/syscall getppid)
[ "$out" = "load ok layers 1
errno EACCES (13)" ] || fail "root without no_new_privs: $out"
exit 0
