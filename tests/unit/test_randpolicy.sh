#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/qemu/progs/randpolicy, the policy generator of the QEMU scenario
# trinity_under_random_policies, over this tree's syscall table: 400
# seeds' policies all compile, a seed prints the same policy twice, and
# the KEEP syscalls only ever get allow or log. (The scenario fails on a
# policy that does not load; this finds it without a VM.) TAP on stdout.
set -u
sf=${SYSFENCE:-userland/sysfence}
gen=${RANDPOLICY:-${BUILD:-build}/progs/randpolicy}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
keep="read write wait4 kill mmap getpid"
"$sf" syscalls -w >"$tmp/syscalls"

bad=0
seed=1
while [ $seed -le 400 ]; do
	"$gen" $seed $((seed % 4 + 1)) $keep <"$tmp/syscalls" >"$tmp/p.policy" || bad=1
	if ! "$sf" check "$tmp/p.policy" >"$tmp/out" 2>&1; then
		bad=1
		break
	fi
	seed=$((seed + 1))
done
if [ $bad = 0 ]; then
	echo "ok 1 - randpolicy: 400 seeds' policies compile"
else
	echo "not ok 1 - randpolicy: seed $seed's policy does not compile"
	sed 's/^/#   /' "$tmp/out" | head -n 20
fi

"$gen" 42 3 $keep <"$tmp/syscalls" >"$tmp/a"
"$gen" 42 3 $keep <"$tmp/syscalls" >"$tmp/b"
"$gen" 42 2 $keep <"$tmp/syscalls" >"$tmp/c"
if cmp -s "$tmp/a" "$tmp/b" && ! cmp -s "$tmp/a" "$tmp/c"; then
	echo "ok 2 - randpolicy: a seed and layer print one policy, another layer another"
else
	echo "not ok 2 - randpolicy: not a function of seed and layer"
	bad=1
fi

# Every rule naming a kept call: allow or log.
seed=1
: >"$tmp/harsh"
while [ $seed -le 100 ]; do
	"$gen" $seed 1 $keep <"$tmp/syscalls" |
		grep -E '^(errno|deny|trap|kill|kill-thread) ' |
		grep -E 'x86_64:(read|write|wait4|kill|mmap|getpid)( |,|$)' >>"$tmp/harsh"
	seed=$((seed + 1))
done
if [ ! -s "$tmp/harsh" ]; then
	echo "ok 3 - randpolicy: kept syscalls only get allow or log"
else
	echo "not ok 3 - randpolicy: kept syscalls get a severe action"
	sed 's/^/#   /' "$tmp/harsh" | head -n 5
	bad=1
fi
exit $bad
