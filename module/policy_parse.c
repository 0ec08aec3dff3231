// SPDX-License-Identifier: GPL-2.0
/*
 * The line level of the policy language: directives, rules, actions and
 * syscall references, and sf_policy_compile(), which drives parsing and
 * compiling. Conditions are parsed by expr_parse.c.
 *
 *	policy    := { line }
 *	line      := [ directive | rule ] end-of-line
 *	directive := "default" action | "abi-violation" action | "abi" ABI { ABI }
 *	rule      := action ref { "," ref } [ "if" condition ]
 *	action    := "allow" | "log" | "deny" | "trap" | "kill-thread" | "kill"
 *		   | "errno" ( NAME | NUMBER )
 *	ref       := [ ABI ":" ] ( SYSCALL | "@" GROUP ) [ "?" ]
 *
 * Parsing is ABI-neutral: names are resolved per allowed ABI when
 * compiling, because "abi" may come after the rules it affects.
 */
#include "engine_internal.h"

void sf_next(struct sf_parser *p)
{
	sf_lex(&p->lx, &p->tok);
}

static bool sf_at_end(const struct sf_parser *p)
{
	return p->tok.kind == SF_TOK_NEWLINE || p->tok.kind == SF_TOK_EOF;
}

/* Line number of @pos; positions only ever move forward while parsing. */
static u32 sf_line_at(struct sf_parser *p, u32 pos)
{
	for (; p->line_pos < pos && p->line_pos < p->lx.len; p->line_pos++) {
		if (p->lx.text[p->line_pos] == '\n')
			p->line_no++;
	}
	return p->line_no;
}

static int sf_expected(struct sf_parser *p, const char *what)
{
	char found[SF_QUOTE_MAX + 2];

	sf_tok_describe(&p->lx, &p->tok, found, sizeof(found));
	return sf_error(p, p->tok.pos, "expected %s, found %s", what, found);
}

static int sf_expect_end(struct sf_parser *p)
{
	if (sf_at_end(p))
		return 0;
	return sf_expected(p, "end of line");
}

static const char *const sf_action_names[SF_ACT_COUNT] = {
	[SF_ACT_ALLOW] = "allow",
	[SF_ACT_LOG] = "log",
	[SF_ACT_ERRNO] = "errno",
	[SF_ACT_TRAP] = "trap",
	[SF_ACT_KILL_THREAD] = "kill-thread",
	[SF_ACT_KILL] = "kill",
};

const char *sf_action_name(enum sf_action act)
{
	if ((unsigned int)act >= SF_ACT_COUNT)
		return "invalid";
	return sf_action_names[act];
}

SF_EXPORT_FOR_KUNIT(sf_action_name);

/* Returns the action the current token names ("deny" is errno), or -1. */
static int sf_action_word(const struct sf_parser *p)
{
	int act;

	if (sf_tok_is(&p->lx, &p->tok, "deny"))
		return SF_ACT_ERRNO;
	for (act = 0; act < SF_ACT_COUNT; act++) {
		if (sf_tok_is(&p->lx, &p->tok, sf_action_names[act]))
			return act;
	}
	return -1;
}

static int sf_unknown_errno(struct sf_parser *p)
{
	char q[SF_QUOTE_MAX], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, p->lx.text + p->tok.pos, p->tok.len);
	for (i = 1; i < sf_errno_names_count; i++) {
		if (sf_errno_names[i])
			sf_suggest(&sg, sf_errno_names[i]);
	}
	for (i = 0; i < sf_errno_aliases_count; i++)
		sf_suggest(&sg, sf_errno_aliases[i].name);
	sf_quote(q, sizeof(q), p->lx.text + p->tok.pos, p->tok.len);
	return sf_error(p, p->tok.pos, "unknown errno name '%s'%s", q,
			sf_suggestion(&sg, hint, sizeof(hint)));
}

static const char *const sf_directives[] = {
	"default", "abi", "abi-violation", "define", "deny",
};

/* An identifier that starts no line: the closest action or directive. */
static int sf_unknown_word(struct sf_parser *p)
{
	char q[SF_QUOTE_MAX], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, p->lx.text + p->tok.pos, p->tok.len);
	for (i = 0; i < SF_ACT_COUNT; i++)
		sf_suggest(&sg, sf_action_names[i]);
	for (i = 0; i < ARRAY_SIZE(sf_directives); i++)
		sf_suggest(&sg, sf_directives[i]);
	sf_quote(q, sizeof(q), p->lx.text + p->tok.pos, p->tok.len);
	/* "x32:errno EPERM getppid": the qualifier belongs to the name. */
	if (sf_abi_lookup(p->lx.text + p->tok.pos, p->tok.len) >= 0)
		return sf_error(p, p->tok.pos,
				"'%s' is an ABI: it qualifies a syscall name, as in 'errno EPERM %s:NAME'",
				q, q);
	return sf_error(p, p->tok.pos, "unknown action or directive '%s'%s", q,
			sf_suggestion(&sg, hint, sizeof(hint)));
}

/* Parse an action starting at the current token into a verdict. */
static int sf_parse_action(struct sf_parser *p, u32 *verdict)
{
	const struct sf_tok *t = &p->tok;
	int act = sf_action_word(p);
	char q[SF_QUOTE_MAX];
	bool neg;
	u64 mag;
	int err;

	if (act < 0 && t->kind == SF_TOK_IDENT &&
	    sf_errno_lookup(p->lx.text + t->pos, t->len) > 0) {
		sf_quote(q, sizeof(q), p->lx.text + t->pos, t->len);
		return sf_error(p, t->pos,
				"expected an action, found '%s' (write 'errno %s')",
				q, q);
	}
	if (act < 0)
		return sf_expected(p, "an action");
	if (sf_tok_is(&p->lx, t, "deny")) {
		*verdict = SF_VERDICT(SF_ACT_ERRNO, EPERM);
		sf_next(p);
		return 0;
	}
	if (act != SF_ACT_ERRNO) {
		*verdict = SF_VERDICT(act, 0);
		sf_next(p);
		return 0;
	}
	sf_next(p);
	sf_quote(q, sizeof(q), p->lx.text + t->pos, t->len);
	if (t->kind == SF_TOK_IDENT) {
		err = sf_errno_lookup(p->lx.text + t->pos, t->len);
		if (err <= 0)
			return sf_unknown_errno(p);
		mag = err;
	} else if (t->kind == SF_TOK_NUMBER) {
		err = sf_parse_number(p->lx.text + t->pos, t->len, &neg, &mag);
		if (err == -EINVAL)
			return sf_error(p, t->pos, "invalid number '%s'", q);
		if (err || neg || mag < 1 || mag > SF_MAX_ERRNO)
			return sf_error(p, t->pos,
					"errno %s out of range (1 to %u)", q,
					SF_MAX_ERRNO);
	} else {
		return sf_expected(p, "an errno name or number after 'errno'");
	}
	*verdict = SF_VERDICT(SF_ACT_ERRNO, (u32)mag);
	sf_next(p);
	return 0;
}

static int sf_parse_verdict_directive(struct sf_parser *p, bool *seen,
				      u32 *verdict, u32 *line_out,
				      const char *name)
{
	u32 pos = p->tok.pos;
	u32 line = sf_line_at(p, pos);
	int err;

	if (*seen)
		return sf_error(p, pos, "duplicate '%s' (first at line %u)",
				name, *line_out);
	*seen = true;
	*line_out = line;
	sf_next(p);
	err = sf_parse_action(p, verdict);
	if (err)
		return err;
	return sf_expect_end(p);
}

/*
 * The ABI the current identifier token names, quoted into @q for messages;
 * a positioned error (negative) when it names none of the target
 * architecture's. The messages name architectures, not how to pick one: the
 * kernel has a single one, the CLI an option to say which.
 */
static int sf_tok_abi(struct sf_parser *p, char q[SF_QUOTE_MAX])
{
	const char *s = p->lx.text + p->tok.pos;
	char known[64], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	int abi;

	sf_quote(q, SF_QUOTE_MAX, s, p->tok.len);
	abi = sf_abi_lookup(s, p->tok.len);
	if (abi >= 0 && (sf_target_arch->abis & SF_ABI_MASK(abi)))
		return abi;
	sf_suggest_abi(&sg, s, p->tok.len, known, sizeof(known));
	if (abi >= 0)
		return sf_error(p, p->tok.pos,
				"ABI '%s' belongs to the %s architecture; the %s architecture has ABIs %s",
				q, sf_abi_arch(abi)->name,
				sf_target_arch->name, known);
	return sf_error(p, p->tok.pos,
			"unknown ABI '%s'%s; the %s architecture has ABIs %s",
			q, sf_suggestion(&sg, hint, sizeof(hint)),
			sf_target_arch->name, known);
}

static int sf_parse_abi_directive(struct sf_parser *p)
{
	u32 pos = p->tok.pos;
	char q[SF_QUOTE_MAX];
	int abi;

	if (p->has_abi)
		return sf_error(p, pos, "duplicate 'abi' (first at line %u)",
				p->abi_line);
	p->has_abi = true;
	p->abi_line = sf_line_at(p, pos);
	sf_next(p);
	if (sf_at_end(p))
		return sf_expected(p, "an ABI name (x86_64, i386 or x32)");
	while (!sf_at_end(p)) {
		if (p->tok.kind != SF_TOK_IDENT)
			return sf_expected(p, "an ABI name");
		abi = sf_tok_abi(p, q);
		if (abi < 0)
			return abi;
		if (p->abis & SF_ABI_MASK(abi))
			return sf_error(p, p->tok.pos,
					"ABI '%s' listed twice", q);
		p->abis |= SF_ABI_MASK(abi);
		p->abi_pos[abi] = p->tok.pos;
		sf_next(p);
	}
	return 0;
}

/* Parse one syscall reference of a rule; the current token starts it. */
static int sf_parse_ref(struct sf_parser *p, struct sf_rule *rule)
{
	struct sf_tok peek;
	struct sf_lexer ahead = p->lx;
	char q[SF_QUOTE_MAX];
	struct sf_ref *ref;
	int abi = -1;
	u32 end;

	ref = sf_vec_push(&p->refs, sizeof(*ref));
	if (!ref)
		return -ENOMEM;
	rule->nrefs++;
	ref->pos = p->tok.pos;
	ref->group = -1;

	sf_lex(&ahead, &peek);
	if (p->tok.kind == SF_TOK_IDENT && peek.kind == SF_TOK_COLON) {
		abi = sf_tok_abi(p, q);
		if (abi < 0)
			return abi;
		sf_next(p);
		sf_next(p);
	}
	ref->abi = abi;
	ref->name_pos = p->tok.pos;
	if (p->tok.kind == SF_TOK_AT) {
		sf_next(p);
		if (p->tok.kind != SF_TOK_IDENT || p->tok.pos != ref->name_pos + 1)
			return sf_error(p, ref->name_pos,
					"expected a group name right after '@'");
		ref->group = sf_group_lookup(p->lx.text + p->tok.pos,
					     p->tok.len);
		if (ref->group < 0) {
			struct sf_suggest sg;
			u32 i;

			sf_suggest_init(&sg, p->lx.text + p->tok.pos,
					p->tok.len);
			for (i = 0; i < sf_groups_count; i++)
				sf_suggest(&sg, sf_groups[i].name);
			sf_quote(q, sizeof(q), p->lx.text + p->tok.pos,
				 p->tok.len);
			if (sg.best)
				return sf_error(p, ref->name_pos,
						"unknown group '@%s' (did you mean '@%.*s'?)",
						q, (int)sg.best_len, sg.best);
			return sf_error(p, ref->name_pos,
					"unknown group '@%s' (see 'sysfence groups')",
					q);
		}
	} else if (p->tok.kind != SF_TOK_IDENT || sf_tok_is(&p->lx, &p->tok, "if")) {
		return sf_expected(p, "a syscall name or @group");
	}
	end = p->tok.pos + p->tok.len;
	ref->name_len = end - ref->name_pos;
	sf_next(p);
	if (p->tok.kind == SF_TOK_QUESTION) {
		ref->optional = true;
		end = p->tok.pos + p->tok.len;
		sf_next(p);
	}
	ref->len = end - ref->pos;
	return 0;
}

static int sf_parse_rule(struct sf_parser *p)
{
	struct sf_rule *rule;
	u32 idx = p->rules.count;
	int err;

	if (idx >= SF_MAX_RULES)
		return sf_error(p, p->tok.pos, "too many rules (limit %u)",
				SF_MAX_RULES);
	rule = sf_vec_push(&p->rules, sizeof(*rule));
	if (!rule)
		return -ENOMEM;
	rule->pos = p->tok.pos;
	rule->line = sf_line_at(p, p->tok.pos);
	rule->first_ref = p->refs.count;
	rule->first_node = p->nodes.count;
	rule->cond = SF_NONE;
	err = sf_parse_action(p, &rule->verdict);
	if (err)
		return err;
	if (sf_at_end(p))
		return sf_expected(p, "a syscall name or @group");
	for (;;) {
		err = sf_parse_ref(p, rule);
		if (err)
			return err;
		if (p->tok.kind != SF_TOK_COMMA)
			break;
		sf_next(p);
	}
	if (sf_tok_is(&p->lx, &p->tok, "if")) {
		sf_next(p);
		err = sf_parse_condition(p, rule);
		if (err)
			return err;
	} else if (!sf_at_end(p)) {
		return sf_expected(p, "',', 'if' or end of line");
	}
	return sf_expect_end(p);
}

static int sf_parse_line(struct sf_parser *p)
{
	if (sf_tok_is(&p->lx, &p->tok, "default")) {
		if (!p->has_default)
			p->default_pos = p->tok.pos;
		return sf_parse_verdict_directive(p, &p->has_default,
						  &p->default_verdict,
						  &p->default_line, "default");
	}
	if (sf_tok_is(&p->lx, &p->tok, "abi-violation")) {
		p->violation_pos = p->tok.pos;
		return sf_parse_verdict_directive(p, &p->has_violation,
						  &p->violation_verdict,
						  &p->violation_line,
						  "abi-violation");
	}
	if (sf_tok_is(&p->lx, &p->tok, "abi"))
		return sf_parse_abi_directive(p);
	if (sf_tok_is(&p->lx, &p->tok, "define"))
		return sf_parse_define(p);
	if (sf_action_word(p) >= 0)
		return sf_parse_rule(p);
	if (p->tok.kind == SF_TOK_IDENT)
		return sf_unknown_word(p);
	return sf_expected(p, "a rule or directive");
}

/*
 * Kafel and minijail policies carry "#define" and "#include" lines, which
 * would be comments here, silently: an error at the first one instead.
 */
static int sf_check_cpp_lines(struct sf_parser *p)
{
	const char *s = p->lx.text;
	u32 len = p->lx.len, i = 0, k;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (k = i; k < len && k < i + 9; k++) {
			if (s[k] == ' ' || s[k] == '\t' || s[k] == '\n')
				break;
		}
		if (k - i == 7 && !memcmp(s + i, "#define", 7) && k < len &&
		    s[k] != '\n')
			return sf_error(p, i,
					"'#define' would be a comment: write 'define NAME VALUE'");
		if (k - i == 8 && !memcmp(s + i, "#include", 8) && k < len &&
		    s[k] != '\n')
			return sf_error(p, i,
					"'#include' would be a comment: a policy is one file");
		while (i < len && s[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

static int sf_parse_policy(struct sf_parser *p)
{
	int err;

	err = sf_check_cpp_lines(p);
	if (err)
		return err;
	p->line_no = 1;
	sf_next(p);
	while (p->tok.kind != SF_TOK_EOF) {
		if (p->tok.kind == SF_TOK_NEWLINE) {
			sf_next(p);
			continue;
		}
		err = sf_parse_line(p);
		if (err)
			return err;
	}
	if (!p->has_default)
		return sf_error(p, 0,
				"missing 'default' directive (say what happens to syscalls no rule names)");
	if (!p->has_abi) {
		p->abis = SF_ABI_MASK(sf_target_arch->native);
		p->abi_pos[sf_target_arch->native] = 0;
	}
	if (!p->has_violation)
		p->violation_verdict = SF_VERDICT(SF_ACT_KILL, 0);
	return 0;
}

static void sf_parser_free(struct sf_parser *p)
{
	sf_vec_free(&p->rules);
	sf_vec_free(&p->refs);
	sf_vec_free(&p->preds);
	sf_vec_free(&p->nodes);
	sf_vec_free(&p->vexprs);
	sf_vec_free(&p->atoms);
	sf_vec_free(&p->defines);
	sf_vec_free(&p->conds);
	sf_free(p);
}

/**
 * sf_policy_compile() - parse and compile a policy
 * @text: the policy text; need not be NUL-terminated
 * @len: its length in bytes
 * @out: receives the compiled policy on success
 * @diag: receives the first error's position and message (may be NULL)
 *
 * Return: 0, -EINVAL for an invalid policy, -E2BIG for a text over
 * SF_MAX_POLICY_SIZE, -ENOMEM. @diag is filled for every error.
 */
int sf_policy_compile(const char *text, size_t len, struct sf_policy **out,
		      struct sf_diag *diag)
{
	struct sf_diag scratch;
	struct sf_policy *pol;
	struct sf_parser *p;
	const char *nul;
	int err;

	if (!diag)
		diag = &scratch;
	memset(diag, 0, sizeof(*diag));
	*out = NULL;
	diag->line = 1;
	diag->col = 1;
	if (len > SF_MAX_POLICY_SIZE) {
		snprintf(diag->msg, sizeof(diag->msg),
			 "policy is %llu bytes, more than the limit of %u",
			 (unsigned long long)len, SF_MAX_POLICY_SIZE);
		return -E2BIG;
	}
	nul = len ? memchr(text, '\0', len) : NULL;
	if (nul) {
		sf_diag_locate(diag, text, len, nul - text);
		snprintf(diag->msg, sizeof(diag->msg),
			 "NUL byte in policy text");
		return -EINVAL;
	}

	p = sf_zalloc(sizeof(*p));
	if (!p)
		goto err_nomem;
	p->lx.text = text;
	p->lx.len = len;
	p->diag = diag;
	err = sf_parse_policy(p);
	if (err)
		goto out_free_parser;

	pol = sf_zalloc(sizeof(*pol));
	if (!pol) {
		err = -ENOMEM;
		goto out_free_parser;
	}
	err = sf_compile(p, pol);
	if (err)
		sf_policy_free(pol);
	else
		*out = pol;
out_free_parser:
	sf_parser_free(p);
	if (err == -ENOMEM)
		goto err_nomem;
	return err;

err_nomem:
	diag->line = 1;
	diag->col = 1;
	snprintf(diag->msg, sizeof(diag->msg), "out of memory");
	return -ENOMEM;
}

SF_EXPORT_FOR_KUNIT(sf_policy_compile);
