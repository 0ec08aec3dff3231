/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the supported kernels (6.1 and later), in one place.
 */
#ifndef SF_COMPAT_H
#define SF_COMPAT_H

#include <linux/sched.h>
#include <linux/tracepoint.h>

/*
 * Since 6.4 vhost's workers are threads of the process that owns the
 * device, flagged like io_uring's; before, they were kernel threads
 * outside it, so there is nothing to tell apart.
 */
#ifndef PF_USER_WORKER
#define PF_USER_WORKER 0
#endif

/*
 * Whether the kernel calls sys_enter probes preemptible, so that the probe
 * must disable preemption itself (for the per-CPU counters, the fast-path
 * flag, the raw locks, and reading the task table as RCU-sched).
 *
 * Up to 6.12 it does not: sys_enter is a TRACE_EVENT_FN() like any other
 * tracepoint, and trace_sys_enter() runs the probes inside __DO_TRACE()'s
 * preempt_disable_notrace() (include/linux/tracepoint.h), on PREEMPT_RT
 * too, called from x86's generic entry (syscall_trace_enter(),
 * kernel/entry/common.c) and from arm64's (arch/arm64/kernel/ptrace.c)
 * alike. Linux 6.13 made the syscall tracepoints faultable: declared with
 * TRACE_EVENT_SYSCALL(), whose __DECLARE_TRACE_SYSCALL() runs them under
 * rcu_read_lock_trace() only, preemptible.
 *
 * Kbuild defines SF_KERNEL_TP_PREEMPT_OFF for 6.1 to 6.12 only; that
 * macro's presence (a backport) overrides it. Anything unknown leaves the
 * probe to disable preemption itself: slower, never wrong.
 */
#if defined(SF_KERNEL_TP_PREEMPT_OFF) && !defined(__DECLARE_TRACE_SYSCALL)
#define SF_PROBE_PREEMPTIBLE 0
#else
#define SF_PROBE_PREEMPTIBLE 1
#endif

#endif /* SF_COMPAT_H */
