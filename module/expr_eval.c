// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a syscall against a compiled policy. Runs in the sys_enter probe
 * with preemption disabled: no allocation, no locks, no recursion. The work
 * is bounded: one table lookup, then at most one pass over the syscall's
 * program, whose jumps only move forward (checked when compiling), with a
 * binary search for 'in' sets and switches. The program loop itself is
 * sf_program_run() in expr_program.h, inline for the probe.
 */
#include "engine_internal.h"

u32 sf_policy_abis(const struct sf_policy *p)
{
	return p->abis;
}

SF_EXPORT_FOR_KUNIT(sf_policy_abis);

/* The table entry of nr on abi, or NULL when the default decides. */
static const struct sf_entry *sf_lookup(const struct sf_policy *p,
					enum sf_abi abi, u32 nr)
{
	const struct sf_abi_table *t = &p->tables[abi];

	nr &= ~sf_abi_infos[abi]->nr_bit;
	if (nr >= t->size)
		return NULL;
	return &t->entries[sf_index_nospec(nr, t->size)];
}

u32 sf_policy_rule_count(const struct sf_policy *p)
{
	return p->nrules;
}

SF_EXPORT_FOR_KUNIT(sf_policy_rule_count);

/*
 * The index of the rule at @line: constant table entries keep the line
 * only. Rules are in file order, one per line at most.
 */
static u32 sf_rule_at(const struct sf_policy *p, u32 line)
{
	u32 lo = 0, hi = p->nrules;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (p->rules[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nrules && p->rules[lo].line == line ? lo :
							      SF_RULE_DEFAULT;
}

bool sf_policy_constant(const struct sf_policy *p, enum sf_abi abi, u32 nr,
			struct sf_result *res)
{
	const struct sf_entry *e;

	if ((unsigned int)abi >= SF_ABI_COUNT ||
	    !(p->abis & SF_ABI_MASK(abi))) {
		res->verdict = p->violation_verdict;
		res->line = p->violation_line;
		res->rule = SF_RULE_VIOLATION;
		return true;
	}
	e = sf_lookup(p, abi, nr);
	if (!e) {
		res->verdict = p->default_verdict;
		res->line = 0;
		res->rule = SF_RULE_DEFAULT;
		return true;
	}
	if (e->verdict == SF_ENTRY_PROG)
		return false;
	res->verdict = e->verdict;
	res->line = e->aux;
	res->rule = e->aux ? sf_rule_at(p, e->aux) : SF_RULE_DEFAULT;
	return true;
}

SF_EXPORT_FOR_KUNIT(sf_policy_constant);

u32 sf_policy_program(const struct sf_policy *p, enum sf_abi abi, u32 nr)
{
	const struct sf_entry *e;
	struct sf_result res;

	if (sf_policy_constant(p, abi, nr, &res))
		return SF_NO_PROGRAM;
	e = sf_lookup(p, abi, nr);
	return e->aux;
}

SF_EXPORT_FOR_KUNIT(sf_policy_program);

void sf_policy_run(const struct sf_policy *p, u32 start,
		   const u64 args[SF_MAX_ARGS], struct sf_result *res)
{
	sf_program_run(p, start, args, res);
}

SF_EXPORT_FOR_KUNIT(sf_policy_run);

void sf_policy_eval(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		    const u64 args[SF_MAX_ARGS], struct sf_result *res)
{
	if (sf_policy_constant(p, abi, nr, res))
		return;
	sf_program_run(p, sf_lookup(p, abi, nr)->aux, args, res);
}

SF_EXPORT_FOR_KUNIT(sf_policy_eval);
