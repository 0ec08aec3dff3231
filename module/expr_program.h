/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compiled form of a policy (what expr_compile.c emits) and the loop
 * that runs one of its predicate programs.
 *
 * The loop is inline: the module's probe runs it for every syscall whose
 * verdict depends on the arguments, where a call into the engine and back
 * is a sizeable part of the cost (measured in QEMU/TCG, about a sixth of
 * what an argument-dependent syscall adds). Only policy.h uses it outside
 * the engine; everything else goes through engine.h.
 */
#ifndef SF_EXPR_PROGRAM_H
#define SF_EXPR_PROGRAM_H

#include "engine.h"

#define SF_NONE 0xffffffffU

/* What a predicate does; parsed conditions use the first eight. */
enum sf_op {
	SF_OP_EQ,
	SF_OP_NE,
	SF_OP_LT,
	SF_OP_LE,
	SF_OP_GT,
	SF_OP_GE,
	SF_OP_BAND,		/* field & MASK: true when non-zero */
	SF_OP_IN,		/* field in { ... } */
	SF_OP_LEAF,		/* compiled programs only: a verdict */
	SF_OP_SWITCH,		/* compiled programs only: a lookup table */
};

/*
 * One instruction of a predicate program. A predicate reads argument @arg,
 * keeps the bits of @mask (the argument's width, and a user mask), flips
 * bit @bits - 1 when SF_INSN_SIGNED, and compares the result with @value as
 * unsigned numbers; when the comparison's result equals SF_INSN_WHEN the
 * program continues at @target, otherwise at the next instruction. Flipping
 * the sign bit of a @bits-wide value orders signed values as unsigned ones
 * (-1 below 0, INT_MIN lowest), so values are stored that way too (the
 * operands of signed fields, their 'in' sets and switches) and evaluation
 * never compares signed. A leaf ends the program: @value is the
 * verdict, @target the deciding rule's line and @aux its index (SF_NONE for
 * the default). For SF_OP_IN, @value indexes set_values and @aux counts them.
 *
 * SF_OP_SWITCH stands for a run of rules whose conditions each test the same
 * field (argument, width, signedness and mask) for equality or membership:
 * it reads the field like a predicate, then looks it up among the @aux
 * sorted values from set_values[@value] on. A hit is decided by the leaf
 * the matching entry of case_targets (from @cases on) names, the first rule
 * of the run that accepts the value; a miss continues at @target, past the
 * run.
 * The run's leaves follow the instruction, in rule order.
 */
#define SF_INSN_SIGNED 0x1
#define SF_INSN_WHEN 0x2
#define SF_SIGN_BIT(bits) (1ULL << ((bits) - 1))

struct sf_insn {
	u8 op;
	u8 arg;
	u8 bits;
	u8 flags;
	u32 target;
	u32 aux;
	u32 cases;
	u64 mask;
	u64 value;
};

/* A table entry: a constant verdict, or SF_ENTRY_PROG and a program start. */
#define SF_ENTRY_PROG 0xffffffffU

struct sf_entry {
	u32 verdict;
	u32 aux;		/* line of the deciding rule, or program start */
};

struct sf_abi_table {
	struct sf_entry *entries;
	u32 size;
	struct sf_abi_summary summary;
};

struct sf_rule_info {
	u32 line;
	u32 cond;		/* offset in conds, SF_NONE if unconditional */
};

struct sf_policy {
	u32 abis;
	u32 default_verdict;
	u32 violation_verdict;
	u32 violation_line;
	struct sf_abi_table tables[SF_ABI_COUNT];
	struct sf_insn *insns;
	u32 ninsns;
	u64 *set_values;	/* sorted runs: 'in' sets, switch values */
	u32 nset_values;
	u32 *case_targets;	/* where each switch value leads */
	u32 ncase_targets;
	struct sf_rule_info *rules;
	u32 nrules;
	char *conds;
	u32 conds_len;
	struct sf_diag *warnings;
	u32 nwarnings;
	u32 warnings_total;
	u32 warnings_of[SF_WARN_KIND_COUNT];
};

/*
 * Where @v is among the @n values sorted from set_values[@first] on, or
 * SF_NONE; n >= 1 (checked when compiling). The search halves the range
 * without testing for equality on the way, which keeps its loop short:
 * log2(n) steps, one comparison each.
 */
static inline u32 sf_program_search(const struct sf_policy *p, u32 first,
				    u32 n, u64 v)
{
	const u64 *values = p->set_values + first;
	u32 base = 0, half;

	while (n > 1) {
		half = n / 2;
		if (values[base + half] <= v)
			base += half;
		n -= half;
	}
	return values[base] == v ? base : SF_NONE;
}

/* The argument an instruction reads, normalized as its values are. */
static inline u64 sf_program_operand(const struct sf_insn *insn,
				     const u64 args[SF_MAX_ARGS])
{
	u64 v = args[insn->arg] & insn->mask;

	/* SF_SIGN_BIT(insn->bits) for a signed field, 0 otherwise. */
	return v ^ ((u64)!!(insn->flags & SF_INSN_SIGNED) << (insn->bits - 1));
}

/* A comparison or bit test of the operand @v. */
static inline bool sf_program_compare(const struct sf_insn *insn, u64 v)
{
	u64 k = insn->value;

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

/*
 * Run the program starting at @pc (an entry's aux: see sf_policy_run()).
 * No allocation, lock or recursion; pc strictly increases, every program
 * ends with a leaf and every jump stays inside its program (all checked
 * when compiling), and the loop stays in bounds whatever @pc is.
 */
static inline void sf_program_run(const struct sf_policy *p, u32 pc,
				  const u64 args[SF_MAX_ARGS],
				  struct sf_result *res)
{
	const struct sf_insn *insn;
	bool holds;
	u32 at;
	u64 v;

	while (pc < p->ninsns) {
		insn = &p->insns[pc];
		if (insn->op == SF_OP_LEAF) {
			res->verdict = (u32)insn->value;
			res->line = insn->target;
			res->rule = insn->aux;
			return;
		}
		v = sf_program_operand(insn, args);
		if (insn->op < SF_OP_IN) {
			holds = sf_program_compare(insn, v);
		} else {
			at = sf_program_search(p, insn->value, insn->aux, v);
			if (insn->op == SF_OP_SWITCH && at == SF_NONE) {
				pc = insn->target;
				continue;
			}
			if (insn->op == SF_OP_SWITCH) {
				/* A case leads to a leaf: decide right here. */
				insn = &p->insns[p->case_targets[insn->cases + at]];
				res->verdict = (u32)insn->value;
				res->line = insn->target;
				res->rule = insn->aux;
				return;
			}
			holds = at != SF_NONE;
		}
		pc = holds == !!(insn->flags & SF_INSN_WHEN) ? insn->target :
							       pc + 1;
	}
	/* Unreachable from a start sf_policy_program() gave. */
	res->verdict = p->default_verdict;
	res->line = 0;
	res->rule = SF_RULE_DEFAULT;
}

#endif /* SF_EXPR_PROGRAM_H */
