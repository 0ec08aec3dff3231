/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keeping unconfined tasks on the fast syscall path.
 */
#ifndef SF_FASTPATH_H
#define SF_FASTPATH_H

#include <linux/sched.h>
#include <linux/tracepoint-defs.h>

void sf_fastpath_enable(struct tracepoint *enter, struct tracepoint *exit,
			void *probe);
void sf_fastpath_stop(void);
void sf_fastpath_disable(void);
void sf_fastpath_leave(void);
void sf_fastpath_confine(struct task_struct *task);
void sf_fastpath_fork(struct task_struct *child);

#endif /* SF_FASTPATH_H */
