// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence constants [--json] [ABI]: the named constants policy expressions
 * (and eval's arguments) may use, with the value each ABI gives them.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "constants.h"
#include "diag.h"
#include "sfjson.h"

static void constants_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence constants [--json] [--arch ARCH] [ABI]\n\n"
		"List the named constants an expression may use, one a line: the\n"
		"name, then its value on each ABI of the architecture (x86_64,\n"
		"i386, x32; aarch64, arm with --arch arm64; '-' where that ABI's\n"
		"headers lack it), under a header line naming them. With ABI,\n"
		"only the constants that ABI has, as NAME VALUE.\n\n"
		"  -j, --json  print one JSON document instead (docs/json.md)\n"
		"  --arch ARCH x86_64 (or amd64) or arm64 (or aarch64): the\n"
		"              architecture policies are for; default: the one\n"
		"              sysfence was built for\n"

		"  -h, --help  print this help\n");
}

static int print_json(int only)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *list = json_object_new_array();
	int failed = 0, abi;
	u32 i;

	for (i = 0; i < sf_constants_count && !failed; i++) {
		const struct sf_constant *c = &sf_constants[i];
		struct json_object *obj, *values;

		if ((only >= 0 && !(c->abis & SF_ABI_MASK(only))) ||
		    !(c->abis & sf_target_arch->abis))
			continue;
		obj = json_object_new_object();
		values = json_object_new_object();
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if ((only >= 0 && abi != only) ||
			    !(c->abis & SF_ABI_MASK(abi)) ||
			    !(sf_target_arch->abis & SF_ABI_MASK(abi)))
				continue;
			failed |= sf_json_set(values, sf_abi_name(abi),
					json_object_new_int64(c->value[abi]));
		}
		failed |= sf_json_set(obj, "name",
				      json_object_new_string(c->name));
		failed |= sf_json_set(obj, "values", values);
		failed |= sf_json_append(list, obj);
	}
	failed |= sf_json_set(doc, "constants", list);
	return sf_json_print(stdout, doc, failed);
}

int cmd_constants(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, abi, only = -1, json = 0;
	u32 i;

	while ((opt = getopt_long(argc, argv, "+jh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'h':
			constants_usage(stdout);
			return SF_EXIT_OK;
		default:
			constants_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		constants_usage(stderr);
		return SF_EXIT_USAGE;
	}
	if (optind < argc) {
		only = sf_cli_abi("constants", argv[optind]);
		if (only < 0)
			return SF_EXIT_USAGE;
	}
	if (json)
		return print_json(only);
	if (only < 0) {
		/* The columns vary with --arch: say which ABI each is. */
		printf("NAME");
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (sf_target_arch->abis & SF_ABI_MASK(abi))
				printf(" %s", sf_abi_name(abi));
		}
		putchar('\n');
	}
	for (i = 0; i < sf_constants_count; i++) {
		const struct sf_constant *c = &sf_constants[i];

		if (only >= 0) {
			if (c->abis & SF_ABI_MASK(only))
				printf("%s %" PRId64 "\n", c->name,
				       (int64_t)c->value[only]);
			continue;
		}
		if (!(c->abis & sf_target_arch->abis))
			continue;
		printf("%s", c->name);
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (!(sf_target_arch->abis & SF_ABI_MASK(abi)))
				continue;
			if (c->abis & SF_ABI_MASK(abi))
				printf(" %" PRId64, (int64_t)c->value[abi]);
			else
				printf(" -");
		}
		putchar('\n');
	}
	if (fflush(stdout) || ferror(stdout)) {
		perror("sysfence: constants: stdout");
		return SF_EXIT_INVALID;
	}
	return SF_EXIT_OK;
}
