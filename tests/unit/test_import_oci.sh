#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `sysfence import-oci` as a user sees it: the policy it prints for small
# profiles (includes/excludes, archMap, errnoRet, argument rules), and a
# positioned error for each thing a policy cannot express. Whether the
# translation decides like libseccomp is tests/import's differential test.
# TAP on stdout. $SYSFENCE is the binary to test (default userland/sysfence).
set -u

sf=${SYSFENCE:-userland/sysfence}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# expect NAME WANT_STATUS -- COMMAND...: exit status only.
expect() {
	name=$1 want_rc=$2
	shift 3
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "#   exit $rc (want $want_rc)"
		sed 's/^/#   stdout: /' "$tmp/stdout"
		sed 's/^/#   stderr: /' "$tmp/stderr"
		failed=1
	fi
}

# has NAME STREAM TEXT: the previous command's stdout or stderr has a line
# equal to TEXT.
has() {
	n=$((n + 1))
	if grep -qxF -- "$3" "$tmp/$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "#   want $2 line: $3"
		sed "s/^/#   $2: /" "$tmp/$2"
		failed=1
	fi
}

# contains NAME STREAM TEXT: a line of the previous command's output has TEXT.
contains() {
	n=$((n + 1))
	if grep -qF -- "$3" "$tmp/$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "#   want $2 text: $3"
		sed "s/^/#   $2: /" "$tmp/$2"
		failed=1
	fi
}

# lacks NAME STREAM TEXT: no line of the previous command's output has TEXT.
lacks() {
	n=$((n + 1))
	if grep -qF -- "$3" "$tmp/$2"; then
		echo "not ok $n - $1"
		sed "s/^/#   $2: /" "$tmp/$2"
		failed=1
	else
		echo "ok $n - $1"
	fi
}

profile() { # NAME SYSCALLS-JSON [TOP-LEVEL-JSON]
	printf '{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,\n%s\n"syscalls": [\n%s\n]}\n' \
		"${3:-}" "$2" >"$tmp/$1.json"
}

profile caps '{"names": ["read", "write", "_llseek"], "action": "SCMP_ACT_ALLOW"},
{"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
{"names": ["mount"], "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
{"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
{"names": ["set_tls"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm"]}},
{"names": ["openat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
{"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "6.8"}},
{"names": ["getpid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}' \
	'"archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],'

expect "import without capabilities" 0 -- "$sf" import-oci "$tmp/caps.json"
has "default is defaultAction with defaultErrnoRet" stdout "default errno ENOSYS"
has "archMap's subArchitectures are ABIs" stdout "abi x86_64 i386"
has "names grouped per action, ? where an ABI lacks one" stdout \
	"allow read, write, _llseek?, arch_prctl, ptrace"
has "errno without errnoRet is EPERM; errnoRet kept" stdout \
	"errno EPERM mount"
has "errnoRet is the rule's errno" stdout "errno EACCES openat"
lacks "an entry for another architecture is left out" stdout "set_tls,"
lacks "an entry equal to the default is skipped, as libseccomp must" stdout \
	"getpid"
lacks "well-formed profile, no warning" stderr "warning"
"$sf" import-oci "$tmp/caps.json" >"$tmp/p" 2>/dev/null
expect "the import is a valid policy" 0 -- "$sf" check "$tmp/p"

expect "import holding every capability" 0 -- \
	"$sf" import-oci --caps all "$tmp/caps.json"
has "includes.caps held" stdout "allow read, write, _llseek?, mount, arch_prctl, ptrace"
expect "import holding CAP_SYS_ADMIN" 0 -- \
	"$sf" import-oci --caps CAP_SYS_ADMIN "$tmp/caps.json"
has "a named capability" stdout "allow read, write, _llseek?, mount, arch_prctl, ptrace"
expect "import on Linux 6.1" 0 -- "$sf" import-oci --kernel 6.1 "$tmp/caps.json"
has "minKernel not met" stdout "allow read, write, _llseek?, arch_prctl"
expect "import for i386" 0 -- "$sf" import-oci --arch x86 "$tmp/caps.json"
has "archMap without the native arch: that ABI alone" stdout "abi i386"
expect "--arch takes the kernel's name, i386" 0 -- \
	"$sf" import-oci --arch i386 "$tmp/caps.json"
has "i386 is x86" stdout "abi i386"
expect "--arch takes uname's aarch64" 0 -- \
	"$sf" import-oci --arch aarch64 "$tmp/caps.json"
has "aarch64 is arm64" stdout "abi aarch64"
expect "--arch takes x86_64" 0 -- \
	"$sf" import-oci --arch x86_64 "$tmp/caps.json"
has "x86_64 is amd64" stdout "abi x86_64 i386"

profile args '{"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]},
{"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]},
{"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
{"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
{"names": ["dup2"], "action": "SCMP_ACT_KILL_PROCESS", "args": [{"index": 1, "value": 3, "op": "SCMP_CMP_LT"}]},
{"names": ["kill"], "action": "SCMP_ACT_TRAP", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_GT"}, {"index": 1, "value": 9, "op": "SCMP_CMP_EQ"}]},
{"names": ["write"], "action": "SCMP_ACT_LOG", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
{"names": ["read"], "action": "SCMP_ACT_KILL", "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]}'
expect "import argument rules" 0 -- "$sf" import-oci "$tmp/args.json"
has "argument names; NE on a signed int" stdout "allow socket if family != 40"
has "equality rules on one argument read as a set" stdout \
	"allow personality if personality in {0, 0xffffffff}"
has "masked compare: value is the mask, valueTwo the value" stdout \
	"allow clone if (clone_flags & 0x7e020000) == 0"
has "an ordering on a signed argument compares as seccomp does" stdout \
	"kill dup2 if newfd < 3"
has "conditions of one entry are ANDed; SIGSYS is trap" stdout \
	"trap kill if arg0 > 1 && sig == 9"
has "conditions repeating an argument are ORed, as runc does" stdout \
	"log write if fd in {1, 2}"
has "SCMP_ACT_KILL kills the thread; an int's all-ones is -1" stdout \
	"kill-thread read if fd == 0xffffffff"

profile warn '{"names": ["lseek"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 2, "value": 2, "op": "SCMP_CMP_GT"}]},
{"names": ["lseek"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 2, "value": 2, "op": "SCMP_CMP_LE"}]},
{"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 1, "value": 9, "op": "SCMP_CMP_EQ"}]},
{"names": ["kill"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_GT"}]},
{"names": ["read"], "action": "SCMP_ACT_ALLOW"},
{"names": ["read"], "action": "SCMP_ACT_ERRNO"},
{"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 9, "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}'
expect "import a profile that contradicts itself" 0 -- \
	"$sf" import-oci "$tmp/warn.json"
has "overlapping rules with different actions: warned, with both entries" \
	stderr "sysfence: $tmp/warn.json: /syscalls/3 (kill): warning: 'kill' may also match /syscalls/2, whose action differs: the policy applies the earlier rule, libseccomp the one its decision tree reaches first"
lacks "disjoint ranges: no warning" stderr "'lseek'"
has "a second unconditional rule: warned, the first kept" stderr \
	"sysfence: $tmp/warn.json: /syscalls/5 (read): warning: 'read' is already decided unconditionally by /syscalls/4; libseccomp keeps that rule, and so does the policy"
has "an overridden conditional rule: warned" stderr \
	"sysfence: $tmp/warn.json: /syscalls/6 (read): warning: the conditions on 'read' never apply: /syscalls/4 decides it unconditionally, which libseccomp lets override them"
has "an unconditional rule overrides conditional ones" stdout "allow read"
lacks "the overridden conditional rule is gone" stdout "EBADF"

profile vsock '{"names": ["socketcall", "read"], "action": "SCMP_ACT_ALLOW"},
{"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]}' \
	'"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],'
expect "import a profile that socketcall bypasses" 0 -- \
	"$sf" import-oci "$tmp/vsock.json"
# The message itself is the compiler's (tests/unit/test_cli.sh).
contains "the policy's warnings are the profile's" stderr \
	"sysfence: $tmp/vsock.json: warning: as imported, and under seccomp: i386: 'socket'"

# What cannot be expressed: an error naming the entry, exit 1, no output.
bad() { # NAME WANT-STDERR ENTRY-JSON
	profile bad "$3"
	expect "$1" 1 -- "$sf" import-oci "$tmp/bad.json"
	has "$1: message" stderr "$2"
	n=$((n + 1))
	if [ -s "$tmp/stdout" ]; then
		echo "not ok $n - $1: no partial output"
		failed=1
	else
		echo "ok $n - $1: no partial output"
	fi
}
bad "SCMP_ACT_NOTIFY" \
	"sysfence: $tmp/bad.json: /syscalls/1/action (mount): error: SCMP_ACT_NOTIFY cannot be expressed: sysfence decides in the kernel and has no user-space supervisor (seccomp user notification)" \
	'{"names": ["read"], "action": "SCMP_ACT_ALLOW"}, {"names": ["mount"], "action": "SCMP_ACT_NOTIFY"}'
bad "SCMP_ACT_TRACE" \
	"sysfence: $tmp/bad.json: /syscalls/0/action (ptrace, kill): error: SCMP_ACT_TRACE cannot be expressed: sysfence decides in the kernel and has no ptrace handoff (SECCOMP_RET_TRACE)" \
	'{"names": ["ptrace", "kill"], "action": "SCMP_ACT_TRACE"}'
bad "errno 0" \
	"sysfence: $tmp/bad.json: /syscalls/0/errnoRet (read): error: SCMP_ACT_ERRNO with errno 0 makes the syscall return 0 without running; sysfence has no such action" \
	'{"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0}'
bad "unknown operator" \
	"sysfence: $tmp/bad.json: /syscalls/0/args/0/op (read): error: unknown operator 'SCMP_CMP_FOO'" \
	'{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_FOO"}]}'
bad "argument index 6" \
	"sysfence: $tmp/bad.json: /syscalls/0/args/0/index (read): error: argument 6 does not exist: syscalls take arguments 0 to 5" \
	'{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}'
bad "an argument the syscall does not take" \
	"sysfence: $tmp/bad.json: /syscalls/0/args (getpid): error: 'getpid' takes no argument 0 on every ABI, so the condition cannot be expressed" \
	'{"names": ["getpid"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}'
bad "unknown action" \
	"sysfence: $tmp/bad.json: /syscalls/0/action (read): error: unknown action 'SCMP_ACT_FOO'" \
	'{"names": ["read"], "action": "SCMP_ACT_FOO"}'

bad "includes.arches not an array" \
	"sysfence: $tmp/bad.json: /syscalls/0/includes/arches (read): error: not an array" \
	'{"names": ["read"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": "amd64"}}'
bad "excludes.caps holding a number" \
	"sysfence: $tmp/bad.json: /syscalls/0/excludes/caps (read): error: item 0 is not a string" \
	'{"names": ["read"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": [1]}}'
bad "an entry that is not an object" \
	"sysfence: $tmp/bad.json: /syscalls/0: error: not an object" '7'
bad "names not an array" \
	"sysfence: $tmp/bad.json: /syscalls/0/names: error: missing or not an array" \
	'{"names": "read", "action": "SCMP_ACT_ALLOW"}'
profile archstr '{"names": ["read"], "action": "SCMP_ACT_ALLOW"}' '"architectures": "SCMP_ARCH_X86",'
expect "architectures not an array" 1 -- "$sf" import-oci "$tmp/archstr.json"
has "architectures not an array: message" stderr \
	"sysfence: $tmp/archstr.json: architectures: error: not an array"

printf '{"defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [ {"names": ["read"] "action": 1} ]}\n' \
	>"$tmp/syntax.json"
expect "JSON syntax error" 1 -- "$sf" import-oci "$tmp/syntax.json"
has "JSON syntax error: line and column" stderr \
	"sysfence: $tmp/syntax.json:2:36: error: object value separator ',' expected"
expect "usage" 2 -- "$sf" import-oci
expect "missing file" 2 -- "$sf" import-oci "$tmp/none.json"
expect "unknown architecture" 2 -- "$sf" import-oci --arch riscv64 "$tmp/caps.json"
contains "the error lists every name --arch takes" stderr \
	"(amd64 or x86_64, x86 or i386, x32, arm64 or aarch64, arm)"

echo "1..$n"
exit $failed
