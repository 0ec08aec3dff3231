#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/qemu/shquote.sh, which the demo uses to show each command as one
# would type it: the exact text for the demo's own commands, and every
# argument given back whole by the shell. TAP on stdout.
set -u

. tests/qemu/shquote.sh
n=0
failed=0

# expect NAME WANT ARG...: shquote ARG... prints WANT, which the shell
# splits back into ARG... exactly.
expect() {
	name=$1 want=$2
	shift 2
	got=$(shquote "$@")
	n=$((n + 1))
	want_args=$(printf '<%s>' "$@")
	eval "set -- $got"
	back=$(printf '<%s>' "$@")
	if [ "$got" = "$want" ] && [ "$back" = "$want_args" ]; then
		echo "ok $n - shquote: $name"
	else
		echo "not ok $n - shquote: $name"
		printf '#   got:  %s\n#   want: %s\n#   split back: %s\n#   args:       %s\n' \
			"$got" "$want" "$back" "$want_args"
		failed=1
	fi
}

expect "plain words stay bare" "sysfence run -p demo.policy -- /tests/progs/syscall getppid" \
	sysfence run -p demo.policy -- /tests/progs/syscall getppid
expect "the demo's sh -c keeps its quotes" \
	"sysfence run -p demo.policy -- sh -c 'sysfence show | grep -E '\\''^(abi|default|x86_64 (1|2) )'\\'''" \
	sysfence run -p demo.policy -- sh -c "sysfence show | grep -E '^(abi|default|x86_64 (1|2) )'"
expect "an empty argument" "a '' b" a "" b
expect "a lone quote" "''\\'''" "'"
expect "spaces, tabs, globs and dollars" "'a b' '	' '*' '\$HOME' '\"'" \
	"a b" "	" "*" '$HOME' '"'
expect "a newline inside" "'x
y'" "x
y"
echo "1..$n"
exit $failed
