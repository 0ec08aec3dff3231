// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint probes: sys_enter decides every syscall of a confined task,
 * sched_process_fork and sched_process_exit keep the task table in step with
 * task creation and exit.
 *
 * Registering a sys_enter probe puts every task of the system on the slow
 * syscall path, confined or not: unconfined tasks take themselves off it
 * (fastpath.c), and the probes are registered only while at least one task
 * is confined: task.c enables them before it confines the first task and
 * disables them from a work item shortly after the last one has exited.
 * With no confined task the module costs nothing.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "action.h"
#include "arch.h"
#include "compat.h"
#include "fastpath.h"
#include "hook.h"
#include "skip_proof.h"
#include "task.h"

/*
 * Decides a syscall that the stack's constant table leaves to the arguments
 * (or that is past its end) and carries the decision out. Out of line: it
 * needs the argument registers and a larger frame, which the constant
 * decisions, most of a confined task's syscalls, do without.
 */
static noinline void sf_enforce_dynamic(const struct sf_stack *stack,
					const struct sf_decision *slot,
					struct pt_regs *regs, enum sf_abi abi,
					u32 nr, u32 entry_nr)
{
	/* Both filled right below: no need for the compiler's zeroing. */
	unsigned long args[SF_MAX_ARGS] __uninitialized;
	struct sf_decision d __uninitialized;

	/* The engine takes registers as u64, which they are here. */
	BUILD_BUG_ON(sizeof(args[0]) != sizeof(u64));
	syscall_get_arguments(current, regs, args);
	sf_stack_eval(stack, slot, abi, nr, (const u64 *)args, &d);
	sf_stack_count(stack, &d);
	if (SF_VERDICT_ACTION(d.verdict) != SF_ACT_ALLOW)
		sf_action_apply(stack, regs, abi, nr, entry_nr, &d);
}

/*
 * Counts and carries out a constant decision other than allow. Out of line,
 * so that an allowed syscall, which needs nothing of the syscall but its
 * slot once counted, keeps no registers for it.
 */
static noinline void sf_enforce_constant(const struct sf_stack *stack,
					 const struct sf_decision *d,
					 struct pt_regs *regs, enum sf_abi abi,
					 u32 nr, u32 entry_nr)
{
	sf_stack_count(stack, d);
	sf_action_apply(stack, regs, abi, nr, entry_nr, d);
}

/*
 * Runs at the entry of every syscall of every task, with preemption
 * disabled, after ptrace and seccomp: no sleeping, allocating or faulting,
 * and no lock or atomic for an allowed syscall (a denial may lock its
 * listener's ring). A confined task costs a lookup in the task table and a
 * slot of its stack's constant table unless the arguments matter. An
 * unconfined task comes here once, after which it takes the fast path
 * (fastpath.c), unless another tracer needs every task's syscalls.
 *
 * No rcu_read_lock(): the disabled preemption is the RCU read-side
 * critical section (RCU-sched, which call_rcu() and synchronize_rcu() wait
 * for, Documentation/RCU/whatisRCU.rst), and is what the task table and the
 * stacks are read under (sf_task_lookup()).
 */
static void sf_probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	/*
	 * The entry code dispatches on the low 32 bits of the number, while
	 * @id is the whole register: decide on what will run.
	 */
	u32 entry_nr = (u32)id, nr;
	const struct sf_decision *d;
	const struct sf_stack *stack;
	const struct sf_task *entry;
	enum sf_abi abi;

	if (SF_PROBE_PREEMPTIBLE)
		preempt_disable_notrace();
	/* Off either way (compat.h); lockdep kernels check it. */
	lockdep_assert_preemption_disabled();
	entry = sf_task_lookup(current);
	if (unlikely(!entry)) {
		/* Here only once, or while another tracer needs every task. */
		sf_fastpath_leave();
		goto out;
	}
	stack = sf_task_entry_stack(entry);
	/*
	 * The entry code runs nothing for number -1 on any ABI: it is how a
	 * ptracer skips a syscall (strace's fault injection, debuggers), with
	 * the return value its own. On x86 it carries the x32 bit but is no
	 * x32 call, so it must meet no abi-violation action: nothing to
	 * decide, act on, or count.
	 */
	if (unlikely(entry_nr == U32_MAX))
		goto out;

	abi = sf_arch_syscall_abi(entry_nr, &nr);

	d = sf_stack_slot(stack, abi, nr);
	if (unlikely(!d || d->verdict == SF_DECISION_DYNAMIC)) {
		sf_enforce_dynamic(stack, d, regs, abi, nr, entry_nr);
		goto out;
	}
	if (unlikely(SF_VERDICT_ACTION(d->verdict) != SF_ACT_ALLOW)) {
		sf_enforce_constant(stack, d, regs, abi, nr, entry_nr);
		goto out;
	}
	sf_stack_count(stack, d);
out:
	if (SF_PROBE_PREEMPTIBLE)
		preempt_enable_notrace();
}

/*
 * Runs in the parent after the child is fully set up and before it is first
 * woken, so a child of a confined task never runs unconfined.
 */
static void sf_probe_fork(void *data, struct task_struct *parent,
			  struct task_struct *child)
{
	sf_task_fork(parent, child);
	sf_fastpath_fork(child);
}

static void sf_probe_exit(void *data, struct task_struct *task)
{
	sf_task_exit(task);
}

/* The probes of the skip proof (skip_proof.c), registered only meanwhile. */
static void sf_probe_proof_enter(void *data, struct pt_regs *regs, long id)
{
	sf_skip_proof_enter(regs, id);
}

static void sf_probe_proof_exit(void *data, struct pt_regs *regs, long ret)
{
	sf_skip_proof_exit(regs);
}

static void sf_probe_proof_task_exit(void *data, struct task_struct *task)
{
	sf_skip_proof_task_exit(task);
}

struct sf_probe {
	const char *name;
	void *func;
	struct tracepoint *tp;
};

/*
 * In registration order: the task-tracking probes come first, so that they
 * run as soon as sys_enter may confine anything; unregistered in reverse.
 */
enum { SF_PROBE_SCHED_EXIT, SF_PROBE_SCHED_FORK, SF_PROBE_SYS_ENTER };
static struct sf_probe sf_probes[] = {
	[SF_PROBE_SCHED_EXIT] = { .name = "sched_process_exit",
				  .func = sf_probe_exit },
	[SF_PROBE_SCHED_FORK] = { .name = "sched_process_fork",
				  .func = sf_probe_fork },
	[SF_PROBE_SYS_ENTER] = { .name = "sys_enter",
				 .func = sf_probe_sys_enter },
};

/*
 * In registration order, sys_enter last, so that a call it skips always
 * meets the other two; sf_hook_proof_disable_enter() takes it down first.
 */
enum { SF_PROOF_SYS_EXIT, SF_PROOF_SCHED_EXIT, SF_PROOF_SYS_ENTER };
static struct sf_probe sf_proof_probes[] = {
	[SF_PROOF_SYS_EXIT] = { .name = "sys_exit",
				.func = sf_probe_proof_exit },
	[SF_PROOF_SCHED_EXIT] = { .name = "sched_process_exit",
				  .func = sf_probe_proof_task_exit },
	[SF_PROOF_SYS_ENTER] = { .name = "sys_enter",
				 .func = sf_probe_proof_enter },
};

/* How many of sf_proof_probes are registered; see skip_proof.c's locking. */
static int sf_proof_probes_registered;

/* Whether sf_probes are registered; protected by sf_hook_mutex. */
static bool sf_hook_enabled;
static DEFINE_MUTEX(sf_hook_mutex);

static void sf_probes_unregister(struct sf_probe *probes, int from, int to)
{
	while (to-- > from)
		WARN_ON_ONCE(tracepoint_probe_unregister(probes[to].tp,
							 probes[to].func,
							 NULL));
	/* No probe may still be running when we return (or unload). */
	tracepoint_synchronize_unregister();
}

/* Registers @count probes in order; all or none. */
static int sf_probes_register(struct sf_probe *probes, int count)
{
	int i, err;

	for (i = 0; i < count; i++) {
		err = tracepoint_probe_register(probes[i].tp, probes[i].func,
						NULL);
		if (err) {
			pr_err("cannot register a probe on %s: %d\n",
			       probes[i].name, err);
			sf_probes_unregister(probes, 0, i);
			return err;
		}
	}
	return 0;
}

/**
 * sf_hook_enable - Register the probes unless they are
 *
 * May sleep.
 *
 * Return: 0 or the error of tracepoint_probe_register().
 */
int sf_hook_enable(void)
{
	int err = 0;

	mutex_lock(&sf_hook_mutex);
	if (!sf_hook_enabled) {
		sf_fastpath_enable(sf_probes[SF_PROBE_SYS_ENTER].tp,
				   sf_proof_probes[SF_PROOF_SYS_EXIT].tp,
				   sf_probe_sys_enter);
		err = sf_probes_register(sf_probes, ARRAY_SIZE(sf_probes));
		if (err)
			sf_fastpath_disable();
		sf_hook_enabled = !err;
	}
	mutex_unlock(&sf_hook_mutex);
	return err;
}

/* Unregister the probes if they are; waits for running probes. */
void sf_hook_disable(void)
{
	mutex_lock(&sf_hook_mutex);
	if (sf_hook_enabled) {
		sf_fastpath_stop();
		sf_probes_unregister(sf_probes, 0, ARRAY_SIZE(sf_probes));
		sf_fastpath_disable();
		sf_hook_enabled = false;
	}
	mutex_unlock(&sf_hook_mutex);
}

/**
 * sf_hook_proof_enable - Register the probes of the skip proof
 *
 * May sleep. Called once, from module init.
 *
 * Return: 0 or the error of tracepoint_probe_register().
 */
int sf_hook_proof_enable(void)
{
	int err = sf_probes_register(sf_proof_probes,
				     ARRAY_SIZE(sf_proof_probes));

	if (!err)
		sf_proof_probes_registered = ARRAY_SIZE(sf_proof_probes);
	return err;
}

/* Unregister the proof's sys_enter probe: no test call starts after it. */
void sf_hook_proof_disable_enter(void)
{
	if (sf_proof_probes_registered == ARRAY_SIZE(sf_proof_probes))
		sf_probes_unregister(sf_proof_probes, --sf_proof_probes_registered,
				     ARRAY_SIZE(sf_proof_probes));
}

/* Unregister the rest of the proof's probes; waits for running ones. */
void sf_hook_proof_disable(void)
{
	sf_hook_proof_disable_enter();
	sf_probes_unregister(sf_proof_probes, 0, sf_proof_probes_registered);
	sf_proof_probes_registered = 0;
}

static void sf_hook_find_in(struct sf_probe *probes, int count,
			    struct tracepoint *tp)
{
	int i;

	for (i = 0; i < count; i++)
		if (!strcmp(tp->name, probes[i].name))
			probes[i].tp = tp;
}

static void sf_hook_find(struct tracepoint *tp, void *priv)
{
	sf_hook_find_in(sf_probes, ARRAY_SIZE(sf_probes), tp);
	sf_hook_find_in(sf_proof_probes, ARRAY_SIZE(sf_proof_probes), tp);
}

static int sf_hook_check_found(const struct sf_probe *probes, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		if (!probes[i].tp) {
			pr_err("no %s tracepoint in this kernel\n",
			       probes[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

/* Finds the tracepoints; the kernel does not export them to modules. */
int sf_hook_init(void)
{
	for_each_kernel_tracepoint(sf_hook_find, NULL);
	return sf_hook_check_found(sf_probes, ARRAY_SIZE(sf_probes)) ?:
	       sf_hook_check_found(sf_proof_probes,
				   ARRAY_SIZE(sf_proof_probes));
}
