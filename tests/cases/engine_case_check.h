/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one case of engine_cases.h: the same code in userspace and in the
 * kernel, so the two runners cannot judge a case differently. Returns true
 * when the engine behaves as the case says, else false with the reason in
 * why[].
 */
#ifndef SF_ENGINE_CASE_CHECK_H
#define SF_ENGINE_CASE_CHECK_H

#include "engine.h"
#include "engine_cases.h"

#define SF_CASE_WHY_MAX 256

/* "#N" (decimal or 0x hex) or a syscall name of @abi; false if neither. */
static bool sf_case_syscall(const struct sf_engine_case *c, enum sf_abi abi,
			    u32 *nr)
{
	const struct sf_syscall *sc;
	const char *s = c->syscall;
	u32 base = 10;
	u64 v = 0;

	if (s[0] != '#') {
		sc = sf_syscall_by_name(abi, s, strlen(s));
		if (!sc)
			return false;
		*nr = sc->nr;
		return true;
	}
	/* A number as the probe sees it, which finds its slot. */
	s++;
	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		u32 d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			return false;
		if (d >= base)
			return false;
		v = v * base + d;
		if (v > 0xffffffffULL)
			return false;
	}
	*nr = sf_syscall_slot(abi, (u32)v);
	return true;
}

static bool sf_case_eval(const struct sf_engine_case *c,
			 const struct sf_policy *p, char *why, size_t size)
{
	struct sf_result res;
	char got[64];
	int abi;
	u32 nr;

	abi = sf_abi_lookup(c->abi, strlen(c->abi));
	if (abi < 0 || !sf_case_syscall(c, abi, &nr)) {
		snprintf(why, size, "bad case: ABI %s, syscall %s", c->abi,
			 c->syscall);
		return false;
	}
	if (c->describe) {
		char text[192];

		sf_policy_describe(p, abi, nr, text, sizeof(text));
		if (strcmp(text, c->describe)) {
			snprintf(why, size, "described as \"%s\", expected \"%s\"",
				 text, c->describe);
			return false;
		}
	}
	if (!c->verdict)
		return true;
	sf_policy_eval(p, abi, nr, c->args, &res);
	sf_verdict_format(res.verdict, got, sizeof(got));
	if (strcmp(got, c->verdict)) {
		snprintf(why, size, "verdict \"%s\", expected \"%s\"", got,
			 c->verdict);
		return false;
	}
	if (c->check_line && res.line != c->line) {
		snprintf(why, size, "decided by line %u, expected %u",
			 res.line, c->line);
		return false;
	}
	return true;
}

static bool sf_case_warned(const struct sf_engine_case *c,
			   const struct sf_policy *p, char *why, size_t size)
{
	u32 i;

	for (i = 0; i < sf_policy_warning_count(p); i++) {
		if (strstr(sf_policy_warning(p, i)->msg, c->warning))
			return true;
	}
	snprintf(why, size, "no warning containing \"%s\" among %u",
		 c->warning, sf_policy_warning_count(p));
	return false;
}

/* The policy text of a limit case: policy, unit repeated, tail. */
static char *sf_case_expand(const struct sf_engine_case *c, size_t *len)
{
	size_t head = strlen(c->policy), unit = strlen(c->unit);
	size_t tail = strlen(c->tail), i;
	char *text;

	*len = head + unit * c->repeat + tail;
	text = sf_zalloc(*len + 1);
	if (!text)
		return NULL;
	memcpy(text, c->policy, head);
	for (i = 0; i < c->repeat; i++)
		memcpy(text + head + i * unit, c->unit, unit);
	memcpy(text + head + c->repeat * unit, c->tail, tail);
	return text;
}

static inline bool sf_engine_case_check(const struct sf_engine_case *c,
					char *why, size_t size)
{
	size_t len = c->len ? c->len : strlen(c->policy);
	const struct sf_arch *target;
	const char *text = c->policy;
	struct sf_policy *p = NULL;
	char *expanded = NULL;
	struct sf_diag diag;
	bool ok;
	int err;

	if (c->repeat) {
		expanded = sf_case_expand(c, &len);
		if (!expanded) {
			snprintf(why, size, "out of memory");
			return false;
		}
		text = expanded;
	}
	/*
	 * The runners compile nothing else meanwhile: KUnit's module has no
	 * policy of its own, and the target is back before any other case.
	 */
	target = sf_target_arch;
	sf_target_arch = sf_arch_lookup(c->arch ? c->arch : "x86_64");
	if (!sf_target_arch) {
		sf_target_arch = target;
		sf_free(expanded);
		snprintf(why, size, "bad case: architecture %s", c->arch);
		return false;
	}
	err = sf_policy_compile(text, len, &p, &diag);
	sf_target_arch = target;
	sf_free(expanded);
	if (c->kind == SF_CASE_ERROR) {
		if (!err) {
			sf_policy_free(p);
			snprintf(why, size, "compiled, expected error \"%s\"",
				 c->err_msg);
			return false;
		}
		if (diag.line != c->err_line || diag.col != c->err_col ||
		    !strstr(diag.msg, c->err_msg)) {
			snprintf(why, size,
				 "error %u:%u \"%s\", expected %u:%u \"%s\"",
				 diag.line, diag.col, diag.msg, c->err_line,
				 c->err_col, c->err_msg);
			return false;
		}
		return true;
	}
	if (err) {
		snprintf(why, size, "error %d at %u:%u: %s", err, diag.line,
			 diag.col, diag.msg);
		return false;
	}
	if (c->kind == SF_CASE_WARN)
		ok = sf_case_warned(c, p, why, size);
	else
		ok = sf_case_eval(c, p, why, size);
	sf_policy_free(p);
	return ok;
}

#endif /* SF_ENGINE_CASE_CHECK_H */
