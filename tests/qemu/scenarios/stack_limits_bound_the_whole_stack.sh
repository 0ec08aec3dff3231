#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The limits on what deciding one syscall may cost hold for the stack as a
# whole, not per layer: a policy that fits alone is refused, with a message
# naming the limit, once the layers below it would take the stack past it,
# and nothing of the refused load is installed.
set -u
fail() { echo "FAIL: $*"; exit 1; }
# 40 rules of 250 chained comparisons on write: 10002 steps per layer (the
# table lookup, 10000 comparisons, a leaf); 3 layers fit in 32768, 4 not.
awk 'BEGIN {
	print "default allow"
	for (r = 0; r < 40; r++) {
		printf "errno EPERM write if"
		for (k = 0; k < 250; k++)
			printf "%s count > %d", (k ? " &&" : ""), r * 250 + k
		print ""
	}
}' >heavy.policy
args=
i=0
while [ $i -lt 3 ]; do
	args="$args -p heavy.policy"
	i=$((i + 1))
done
out=$(sysfence run $args -- /tests/progs/syscall getppid 2>&1) ||
	fail "3 layers refused: $out"
case $out in "ret "*) ;; *) fail "3 layers: $out" ;; esac

out=$(sysfence run $args -p heavy.policy -- /tests/progs/syscall getppid 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "4 layers were accepted: $out"
case $out in
*"heavy.policy: error: a syscall could take 40008 steps over the stack (limit 32768; this policy: 10002)"*) ;;
*) fail "unexpected refusal: $out" ;;
esac
# The program never ran, confined by 3 layers or otherwise.
case $out in *"ret "*) fail "the program ran: $out" ;; esac
exit 0
