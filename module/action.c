// SPDX-License-Identifier: GPL-2.0
/*
 * Carrying out a decision on the current syscall, from the sys_enter probe
 * (preemption disabled, interrupts enabled, in the task's own context).
 *
 * The entry code reads the syscall number again after the sys_enter
 * tracepoint, so the probe controls what runs: -1 skips the syscall, and the
 * return value set here is what user space sees. Every action but allow and
 * log skips the syscall.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
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

/*
 * SIGSYS as seccomp's SECCOMP_RET_TRAP sends it, so that existing handlers
 * understand it: si_code SYS_SECCOMP, the syscall number as the entry code
 * saw it (with the x32 bit), its audit arch, the address after the syscall
 * instruction, and the rule's data in si_errno. Like seccomp, the skipped
 * syscall leaves its own number in the return register, for the handler to
 * replace with the result it emulates.
 *
 * The signal is forced like force_sig_info() forces it, which modules cannot
 * call: when SIGSYS is blocked or ignored, its handler is reset to the
 * default and it is unblocked, so the task cannot carry on as if nothing
 * happened. If another thread sets SIGSYS to SIG_IGN between this and the
 * sending, the syscall is still skipped.
 */
static void sf_trap(struct pt_regs *regs, enum sf_abi abi, u32 entry_nr,
		    u16 data)
{
	/* Only the task itself replaces its sighand, in execve(). */
	struct sighand_struct *sighand =
		rcu_dereference_protected(current->sighand, true);
	struct k_sigaction *action;
	struct kernel_siginfo info;
	unsigned long flags;

	sf_arch_trap_syscall(regs);

	clear_siginfo(&info);
	info.si_signo = SIGSYS;
	info.si_code = SYS_SECCOMP;
	info.si_call_addr = (void __user *)instruction_pointer(regs);
	info.si_errno = data;
	info.si_arch = sf_abi_infos[abi]->audit_arch;
	info.si_syscall = entry_nr;

	spin_lock_irqsave(&sighand->siglock, flags);
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
	spin_unlock_irqrestore(&sighand->siglock, flags);

	send_sig_info(SIGSYS, &info, current);
}

/* SIGKILL to the thread group; the task dies before returning to user. */
static void sf_kill(struct pt_regs *regs)
{
	sf_skip(regs, -EPERM);
	kill_pid(task_tgid(current), SIGKILL, 1);
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
static void sf_kill_thread(struct pt_regs *regs, enum sf_abi abi)
{
	if (!sf_other_user_thread()) {
		sf_kill(regs);
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
		sf_kill_thread(regs, abi);
		break;
	case SF_ACT_KILL:
	default:
		sf_kill(regs);
		break;
	}
}
