/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The effective policy of a stack as text (SYSFENCE_IOC_SHOW).
 */
#ifndef SF_SHOW_H
#define SF_SHOW_H

#include <linux/compiler_types.h>
#include <linux/types.h>

#include "policy.h"

s64 sf_show_text(const struct sf_stack *stack, char __user *ubuf, u64 size,
		 bool stats);

#endif /* SF_SHOW_H */
