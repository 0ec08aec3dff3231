// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of the policy engine: every case of the shared table
 * (tests/cases/engine_cases.h, also run in the kernel by KUnit), then tests
 * that need generated policies, the compiled form or the group table.
 * Run with CMOCKA_MESSAGE_OUTPUT=TAP.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine_internal.h"
#include "engine_case_check.h"

/* ---- The shared table ---- */

static void test_engine_case(void **state)
{
	const struct sf_engine_case *c = *state;
	char why[SF_CASE_WHY_MAX];

	if (!sf_engine_case_check(c, why, sizeof(why)))
		fail_msg("%s: %s", c->name, why);
}

/* ---- Helpers for generated policies ---- */

struct text {
	char *buf;
	size_t len;
	size_t cap;
};

static void text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
		assert_non_null(t->buf);
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

static int compile_text(const struct text *t, struct sf_policy **p,
			struct sf_diag *diag)
{
	return sf_policy_compile(t->buf, t->len, p, diag);
}

static struct sf_policy *compile_ok(const char *text)
{
	struct sf_policy *p = NULL;
	struct sf_diag diag;
	int err = sf_policy_compile(text, strlen(text), &p, &diag);

	if (err)
		fail_msg("%u:%u: %s", diag.line, diag.col, diag.msg);
	return p;
}

static u32 nr_of(enum sf_abi abi, const char *name)
{
	const struct sf_syscall *sc = sf_syscall_by_name(abi, name,
							 strlen(name));

	assert_non_null(sc);
	return sc->nr;
}

/* ---- Short-circuit: the compiled program stops at the deciding test ---- */

static const struct sf_insn *first_insn(const struct sf_policy *p,
					const char *name)
{
	const struct sf_entry *e;

	e = &p->tables[SF_ABI_X86_64].entries[nr_of(SF_ABI_X86_64, name)];
	assert_int_equal(e->verdict, SF_ENTRY_PROG);
	return &p->insns[e->aux];
}

static void test_or_stops_at_first_true(void **state)
{
	static const char text[] =
		"default kill\nallow write if fd == 1 || count == 2 || buf == 3\n";
	struct sf_policy *p = compile_ok(text);
	const struct sf_insn *insn = first_insn(p, "write");

	(void)state;
	/* fd == 1 true: straight to the allow leaf, skipping two tests. */
	assert_int_equal(insn->op, SF_OP_EQ);
	assert_true(insn->flags & SF_INSN_WHEN);
	assert_int_equal(p->insns[insn->target].op, SF_OP_LEAF);
	assert_int_equal(SF_VERDICT_ACTION(p->insns[insn->target].value),
			 SF_ACT_ALLOW);
	sf_policy_free(p);
}

static void test_and_stops_at_first_false(void **state)
{
	static const char text[] =
		"default kill\nallow write if fd == 1 && count == 2 && buf == 3\n";
	struct sf_policy *p = compile_ok(text);
	const struct sf_insn *insn = first_insn(p, "write");

	(void)state;
	/* fd == 1 false: straight to the default leaf. */
	assert_false(insn->flags & SF_INSN_WHEN);
	assert_int_equal(p->insns[insn->target].op, SF_OP_LEAF);
	assert_int_equal(SF_VERDICT_ACTION(p->insns[insn->target].value),
			 SF_ACT_KILL);
	sf_policy_free(p);
}

static void test_false_condition_falls_to_next_rule(void **state)
{
	static const char text[] =
		"default kill\nallow write if fd == 1\nlog write if count == 2\n";
	struct sf_policy *p = compile_ok(text);
	const struct sf_insn *insn = first_insn(p, "write");

	(void)state;
	/* fd == 1, leaf allow, count == 2, leaf log, leaf kill */
	assert_int_equal(insn[1].op, SF_OP_LEAF);
	assert_int_equal(insn->target, (u32)(&insn[2] - p->insns));
	assert_int_equal(insn[2].op, SF_OP_EQ);
	assert_int_equal(insn[4].op, SF_OP_LEAF);
	assert_int_equal(SF_VERDICT_ACTION(insn[4].value), SF_ACT_KILL);
	sf_policy_free(p);
}

/*
 * ---- Runs of equality rules become one lookup ----
 *
 * The outcomes are the case table's business (engine_cases.h); these tests
 * check that the structure is there, so that a run really costs one search.
 */

static void test_equality_run_is_one_switch(void **state)
{
	static const char text[] =
		"default kill\nallow write if fd == 7\nlog write if fd in {1, 9}\n"
		"errno EBADF write if fd == 1\ntrap write if count == 3\n";
	struct sf_policy *p = compile_ok(text);
	const struct sf_insn *insn = first_insn(p, "write");
	u32 at = (u32)(insn - p->insns), i;
	/* fd 1 is named twice: the earlier rule, log, keeps it. */
	static const u64 values[] = { 1, 7, 9 };
	static const u32 leaves[] = { 2, 1, 2 };

	(void)state;
	/* switch, leaf allow, leaf log, leaf errno, count == 3, leaf, leaf */
	assert_int_equal(insn->op, SF_OP_SWITCH);
	assert_int_equal(insn->aux, 3);
	assert_int_equal(insn->target, at + 4);
	for (i = 0; i < 3; i++) {
		assert_int_equal(p->set_values[insn->value + i], values[i]);
		assert_int_equal(p->case_targets[insn->cases + i],
				 at + leaves[i]);
		assert_int_equal(insn[i + 1].op, SF_OP_LEAF);
	}
	assert_int_equal(insn[4].op, SF_OP_EQ);
	assert_int_equal(insn[6].op, SF_OP_LEAF);
	sf_policy_free(p);
}

static void test_single_equality_rule_stays_a_test(void **state)
{
	struct sf_policy *p = compile_ok("default kill\nallow write if fd == 7\n"
					 "log write if fd > 9\n"
					 "allow write if fd == 8\n");
	const struct sf_insn *insn = first_insn(p, "write");

	(void)state;
	assert_int_equal(insn[0].op, SF_OP_EQ);
	assert_int_equal(insn[2].op, SF_OP_GT);
	assert_int_equal(insn[4].op, SF_OP_EQ);
	assert_int_equal(p->ncase_targets, 0);
	sf_policy_free(p);
}

static void test_run_needs_the_same_field(void **state)
{
	/* Same argument, other width, mask or signedness: three fields. */
	struct sf_policy *p = compile_ok("default kill\nallow ioctl if cmd == 1\n"
					 "allow ioctl if arg1 == 2\n"
					 "allow ioctl if (cmd & 0xff) == 3\n"
					 "allow ioctl if (cmd & 0xff) == 4\n");
	const struct sf_insn *insn = first_insn(p, "ioctl");

	(void)state;
	assert_int_equal(insn[0].op, SF_OP_EQ);
	assert_int_equal(insn[2].op, SF_OP_EQ);
	assert_int_equal(insn[4].op, SF_OP_SWITCH);
	assert_int_equal(insn[4].aux, 2);
	assert_int_equal(insn[4].mask, 0xff);
	sf_policy_free(p);
}

/* The summary counts what the probe runs: the merged form. */
static void test_switch_shrinks_the_program(void **state)
{
	struct sf_policy *p = compile_ok("default kill\nallow write if fd == 1\n"
					 "allow write if fd == 2\n"
					 "allow write if fd == 3\n");
	struct sf_abi_summary sum;

	(void)state;
	assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
	assert_int_equal(sum.insns, 5);
	sf_policy_free(p);
}

static void test_constant_syscalls_have_no_program(void **state)
{
	static const char text[] =
		"default errno EPERM\nallow read\nallow write if fd == 1\n";
	struct sf_policy *p = compile_ok(text);
	struct sf_abi_summary sum;
	struct sf_result res;

	(void)state;
	assert_true(sf_policy_constant(p, SF_ABI_X86_64,
				       nr_of(SF_ABI_X86_64, "read"), &res));
	assert_int_equal(res.verdict, SF_VERDICT(SF_ACT_ALLOW, 0));
	assert_int_equal(res.line, 2);
	assert_false(sf_policy_constant(p, SF_ABI_X86_64,
					nr_of(SF_ABI_X86_64, "write"), &res));
	assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
	assert_int_equal(sum.rules, 2);
	assert_int_equal(sum.constant, 1);
	assert_int_equal(sum.argdep, 1);
	assert_int_equal(sum.insns, 3);
	assert_int_equal(sum.defaulted, sum.syscalls - 2);
	assert_int_equal(sf_policy_summary(p, SF_ABI_I386, &sum), -EINVAL);
	sf_policy_free(p);
}

/*
 * ---- Random conditions against a reference evaluator ----
 *
 * The engine parses conditions iteratively into jump programs; here a
 * plain recursive-descent evaluator of the same grammar (C precedence,
 * '!' on the next factor) decides random conditions over write's fields,
 * and the two must agree for random arguments.
 */

static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u32 rng(u32 n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state % n);
}

static const char *const ref_fields[] = { "fd", "count", "arg1" };
static const char *const ref_ops[] = { "==", "!=", "<", "<=", ">", ">=" };

static void gen_pred(struct text *t)
{
	char buf[64];
	const char *f = ref_fields[rng(3)];

	switch (rng(4)) {
	case 0:
		snprintf(buf, sizeof(buf), "%s %s %u", f, ref_ops[rng(6)],
			 rng(8));
		break;
	case 1:
		snprintf(buf, sizeof(buf), "%s & %u", f, 1 + rng(7));
		break;
	case 2:
		snprintf(buf, sizeof(buf), "( %s & %u ) %s %u", f, rng(8),
			 ref_ops[rng(6)], rng(8));
		break;
	default:
		snprintf(buf, sizeof(buf), "%s in { %u , %u }", f, rng(8),
			 rng(8));
		break;
	}
	text_add(t, buf);
}

static void gen_expr(struct text *t, int depth);

static void gen_factor(struct text *t, int depth)
{
	u32 k = depth > 0 ? rng(5) : 0;

	if (k == 3) {
		text_add(t, "! ");
		gen_factor(t, depth - 1);
	} else if (k == 4) {
		text_add(t, "( ");
		gen_expr(t, depth - 1);
		text_add(t, " )");
	} else {
		gen_pred(t);
	}
}

static void gen_expr(struct text *t, int depth)
{
	u32 terms = 1 + rng(3), factors, i, k;

	for (i = 0; i < terms; i++) {
		if (i)
			text_add(t, " || ");
		factors = 1 + rng(3);
		for (k = 0; k < factors; k++) {
			if (k)
				text_add(t, " && ");
			gen_factor(t, depth);
		}
	}
}

/* The reference: tokens are separated by single spaces. */
struct ref {
	const char *s;
	const u64 *args;
};

static bool ref_is(struct ref *r, const char *tok)
{
	size_t n = strlen(tok);

	return !strncmp(r->s, tok, n) && (r->s[n] == ' ' || !r->s[n]);
}

static void ref_skip(struct ref *r)
{
	const char *sp = strchr(r->s, ' ');

	r->s = sp ? sp + 1 : r->s + strlen(r->s);
}

static u64 ref_number(struct ref *r)
{
	u64 v = strtoull(r->s, NULL, 0);

	ref_skip(r);
	return v;
}

static u64 ref_field(struct ref *r)
{
	u64 v;

	if (ref_is(r, "fd"))
		v = r->args[0] & 0xffffffff;	/* unsigned int */
	else if (ref_is(r, "arg0"))
		v = r->args[0];			/* the whole register */
	else if (ref_is(r, "arg1"))
		v = r->args[1];			/* buf, unsigned long */
	else
		v = r->args[2];			/* count, size_t */
	ref_skip(r);
	return v;
}

static bool ref_compare(struct ref *r, u64 v)
{
	const char *op = r->s;
	u64 k;

	ref_skip(r);
	k = ref_number(r);
	if (!strncmp(op, "== ", 3))
		return v == k;
	if (!strncmp(op, "!= ", 3))
		return v != k;
	if (!strncmp(op, "<= ", 3))
		return v <= k;
	if (!strncmp(op, ">= ", 3))
		return v >= k;
	if (!strncmp(op, "< ", 2))
		return v < k;
	return v > k;
}

static bool ref_pred(struct ref *r)
{
	u64 v;

	if (ref_is(r, "(")) {
		ref_skip(r);
		v = ref_field(r);
		ref_skip(r);		/* & */
		v &= ref_number(r);
		ref_skip(r);		/* ) */
		return ref_compare(r, v);
	}
	v = ref_field(r);
	if (ref_is(r, "&")) {
		ref_skip(r);
		return v & ref_number(r);
	}
	if (ref_is(r, "in")) {
		bool found = false;

		ref_skip(r);
		do {
			ref_skip(r);	/* { or , */
			found |= v == ref_number(r);
		} while (ref_is(r, ","));
		ref_skip(r);		/* } */
		return found;
	}
	return ref_compare(r, v);
}

static bool ref_expr(struct ref *r);

/* The documented rule: "( FIELD & VALUE )" then a comparison is masked. */
static bool ref_masked_ahead(const char *s)
{
	char field[16], op[4];
	unsigned int mask;

	if (sscanf(s, "( %15s & %u ) %3s", field, &mask, op) != 3)
		return false;
	return strcmp(op, "&&") && strcmp(op, "||") && strcmp(op, ")");
}

static bool ref_factor(struct ref *r)
{
	bool v;

	if (ref_is(r, "!")) {
		ref_skip(r);
		return !ref_factor(r);
	}
	if (ref_is(r, "(") && !ref_masked_ahead(r->s)) {
		ref_skip(r);
		v = ref_expr(r);
		ref_skip(r);	/* ) */
		return v;
	}
	return ref_pred(r);
}

static bool ref_expr(struct ref *r)
{
	bool result = false, term;

	for (;;) {
		term = ref_factor(r);
		while (ref_is(r, "&&")) {
			ref_skip(r);
			/* Evaluate anyway: predicates have no side effects. */
			term = ref_factor(r) && term;
		}
		result = result || term;
		if (!ref_is(r, "||"))
			return result;
		ref_skip(r);
	}
}

static void test_random_conditions_match_reference(void **state)
{
	u32 round, k;

	(void)state;
	for (round = 0; round < 3000; round++) {
		struct text t = { 0 };
		struct sf_policy *p = NULL;
		struct sf_diag diag;
		size_t cond;

		text_add(&t, "default errno EPERM\nallow write if ");
		cond = t.len;
		gen_expr(&t, 3);
		if (sf_policy_compile(t.buf, t.len, &p, &diag))
			fail_msg("%s: %u:%u: %s", t.buf + cond, diag.line,
				 diag.col, diag.msg);
		for (k = 0; k < 16; k++) {
			u64 args[SF_MAX_ARGS] = {
				rng(9) | (rng(2) ? (u64)rng(7) << 32 : 0),
				rng(9), rng(9),
			};
			struct ref r = { t.buf + cond, args };
			struct sf_result res;
			bool want = ref_expr(&r), got;

			sf_policy_eval(p, SF_ABI_X86_64,
				       nr_of(SF_ABI_X86_64, "write"), args,
				       &res);
			got = res.verdict == SF_VERDICT(SF_ACT_ALLOW, 0);
			if (got != want)
				fail_msg("%s, fd=%#llx buf=%llu count=%llu: engine %d, reference %d",
					 t.buf + cond,
					 (unsigned long long)args[0],
					 (unsigned long long)args[1],
					 (unsigned long long)args[2], got, want);
		}
		sf_policy_free(p);
		free(t.buf);
	}
}

/*
 * Whole policies: several rules on write, most of them one equality or set
 * test (the shape the compiler merges into lookups), over a few fields that
 * share an argument register, with other conditions and unconditional rules
 * in between. The first rule whose condition holds must decide, with its
 * verdict and its line, as a scan of the rules in order says.
 */

static const char *const gen_verdicts[] = {
	"allow", "log", "errno EBADF", "errno EACCES", "trap",
};

/* One equality or set test over a few fields, values from a small range. */
static void gen_single_test(struct text *t)
{
	static const char *const fields[] = { "fd", "fd", "fd", "arg0", "count" };
	const char *f = fields[rng(ARRAY_SIZE(fields))];
	char buf[32];
	u32 n, i;

	switch (rng(3)) {
	case 0:
		snprintf(buf, sizeof(buf), "%s == %u", f, rng(12));
		text_add(t, buf);
		break;
	case 1:
		snprintf(buf, sizeof(buf), "%s in { %u", f, rng(12));
		text_add(t, buf);
		for (n = rng(4), i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), " , %u", rng(12));
			text_add(t, buf);
		}
		text_add(t, " }");
		break;
	default:
		snprintf(buf, sizeof(buf), "( fd & 3 ) == %u", rng(4));
		text_add(t, buf);
		break;
	}
}

#define GEN_MAX_RULES 12

static void test_random_policies_match_first_rule_scan(void **state)
{
	u32 write_nr = nr_of(SF_ABI_X86_64, "write"), round, k, i;

	(void)state;
	for (round = 0; round < 2000; round++) {
		struct text conds[GEN_MAX_RULES] = { 0 };
		const char *verdicts[GEN_MAX_RULES];
		u32 nrules = 1 + rng(GEN_MAX_RULES);
		struct text t = { 0 };
		struct sf_policy *p = NULL;
		struct sf_diag diag;

		text_add(&t, "default errno EPERM\n");
		for (i = 0; i < nrules; i++) {
			u32 shape = rng(10);

			verdicts[i] = gen_verdicts[rng(ARRAY_SIZE(gen_verdicts))];
			text_add(&conds[i], "");
			if (shape < 7)
				gen_single_test(&conds[i]);
			else if (shape < 9)
				gen_expr(&conds[i], 1);
			text_add(&t, verdicts[i]);
			text_add(&t, " write");
			if (conds[i].len) {
				text_add(&t, " if ");
				text_add(&t, conds[i].buf);
			}
			text_add(&t, "\n");
		}
		if (sf_policy_compile(t.buf, t.len, &p, &diag))
			fail_msg("%s: %u:%u: %s", t.buf, diag.line, diag.col,
				 diag.msg);
		for (k = 0; k < 32; k++) {
			u64 args[SF_MAX_ARGS] = {
				rng(13) | (rng(4) ? 0 : (u64)rng(3) << 32),
				rng(13), rng(13),
			};
			const char *want = "errno EPERM";
			u32 want_line = 0;
			struct sf_result res;
			char got[32];

			for (i = 0; i < nrules; i++) {
				struct ref r = { conds[i].buf, args };

				if (!conds[i].len || ref_expr(&r)) {
					want = verdicts[i];
					want_line = i + 2;
					break;
				}
			}
			sf_policy_eval(p, SF_ABI_X86_64, write_nr, args, &res);
			sf_verdict_format(res.verdict, got, sizeof(got));
			if (strcmp(got, want) || res.line != want_line)
				fail_msg("%sfd=%#llx buf=%llu count=%llu: "
					 "engine %s (line %u), reference %s (line %u)",
					 t.buf, (unsigned long long)args[0],
					 (unsigned long long)args[1],
					 (unsigned long long)args[2], got,
					 res.line, want, want_line);
		}
		sf_policy_free(p);
		for (i = 0; i < nrules; i++)
			free(conds[i].buf);
		free(t.buf);
	}
}

/* ---- Limits that need generated policies ---- */

static void test_rule_limit(void **state)
{
	struct text t = { 0 };
	struct sf_policy *p = NULL;
	struct sf_diag diag;
	u32 i;

	(void)state;
	text_add(&t, "default allow\n");
	for (i = 0; i < SF_MAX_RULES; i++)
		text_add(&t, "log read\n");
	assert_int_equal(compile_text(&t, &p, &diag), 0);
	sf_policy_free(p);
	text_add(&t, "log read\n");
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_int_equal(diag.line, SF_MAX_RULES + 2);
	assert_int_equal(diag.col, 1);
	assert_non_null(strstr(diag.msg, "too many rules (limit 8192)"));
	free(t.buf);
}

static void test_size_limit(void **state)
{
	size_t len = SF_MAX_POLICY_SIZE + 1;
	char *text = malloc(len);
	struct sf_policy *p = NULL;
	struct sf_diag diag;

	(void)state;
	assert_non_null(text);
	memset(text, '\n', len);
	memcpy(text, "default allow", 13);
	assert_int_equal(sf_policy_compile(text, len, &p, &diag), -E2BIG);
	assert_null(p);
	assert_non_null(strstr(diag.msg, "more than the limit"));
	/* One byte less is accepted: the limit is inclusive. */
	assert_int_equal(sf_policy_compile(text, len - 1, &p, &diag), 0);
	sf_policy_free(p);
	free(text);
}

/* A condition of @n predicates over fd. */
static void add_condition(struct text *t, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		text_add(t, i ? " || fd == 0" : "fd == 0");
}

static void test_policy_predicate_limit(void **state)
{
	u32 rules = SF_MAX_POLICY_PREDICATES / SF_MAX_PREDICATES, i;
	struct text t = { 0 };
	struct sf_policy *p = NULL;
	struct sf_diag diag;

	(void)state;
	text_add(&t, "default allow\n");
	for (i = 0; i < rules; i++) {
		text_add(&t, "log write if ");
		add_condition(&t, SF_MAX_PREDICATES);
		text_add(&t, "\n");
	}
	assert_int_equal(compile_text(&t, &p, &diag), 0);
	sf_policy_free(p);
	text_add(&t, "log write if fd == 9\n");
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_int_equal(diag.line, rules + 2);
	assert_int_equal(diag.col, 14);
	assert_non_null(strstr(diag.msg, "more than 65536 predicates in the policy"));
	free(t.buf);
}

static void test_instruction_limit(void **state)
{
	struct sf_policy *p = compile_ok("default allow\nlog @system-service\n");
	struct text t = { 0 };
	struct sf_abi_summary sum;
	struct sf_diag diag;
	u32 per_rule, fits, i, k;

	(void)state;
	assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
	sf_policy_free(p);
	/* Each rule copies its tests and a leaf into every member's program. */
	per_rule = sum.constant * (SF_MAX_PREDICATES + 1);
	fits = SF_MAX_INSNS / per_rule;
	text_add(&t, "default allow\n");
	for (i = 0; i <= fits; i++) {
		text_add(&t, "log @system-service if ");
		for (k = 0; k < SF_MAX_PREDICATES; k++)
			text_add(&t, k ? " || arg0 == 0" : "arg0 == 0");
		text_add(&t, "\n");
		if (i == fits - 1) {
			assert_int_equal(compile_text(&t, &p, &diag), 0);
			sf_policy_free(p);
		}
	}
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_int_equal(diag.line, fits + 2);
	assert_int_equal(diag.col, 1);
	assert_non_null(strstr(diag.msg, "more than 262144 instructions"));
	free(t.buf);
}

/*
 * Conditions are type-checked for every syscall they name, reachable or
 * not, so errors do not depend on rule order; those checks count against
 * the instruction limit, which bounds compile time.
 */
static void test_unreachable_conditions_count_toward_limit(void **state)
{
	struct sf_policy *p = compile_ok("default allow\nlog @system-service\n");
	struct text t = { 0 };
	struct sf_abi_summary sum;
	struct sf_diag diag;
	u32 fits, i, k;

	(void)state;
	assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
	sf_policy_free(p);
	fits = SF_MAX_INSNS / (sum.constant * SF_MAX_PREDICATES);
	text_add(&t, "default allow\nallow @system-service\n");
	for (i = 0; i <= fits; i++) {
		text_add(&t, "log @system-service if ");
		for (k = 0; k < SF_MAX_PREDICATES; k++)
			text_add(&t, k ? " || arg0 == 0" : "arg0 == 0");
		text_add(&t, "\n");
	}
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_int_equal(diag.line, fits + 3);
	assert_non_null(strstr(diag.msg, "more than 262144 instructions"));
	free(t.buf);
}

/* Unconditional rules cost no instructions: the rule limit bounds them. */
static void test_many_group_rules(void **state)
{
	struct text t = { 0 };
	struct sf_policy *p = NULL;
	struct sf_diag diag;
	u32 i;

	(void)state;
	text_add(&t, "default allow\nabi x86_64 i386 x32\n");
	for (i = 0; i < SF_MAX_RULES; i++)
		text_add(&t, "log @system-service\n");
	assert_int_equal(compile_text(&t, &p, &diag), 0);
	assert_int_equal(sf_policy_warnings_total(p), SF_MAX_RULES - 1);
	sf_policy_free(p);
	free(t.buf);
}

/*
 * Rules of full sets of distinct values: at the limit they are one run, so
 * one lookup of every value; the limit counts values as written, merged or
 * not.
 */
static void test_set_value_limit(void **state)
{
	u32 rules = SF_MAX_SET_VALUES / SF_MAX_SET, i, k;
	u32 nr = nr_of(SF_ABI_X86_64, "write");
	u64 args[SF_MAX_ARGS] = { 0 };
	struct text t = { 0 };
	struct sf_policy *p = NULL;
	struct sf_result res;
	struct sf_diag diag;
	char num[16];

	(void)state;
	text_add(&t, "default allow\n");
	for (i = 0; i <= rules; i++) {
		text_add(&t, "log write if fd in {");
		for (k = 0; k < SF_MAX_SET; k++) {
			snprintf(num, sizeof(num), k ? ", %u" : "%u",
				 i * SF_MAX_SET + k);
			text_add(&t, num);
		}
		text_add(&t, "}\n");
		if (i != rules - 1)
			continue;
		assert_int_equal(compile_text(&t, &p, &diag), 0);
		assert_int_equal(first_insn(p, "write")->op, SF_OP_SWITCH);
		assert_int_equal(first_insn(p, "write")->aux, SF_MAX_SET_VALUES);
		for (k = 0; k < rules; k++) {
			args[0] = k * SF_MAX_SET + k;
			sf_policy_eval(p, SF_ABI_X86_64, nr, args, &res);
			assert_int_equal(res.line, k + 2);
		}
		args[0] = SF_MAX_SET_VALUES;
		sf_policy_eval(p, SF_ABI_X86_64, nr, args, &res);
		assert_int_equal(res.line, 0);
		sf_policy_free(p);
	}
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_int_equal(diag.line, rules + 2);
	assert_non_null(strstr(diag.msg, "'in' sets hold more than 65536"));
	free(t.buf);
}

/*
 * Equality rules cost their tests and leaves against the instruction limit
 * as written: merging them into lookups never changes which policies fit.
 */
static void test_equality_runs_count_as_written(void **state)
{
	struct sf_policy *p = compile_ok("default allow\nlog @system-service\n");
	u32 nr = nr_of(SF_ABI_X86_64, "read");
	u64 args[SF_MAX_ARGS] = { 0 };
	struct sf_abi_summary sum;
	struct text t = { 0 };
	struct sf_result res;
	struct sf_diag diag;
	char rule[64];
	u32 members, fits, i;

	(void)state;
	assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
	sf_policy_free(p);
	members = sum.constant;
	/* A test and a leaf per rule and member, and each member's default. */
	fits = (SF_MAX_INSNS - members) / (2 * members);
	text_add(&t, "default allow\n");
	for (i = 0; i <= fits; i++) {
		snprintf(rule, sizeof(rule),
			 "log @system-service if arg0 == %u\n", i);
		text_add(&t, rule);
		if (i != fits - 1)
			continue;
		assert_int_equal(compile_text(&t, &p, &diag), 0);
		assert_int_equal(sf_policy_summary(p, SF_ABI_X86_64, &sum), 0);
		assert_int_equal(sum.insns, members * (fits + 2));
		args[0] = fits - 1;
		sf_policy_eval(p, SF_ABI_X86_64, nr, args, &res);
		assert_int_equal(res.line, fits + 1);
		sf_policy_free(p);
	}
	assert_int_equal(compile_text(&t, &p, &diag), -EINVAL);
	assert_non_null(strstr(diag.msg, "more than 262144 instructions"));
	free(t.buf);
}

static void test_warnings_are_capped_and_counted(void **state)
{
	struct text t = { 0 };
	struct sf_policy *p = NULL;
	struct sf_diag diag;
	u32 i;

	(void)state;
	text_add(&t, "default allow\nallow read\n");
	for (i = 0; i < SF_MAX_WARNINGS + 10; i++)
		text_add(&t, "log read\n");
	assert_int_equal(compile_text(&t, &p, &diag), 0);
	assert_int_equal(sf_policy_warning_count(p), SF_MAX_WARNINGS);
	assert_int_equal(sf_policy_warnings_total(p), SF_MAX_WARNINGS + 10);
	assert_null(sf_policy_warning(p, SF_MAX_WARNINGS));
	assert_int_equal(sf_policy_warning(p, 0)->line, 3);
	sf_policy_free(p);
	free(t.buf);
}

/* ---- Verdicts, describe and the API edges ---- */

static void test_verdict_format(void **state)
{
	char buf[32];

	(void)state;
	sf_verdict_format(SF_VERDICT(SF_ACT_ALLOW, 0), buf, sizeof(buf));
	assert_string_equal(buf, "allow");
	sf_verdict_format(SF_VERDICT(SF_ACT_ERRNO, 1), buf, sizeof(buf));
	assert_string_equal(buf, "errno EPERM");
	sf_verdict_format(SF_VERDICT(SF_ACT_ERRNO, 4000), buf, sizeof(buf));
	assert_string_equal(buf, "errno 4000");
	sf_verdict_format(SF_VERDICT(SF_ACT_KILL_THREAD, 0), buf, sizeof(buf));
	assert_string_equal(buf, "kill-thread");
	assert_int_equal(sf_verdict_format(SF_VERDICT(SF_ACT_TRAP, 0), buf, 2),
			 4);
	assert_string_equal(buf, "t");
}

static void test_describe_truncates_like_snprintf(void **state)
{
	static const char text[] =
		"default kill\nallow write if fd == 1\n";
	struct sf_policy *p = compile_ok(text);
	u32 nr = nr_of(SF_ABI_X86_64, "write");
	char buf[8];
	int need;

	(void)state;
	need = sf_policy_describe(p, SF_ABI_X86_64, nr, NULL, 0);
	assert_int_equal(need, (int)strlen("allow if fd == 1; else kill"));
	assert_int_equal(sf_policy_describe(p, SF_ABI_X86_64, nr, buf,
					    sizeof(buf)), need);
	assert_string_equal(buf, "allow i");
	sf_policy_free(p);
}

static void test_eval_of_unknown_abi_is_violation(void **state)
{
	struct sf_policy *p = compile_ok("default allow\nabi-violation trap\n");
	u64 args[SF_MAX_ARGS] = { 0 };
	struct sf_result res;

	(void)state;
	sf_policy_eval(p, SF_ABI_COUNT, 0, args, &res);
	assert_int_equal(res.verdict, SF_VERDICT(SF_ACT_TRAP, 0));
	assert_int_equal(res.line, 2);
	assert_int_equal(sf_policy_abis(p), SF_ABI_MASK(SF_ABI_X86_64));
	sf_policy_free(p);
}

static void test_diag_may_be_null(void **state)
{
	struct sf_policy *p = NULL;

	(void)state;
	assert_int_equal(sf_policy_compile("allow", 5, &p, NULL), -EINVAL);
	assert_null(p);
}

static void test_unterminated_text(void **state)
{
	/* The engine reads len bytes, never up to a NUL. */
	static const char text[] = { 'd', 'e', 'f', 'a', 'u', 'l', 't', ' ',
				     'k', 'i', 'l', 'l' };
	struct sf_policy *p = NULL;
	struct sf_diag diag;

	(void)state;
	assert_int_equal(sf_policy_compile(text, sizeof(text), &p, &diag), 0);
	assert_int_equal(sf_policy_default(p), SF_VERDICT(SF_ACT_KILL, 0));
	sf_policy_free(p);
	assert_int_equal(sf_policy_compile(text, 9, &p, &diag), -EINVAL);
	assert_int_equal(diag.col, 9);
	assert_non_null(strstr(diag.msg, "expected an action, found 'k'"));
}

/* ---- The group table ---- */

static void test_group_members_exist(void **state)
{
	const char *name;
	u32 g, pos, len;
	int abi;

	(void)state;
	for (g = 0; g < sf_groups_count; g++) {
		pos = 0;
		while ((len = sf_group_next_member(sf_groups[g].members, &pos,
						   &name))) {
			bool found = false;

			if (name[0] == '@') {
				int inner = sf_group_lookup(name + 1, len - 1);

				if (inner < 0)
					fail_msg("@%s: unknown group %.*s",
						 sf_groups[g].name, (int)len,
						 name);
				/* Nesting is one level deep. */
				if (strchr(sf_groups[inner].members, '@'))
					fail_msg("@%s nests @%s, which nests",
						 sf_groups[g].name,
						 sf_groups[inner].name);
				continue;
			}
			for (abi = 0; abi < SF_ABI_COUNT; abi++)
				found |= !!sf_syscall_by_name(abi, name, len);
			if (!found)
				fail_msg("@%s: no ABI has '%.*s'",
					 sf_groups[g].name, (int)len, name);
		}
	}
}

static void test_every_group_compiles_on_every_abi(void **state)
{
	char text[128];
	u32 g;

	(void)state;
	for (g = 0; g < sf_groups_count; g++) {
		struct sf_abi_summary sum;
		struct sf_policy *p;
		int abi;

		snprintf(text, sizeof(text),
			 "default allow\nabi x86_64 i386 x32\nlog @%s\n",
			 sf_groups[g].name);
		p = compile_ok(text);
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (!(sf_policy_abis(p) & SF_ABI_MASK(abi)))
				continue;
			assert_int_equal(sf_policy_summary(p, abi, &sum), 0);
			if (!sum.constant)
				fail_msg("@%s names nothing on %s",
					 sf_groups[g].name, sf_abi_name(abi));
		}
		sf_policy_free(p);
	}
}

static void test_groups_are_required_families(void **state)
{
	static const char *const required[] = {
		"default", "file-system", "io-event", "network-io",
		"process", "signal", "timer", "ipc", "system-service",
	};
	u32 i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(required); i++)
		assert_true(sf_group_lookup(required[i],
					    strlen(required[i])) >= 0);
}

/* ---- Cost bounds (what the module limits per stack) ---- */

static struct sf_policy_cost cost_of(const char *text)
{
	struct sf_policy *p = compile_ok(text);
	struct sf_policy_cost cost;

	assert_int_equal(sf_policy_cost(p, &cost), 0);
	sf_policy_free(p);
	return cost;
}

static void test_cost_of_constant_policy_is_one_lookup(void **state)
{
	(void)state;
	assert_int_equal(cost_of("default allow\nkill ptrace\n").steps, 1);
	/* The example of docs/policy-language.md's limits. */
	assert_int_equal(cost_of("default errno EBADF\nallow write if fd == 1 || fd == 2\n").steps, 4);
}

/*
 * Every comparison of a chain of && can run (all but the last true), and
 * an 'in' set adds the comparisons of its binary search.
 */
static void test_cost_counts_the_longest_path(void **state)
{
	struct sf_policy_cost cost, in16, plain;
	struct text t = { 0 };
	struct sf_policy *p;
	struct sf_diag diag;
	u32 k;

	(void)state;
	text_add(&t, "default allow\nerrno EPERM write if ");
	for (k = 0; k < 200; k++) {
		char pred[32];

		snprintf(pred, sizeof(pred), "%scount > %u", k ? " && " : "",
			 k);
		text_add(&t, pred);
	}
	text_add(&t, "\n");
	assert_int_equal(compile_text(&t, &p, &diag), 0);
	assert_int_equal(sf_policy_cost(p, &cost), 0);
	sf_policy_free(p);
	free(t.buf);
	/* The lookup, 200 tests, a leaf. */
	assert_int_equal(cost.steps, 1 + 200 + 1);

	plain = cost_of("default allow\nerrno EPERM write if fd < 0 && count > 1\n");
	in16 = cost_of("default allow\nerrno EPERM write if fd in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16} && count > 1\n");
	assert_int_equal(plain.steps, 1 + 2 + 1);
	/* The set test adds its search: 4 halvings and the equality. */
	assert_int_equal(in16.steps, plain.steps + 5);
}

static void test_cost_counts_the_memory_held(void **state)
{
	struct sf_policy_cost small = cost_of("default allow\n");
	struct sf_policy_cost big = cost_of("default allow\nerrno EPERM write if fd == 1 && count > 2\nerrno EPERM read if fd == 1 && count > 2\n");

	(void)state;
	assert_true(small.bytes > 0);
	assert_true(big.bytes > small.bytes);
}

/*
 * An allow-list allows one syscall of a family and leaves its siblings to
 * the default on purpose: no sibling warning, which would tell the author
 * to restrict what they just allowed.
 */
static void test_allow_list_siblings_are_not_warned(void **state)
{
	struct sf_policy *p = compile_ok("default errno EPERM\n"
					 "allow execve, dup2, pipe2, wait4, prlimit64, openat\n"
					 "errno ENOSYS clone3\n"
					 "allow clone if !(clone_flags & CLONE_THREAD)\n");

	(void)state;
	assert_int_equal(sf_policy_warnings_of(p, SF_WARN_BYPASS), 0);
	sf_policy_free(p);
	/* A rule that restricts one while the default allows a sibling does. */
	p = compile_ok("default allow\nkill execve\n");
	assert_int_equal(sf_policy_warnings_of(p, SF_WARN_BYPASS), 1);
	sf_policy_free(p);
}

#define ENGINE_TEST(fn) cmocka_unit_test(fn)

static const struct CMUnitTest targeted[] = {
	ENGINE_TEST(test_or_stops_at_first_true),
	ENGINE_TEST(test_and_stops_at_first_false),
	ENGINE_TEST(test_false_condition_falls_to_next_rule),
	ENGINE_TEST(test_equality_run_is_one_switch),
	ENGINE_TEST(test_single_equality_rule_stays_a_test),
	ENGINE_TEST(test_run_needs_the_same_field),
	ENGINE_TEST(test_switch_shrinks_the_program),
	ENGINE_TEST(test_constant_syscalls_have_no_program),
	ENGINE_TEST(test_random_conditions_match_reference),
	ENGINE_TEST(test_random_policies_match_first_rule_scan),
	ENGINE_TEST(test_rule_limit),
	ENGINE_TEST(test_size_limit),
	ENGINE_TEST(test_policy_predicate_limit),
	ENGINE_TEST(test_instruction_limit),
	ENGINE_TEST(test_unreachable_conditions_count_toward_limit),
	ENGINE_TEST(test_many_group_rules),
	ENGINE_TEST(test_set_value_limit),
	ENGINE_TEST(test_equality_runs_count_as_written),
	ENGINE_TEST(test_warnings_are_capped_and_counted),
	ENGINE_TEST(test_verdict_format),
	ENGINE_TEST(test_describe_truncates_like_snprintf),
	ENGINE_TEST(test_eval_of_unknown_abi_is_violation),
	ENGINE_TEST(test_diag_may_be_null),
	ENGINE_TEST(test_unterminated_text),
	ENGINE_TEST(test_group_members_exist),
	ENGINE_TEST(test_every_group_compiles_on_every_abi),
	ENGINE_TEST(test_groups_are_required_families),
	ENGINE_TEST(test_allow_list_siblings_are_not_warned),
	ENGINE_TEST(test_cost_of_constant_policy_is_one_lookup),
	ENGINE_TEST(test_cost_counts_the_longest_path),
	ENGINE_TEST(test_cost_counts_the_memory_held),
};

int main(void)
{
	size_t ncases = ARRAY_SIZE(sf_engine_cases);
	size_t n = ncases + ARRAY_SIZE(targeted), i;
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	int failed;

	if (!tests)
		return 1;
	for (i = 0; i < ncases; i++) {
		tests[i].name = sf_engine_cases[i].name;
		tests[i].test_func = test_engine_case;
		tests[i].initial_state = (void *)&sf_engine_cases[i];
	}
	memcpy(tests + ncases, targeted, sizeof(targeted));
	failed = _cmocka_run_group_tests("engine", tests, n, NULL, NULL);
	free(tests);
	return failed ? 1 : 0;
}
