// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of module/policy.c: stacking layers, the constant table
 * computed at push time, and verdict merging (most severe wins, the newest
 * layer on ties), checked against what each layer decides alone.
 */
#include <kunit/test.h>
#include <linux/err.h>

#include "engine.h"
#include "limits.h"
#include "policy.h"

/* x86_64 numbers: the tables are per ABI, these are the kernel's. */
#define NR_WRITE 1
#define NR_GETPID 39
#define NR_GETPPID 110
#define NR_I386_GETPPID 64

static struct sf_layer *layer_mode(struct kunit *test, const char *text,
				   bool complain)
{
	struct sf_policy *policy;
	struct sf_layer *layer;
	struct sf_diag diag;
	int err;

	err = sf_policy_compile(text, strlen(text), &policy, &diag);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u:%u: %s", diag.line, diag.col,
			    diag.msg);
	layer = sf_layer_create(policy, complain);
	KUNIT_ASSERT_FALSE(test, IS_ERR(layer));
	return layer;
}

static struct sf_layer *layer_of(struct kunit *test, const char *text)
{
	return layer_mode(test, text, false);
}

/* Pushes a layer made of @text on @prev; the stack keeps the layer. */
static struct sf_stack *push(struct kunit *test, struct sf_stack *prev,
			     const char *text)
{
	struct sf_layer *layer = layer_of(test, text);
	struct sf_stack *stack = sf_stack_push(prev, layer);

	sf_layer_put(layer);
	KUNIT_ASSERT_FALSE(test, IS_ERR(stack));
	return stack;
}

/* The decision for x86_64 @nr with fd (arg0) @fd, by either path. */
static struct sf_decision decide(const struct sf_stack *stack, enum sf_abi abi,
				 u32 nr, u64 fd)
{
	u64 args[SF_MAX_ARGS] = { fd };
	struct sf_decision d;

	if (!sf_stack_lookup(stack, abi, nr, &d))
		sf_stack_eval(stack, sf_stack_slot(stack, abi, nr), abi, nr,
			      args, &d);
	return d;
}

static void expect_decision(struct kunit *test, struct sf_decision d,
			    enum sf_action act, u32 data, u32 layer)
{
	KUNIT_EXPECT_EQ(test, SF_VERDICT_ACTION(d.verdict), act);
	KUNIT_EXPECT_EQ(test, SF_VERDICT_DATA(d.verdict), data);
	KUNIT_EXPECT_EQ(test, d.layer, layer);
}

static void sf_policy_single_layer_test(struct kunit *test)
{
	struct sf_stack *s = push(test, NULL,
				  "default allow\nerrno EACCES getppid\n");
	struct sf_decision d;

	KUNIT_EXPECT_EQ(test, s->depth, 1U);
	KUNIT_EXPECT_TRUE(test, sf_stack_lookup(s, SF_ABI_X86_64, NR_GETPPID,
						&d));
	expect_decision(test, d, SF_ACT_ERRNO, EACCES, 1);
	KUNIT_EXPECT_EQ(test, d.line, 2U);
	expect_decision(test, decide(s, SF_ABI_X86_64, NR_GETPID, 0),
			SF_ACT_ALLOW, 0, 1);
	/* Past the table: the default, through the evaluation path. */
	KUNIT_EXPECT_FALSE(test, sf_stack_lookup(s, SF_ABI_X86_64, 100000, &d));
	expect_decision(test, decide(s, SF_ABI_X86_64, 100000, 0),
			SF_ACT_ALLOW, 0, 1);
	/* i386 is not allowed: the default abi-violation action, kill. */
	expect_decision(test, decide(s, SF_ABI_I386, NR_I386_GETPPID, 0),
			SF_ACT_KILL, 0, 1);
	sf_stack_put(s);
}

static void sf_policy_most_severe_wins_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL,
				   "default allow\nerrno EACCES getppid\n");
	struct sf_stack *s2 = push(test, s1,
				   "default allow\nallow getppid\nlog getpid\n");

	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_GETPPID, 0),
			SF_ACT_ERRNO, EACCES, 1);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_GETPID, 0),
			SF_ACT_LOG, 0, 2);
	KUNIT_EXPECT_EQ(test, s2->depth, 2U);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

static void sf_policy_tie_takes_newest_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL,
				   "default allow\nerrno EACCES getppid\n");
	struct sf_stack *s2 = push(test, s1,
				   "default allow\nerrno EPERM getppid\n");

	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_GETPPID, 0),
			SF_ACT_ERRNO, EPERM, 2);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* Both layers look at fd: the evaluation walks them and merges. */
static void sf_policy_dynamic_layers_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL,
				   "default allow\nallow write if fd == 1\n"
				   "errno EACCES write\n");
	struct sf_stack *s2 = push(test, s1,
				   "default allow\nerrno EPERM write if fd == 2\n"
				   "allow write\n");
	struct sf_decision d;

	KUNIT_EXPECT_FALSE(test, sf_stack_lookup(s2, SF_ABI_X86_64, NR_WRITE,
						 &d));
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_ALLOW, 0, 2);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 2),
			SF_ACT_ERRNO, EPERM, 2);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 3),
			SF_ACT_ERRNO, EACCES, 1);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* A newer kill needs no arguments, whatever the older layers say. */
static void sf_policy_newest_kill_is_constant_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL,
				   "default allow\nallow write if fd == 1\n"
				   "errno EACCES write\n");
	struct sf_stack *s2 = push(test, s1, "default allow\nkill write\n");
	struct sf_stack *s3 = push(test, s1, "default allow\ntrap write\n");
	struct sf_decision d;

	KUNIT_EXPECT_TRUE(test, sf_stack_lookup(s2, SF_ABI_X86_64, NR_WRITE,
						&d));
	expect_decision(test, d, SF_ACT_KILL, 0, 2);
	/* Anything less severe than kill still needs the older layer. */
	KUNIT_EXPECT_FALSE(test, sf_stack_lookup(s3, SF_ABI_X86_64, NR_WRITE,
						 &d));
	expect_decision(test, decide(s3, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_TRAP, 0, 2);
	sf_stack_put(s3);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* An older kill is found even when a newer layer is argument-dependent. */
static void sf_policy_older_kill_wins_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL, "default allow\nkill write\n");
	struct sf_stack *s2 = push(test, s1,
				   "default allow\nallow write if fd == 1\n"
				   "errno EACCES write\n");

	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_KILL, 0, 1);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 5),
			SF_ACT_KILL, 0, 1);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* A layer that drops an ABI the older one allows: abi-violation wins. */
static void sf_policy_abi_narrowed_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL,
				   "default allow\nabi x86_64 i386\n");
	struct sf_stack *s2 = push(test, s1,
				   "default allow\nabi-violation errno EXDEV\n");

	expect_decision(test, decide(s1, SF_ABI_I386, NR_I386_GETPPID, 0),
			SF_ACT_ALLOW, 0, 1);
	expect_decision(test, decide(s2, SF_ABI_I386, NR_I386_GETPPID, 0),
			SF_ACT_ERRNO, EXDEV, 2);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_GETPPID, 0),
			SF_ACT_ALLOW, 0, 2);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

static void sf_policy_layer_limit_test(struct kunit *test)
{
	struct sf_stack *stacks[SF_MAX_LAYERS], *prev = NULL, *over;
	struct sf_layer *layer;
	int i;

	for (i = 0; i < SF_MAX_LAYERS; i++) {
		stacks[i] = push(test, prev, "default allow\n");
		prev = stacks[i];
	}
	KUNIT_EXPECT_EQ(test, prev->depth, (u32)SF_MAX_LAYERS);
	layer = layer_of(test, "default allow\n");
	over = sf_stack_push(prev, layer);
	KUNIT_EXPECT_PTR_EQ(test, over, ERR_PTR(-E2BIG));
	sf_layer_put(layer);
	for (i = SF_MAX_LAYERS - 1; i >= 0; i--)
		sf_stack_put(stacks[i]);
}

/*
 * A policy whose write takes about @steps steps: rules of 250 chained
 * comparisons, each of which can run.
 */
static char *costly_policy(struct kunit *test, u32 steps)
{
	size_t size = 64 + (size_t)steps * 24, len;
	char *text = kunit_kzalloc(test, size, GFP_KERNEL);
	u32 k;

	KUNIT_ASSERT_NOT_NULL(test, text);
	len = scnprintf(text, size, "default allow\n");
	for (k = 0; k < steps; k++)
		len += scnprintf(text + len, size - len, "%s count > %u%s",
				 k % 250 ? " &&" : "errno EPERM write if",
				 k, k % 250 == 249 || k + 1 == steps ? "\n" : "");
	return text;
}

/* Stacking cannot add up to more steps per syscall than one stack may. */
static void sf_policy_stack_step_limit_test(struct kunit *test)
{
	/* Five fit (a lookup and a leaf come on top), a sixth does not. */
	const u32 per_layer = SF_MAX_STACK_STEPS / 5 - 10;
	struct sf_stack *stacks[5] = {}, *prev = NULL, *over;
	char *text = costly_policy(test, per_layer);
	struct sf_layer *layer;
	struct sf_diag diag = {};
	int i;

	for (i = 0; i < 5; i++) {
		stacks[i] = push(test, prev, text);
		prev = stacks[i];
		KUNIT_EXPECT_GE(test, prev->steps, (u64)per_layer * (i + 1));
	}
	KUNIT_EXPECT_LE(test, prev->steps, (u64)SF_MAX_STACK_STEPS);
	layer = layer_of(test, text);
	KUNIT_EXPECT_EQ(test, sf_stack_check(prev, layer, &diag), -E2BIG);
	KUNIT_EXPECT_NOT_NULL(test, strstr(diag.msg, "steps over the stack"));
	over = sf_stack_push(prev, layer);
	KUNIT_EXPECT_PTR_EQ(test, over, ERR_PTR(-E2BIG));
	/* A cheap layer still fits. */
	sf_layer_put(layer);
	layer = layer_of(test, "default allow\nkill ptrace\n");
	KUNIT_EXPECT_EQ(test, sf_stack_check(prev, layer, NULL), 0);
	sf_layer_put(layer);
	for (i = 4; i >= 0; i--)
		sf_stack_put(stacks[i]);
}

static void sf_policy_extends_test(struct kunit *test)
{
	struct sf_stack *a = push(test, NULL, "default allow\n");
	struct sf_stack *b = push(test, a, "default allow\n");
	struct sf_stack *c = push(test, NULL, "default allow\n");

	KUNIT_EXPECT_TRUE(test, sf_stack_extends(b, a));
	KUNIT_EXPECT_TRUE(test, sf_stack_extends(b, b));
	KUNIT_EXPECT_TRUE(test, sf_stack_extends(b, NULL));
	KUNIT_EXPECT_TRUE(test, sf_stack_extends(NULL, NULL));
	KUNIT_EXPECT_FALSE(test, sf_stack_extends(a, b));
	KUNIT_EXPECT_FALSE(test, sf_stack_extends(b, c));
	KUNIT_EXPECT_FALSE(test, sf_stack_extends(NULL, a));
	sf_stack_put(c);
	sf_stack_put(b);
	sf_stack_put(a);
}

/* A complain layer logs what it would do; enforcing layers still act. */
static void sf_policy_complain_layer_test(struct kunit *test)
{
	struct sf_layer *layer = layer_mode(test,
					    "default allow\nerrno EACCES getppid\n"
					    "kill getpid\n"
					    "allow write if fd == 1\n"
					    "errno EBADF write\n", true);
	struct sf_stack *s1 = sf_stack_push(NULL, layer);
	struct sf_stack *s2;
	struct sf_decision d;
	char text[64];

	sf_layer_put(layer);
	KUNIT_ASSERT_FALSE(test, IS_ERR(s1));
	d = decide(s1, SF_ABI_X86_64, NR_GETPPID, 0);
	KUNIT_EXPECT_TRUE(test, sf_verdict_is_complaint(d.verdict));
	KUNIT_EXPECT_EQ(test,
			sf_complain_verdict(SF_VERDICT_DATA(d.verdict)),
			SF_VERDICT(SF_ACT_ERRNO, EACCES));
	sf_decision_format(d.verdict, text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, "log (complain: errno EACCES)");
	d = decide(s1, SF_ABI_X86_64, NR_GETPID, 0);
	KUNIT_EXPECT_EQ(test, SF_VERDICT_ACTION(d.verdict), SF_ACT_LOG);
	sf_decision_format(d.verdict, text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, "log (complain: kill)");
	d = decide(s1, SF_ABI_X86_64, NR_WRITE, 1);
	expect_decision(test, d, SF_ACT_ALLOW, 0, 1);
	d = decide(s1, SF_ABI_X86_64, NR_WRITE, 4);
	KUNIT_EXPECT_TRUE(test, sf_verdict_is_complaint(d.verdict));

	/* An enforcing layer on top still enforces. */
	s2 = push(test, s1, "default allow\nerrno EPERM getppid\n");
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_GETPPID, 0),
			SF_ACT_ERRNO, EPERM, 2);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* What the constant slot of x86_64 write holds. */
static struct sf_decision write_slot(const struct sf_stack *stack)
{
	return stack->constant[SF_ABI_X86_64][NR_WRITE];
}

/* The inline evaluation and the layer-by-layer walk agree on every fd. */
static void expect_walk_agrees(struct kunit *test,
			       const struct sf_stack *stack)
{
	u64 fd;

	for (fd = 0; fd < 5; fd++) {
		u64 args[SF_MAX_ARGS] = { fd };
		struct sf_decision fast, walked;

		sf_stack_eval(stack,
			      sf_stack_slot(stack, SF_ABI_X86_64, NR_WRITE),
			      SF_ABI_X86_64, NR_WRITE, args, &fast);
		sf_stack_walk(stack, SF_ABI_X86_64, NR_WRITE, args, &walked);
		KUNIT_EXPECT_EQ_MSG(test, fast.verdict, walked.verdict,
				    "fd %llu", fd);
		KUNIT_EXPECT_EQ_MSG(test, fast.line, walked.line, "fd %llu",
				    fd);
		KUNIT_EXPECT_EQ_MSG(test, fast.layer, walked.layer, "fd %llu",
				    fd);
	}
}

#define SF_WRITE_RULES							\
	"default allow\nallow write if fd == 1\n"			\
	"errno EACCES write if fd in {2, 3}\nerrno EBADF write\n"

/*
 * An argument-dependent slot names its layer's program, and says whether
 * that program decides alone: with no older layer, or older layers that
 * allow the syscall outright. Otherwise the layers are walked.
 */
static void sf_policy_dynamic_slot_test(struct kunit *test)
{
	struct sf_stack *s1 = push(test, NULL, SF_WRITE_RULES);
	struct sf_stack *s2 = push(test, s1, "default allow\nallow write\n");
	struct sf_stack *base = push(test, NULL, "default allow\nallow write\n");
	struct sf_stack *s3 = push(test, base, SF_WRITE_RULES);
	struct sf_stack *strict = push(test, NULL,
				       "default allow\nlog write\n");
	struct sf_stack *s4 = push(test, strict, SF_WRITE_RULES);
	struct sf_decision d;

	d = write_slot(s1);
	KUNIT_EXPECT_EQ(test, d.verdict, SF_DECISION_DYNAMIC);
	KUNIT_EXPECT_EQ(test, d.line,
			sf_policy_program(s1->layer->policy, SF_ABI_X86_64,
					  NR_WRITE));
	KUNIT_EXPECT_EQ(test, d.layer, 1U);
	expect_decision(test, decide(s1, SF_ABI_X86_64, NR_WRITE, 3),
			SF_ACT_ERRNO, EACCES, 1);
	expect_walk_agrees(test, s1);

	/* Constant on top of a dynamic layer: the older one is asked. */
	d = write_slot(s2);
	KUNIT_EXPECT_EQ(test, d.verdict, SF_DECISION_DYNAMIC);
	KUNIT_EXPECT_EQ(test, d.line, SF_NO_PROGRAM);
	KUNIT_EXPECT_EQ(test, d.layer, 0U);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 4),
			SF_ACT_ERRNO, EBADF, 1);
	expect_decision(test, decide(s2, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_ALLOW, 0, 2);
	expect_walk_agrees(test, s2);

	/* Dynamic over an outright allow: the program decides alone. */
	KUNIT_EXPECT_EQ(test, write_slot(s3).layer, 2U);
	expect_decision(test, decide(s3, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_ALLOW, 0, 2);
	expect_decision(test, decide(s3, SF_ABI_X86_64, NR_WRITE, 2),
			SF_ACT_ERRNO, EACCES, 2);
	expect_walk_agrees(test, s3);

	/* Dynamic over a log: an allow of the program does not win. */
	KUNIT_EXPECT_EQ(test, write_slot(s4).layer, 0U);
	expect_decision(test, decide(s4, SF_ABI_X86_64, NR_WRITE, 1),
			SF_ACT_LOG, 0, 1);
	expect_decision(test, decide(s4, SF_ABI_X86_64, NR_WRITE, 2),
			SF_ACT_ERRNO, EACCES, 2);
	expect_walk_agrees(test, s4);

	sf_stack_put(s4);
	sf_stack_put(strict);
	sf_stack_put(s3);
	sf_stack_put(base);
	sf_stack_put(s2);
	sf_stack_put(s1);
}

/* Decides and counts, as the probe does (preemption disabled there). */
static void decide_and_count(const struct sf_stack *stack, enum sf_abi abi,
			     u32 nr, u64 fd)
{
	struct sf_decision d = decide(stack, abi, nr, fd);

	preempt_disable();
	sf_stack_count(stack, &d);
	preempt_enable();
}

/*
 * Each decision is counted once, by the rule of the layer whose verdict won,
 * or by that layer's default or abi-violation counter.
 */
static void sf_policy_counters_test(struct kunit *test)
{
	struct sf_stack *base = push(test, NULL,
				     "default allow\n"
				     "abi x86_64\n"
				     "errno EACCES getppid\n"
				     "allow write if fd == 1\n"
				     "errno EPERM write\n");
	struct sf_stack *top = push(test, base,
				    "default allow\nabi x86_64 i386\nkill getpid\n");
	const struct sf_layer *l1 = base->layer, *l2 = top->layer;
	int i;

	for (i = 0; i < 3; i++)
		decide_and_count(top, SF_ABI_X86_64, NR_GETPPID, 0);
	decide_and_count(top, SF_ABI_X86_64, NR_WRITE, 1);
	decide_and_count(top, SF_ABI_X86_64, NR_WRITE, 2);
	decide_and_count(top, SF_ABI_X86_64, NR_WRITE, 2);
	decide_and_count(top, SF_ABI_X86_64, NR_GETPID, 0);
	decide_and_count(top, SF_ABI_I386, NR_I386_GETPPID, 0);

	KUNIT_EXPECT_EQ(test, sf_layer_counter(l1, 0), 3ULL);
	/* Both layers allow write to fd 1: a tie goes to the newest. */
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l1, 1), 0ULL);
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l2, 1), 1ULL);
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l1, 2), 2ULL);
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l1, 3), 0ULL);
	/* i386 is not allowed by the base layer: its kill wins. */
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l1, 4), 1ULL);
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l2, 0), 1ULL);
	KUNIT_EXPECT_EQ(test, sf_layer_counter(l2, 2), 0ULL);
	sf_stack_put(top);
	sf_stack_put(base);
}

static struct kunit_case sf_policy_test_cases[] = {
	KUNIT_CASE(sf_policy_single_layer_test),
	KUNIT_CASE(sf_policy_most_severe_wins_test),
	KUNIT_CASE(sf_policy_tie_takes_newest_test),
	KUNIT_CASE(sf_policy_dynamic_layers_test),
	KUNIT_CASE(sf_policy_newest_kill_is_constant_test),
	KUNIT_CASE(sf_policy_older_kill_wins_test),
	KUNIT_CASE(sf_policy_abi_narrowed_test),
	KUNIT_CASE(sf_policy_layer_limit_test),
	KUNIT_CASE(sf_policy_stack_step_limit_test),
	KUNIT_CASE(sf_policy_extends_test),
	KUNIT_CASE(sf_policy_complain_layer_test),
	KUNIT_CASE(sf_policy_dynamic_slot_test),
	KUNIT_CASE(sf_policy_counters_test),
	{}
};

static struct kunit_suite sf_policy_test_suite = {
	.name = "sysfence_policy",
	.test_cases = sf_policy_test_cases,
};

kunit_test_suite(sf_policy_test_suite);
