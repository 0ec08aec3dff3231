#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfence run reports the kernel's verdict on a bad policy the way a
# compiler does (file:line:col, the source line, a caret under the column),
# exits 1 and runs nothing, even when an earlier policy loaded fine.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\n' >good.policy
printf 'default allow\n# fine so far\nerrno EACCES no_such_syscall\n' >bad.policy
rm -f ran
err=$(sysfence run -p good.policy -p bad.policy -- touch ran 2>&1 >/dev/null)
rc=$?
[ $rc -eq 1 ] || fail "exit $rc (want 1): $err"
[ ! -e ran ] || fail "the command ran"
first=$(echo "$err" | sed -n 1p)
case $first in
"bad.policy:3:14: error: "*) ;;
*) fail "first line: $first" ;;
esac
[ "$(echo "$err" | sed -n 2p)" = "errno EACCES no_such_syscall" ] ||
	fail "source line: $err"
[ "$(echo "$err" | sed -n 3p)" = "             ^" ] || fail "caret: $err"
# Usage errors are 2, a missing command 127.
sysfence run -- true 2>/dev/null
[ $? -eq 2 ] || fail "run without -p is not a usage error"
sysfence run -p good.policy -- /no/such/program 2>/dev/null
[ $? -eq 127 ] || fail "missing command: not 127"
exit 0
