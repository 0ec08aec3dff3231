/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --json output of the subcommands, built with json-c. The documents and
 * every field are described in docs/json.md; a field is never renamed or
 * given another type, new ones may be added.
 */
#ifndef SYSFENCE_SFJSON_H
#define SYSFENCE_SFJSON_H

#include <stdio.h>

#include <json-c/json.h>

/*
 * Add @val to object @obj under @key, taking ownership of @val. A NULL @val
 * (json-c's answer to an allocation failure) or a failed add returns -1,
 * with @val freed, so that a caller can chain adds and check once.
 */
int sf_json_set(struct json_object *obj, const char *key,
		struct json_object *val);

/* The same for appending @val to array @arr. */
int sf_json_append(struct json_object *arr, struct json_object *val);

/*
 * Print @doc on @out, pretty, one document and a newline, and release it.
 * A NULL @doc or @failed being non-zero means building it ran out of
 * memory. Returns the exit status: 0, or 1 after printing why.
 */
int sf_json_print(FILE *out, struct json_object *doc, int failed);

#endif /* SYSFENCE_SFJSON_H */
