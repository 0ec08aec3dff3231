/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Syscall arguments as people read them: values of an argument with a
 * constant family by name (flags=O_RDONLY|O_CLOEXEC), others as numbers.
 */
#ifndef SYSFENCE_DECODE_H
#define SYSFENCE_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "arg_families.h"

/* The value of argument @arg of @call, cut to its width on its ABI. */
u64 sf_arg_value(const struct sf_syscall *call, u32 arg, u64 raw);

/*
 * Writes @v, a value of family @f on @abi, as names joined by @sep ("|"
 * for display, " | " for a policy); a part without a name in hex. Returns
 * the number of names and numbers written (more than one needs
 * parentheses in a policy).
 */
int sf_decode_family(const struct sf_arg_family *f, enum sf_abi abi, u64 v,
		     const char *sep, char *buf, size_t size);

/*
 * Writes argument @arg of @call for display: by name when it has a family,
 * in hex for a pointer or a large value, else in decimal (signed fields as
 * signed).
 */
void sf_decode_arg(const struct sf_syscall *call, enum sf_abi abi, u32 arg,
		   u64 raw, char *buf, size_t size);

#endif /* SYSFENCE_DECODE_H */
