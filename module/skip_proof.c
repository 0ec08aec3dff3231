// SPDX-License-Identifier: GPL-2.0
/*
 * The proof, made once per module load and before any task is confined,
 * that this kernel skips a syscall when the sys_enter probe asks it to.
 *
 * Every action but allow and log works by changing the syscall number from
 * the sys_enter tracepoint, which only works if the entry code reads the
 * number again after the tracepoint: mainline does since 6.9, the stable
 * series since the backports listed in module/kernel-supported. Older
 * kernels run the original call whatever the probe says, so errno and trap
 * would let a denied call through, and kill would let it complete before
 * the signal lands. The build refuses those kernels by version, but a
 * version says nothing of a vendor kernel that lacks the backport or of a
 * later change to the entry code, so the module also asks the kernel.
 *
 * The test call is the first syscall that the process loading the module
 * (insmod or modprobe, with CAP_SYS_MODULE) makes after init_module()
 * returns. The probe skips it, leaving a return value that no syscall
 * returns; the sys_exit probe of the same call finds that value only if the
 * call did not run. A skipped call is then replayed the way the kernel
 * replays a syscall interrupted by a signal (same number, same registers,
 * same instruction), so the loading process does not notice. A call that
 * ran anyway keeps its own result, and every load is refused from then on.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "arch.h"
#include "hook.h"
#include "skip_proof.h"

/*
 * No syscall a loader makes in the ordinary course returns this: errors
 * are -4095..-1, and other results are addresses, counts, ids or offsets.
 * (A loader could aim for it, an lseek() on its own /proc/self/mem say; it
 * has CAP_SYS_MODULE and would only fool itself.)
 */
#define SF_PROOF_MARKER ((unsigned long)LONG_MIN + 0x5f5e)

/* How long a load waits for the loading process to make its test call. */
#define SF_PROOF_WAIT (5 * HZ)
/*
 * How long the loading process has for it: one syscall, which is immediate
 * unless the loader is stopped, or, on a kernel that ignores the skip, the
 * call really runs and blocks. Then the verdict is "untested" or "ignored":
 * no load ever waits for a proof that may never come.
 */
#define SF_PROOF_DEADLINE (10 * HZ)

enum sf_proof_phase {
	SF_PROOF_ARMED,		/* waiting for the task's next syscall */
	SF_PROOF_SKIPPING,	/* the probe skipped it; sys_exit not yet seen */
	SF_PROOF_DONE,
};

/*
 * sf_proof_task, referenced, is the loading process's thread. Only that
 * task's own probes write sf_proof_phase and sf_proof_nr, one syscall at a
 * time; the work items only read the phase, after taking the sys_enter
 * probe down. The verdict goes from unknown to its value once, by
 * cmpxchg(), and is all that readers need: nothing else is published with
 * it; waiters on sf_proof_wait are woken by the work items, never by the
 * probes (the wait queue's lock is a spinlock_t, which sleeps on
 * PREEMPT_RT, where the probes run with preemption disabled).
 * sf_proof_mutex serializes taking the probes down.
 *
 * While the probes are registered the module holds a reference on itself:
 * module exit cannot come between the two probes of a skipped call, which
 * would leave the loading process with the marker for a result.
 */
static struct task_struct *sf_proof_task;
static enum sf_proof_phase sf_proof_phase;
static long sf_proof_nr;
static int sf_skip_verdict = SF_SKIP_UNKNOWN;
static bool sf_proof_registered;
static DEFINE_MUTEX(sf_proof_mutex);
static DECLARE_WAIT_QUEUE_HEAD(sf_proof_wait);

#ifdef SYSFENCE_KUNIT
/*
 * Test builds only: pretend to be a kernel that ignores the skip (the probe
 * asks for nothing, so the test call runs), to test that loads then fail.
 */
static bool skip_proof_ignore;
module_param(skip_proof_ignore, bool, 0444);
MODULE_PARM_DESC(skip_proof_ignore, "Test only: simulate a kernel that runs skipped syscalls");
#else
#define skip_proof_ignore false
#endif

static void sf_proof_release(struct work_struct *work);
static DECLARE_WORK(sf_proof_work, sf_proof_release);
static void sf_proof_expire(struct work_struct *work);
static DECLARE_DELAYED_WORK(sf_proof_deadline, sf_proof_expire);

/*
 * Publish the verdict, unless one is already known. From the probes too:
 * the waiters are woken by sf_proof_release().
 */
static void sf_proof_settle(int verdict)
{
	if (cmpxchg(&sf_skip_verdict, SF_SKIP_UNKNOWN, verdict) !=
	    SF_SKIP_UNKNOWN)
		return;
	switch (verdict) {
	case SF_SKIP_HONOURED:
		pr_info("this kernel skips denied syscalls: enforcing (tested on syscall %ld of pid %d)\n",
			sf_proof_nr, task_pid_nr(sf_proof_task));
		break;
	case SF_SKIP_IGNORED:
		pr_err("this kernel runs syscalls that a sys_enter probe skips (its entry code does not read the syscall number again after the tracepoint): no task will be confined; see module/kernel-supported for the kernels that do\n");
		break;
	default:
		pr_err("the process that loaded the module made no syscall to test the kernel with (it exited, or was stopped, first): no task will be confined; reload the module\n");
		break;
	}
}

/* From the test task's own probes, once its test call is over. */
static void sf_proof_finish(int verdict)
{
	WRITE_ONCE(sf_proof_phase, SF_PROOF_DONE);
	sf_proof_settle(verdict);
	/*
	 * The probes cannot unregister themselves nor wake the waiters.
	 * Queuing a work takes only raw spinlocks: allowed here on
	 * PREEMPT_RT too.
	 */
	schedule_work(&sf_proof_work);
}

/**
 * sf_skip_proof_enter - The sys_enter side of the test call
 * @regs: The syscall's registers.
 * @id: The syscall number the entry code passed to the tracepoint.
 *
 * Called for every syscall of every task while the test is pending.
 */
void sf_skip_proof_enter(struct pt_regs *regs, long id)
{
	if (current != READ_ONCE(sf_proof_task) ||
	    sf_proof_phase != SF_PROOF_ARMED)
		return;
	/* A ptracer's skip (-1) runs nothing: it proves nothing either. */
	if (id == -1)
		return;
	sf_proof_nr = id;
	WRITE_ONCE(sf_proof_phase, SF_PROOF_SKIPPING);
	if (!skip_proof_ignore)
		sf_arch_skip_syscall(regs, SF_PROOF_MARKER);
}

/**
 * sf_skip_proof_exit - The sys_exit side of the test call
 * @regs: The syscall's registers.
 */
void sf_skip_proof_exit(struct pt_regs *regs)
{
	if (current != READ_ONCE(sf_proof_task) ||
	    sf_proof_phase != SF_PROOF_SKIPPING)
		return;
	if (sf_arch_syscall_return(regs) != SF_PROOF_MARKER) {
		sf_proof_finish(SF_SKIP_IGNORED);
		return;
	}
	sf_arch_replay_syscall(regs, sf_proof_nr);
	sf_proof_finish(SF_SKIP_HONOURED);
}

/**
 * sf_skip_proof_task_exit - The test task exits
 * @task: The exiting task.
 *
 * Between the two probes of a skipped call nothing can end the task; if it
 * exits in between, the call ran: it was exit() or exit_group().
 */
void sf_skip_proof_task_exit(struct task_struct *task)
{
	if (task != READ_ONCE(sf_proof_task) || sf_proof_phase == SF_PROOF_DONE)
		return;
	sf_proof_finish(sf_proof_phase == SF_PROOF_SKIPPING ?
			SF_SKIP_IGNORED : SF_SKIP_UNTESTED);
}

/*
 * Takes the probes down: sys_enter's first, so that no test call starts,
 * then the others unless a test call is between its two probes (its
 * sys_exit or the task's exit queues this again). Returns whether it did.
 */
static bool sf_proof_teardown(void)
{
	struct task_struct *task;
	bool done = false;

	mutex_lock(&sf_proof_mutex);
	if (!sf_proof_registered)
		goto out;
	sf_hook_proof_disable_enter();
	if (READ_ONCE(sf_proof_phase) == SF_PROOF_SKIPPING)
		goto out;
	sf_hook_proof_disable();
	sf_proof_registered = false;
	task = sf_proof_task;
	WRITE_ONCE(sf_proof_task, NULL);
	put_task_struct(task);
	done = true;
out:
	mutex_unlock(&sf_proof_mutex);
	return done;
}

static void sf_proof_release(struct work_struct *work)
{
	/* Whoever settled the verdict queued this work afterwards. */
	wake_up_all(&sf_proof_wait);
	if (!sf_proof_teardown())
		return;
	/* Not _sync: this may be the deadline work itself. */
	cancel_delayed_work(&sf_proof_deadline);
	/*
	 * Module exit cancels both works, waiting for them to return, so the
	 * module outlives the last instruction run here.
	 */
	module_put(THIS_MODULE);
}

/* The deadline: no test call, or one that ran and has not come back. */
static void sf_proof_expire(struct work_struct *work)
{
	/* The phase is stable once the sys_enter probe is gone. */
	mutex_lock(&sf_proof_mutex);
	if (sf_proof_registered)
		sf_hook_proof_disable_enter();
	mutex_unlock(&sf_proof_mutex);
	sf_proof_settle(READ_ONCE(sf_proof_phase) == SF_PROOF_SKIPPING ?
			SF_SKIP_IGNORED : SF_SKIP_UNTESTED);
	sf_proof_release(NULL);
}

/**
 * sf_skip_proof_start - Arm the test on the current task
 *
 * Called from module init, in the context of the process loading the
 * module. May sleep.
 *
 * Return: 0, or an error from registering the probes.
 */
int sf_skip_proof_start(void)
{
	int err;

	get_task_struct(current);
	sf_proof_phase = SF_PROOF_ARMED;
	WRITE_ONCE(sf_proof_task, current);
	err = sf_hook_proof_enable();
	if (err) {
		WRITE_ONCE(sf_proof_task, NULL);
		put_task_struct(current);
		return err;
	}
	sf_proof_registered = true;
	__module_get(THIS_MODULE);
	schedule_delayed_work(&sf_proof_deadline, SF_PROOF_DEADLINE);
	return 0;
}

/*
 * Module exit (the reference taken above is gone, so are the probes), or
 * init failing after sf_skip_proof_start(), before the loading process
 * could make any syscall.
 */
void sf_skip_proof_stop(void)
{
	cancel_delayed_work_sync(&sf_proof_deadline);
	if (sf_proof_teardown())
		module_put(THIS_MODULE);
	cancel_work_sync(&sf_proof_work);
}

/**
 * sf_skip_proof_check - May a task be confined on this kernel?
 *
 * Waits, killably and at most SF_PROOF_WAIT, for the test call if it has
 * not been made yet. May sleep.
 *
 * Return: 0 when the kernel honours skips; -EOPNOTSUPP when it does not or
 * the test could not be made; -EAGAIN when the test call is still awaited;
 * -EINTR on a fatal signal.
 */
int sf_skip_proof_check(void)
{
	long left;

	left = wait_event_killable_timeout(sf_proof_wait,
					   READ_ONCE(sf_skip_verdict) !=
					   SF_SKIP_UNKNOWN, SF_PROOF_WAIT);
	if (left < 0)
		return -EINTR;
	switch (READ_ONCE(sf_skip_verdict)) {
	case SF_SKIP_HONOURED:
		return 0;
	case SF_SKIP_UNKNOWN:
		return -EAGAIN;
	default:
		return -EOPNOTSUPP;
	}
}
