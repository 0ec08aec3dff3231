#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion (userland/sysfence.bash-completion) run the way bash
# runs it, through bash-completion's own library: each case sets the
# command line and the cursor, calls the completion function and compares
# what it offers. TAP on stdout. $SYSFENCE is the binary the completion asks
# for names (default userland/sysfence).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
sf=$(realpath "${SYSFENCE:-$root/userland/sysfence}")
lib=/usr/share/bash-completion/bash_completion
n=0
failed=0

if [ ! -r "$lib" ]; then
	echo "1..0 # SKIP bash-completion is not installed"
	exit 0
fi
# shellcheck disable=SC1090
. "$lib"
# shellcheck disable=SC1091
. "$root/userland/sysfence.bash-completion"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
touch a.policy b.policy notes.txt
mkdir sub

# offers LINE: what completing LINE (cursor at its end) offers, sorted, one
# a line. LINE's first word is replaced by the binary under test.
offers() {
	local line="$sf ${1#* }"
	COMP_LINE=$line
	COMP_POINT=${#line}
	read -ra COMP_WORDS <<<"$line"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	# compopt complains outside a real completion: not what is tested.
	_sysfence "$sf" "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

report() { # STATUS NAME DETAILS
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - completion: $2"
	else
		echo "not ok $n - completion: $2"
		printf '%s\n' "$3" | sed 's/^/#   /'
		failed=1
	fi
}

# expect NAME LINE WANT...: offers exactly WANT.
expect() {
	local name=$1 line=$2 got want
	shift 2
	got=$(offers "$line")
	want=$(printf '%s\n' "$@" | sed '/^$/d' | sort)
	[ "$got" = "$want" ]
	report $? "$name" "line: $line
got: $(echo $got)
want: $(echo $want)"
}

# includes NAME LINE WANT...: offers at least WANT.
includes() {
	local name=$1 line=$2 got w missing=
	shift 2
	got=$(offers "$line")
	for w in "$@"; do
		grep -qxF -- "$w" <<<"$got" || missing="$missing $w"
	done
	[ -z "$missing" ]
	report $? "$name" "line: $line
missing:$missing
got: $(echo $got)"
}

includes "every command" "sysfence " check constants eval groups run show \
	syscalls --help --version
expect "a command by its prefix" "sysfence sy" syscalls
expect "options of a command" "sysfence syscalls --" --widths --json --arch --help
includes "options of run" "sysfence run --" --policy --all-threads \
	--complain --allow-new-privs --help
expect "policy files and directories for check" "sysfence check " a.policy \
	b.policy sub
expect "policy files after run -p" "sysfence run -p " a.policy b.policy sub
expect "policy files after run --policy" "sysfence run --policy a" a.policy
expect "ABIs for eval" "sysfence eval a.policy " i386 x32 x86_64
expect "syscall names of the ABI" "sysfence eval a.policy x86_64 getpp" getppid
expect "syscalls only one ABI has" "sysfence eval a.policy i386 socketc" \
	socketcall
expect "no i386-only syscall on x86_64" "sysfence eval a.policy x86_64 socketc"
expect "options before the operands are skipped" \
	"sysfence eval --explain a.policy x86_64 getpp" getppid
includes "constants for arguments" "sysfence eval a.policy x86_64 openat 0 O_CRE" \
	O_CREAT
expect "constants only one ABI has" "sysfence eval a.policy x86_64 fcntl 0 F_GETLK6"
expect "constants of i386" "sysfence eval a.policy i386 fcntl64 0 F_GETLK6" F_GETLK64
expect "group names" "sysfence groups system-" system-service
expect "group names by prefix" "sysfence groups s" setuid signal swap sync system-service
expect "group names with their @" "sysfence groups @sy" @sync @system-service
expect "import-oci architectures" "sysfence import-oci --arch x" x32 x86 x86_64
expect "import-oci's architectures, kernel names too" "sysfence import-oci --arch a" aarch64 amd64 arm arm64
expect "--arch names" "sysfence check --arch a" aarch64 amd64 arm64
expect "ABIs of --arch's architecture" "sysfence eval --arch arm64 a.policy " aarch64 arm
expect "syscalls of an ABI of --arch" "sysfence eval --arch=arm64 a.policy aarch64 getpp" getppid
expect "--arch's value is no operand" "sysfence eval --arch aarch64 a.policy aarch64 openat 0 0 O_DIREC" O_DIRECT O_DIRECTORY
expect "ABIs for syscalls --arch" "sysfence syscalls --arch arm64 a" aarch64 arm
expect "import-oci capabilities" "sysfence import-oci --caps CAP_SYS_AD" CAP_SYS_ADMIN
expect "import-oci capabilities after a comma" "sysfence import-oci --caps CAP_NET_RAW,CAP_SYS_AD" CAP_NET_RAW,CAP_SYS_ADMIN
expect "ABIs for syscalls" "sysfence syscalls x" x32 x86_64
expect "ABIs for constants" "sysfence constants i" i386
includes "the command run runs" "sysfence run -p a.policy -- ech" echo
includes "run's command without --" "sysfence run -p a.policy ech" echo
includes "PIDs for show" "sysfence show " $$
exit $failed
