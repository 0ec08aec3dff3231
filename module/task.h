/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which task is confined by which stack of layers.
 */
#ifndef SF_TASK_H
#define SF_TASK_H

#include <linux/hash.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "policy.h"

/**
 * struct sf_task - A confined task
 * @node: In sf_task_hash.
 * @task: The key; compared, never dereferenced through the table.
 * @stack: The task's stack of layers, referenced by the entry.
 * @spare: In a list of entries not in the table yet.
 * @rcu: Frees the entry after the readers that may see it are gone.
 */
struct sf_task {
	struct hlist_node node;
	const struct task_struct *task;
	struct sf_stack __rcu *stack;
	struct list_head spare;
	struct rcu_head rcu;
};

/*
 * The task table (task.c): its buckets, and the shift that turns a hashed
 * task pointer into a bucket index. Both are set at load and read-only
 * after it, so a lookup reads no more than they and the chain.
 */
extern struct hlist_head *sf_task_hash;
extern unsigned int sf_task_hash_shift;

/*
 * hash_ptr() (hash_64() or hash_32(), include/linux/hash.h) with the
 * table's shift kept ready: a lookup does not compute it from the bits.
 */
static inline struct hlist_head *sf_task_bucket(const struct task_struct *task)
{
	return &sf_task_hash[(unsigned long)task * GOLDEN_RATIO_PRIME >>
			     sf_task_hash_shift];
}

/**
 * sf_task_lookup - The table's entry of a task
 * @task: The task, normally current.
 *
 * Inline: the sys_enter probe calls it for every syscall of a confined
 * task. Must be called with preemption disabled or under rcu_read_lock();
 * the entry and its stack stay valid until the end of that section.
 *
 * Return: the entry, or NULL when @task is not confined.
 */
static __always_inline struct sf_task *
sf_task_lookup(const struct task_struct *task)
{
	struct sf_task *entry;

	hlist_for_each_entry_rcu(entry, sf_task_bucket(task), node)
		if (entry->task == task)
			return entry;
	return NULL;
}

/* The stack of an entry sf_task_lookup() found: never NULL. */
static __always_inline struct sf_stack *
sf_task_entry_stack(const struct sf_task *entry)
{
	return rcu_dereference_check(entry->stack, rcu_read_lock_any_held());
}

/**
 * sf_task_stack - The stack of a task, for the task itself
 * @task: The task, normally current.
 *
 * Under the same conditions as sf_task_lookup().
 *
 * Return: the stack, or NULL when @task is not confined.
 */
static inline struct sf_stack *sf_task_stack(const struct task_struct *task)
{
	struct sf_task *entry = sf_task_lookup(task);

	return entry ? sf_task_entry_stack(entry) : NULL;
}

struct sf_stack *sf_task_get_stack(const struct task_struct *task);
int sf_task_install(struct sf_layer *layer, bool all_threads, u32 *depth,
		    struct sf_diag *diag);
void sf_task_fork(struct task_struct *parent, struct task_struct *child);
void sf_task_exit(struct task_struct *task);
int sf_task_init(void);
void sf_task_cleanup(void);

#endif /* SF_TASK_H */
