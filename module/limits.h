/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every limit of sysfence in one place. They bound what a policy author may
 * make the kernel allocate and how long the probe may work per syscall;
 * exceeding one is an error naming the limit, never a silent truncation.
 * docs/policy-language.md lists them; keep the two in step.
 */
#ifndef SF_LIMITS_H
#define SF_LIMITS_H

/* Bytes of policy text accepted by one load. */
#define SF_MAX_POLICY_SIZE (1U << 20)
/* Rules in one policy (a rule naming several syscalls counts once). */
#define SF_MAX_RULES 8192
/* Predicates (comparisons) in one rule's condition. */
#define SF_MAX_PREDICATES 256
/* Nesting depth of parentheses and '!' in one condition. */
#define SF_MAX_DEPTH 32
/* Values in one 'in { ... }' set. */
#define SF_MAX_SET 256
/* Predicate program instructions in one policy. */
#define SF_MAX_INSNS (1U << 20)
/* Layers stacked on one task. */
#define SF_MAX_LAYERS 32

#endif /* SF_LIMITS_H */
