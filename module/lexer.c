// SPDX-License-Identifier: GPL-2.0
/*
 * Tokens of the policy language, numbers, and the small helpers every
 * stage of the parser shares: growable arrays, error positions, quoting.
 *
 * Byte-oriented on purpose: the language is ASCII, any other byte is a
 * positioned error, and columns count bytes.
 */
#include "engine_internal.h"

void *sf_vec_push(struct sf_vec *vec, size_t elem)
{
	void *slot;

	if (vec->count == vec->cap) {
		u32 cap = vec->cap ? vec->cap : 8;
		size_t bytes;
		void *data;

		if (check_mul_overflow(cap, 2U, &cap) ||
		    check_mul_overflow((size_t)cap, elem, &bytes))
			return NULL;
		data = sf_zalloc(bytes);
		if (!data)
			return NULL;
		if (vec->count)
			memcpy(data, vec->data, (size_t)vec->count * elem);
		sf_free(vec->data);
		vec->data = data;
		vec->cap = cap;
	}
	slot = (char *)vec->data + (size_t)vec->count * elem;
	memset(slot, 0, elem);
	vec->count++;
	return slot;
}

void sf_vec_free(struct sf_vec *vec)
{
	sf_free(vec->data);
	vec->data = NULL;
	vec->count = 0;
	vec->cap = 0;
}

/* Line and column (1-based, bytes) of @pos; cold path, so it rescans. */
void sf_diag_locate(struct sf_diag *diag, const char *text, u32 len, u32 pos)
{
	u32 line = 1, start = 0, i;

	if (pos > len)
		pos = len;
	for (i = 0; i < pos; i++) {
		if (text[i] == '\n') {
			line++;
			start = i + 1;
		}
	}
	diag->line = line;
	diag->col = pos - start + 1;
}

/* Position the parser's error at @pos; returns where its message goes. */
char *sf_locate(struct sf_parser *p, u32 pos)
{
	sf_diag_locate(p->diag, p->lx.text, p->lx.len, pos);
	return p->diag->msg;
}

/* The count snprintf() returns is not needed: a cut message still names the error. */
int sf_failed(int printed)
{
	(void)printed;
	return -EINVAL;
}

static bool sf_is_print(char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Copy s[0..len) for a message, shortened and with unprintable bytes escaped. */
void sf_quote(char *buf, size_t size, const char *s, u32 len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	u32 i;

	if (!size)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		bool plain = sf_is_print(c) && c != '\\';
		size_t need = plain ? 1 : 4;

		/* Keep room for "..." and the NUL when shortening. */
		if (o + need + 4 > size) {
			if (o + 4 <= size) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (plain) {
			buf[o++] = c;
		} else {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	buf[o] = '\0';
}

static bool sf_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool sf_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool sf_is_alnum(char c)
{
	return sf_is_alpha(c) || sf_is_digit(c);
}

static bool sf_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Skip blanks, comments and line continuations (a backslash right before
 * the end of a line). A comment runs to the end of its line and never
 * continues it.
 */
static u32 sf_skip_blank(const struct sf_lexer *lx, u32 i)
{
	const char *s = lx->text;

	while (i < lx->len) {
		if (sf_is_space(s[i])) {
			i++;
		} else if (s[i] == '\\' && i + 1 < lx->len && s[i + 1] == '\n') {
			i += 2;
		} else if (s[i] == '\\' && i + 2 < lx->len && s[i + 1] == '\r' &&
			   s[i + 2] == '\n') {
			i += 3;
		} else if (s[i] == '#') {
			while (i < lx->len && s[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	return i;
}

struct sf_punct {
	char text[3];
	u8 kind;
};

/* Two-byte operators first, so "<=" is never read as "<". */
static const struct sf_punct sf_puncts[] = {
	{ "==", SF_TOK_EQ },
	{ "!=", SF_TOK_NE },
	{ "<=", SF_TOK_LE },
	{ ">=", SF_TOK_GE },
	{ "&&", SF_TOK_ANDAND },
	{ "||", SF_TOK_OROR },
	{ "<", SF_TOK_LT },
	{ ">", SF_TOK_GT },
	{ "&", SF_TOK_AMP },
	{ "|", SF_TOK_PIPE },
	{ "!", SF_TOK_NOT },
	{ "(", SF_TOK_LPAREN },
	{ ")", SF_TOK_RPAREN },
	{ "{", SF_TOK_LBRACE },
	{ "}", SF_TOK_RBRACE },
	{ ",", SF_TOK_COMMA },
	{ ":", SF_TOK_COLON },
	{ "?", SF_TOK_QUESTION },
	{ "@", SF_TOK_AT },
};

void sf_lex(struct sf_lexer *lx, struct sf_tok *tok)
{
	const char *s = lx->text;
	u32 i = sf_skip_blank(lx, lx->pos);
	u32 start = i;
	u32 k;

	tok->pos = i;
	tok->len = 0;
	if (i >= lx->len) {
		tok->kind = SF_TOK_EOF;
		lx->pos = lx->len;
		return;
	}
	if (s[i] == '\n') {
		tok->kind = SF_TOK_NEWLINE;
		i++;
	} else if (sf_is_alpha(s[i])) {
		/* Inner dashes make "kill-thread" and "abi-violation" words. */
		while (i < lx->len &&
		       (sf_is_alnum(s[i]) ||
			(s[i] == '-' && i + 1 < lx->len &&
			 sf_is_alpha(s[i + 1]))))
			i++;
		tok->kind = SF_TOK_IDENT;
	} else if (sf_is_digit(s[i]) ||
		   (s[i] == '-' && i + 1 < lx->len && sf_is_digit(s[i + 1]))) {
		i++;
		while (i < lx->len && sf_is_alnum(s[i]))
			i++;
		tok->kind = SF_TOK_NUMBER;
	} else {
		tok->kind = SF_TOK_BAD;
		i++;
		for (k = 0; k < ARRAY_SIZE(sf_puncts); k++) {
			u32 n = sf_puncts[k].text[1] ? 2 : 1;

			if (i - 1 + n <= lx->len &&
			    !memcmp(s + start, sf_puncts[k].text, n)) {
				tok->kind = sf_puncts[k].kind;
				i = start + n;
				break;
			}
		}
	}
	tok->len = i - start;
	lx->pos = i;
}

bool sf_tok_is(const struct sf_lexer *lx, const struct sf_tok *tok,
	       const char *word)
{
	return tok->kind == SF_TOK_IDENT && strlen(word) == tok->len &&
	       !memcmp(lx->text + tok->pos, word, tok->len);
}

static int sf_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse an integer literal: decimal, 0x hexadecimal or 0 octal, with an
 * optional leading '-'. Returns 0, -ERANGE when the magnitude exceeds 64
 * bits, -EINVAL for a malformed literal.
 */
int sf_parse_number(const char *s, u32 len, bool *neg, u64 *mag)
{
	u32 base = 10, i = 0;
	u64 v = 0;

	*neg = false;
	if (i < len && s[i] == '-') {
		*neg = true;
		i++;
	}
	if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (i + 1 < len && s[i] == '0') {
		base = 8;
		i++;
	}
	if (i >= len)
		return -EINVAL;
	for (; i < len; i++) {
		int d = sf_digit_value(s[i]);

		if (d >= (int)base)
			return -EINVAL;
		if (check_mul_overflow(v, (u64)base, &v) ||
		    check_add_overflow(v, (u64)d, &v))
			return -ERANGE;
	}
	*mag = v;
	return 0;
}

/* "'token'" for messages, or "end of line" / "end of policy". */
void sf_tok_describe(const struct sf_lexer *lx, const struct sf_tok *tok,
		     char *buf, size_t size)
{
	char q[SF_QUOTE_MAX];

	if (tok->kind == SF_TOK_EOF) {
		snprintf(buf, size, "end of policy");
	} else if (tok->kind == SF_TOK_NEWLINE) {
		snprintf(buf, size, "end of line");
	} else {
		sf_quote(q, sizeof(q), lx->text + tok->pos, tok->len);
		snprintf(buf, size, "'%s'", q);
	}
}
