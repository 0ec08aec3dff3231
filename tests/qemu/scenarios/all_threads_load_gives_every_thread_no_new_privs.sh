#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An unprivileged all-threads load confines threads that never set
# no_new_privs themselves: they must get it with the layer, as seccomp's
# TSYNC gives it, or such a thread could execute a set-user-ID program
# under a policy its unprivileged user wrote.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >/tmp/p.policy
chmod 644 /tmp/p.policy
cp /tests/progs/ids /tmp/ids-suid
chown 0:0 /tmp/ids-suid
chmod 4755 /tmp/ids-suid
out=$(su -s /bin/sh nobody -c /tmp/ids-suid)
[ "$out" = "uid 65534 euid 0" ] || { echo "set-user-ID does not work here: $out"; exit 77; }
out=$(su -s /bin/sh nobody -c \
	'/tests/progs/threadexec /tmp/p.policy /tmp/ids-suid')
[ "$out" = "load ok
uid 65534 euid 65534" ] || fail "exec from the other thread: got: $out"
# The thread is confined too, across its exec.
out=$(su -s /bin/sh nobody -c \
	'/tests/progs/threadexec /tmp/p.policy /tests/progs/syscall getppid')
[ "$out" = "load ok
errno EACCES (13)" ] || fail "policy after the thread's exec: got: $out"
exit 0
