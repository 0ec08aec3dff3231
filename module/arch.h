/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the probes do to a syscall in the registers of this architecture:
 * x86 (x86_64, i386 and x32 entry paths alike, see
 * arch/x86/entry/common.c).
 */
#ifndef SF_ARCH_H
#define SF_ARCH_H

#include <linux/ptrace.h>

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
