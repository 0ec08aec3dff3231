// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of `sysfence show --json` (userland/show_json.c): the module's
 * text of an effective policy, in every line form module/show.c prints,
 * becomes the document of docs/json.md; a line in no known form fails the
 * command instead of vanishing from the document.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "show_json.h"

/* Runs sf_show_json() on @text; returns the parsed document, or NULL. */
static struct json_object *convert(const char *text, int *status)
{
	struct json_object *doc;
	size_t size;
	char *buf;
	FILE *out = open_memstream(&buf, &size);

	assert_non_null(out);
	*status = sf_show_json(out, 4242, text, strlen(text));
	fclose(out);
	doc = size ? json_tokener_parse(buf) : NULL;
	free(buf);
	return doc;
}

static struct json_object *member(struct json_object *obj, const char *key)
{
	struct json_object *val;

	assert_true(json_object_object_get_ex(obj, key, &val));
	return val;
}

static const char *string(struct json_object *obj, const char *key)
{
	struct json_object *val = member(obj, key);

	assert_true(json_object_is_type(val, json_type_string));
	return json_object_get_string(val);
}

static int64_t integer(struct json_object *obj, const char *key)
{
	struct json_object *val = member(obj, key);

	assert_true(json_object_is_type(val, json_type_int));
	return json_object_get_int64(val);
}

static void unconfined_has_no_default_and_no_abis(void **state)
{
	struct json_object *doc;
	int status;

	(void)state;
	doc = convert("layers 0\n", &status);
	assert_int_equal(status, 0);
	assert_non_null(doc);
	assert_int_equal(integer(doc, "pid"), 4242);
	assert_int_equal(integer(doc, "layers"), 0);
	assert_true(json_object_is_type(member(doc, "default"), json_type_null));
	assert_int_equal(json_object_array_length(member(doc, "abis")), 0);
	json_object_put(doc);
}

static const char two_layers[] =
	"layers 2\n"
	"default log\n"
	"abi x86_64 allowed\n"
	"x86_64 1 (write): most severe of [layer 1] allow if fd == 1 || fd == 2; else errno EBADF [layer 2] log\n"
	"x86_64 110 (getppid): kill\n"
	"abi i386 allowed by 1 of 2 layers: default kill\n"
	"i386 20 (getpid): errno EPERM\n"
	"abi x32 not allowed: kill";	/* the last line without its newline */

static void every_line_form_becomes_members(void **state)
{
	struct json_object *doc, *abis, *abi, *calls, *call;
	int status;

	(void)state;
	doc = convert(two_layers, &status);
	assert_int_equal(status, 0);
	assert_non_null(doc);
	assert_int_equal(integer(doc, "layers"), 2);
	assert_string_equal(string(doc, "default"), "log");
	abis = member(doc, "abis");
	assert_int_equal(json_object_array_length(abis), 3);

	abi = json_object_array_get_idx(abis, 0);
	assert_string_equal(string(abi, "abi"), "x86_64");
	assert_int_equal(integer(abi, "allowing_layers"), 2);
	assert_string_equal(string(abi, "default"), "log");
	calls = member(abi, "syscalls");
	assert_int_equal(json_object_array_length(calls), 2);
	call = json_object_array_get_idx(calls, 0);
	assert_int_equal(integer(call, "nr"), 1);
	assert_string_equal(string(call, "name"), "write");
	assert_string_equal(string(call, "outcome"),
			    "most severe of [layer 1] allow if fd == 1 || fd == 2; else errno EBADF [layer 2] log");
	call = json_object_array_get_idx(calls, 1);
	assert_int_equal(integer(call, "nr"), 110);
	assert_string_equal(string(call, "outcome"), "kill");

	abi = json_object_array_get_idx(abis, 1);
	assert_string_equal(string(abi, "abi"), "i386");
	assert_int_equal(integer(abi, "allowing_layers"), 1);
	assert_string_equal(string(abi, "default"), "kill");
	calls = member(abi, "syscalls");
	assert_int_equal(json_object_array_length(calls), 1);
	assert_string_equal(string(json_object_array_get_idx(calls, 0), "name"),
			    "getpid");

	abi = json_object_array_get_idx(abis, 2);
	assert_string_equal(string(abi, "abi"), "x32");
	assert_int_equal(integer(abi, "allowing_layers"), 0);
	assert_string_equal(string(abi, "default"), "kill");
	assert_int_equal(json_object_array_length(member(abi, "syscalls")), 0);
	json_object_put(doc);
}

static void complain_verdicts_are_kept_whole(void **state)
{
	struct json_object *doc, *abi, *call;
	int status;

	(void)state;
	doc = convert("layers 1\n"
		      "default log (complain: errno EPERM)\n"
		      "abi x86_64 allowed\n"
		      "x86_64 101 (ptrace): complain: allow if request == 0; else kill\n",
		      &status);
	assert_int_equal(status, 0);
	assert_non_null(doc);
	assert_string_equal(string(doc, "default"),
			    "log (complain: errno EPERM)");
	abi = json_object_array_get_idx(member(doc, "abis"), 0);
	assert_string_equal(string(abi, "default"),
			    "log (complain: errno EPERM)");
	call = json_object_array_get_idx(member(abi, "syscalls"), 0);
	assert_string_equal(string(call, "outcome"),
			    "complain: allow if request == 0; else kill");
	json_object_put(doc);
}

/* Each is a text with one line the parser must refuse. */
static const char *const unknown_lines[] = {
	"layers 1\ndefault allow\nabi x86_64 allowed\nsomething new\n",
	"layers 1\ndefault allow\nx86_64 1 (write): kill\n",
	"layers 1\ndefault allow\nabi mips allowed\n",
	"layers 1\ndefault allow\nabi x86_64 maybe\n",
	"layers 1\ndefault allow\nabi x86_64 allowed\ni386 4 (write): kill\n",
	"layers 1\ndefault allow\nabi x86_64 allowed\nx86_64 one (write): kill\n",
	"layers 1\ndefault allow\nabi x86_64 allowed\nx86_64 1 (write) kill\n",
	"layers two\n",
};

static void unknown_line_fails_without_output(void **state)
{
	struct json_object *doc;
	unsigned int i;
	int status;

	(void)state;
	for (i = 0; i < sizeof(unknown_lines) / sizeof(unknown_lines[0]); i++) {
		doc = convert(unknown_lines[i], &status);
		assert_int_equal(status, 1);
		assert_null(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unconfined_has_no_default_and_no_abis),
		cmocka_unit_test(every_line_form_becomes_members),
		cmocka_unit_test(complain_verdicts_are_kept_whole),
		cmocka_unit_test(unknown_line_fails_without_output),
	};

	return cmocka_run_group_tests_name("show_json", tests, NULL, NULL);
}
