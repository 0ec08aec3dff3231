/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals shared by the policy engine's files: tokens, the parsed
 * (ABI-neutral) form of a policy, the compiled form and a few helpers.
 * Nothing here is part of the interface the module or the CLI use.
 *
 * A policy goes through three stages:
 *   lexer.c, policy_parse.c, expr_parse.c: text -> struct sf_parser (rules,
 *	syscall references, conditions as ftrace-style predicate lists);
 *   expr_compile.c: per allowed ABI, resolve names and types and emit the
 *	dense tables and flat programs of struct sf_policy (expr_program.h);
 *   expr_eval.c, describe.c: read a struct sf_policy, never write it.
 */
#ifndef SF_ENGINE_INTERNAL_H
#define SF_ENGINE_INTERNAL_H

#include "engine.h"
#include "expr_program.h"
#include "constants.h"
#include "groups.h"
#include "limits.h"

/* A growable array for the parser; elements are zeroed when pushed. */
struct sf_vec {
	void *data;
	u32 count;
	u32 cap;
};

void *sf_vec_push(struct sf_vec *vec, size_t elem);
void sf_vec_free(struct sf_vec *vec);
#define SF_VEC_AT(vec, type, i) (&((type *)(vec)->data)[i])

/* ---- Tokens ---------------------------------------------------------- */

enum sf_tok_kind {
	SF_TOK_EOF,
	SF_TOK_NEWLINE,
	SF_TOK_IDENT,		/* [A-Za-z_][A-Za-z0-9_]*, inner '-' allowed */
	SF_TOK_NUMBER,		/* -?[0-9][A-Za-z0-9_]* */
	SF_TOK_EQ,		/* == */
	SF_TOK_NE,		/* != */
	SF_TOK_LT,
	SF_TOK_LE,
	SF_TOK_GT,
	SF_TOK_GE,
	SF_TOK_AMP,		/* & */
	SF_TOK_ANDAND,
	SF_TOK_PIPE,		/* | */
	SF_TOK_OROR,
	SF_TOK_NOT,
	SF_TOK_LPAREN,
	SF_TOK_RPAREN,
	SF_TOK_LBRACE,
	SF_TOK_RBRACE,
	SF_TOK_COMMA,
	SF_TOK_COLON,
	SF_TOK_QUESTION,
	SF_TOK_AT,
	SF_TOK_BAD,		/* a byte that starts no token */
};

struct sf_tok {
	enum sf_tok_kind kind;
	u32 pos;		/* byte offset in the policy text */
	u32 len;
};

struct sf_lexer {
	const char *text;
	u32 len;
	u32 pos;
};

void sf_lex(struct sf_lexer *lx, struct sf_tok *tok);
bool sf_tok_is(const struct sf_lexer *lx, const struct sf_tok *tok,
	       const char *word);
int sf_parse_number(const char *s, u32 len, bool *neg, u64 *mag);
void sf_tok_describe(const struct sf_lexer *lx, const struct sf_tok *tok,
		     char *buf, size_t size);

/* ---- Parsed policy (ABI-neutral) -------------------------------------- */

/* One literal, named constant or user constant inside a value. */
struct sf_atom {
	u32 pos;
	u32 len;
	const struct sf_constant *constant;	/* NULL for a literal */
	u32 define;		/* 1 + index in defines; 0: none */
	u64 mag;		/* a literal's magnitude */
	bool neg;		/* a literal's sign */
};

/*
 * A user constant, "define NAME VALUE": the bitwise or of its atoms, which
 * are literals and named constants only (a define naming an earlier one
 * holds copies of its atoms), so a value never expands more than one level.
 */
struct sf_define {
	u32 name_pos;
	u32 name_len;
	u32 first_atom;
	u32 natoms;
};

/* A value: one atom, or '(' atom | atom ... ')' meaning their bitwise or. */
struct sf_vexpr {
	u32 pos;
	u32 len;
	u32 first_atom;
	u32 natoms;
};

struct sf_pred {
	u32 field_pos;
	u32 field_len;
	u32 op_pos;
	enum sf_op op;
	bool masked;		/* (field & mask) OP value */
	u32 mask;		/* vexpr index, for SF_OP_BAND or masked */
	u32 first_value;	/* vexpr indexes of the operand(s) */
	u32 nvalues;
	bool warned;		/* a lint about it was given (once, not per ABI) */
};

/*
 * One predicate of a condition in program order. When the predicate's
 * result equals @when, the next node is @target, else the following one;
 * the index nnodes means "condition true", nnodes + 1 "condition false".
 * Targets always move forward.
 */
struct sf_node {
	u32 pred;
	u16 target;
	u8 when;
};

struct sf_ref {
	u32 pos;		/* the whole reference, for messages */
	u32 len;
	u32 name_pos;		/* the syscall or group name */
	u32 name_len;
	s8 abi;			/* qualifier, or -1 */
	s16 group;		/* index in sf_groups[], or -1 */
	bool optional;		/* trailing '?' */
	bool live;		/* decides some syscall on some ABI */
	bool shadowed;		/* some syscall it names is decided earlier */
	u32 shadow_line;	/* the line deciding it first, when shadowed */
};

struct sf_rule {
	u32 line;
	u32 pos;
	u32 verdict;
	u32 first_ref;
	u32 nrefs;
	u32 first_node;
	u32 nnodes;		/* 0: unconditional */
	u32 cond;		/* offset of the condition text in conds */
	bool reachable;		/* decides some syscall on some ABI */
	u32 shadow_line;	/* a line deciding one of its syscalls earlier */
};

struct sf_parser {
	struct sf_lexer lx;
	struct sf_tok tok;
	struct sf_diag *diag;

	/* Monotonic cursor turning token positions into line numbers. */
	u32 line_pos;
	u32 line_no;

	bool has_default;
	u32 default_verdict;
	u32 default_line;
	u32 default_pos;
	bool has_abi;
	u32 abi_line;
	u32 abi_pos[SF_ABI_COUNT];	/* where each allowed ABI is named */
	u32 abis;
	bool has_violation;
	u32 violation_verdict;
	u32 violation_pos;
	u32 violation_line;

	struct sf_vec rules;	/* struct sf_rule */
	struct sf_vec refs;	/* struct sf_ref */
	struct sf_vec preds;	/* struct sf_pred */
	struct sf_vec nodes;	/* struct sf_node */
	struct sf_vec vexprs;	/* struct sf_vexpr */
	struct sf_vec atoms;	/* struct sf_atom */
	struct sf_vec defines;	/* struct sf_define */
	u32 define_atoms;	/* atoms held by all defines */
	struct sf_vec conds;	/* char: NUL-terminated condition texts */
	enum sf_tok_kind cond_prev;	/* last token appended to conds */

	/* Scratch space of the condition parser (see expr_parse.c). */
	s32 link[SF_MAX_PREDICATES + 2];
	u8 when[SF_MAX_PREDICATES + 2];
	u8 invert[SF_MAX_PREDICATES + 2];
};

void sf_next(struct sf_parser *p);
int sf_parse_condition(struct sf_parser *p, struct sf_rule *rule);
int sf_parse_define(struct sf_parser *p);
const struct sf_define *sf_define_lookup(const struct sf_parser *p,
					 const char *s, u32 len);
void sf_diag_locate(struct sf_diag *diag, const char *text, u32 len,
		    u32 pos);
void sf_quote(char *buf, size_t size, const char *s, u32 len);

/*
 * Record the first error at byte @pos; the parser stops at the first one, so
 * nothing is ever overwritten. Evaluates to -EINVAL for "return sf_error()".
 * Messages longer than SF_DIAG_MSG_MAX are cut.
 */
char *sf_locate(struct sf_parser *p, u32 pos);
int sf_failed(int printed);
#define sf_error(p, pos, ...)						\
	sf_failed(snprintf(sf_locate((p), (pos)), SF_DIAG_MSG_MAX,	\
			   __VA_ARGS__))

/* A quoted, sanitized copy of a token for messages. */
#define SF_QUOTE_MAX 48

/* ---- Suggestions for unknown names (suggest.c) ------------------------ */

/* Names longer than this get no suggestion. */
#define SF_SUGGEST_MAX 48

struct sf_suggest {
	const char *s;		/* the unknown name */
	u32 len;
	const char *best;	/* the closest known name so far, or NULL */
	u32 best_len;
	u32 dist;
};

void sf_suggest_init(struct sf_suggest *sg, const char *s, u32 len);
void sf_suggest(struct sf_suggest *sg, const char *name);
void sf_suggest_len(struct sf_suggest *sg, const char *name, u32 nlen);
const char *sf_suggestion(const struct sf_suggest *sg, char *buf, size_t size);
void sf_suggest_abi(struct sf_suggest *sg, const char *s, u32 len,
		    char *known, size_t size);
#define SF_SUGGESTION_MAX (SF_QUOTE_MAX + 24)

/* ---- Compiled policy: expr_program.h -------------------------------------- */

int sf_compile(struct sf_parser *p, struct sf_policy *pol);
void sf_warn_at(struct sf_policy *pol, enum sf_warn_kind kind,
		const char *text, u32 len, u32 pos, const char *msg);

#endif /* SF_ENGINE_INTERNAL_H */
