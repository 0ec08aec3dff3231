// SPDX-License-Identifier: GPL-2.0
/*
 * Layers and stacks of layers: creation, the constant table computed when a
 * layer is pushed, verdict merging, and deferred release.
 *
 * Merging rule: every layer of a stack decides each syscall; the most severe
 * action wins (kill > kill-thread > trap > errno > log > allow, the order of
 * enum sf_action), and between equally severe verdicts the newest layer's
 * data (errno value, rule line) is kept. A new layer therefore never allows
 * what an older one denies.
 */

#include <linux/cred.h>
#include <linux/cache.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "event.h"
#include "limits.h"
#include "policy.h"

/*
 * Stack nodes are freed from here, in process context, after an RCU grace
 * period. A node's release may drop the last reference to the module (its
 * layer's): sf_policy_exit() drains the queue before the module goes away.
 */
static struct workqueue_struct *sf_release_wq;

/**
 * sf_layer_create - Wrap a compiled policy into a layer
 * @policy: Compiled policy; owned by the layer on success.
 * @complain: Log instead of enforcing (SYSFENCE_LOAD_COMPLAIN).
 *
 * Return: the layer with one reference, or an ERR_PTR().
 */
struct sf_layer *sf_layer_create(struct sf_policy *policy, bool complain)
{
	struct sf_layer *layer;

	if (!try_module_get(THIS_MODULE))
		return ERR_PTR(-ENODEV);
	layer = kzalloc(sizeof(*layer), GFP_KERNEL_ACCOUNT);
	if (!layer)
		goto err_put_module;
	if (sf_policy_cost(policy, &layer->cost))
		goto err_free_layer;
	layer->nrules = sf_policy_rule_count(policy);
	/* One row per CPU, each on cache lines of its own. */
	layer->stride = round_up(layer->nrules + 2,
				 SMP_CACHE_BYTES / sizeof(u64));
	layer->counters = kvcalloc(nr_cpu_ids, layer->stride * sizeof(u64),
				   GFP_KERNEL_ACCOUNT);
	if (!layer->counters)
		goto err_free_layer;
	/* The counters are the layer's memory too, for the stack's limit. */
	layer->cost.bytes += (u64)nr_cpu_ids * layer->stride * sizeof(u64);
	refcount_set(&layer->usage, 1);
	layer->policy = policy;
	layer->complain = complain;
	layer->owner = get_current_cred();
	sf_event_ratelimit_init(layer);
	return layer;

err_free_layer:
	kfree(layer);
err_put_module:
	module_put(THIS_MODULE);
	return ERR_PTR(-ENOMEM);
}

SF_EXPORT_FOR_KUNIT(sf_layer_create);

void sf_layer_put(struct sf_layer *layer)
{
	if (!layer || !refcount_dec_and_test(&layer->usage))
		return;
	sf_listener_detach(layer->listener);
	put_cred(layer->owner);
	sf_policy_free(layer->policy);
	kvfree(layer->counters);
	kfree(layer);
	module_put(THIS_MODULE);
}

SF_EXPORT_FOR_KUNIT(sf_layer_put);

/**
 * sf_layer_counter - Read one decision counter of a layer
 * @layer: The layer.
 * @i: A rule index, or the number of rules for the default, plus one for
 *	abi-violation.
 *
 * Return: the decisions counted so far, over all CPUs.
 */
u64 sf_layer_counter(const struct sf_layer *layer, u32 i)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(layer->counters[cpu * layer->stride + i]);
	return sum;
}

SF_EXPORT_FOR_KUNIT(sf_layer_counter);

/* The decision of one layer for one syscall, without the arguments. */
static bool sf_layer_constant(const struct sf_layer *layer, u32 depth,
			      enum sf_abi abi, u32 nr, struct sf_decision *d)
{
	struct sf_result res;

	if (!sf_policy_constant(layer->policy, abi, nr, &res))
		return false;
	d->verdict = sf_layer_verdict(layer, res.verdict);
	d->line = res.line;
	d->layer = depth;
	d->rule = res.rule;
	return true;
}

/**
 * sf_decision_format - Format a verdict of a stack
 * @verdict: The verdict, possibly a complain layer's log verdict.
 * @buf: Output buffer.
 * @size: Its size.
 *
 * Return: like snprintf().
 */
int sf_decision_format(u32 verdict, char *buf, size_t size)
{
	char would[32];

	if (!sf_verdict_is_complaint(verdict))
		return sf_verdict_format(verdict, buf, size);
	sf_verdict_format(sf_complain_verdict(SF_VERDICT_DATA(verdict)), would,
			  sizeof(would));
	return snprintf(buf, size, "log (complain: %s)", would);
}

SF_EXPORT_FOR_KUNIT(sf_decision_format);

/*
 * Fills the constant table of the new node @stack for @abi from its layer
 * and the table of the node below. A slot is constant when both sides are,
 * or when the new layer kills: nothing is more severe, and a tie goes to the
 * newest layer, so the older layers cannot change that outcome.
 */
static int sf_stack_fill(struct sf_stack *stack, enum sf_abi abi)
{
	const struct sf_stack *prev = stack->prev;
	u32 limit = sf_syscall_tables[abi]->nr_limit;
	struct sf_decision *table;
	u32 nr;

	table = kvcalloc(limit ? limit : 1, sizeof(*table), GFP_KERNEL_ACCOUNT);
	if (!table)
		return -ENOMEM;
	for (nr = 0; nr < limit; nr++) {
		/* Zeroed: every field of a slot is copied into the table. */
		struct sf_decision d = {}, older = {
			.verdict = SF_VERDICT(SF_ACT_ALLOW, 0),
		};

		if (prev)
			older = prev->constant[abi][nr];
		if (!sf_layer_constant(stack->layer, stack->depth, abi, nr, &d)) {
			d.verdict = SF_DECISION_DYNAMIC;
			d.line = sf_policy_program(stack->layer->policy, abi,
						   nr);
			/*
			 * Older layers that allow outright cannot beat the
			 * program, and a tie goes to the newest layer.
			 */
			d.layer = SF_VERDICT_ACTION(older.verdict) ==
				  SF_ACT_ALLOW ? stack->depth : 0;
		} else if (prev && SF_VERDICT_ACTION(d.verdict) != SF_ACT_KILL) {
			if (older.verdict == SF_DECISION_DYNAMIC)
				d = (struct sf_decision){
					.verdict = SF_DECISION_DYNAMIC,
					.line = SF_NO_PROGRAM,
				};
			else if (sf_verdict_exceeds(older.verdict, d.verdict))
				d = older;
		}
		table[nr] = d;
	}
	stack->constant[abi] = table;
	stack->limit[abi] = limit;
	return 0;
}

static void sf_stack_free(struct sf_stack *stack)
{
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		kvfree(stack->constant[abi]);
	sf_layer_put(stack->layer);
	kfree(stack);
}

/* What a node adds to its layer's cost: itself and its constant tables. */
static u64 sf_stack_node_bytes(void)
{
	u64 bytes = sizeof(struct sf_stack);
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		bytes += (u64)sf_syscall_tables[abi]->nr_limit *
			 sizeof(struct sf_decision);
	return bytes;
}

/**
 * sf_stack_check - Whether a layer may go on top of a stack
 * @prev: The stack below, or NULL.
 * @layer: The new layer.
 * @diag: Receives the reason on failure (line and column 0); may be NULL.
 *
 * The limits hold for the stack as a whole, so that 32 layers cannot cost
 * 32 times what one policy may: the number of layers, the steps deciding
 * one syscall may take over all of them, the memory they pin.
 *
 * Return: 0, or -E2BIG.
 */
int sf_stack_check(const struct sf_stack *prev, const struct sf_layer *layer,
		   struct sf_diag *diag)
{
	u32 depth = prev ? prev->depth + 1 : 1;
	u64 steps = (prev ? prev->steps : 0) + layer->cost.steps;
	u64 bytes = (prev ? prev->bytes : 0) + layer->cost.bytes +
		    sf_stack_node_bytes();
	char unused[1];
	char *msg = diag ? diag->msg : unused;
	size_t size = diag ? sizeof(diag->msg) : sizeof(unused);

	if (depth > SF_MAX_LAYERS) {
		snprintf(msg, size, "the stack would have %u layers (limit %u)",
			 depth, SF_MAX_LAYERS);
		return -E2BIG;
	}
	if (steps > SF_MAX_STACK_STEPS) {
		snprintf(msg, size,
			 "a syscall could take %llu steps over the stack (limit %u; this policy: %llu)",
			 (unsigned long long)steps, SF_MAX_STACK_STEPS,
			 (unsigned long long)layer->cost.steps);
		return -E2BIG;
	}
	if (bytes > SF_MAX_STACK_BYTES) {
		snprintf(msg, size,
			 "the stack would hold %llu KiB (limit %u KiB; this policy: %llu KiB)",
			 (unsigned long long)bytes / 1024,
			 SF_MAX_STACK_BYTES / 1024,
			 (unsigned long long)layer->cost.bytes / 1024);
		return -E2BIG;
	}
	return 0;
}

SF_EXPORT_FOR_KUNIT(sf_stack_check);

/**
 * sf_stack_push - Create the stack that adds a layer on top of another
 * @prev: The stack below, or NULL for the first layer.
 * @layer: The new layer.
 *
 * May sleep. The result holds references on @prev and @layer.
 *
 * Return: the new node with one reference, or ERR_PTR(-E2BIG) when it would
 * exceed a limit of sf_stack_check(), or ERR_PTR(-ENOMEM).
 */
struct sf_stack *sf_stack_push(struct sf_stack *prev, struct sf_layer *layer)
{
	u32 depth = prev ? prev->depth + 1 : 1;
	struct sf_stack *stack;
	int abi, err;

	if (sf_stack_check(prev, layer, NULL))
		return ERR_PTR(-E2BIG);
	stack = kzalloc(sizeof(*stack), GFP_KERNEL_ACCOUNT);
	if (!stack)
		return ERR_PTR(-ENOMEM);
	stack->depth = depth;
	stack->steps = (prev ? prev->steps : 0) + layer->cost.steps;
	stack->bytes = (prev ? prev->bytes : 0) + layer->cost.bytes +
		       sf_stack_node_bytes();
	stack->prev = prev;
	stack->layer = layer;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		err = sf_stack_fill(stack, abi);
		if (err) {
			stack->layer = NULL;
			sf_stack_free(stack);
			return ERR_PTR(err);
		}
		cond_resched();
	}
	refcount_set(&stack->usage, 1);
	refcount_inc(&layer->usage);
	if (prev)
		sf_stack_get(prev);
	return stack;
}

SF_EXPORT_FOR_KUNIT(sf_stack_push);

void sf_stack_get(struct sf_stack *stack)
{
	refcount_inc(&stack->usage);
}

static void sf_stack_release(struct work_struct *work)
{
	struct sf_stack *stack = container_of(to_rcu_work(work),
					      struct sf_stack, release);
	struct sf_stack *prev = stack->prev;

	sf_stack_free(stack);
	/*
	 * Not freed here even if this was its last reference: a task may
	 * have read @prev from its own entry just before the entry moved to
	 * a newer stack, and such a reader is only known to be gone one grace
	 * period after that move, which may be later than this node's.
	 */
	sf_stack_put(prev);
}

/*
 * Drops a reference. Safe in any context but NMI: the node is freed from a
 * workqueue once RCU readers that may still see it are gone.
 */
void sf_stack_put(struct sf_stack *stack)
{
	if (!stack || !refcount_dec_and_test(&stack->usage))
		return;
	INIT_RCU_WORK(&stack->release, sf_stack_release);
	queue_rcu_work(sf_release_wq, &stack->release);
}

SF_EXPORT_FOR_KUNIT(sf_stack_put);

/**
 * sf_stack_extends - Whether a stack contains another one
 * @stack: A stack, or NULL.
 * @older: A stack, or NULL (the empty stack).
 *
 * Return: true when @older is @stack or one of the nodes below it, that is
 * when @stack has every layer of @older, in the same order.
 */
bool sf_stack_extends(const struct sf_stack *stack,
		      const struct sf_stack *older)
{
	if (!older)
		return true;
	for (; stack; stack = stack->prev)
		if (stack == older)
			return true;
	return false;
}

SF_EXPORT_FOR_KUNIT(sf_stack_extends);

/*
 * The decision of the layer of @stack alone, for a syscall the node's
 * constant table leaves to the arguments: from the program start the slot
 * holds when there is one, else through the whole engine.
 */
static void sf_layer_eval(const struct sf_stack *stack, enum sf_abi abi,
			  u32 nr, u32 start, const u64 args[SF_MAX_ARGS],
			  struct sf_decision *d)
{
	const struct sf_layer *layer = stack->layer;
	struct sf_result res;

	if (start != SF_NO_PROGRAM)
		sf_policy_run(layer->policy, start, args, &res);
	else
		sf_policy_eval(layer->policy, abi, nr, args, &res);
	d->verdict = sf_layer_verdict(layer, res.verdict);
	d->line = res.line;
	d->layer = stack->depth;
	d->rule = res.rule;
}

/**
 * sf_stack_walk - Decide a syscall layer by layer
 * @stack: The task's stack.
 * @abi: ABI of the syscall.
 * @nr: Syscall number within that ABI.
 * @args: The six raw argument registers.
 * @d: Receives the decision.
 *
 * The general case of sf_stack_eval(): walks from the newest layer down, and
 * stops at the first node whose constant table decides the syscall for
 * itself and all older layers, or at a kill, which nothing older can beat.
 * Never sleeps, allocates or faults.
 */
void sf_stack_walk(const struct sf_stack *stack, enum sf_abi abi, u32 nr,
		   const u64 args[SF_MAX_ARGS], struct sf_decision *d)
{
	bool decided = false;

	for (; stack; stack = stack->prev) {
		const struct sf_decision *slot = sf_stack_slot(stack, abi, nr);
		struct sf_decision cur;
		bool covers_older = false;
		u32 start = SF_NO_PROGRAM;

		/* Past the table's end every layer has its default. */
		if (slot) {
			cur = *slot;
			covers_older = cur.verdict != SF_DECISION_DYNAMIC;
			start = cur.line;
		}
		if (!covers_older)
			sf_layer_eval(stack, abi, nr, start, args, &cur);
		/* Older layers replace a decision only when more severe. */
		if (!decided || sf_verdict_exceeds(cur.verdict, d->verdict))
			*d = cur;
		decided = true;
		if (covers_older || SF_VERDICT_ACTION(d->verdict) == SF_ACT_KILL)
			break;
	}
	if (!decided)
		*d = (struct sf_decision){ .verdict = SF_VERDICT(SF_ACT_ALLOW, 0) };
}

SF_EXPORT_FOR_KUNIT(sf_stack_walk);

int sf_policy_init(void)
{
	/* sf_complain_data() packs an action and an errno in 15 bits. */
	BUILD_BUG_ON(SF_ACT_COUNT > 8);
	BUILD_BUG_ON(SF_MAX_ERRNO > 0xfff);
	sf_release_wq = alloc_workqueue("sysfence_release", 0, 0);
	return sf_release_wq ? 0 : -ENOMEM;
}

/*
 * Called at module exit, when no layer is left (each pins the module): waits
 * for the grace periods queued by the last releases, then for their work.
 */
void sf_policy_exit(void)
{
	rcu_barrier();
	destroy_workqueue(sf_release_wq);
}
