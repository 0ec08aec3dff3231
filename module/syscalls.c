// SPDX-License-Identifier: GPL-2.0
/*
 * Lookups in the generated syscall tables (arch/ARCH/syscalls.c): ABI and
 * architecture names, syscalls by name and by number.
 */
#include "syscalls.h"

const char *sf_abi_name(enum sf_abi abi)
{
	if ((unsigned int)abi >= SF_ABI_COUNT)
		return NULL;
	return sf_abi_infos[abi]->name;
}

SF_EXPORT_FOR_KUNIT(sf_abi_name);

/*
 * Compares the counted string s[0..len) with the NUL-terminated name in
 * strcmp() order: policy text hands us names that are not terminated.
 */
int sf_name_cmp(const char *s, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char a = s[i], b = name[i];

		if (!b)
			return 1;	/* name is a proper prefix of s */
		if (a != b)
			return a < b ? -1 : 1;
	}
	return name[len] ? -1 : 0;
}

int sf_abi_lookup(const char *s, size_t len)
{
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		if (!sf_name_cmp(s, len, sf_abi_infos[abi]->name))
			return abi;
	return -1;
}

SF_EXPORT_FOR_KUNIT(sf_abi_lookup);

const struct sf_arch *sf_arch_lookup(const char *name)
{
	const struct sf_arch *const *a;

	for (a = sf_arches; *a; a++)
		if (!strcmp((*a)->name, name) || !strcmp((*a)->alias, name))
			return *a;
	return NULL;
}

SF_EXPORT_FOR_KUNIT(sf_arch_lookup);

const struct sf_arch *sf_abi_arch(enum sf_abi abi)
{
	const struct sf_arch *const *a;

	for (a = sf_arches; *a; a++)
		if ((unsigned int)abi < SF_ABI_COUNT &&
		    ((*a)->abis & SF_ABI_MASK(abi)))
			return *a;
	return NULL;
}

const struct sf_syscall *sf_syscall_by_name(enum sf_abi abi, const char *s,
					    size_t len)
{
	const struct sf_syscall_table *t;
	u32 lo = 0, hi;

	if ((unsigned int)abi >= SF_ABI_COUNT)
		return NULL;
	t = sf_syscall_tables[abi];
	hi = t->count;
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct sf_syscall *call = &t->calls[t->by_name[mid]];
		int cmp = sf_name_cmp(s, len, call->name);

		if (!cmp)
			return call;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

SF_EXPORT_FOR_KUNIT(sf_syscall_by_name);

u32 sf_syscall_slot(enum sf_abi abi, u32 nr)
{
	if ((unsigned int)abi >= SF_ABI_COUNT)
		return nr;
	return sf_abi_renumber(sf_abi_infos[abi], nr);
}

SF_EXPORT_FOR_KUNIT(sf_syscall_slot);

u32 sf_syscall_nr(enum sf_abi abi, u32 slot)
{
	return sf_syscall_slot(abi, slot);
}

SF_EXPORT_FOR_KUNIT(sf_syscall_nr);

const struct sf_syscall *sf_syscall_by_nr(enum sf_abi abi, u32 nr)
{
	const struct sf_syscall_table *t;
	u32 lo = 0, hi;

	if ((unsigned int)abi >= SF_ABI_COUNT)
		return NULL;
	t = sf_syscall_tables[abi];
	if (nr >= t->nr_limit)
		return NULL;
	/* Below the first gap in the numbering, the index is the number. */
	if (nr < t->count && t->calls[nr].nr == nr)
		return &t->calls[nr];
	hi = t->count;
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->calls[mid].nr == nr)
			return &t->calls[mid];
		if (t->calls[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

SF_EXPORT_FOR_KUNIT(sf_syscall_by_nr);

/*
 * An entry point narrows the same way in every table that calls it: the
 * first table listing it answers.
 */
const char *sf_narrowed_by(const struct sf_syscall *sc, u32 arg)
{
	u32 abi, i;

	if (arg >= sc->nargs || !(sc->narrowed & (1U << arg)))
		return NULL;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		for (i = 0; i < t->narrowings_count; i++) {
			if (!strcmp(t->narrowings[i].entry, sc->entry) &&
			    !strcmp(t->narrowings[i].arg, sc->args[arg]))
				return t->narrowings[i].by;
		}
	}
	return NULL;
}

SF_EXPORT_FOR_KUNIT(sf_narrowed_by);
