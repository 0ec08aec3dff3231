#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The CLI's --arch: policies for arm64 checked and evaluated on any host, with
# arm64's ABIs, syscall names, numbers, argument types and constant values;
# an architecture's policy does not name another's ABIs. TAP on stdout.
# $SYSFENCE is the binary to test (default userland/sysfence).
set -u

sf=${SYSFENCE:-userland/sysfence}
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME WANT COMMAND...: the command's stdout and stderr are WANT.
expect() {
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	got=$("$@" 2>&1)
	if [ "$got" = "$want" ]; then
		echo "ok $n - arch: $name"
	else
		echo "not ok $n - arch: $name"
		printf 'want: %s\ngot:  %s\n' "$want" "$got" | sed 's/^/#   /'
		failed=1
	fi
}

cat >"$tmp/a.policy" <<'P'
default errno ENOSYS
abi aarch64 arm
allow read, write, exit_group
errno EACCES openat if flags & O_DIRECTORY
kill-thread getppid
P
printf 'default allow\nabi x86_64\n' >"$tmp/x.policy"
printf 'default allow\nallow open\n' >"$tmp/open.policy"

expect "arm64 policy checks on any host" \
	"$tmp/a.policy: valid; default errno ENOSYS, abi-violation kill
aarch64: 3 rules; syscalls: 4 constant, 1 argument-dependent, 313 default (of 318); 3 instructions
arm: 3 rules; syscalls: 4 constant, 1 argument-dependent, 410 default (of 415); 3 instructions" \
	"$sf" check --arch arm64 "$tmp/a.policy"
expect "O_DIRECTORY has arm64's value (0x4000)" "errno EACCES" \
	"$sf" eval --arch arm64 "$tmp/a.policy" aarch64 openat 0 0 0x4000
expect "x86's O_DIRECTORY (0x10000) is not it on arm64" "errno ENOSYS" \
	"$sf" eval --arch=arm64 "$tmp/a.policy" aarch64 openat 0 0 0x10000
expect "the arm ABI by number: 322 is openat there" "errno EACCES" \
	"$sf" eval --arch arm64 "$tmp/a.policy" arm 322 0 0 0x4000
expect "aarch64 numbers: getppid is 173" \
	"aarch64 173 getppid() sys_getppid" \
	sh -c "'$sf' syscalls --arch arm64 aarch64 | grep ' getppid('"
expect "clone is CLONE_BACKWARDS on arm64" \
	"aarch64 220 clone(unsigned long clone_flags, unsigned long newsp, int * parent_tidptr, unsigned long tls, int * child_tidptr) sys_clone" \
	sh -c "'$sf' syscalls aarch64 | grep ' clone('"
expect "an x86 ABI in an arm64 policy is an error" \
	"$tmp/x.policy:2:5: error: ABI 'x86_64' is not one of arm64's (aarch64, arm)
abi x86_64
    ^" \
	"$sf" check --arch arm64 "$tmp/x.policy"
expect "aarch64 has no open" \
	"$tmp/open.policy:2:7: error: syscall 'open' does not exist on aarch64 (write 'open?' or qualify it)
allow open
      ^" \
	"$sf" check --arch arm64 "$tmp/open.policy"
expect "an unknown architecture is a usage error" \
	"sysfence: unknown architecture 'riscv64' (x86_64 or arm64)" \
	"$sf" check --arch riscv64 "$tmp/a.policy"
echo "1..$n"
exit $failed
