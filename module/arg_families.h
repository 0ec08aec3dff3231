/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arguments whose values come from a family of named constants (openat's
 * flags, socket's family, ...): what a learning listener keeps of a
 * syscall's arguments (event.c), and how the CLI names their values and
 * writes conditions over them (sysfence monitor and learn).
 */
#ifndef SF_ARG_FAMILIES_H
#define SF_ARG_FAMILIES_H

#include "sf_port.h"
#include "syscalls.h"

/**
 * struct sf_arg_family - An argument with named values
 * @syscall: Syscall name, on every ABI that has it.
 * @arg: Argument name, as in the syscall tables.
 * @enum_mask: Bits of the value that hold one of @names as a whole (an
 *	enumeration: O_ACCMODE of open flags, the signal of clone flags);
 *	all bits for a pure enumeration, 0 for pure flags.
 * @names: Constant names, NULL-terminated: those whose value lies within
 *	@enum_mask name the enumerated part, the others are single flags.
 */
struct sf_arg_family {
	const char *syscall;
	const char *arg;
	u64 enum_mask;
	const char *const *names;
};

extern const struct sf_arg_family sf_arg_families[];
extern const u32 sf_arg_families_count;

/*
 * The family of argument @arg (0-5) of syscall @call, or NULL when its
 * values have no names.
 */
const struct sf_arg_family *sf_arg_family_of(const struct sf_syscall *call,
					     u32 arg);

#endif /* SF_ARG_FAMILIES_H */
