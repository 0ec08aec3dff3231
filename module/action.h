/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Carrying out a decision on the current syscall.
 */
#ifndef SF_ACTION_H
#define SF_ACTION_H

#include <linux/ptrace.h>
#include <linux/types.h>

#include "policy.h"

void sf_action_apply(const struct sf_stack *stack, struct pt_regs *regs,
		     enum sf_abi abi, u32 nr, u32 entry_nr,
		     const struct sf_decision *d);
int sf_action_init(void);
void sf_action_exit(void);

#endif /* SF_ACTION_H */
