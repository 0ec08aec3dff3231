#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of tests/bench/run, booted with --no-load so the first
# figures are of a kernel that never saw the module. Prints
# "RESULT SETUP CALL NS" lines. Arguments: ITERATIONS REPEATS
# "ARGUMENT-RULE COUNTS" "CONSTANT-RULE COUNTS" STACK-LAYERS; the policies and
# rule files
# are in the current directory (/data).
set -e
n=$1
r=$2
arg_counts=$3
const_counts=$4
STACK_LAYERS=$5
bench=/tests/progs/sfbench
calls="getppid personality denied"

measure() { # SETUP COMMAND...
	setup=$1
	shift
	# A command that fails says so: the report then names what is missing.
	{ "$@" || echo "bench: $setup: '$*' exited $?" >&2; } |
		while read -r call ns; do
			echo "RESULT $setup $call $ns"
		done
}

measure bare $bench -n "$n" -r "$r" $calls
insmod /lib/sysfence/sysfence.ko
measure loaded $bench -n "$n" -r "$r" getppid

sysfence run -p containers.policy -- sleep 100000 &
confined=$!
sleep 1
measure other-confined $bench -n "$n" -r "$r" getppid
kill $confined
wait $confined 2>/dev/null || true

measure seccomp $bench -n "$n" -r "$r" -s containers.json $calls
measure sysfence sysfence run -p containers.policy -- $bench -n "$n" -r "$r" $calls
# The same policy with a listener that monitor drains: what an allowed call
# and a recorded denial cost then.
measure sysfence-listener sysfence monitor -o /dev/null -p containers.policy -- \
	$bench -n "$n" -r "$r" getppid denied

for k in $arg_counts; do
	measure "seccomp-args-$k" $bench -n "$n" -r "$r" -s "args-$k.rules" personality
	measure "sysfence-args-$k" sysfence run -p "args-$k.policy" -- \
		$bench -n "$n" -r "$r" personality
done
for k in $const_counts; do
	measure "seccomp-const-$k" $bench -n "$n" -r "$r" -s "const-$k.rules" denied
	measure "sysfence-const-$k" sysfence run -p "const-$k.policy" -- \
		$bench -n "$n" -r "$r" denied
done

# The worst case the stack limits allow: STACK_LAYERS layers whose write
# takes its longest path (every comparison but each rule's last holds), at
# most SF_MAX_STACK_STEPS steps in all. Slow per call: fewer iterations.
wn=$((n / 1000))
[ "$wn" -ge 20 ] || wn=20
measure stack-bare $bench -n "$wn" -r "$r" write
layers=
i=0
while [ $i -lt "$STACK_LAYERS" ]; do
	layers="$layers -p worst.policy"
	i=$((i + 1))
done
measure stack-limit sysfence run $layers -- $bench -n "$wn" -r "$r" write
