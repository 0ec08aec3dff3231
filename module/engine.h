/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy engine's interface: compile policy text into per-ABI tables and
 * flat predicate programs, and decide a syscall against a compiled policy.
 *
 * Portable: the module and the CLI compile the same engine files. A compiled
 * policy is immutable; any number of threads may evaluate it concurrently
 * without locks. Evaluation never allocates, sleeps or faults, so the module
 * may run it from the sys_enter probe with preemption disabled.
 */
#ifndef SF_ENGINE_H
#define SF_ENGINE_H

#include "sf_port.h"
#include "syscalls.h"

/* Actions, ordered by severity: when layers stack, the larger value wins. */
enum sf_action {
	SF_ACT_ALLOW = 0,
	SF_ACT_LOG,
	SF_ACT_ERRNO,
	SF_ACT_TRAP,
	SF_ACT_KILL_THREAD,
	SF_ACT_KILL,
	SF_ACT_COUNT,
};

/*
 * A verdict packs an action and its data (the errno for SF_ACT_ERRNO), so
 * that comparing two verdicts' actions is one shift.
 */
#define SF_VERDICT(act, data) (((u32)(act) << 16) | ((u32)(data) & 0xffff))
#define SF_VERDICT_ACTION(v) ((enum sf_action)((v) >> 16))
#define SF_VERDICT_DATA(v) ((v) & 0xffff)

struct sf_result {
	u32 verdict;
	u32 line;	/* line of the deciding rule, or of 'abi-violation';
			 * 0 for the default and a defaulted abi-violation
			 */
	u32 rule;	/* index of the deciding rule in file order, or
			 * SF_RULE_DEFAULT or SF_RULE_VIOLATION
			 */
};

/* sf_result.rule when no rule decided: the default, or abi-violation. */
#define SF_RULE_DEFAULT 0xffffffffU
#define SF_RULE_VIOLATION 0xfffffffeU

/* The first error found in a policy: 1-based line and column, and why. */
#define SF_DIAG_MSG_MAX 128
struct sf_diag {
	u32 line;
	u32 col;
	char msg[SF_DIAG_MSG_MAX];
};

struct sf_policy;

/*
 * Parse and compile text[0..len) (not necessarily NUL-terminated; a NUL byte
 * inside is an error). Returns 0 and the policy in *out, or a negative errno:
 * -EINVAL with *diag filled for a policy error, -E2BIG for a text over the
 * size limit (diag filled too), -ENOMEM. @diag may be NULL. Sleeps: the
 * kernel calls it from the load ioctl, never from the probe.
 */
int sf_policy_compile(const char *text, size_t len, struct sf_policy **out,
		      struct sf_diag *diag);
void sf_policy_free(struct sf_policy *p);

/* Bitmask of SF_ABI_MASK() the policy allows. */
u32 sf_policy_abis(const struct sf_policy *p);

/* Number of rules of a compiled policy; rule indexes are below it. */
u32 sf_policy_rule_count(const struct sf_policy *p);

/*
 * The verdict for syscall nr of abi when it does not depend on arguments:
 * returns true and fills *res. Returns false when the syscall's rules have
 * conditions; sf_policy_eval() then decides. Syscalls outside the ABI's table
 * get the default; syscalls of an ABI the policy does not allow get its
 * abi-violation action. An x32 nr may carry SF_X32_SYSCALL_BIT. This and
 * sf_policy_eval() never allocate, sleep or take locks, and do bounded work.
 */
bool sf_policy_constant(const struct sf_policy *p, enum sf_abi abi, u32 nr,
			struct sf_result *res);

/* Decide syscall nr of abi with its raw argument registers. */
void sf_policy_eval(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		    const u64 args[SF_MAX_ARGS], struct sf_result *res);

/*
 * sf_policy_eval() in two steps, for callers that decide many syscalls
 * against one policy and can keep the first step's answer: where the
 * predicate program of syscall nr of abi starts, SF_NO_PROGRAM when
 * sf_policy_constant() decides it; then the decision from that start. A
 * start that sf_policy_program() did not return for this policy is a bug;
 * the evaluation stays in bounds anyway.
 */
#define SF_NO_PROGRAM 0xffffffffU

u32 sf_policy_program(const struct sf_policy *p, enum sf_abi abi, u32 nr);
void sf_policy_run(const struct sf_policy *p, u32 start,
		   const u64 args[SF_MAX_ARGS], struct sf_result *res);

/*
 * Describe the effective rule of one syscall in policy syntax, as
 * "allow if fd == 1 || fd == 2; else errno EBADF". Returns the length it
 * needed, like snprintf.
 */
int sf_policy_describe(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		       char *buf, size_t size);

/**
 * struct sf_abi_summary - what a compiled policy does on one ABI
 * @rules: rules that name at least one syscall of the ABI
 * @syscalls: syscalls the ABI has (entries of its table)
 * @constant: syscalls named by rules whose verdict needs no arguments
 * @argdep: syscalls with argument-dependent rules (a predicate program)
 * @defaulted: syscalls no rule names: they get the default
 * @insns: predicate program instructions the ABI's programs hold
 */
struct sf_abi_summary {
	u32 rules;
	u32 syscalls;
	u32 constant;
	u32 argdep;
	u32 defaulted;
	u32 insns;
};

/*
 * Fill *sum for an ABI the policy allows; returns -EINVAL (and leaves *sum
 * untouched) for one it does not.
 */
int sf_policy_summary(const struct sf_policy *p, enum sf_abi abi,
		      struct sf_abi_summary *sum);

/**
 * struct sf_policy_cost - what deciding syscalls against a policy costs
 * @steps: the most steps deciding one syscall can take: program
 *	instructions run plus the comparisons of their binary searches, and
 *	one for the table lookup
 * @bytes: memory the compiled policy holds, in bytes (its arrays; not the
 *	allocator's overhead)
 */
struct sf_policy_cost {
	u64 steps;
	u64 bytes;
};

/* Fill *cost; returns 0 or -ENOMEM. Sleeps. */
int sf_policy_cost(const struct sf_policy *p, struct sf_policy_cost *cost);

/* The default verdict, and the verdict for syscalls of ABIs not allowed. */
u32 sf_policy_default(const struct sf_policy *p);
u32 sf_policy_abi_violation(const struct sf_policy *p);

/*
 * Warnings found while compiling (unreachable rules, an i386 policy whose
 * socketcall bypasses its socket rules, ...): positioned like errors. At
 * most SF_MAX_WARNINGS are kept; sf_policy_warnings_total() counts all, and
 * sf_policy_warnings_of() those of one kind, kept or not.
 */
enum sf_warn_kind {
	SF_WARN_UNREACHABLE,	/* a rule or name earlier rules decide */
	SF_WARN_NO_EFFECT,	/* names nothing of the allowed ABIs */
	SF_WARN_BYPASS,		/* a sibling syscall does the same, allowed */
	SF_WARN_MULTIBIT,	/* a bit test of a several-bit constant */
	SF_WARN_POINTER,	/* a pointer compared with non-zero */
	SF_WARN_ABI,		/* ABI qualifiers, abi-violation */
	SF_WARN_KIND_COUNT,
};

u32 sf_policy_warning_count(const struct sf_policy *p);
u32 sf_policy_warnings_total(const struct sf_policy *p);
const struct sf_diag *sf_policy_warning(const struct sf_policy *p, u32 i);
u32 sf_policy_warnings_of(const struct sf_policy *p, enum sf_warn_kind kind);
/* "unreachable", "bypass", ... for messages. */
const char *sf_warn_kind_name(enum sf_warn_kind kind);

/* "allow", "errno EPERM", "errno 4000", "kill", ... Returns like snprintf. */
int sf_verdict_format(u32 verdict, char *buf, size_t size);
const char *sf_action_name(enum sf_action act);

#endif /* SF_ENGINE_H */
