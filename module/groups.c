// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall group table, expanded from groups.def, and its lookup.
 */
#include "groups.h"

#define SF_GROUP(n, d, m) { .name = n, .description = d, .members = m },
const struct sf_group sf_groups[] = {
#include "groups.def"
};

#undef SF_GROUP

SF_EXPORT_FOR_KUNIT(sf_groups);

const u32 sf_groups_count = ARRAY_SIZE(sf_groups);
SF_EXPORT_FOR_KUNIT(sf_groups_count);

int sf_group_lookup(const char *s, size_t len)
{
	u32 i;

	for (i = 0; i < sf_groups_count; i++) {
		const char *name = sf_groups[i].name;

		if (strlen(name) == len && !memcmp(name, s, len))
			return i;
	}
	return -1;
}

SF_EXPORT_FOR_KUNIT(sf_group_lookup);

u32 sf_group_next_member(const char *members, u32 *pos, const char **name)
{
	u32 i = *pos;
	u32 start;

	while (members[i] == ' ')
		i++;
	start = i;
	while (members[i] && members[i] != ' ')
		i++;
	*pos = i;
	*name = members + start;
	return i - start;
}

SF_EXPORT_FOR_KUNIT(sf_group_next_member);
