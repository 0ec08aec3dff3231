// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a compiled policy back for people: verdicts and effective rules
 * in policy syntax ("allow if fd == 1 || fd == 2; else errno EBADF"), the
 * per-ABI summary and the compiler's warnings. Used by `sysfence check`,
 * `sysfence show` and the module's SHOW ioctl.
 */
#include "engine_internal.h"

int sf_verdict_format(u32 verdict, char *buf, size_t size)
{
	enum sf_action act = SF_VERDICT_ACTION(verdict);
	u32 data = SF_VERDICT_DATA(verdict);

	if (act != SF_ACT_ERRNO)
		return snprintf(buf, size, "%s", sf_action_name(act));
	if (data < sf_errno_names_count && sf_errno_names[data])
		return snprintf(buf, size, "errno %s", sf_errno_names[data]);
	return snprintf(buf, size, "errno %u", data);
}

SF_EXPORT_FOR_KUNIT(sf_verdict_format);

/* snprintf() at *off into buf[0..size), counting what did not fit. */
static void sf_put(char *buf, size_t size, size_t *off, const char *s)
{
	size_t len = strlen(s);

	if (*off < size) {
		size_t room = size - *off - 1;
		size_t n = len < room ? len : room;

		memcpy(buf + *off, s, n);
		buf[*off + n] = '\0';
	}
	*off += len;
}

static void sf_put_verdict(char *buf, size_t size, size_t *off, u32 verdict)
{
	char v[32];

	sf_verdict_format(verdict, v, sizeof(v));
	sf_put(buf, size, off, v);
}

int sf_policy_describe(const struct sf_policy *p, enum sf_abi abi, u32 nr,
		       char *buf, size_t size)
{
	const struct sf_insn *insn;
	struct sf_result res;
	size_t off = 0;
	u32 pc;

	if (size)
		buf[0] = '\0';
	if (sf_policy_constant(p, abi, nr, &res)) {
		sf_put_verdict(buf, size, &off, res.verdict);
		return off;
	}
	nr &= ~sf_abi_infos[abi]->nr_bit;
	/* Each leaf closes one rule: conditional ones until the fallback. */
	for (pc = p->tables[abi].entries[nr].aux; pc < p->ninsns; pc++) {
		u32 rule;

		insn = &p->insns[pc];
		if (insn->op != SF_OP_LEAF)
			continue;
		rule = insn->aux;
		if (rule == SF_NONE || rule >= p->nrules ||
		    p->rules[rule].cond == SF_NONE ||
		    p->rules[rule].cond >= p->conds_len) {
			sf_put(buf, size, &off, "else ");
			sf_put_verdict(buf, size, &off, (u32)insn->value);
			break;
		}
		sf_put_verdict(buf, size, &off, (u32)insn->value);
		sf_put(buf, size, &off, " if ");
		sf_put(buf, size, &off, p->conds + p->rules[rule].cond);
		sf_put(buf, size, &off, "; ");
	}
	return off;
}

SF_EXPORT_FOR_KUNIT(sf_policy_describe);

int sf_policy_summary(const struct sf_policy *p, enum sf_abi abi,
		      struct sf_abi_summary *sum)
{
	if ((unsigned int)abi >= SF_ABI_COUNT || !(p->abis & SF_ABI_MASK(abi)))
		return -EINVAL;
	*sum = p->tables[abi].summary;
	return 0;
}

SF_EXPORT_FOR_KUNIT(sf_policy_summary);

u32 sf_policy_default(const struct sf_policy *p)
{
	return p->default_verdict;
}

SF_EXPORT_FOR_KUNIT(sf_policy_default);

u32 sf_policy_abi_violation(const struct sf_policy *p)
{
	return p->violation_verdict;
}

SF_EXPORT_FOR_KUNIT(sf_policy_abi_violation);

u32 sf_policy_warning_count(const struct sf_policy *p)
{
	return p->nwarnings;
}

SF_EXPORT_FOR_KUNIT(sf_policy_warning_count);

u32 sf_policy_warnings_total(const struct sf_policy *p)
{
	return p->warnings_total;
}

SF_EXPORT_FOR_KUNIT(sf_policy_warnings_total);

const struct sf_diag *sf_policy_warning(const struct sf_policy *p, u32 i)
{
	return i < p->nwarnings ? &p->warnings[i] : NULL;
}

SF_EXPORT_FOR_KUNIT(sf_policy_warning);

u32 sf_policy_warnings_of(const struct sf_policy *p, enum sf_warn_kind kind)
{
	return (u32)kind < SF_WARN_KIND_COUNT ? p->warnings_of[kind] : 0;
}

SF_EXPORT_FOR_KUNIT(sf_policy_warnings_of);

static const char *const sf_warn_kind_names[SF_WARN_KIND_COUNT] = {
	[SF_WARN_UNREACHABLE] = "unreachable",
	[SF_WARN_NO_EFFECT] = "no effect",
	[SF_WARN_BYPASS] = "bypass",
	[SF_WARN_MULTIBIT] = "several-bit mask",
	[SF_WARN_POINTER] = "pointer",
	[SF_WARN_ABI] = "ABI",
};

const char *sf_warn_kind_name(enum sf_warn_kind kind)
{
	return (u32)kind < SF_WARN_KIND_COUNT ? sf_warn_kind_names[kind] :
						"invalid";
}

SF_EXPORT_FOR_KUNIT(sf_warn_kind_name);
