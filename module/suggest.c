// SPDX-License-Identifier: GPL-2.0
/*
 * "Did you mean" for unknown names: the known name closest to a misspelled
 * one, by optimal string alignment distance (insertions, deletions,
 * substitutions and transpositions of adjacent characters: O_CRAET is one
 * step from O_CREAT). Runs only on the error path, over bounded names with
 * fixed-size rows: no allocation, no recursion.
 */
#include "engine_internal.h"

void sf_suggest_init(struct sf_suggest *sg, const char *s, u32 len)
{
	sg->s = s;
	sg->len = len;
	sg->best = NULL;
	sg->best_len = 0;
	sg->dist = SF_SUGGEST_MAX + 1;
}

/* Distance between a[0..la) and b[0..lb), both at most SF_SUGGEST_MAX. */
static u32 sf_distance(const char *a, u32 la, const char *b, u32 lb)
{
	u8 rows[3][SF_SUGGEST_MAX + 1];
	u8 *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	u32 i, j;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			u32 d = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1U < d)
				d = prev[j] + 1U;
			if (cur[j - 1] + 1U < d)
				d = cur[j - 1] + 1U;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1U < d)
				d = prev2[j - 2] + 1U;
			cur[j] = d;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* Whether s[0..len) occurs in name[0..nlen). */
static bool sf_contains(const char *name, u32 nlen, const char *s, u32 len)
{
	u32 i;

	for (i = 0; i + len <= nlen; i++) {
		if (!memcmp(name + i, s, len))
			return true;
	}
	return false;
}

/*
 * Consider @name[0..nlen). Close enough: at most a third of the name's
 * characters differ (one for names under six characters), or the unknown
 * name is a part of it (fstatat in newfstatat), which ranks as one
 * difference. The first of equally close names is kept.
 */
void sf_suggest_len(struct sf_suggest *sg, const char *name, u32 nlen)
{
	u32 d, limit = sg->len >= 6 ? sg->len / 3 : 1;

	if (sg->len > SF_SUGGEST_MAX || nlen > SF_SUGGEST_MAX || !sg->len)
		return;
	if (nlen > sg->len + SF_SUGGEST_MAX / 2)
		return;
	d = sf_distance(sg->s, sg->len, name, nlen);
	/* A name the unknown one is part of ranks as one step away. */
	if (d > 1 && sg->len >= 4 && nlen > sg->len &&
	    sf_contains(name, nlen, sg->s, sg->len))
		d = 1;
	if (d > limit)
		return;
	if (d < sg->dist) {
		sg->dist = d;
		sg->best = name;
		sg->best_len = nlen;
	}
}

void sf_suggest(struct sf_suggest *sg, const char *name)
{
	sf_suggest_len(sg, name, strlen(name));
}

/* " (did you mean 'NAME'?)" into @buf, or "" when nothing is close. */
const char *sf_suggestion(const struct sf_suggest *sg, char *buf, size_t size)
{
	char q[SF_QUOTE_MAX];

	if (!sg->best || !size)
		return "";
	sf_quote(q, sizeof(q), sg->best, sg->best_len);
	snprintf(buf, size, " (did you mean '%s'?)", q);
	return buf;
}

/**
 * sf_suggest_abi - The nearest ABI to an unknown one, and the list of them
 * @sg: Initialised here for @s.
 * @s: The unknown ABI name, @len bytes, not NUL-terminated.
 * @len: Its length.
 * @known: Filled with the target architecture's ABIs, "x86_64, i386, x32".
 * @size: Size of @known.
 *
 * An architecture's name stands for its native ABI ("abi arm64" means
 * aarch64), before any spelling distance.
 */
void sf_suggest_abi(struct sf_suggest *sg, const char *s, u32 len,
		    char *known, size_t size)
{
	const struct sf_arch *const *arch;
	size_t off = 0;
	int a;

	known[0] = '\0';
	sf_suggest_init(sg, s, len);
	for (a = 0; a < SF_ABI_COUNT; a++) {
		if (!(sf_target_arch->abis & SF_ABI_MASK(a)))
			continue;
		off += snprintf(known + off, size - off, "%s%s",
				off ? ", " : "", sf_abi_name(a));
		sf_suggest(sg, sf_abi_name(a));
	}
	for (arch = sf_arches; *arch; arch++) {
		if (sf_name_cmp(s, len, (*arch)->name) &&
		    sf_name_cmp(s, len, (*arch)->alias))
			continue;
		sg->best = sf_abi_name((*arch)->native);
		sg->best_len = strlen(sg->best);
	}
}
