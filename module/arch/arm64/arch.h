/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the probes do to a syscall in the registers of this architecture:
 * arm64, native (aarch64) and compat (arm) tasks alike. arm64 has no generic
 * entry in 6.1 and 6.12: el0_svc_common() (arch/arm64/kernel/syscall.c)
 * calls syscall_trace_enter() (arch/arm64/kernel/ptrace.c), which fires the
 * tracepoint and returns regs->syscallno, read again after it; for
 * NO_SYSCALL the entry code runs nothing and goes to the syscall exit work,
 * leaving x0 as the result. Kernel glue: the module's build includes the
 * arch/$(SRCARCH)/ directory of its kernel.
 */
#ifndef SF_ARCH_H
#define SF_ARCH_H

#include <linux/compat.h>
#include <linux/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "../../syscalls.h"

#define SF_ARCH_NATIVE sf_arch_arm64

/* The size of the compat table: renamed in Linux 6.11. */
#ifdef __NR_compat32_syscalls
#define SF_ARCH_COMPAT_SYSCALLS __NR_compat32_syscalls
#else
#define SF_ARCH_COMPAT_SYSCALLS __NR_compat_syscalls
#endif

/*
 * The ABI of the current syscall and its slot in that ABI's table: the
 * number itself (x8 of an aarch64 task, r7 of an arm one), but for arm's
 * private syscalls, __ARM_NR_COMPAT_BASE + n, which the arm table keeps in
 * slots SF_ARM_PRIVATE_SLOT + n (sf_syscall_slot()).
 */
static inline enum sf_abi sf_arch_syscall_abi(u32 entry_nr, u32 *nr)
{
	BUILD_BUG_ON(__ARM_NR_COMPAT_BASE != SF_ARM_PRIVATE_NR);
	BUILD_BUG_ON(__ARM_NR_COMPAT_END - __ARM_NR_COMPAT_BASE !=
		     SF_ARM_PRIVATE_COUNT);
	BUILD_BUG_ON(SF_ARCH_COMPAT_SYSCALLS > SF_ARM_PRIVATE_SLOT);
	if (!is_compat_task()) {
		*nr = entry_nr;
		return SF_ABI_AARCH64;
	}
	*nr = sf_abi_renumber(&sf_abi_arm, entry_nr);
	return SF_ABI_ARM;
}

/*
 * Skip the current syscall from the sys_enter tracepoint: NO_SYSCALL, as a
 * ptracer skips one, with @ret in x0. A compat task sees w0, the low 32
 * bits, which syscall_set_return_value() would keep alone; the whole value
 * stays for what sys_exit reads back (the skip proof, whose loader may be
 * a compat task).
 */
static inline void sf_arch_skip_syscall(struct pt_regs *regs,
					unsigned long ret)
{
	regs->syscallno = NO_SYSCALL;
	regs->regs[0] = ret;
}

/*
 * Skip it as seccomp's SECCOMP_RET_TRAP does: x0 gets back the first
 * argument (syscall_rollback()), for a SIGSYS handler to replace with the
 * result it emulates.
 */
static inline void sf_arch_trap_syscall(struct pt_regs *regs)
{
	syscall_rollback(current, regs);
	regs->syscallno = NO_SYSCALL;
}

/*
 * Turn the current syscall into exit(@status) of the same ABI: the entry
 * code runs regs->syscallno from the task's table with x0 as argument.
 * The compat number comes from the engine's table, since the kernel's name
 * for it changed (__NR_compat_exit in 6.1, __NR_compat32_exit in 6.12).
 */
static inline void sf_arch_exit_thread(struct pt_regs *regs, enum sf_abi abi,
				       int status)
{
	const struct sf_syscall *sc = sf_syscall_by_name(abi, "exit", 4);

	regs->syscallno = sc ? sc->nr : __NR_exit;
	regs->regs[0] = (u32)status;
}

/* The result the syscall leaves to user space, seen from sys_exit. */
static inline unsigned long sf_arch_syscall_return(const struct pt_regs *regs)
{
	return regs->regs[0];
}

/*
 * Make user space issue syscall @nr again with its unchanged argument
 * registers, as the kernel restarts a syscall interrupted by a signal
 * (arch/arm64/kernel/signal.c): x0 gets its argument back and the PC moves
 * back over the svc instruction, 4 bytes long but for a Thumb task's 2.
 * The number is still in x8 (r7): the skip changed only syscallno.
 */
static inline void sf_arch_replay_syscall(struct pt_regs *regs, long nr)
{
	regs->regs[0] = regs->orig_x0;
	regs->pc -= compat_thumb_mode(regs) ? 2 : 4;
}

#endif /* SF_ARCH_H */
