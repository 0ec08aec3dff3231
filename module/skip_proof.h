/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The proof that this kernel skips the syscalls the sys_enter probe denies.
 */
#ifndef SF_SKIP_PROOF_H
#define SF_SKIP_PROOF_H

#include <linux/ptrace.h>
#include <linux/sched.h>

/* The outcome of the test call, known once the loading process made it. */
enum sf_skip_verdict {
	SF_SKIP_UNKNOWN,
	SF_SKIP_HONOURED,	/* the call did not run: actions work */
	SF_SKIP_IGNORED,	/* the call ran: no task may be confined */
	SF_SKIP_UNTESTED,	/* the loading process exited first */
};

int sf_skip_proof_start(void);
void sf_skip_proof_stop(void);
int sf_skip_proof_check(void);

/* Called by the probes hook.c registers while the test is pending. */
void sf_skip_proof_enter(struct pt_regs *regs, long id);
void sf_skip_proof_exit(struct pt_regs *regs);
void sf_skip_proof_task_exit(struct task_struct *task);

#endif /* SF_SKIP_PROOF_H */
