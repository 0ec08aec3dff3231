#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Threads trap getppid() while more threads, more than the CPUs, change
# their signal mask in a loop, each change taking the siglock that sending
# SIGSYS takes. Every call gets its own SIGSYS. On PREEMPT_RT, where that
# lock sleeps, a module sending the signal from the probe (preemption
# disabled) would sooner or later find it held by a preempted thread and
# schedule: "BUG: scheduling while atomic", which fails the run.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'default allow\ntrap getppid\n' >p.policy
out=$(sysfence run -p p.policy -- /tests/progs/trapthreads 4 3000 4 2>&1)
[ "$out" = ok ] || fail "$out"
exit 0
