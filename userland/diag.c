// SPDX-License-Identifier: GPL-2.0
/*
 * Policy files in, positioned diagnostics out.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "engine_internal.h"
#include "limits.h"
#include "syscalls.h"

const char *sf_display_name(const char *path)
{
	return strcmp(path, "-") ? path : "<stdin>";
}

int sf_read_policy(const char *path, char **text, size_t *len)
{
	size_t cap = SF_MAX_POLICY_SIZE + 1, n = 0;
	FILE *f = stdin;
	char *buf;

	if (strcmp(path, "-")) {
		f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "sysfence: %s: %s\n", path,
				strerror(errno));
			return -1;
		}
	}
	buf = malloc(cap);
	if (!buf) {
		fprintf(stderr, "sysfence: out of memory\n");
		goto err_close;
	}
	while (n < cap) {
		size_t got = fread(buf + n, 1, cap - n, f);

		if (!got)
			break;
		n += got;
	}
	if (ferror(f)) {
		fprintf(stderr, "sysfence: %s: read error\n",
			sf_display_name(path));
		free(buf);
		goto err_close;
	}
	if (f != stdin)
		fclose(f);
	*text = buf;
	*len = n;
	return 0;

err_close:
	if (f != stdin)
		fclose(f);
	return -1;
}

void sf_print_diag(FILE *out, const char *file, const char *text, size_t len,
		   const struct sf_diag *diag, const char *severity)
{
	size_t start = 0, end, i;
	unsigned int line = 1;

	fprintf(out, "%s:%u:%u: %s: %s\n", file, diag->line, diag->col,
		severity, diag->msg);
	while (line < diag->line && start < len) {
		if (text[start++] == '\n')
			line++;
	}
	if (line != diag->line)
		return;
	for (end = start; end < len && text[end] != '\n'; end++)
		;
	/* One output byte per source byte, so the caret lines up. */
	for (i = start; i < end; i++) {
		unsigned char c = text[i];

		fputc(c == '\t' || (c >= 0x20 && c < 0x7f) ? c : '?', out);
	}
	fputc('\n', out);
	for (i = start; i + 1 < start + diag->col && i < end; i++)
		fputc(text[i] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

/*
 * The engine names the architecture an ABI of another one belongs to (the
 * kernel has no choice of it); the offline commands, which take --arch,
 * tell which to use when the error is at such an ABI's name.
 */
static void arch_note(const char *text, size_t len, const struct sf_diag *diag)
{
	size_t pos = 0, end;
	unsigned int line = 1;
	int abi;

	while (line < diag->line && pos < len) {
		if (text[pos++] == '\n')
			line++;
	}
	if (line != diag->line || !diag->col)
		return;
	pos += diag->col - 1;
	for (end = pos; end < len && (isalnum((unsigned char)text[end]) ||
				      text[end] == '_'); end++)
		;
	abi = end > pos ? sf_abi_lookup(text + pos, end - pos) : -1;
	if (sf_arch_option && abi >= 0 &&
	    !(sf_target_arch->abis & SF_ABI_MASK(abi)))
		fprintf(stderr, "sysfence: note: use --arch %s for %s's ABIs\n",
			sf_abi_arch(abi)->name, sf_abi_arch(abi)->name);
}

int sf_load_policy(const char *path, struct sf_policy **policy, char **text,
		   size_t *len)
{
	struct sf_diag diag;
	int err;

	if (sf_read_policy(path, text, len))
		return SF_EXIT_USAGE;
	err = sf_policy_compile(*text, *len, policy, &diag);
	if (!err)
		return SF_EXIT_OK;
	if (err == -ENOMEM) {
		fprintf(stderr, "sysfence: out of memory\n");
	} else {
		sf_print_diag(stderr, sf_display_name(path), *text, *len,
			      &diag, "error");
		arch_note(*text, *len, &diag);
	}
	free(*text);
	*text = NULL;
	return SF_EXIT_INVALID;
}

int sf_cli_abi(const char *cmd, const char *name)
{
	char known[64], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	int abi;

	abi = sf_abi_lookup(name, strlen(name));
	if (abi >= 0 && (sf_target_arch->abis & SF_ABI_MASK(abi)))
		return abi;
	if (abi >= 0) {
		/* Decided by the abi-violation action otherwise: silently. */
		fprintf(stderr,
			"sysfence %s: ABI '%s' belongs to %s: use --arch %s\n",
			cmd, name, sf_abi_arch(abi)->name,
			sf_abi_arch(abi)->name);
		return -1;
	}
	sf_suggest_abi(&sg, name, strlen(name), known, sizeof(known));
	fprintf(stderr,
		"sysfence %s: unknown ABI '%s'%s; the %s architecture has ABIs %s\n",
		cmd, name, sf_suggestion(&sg, hint, sizeof(hint)),
		sf_target_arch->name, known);
	return -1;
}

const char *sf_cli_syscall_hint(int abi, const char *name, char *buf,
				size_t size)
{
	const struct sf_syscall_table *t = sf_syscall_tables[abi];
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, name, strlen(name));
	for (i = 0; i < t->count; i++) {
		if (strcmp(t->calls[i].entry, "sys_ni_syscall"))
			sf_suggest(&sg, t->calls[i].name);
	}
	return sf_suggestion(&sg, buf, size);
}
