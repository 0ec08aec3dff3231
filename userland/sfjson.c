// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the --json output of the subcommands (see sfjson.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "sfjson.h"

int sf_json_set(struct json_object *obj, const char *key,
		struct json_object *val)
{
	if (!obj || !val || json_object_object_add(obj, key, val)) {
		json_object_put(val);
		return -1;
	}
	return 0;
}

int sf_json_append(struct json_object *arr, struct json_object *val)
{
	if (!arr || !val || json_object_array_add(arr, val)) {
		json_object_put(val);
		return -1;
	}
	return 0;
}

int sf_json_print(FILE *out, struct json_object *doc, int failed)
{
	const int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			  JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text = NULL;

	if (doc && !failed)
		text = json_object_to_json_string_ext(doc, flags);
	if (!text) {
		json_object_put(doc);
		fprintf(stderr, "sysfence: out of memory\n");
		return SF_EXIT_INVALID;
	}
	fputs(text, out);
	fputc('\n', out);
	json_object_put(doc);
	if (fflush(out) || ferror(out)) {
		fprintf(stderr, "sysfence: write error: %s\n", strerror(errno));
		return SF_EXIT_INVALID;
	}
	return SF_EXIT_OK;
}
