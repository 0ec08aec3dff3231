#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The CLI's check, eval and groups as a user sees them: output, exit
# statuses, diagnostics with their caret. TAP on stdout. $SYSFENCE is the
# binary to test (default userland/sysfence).
set -u

sf=${SYSFENCE:-userland/sysfence}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# expect NAME WANT_STATUS WANT_STDOUT -- COMMAND...: stdout compared whole.
expect() {
	name=$1 want_rc=$2 want_out=$3
	shift 4
	out=$("$@" 2>"$tmp/stderr")
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "#   exit $rc (want $want_rc), stdout: $out"
		echo "#   want stdout: $want_out"
		sed 's/^/#   stderr: /' "$tmp/stderr"
		failed=1
	fi
}

# stderr_has NAME TEXT: the previous command's stderr contains TEXT.
stderr_has() {
	n=$((n + 1))
	if grep -qF -- "$2" "$tmp/stderr"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#   stderr: /' "$tmp/stderr"
		failed=1
	fi
}

cat >"$tmp/p" <<'POLICY'
# stdout and stderr only
default errno EPERM
abi x86_64 i386
allow write if fd == 1 || fd == 2
errno EBADF write
kill kill if sig == SIGKILL && pid == -1
allow @basic-io
POLICY
printf 'default allow\nallow write if\tfdd == 1\n' >"$tmp/bad"

expect "eval allows stdout" 0 "allow" -- "$sf" eval "$tmp/p" x86_64 write 1
expect "eval falls to the next rule" 0 "errno EBADF" -- \
	"$sf" eval "$tmp/p" x86_64 write 3
expect "eval default" 0 "errno EPERM" -- "$sf" eval "$tmp/p" x86_64 getpid
expect "eval negative argument" 0 "kill" -- \
	"$sf" eval "$tmp/p" x86_64 kill -1 9
expect "eval hex argument" 0 "kill" -- \
	"$sf" eval "$tmp/p" x86_64 kill 0xffffffff 0x9
expect "eval i386 width" 0 "kill" -- \
	"$sf" eval "$tmp/p" i386 kill 0xffffffff 9
expect "eval syscall by number" 0 "allow" -- "$sf" eval "$tmp/p" x86_64 1 2
expect "eval ABI not allowed" 0 "kill" -- "$sf" eval "$tmp/p" x32 read
printf 'default allow\nabi x86_64 x32\nkill socket if family == AF_INET && type == (SOCK_STREAM | SOCK_CLOEXEC)\nerrno EBADF write\nkill clone if clone_flags == (CLONE_NEWUSER | SIGCHLD)\n' \
	>"$tmp/sock"
expect "eval named constant arguments" 0 "allow" -- \
	"$sf" eval "$tmp/sock" x86_64 socket AF_INET SOCK_STREAM 0
expect "eval '|' arguments" 0 "kill" -- \
	"$sf" eval "$tmp/sock" x86_64 socket AF_INET "SOCK_STREAM | SOCK_CLOEXEC" 0
expect "eval '|' arguments without spaces" 0 "kill" -- \
	"$sf" eval "$tmp/sock" x86_64 socket 2 SOCK_CLOEXEC\|1 0
expect "eval unknown constant argument" 2 "" -- \
	"$sf" eval "$tmp/sock" x86_64 socket AF_INTE
expect "eval dangling '|'" 2 "" -- "$sf" eval "$tmp/sock" x86_64 socket 'AF_INET|'
expect "eval constant of another ABI" 2 "" -- \
	"$sf" eval "$tmp/sock" x86_64 fcntl 0 F_GETLK64
expect "eval x32 bit selects x32" 0 "errno EBADF" -- \
	"$sf" eval "$tmp/sock" x86_64 0x40000001 1
stderr_has "eval tells the decoded ABI" "syscall 0x40000001 enters as x32 1"
expect "eval x32 bit selects the abi-violation action" 0 "kill" -- \
	"$sf" eval "$tmp/p" x86_64 0x40000001 1
expect "eval x32 number without the x32 bit enters as x86_64" 0 "allow" -- \
	"$sf" eval "$tmp/p" x32 1 2
stderr_has "eval tells it enters as x86_64" "syscall 1 enters as x86_64 1"
expect "eval drops bits 32-63 of the number" 0 "errno EBADF" -- \
	"$sf" eval "$tmp/sock" x86_64 0xffffffff00000001 1
expect "eval clone flags at 32 bits" 0 "kill" -- \
	"$sf" eval "$tmp/sock" x86_64 clone 0x110000011
expect "eval --explain" 0 "errno EBADF" -- \
	"$sf" eval --explain "$tmp/p" x86_64 write 7
stderr_has "eval --explain names the line" "decided by line 5"
expect "eval reads stdin" 0 "allow" -- \
	sh -c "printf 'default allow\n' | $sf eval - x86_64 read"
expect "eval invalid policy" 1 "" -- "$sf" eval "$tmp/bad" x86_64 write 1
stderr_has "error is positioned" "$tmp/bad:2:16: error: unknown field 'fdd' for write"
stderr_has "error shows its line" "allow write if	fdd == 1"
n=$((n + 1))
if sed -n 3p "$tmp/stderr" | grep -qx "$(printf '              \t^')"; then
	echo "ok $n - caret under the token, tabs kept"
else
	echo "not ok $n - caret under the token, tabs kept"
	sed 's/^/#   /' "$tmp/stderr"
	failed=1
fi
expect "eval unknown ABI" 2 "" -- "$sf" eval "$tmp/p" arm64 write
expect "eval unknown syscall" 2 "" -- "$sf" eval "$tmp/p" x86_64 wrote
stderr_has "eval suggests the nearest syscall" \
	"sysfence: unknown x86_64 syscall 'wrote' (did you mean 'write'?)"
expect "eval misspelt constant" 2 "" -- \
	"$sf" eval "$tmp/p" x86_64 openat 0 0 O_WRONY
stderr_has "eval suggests the nearest constant" \
	"'O_WRONY' is neither a number nor a constant (did you mean 'O_WRONLY'?)"
expect "eval bad argument" 2 "" -- "$sf" eval "$tmp/p" x86_64 write 1x
expect "eval argument over 64 bits" 2 "" -- \
	"$sf" eval "$tmp/p" x86_64 write 18446744073709551616
expect "eval seven arguments" 2 "" -- \
	"$sf" eval "$tmp/p" x86_64 write 1 2 3 4 5 6 7
expect "eval missing file" 2 "" -- "$sf" eval "$tmp/none" x86_64 write

check_out="$tmp/p: valid; default errno EPERM, abi-violation kill"
expect "check valid" 0 "$check_out" -- sh -c "$sf check $tmp/p | head -n 1"
# @basic-io has 16 syscalls on x86_64 (no _llseek), write among them.
expect "check summarizes x86_64" 0 \
	"x86_64: 4 rules; syscalls: 15 constant, 2 argument-dependent" -- \
	sh -c "$sf check $tmp/p | sed -n 2p | sed 's/, [0-9]* default.*//'"
expect "check lists a disallowed ABI" 0 "x32: not allowed (kill)" -- \
	sh -c "$sf check $tmp/p | tail -n 1"
expect "check --describe" 0 \
	"x86_64 1 (write): allow if fd == 1 || fd == 2; else errno EBADF" -- \
	sh -c "$sf check -d $tmp/p | grep '^x86_64 1 '"
expect "check invalid" 1 "" -- "$sf" check "$tmp/bad"
stderr_has "check error" "error: unknown field 'fdd' for write"
printf 'default allow\nabi x86_64 i386\ndeny connect\nallow read\nlog read\n' \
	>"$tmp/warn"
expect "check warns, still valid" 0 "" -- sh -c "$sf check $tmp/warn >/dev/null"
stderr_has "socketcall warning points at the rule" "$tmp/warn:3:1: warning: i386: 'connect' is restricted but 'socketcall' is allowed"
stderr_has "unreachable warning names the line" "$tmp/warn:5:1: warning: unreachable rule: earlier unconditional rules (line 4)"
expect "check --werror fails on a warning" 1 "" -- \
	sh -c "$sf check --werror $tmp/warn >/dev/null"
stderr_has "check --werror says why" "warnings treated as errors (--werror)"
# Bits the kernel ignores for the operation: compared, a lint; tested on
# their own (a flag test), none.
printf 'default allow\nabi arm\nerrno EPERM shmctl if cmd == IPC_RMID\n' >"$tmp/ipc64"
expect "arm's old shmctl strips IPC_64: check warns" 0 "" -- \
	sh -c "$sf check --arch arm64 $tmp/ipc64 >/dev/null"
stderr_has "IPC_64 warning gives the mask" \
	"$tmp/ipc64:3:23: warning: 'cmd' also carries IPC_64 beside the command: compare '(cmd & 0xff)'"
expect "a test of socket's flags alone is not a lint" 0 "" -- \
	sh -c "printf 'default allow\nerrno EPERM socket if (type & SOCK_CLOEXEC) == 0\nkill socket if type & SOCK_NONBLOCK\nkill socket if (type & 0xf) == SOCK_RAW\n' | $sf check --werror - >/dev/null"
expect "a whole refused socketcall is not a bypass of the direct calls" 0 "" -- \
	sh -c "printf 'default allow\nabi i386\nerrno ENOSYS socketcall\n' | $sf check --werror - >/dev/null"
expect "errno ENOSYS clone3 with clone rules is the clean way" 0 "" -- \
	sh -c "printf 'default allow\nerrno ENOSYS clone3\nkill clone if clone_flags & CLONE_NEWUSER\n' | $sf check --werror - >/dev/null"
expect "check --werror passes a clean policy" 0 "" -- \
	sh -c "printf 'default allow\n' | $sf check --werror - >/dev/null"
awk 'BEGIN { print "default allow"; for (i = 0; i < 70; i++) print "allow read"; print "allow write if buf == 1" }' \
	>"$tmp/many"
expect "more warnings than kept" 0 "" -- sh -c "$sf check $tmp/many >/dev/null"
stderr_has "warnings past the limit are counted per kind" \
	"6 more warnings not shown; 70 in all: 69 unreachable 1 pointer"
expect "check usage" 2 "" -- "$sf" check
expect "check missing file" 2 "" -- "$sf" check "$tmp/none"

expect "groups lists file-system" 0 "@file-system" -- \
	sh -c "$sf groups | cut -d' ' -f1 | grep -x @file-system"
expect "groups shows members" 0 "connect" -- \
	sh -c "$sf groups network-io | grep -x connect"
expect "groups expands nested groups" 0 "1" -- \
	sh -c "$sf groups @system-service | grep -cx read"
expect "groups unknown" 2 "" -- "$sf" groups nosuch

# The host never has the module loaded (tests that load it run in QEMU).
abi=$(sed -n 's/^#define SYSFENCE_ABI_VERSION \([0-9]*\)$/\1/p' uapi/linux/sysfence.h)
expect "--version" 0 "sysfence $(make -s --no-print-directory print-version) (ABI $abi)
module not loaded" -- "$sf" --version
expect "--help" 0 "usage: sysfence COMMAND [ARGS...]" -- \
	sh -c "$sf --help | head -n 1"
expect "unknown command" 2 "" -- "$sf" frobnicate
expect "no command" 2 "" -- "$sf"

echo "1..$n"
exit $failed
