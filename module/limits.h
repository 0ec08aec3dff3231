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
#define SF_MAX_POLICY_SIZE (1024 * 1024)
/* Rules in one policy (a rule naming several syscalls counts once). */
#define SF_MAX_RULES 8192
/* Predicates (comparisons, bit tests, set tests) in one rule's condition. */
#define SF_MAX_PREDICATES 256
/* Predicates in all the conditions of one policy. */
#define SF_MAX_POLICY_PREDICATES 65536
/* Nesting depth of parentheses in one condition ('!' needs no nesting). */
#define SF_MAX_DEPTH 32
/* Values in one 'in { ... }' set, and atoms in one '(A | B | ...)' value. */
#define SF_MAX_SET 256
/* 'define' directives in one policy, and the atoms all their values hold. */
#define SF_MAX_DEFINES 256
#define SF_MAX_DEFINE_ATOMS 4096
/*
 * Predicate program instructions in one compiled policy, over every ABI: a
 * condition is copied into the program of each syscall its rule names, so
 * this bounds the memory a policy can pin (32 bytes an instruction).
 */
#define SF_MAX_INSNS (256 * 1024)
/* Values of all the 'in' sets of one compiled policy (8 bytes each). */
#define SF_MAX_SET_VALUES (64 * 1024)
/* Warnings kept with a compiled policy (more are only counted). */
#define SF_MAX_WARNINGS 64
/* Largest errno a rule may return (the kernel's MAX_ERRNO). */
#define SF_MAX_ERRNO 4095
/* Layers stacked on one task. */
#define SF_MAX_LAYERS 32
/*
 * Steps (sf_policy_cost()) deciding one syscall may take, summed over every
 * layer of a stack, as seccomp caps the instructions of a filter path
 * (MAX_INSNS_PER_PATH): the probe runs with preemption off, and stacking
 * must not multiply what one policy may cost. docs/enforcement.md gives
 * the worst case these limits allow, measured by `make bench`.
 */
#define SF_MAX_STACK_STEPS (32 * 1024)
/* Bytes a whole stack's layers and constant tables may pin. */
#define SF_MAX_STACK_BYTES (32 * 1024 * 1024)

#endif /* SF_LIMITS_H */
