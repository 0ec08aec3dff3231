#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Debian's trinity fuzzes the kernel's syscalls as nobody from a process
# confined by random stacked policies (tests/qemu/progs/randpolicy.c, over
# the real syscall table): its children make random calls with random
# arguments through the module's probe, are denied, trapped and killed
# (trinity respawns them), while the probe walks random rules and
# conditions of up to 4 layers. Nothing may hang, and the kernel log must
# stay clean: vm-run fails the run on any KASAN, lockdep, WARNING, BUG or
# RCU report; kmemleak is asked for leaks of the module here.
#
# Runs where trinity is in /data/trinity (make check-qemu-kunit and make
# fuzz-kernel add it: scripts/fetch-trinity), for SF_TRINITY_SECONDS in
# rounds of fresh policies. The seed is printed; SF_TRINITY_SEED=N (make
# fuzz-kernel TRINITY_SEED=N) generates the same policies again.
set -u
fail() { echo "FAIL: $*"; exit 1; }
dir=/data/trinity
if [ ! -x $dir/bin/trinity ]; then
	echo "trinity runs in make check-qemu-kunit and make fuzz-kernel only (no /data/trinity)"
	exit 77
fi
seconds=${SF_TRINITY_SECONDS:-40}
seed=${SF_TRINITY_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
rounds=$(( seconds >= 40 ? seconds / 20 : 1 ))
echo "## trinity seed $seed: $rounds rounds, $seconds s (SF_TRINITY_SEED=$seed reproduces the policies)"

# What trinity's main process calls (its children start under its name
# too), the loader and libc before main(), and sysfence run after its
# loads: read from tracefs (sysfence_decision, filtered on comm) under a
# "default log" policy, plus their kin on rarer paths (alarm, dup2,
# sigaltstack, ...; sched_getaffinity, which a respawned child calls
# before it takes its name). These only ever get allow or log, so that
# trinity keeps running and respawning its children whatever the
# policies say; the fd providers among them (bpf, eventfd2, memfd_create,
# ...) run in main.
keep="access alarm arch_prctl bpf brk clock_gettime clock_nanosleep clone close
dup dup2 dup3 eventfd2 execve exit exit_group fanotify_init fcntl fstat futex
getcwd getdents64 getgid getpid getppid getrandom getrlimit getuid
inotify_init inotify_init1 kill lseek madvise memfd_create mmap mprotect
munmap nanosleep newfstatat openat pipe2 prctl pread64 prlimit64 read rseq
rt_sigaction rt_sigprocmask rt_sigreturn rt_sigtimedwait sched_getaffinity
sched_yield set_robust_list set_tid_address setrlimit shmat shmctl shmdt shmget
sigaltstack sysinfo tgkill uname unlink userfaultfd wait4 write"

start=$(date +%s)
leaks=/sys/kernel/debug/kmemleak
[ -w $leaks ] && echo clear >$leaks
# The policies and the table stay root's; trinity, as nobody, works in a
# directory of its own per round, since its children unlink, rename and
# chmod what they find there.
pol=/tmp/trinity-policies
mkdir -p $pol
sysfence syscalls -w >$pol/syscalls || fail "sysfence syscalls"

round=1
while [ $round -le $rounds ]; do
	rseed=$((seed + round))
	layers=$((1 + rseed % 4))
	opts=
	l=1
	while [ $l -le $layers ]; do
		# Each layer confines sysfence run's next load: the module's
		# ioctls (type 0xf5) stay allowed, trinity's others do not.
		echo 'allow x86_64:ioctl if (cmd & 0xff00) == 0xf500' >$pol/l$l.policy
		# shellcheck disable=SC2086 # $keep: one argument a name.
		/tests/progs/randpolicy $rseed $l $keep <$pol/syscalls >>$pol/l$l.policy ||
			fail "randpolicy $rseed $l"
		opts="$opts -p $pol/l$l.policy"
		l=$((l + 1))
	done
	# trinity's files: a plain one and the module's device (its ioctls
	# and reads fuzzed from confined children), instead of all of /dev,
	# /proc and /sys.
	work=/tmp/trinity-$round
	mkdir -p $work/victims
	echo victim >$work/victims/file
	ln -s /dev/sysfence $work/victims/sysfence
	chown -R nobody:nogroup $work
	# timeout's SIGINT reaches trinity itself (sysfence run executes it),
	# which stops its children and prints its count.
	out=$(su -s /bin/sh nobody -c "cd $work && timeout -s INT -k 30 $((seconds / rounds)) \
		sysfence run $opts -- $dir/lib/ld-linux-x86-64.so.2 --library-path $dir/lib \
		$dir/bin/trinity -q -l off -s $rseed -C 4 -V $work/victims -x reboot \
		--disable-fds=sockets,perf,epoll,timerfd,drm" 2>&1)
	rc=$?
	# Whatever the policies did, no confined process may outlive the round.
	su -s /bin/sh nobody -c 'kill -9 -1' 2>/dev/null
	ran=$(echo "$out" | sed -n 's/.*Ran \([0-9]*\) syscalls.*/\1/p' | tail -n 1)
	if [ -z "$ran" ]; then
		echo "$out" | tail -n 30
		for p in $pol/l*.policy; do
			echo "== $p"
			cat "$p"
		done
		fail "round $round (seed $rseed, $layers layers): trinity exited $rc before its count"
	fi
	why=$(echo "$out" | sed -n 's/.*Bailing main loop because \(.*\)\.$/\1/p' | tail -n 1)
	echo "## round $round: seed $rseed, $layers layers, trinity ran $ran syscalls, stopped by: $why"
	rm -rf $pol/l*.policy $work
	round=$((round + 1))
done
sleep 1
if ps -o user,comm | grep -q '^nobody'; then
	ps -o pid,user,comm
	fail "processes of nobody survived kill -9 -1"
fi

if [ -w $leaks ]; then
	# Freed layers wait for grace periods and a work item; kmemleak
	# reports an object only on its second sighting.
	sleep 3
	echo scan >$leaks
	sleep 1
	echo scan >$leaks
	if grep -q 'sf_\|sysfence' $leaks; then
		cat $leaks
		fail "kmemleak found leaks of the module (seed $seed)"
	fi
fi
echo "## $(($(date +%s) - start)) s of guest time in all"
exit 0
