/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading policy files and reporting positioned errors and warnings the way
 * compilers do: "file:line:col: error: message", the source line, a caret.
 */
#ifndef SYSFENCE_DIAG_H
#define SYSFENCE_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"

/* The name to show for a path given on the command line ("-" is stdin). */
const char *sf_display_name(const char *path);

/*
 * Read a whole policy file, or stdin for "-", into a malloc()ed buffer. At
 * most SF_MAX_POLICY_SIZE + 1 bytes are read, so that an oversized policy
 * reaches the engine and gets its error. Prints why on failure and returns
 * -1.
 */
int sf_read_policy(const char *path, char **text, size_t *len);

/* Print a diagnostic with its source line and a caret under its column. */
void sf_print_diag(FILE *out, const char *file, const char *text, size_t len,
		   const struct sf_diag *diag, const char *severity);

/*
 * Read and compile the policy at @path, printing any error. Returns 0, or
 * SF_EXIT_INVALID / SF_EXIT_USAGE as the command should exit. On success
 * *text (the source, for warnings) must be freed by the caller.
 */
int sf_load_policy(const char *path, struct sf_policy **policy, char **text,
		   size_t *len);

/*
 * The ABI a command-line argument names, which must be one of the target
 * architecture's (--arch); else print why, as "sysfence @cmd: ...", with a
 * suggestion or the --arch that has it, and return -1.
 */
int sf_cli_abi(const char *cmd, const char *name);

/*
 * The closest syscall name of @abi to the unknown @name, as
 * " (did you mean 'NAME'?)" in @buf, or "".
 */
const char *sf_cli_syscall_hint(int abi, const char *name, char *buf,
				size_t size);

#endif /* SYSFENCE_DIAG_H */
