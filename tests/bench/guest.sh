#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of tests/bench/run, booted with --no-load so the first
# figures are of a kernel that never saw the module. Prints
# "RESULT SETUP CALL VALUE" lines, one per setup, call and round: VALUE is
# nanoseconds, or instructions when the VM counts them (vm-run --icount).
#
# Arguments: ITERATIONS REPEATS COMMAND-REPEATS ROUNDS SETTLE
# "SFBENCH-FLAGS" "ARGUMENT-RULE COUNTS" "CONSTANT-RULE COUNTS"
# STACK-LAYERS WORKLOAD-POLICY (the workload's policy for no capability,
# written for the native ABI) MANY (the confined sleeping threads of the
# beside-many setup). Each setup runs ROUNDS times, the setups
# compared with each other taking turns within a round, so that a host
# that slows down for a while slows all of them alike; each run is one
# sfbench process timing REPEATS rounds of ITERATIONS calls, or
# COMMAND-REPEATS runs of the real workload. The policies, rule files and the tree the workload archives
# are in the current directory (/data).
# $flags, $calls, $workload and $layers are word lists, split on purpose.
# shellcheck disable=SC2086
set -e
# Where a program's stack and mappings land changes the instructions its
# page faults and copies take: the same addresses on every run.
echo 0 >/proc/sys/kernel/randomize_va_space
n=$1
r=$2
xr=$3
rounds=$4
settle_s=$5
flags=$6
arg_counts=$7
const_counts=$8
STACK_LAYERS=$9
macro_policy=${10}
many_threads=${11}
bench=/tests/progs/sfbench
calls="getppid personality denied"
# The real workload: busybox tar archiving a tree of small files, thousands
# of syscalls (openat, newfstatat, getdents64, read, write, close) per run.
workload="busybox tar -cf - tree"

measure() { # SETUP COMMAND...
	setup=$1
	shift
	# A command that fails says so: the report then names what is missing.
	{ "$@" || echo "bench: $setup: '$*' exited $?" >&2; } |
		while read -r call value; do
			echo "RESULT $setup $call $value"
		done
}

# The module unregisters its probes a second after the last confined task
# exits (module/task.c, SF_IDLE_DELAY), and those of the skip proof shortly
# after insmod (module/skip_proof.c); until then every task takes the
# syscall slow path. Setups that time unconfined tasks wait that out when
# a task was confined, or the module loaded, since.
slow_path=0
settle() {
	if [ "$slow_path" = 1 ]; then
		sleep "$settle_s"
		slow_path=0
	fi
}

# A task confined beside the measured one, for as long as the setup runs:
# confined once it has executed sleep (sysfence run confines, then execs).
other=
confine_other() {
	sysfence run -p containers.policy -- sleep 100000 &
	other=$!
	while [ "$(cat "/proc/$other/comm" 2>/dev/null)" != sleep ]; do
		sleep 0.05
	done
	slow_path=1
}
release_other() {
	kill "$other"
	wait "$other" 2>/dev/null || true
}

# SETUP...: ROUNDS rounds, each running every SETUP once, in order.
rounds() {
	i=0
	while [ $i -lt "$rounds" ]; do
		for s in "$@"; do
			run_setup "$s"
		done
		i=$((i + 1))
	done
}

# The worst case the stack limits allow: STACK_LAYERS layers whose write
# takes its longest path (every comparison but each rule's last holds), at
# most SF_MAX_STACK_STEPS steps in all. Slow per call: fewer iterations.
wn=$((n / 1000))
[ "$wn" -ge 20 ] || wn=20
layers=
i=0
while [ $i -lt "$STACK_LAYERS" ]; do
	layers="$layers -p worst.policy"
	i=$((i + 1))
done

run_setup() {
	case $1 in
	# Unconfined getppid without and with the module loaded, nothing
	# confined: what loading alone costs.
	unloaded)
		# rmmod fails with EAGAIN until the skip proof is over.
		tries=0
		while grep -q '^sysfence ' /proc/modules; do
			rmmod sysfence 2>/dev/null && break
			tries=$((tries + 1))
			if [ $tries -ge 100 ]; then
				echo "bench: cannot unload the module" >&2
				exit 1
			fi
			sleep 0.1
		done
		measure unloaded $bench $flags -n "$n" -r "$r" getppid
		;;
	loaded)
		insmod /lib/sysfence/sysfence.ko
		slow_path=1
		settle
		measure loaded $bench $flags -n "$n" -r "$r" getppid
		;;
	# The main comparison: the calls and the real workload bare, under
	# seccomp-bpf, unconfined beside a confined task, under sysfence (and
	# with a listener); unconfined setups first, after the settle.
	main)
		settle
		measure bare $bench $flags -n "$n" -r "$r" $calls
		measure macro-bare $bench $flags -r "$xr" -x $workload
		measure seccomp $bench $flags -n "$n" -r "$r" -s containers.json $calls
		# The profile for no capability, as the workload's policy
		# imports it.
		measure macro-seccomp $bench $flags -r "$xr" -N -s containers.json \
			-x $workload
		confine_other
		measure other-confined $bench $flags -n "$n" -r "$r" getppid
		measure macro-neighbour $bench $flags -r "$xr" -x $workload
		release_other
		measure sysfence sysfence run -p containers.policy -- \
			$bench $flags -n "$n" -r "$r" $calls
		measure macro-sysfence sysfence run -p "$macro_policy" -- \
			$bench $flags -r "$xr" -x $workload
		# The same policy with a listener that monitor drains: what an
		# allowed call and a recorded denial cost then.
		measure sysfence-listener sysfence monitor -o /dev/null \
			-p containers.policy -- $bench $flags -n "$n" -r "$r" \
			getppid denied
		slow_path=1
		;;
	# Growth with policy size (args-K, const-K: K rules).
	seccomp-args-*)
		measure "$1" $bench $flags -n "$n" -r "$r" \
			-s "${1#seccomp-}.rules" personality
		;;
	sysfence-args-*)
		measure "$1" sysfence run -p "${1#sysfence-}.policy" -- \
			$bench $flags -n "$n" -r "$r" personality
		slow_path=1
		;;
	seccomp-const-*)
		measure "$1" $bench $flags -n "$n" -r "$r" \
			-s "${1#seccomp-}.rules" denied
		;;
	sysfence-const-*)
		measure "$1" sysfence run -p "${1#sysfence-}.policy" -- \
			$bench $flags -n "$n" -r "$r" denied
		slow_path=1
		;;
	# Unconfined getppid while MANY confined threads sleep: the task
	# table's size must not reach unconfined tasks.
	beside-many)
		measure beside-many $bench $flags -n "$n" -r "$r" getppid
		;;
	stack-bare)
		settle
		measure stack-bare $bench $flags -n "$wn" -r "$r" write
		;;
	stack-limit)
		measure stack-limit sysfence run $layers -- \
			$bench $flags -n "$wn" -r "$r" write
		slow_path=1
		;;
	*)
		echo "bench: no setup $1" >&2
		exit 1
		;;
	esac
}

growth_seccomp=
growth_sysfence=
for k in $arg_counts; do
	growth_seccomp="$growth_seccomp seccomp-args-$k"
	growth_sysfence="$growth_sysfence sysfence-args-$k"
done
for k in $const_counts; do
	growth_seccomp="$growth_seccomp seccomp-const-$k"
	growth_sysfence="$growth_sysfence sysfence-const-$k"
done

rounds unloaded loaded

# The workload must do the same work under every setup: a call a policy
# denied would make it skip files and look fast. sfbench fails on a run
# that exits non-zero; this compares what the archive lists.
want=$($workload | busybox tar -tvf - | md5sum)
got=$(sysfence run -p "$macro_policy" -- $workload |
	busybox tar -tvf - | md5sum)
if [ "$got" != "$want" ]; then
	echo "bench: the workload archives another tree under sysfence" >&2
	exit 1
fi
slow_path=1

rounds main

# MANY confined threads in one process, alive for the rounds of beside-many
# (tests/qemu/progs/manythreads: each thread makes one call and sleeps).
echo $((many_threads * 2 + 1000)) >/proc/sys/kernel/threads-max
/tests/progs/manythreads "$many_threads" containers.policy >many.out 2>&1 &
many=$!
until grep -q confined many.out; do
	if ! kill -0 "$many" 2>/dev/null; then
		echo "bench: manythreads: $(cat many.out)" >&2
		exit 1
	fi
	sleep 0.2
done
rounds beside-many
kill "$many"
wait "$many" 2>/dev/null || true
slow_path=1
# All seccomp setups of the growth, then all sysfence ones, so that no
# seccomp run follows a confined one.
rounds $growth_seccomp
rounds $growth_sysfence
rounds stack-bare stack-limit
