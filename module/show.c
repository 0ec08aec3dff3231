// SPDX-License-Identifier: GPL-2.0
/*
 * The effective policy of a stack as text, for SYSFENCE_IOC_SHOW. The line
 * grammar is documented with struct sysfence_show in uapi/linux/sysfence.h.
 */

#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "limits.h"
#include "show.h"

/*
 * The text is produced line by line and copied to user space as it goes;
 * only the part that fits in the user's buffer is copied, the rest counted.
 * A scratch buffer holds one piece at a time and grows as a description
 * needs; descriptions are bounded by the compiled policies, which are.
 */
struct sf_show {
	char __user *ubuf;
	u64 size;
	u64 len;
	char *scratch;
	size_t scratch_size;
	int err;
	/* The stack's layers, oldest first. */
	const struct sf_layer *layers[SF_MAX_LAYERS];
	u32 depth;
};

static void sf_show_put(struct sf_show *s, const char *text, size_t n)
{
	if (s->err)
		return;
	if (s->len < s->size) {
		u64 chunk = min_t(u64, n, s->size - s->len);

		if (copy_to_user(s->ubuf + s->len, text, chunk)) {
			s->err = -EFAULT;
			return;
		}
	}
	s->len += n;
}

static void sf_show_str(struct sf_show *s, const char *text)
{
	sf_show_put(s, text, strlen(text));
}

static __printf(2, 3) void sf_show_printf(struct sf_show *s,
					  const char *fmt, ...)
{
	char line[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sf_show_put(s, line, n);
}

static int sf_show_grow(struct sf_show *s, size_t need)
{
	char *bigger;

	if (need <= s->scratch_size)
		return 0;
	bigger = kvmalloc(need, GFP_KERNEL_ACCOUNT);
	if (!bigger)
		return -ENOMEM;
	kvfree(s->scratch);
	s->scratch = bigger;
	s->scratch_size = need;
	return 0;
}

static void sf_show_verdict(struct sf_show *s, u32 verdict)
{
	char text[64];
	int n = sf_decision_format(verdict, text, sizeof(text));

	sf_show_put(s, text, min_t(size_t, n, sizeof(text) - 1));
}

/* One layer's rule for a syscall whose outcome depends on arguments. */
static void sf_show_describe(struct sf_show *s, const struct sf_layer *layer,
			     enum sf_abi abi, u32 nr)
{
	int n;

	if (s->err)
		return;
	if (layer->complain)
		sf_show_str(s, "complain: ");
	n = sf_policy_describe(layer->policy, abi, nr, s->scratch,
			       s->scratch_size);
	if (n >= 0 && (size_t)n >= s->scratch_size) {
		s->err = sf_show_grow(s, (size_t)n + 1);
		if (s->err)
			return;
		n = sf_policy_describe(layer->policy, abi, nr, s->scratch,
				       s->scratch_size);
	}
	if (n < 0) {
		s->err = n;
		return;
	}
	sf_show_put(s, s->scratch, min_t(size_t, n, s->scratch_size - 1));
}

/* A layer's verdict for a syscall without a rule of its own on @abi. */
static u32 sf_layer_base(const struct sf_layer *layer, enum sf_abi abi)
{
	u32 verdict = sf_policy_abis(layer->policy) & SF_ABI_MASK(abi) ?
		sf_policy_default(layer->policy) :
		sf_policy_abi_violation(layer->policy);

	return sf_layer_verdict(layer, verdict);
}

/* Merges the next newer layer's verdict: the most severe, newest on ties. */
static u32 sf_merge(u32 merged, u32 newer)
{
	return sf_verdict_exceeds(merged, newer) ? merged : newer;
}

static void sf_show_syscall(struct sf_show *s, enum sf_abi abi,
			    const struct sf_syscall *call, u32 base,
			    const struct sf_stack *stack)
{
	u32 say[SF_MAX_LAYERS];
	struct sf_decision d;
	u32 i, count = 0;

	if (sf_stack_lookup(stack, abi, call->nr, &d)) {
		if (d.verdict == base)
			return;
		sf_show_printf(s, "%s %u (%s): ", sf_abi_name(abi),
			       sf_syscall_nr(abi, call->nr), call->name);
		sf_show_verdict(s, d.verdict);
		sf_show_str(s, "\n");
		return;
	}

	/* Layers that allow the syscall outright cannot change the outcome. */
	for (i = 0; i < s->depth; i++) {
		struct sf_result res;

		if (sf_policy_constant(s->layers[i]->policy, abi, call->nr,
				       &res) &&
		    SF_VERDICT_ACTION(res.verdict) == SF_ACT_ALLOW)
			continue;
		say[count++] = i;
	}
	sf_show_printf(s, "%s %u (%s): %s", sf_abi_name(abi),
		       sf_syscall_nr(abi, call->nr), call->name,
		       count > 1 ? "most severe of" : "");
	for (i = 0; i < count; i++) {
		const struct sf_layer *layer = s->layers[say[i]];
		struct sf_result res;

		if (count > 1)
			sf_show_printf(s, " [layer %u] ", say[i] + 1);
		if (sf_policy_constant(layer->policy, abi, call->nr, &res))
			sf_show_verdict(s, sf_layer_verdict(layer,
							    res.verdict));
		else
			sf_show_describe(s, layer, abi, call->nr);
	}
	sf_show_str(s, "\n");
}

static void sf_show_abi(struct sf_show *s, enum sf_abi abi,
			const struct sf_stack *stack)
{
	const struct sf_syscall_table *table = sf_syscall_tables[abi];
	u32 i, allowing = 0, base = 0;

	for (i = 0; i < s->depth; i++) {
		const struct sf_layer *layer = s->layers[i];
		u32 verdict = sf_layer_base(layer, abi);

		base = i ? sf_merge(base, verdict) : verdict;
		if (sf_policy_abis(layer->policy) & SF_ABI_MASK(abi))
			allowing++;
	}

	sf_show_printf(s, "abi %s ", sf_abi_name(abi));
	if (!allowing) {
		sf_show_str(s, "not allowed: ");
		sf_show_verdict(s, base);
		sf_show_str(s, "\n");
		return;
	}
	if (allowing == s->depth) {
		sf_show_str(s, "allowed\n");
	} else {
		sf_show_printf(s, "allowed by %u of %u layers: default ",
			       allowing, s->depth);
		sf_show_verdict(s, base);
		sf_show_str(s, "\n");
	}

	for (i = 0; i < table->count && !s->err; i++) {
		sf_show_syscall(s, abi, &table->calls[i], base, stack);
		if (fatal_signal_pending(current))
			s->err = -EINTR;
		cond_resched();
	}
}

/* The default line: every layer's default on an ABI it allows, merged. */
static void sf_show_default(struct sf_show *s)
{
	u32 i, merged = 0;

	for (i = 0; i < s->depth; i++) {
		const struct sf_layer *layer = s->layers[i];
		u32 verdict = sf_layer_verdict(layer,
					       sf_policy_default(layer->policy));

		merged = i ? sf_merge(merged, verdict) : verdict;
	}
	sf_show_str(s, "default ");
	sf_show_verdict(s, merged);
	sf_show_str(s, "\n");
}

/*
 * The counters time the syscalls of every task under a layer, whoever runs
 * them: a layer loaded by root above a user's session is that user's too,
 * and must not let them watch another user's activity. So they are for
 * the loader's effective user and for CAP_SYS_ADMIN over its namespace.
 */
static bool sf_show_stats_allowed(const struct sf_layer *layer)
{
	const struct cred *owner = layer->owner, *cred = current_cred();

	/*
	 * As ptrace decides: the same user in the same namespace holding at
	 * least the loader's capabilities (a root that dropped them, in a
	 * container without a user namespace, does not read a host layer).
	 */
	if (uid_eq(cred->euid, owner->euid) &&
	    cred->user_ns == owner->user_ns &&
	    cap_issubset(owner->cap_permitted, cred->cap_permitted))
		return true;
	return ns_capable_noaudit(owner->user_ns, CAP_SYS_ADMIN);
}

/* Each layer's decision counters (SYSFENCE_SHOW_STATS), oldest first. */
static void sf_show_stats(struct sf_show *s)
{
	u32 i, r;

	for (i = 0; i < s->depth && !s->err; i++) {
		const struct sf_layer *layer = s->layers[i];
		const struct sf_policy *policy = layer->policy;

		if (!sf_show_stats_allowed(layer)) {
			sf_show_printf(s, "stats layer %u: loaded by another user\n",
				       i + 1);
			continue;
		}
		sf_show_printf(s, "stats layer %u\n", i + 1);
		for (r = 0; r < layer->nrules && !s->err; r++) {
			sf_show_printf(s, "count layer %u line %u: %llu\n",
				       i + 1, policy->rules[r].line,
				       sf_layer_counter(layer, r));
			cond_resched();
		}
		sf_show_printf(s, "count layer %u default: %llu\n", i + 1,
			       sf_layer_counter(layer, layer->nrules));
		sf_show_printf(s, "count layer %u abi-violation: %llu\n", i + 1,
			       sf_layer_counter(layer, layer->nrules + 1));
	}
}

/**
 * sf_show_text - Write the effective policy of a stack to user space
 * @stack: The stack, referenced by the caller; NULL when unconfined.
 * @ubuf: User buffer.
 * @size: Its size; the text past it is counted, not written.
 * @stats: Append the decision counters of each layer.
 *
 * May sleep.
 *
 * Return: the length of the whole text, or -EFAULT, -ENOMEM, -EINTR.
 */
s64 sf_show_text(const struct sf_stack *stack, char __user *ubuf, u64 size,
		 bool stats)
{
	struct sf_show *s;
	const struct sf_stack *node;
	s64 ret;
	int abi;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->ubuf = ubuf;
	s->size = size;
	s->depth = stack ? stack->depth : 0;
	for (node = stack; node; node = node->prev)
		s->layers[node->depth - 1] = node->layer;

	sf_show_printf(s, "layers %u\n", s->depth);
	if (s->depth) {
		s->err = sf_show_grow(s, 256);
		sf_show_default(s);
		for (abi = 0; abi < SF_ABI_COUNT && !s->err; abi++)
			if (sf_target_arch->abis & SF_ABI_MASK(abi))
				sf_show_abi(s, abi, stack);
		if (stats)
			sf_show_stats(s);
	}
	ret = s->err ? s->err : (s64)s->len;
	kvfree(s->scratch);
	kfree(s);
	return ret;
}
