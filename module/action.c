// SPDX-License-Identifier: GPL-2.0
/*
 * Carrying out a decision on the current syscall, from the sys_enter probe
 * (preemption disabled, interrupts enabled, in the task's own context).
 *
 * The entry code reads the syscall number again after the sys_enter
 * tracepoint, so the probe controls what runs: -1 skips the syscall, and the
 * return value set here is what user space sees. Every action but allow and
 * log skips the syscall.
 *
 * No signal is sent from the probe: sending one takes the target's
 * sighand->siglock, a spinlock_t, which sleeps on PREEMPT_RT, where the
 * probe runs with preemption disabled (Documentation/locking/locktypes.rst).
 * The probe only skips the syscall and queues a task_work on the task; the
 * task runs it with preemption enabled on its way back to user space
 * (exit_to_user_mode_loop(), or get_signal() first if a signal is already
 * pending), so the signal is queued before any instruction of the task runs
 * again, as when the probe sent it itself. The same code runs on every
 * kernel.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/task_work.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "action.h"
#include "arch.h"
#include "compat.h"
#include "event.h"

/*
 * A thread ended by kill-thread exits with this status, the one shells
 * report for a death by SIGSYS; see sf_kill_thread().
 */
#define SF_KILL_THREAD_STATUS (128 + SIGSYS)

/* What the skip proof (skip_proof.c) showed this kernel honours. */
static void sf_skip(struct pt_regs *regs, int error)
{
	sf_arch_skip_syscall(regs, (long)error);
}

/**
 * struct sf_signal_work - A signal the probe decided, for the task to send
 * @work: Queued on the task with task_work_add().
 * @trap: SIGSYS with the fields below; else SIGKILL to the thread group.
 * @data: The rule's data, for si_errno.
 * @arch: The syscall's audit arch.
 * @nr: The syscall's number as the entry code saw it (with the x32 bit).
 * @call_addr: The address after the syscall instruction.
 */
struct sf_signal_work {
	struct callback_head work;
	bool trap;
	u16 data;
	u32 arch;
	u32 nr;
	void __user *call_addr;
};

/*
 * The probe can allocate nothing (on PREEMPT_RT not even with GFP_ATOMIC:
 * the allocator's locks sleep there), so the works come from a pool
 * allocated at module load. A task holds one from its probe until its
 * task_work runs, before its next syscall: only tasks between the two hold
 * one, a few per CPU at any time. sf_signal_works_busy has a bit per work,
 * taken and released with atomic bit operations: no lock. A probe looks
 * first at the works of its CPU, where they are most likely free.
 */
#define SF_SIGNAL_WORKS_PER_CPU 16
static struct sf_signal_work *sf_signal_works;
static unsigned long *sf_signal_works_busy;
static unsigned int sf_signal_works_count;

#ifdef SYSFENCE_KUNIT
/*
 * Test builds only: a pool of this many works instead, so that tests can
 * run out of them (0: every trap and kill finds none).
 */
static int signal_works = -1;
module_param(signal_works, int, 0444);
MODULE_PARM_DESC(signal_works, "Test only: size of the signal work pool (-1: the default)");
#else
#define signal_works (-1)
#endif

/* From the probe: a free work, or NULL when every one is taken. */
static struct sf_signal_work *sf_signal_work_get(void)
{
	unsigned int n = sf_signal_works_count, tries, i;
	unsigned int start = raw_smp_processor_id() * SF_SIGNAL_WORKS_PER_CPU;

	/* A test build's pool may be smaller. */
	if (start >= n)
		start = 0;

	/* Bounded: a bit taken under us sends us on to the next. */
	for (tries = 0; tries < SF_SIGNAL_WORKS_PER_CPU; tries++) {
		i = find_next_zero_bit(sf_signal_works_busy, n, start);
		if (i >= n)
			i = find_first_zero_bit(sf_signal_works_busy, n);
		if (i >= n)
			return NULL;
		if (!test_and_set_bit_lock(i, sf_signal_works_busy))
			return &sf_signal_works[i];
		start = i + 1;
	}
	return NULL;
}

static void sf_signal_work_put(struct sf_signal_work *w)
{
	clear_bit_unlock(w - sf_signal_works, sf_signal_works_busy);
}

/*
 * SIGSYS as seccomp's SECCOMP_RET_TRAP sends it, so that existing handlers
 * understand it: si_code SYS_SECCOMP, the syscall number as the entry code
 * saw it (with the x32 bit), its audit arch, the address after the syscall
 * instruction, and the rule's data in si_errno.
 *
 * The signal is forced like force_sig_info() forces it, which modules cannot
 * call: when SIGSYS is blocked or ignored, its handler is reset to the
 * default and it is unblocked, so the task cannot carry on as if nothing
 * happened. If another thread sets SIGSYS to SIG_IGN between this and the
 * sending, the syscall is still skipped.
 *
 * From the task itself, in its task_work: preemptible, so it may take the
 * siglock.
 */
static void sf_trap_send(const struct sf_signal_work *w)
{
	/* Only the task itself replaces its sighand, in execve(). */
	struct sighand_struct *sighand =
		rcu_dereference_protected(current->sighand, true);
	struct k_sigaction *action;
	struct kernel_siginfo info;

	clear_siginfo(&info);
	info.si_signo = SIGSYS;
	info.si_code = SYS_SECCOMP;
	info.si_call_addr = w->call_addr;
	info.si_errno = w->data;
	info.si_arch = w->arch;
	info.si_syscall = w->nr;

	spin_lock_irq(&sighand->siglock);
	action = &sighand->action[SIGSYS - 1];
	if (action->sa.sa_handler == SIG_IGN ||
	    sigismember(&current->blocked, SIGSYS)) {
		action->sa.sa_handler = SIG_DFL;
		sigdelset(&current->blocked, SIGSYS);
		/* A SIGSYS already pending must now be delivered too. */
		recalc_sigpending();
	}
	/* As the kernel does for forced signals: init may die of it too. */
	if (action->sa.sa_handler == SIG_DFL && !current->ptrace)
		current->signal->flags &= ~SIGNAL_UNKILLABLE;
	spin_unlock_irq(&sighand->siglock);

	send_sig_info(SIGSYS, &info, current);
}

/* The task_work: the task sends the signal its probe decided. */
static void sf_signal_work_run(struct callback_head *head)
{
	struct sf_signal_work *w =
		container_of(head, struct sf_signal_work, work);
	struct sf_signal_work copy = *w;

	sf_signal_work_put(w);
	if (copy.trap)
		sf_trap_send(&copy);
	else
		kill_pid(task_tgid(current), SIGKILL, 1);
}

/*
 * Has the current task send @w's signal before it returns to user space,
 * and skips the syscall: returning @error for a kill, or, for a trap, what
 * seccomp's SECCOMP_RET_TRAP leaves there (sf_arch_trap_syscall()), for the
 * SIGSYS handler to replace with the result it emulates.
 *
 * With every work taken, the syscall is skipped and the task made to issue
 * it again, as the kernel restarts a syscall interrupted by a signal: no
 * instruction of the task runs past it, and the probe decides it again,
 * once works are free. Each attempt is counted and reported again.
 */
static void sf_signal_queue(struct pt_regs *regs, bool trap,
			    enum sf_abi abi, u32 entry_nr, u16 data,
			    int error)
{
	long nr = syscall_get_nr(current, regs);
	struct sf_signal_work *w = sf_signal_work_get();

	if (unlikely(!w)) {
		sf_arch_skip_syscall(regs, 0);
		sf_arch_replay_syscall(regs, nr);
		return;
	}
	w->trap = trap;
	w->data = data;
	w->arch = sf_abi_infos[abi]->audit_arch;
	w->nr = entry_nr;
	w->call_addr = (void __user *)instruction_pointer(regs);
	init_task_work(&w->work, sf_signal_work_run);
	/* Fails only for a task past exit_task_work(): not one in a syscall. */
	if (WARN_ON_ONCE(task_work_add(current, &w->work, TWA_RESUME)))
		sf_signal_work_put(w);
	if (trap)
		sf_arch_trap_syscall(regs);
	else
		sf_arch_skip_syscall(regs, error);
}

/* SIGSYS, sent by the task before it returns to user space. */
static void sf_trap(struct pt_regs *regs, enum sf_abi abi, u32 entry_nr,
		    u16 data)
{
	sf_signal_queue(regs, true, abi, entry_nr, data, 0);
}

/*
 * SIGKILL to the thread group, sent by the task before it returns to user
 * space, where it dies.
 */
static void sf_kill(struct pt_regs *regs, enum sf_abi abi, u32 entry_nr)
{
	sf_signal_queue(regs, false, abi, entry_nr, 0, -EPERM);
}

/*
 * Whether another thread of the current process runs user code: a live
 * thread that is neither exiting nor a kernel worker of the process
 * (io_uring's and vhost's count in signal->live, but would keep a process
 * whose user threads are all gone alive only until they notice).
 */
static bool sf_other_user_thread(void)
{
	struct task_struct *t;
	bool found = false;

	rcu_read_lock();
	for_each_thread(current, t) {
		if (t == current || (t->flags & (PF_EXITING | PF_IO_WORKER |
						 PF_USER_WORKER)))
			continue;
		found = true;
		break;
	}
	rcu_read_unlock();
	return found;
}

/*
 * Ending one thread only, as seccomp's SECCOMP_RET_KILL_THREAD does (which
 * calls do_exit(SIGSYS)). A module cannot do that: any fatal signal, even
 * sent to one thread, ends the whole thread group, and do_exit() is not
 * exported. But the entry code runs whatever syscall number the probe
 * leaves, so the thread's syscall becomes exit(2), which ends only the
 * calling thread, before the syscall it attempted runs; its exit status is
 * 159 (128 + SIGSYS, what a shell shows for a death by SIGSYS), where
 * seccomp's thread has the signal status SIGSYS: only a waiter on that
 * very thread, which no other thread can be, could tell. When no other
 * thread of the process runs user code (the others, the leader included,
 * may have exited already; io_uring and vhost workers do not count), the
 * process is killed with SIGKILL instead, as seccomp then kills the
 * process, so that its parent sees a death by signal, not the exit status
 * of a thread that left earlier. If the other threads exit meanwhile, the
 * process ends with the leader's exit status.
 *
 * On x86 an x32 syscall becomes the x86_64 exit, which the same entry path
 * runs from its 64-bit table: the x32 exit would need the x32 table, which
 * a kernel booted without x32 (Debian's default) refuses with ENOSYS, and
 * the thread would carry on, most likely past an abi-violation kill-thread
 * (sf_arch_exit_thread()).
 */
static void sf_kill_thread(struct pt_regs *regs, enum sf_abi abi,
			   u32 entry_nr)
{
	if (!sf_other_user_thread()) {
		sf_kill(regs, abi, entry_nr);
		return;
	}
	sf_arch_exit_thread(regs, abi, SF_KILL_THREAD_STATUS);
}

/**
 * sf_action_apply - Carry out a decision on the current syscall
 * @stack: The task's stack, which made the decision.
 * @regs: The syscall's registers.
 * @abi: Its ABI.
 * @nr: Its number within @abi.
 * @entry_nr: Its number as the entry code saw it (with the x32 bit).
 * @d: The decision.
 */
void sf_action_apply(const struct sf_stack *stack, struct pt_regs *regs,
		     enum sf_abi abi, u32 nr, u32 entry_nr,
		     const struct sf_decision *d)
{
	u16 data = SF_VERDICT_DATA(d->verdict);

	/* Before acting: kill-thread and trap change the registers. */
	sf_event_emit(stack, regs, abi, nr, d);
	switch (SF_VERDICT_ACTION(d->verdict)) {
	case SF_ACT_ALLOW:
		break;
	case SF_ACT_LOG:
		break;
	case SF_ACT_ERRNO:
		sf_skip(regs, data ? -(int)data : -EPERM);
		break;
	case SF_ACT_TRAP:
		sf_trap(regs, abi, entry_nr, data);
		break;
	case SF_ACT_KILL_THREAD:
		sf_kill_thread(regs, abi, entry_nr);
		break;
	case SF_ACT_KILL:
	default:
		sf_kill(regs, abi, entry_nr);
		break;
	}
}

/**
 * sf_action_init - Allocate what carrying out decisions needs
 *
 * May sleep. Called once, from module init.
 *
 * Return: 0 or -ENOMEM.
 */
int sf_action_init(void)
{
	/* Probes start at the works of their CPU, below nr_cpu_ids. */
	sf_signal_works_count = signal_works >= 0 ? signal_works :
				nr_cpu_ids * SF_SIGNAL_WORKS_PER_CPU;
	sf_signal_works = kcalloc(sf_signal_works_count,
				  sizeof(*sf_signal_works), GFP_KERNEL);
	sf_signal_works_busy = bitmap_zalloc(sf_signal_works_count,
					     GFP_KERNEL);
	if (!sf_signal_works || !sf_signal_works_busy) {
		sf_action_exit();
		return -ENOMEM;
	}
	return 0;
}

/*
 * Module exit, with no task confined: no task_work is pending, each ran
 * before its task's next syscall or exit.
 */
void sf_action_exit(void)
{
	bitmap_free(sf_signal_works_busy);
	kfree(sf_signal_works);
	sf_signal_works_busy = NULL;
	sf_signal_works = NULL;
}
