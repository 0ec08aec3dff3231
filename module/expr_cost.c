// SPDX-License-Identifier: GPL-2.0
/*
 * What a compiled policy costs: the most work deciding one syscall can take
 * and the memory the policy holds. The module bounds both over a whole
 * stack of layers (limits.h), as seccomp bounds the instructions of a
 * filter path, so that stacking cannot multiply a policy's limits; the CLI
 * reports them.
 */

#include "engine_internal.h"

/*
 * Comparisons sf_program_search() makes over @n sorted values: one per
 * halving, and the final equality test.
 */
static u64 sf_search_steps(u32 n)
{
	u64 steps = 1;

	while (n > 1) {
		n -= n / 2;
		steps++;
	}
	return steps;
}

/* The costlier of the two ways on from instruction @i; @worst filled past @i. */
static u64 sf_cost_onward(const struct sf_policy *p, const u64 *worst, u32 i)
{
	const struct sf_insn *insn = &p->insns[i];
	u64 next = i + 1 < p->ninsns ? worst[i + 1] : 0;
	u64 taken = 0;

	/* The compiler only emits forward jumps inside the array. */
	if (insn->target > i && insn->target < p->ninsns)
		taken = worst[insn->target];
	if (insn->op == SF_OP_SWITCH)
		/* A hit ends at a leaf; a miss goes to @target. */
		return taken > 1 ? taken : 1;
	return next > taken ? next : taken;
}

static u64 sf_policy_bytes(const struct sf_policy *p)
{
	u64 bytes = sizeof(*p);
	int abi;

	bytes += (u64)p->ninsns * sizeof(*p->insns);
	bytes += (u64)p->nset_values * sizeof(*p->set_values);
	bytes += (u64)p->ncase_targets * sizeof(*p->case_targets);
	bytes += (u64)p->nrules * sizeof(*p->rules);
	bytes += p->conds_len;
	bytes += (u64)p->nwarnings * sizeof(*p->warnings);
	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		bytes += (u64)p->tables[abi].size *
			 sizeof(*p->tables[abi].entries);
	return bytes;
}

/**
 * sf_policy_cost - Bound the work and memory of a compiled policy
 * @p: The policy.
 * @cost: Receives the bounds.
 *
 * A step is one program instruction run, or one comparison of the binary
 * search an 'in' set or a switch makes; a syscall decided by its table
 * entry alone takes one. Programs only jump forward, so the longest path
 * from each instruction is found in one backward pass. Sleeps (it
 * allocates one u64 per instruction), so never from the probe.
 *
 * Return: 0, or -ENOMEM.
 */
int sf_policy_cost(const struct sf_policy *p, struct sf_policy_cost *cost)
{
	u64 *worst, steps = 1;
	u32 i, nr;
	int abi;

	worst = sf_zalloc_array(p->ninsns ? p->ninsns : 1, sizeof(*worst));
	if (!worst)
		return -ENOMEM;
	for (i = p->ninsns; i-- > 0;) {
		const struct sf_insn *insn = &p->insns[i];
		u64 own = 1;

		if (insn->op == SF_OP_LEAF) {
			worst[i] = 1;
			continue;
		}
		if (insn->op == SF_OP_IN || insn->op == SF_OP_SWITCH)
			own += sf_search_steps(insn->aux);
		worst[i] = own + sf_cost_onward(p, worst, i);
	}
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_abi_table *t = &p->tables[abi];

		if (!(p->abis & SF_ABI_MASK(abi)) || !t->entries)
			continue;
		for (nr = 0; nr < t->size; nr++) {
			const struct sf_entry *e = &t->entries[nr];

			if (e->verdict == SF_ENTRY_PROG && e->aux < p->ninsns &&
			    1 + worst[e->aux] > steps)
				steps = 1 + worst[e->aux];
		}
	}
	sf_free(worst);
	cost->steps = steps;
	cost->bytes = sf_policy_bytes(p);
	return 0;
}
