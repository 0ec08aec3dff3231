/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decision events: what a layer decided about a syscall, for its listener
 * (a file descriptor from SYSFENCE_IOC_LOAD), the sysfence:sysfence_decision
 * tracepoint and the kernel log.
 */
#ifndef SF_EVENT_H
#define SF_EVENT_H

#include <linux/fs.h>
#include <linux/ptrace.h>
#include <linux/types.h>

#include "policy.h"

struct sf_listener *sf_listener_create(u32 records, bool unique);
u64 sf_listener_bytes(const struct sf_listener *l);
struct file *sf_listener_open(struct sf_listener *listener);
struct file *sf_listener_open_all(u32 records);
void sf_listener_put(struct sf_listener *listener);
void sf_listener_detach(struct sf_listener *listener);

void sf_event_ratelimit_init(struct sf_layer *layer);
void sf_event_emit(const struct sf_stack *stack, struct pt_regs *regs,
		   enum sf_abi abi, u32 nr, const struct sf_decision *d);

#endif /* SF_EVENT_H */
