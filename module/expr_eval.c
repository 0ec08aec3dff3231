// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a syscall against a compiled policy. Runs in the sys_enter probe
 * with preemption disabled: no allocation, no locks, no recursion. The work
 * is bounded: one table lookup, then at most one pass over the syscall's
 * program, whose jumps only move forward (checked when compiling), with a
 * binary search for 'in' sets.
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

	if (abi == SF_ABI_X32)
		nr &= ~SF_X32_SYSCALL_BIT;
	if (nr >= t->size)
		return NULL;
	return &t->entries[nr];
}

bool sf_policy_constant(const struct sf_policy *p, enum sf_abi abi, u32 nr,
			struct sf_result *res)
{
	const struct sf_entry *e;

	if ((unsigned int)abi >= SF_ABI_COUNT ||
	    !(p->abis & SF_ABI_MASK(abi))) {
		res->verdict = p->violation_verdict;
		res->line = p->violation_line;
		return true;
	}
	e = sf_lookup(p, abi, nr);
	if (!e) {
		res->verdict = p->default_verdict;
		res->line = 0;
		return true;
	}
	if (e->verdict == SF_ENTRY_PROG)
		return false;
	res->verdict = e->verdict;
	res->line = e->aux;
	return true;
}

SF_EXPORT_FOR_KUNIT(sf_policy_constant);

static bool sf_in_set(const struct sf_policy *p, const struct sf_insn *insn,
		      u64 v)
{
	const u64 *set = p->set_values + insn->value;
	bool is_signed = insn->flags & SF_INSN_SIGNED;
	u32 lo = 0, hi = insn->aux;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (set[mid] == v)
			return true;
		if (is_signed ? (s64)set[mid] < (s64)v : set[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool sf_test(const struct sf_policy *p, const struct sf_insn *insn,
		    const u64 args[SF_MAX_ARGS])
{
	u64 v = args[insn->arg] & insn->mask;
	u64 k = insn->value;

	if (insn->flags & SF_INSN_SIGNED) {
		u32 shift = 64 - insn->bits;

		/* Sign-extend the argument's low bits, as its C type would. */
		v = (u64)((s64)(v << shift) >> shift);
		switch (insn->op) {
		case SF_OP_LT:
			return (s64)v < (s64)k;
		case SF_OP_LE:
			return (s64)v <= (s64)k;
		case SF_OP_GT:
			return (s64)v > (s64)k;
		case SF_OP_GE:
			return (s64)v >= (s64)k;
		default:
			break;
		}
	}
	switch (insn->op) {
	case SF_OP_EQ:
		return v == k;
	case SF_OP_NE:
		return v != k;
	case SF_OP_LT:
		return v < k;
	case SF_OP_LE:
		return v <= k;
	case SF_OP_GT:
		return v > k;
	case SF_OP_GE:
		return v >= k;
	case SF_OP_BAND:
		return v != 0;
	case SF_OP_IN:
		return sf_in_set(p, insn, v);
	default:
		return false;
	}
}

void sf_policy_eval(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		    const u64 args[SF_MAX_ARGS], struct sf_result *res)
{
	const struct sf_insn *insn;
	u32 pc;

	if (sf_policy_constant(p, abi, nr, res))
		return;
	pc = sf_lookup(p, abi, nr)->aux;
	/* pc strictly increases and every program ends with a leaf. */
	while (pc < p->ninsns) {
		insn = &p->insns[pc];
		if (insn->op == SF_OP_LEAF) {
			res->verdict = (u32)insn->value;
			res->line = insn->target;
			return;
		}
		if (sf_test(p, insn, args) == !!(insn->flags & SF_INSN_WHEN))
			pc = insn->target;
		else
			pc++;
	}
	/* Unreachable for a policy sf_policy_compile() produced. */
	res->verdict = p->default_verdict;
	res->line = 0;
}

SF_EXPORT_FOR_KUNIT(sf_policy_eval);
