// SPDX-License-Identifier: GPL-2.0
/*
 * Which tasks take the slow syscall path: only confined ones, unless another
 * user of the syscall tracepoints needs them all.
 *
 * The entry code calls the sys_enter tracepoint only for a task whose
 * syscall work has SYSCALL_TRACEPOINT (TIF_SYSCALL_TRACEPOINT before
 * generic entry). The kernel sets it on every thread when the first probe
 * registers on sys_enter or sys_exit and clears it on every thread when the
 * last goes (syscall_regfunc() and syscall_unregfunc(), kernel/tracepoint.c),
 * and a child copies its parent's at fork (syscall_tracepoint_update(),
 * include/trace/syscall.h). Left alone, a single confined task would put every
 * thread of the system on the slow path, as seccomp never does.
 *
 * So an unconfined task that reaches the sys_enter probe clears its own
 * flag, and returns to the fast path from its next syscall, when nobody
 * else needs its syscalls: when the only probe on the two tracepoints is
 * ours. A tracer that attaches later (perf, ftrace's raw_syscalls and
 * syscalls events, a BPF program) finds the refcount already up and would
 * not get the flag set again: kprobes on the registration functions set it
 * on every thread before the tracer's probe is published, and hold the
 * unconfined tasks on the slow path until the registration has returned.
 * When the tracer detaches, the unconfined tasks leave again one by one at
 * their next syscall. Confined tasks always keep the flag: an install sets
 * it after the task's entry is in the table, the fork probe sets it on every
 * child, and a task clears it only after it has seen no entry of its own.
 *
 * Root can make kprobes stop firing without their owners knowing: the
 * debugfs kprobes/enabled switch disarms them all, and on x86 the
 * ftrace_enabled sysctl stops those at function entries, which run on
 * ftrace. A registration can also have passed the kprobes' address before
 * they were armed and publish its probe later. So the kprobes are not
 * trusted alone: a work item (sf_fastpath_watch()) runs every
 * SF_WATCH_PERIOD while tasks may leave, checks that a kprobe on a
 * function of ours fires when called (the canary) and that no task left
 * the slow path while a foreign probe may have come, and otherwise puts
 * every thread back on it. While the canary does not fire, no task leaves.
 *
 * Without kprobes (CONFIG_KPROBES off, or registration refused) nothing is
 * cleared: every task stays on the slow path, as before, which costs time
 * but loses no event and confines no task less.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/thread_info.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>

#include "fastpath.h"
#include "task.h"

static struct tracepoint *sf_tp_enter, *sf_tp_exit;
static void *sf_own_probe;

/*
 * Registrations on sys_enter or sys_exit between their start and return:
 * while one is under way its probe may be published at any moment, so no
 * task may leave the slow path. Zeroed only while no kprobe is registered,
 * so it can be too high (a return probe that found no free instance),
 * which keeps tasks on the slow path and loses nothing, never too low.
 */
static atomic_t sf_fastpath_pending = ATOMIC_INIT(0);

/*
 * Whether tasks may leave the slow path: set once the kprobes are
 * registered, cleared before the module's probes go. Written under
 * sf_hook_mutex, read by the probes.
 */
static bool sf_fastpath_active;

/*
 * Whether the canary fired when the watch last called it: while it does
 * not, the kprobes may not be firing either, and no task leaves the slow
 * path. Written by sf_fastpath_enable() and the watch, read by the probes.
 */
static bool sf_fastpath_watched;

/*
 * Set by a task that has left the slow path (unless set already), reset by
 * sf_flag_all() before its walk: whether a task may be off the slow path
 * that a probe published since the last walk has not put back on it.
 */
static bool sf_fastpath_left;

static unsigned long sf_canary_hits;

/*
 * How often the watch runs, and so how long a tracer whose registration
 * the kprobes did not see can miss the syscalls of tasks that had left the
 * slow path (docs/enforcement.md). Not deferrable: an idle CPU must not
 * hold the watch back while other CPUs run the tasks a tracer misses; one
 * wakeup a second, only while a task is confined, is the price.
 */
#define SF_WATCH_PERIOD HZ
static void sf_fastpath_watch(struct work_struct *work);
static DECLARE_DELAYED_WORK(sf_watch_work, sf_fastpath_watch);

/* Enough for every registration that can wait on tracepoints_mutex. */
#define SF_KRETPROBE_MAXACTIVE 64

static bool sf_is_syscall_tp(const struct tracepoint *tp)
{
	return tp && (tp == sf_tp_enter || tp == sf_tp_exit);
}

/*
 * Whether a probe other than ours is on either syscall tracepoint. The
 * arrays are read as __DO_TRACE() reads them; the caller has preemption
 * off, which holds them (they are freed after an RCU-sched grace period).
 */
static bool sf_foreign_probes(void)
{
	const struct tracepoint_func *f;

	f = rcu_dereference_raw(sf_tp_exit->funcs);
	if (f && f->func)
		return true;
	f = rcu_dereference_raw(sf_tp_enter->funcs);
	for (; f && f->func; f++)
		if (f->func != sf_own_probe)
			return true;
	return false;
}

static bool sf_slow_path_needed(void)
{
	if (!READ_ONCE(sf_fastpath_watched) ||
	    atomic_read(&sf_fastpath_pending))
		return true;
	/* A registration publishes its probe before it counts down. */
	smp_rmb();
	return sf_foreign_probes();
}

/* Puts every thread of the system on the slow path, as syscall_regfunc(). */
static void sf_flag_all(void)
{
	struct task_struct *p, *t;

	WRITE_ONCE(sf_fastpath_left, false);
	/*
	 * A task that leaves after this sees what made us walk: pairs with
	 * the barriers in sf_fastpath_leave().
	 */
	smp_mb();
	/*
	 * Without tasklist_lock: a thread this walk misses is one forked
	 * meanwhile, and the fork probe flags every child (see
	 * sf_fastpath_fork()). RCU keeps the lists walkable.
	 */
	rcu_read_lock();
	for_each_process_thread(p, t)
		set_task_syscall_work(t, SYSCALL_TRACEPOINT);
	rcu_read_unlock();
}

/* At the entry of each registration function: see the file comment. */
static int sf_register_entry(struct kprobe *kp, struct pt_regs *regs)
{
	if (!sf_is_syscall_tp((void *)regs_get_kernel_argument(regs, 0)))
		return 0;
	atomic_inc(&sf_fastpath_pending);
	/* Pairs with the barrier in sf_fastpath_leave(). */
	smp_mb__after_atomic();
	sf_flag_all();
	return 0;
}

static int sf_register_ret_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	/* Non-zero: no return handler for other tracepoints. */
	return !sf_is_syscall_tp((void *)regs_get_kernel_argument(regs, 0));
}

static int sf_register_ret(struct kretprobe_instance *ri,
			   struct pt_regs *regs)
{
	/* The new probe is published: let tasks see it before the count. */
	smp_mb__before_atomic();
	atomic_dec(&sf_fastpath_pending);
	return 0;
}

/*
 * Every registration on a tracepoint goes through one of these (the
 * _may_exist one for BPF raw tracepoints); one may call another, which
 * counts twice and returns twice.
 */
static const char *const sf_register_funcs[] = {
	"tracepoint_probe_register",
	"tracepoint_probe_register_prio",
	"tracepoint_probe_register_prio_may_exist",
};

static struct kprobe sf_kprobes[ARRAY_SIZE(sf_register_funcs)];
static struct kretprobe sf_kretprobes[ARRAY_SIZE(sf_register_funcs)];
static struct kprobe *sf_kprobe_ptrs[ARRAY_SIZE(sf_register_funcs)];
static struct kretprobe *sf_kretprobe_ptrs[ARRAY_SIZE(sf_register_funcs)];

static int sf_canary_hit(struct kprobe *kp, struct pt_regs *regs)
{
	WRITE_ONCE(sf_canary_hits, sf_canary_hits + 1);
	return 0;
}

static struct kprobe sf_canary_kprobe;

/* Probed where the registration functions are, by the same means. */
static noinline void sf_canary(void)
{
	/* The call and the function must stay, though they do nothing. */
	asm volatile("" ::: "memory");
}

/*
 * Whether the kprobes fire: none of them is disabled or gone, and the
 * canary, a kprobe armed and disarmed with them (the same mechanism, see
 * sf_fastpath_enable()), fires when its function is called. Called only
 * from the watch and, before the watch is queued, from
 * sf_fastpath_enable().
 */
static bool sf_kprobes_fire(void)
{
	unsigned long hits = READ_ONCE(sf_canary_hits);
	int i;

	for (i = 0; i < ARRAY_SIZE(sf_kprobes); i++)
		if (kprobe_disabled(&sf_kprobes[i]) ||
		    kprobe_disabled(&sf_kretprobes[i].kp))
			return false;
	sf_canary();
	return READ_ONCE(sf_canary_hits) != hits;
}

/*
 * The backstop of the kprobes, every SF_WATCH_PERIOD while tasks may leave
 * the slow path. While the canary is silent, no task leaves. When it is
 * silent, or a probe other than ours is on the syscall tracepoints (which
 * the kprobes may not have seen), every task that left since the last walk
 * is put back on the slow path. sf_fastpath_left, reset only by a walk,
 * makes this blind to no probe that came between two runs, whatever the
 * arrays' addresses; a probe that the kprobes did not see and that went
 * before the next run is the one that misses what tasks off the slow path
 * did meanwhile (docs/enforcement.md).
 */
static void sf_fastpath_watch(struct work_struct *work)
{
	bool fire = sf_kprobes_fire(), foreign;

	WRITE_ONCE(sf_fastpath_watched, fire);
	preempt_disable();
	foreign = sf_foreign_probes();
	preempt_enable();
	/*
	 * Decide, then read whether a task left: pairs with the barriers in
	 * sf_fastpath_leave(), so that a task that left unseen has seen what
	 * this run saw, and put itself back.
	 */
	smp_mb();
	if (READ_ONCE(sf_fastpath_left) && (foreign || !fire))
		sf_flag_all();
	if (READ_ONCE(sf_fastpath_active))
		queue_delayed_work(system_wq, &sf_watch_work, SF_WATCH_PERIOD);
}

/*
 * The canary stands for the others only if it is armed the same way: at
 * an ftrace call site (x86 function entries) or by a breakpoint.
 */
static bool sf_canary_like_kprobes(void)
{
	bool ftrace = kprobe_ftrace(&sf_canary_kprobe);
	int i;

	for (i = 0; i < ARRAY_SIZE(sf_kprobes); i++)
		if (kprobe_ftrace(&sf_kprobes[i]) != ftrace ||
		    kprobe_ftrace(&sf_kretprobes[i].kp) != ftrace)
			return false;
	return true;
}

/**
 * sf_fastpath_enable - Start letting unconfined tasks leave the slow path
 * @enter: The sys_enter tracepoint.
 * @exit: The sys_exit tracepoint.
 * @probe: The module's sys_enter probe, the one probe that needs no task
 *         but the confined ones.
 *
 * Called before @probe is registered, under sf_hook_mutex. Failing to
 * register the kprobes is no error: tasks then stay on the slow path.
 */
void sf_fastpath_enable(struct tracepoint *enter, struct tracepoint *exit,
			void *probe)
{
	int i, err;

	if (!IS_ENABLED(CONFIG_KPROBES) || !IS_ENABLED(CONFIG_KRETPROBES)) {
		pr_info_once("no kprobes in this kernel: every task stays on the slow syscall path while one is confined\n");
		return;
	}
	sf_tp_enter = enter;
	sf_tp_exit = exit;
	sf_own_probe = probe;
	/* No kprobe can run now: the count starts from a known zero. */
	atomic_set(&sf_fastpath_pending, 0);
	/* Fresh each time: a kprobe keeps state from its last registration. */
	memset(sf_kprobes, 0, sizeof(sf_kprobes));
	memset(sf_kretprobes, 0, sizeof(sf_kretprobes));
	for (i = 0; i < ARRAY_SIZE(sf_register_funcs); i++) {
		sf_kprobes[i].symbol_name = sf_register_funcs[i];
		sf_kprobes[i].pre_handler = sf_register_entry;
		sf_kprobe_ptrs[i] = &sf_kprobes[i];
		sf_kretprobes[i].kp.symbol_name = sf_register_funcs[i];
		sf_kretprobes[i].entry_handler = sf_register_ret_entry;
		sf_kretprobes[i].handler = sf_register_ret;
		sf_kretprobes[i].maxactive = SF_KRETPROBE_MAXACTIVE;
		sf_kretprobe_ptrs[i] = &sf_kretprobes[i];
	}
	err = register_kprobes(sf_kprobe_ptrs, ARRAY_SIZE(sf_kprobe_ptrs));
	if (err)
		goto fail;
	err = register_kretprobes(sf_kretprobe_ptrs,
				  ARRAY_SIZE(sf_kretprobe_ptrs));
	if (err)
		goto fail_kretprobes;
	memset(&sf_canary_kprobe, 0, sizeof(sf_canary_kprobe));
	sf_canary_kprobe.addr = (kprobe_opcode_t *)sf_canary;
	sf_canary_kprobe.pre_handler = sf_canary_hit;
	err = register_kprobe(&sf_canary_kprobe);
	if (err)
		goto fail_canary;
	if (!sf_canary_like_kprobes()) {
		err = -EXDEV;
		goto fail_like;
	}
	WRITE_ONCE(sf_fastpath_watched, sf_kprobes_fire());
	WRITE_ONCE(sf_fastpath_active, true);
	queue_delayed_work(system_wq, &sf_watch_work, SF_WATCH_PERIOD);
	return;
fail_like:
	unregister_kprobe(&sf_canary_kprobe);
fail_canary:
	unregister_kretprobes(sf_kretprobe_ptrs, ARRAY_SIZE(sf_kretprobe_ptrs));
fail_kretprobes:
	unregister_kprobes(sf_kprobe_ptrs, ARRAY_SIZE(sf_kprobe_ptrs));
fail:
	sf_kprobe_ptrs[0] = NULL;
	pr_info_once("cannot watch tracepoint registrations (%d): every task stays on the slow syscall path while one is confined\n",
		     err);
}

/**
 * sf_fastpath_stop - Keep every task on the slow path from now on
 *
 * Called before the module's probes are unregistered, under sf_hook_mutex,
 * with no task confined: no task leaves the slow path and no child is put
 * on it any more, so that none is left on it after the probes are gone.
 */
void sf_fastpath_stop(void)
{
	WRITE_ONCE(sf_fastpath_active, false);
	/* Nor does the watch put them on it after the kernel took them off. */
	cancel_delayed_work_sync(&sf_watch_work);
}

/**
 * sf_fastpath_disable - Stop the kprobes
 *
 * Called after the module's sys_enter probe is unregistered, under
 * sf_hook_mutex: whatever flags remain are the kernel's business again
 * (syscall_unregfunc() clears them all once the last probe is gone).
 */
void sf_fastpath_disable(void)
{
	int i;

	WRITE_ONCE(sf_fastpath_active, false);
	if (!sf_kprobe_ptrs[0])
		return;
	/* It calls the canary, and puts tasks on the slow path no more. */
	cancel_delayed_work_sync(&sf_watch_work);
	unregister_kprobe(&sf_canary_kprobe);
	unregister_kretprobes(sf_kretprobe_ptrs, ARRAY_SIZE(sf_kretprobe_ptrs));
	unregister_kprobes(sf_kprobe_ptrs, ARRAY_SIZE(sf_kprobe_ptrs));
	for (i = 0; i < ARRAY_SIZE(sf_kretprobes); i++)
		if (sf_kretprobes[i].nmissed)
			pr_warn_once("%s returned without its return probe: tasks stayed on the slow syscall path\n",
				     sf_register_funcs[i]);
	sf_kprobe_ptrs[0] = NULL;
}

/**
 * sf_fastpath_leave - Take the current, unconfined task off the slow path
 *
 * Called from the sys_enter probe, preemption off and under RCU, for a
 * task it found unconfined. Clears the task's flag if no other user of the
 * syscall tracepoints is registered or registering and the kprobes are
 * known to fire, then checks again, against a registration, an install or
 * the watch that raced with it: each of those sets the flag after making
 * itself visible (or after reading sf_fastpath_left), and this clears
 * before looking (and before marking sf_fastpath_left), with full barriers
 * between (store-buffering pairs with sf_register_entry(),
 * sf_fastpath_confine(), sf_flag_all() and sf_fastpath_watch()), so one of
 * the two sides sees the other. sf_fastpath_left is written only when
 * unset, so that tasks leaving one after another share its cache line.
 */
void sf_fastpath_leave(void)
{
	if (!READ_ONCE(sf_fastpath_active) || sf_slow_path_needed())
		return;
	clear_task_syscall_work(current, SYSCALL_TRACEPOINT);
	/* Clear, then mark and look: pairs with sf_register_entry() etc. */
	smp_mb__after_atomic();
	if (!READ_ONCE(sf_fastpath_left)) {
		WRITE_ONCE(sf_fastpath_left, true);
		/* Mark, then look: pairs with sf_flag_all(), the watch. */
		smp_mb();
	}
	if (sf_slow_path_needed() || sf_task_stack(current))
		set_task_syscall_work(current, SYSCALL_TRACEPOINT);
}

/**
 * sf_fastpath_confine - Put a task that was just confined on the slow path
 * @task: The task, whose table entry is visible already.
 */
void sf_fastpath_confine(struct task_struct *task)
{
	/* Pairs with the barrier in sf_fastpath_leave(). */
	smp_mb__before_atomic();
	set_task_syscall_work(task, SYSCALL_TRACEPOINT);
}

/**
 * sf_fastpath_fork - Put a new task on the slow path
 * @child: The new task, not yet running.
 *
 * Every child, confined or not: syscall_tracepoint_update() copied its
 * parent's flag after the child became visible to sf_flag_all()'s walk and
 * to an all-threads install (which both may have set it meanwhile), and may
 * have cleared it. A child that needs no slow path leaves it at its first
 * syscall. While tasks do not leave the slow path, each has the flag from
 * its parent as the kernel gave it.
 */
void sf_fastpath_fork(struct task_struct *child)
{
	if (READ_ONCE(sf_fastpath_active))
		set_task_syscall_work(child, SYSCALL_TRACEPOINT);
}
