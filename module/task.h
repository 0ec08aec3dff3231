/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which task is confined by which stack of layers.
 */
#ifndef SF_TASK_H
#define SF_TASK_H

#include <linux/sched.h>
#include <linux/types.h>

#include "policy.h"

struct sf_stack *sf_task_stack(const struct task_struct *task);
struct sf_stack *sf_task_get_stack(const struct task_struct *task);
int sf_task_install(struct sf_layer *layer, bool all_threads, u32 *depth,
		    struct sf_diag *diag);
void sf_task_fork(struct task_struct *parent, struct task_struct *child);
void sf_task_exit(struct task_struct *task);
int sf_task_init(void);
void sf_task_cleanup(void);

#endif /* SF_TASK_H */
