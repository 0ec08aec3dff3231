// SPDX-License-Identifier: GPL-2.0
/*
 * Lookups in the generated constant and errno tables (constants_table.c).
 */
#include "constants.h"

const struct sf_constant *sf_constant_lookup(const char *s, size_t len)
{
	u32 lo = 0, hi = sf_constants_count;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int cmp = sf_name_cmp(s, len, sf_constants[mid].name);

		if (!cmp)
			return &sf_constants[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

SF_EXPORT_FOR_KUNIT(sf_constant_lookup);

/*
 * Errno names are few and looked up only while parsing a policy: a scan of
 * the tables is enough.
 */
int sf_errno_lookup(const char *s, size_t len)
{
	u32 i;

	for (i = 1; i < sf_errno_names_count; i++)
		if (sf_errno_names[i] && !sf_name_cmp(s, len, sf_errno_names[i]))
			return i;
	for (i = 0; i < sf_errno_aliases_count; i++)
		if (!sf_name_cmp(s, len, sf_errno_aliases[i].name))
			return sf_errno_aliases[i].nr;
	return -1;
}

SF_EXPORT_FOR_KUNIT(sf_errno_lookup);
