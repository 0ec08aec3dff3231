// SPDX-License-Identifier: GPL-2.0
/*
 * Policy files in, positioned diagnostics out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "limits.h"

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
	if (err == -ENOMEM)
		fprintf(stderr, "sysfence: out of memory\n");
	else
		sf_print_diag(stderr, sf_display_name(path), *text, *len,
			      &diag, "error");
	free(*text);
	*text = NULL;
	return SF_EXIT_INVALID;
}
