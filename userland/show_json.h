/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysfence show --json: the module's text into JSON (docs/json.md).
 */
#ifndef SYSFENCE_SHOW_JSON_H
#define SYSFENCE_SHOW_JSON_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Print on @out the JSON document of the effective policy of thread @pid,
 * whose text as SYSFENCE_IOC_SHOW returned it is @text (@len bytes, not
 * NUL-terminated). Returns the exit status: 0, or 1 after printing why on
 * stderr (a line in no known form, no memory, a write error).
 */
int sf_show_json(FILE *out, pid_t pid, const char *text, size_t len);

#endif /* SYSFENCE_SHOW_JSON_H */
