#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `sysfence run --allow-new-privs` loads without setting no_new_privs, so a
# set-user-ID program the command executes still changes identity, and the
# policy is enforced all the same. It keeps the module's install rule: a
# caller without CAP_SYS_ADMIN is refused and nothing runs.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\nerrno EACCES getppid\n' >/tmp/p.policy
chmod 644 /tmp/p.policy
# A program set-user-ID to nobody: root executing it becomes euid 65534,
# unless no_new_privs stops the transition.
cp /tests/progs/ids /tmp/ids-nobody
chown 65534:65534 /tmp/ids-nobody
chmod 4755 /tmp/ids-nobody
out=$(/tmp/ids-nobody)
[ "$out" = "uid 0 euid 65534" ] || { echo "set-user-ID does not work here: $out"; exit 77; }

out=$(sysfence run -p /tmp/p.policy -- /tmp/ids-nobody) || fail "run: $?"
[ "$out" = "uid 0 euid 0" ] || fail "without the option, no_new_privs: $out"
out=$(sysfence run -p /tmp/p.policy -- grep NoNewPrivs /proc/self/status)
[ "$(echo $out)" = "NoNewPrivs: 1" ] || fail "without the option: $out"

out=$(sysfence run --allow-new-privs -p /tmp/p.policy -- /tmp/ids-nobody) ||
	fail "run --allow-new-privs as root: $?"
[ "$out" = "uid 0 euid 65534" ] || fail "--allow-new-privs: $out"
out=$(sysfence run -P -p /tmp/p.policy -- grep NoNewPrivs /proc/self/status)
[ "$(echo $out)" = "NoNewPrivs: 0" ] || fail "--allow-new-privs: $out"
out=$(sysfence run -P -p /tmp/p.policy -- /tests/progs/syscall getppid)
[ "$out" = "errno EACCES (13)" ] || fail "--allow-new-privs, not enforced: $out"

# Unprivileged: refused before anything runs, exit status 125.
out=$(su -s /bin/sh nobody -c \
	'sysfence run --allow-new-privs -p /tmp/p.policy -- echo ran; echo "exit $?"' 2>&1)
case $out in
*ran*) fail "nobody ran its command: $out" ;;
*"needs CAP_SYS_ADMIN"*"exit 125") ;;
*) fail "nobody with --allow-new-privs: $out" ;;
esac
exit 0
