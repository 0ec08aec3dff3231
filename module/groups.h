/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Syscall groups usable in rules as @name. The lists live in groups.def, one
 * X-macro table, so the engine, `sysfence groups` and the docs read one
 * source.
 */
#ifndef SF_GROUPS_H
#define SF_GROUPS_H

#include "sf_port.h"

/*
 * @members is a space-separated list of syscall names and "@group"s; a nested
 * group holds syscall names only, so expansion is at most one level deep.
 * Names absent on an ABI are skipped on that ABI.
 */
struct sf_group {
	const char *name;
	const char *description;
	const char *members;
};

extern const struct sf_group sf_groups[];
extern const u32 sf_groups_count;

/* Returns the index of the group named s[0..len) (without '@'), or -1. */
int sf_group_lookup(const char *s, size_t len);

/*
 * Iterate over a member list: returns the length of the member starting at
 * *pos (advanced past it), or 0 at the end.
 */
u32 sf_group_next_member(const char *members, u32 *pos, const char **name);

#endif /* SF_GROUPS_H */
