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

/*
 * Where @v is among the @n values sorted from set_values[@first] on, or
 * SF_NONE. The search halves the range without testing for equality on the
 * way, which keeps its loop short: log2(n) steps, one comparison each.
 */
static u32 sf_search(const struct sf_policy *p, u32 first, u32 n, u64 v,
		     bool is_signed)
{
	const u64 *values = p->set_values + first;
	/* Flipping the sign bit orders signed values as unsigned ones. */
	u64 bias = is_signed ? 1ULL << 63 : 0;
	u32 base = 0, half;

	if (!n)
		return SF_NONE;
	v ^= bias;
	while (n > 1) {
		half = n / 2;
		if ((values[base + half] ^ bias) <= v)
			base += half;
		n -= half;
	}
	return values[base] == (v ^ bias) ? base : SF_NONE;
}

/* The argument an instruction reads, as its field's C type holds it. */
static u64 sf_operand(const struct sf_insn *insn, const u64 args[SF_MAX_ARGS])
{
	u64 v = args[insn->arg] & insn->mask;

	if (insn->flags & SF_INSN_SIGNED) {
		u32 shift = 64 - insn->bits;

		v = (u64)((s64)(v << shift) >> shift);
	}
	return v;
}

/* A comparison or bit test of the operand @v. */
static bool sf_compare(const struct sf_insn *insn, u64 v)
{
	/* Flipping the sign bit orders signed values as unsigned ones. */
	u64 bias = (u64)(insn->flags & SF_INSN_SIGNED) << 63;
	u64 k = insn->value ^ bias;

	v ^= bias;
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
	default:
		return false;
	}
}

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
	const struct sf_insn *insn;
	u32 pc = start, at;
	bool holds;
	u64 v;

	/* pc strictly increases and every program ends with a leaf. */
	while (pc < p->ninsns) {
		insn = &p->insns[pc];
		if (insn->op == SF_OP_LEAF) {
			res->verdict = (u32)insn->value;
			res->line = insn->target;
			return;
		}
		v = sf_operand(insn, args);
		if (insn->op < SF_OP_IN) {
			holds = sf_compare(insn, v);
		} else {
			at = sf_search(p, insn->value, insn->aux, v,
				       insn->flags & SF_INSN_SIGNED);
			if (insn->op == SF_OP_SWITCH) {
				pc = at == SF_NONE ? insn->target :
					p->case_targets[insn->cases + at];
				continue;
			}
			holds = at != SF_NONE;
		}
		pc = holds == !!(insn->flags & SF_INSN_WHEN) ? insn->target :
							       pc + 1;
	}
	/* Unreachable from a start sf_policy_program() gave. */
	res->verdict = p->default_verdict;
	res->line = 0;
}

SF_EXPORT_FOR_KUNIT(sf_policy_run);

void sf_policy_eval(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		    const u64 args[SF_MAX_ARGS], struct sf_result *res)
{
	if (sf_policy_constant(p, abi, nr, res))
		return;
	sf_policy_run(p, sf_lookup(p, abi, nr)->aux, args, res);
}

SF_EXPORT_FOR_KUNIT(sf_policy_eval);
