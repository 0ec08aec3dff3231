// SPDX-License-Identifier: GPL-2.0
/*
 * Conditions: "if EXPR" of a rule, parsed into a flat list of predicates
 * with jump-when-true/false targets, with the precedence and short-circuit
 * semantics of ftrace event filters (kernel/trace/trace_events_filter.c):
 *
 *	expr      := term { "||" term }
 *	term      := factor { "&&" factor }
 *	factor    := pred | "(" expr ")" | "!" factor
 *	pred      := FIELD cmp value | FIELD "&" value | FIELD "in" set
 *		   | "(" FIELD "&" value ")" ( cmp value | "in" set )
 *	cmp       := "==" | "!=" | "<" | "<=" | ">" | ">="
 *	set       := "{" value { "," value } "}"
 *	value     := atom | "(" atom { "|" atom } ")"
 *	atom      := NUMBER | CONSTANT
 *
 * As in ftrace, '!' negates the factor that follows it, so "!fd == 1" means
 * "!(fd == 1)". A '(' starts a masked compare only when the tokens up to its
 * ')' are FIELD & value and a comparison follows; otherwise it groups.
 *
 * No recursion: an explicit stack of open parentheses, bounded by
 * SF_MAX_DEPTH, remembers for each level whether a '!' applies to it and
 * which '&&'/'||' is waiting for its right operand. Each predicate is
 * appended to the program as soon as it is read, with a provisional link to
 * the one before; when an operator's right operand is complete, the left
 * operand's exit is pointed past it (relink). The same construction as
 * ftrace's predicate_parse(), which explains it at length.
 */
#include "engine_internal.h"

#define SF_FRAME_INVERT 0x1
#define SF_FRAME_AND 0x2
#define SF_FRAME_OR 0x4

/* Longest value group "(A | B | ...)" a masked-compare look-ahead scans. */
#define SF_LOOKAHEAD_MAX (2 * SF_MAX_SET + 2)

static bool sf_is_cmp(enum sf_tok_kind kind)
{
	return kind == SF_TOK_EQ || kind == SF_TOK_NE || kind == SF_TOK_LT ||
	       kind == SF_TOK_LE || kind == SF_TOK_GT || kind == SF_TOK_GE;
}

static enum sf_op sf_cmp_op(enum sf_tok_kind kind)
{
	switch (kind) {
	case SF_TOK_EQ:
		return SF_OP_EQ;
	case SF_TOK_NE:
		return SF_OP_NE;
	case SF_TOK_LT:
		return SF_OP_LT;
	case SF_TOK_LE:
		return SF_OP_LE;
	case SF_TOK_GT:
		return SF_OP_GT;
	default:
		return SF_OP_GE;
	}
}

static bool sf_cond_end(const struct sf_parser *p)
{
	return p->tok.kind == SF_TOK_NEWLINE || p->tok.kind == SF_TOK_EOF;
}

static int sf_cond_putc(struct sf_parser *p, char c)
{
	char *slot = sf_vec_push(&p->conds, 1);

	if (!slot)
		return -ENOMEM;
	*slot = c;
	return 0;
}

/*
 * Consume the current token, appending it to the rule's condition text in
 * a normalized spacing: one space between tokens, none inside parentheses
 * and braces, after '!' or before ','.
 */
static int sf_cond_next(struct sf_parser *p)
{
	enum sf_tok_kind kind = p->tok.kind;
	enum sf_tok_kind prev = p->cond_prev;
	u32 i;

	if (prev != SF_TOK_EOF && prev != SF_TOK_LPAREN &&
	    prev != SF_TOK_NOT && prev != SF_TOK_LBRACE &&
	    kind != SF_TOK_RPAREN && kind != SF_TOK_RBRACE &&
	    kind != SF_TOK_COMMA && sf_cond_putc(p, ' '))
		return -ENOMEM;
	for (i = 0; i < p->tok.len; i++) {
		if (sf_cond_putc(p, p->lx.text[p->tok.pos + i]))
			return -ENOMEM;
	}
	p->cond_prev = kind;
	sf_next(p);
	return 0;
}

static int sf_cond_expected(struct sf_parser *p, const char *what)
{
	char found[SF_QUOTE_MAX + 2];

	sf_tok_describe(&p->lx, &p->tok, found, sizeof(found));
	return sf_error(p, p->tok.pos, "expected %s, found %s", what, found);
}

static int sf_unknown_constant(struct sf_parser *p, u32 pos, const char *s,
			       u32 len)
{
	char q[SF_QUOTE_MAX], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, s, len);
	for (i = 0; i < sf_constants_count; i++)
		sf_suggest(&sg, sf_constants[i].name);
	for (i = 0; i < p->defines.count; i++) {
		const struct sf_define *d = SF_VEC_AT(&p->defines,
						      struct sf_define, i);

		sf_suggest_len(&sg, p->lx.text + d->name_pos, d->name_len);
	}
	sf_quote(q, sizeof(q), s, len);
	return sf_error(p, pos, "unknown constant '%s'%s", q,
			sf_suggestion(&sg, hint, sizeof(hint)));
}

const struct sf_define *sf_define_lookup(const struct sf_parser *p,
					 const char *s, u32 len)
{
	u32 i;

	for (i = 0; i < p->defines.count; i++) {
		const struct sf_define *d = SF_VEC_AT(&p->defines,
						      struct sf_define, i);

		if (d->name_len == len &&
		    !memcmp(p->lx.text + d->name_pos, s, len))
			return d;
	}
	return NULL;
}

/* Fill @atom from the current token, which is not consumed. */
static int sf_read_atom(struct sf_parser *p, struct sf_atom *atom)
{
	const struct sf_tok *t = &p->tok;
	const char *s = p->lx.text + t->pos;
	const struct sf_define *d;
	char q[SF_QUOTE_MAX];
	int err;

	if (t->kind == SF_TOK_BAD && (*s == '"' || *s == '\''))
		return sf_error(p, t->pos,
				"strings cannot be compared: a pointer argument is an address, and reading the memory it names would race with the process");
	if (t->kind != SF_TOK_NUMBER && t->kind != SF_TOK_IDENT)
		return sf_cond_expected(p, "a number or constant");
	atom->pos = t->pos;
	atom->len = t->len;
	sf_quote(q, sizeof(q), s, t->len);
	if (t->kind == SF_TOK_IDENT) {
		atom->constant = sf_constant_lookup(s, t->len);
		if (atom->constant)
			return 0;
		d = sf_define_lookup(p, s, t->len);
		if (d) {
			atom->define = 1 + (d - (const struct sf_define *)
					    p->defines.data);
			return 0;
		}
		return sf_unknown_constant(p, t->pos, s, t->len);
	}
	err = sf_parse_number(s, t->len, &atom->neg, &atom->mag);
	if (err == -EINVAL)
		return sf_error(p, t->pos, "invalid number '%s'", q);
	/* Negative values must have a 64-bit two's complement. */
	if (err || (atom->neg && atom->mag > (1ULL << 63)))
		return sf_error(p, t->pos, "number '%s' does not fit in 64 bits",
				q);
	if (!atom->mag)
		atom->neg = false;
	return 0;
}

/* How many atoms @atom stands for: a define's, or itself. */
static u32 sf_atom_width(const struct sf_parser *p, const struct sf_atom *atom)
{
	if (!atom->define)
		return 1;
	return SF_VEC_AT(&p->defines, struct sf_define,
			 atom->define - 1)->natoms;
}

static int sf_parse_atom(struct sf_parser *p)
{
	struct sf_atom *atom = sf_vec_push(&p->atoms, sizeof(*atom));
	int err;

	if (!atom)
		return -ENOMEM;
	err = sf_read_atom(p, atom);
	if (err)
		return err;
	return sf_cond_next(p);
}

/*
 * define NAME VALUE, VALUE being ATOM { "|" ATOM } with optional
 * parentheses. A define used in the value contributes copies of its atoms.
 */
/*
 * What a define may not be named: a condition's field (any syscall's
 * argument name, argN) would read as the define in one place and the field
 * in another ("fd == fd"); a word of the language would make lines read
 * one way and parse another.
 */
static const char *sf_define_clash(const char *name, u32 len)
{
	static const char *const words[] = {
		"allow", "log", "errno", "deny", "trap", "kill", "kill-thread",
		"default", "abi", "abi-violation", "define", "if", "in",
	};
	u32 i, k;
	int abi;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == len && !memcmp(words[i], name, len))
			return "a word of the policy language";
	if (len == 4 && !memcmp(name, "arg", 3) && name[3] >= '0' &&
	    name[3] < '0' + SF_MAX_ARGS)
		return "a syscall argument's field name";
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		for (i = 0; i < t->count; i++) {
			for (k = 0; k < t->calls[i].nargs; k++) {
				const char *a = t->calls[i].args[k];

				if (a && strlen(a) == len && !memcmp(a, name, len))
					return "a syscall argument's field name";
			}
		}
	}
	return NULL;
}

int sf_parse_define(struct sf_parser *p)
{
	u32 first = p->atoms.count, name_pos, name_len, i, n;
	const char *clash;
	char q[SF_QUOTE_MAX];
	struct sf_define *d;
	struct sf_atom atom;
	bool paren;
	int err;

	sf_next(p);
	if (p->tok.kind != SF_TOK_IDENT)
		return sf_cond_expected(p, "a name after 'define'");
	name_pos = p->tok.pos;
	name_len = p->tok.len;
	sf_quote(q, sizeof(q), p->lx.text + name_pos, name_len);
	if (memchr(p->lx.text + name_pos, '-', name_len))
		return sf_error(p, name_pos,
				"'%s' is not a constant name (letters, digits and '_')",
				q);
	if (sf_constant_lookup(p->lx.text + name_pos, name_len))
		return sf_error(p, name_pos,
				"'%s' is already a constant of the kernel's headers",
				q);
	if (sf_define_lookup(p, p->lx.text + name_pos, name_len))
		return sf_error(p, name_pos, "'%s' is defined twice", q);
	clash = sf_define_clash(p->lx.text + name_pos, name_len);
	if (clash)
		return sf_error(p, name_pos,
				"'%s' is %s: a define needs another name", q,
				clash);
	if (p->defines.count == SF_MAX_DEFINES)
		return sf_error(p, name_pos, "more than %u defines",
				SF_MAX_DEFINES);
	sf_next(p);
	paren = p->tok.kind == SF_TOK_LPAREN;
	if (paren)
		sf_next(p);
	for (;;) {
		memset(&atom, 0, sizeof(atom));
		err = sf_read_atom(p, &atom);
		if (err)
			return err;
		n = sf_atom_width(p, &atom);
		if (p->atoms.count - first + n > SF_MAX_SET)
			return sf_error(p, p->tok.pos,
					"more than %u values in one define",
					SF_MAX_SET);
		if (p->define_atoms + n > SF_MAX_DEFINE_ATOMS)
			return sf_error(p, p->tok.pos,
					"the defines hold more than %u values in total",
					SF_MAX_DEFINE_ATOMS);
		p->define_atoms += n;
		for (i = 0; i < n; i++) {
			struct sf_atom *slot = sf_vec_push(&p->atoms,
							   sizeof(*slot));

			if (!slot)
				return -ENOMEM;
			if (!atom.define) {
				*slot = atom;
				continue;
			}
			d = SF_VEC_AT(&p->defines, struct sf_define,
				      atom.define - 1);
			*slot = *SF_VEC_AT(&p->atoms, struct sf_atom,
					   d->first_atom + i);
		}
		sf_next(p);
		if (p->tok.kind != SF_TOK_PIPE)
			break;
		sf_next(p);
	}
	if (paren && p->tok.kind != SF_TOK_RPAREN)
		return sf_cond_expected(p, "'|' or ')'");
	if (paren)
		sf_next(p);
	if (!sf_cond_end(p))
		return sf_cond_expected(p, "'|' or end of line");
	d = sf_vec_push(&p->defines, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->name_pos = name_pos;
	d->name_len = name_len;
	d->first_atom = first;
	d->natoms = p->atoms.count - first;
	return 0;
}

/* value := atom | "(" atom { "|" atom } ")" */
static int sf_parse_value(struct sf_parser *p, u32 *index)
{
	struct sf_vexpr *v;
	u32 pos = p->tok.pos;
	u32 first = p->atoms.count;
	u32 end, width = 0;
	int err;

	if (p->tok.kind == SF_TOK_LPAREN) {
		err = sf_cond_next(p);
		for (;;) {
			if (!err && p->atoms.count - first == SF_MAX_SET)
				return sf_error(p, p->tok.pos,
						"more than %u values in one '|' group",
						SF_MAX_SET);
			if (!err)
				err = sf_parse_atom(p);
			if (err)
				return err;
			/* Defines expanded, a value still ors at most 256. */
			width += sf_atom_width(p, SF_VEC_AT(&p->atoms,
							    struct sf_atom,
							    p->atoms.count - 1));
			if (width > SF_MAX_SET)
				return sf_error(p, pos,
						"more than %u values in one '|' group (defines expanded)",
						SF_MAX_SET);
			if (p->tok.kind != SF_TOK_PIPE)
				break;
			err = sf_cond_next(p);
		}
		if (p->tok.kind != SF_TOK_RPAREN)
			return sf_cond_expected(p, "'|' or ')'");
		end = p->tok.pos + p->tok.len;
		err = sf_cond_next(p);
	} else {
		end = p->tok.pos + p->tok.len;
		err = sf_parse_atom(p);
	}
	if (err)
		return err;
	*index = p->vexprs.count;
	v = sf_vec_push(&p->vexprs, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->pos = pos;
	v->len = end - pos;
	v->first_atom = first;
	v->natoms = p->atoms.count - first;
	return 0;
}

/*
 * With '(' as the current token: do FIELD & value ')' and a comparison or
 * "in" follow? Reads ahead on a copy of the lexer; bounded.
 */
static bool sf_masked_ahead(const struct sf_parser *p)
{
	struct sf_lexer lx = p->lx;
	struct sf_tok t;
	u32 n;

	sf_lex(&lx, &t);
	if (t.kind != SF_TOK_IDENT)
		return false;
	sf_lex(&lx, &t);
	if (t.kind != SF_TOK_AMP)
		return false;
	sf_lex(&lx, &t);
	if (t.kind == SF_TOK_LPAREN) {
		for (n = 0; n < SF_LOOKAHEAD_MAX; n++) {
			sf_lex(&lx, &t);
			if (t.kind == SF_TOK_RPAREN || t.kind == SF_TOK_NEWLINE ||
			    t.kind == SF_TOK_EOF)
				break;
		}
		if (t.kind != SF_TOK_RPAREN)
			return false;
	} else if (t.kind != SF_TOK_NUMBER && t.kind != SF_TOK_IDENT) {
		return false;
	}
	sf_lex(&lx, &t);
	if (t.kind != SF_TOK_RPAREN)
		return false;
	sf_lex(&lx, &t);
	return sf_is_cmp(t.kind) || sf_tok_is(&lx, &t, "in");
}

static int sf_parse_set(struct sf_parser *p, struct sf_pred *pred)
{
	u32 first = p->vexprs.count;
	u32 index;
	int err;

	if (p->tok.kind != SF_TOK_LBRACE)
		return sf_cond_expected(p, "'{' after 'in'");
	err = sf_cond_next(p);
	if (err)
		return err;
	for (;;) {
		if (p->vexprs.count - first == SF_MAX_SET)
			return sf_error(p, p->tok.pos,
					"more than %u values in one set",
					SF_MAX_SET);
		err = sf_parse_value(p, &index);
		if (err)
			return err;
		if (p->tok.kind == SF_TOK_RBRACE)
			break;
		if (p->tok.kind != SF_TOK_COMMA)
			return sf_cond_expected(p, "',' or '}'");
		err = sf_cond_next(p);
		if (err)
			return err;
	}
	pred->first_value = first;
	pred->nvalues = p->vexprs.count - first;
	return sf_cond_next(p);
}

static int sf_parse_pred(struct sf_parser *p, bool masked, u32 *index)
{
	struct sf_pred pred = { 0 };
	struct sf_pred *slot;
	int err = 0;

	if (masked)
		err = sf_cond_next(p);
	if (err)
		return err;
	if (p->tok.kind != SF_TOK_IDENT)
		return sf_cond_expected(p, "a field name, '(' or '!'");
	pred.field_pos = p->tok.pos;
	pred.field_len = p->tok.len;
	err = sf_cond_next(p);
	if (err)
		return err;

	if (masked || p->tok.kind == SF_TOK_AMP) {
		pred.op = SF_OP_BAND;
		pred.op_pos = p->tok.pos;
		err = sf_cond_next(p);
		if (!err)
			err = sf_parse_value(p, &pred.mask);
		if (err)
			return err;
		if (masked) {
			/* The look-ahead saw the ')'. */
			pred.masked = true;
			err = sf_cond_next(p);
			if (err)
				return err;
		} else if (sf_is_cmp(p->tok.kind)) {
			return sf_error(p, p->tok.pos,
					"'field & mask' is a bit test; to compare, write '(field & mask) %.*s value'",
					(int)p->tok.len,
					p->lx.text + p->tok.pos);
		}
	}
	if (!pred.masked && pred.op == SF_OP_BAND)
		goto done;

	pred.op_pos = p->tok.pos;
	if (sf_is_cmp(p->tok.kind)) {
		pred.op = sf_cmp_op(p->tok.kind);
		pred.first_value = p->vexprs.count;
		pred.nvalues = 1;
		err = sf_cond_next(p);
		if (!err)
			err = sf_parse_value(p, &pred.first_value);
	} else if (sf_tok_is(&p->lx, &p->tok, "in")) {
		pred.op = SF_OP_IN;
		err = sf_cond_next(p);
		if (!err)
			err = sf_parse_set(p, &pred);
	} else {
		err = sf_cond_expected(p,
				       "an operator (==, !=, <, <=, >, >=, &, in)");
	}
	if (err)
		return err;
done:
	*index = p->preds.count;
	slot = sf_vec_push(&p->preds, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	*slot = pred;
	return 0;
}

/*
 * Point the pending exit of the operand before node @n past @n: the node
 * that @n's provisional link names now branches to @n's label when its
 * result is @when, and @n inherits that node's old link.
 */
static void sf_relink(struct sf_parser *p, u32 n, u8 when)
{
	s32 t = p->link[n];

	if (t < 0)
		return;
	p->link[n] = p->link[t];
	p->when[t] = when;
	p->link[t] = n;
}

static int sf_finish_condition(struct sf_parser *p, struct sf_rule *rule,
			       u32 n)
{
	struct sf_node *nodes = SF_VEC_AT(&p->nodes, struct sf_node,
					  rule->first_node);
	u32 i;

	/* After the last predicate: true continues to the leaf, false jumps. */
	p->link[n - 1] = n;
	p->when[n - 1] = 0;
	/*
	 * A jump to a node that would branch again on the same result goes
	 * straight to that node's target: the result is already known.
	 */
	for (i = n - 1; i-- > 0;) {
		s32 t = p->link[i];

		if (t >= 0 && (u32)t < n && p->when[i] == p->when[t])
			p->link[i] = p->link[t];
	}
	for (i = 0; i < n; i++) {
		s32 dest = p->link[i] + 1;

		/* Labels follow their node: every jump moves forward. */
		if (dest <= (s32)i + 1 || dest > (s32)n + 1)
			return sf_error(p, rule->pos,
					"internal error: backward jump in condition");
		nodes[i].target = dest;
		nodes[i].when = p->when[i] ^ p->invert[i];
	}
	rule->nnodes = n;
	return sf_cond_putc(p, '\0');
}

/**
 * sf_parse_condition() - parse the condition of @rule after its "if"
 * @p: the parser, positioned on the condition's first token
 * @rule: the rule; its nodes are appended to p->nodes
 *
 * Return: 0 with the parser at the end of the line, or an error.
 */
int sf_parse_condition(struct sf_parser *p, struct sf_rule *rule)
{
	u8 frame[SF_MAX_DEPTH + 1];
	u32 open_pos[SF_MAX_DEPTH + 1];
	struct sf_node *node;
	u32 top = 0, n = 0;
	u8 invert = 0;
	bool masked;
	u32 pred = 0;
	int err;

	frame[0] = 0;
	open_pos[0] = 0;
	rule->cond = p->conds.count;
	p->cond_prev = SF_TOK_EOF;
	if (sf_cond_end(p))
		return sf_cond_expected(p, "a condition after 'if'");

	for (;;) {
		/* An operand: any '!' and '(' before a predicate. */
		masked = false;
		if (p->tok.kind == SF_TOK_NOT) {
			invert ^= 1;
			err = sf_cond_next(p);
			if (err)
				return err;
			continue;
		}
		if (p->tok.kind == SF_TOK_LPAREN) {
			masked = sf_masked_ahead(p);
			if (!masked) {
				if (top == SF_MAX_DEPTH)
					return sf_error(p, p->tok.pos,
							"parentheses nested deeper than %u",
							SF_MAX_DEPTH);
				top++;
				frame[top] = invert ? SF_FRAME_INVERT : 0;
				open_pos[top] = p->tok.pos;
				err = sf_cond_next(p);
				if (err)
					return err;
				continue;
			}
		}
		if (n == SF_MAX_PREDICATES)
			return sf_error(p, p->tok.pos,
					"more than %u predicates in one condition",
					SF_MAX_PREDICATES);
		if (p->preds.count >= SF_MAX_POLICY_PREDICATES)
			return sf_error(p, p->tok.pos,
					"more than %u predicates in the policy",
					SF_MAX_POLICY_PREDICATES);
		err = sf_parse_pred(p, masked, &pred);
		if (err)
			return err;
		node = sf_vec_push(&p->nodes, sizeof(*node));
		if (!node)
			return -ENOMEM;
		node->pred = pred;
		p->link[n] = (s32)n - 1;
		p->when[n] = 0;
		p->invert[n] = invert;
		n++;

		/* What follows a predicate: '&&', '||', ')' or the end. */
		for (;;) {
			enum sf_tok_kind kind = p->tok.kind;

			if (kind != SF_TOK_ANDAND && kind != SF_TOK_OROR &&
			    kind != SF_TOK_RPAREN && !sf_cond_end(p))
				return sf_cond_expected(p,
							"'&&', '||', ')' or end of line");
			invert = frame[top] & SF_FRAME_INVERT;
			if (frame[top] & SF_FRAME_AND) {
				sf_relink(p, n - 1, invert);
				frame[top] &= ~SF_FRAME_AND;
			}
			if (kind == SF_TOK_ANDAND) {
				frame[top] |= SF_FRAME_AND;
				break;
			}
			if (frame[top] & SF_FRAME_OR) {
				sf_relink(p, n - 1, !invert);
				frame[top] &= ~SF_FRAME_OR;
			}
			if (kind == SF_TOK_OROR) {
				frame[top] |= SF_FRAME_OR;
				break;
			}
			if (kind != SF_TOK_RPAREN) {
				if (top)
					return sf_error(p, open_pos[top],
							"'(' is never closed");
				return sf_finish_condition(p, rule, n);
			}
			if (!top)
				return sf_error(p, p->tok.pos,
						"')' without a matching '('");
			top--;
			err = sf_cond_next(p);
			if (err)
				return err;
		}
		err = sf_cond_next(p);
		if (err)
			return err;
		if (sf_cond_end(p))
			return sf_cond_expected(p, "a condition after the operator");
	}
}
