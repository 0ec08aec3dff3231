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

#include <linux/delay.h>
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
 * No syscall returns this: errors are -4095..-1, and no other result is
 * negative (a user address, a count, an id or an offset on x86_64).
 */
#define SF_PROOF_MARKER ((unsigned long)LONG_MIN + 0x5f5e)

/* How long a load waits for the loading process to make its test call. */
#define SF_PROOF_WAIT (5 * HZ)
/* How long module exit waits for a test call in progress (see below). */
#define SF_PROOF_DRAIN_MS 1000

enum sf_proof_phase {
	SF_PROOF_ARMED,		/* waiting for the task's next syscall */
	SF_PROOF_SKIPPING,	/* the probe skipped it; sys_exit not yet seen */
	SF_PROOF_DONE,
};

/*
 * sf_proof_task, referenced, is the loading process's thread. Until the
 * verdict is known, only that task's own probes read and write
 * sf_proof_phase and sf_proof_nr (one syscall at a time: no lock needed).
 * The verdict is written once and is all that readers need: nothing else
 * is published with it. sf_proof_mutex serializes taking the probes down,
 * which the work item and module exit may both try.
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

/* From the test task's own probes: publish the verdict once. */
static void sf_proof_settle(int verdict)
{
	WRITE_ONCE(sf_proof_phase, SF_PROOF_DONE);
	WRITE_ONCE(sf_skip_verdict, verdict);
	wake_up_all(&sf_proof_wait);
	/* The probes cannot unregister themselves. */
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
		sf_proof_settle(SF_SKIP_IGNORED);
		return;
	}
	sf_arch_replay_syscall(regs, sf_proof_nr);
	sf_proof_settle(SF_SKIP_HONOURED);
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
	sf_proof_settle(sf_proof_phase == SF_PROOF_SKIPPING ?
			SF_SKIP_IGNORED : SF_SKIP_UNTESTED);
}

/* Takes the probes down and drops the task; idempotent. */
static void sf_proof_teardown(void)
{
	int i;

	mutex_lock(&sf_proof_mutex);
	if (!sf_proof_registered)
		goto out;
	/* No new test call starts after this. */
	sf_hook_proof_disable_enter();
	/*
	 * Module exit may come while a skipped call is between its probes;
	 * the sys_exit probe must see it through, or the loading process
	 * would get the marker. That takes microseconds; a call that is
	 * still running after a second was not skipped at all.
	 */
	for (i = 0; i < SF_PROOF_DRAIN_MS; i++) {
		if (READ_ONCE(sf_proof_phase) != SF_PROOF_SKIPPING)
			break;
		usleep_range(1000, 2000);
	}
	sf_hook_proof_disable();
	sf_proof_registered = false;
	put_task_struct(sf_proof_task);
	WRITE_ONCE(sf_proof_task, NULL);
out:
	mutex_unlock(&sf_proof_mutex);
}

static void sf_proof_release(struct work_struct *work)
{
	switch (READ_ONCE(sf_skip_verdict)) {
	case SF_SKIP_HONOURED:
		pr_info("this kernel skips denied syscalls: enforcing\n");
		break;
	case SF_SKIP_IGNORED:
		pr_err("this kernel runs syscalls that a sys_enter probe skips (its entry code does not read the syscall number again after the tracepoint): no task will be confined; see module/kernel-supported for the kernels that do\n");
		break;
	default:
		pr_err("the process that loaded the module exited before its test syscall: no task will be confined; reload the module\n");
		break;
	}
	sf_proof_teardown();
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
	return 0;
}

/* Module exit, or init failing after sf_skip_proof_start(). */
void sf_skip_proof_stop(void)
{
	sf_proof_teardown();
	/* The probes are gone: nothing queues the work again. */
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
	int verdict;

	left = wait_event_killable_timeout(sf_proof_wait,
					   READ_ONCE(sf_skip_verdict) !=
					   SF_SKIP_UNKNOWN, SF_PROOF_WAIT);
	if (left < 0)
		return -EINTR;
	verdict = READ_ONCE(sf_skip_verdict);
	switch (verdict) {
	case SF_SKIP_HONOURED:
		return 0;
	case SF_SKIP_UNKNOWN:
		return -EAGAIN;
	default:
		return -EOPNOTSUPP;
	}
}
