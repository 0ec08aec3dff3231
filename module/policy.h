/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layers (loaded policies) and stacks of layers: what a confined task is
 * subject to, and how the layers' verdicts combine.
 */
#ifndef SF_POLICY_H
#define SF_POLICY_H

#include <linux/nospec.h>
#include <linux/ratelimit.h>
#include <linux/refcount.h>
#include <linux/smp.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "engine.h"
#include "expr_program.h"

struct sf_listener;

/**
 * struct sf_layer - One loaded policy
 * @usage: References: the stack node that holds the layer, and the loader
 *	while it installs it.
 * @policy: The compiled policy; owned, immutable.
 * @complain: The layer only logs what it would enforce (sf_complain_data()).
 * @cost: What the policy costs (sf_policy_cost()), counted against the
 *	limits of every stack the layer joins.
 * @listener: Where the layer's decision events go (event.c), or NULL; set
 *	before the layer is installed, then constant. The layer holds a
 *	reference and detaches it when freed.
 * @counters: Decisions per rule, per CPU: row @cpu of @stride counters
 *	starts at @counters + @cpu * @stride, and holds one counter per rule,
 *	then the default's and abi-violation's (sf_layer_count()). Only the
 *	probe on that CPU, with preemption disabled, writes its row, so an
 *	increment needs no atomic; readers sum the rows.
 * @owner: Credentials of the loader: only the same effective user, or
 *	CAP_SYS_ADMIN over its user namespace, reads @counters (they time
 *	the syscalls of every task under the layer, of any user).
 * @stride: Counters per row, rounded up to a cache line.
 * @nrules: Rules of @policy.
 * @log_ratelimit: Budget of kernel log lines for ``log`` decisions and
 *	complaints of this layer, so that one layer (one tenant) cannot use
 *	up another's.
 * @kill_ratelimit: The same for kill and kill-thread decisions.
 *
 * A live layer pins the module, so that rmmod cannot drop confinement.
 */
struct sf_layer {
	refcount_t usage;
	struct sf_policy *policy;
	bool complain;
	struct sf_policy_cost cost;
	struct sf_listener *listener;
	const struct cred *owner;
	u64 *counters;
	u32 stride;
	u32 nrules;
	struct ratelimit_state log_ratelimit;
	struct ratelimit_state kill_ratelimit;
};

/*
 * Counts a decision of @layer's rule @rule (sf_result.rule). From the probe
 * only: preemption is disabled there, so the row stays this CPU's.
 */
static inline void sf_layer_count(const struct sf_layer *layer, u32 rule)
{
	u64 *row = layer->counters + raw_smp_processor_id() * layer->stride;
	u32 i = rule;

	if (rule >= layer->nrules)
		i = layer->nrules + (rule == SF_RULE_VIOLATION);
	/* Readers on other CPUs read it whole (READ_ONCE). */
	WRITE_ONCE(row[i], row[i] + 1);
}

/*
 * A complain layer's verdicts more severe than log become log verdicts that
 * remember what the layer would have enforced: SF_COMPLAIN_FLAG, the action
 * in bits 12-14 of the data and the errno in bits 0-11.
 */
#define SF_COMPLAIN_FLAG 0x8000U

static inline u32 sf_complain_data(u32 verdict)
{
	return SF_COMPLAIN_FLAG | ((u32)SF_VERDICT_ACTION(verdict) << 12) |
	       (SF_VERDICT_DATA(verdict) & 0xfffU);
}

/* The verdict a complaint's data stands for. */
static inline u32 sf_complain_verdict(u32 data)
{
	return SF_VERDICT((data >> 12) & 0x7U, data & 0xfffU);
}

static inline bool sf_verdict_is_complaint(u32 verdict)
{
	return SF_VERDICT_ACTION(verdict) == SF_ACT_LOG &&
	       (SF_VERDICT_DATA(verdict) & SF_COMPLAIN_FLAG);
}

/**
 * struct sf_decision - The outcome of a syscall under a stack of layers
 * @verdict: SF_VERDICT() of the most severe layer; on a tie, the newest.
 * @line: Policy line of the deciding rule in that layer; 0 for its default.
 * @layer: Which layer decided, counted from 1 (the oldest).
 * @rule: The deciding rule's index in that layer (sf_result.rule).
 */
struct sf_decision {
	u32 verdict;
	u32 line;
	u32 layer;
	u32 rule;
};

/*
 * A constant-table slot whose outcome depends on the arguments. Its other
 * fields then spare the evaluation some lookups: @line says where the
 * program of the node's own layer for that syscall starts (what
 * sf_policy_program() returns), SF_NO_PROGRAM when that layer decides the
 * syscall without arguments and an older layer needs them; @layer is the
 * node's depth when that program alone decides, there being no older layer
 * or the older ones allowing the syscall outright, and 0 when the older
 * layers must be asked too.
 */
#define SF_DECISION_DYNAMIC U32_MAX

/**
 * struct sf_stack - A node of a stack of layers
 * @usage: References: each task whose stack this is, and each newer node
 *	whose @prev it is.
 * @depth: Number of layers down to the oldest, this one included.
 * @prev: The node below (older layers), or NULL; referenced.
 * @layer: This node's layer; referenced.
 * @constant: Per ABI: the combined decision of all @depth layers for each
 *	syscall number below @limit that every layer decides without looking
 *	at arguments (or that this node's layer kills whatever the others
 *	say), or %SF_DECISION_DYNAMIC. Computed once when the node is created,
 *	so that most syscalls cost one lookup whatever the depth.
 * @limit: Per ABI: number of slots in @constant, the table's nr_limit.
 * @steps: The most steps deciding one syscall can take, over all @depth
 *	layers (at most SF_MAX_STACK_STEPS).
 * @bytes: Memory the @depth layers and nodes hold (at most
 *	SF_MAX_STACK_BYTES).
 * @release: Frees the node after an RCU grace period.
 *
 * Nodes are immutable once created and shared: by every task that inherited
 * the stack and by newer nodes. Tasks read them under RCU without taking
 * references (see task.c), so the last reference is dropped with
 * sf_stack_put(), which frees the node only after a grace period.
 */
struct sf_stack {
	refcount_t usage;
	u32 depth;
	struct sf_stack *prev;
	struct sf_layer *layer;
	struct sf_decision *constant[SF_ABI_COUNT];
	u32 limit[SF_ABI_COUNT];
	u64 steps;
	u64 bytes;
	struct rcu_work release;
};

/* What a layer's own verdict becomes once the layer's mode applies. */
static inline u32 sf_layer_verdict(const struct sf_layer *layer, u32 verdict)
{
	if (!layer->complain || SF_VERDICT_ACTION(verdict) <= SF_ACT_LOG)
		return verdict;
	return SF_VERDICT(SF_ACT_LOG, sf_complain_data(verdict));
}

struct sf_layer *sf_layer_create(struct sf_policy *policy, bool complain);
void sf_layer_put(struct sf_layer *layer);
u64 sf_layer_counter(const struct sf_layer *layer, u32 i);

/* The node of @stack whose layer is layer @depth (counted from 1). */
static inline const struct sf_stack *
sf_stack_at(const struct sf_stack *stack, u32 depth)
{
	while (stack->depth > depth && stack->prev)
		stack = stack->prev;
	return stack;
}

/* Counts decision @d in the counters of the layer that made it. */
static inline void sf_stack_count(const struct sf_stack *stack,
				  const struct sf_decision *d)
{
	if (likely(d->layer))
		sf_layer_count(sf_stack_at(stack, d->layer)->layer, d->rule);
}

int sf_stack_check(const struct sf_stack *prev, const struct sf_layer *layer,
		   struct sf_diag *diag);
struct sf_stack *sf_stack_push(struct sf_stack *prev, struct sf_layer *layer);
void sf_stack_get(struct sf_stack *stack);
void sf_stack_put(struct sf_stack *stack);
bool sf_stack_extends(const struct sf_stack *stack,
		      const struct sf_stack *older);

/**
 * sf_stack_slot - The constant-table slot of a syscall
 * @stack: The task's stack.
 * @abi: ABI of the syscall.
 * @nr: Syscall number within that ABI.
 *
 * Return: the slot, which decides the syscall unless its verdict is
 * %SF_DECISION_DYNAMIC; NULL past the table's end. In both cases
 * sf_stack_eval() decides.
 */
static inline const struct sf_decision *
sf_stack_slot(const struct sf_stack *stack, enum sf_abi abi, u32 nr)
{
	u32 limit = stack->limit[abi];

	if (nr >= limit)
		return NULL;
	/* @nr is the caller's: no speculative read past the table either. */
	return &stack->constant[abi][array_index_nospec(nr, limit)];
}

/**
 * sf_stack_lookup - Decide a syscall from the constant table
 * @stack: The task's stack.
 * @abi: ABI of the syscall.
 * @nr: Syscall number within that ABI.
 * @d: Receives the decision.
 *
 * Return: true when @d holds the decision; false when the arguments are
 * needed, then sf_stack_eval() decides.
 */
static inline bool sf_stack_lookup(const struct sf_stack *stack,
				   enum sf_abi abi, u32 nr,
				   struct sf_decision *d)
{
	const struct sf_decision *slot = sf_stack_slot(stack, abi, nr);

	if (!slot || slot->verdict == SF_DECISION_DYNAMIC)
		return false;
	*d = *slot;
	return true;
}

void sf_stack_walk(const struct sf_stack *stack, enum sf_abi abi, u32 nr,
		   const u64 args[SF_MAX_ARGS], struct sf_decision *d);

/**
 * sf_stack_eval - Decide a syscall whose outcome depends on its arguments
 * @stack: The task's stack.
 * @slot: What sf_stack_slot() returned for the syscall.
 * @abi: ABI of the syscall.
 * @nr: Syscall number within that ABI.
 * @args: The six raw argument registers.
 * @d: Receives the decision.
 *
 * Inline for the common case, a stack whose newest layer alone decides:
 * the probe then runs that layer's program without any call (which is why
 * this file reads the engine's expr_program.h). Never sleeps, allocates or
 * faults.
 */
static inline void sf_stack_eval(const struct sf_stack *stack,
				 const struct sf_decision *slot,
				 enum sf_abi abi, u32 nr,
				 const u64 args[SF_MAX_ARGS],
				 struct sf_decision *d)
{
	struct sf_result res __uninitialized;

	if (!slot || slot->verdict != SF_DECISION_DYNAMIC || !slot->layer) {
		sf_stack_walk(stack, abi, nr, args, d);
		return;
	}
	sf_program_run(stack->layer->policy, slot->line, args, &res);
	d->verdict = sf_layer_verdict(stack->layer, res.verdict);
	d->line = res.line;
	d->layer = slot->layer;
	d->rule = res.rule;
}

int sf_decision_format(u32 verdict, char *buf, size_t size);

/* True when verdict @a's action is strictly more severe than @b's. */
static inline bool sf_verdict_exceeds(u32 a, u32 b)
{
	return SF_VERDICT_ACTION(a) > SF_VERDICT_ACTION(b);
}

int sf_policy_init(void);
void sf_policy_exit(void);

#endif /* SF_POLICY_H */
