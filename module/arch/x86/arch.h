/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the probes do to a syscall in the registers of this architecture:
 * x86 (x86_64, i386 and x32 entry paths alike, see
 * arch/x86/entry/common.c). Kernel glue: the module's build includes the
 * arch/$(SRCARCH)/ directory of its kernel.
 */
#ifndef SF_ARCH_H
#define SF_ARCH_H

#include <linux/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "../../syscalls.h"

#define SF_ARCH_NATIVE sf_arch_x86_64

/*
 * The ABI of the current syscall, and its number in that ABI's table: the
 * entry number without x32's bit. @entry_nr is the low 32 bits of the
 * number, on which the entry code dispatches.
 */
static inline enum sf_abi sf_arch_syscall_abi(u32 entry_nr, u32 *nr)
{
	BUILD_BUG_ON(__X32_SYSCALL_BIT != SF_X32_SYSCALL_BIT);
	*nr = entry_nr;
	if (in_ia32_syscall())
		return SF_ABI_I386;
	if (entry_nr & __X32_SYSCALL_BIT) {
		*nr = entry_nr & ~__X32_SYSCALL_BIT;
		return SF_ABI_X32;
	}
	return SF_ABI_X86_64;
}

/*
 * Skip the current syscall from the sys_enter tracepoint: the entry code
 * reads the number again after the tracepoint and runs nothing for -1;
 * user space sees @ret as the result.
 */
static inline void sf_arch_skip_syscall(struct pt_regs *regs,
					unsigned long ret)
{
	regs->orig_ax = -1;
	regs->ax = ret;
}

/*
 * Skip it as seccomp's SECCOMP_RET_TRAP does: the return register keeps
 * what syscall_rollback() puts back (the syscall number, on x86), for a
 * SIGSYS handler to replace with the result it emulates.
 */
static inline void sf_arch_trap_syscall(struct pt_regs *regs)
{
	syscall_rollback(current, regs);
	regs->orig_ax = -1;
}

/* Turn the current syscall into exit(@status) of the same ABI. */
static inline void sf_arch_exit_thread(struct pt_regs *regs, enum sf_abi abi,
				       int status)
{
	/*
	 * x32's exit is the x86_64 one, which the same entry path runs from
	 * its 64-bit table (see sf_kill_thread()).
	 */
	if (abi == SF_ABI_I386) {
		regs->orig_ax = __NR_ia32_exit;
		regs->bx = status;
	} else {
		regs->orig_ax = __NR_exit;
		regs->di = status;
	}
}

/* The result the syscall leaves to user space, seen from sys_exit. */
static inline unsigned long sf_arch_syscall_return(const struct pt_regs *regs)
{
	return regs->ax;
}

/*
 * Make user space issue syscall @nr again with its unchanged argument
 * registers, as the kernel restarts a syscall interrupted by a signal
 * (arch/x86/kernel/signal.c): every x86 syscall instruction (syscall,
 * sysenter through the vDSO's int $0x80 landing pad, int $0x80) is two
 * bytes long.
 */
static inline void sf_arch_replay_syscall(struct pt_regs *regs, long nr)
{
	regs->ax = nr;
	regs->ip -= 2;
}

#endif /* SF_ARCH_H */
