// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence syscalls: print the syscall tables compiled into sysfence.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "sfjson.h"
#include "syscalls.h"

static void syscalls_usage(FILE *f)
{
	fprintf(f,
		"usage: sysfence syscalls [-w] [--json] [--arch ARCH] [ABI]\n"
		"Print every syscall sysfence knows for ABI (x86_64, i386, x32,\n"
		"aarch64, arm; default: those of the architecture, see --arch),\n"
		"one a line: ABI NR NAME(TYPE ARG, ...) ENTRY\n"
		"\n"
		"  -w, --widths  follow each argument with the width and\n"
		"                signedness its rules compare on that ABI, e.g.\n"
		"                [u32], and what narrows it when the kernel reads\n"
		"                fewer bits than the declared type holds\n"
		"  -j, --json    print one JSON document instead (docs/json.md)\n"
		"  --arch ARCH   x86_64 (or amd64) or arm64 (or aarch64): the\n"
		"                architecture policies are for; default: the one\n"
		"                sysfence was built for\n"

		"  -h, --help    show this help\n");
}

static void print_syscall(enum sf_abi abi, const struct sf_syscall *call,
			  int widths)
{
	unsigned int i;

	printf("%s %u %s(", sf_abi_name(abi), sf_syscall_nr(abi, call->nr),
	       call->name);
	for (i = 0; i < call->nargs; i++) {
		printf("%s%s %s", i ? ", " : "", call->ctypes[i], call->args[i]);
		if (!widths)
			continue;
		printf(" [%c%u", SF_TYPE_IS_SIGNED(call->types[i]) ? 's' : 'u',
		       SF_TYPE_BITS(call->types[i]));
		if (sf_narrowed_by(call, i))
			printf(", narrowed by %s", sf_narrowed_by(call, i));
		putchar(']');
	}
	printf(") %s\n", call->entry);
}

/* The JSON object of one syscall: see docs/json.md. */
static struct json_object *json_syscall(enum sf_abi abi,
					const struct sf_syscall *call)
{
	struct json_object *obj = json_object_new_object();
	struct json_object *args = json_object_new_array();
	int failed = 0;
	unsigned int i;

	for (i = 0; i < call->nargs; i++) {
		struct json_object *arg = json_object_new_object();

		failed |= sf_json_set(arg, "name",
				      json_object_new_string(call->args[i]));
		failed |= sf_json_set(arg, "type",
				      json_object_new_string(call->ctypes[i]));
		failed |= sf_json_set(arg, "bits",
			json_object_new_int(SF_TYPE_BITS(call->types[i])));
		failed |= sf_json_set(arg, "signed",
			json_object_new_boolean(SF_TYPE_IS_SIGNED(call->types[i])));
		if (sf_narrowed_by(call, i))
			failed |= sf_json_set(arg, "narrowed_by",
				json_object_new_string(sf_narrowed_by(call, i)));
		failed |= sf_json_append(args, arg);
	}
	failed |= sf_json_set(obj, "abi",
			      json_object_new_string(sf_abi_name(abi)));
	failed |= sf_json_set(obj, "nr",
			      json_object_new_int64(sf_syscall_nr(abi, call->nr)));
	failed |= sf_json_set(obj, "name", json_object_new_string(call->name));
	failed |= sf_json_set(obj, "args", args);
	failed |= sf_json_set(obj, "entry", json_object_new_string(call->entry));
	if (failed) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

static int print_json(int first, int last)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *list = json_object_new_array();
	int failed = 0, abi;
	u32 i;

	for (abi = first; abi <= last && !failed; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		if (first != last && !(sf_target_arch->abis & SF_ABI_MASK(abi)))
			continue;
		for (i = 0; i < t->count && !failed; i++)
			failed |= sf_json_append(list,
					json_syscall(abi, &t->calls[i]));
	}
	failed |= sf_json_set(doc, "syscalls", list);
	return sf_json_print(stdout, doc, failed);
}

/**
 * cmd_syscalls() - the "sysfence syscalls [-w] [ABI]" command
 * @argc: argument count, argv[0] being "syscalls"
 * @argv: arguments
 *
 * Prints the compiled-in table of each ABI (or of the one named), sorted by
 * number, one syscall a line:
 *
 *	ABI NR NAME(TYPE ARG, TYPE ARG, ...) ENTRY
 *
 * e.g. "x86_64 4 stat(const char * filename, struct stat * statbuf)
 * sys_newstat". NR excludes the x32 syscall bit. TYPE is the C type as the
 * kernel declares it, spelled the way tracefs's
 * events/syscalls/sys_enter_NAME/format spells it; ARG is the argument name
 * policies use. ENTRY is the kernel function the ABI's syscall table calls;
 * for a native entry sys_X the tracefs event is sys_enter_X, and
 * "sys_ni_syscall" marks a number without an implementation. With -w each
 * argument is followed by " [u32]", " [s64]" etc.: the width and signedness
 * its comparisons use on that ABI; when the kernel converts the argument to
 * a narrower type than it declares, " [u32, narrowed by lower_32_bits() in
 * sys_clone]". With --json the same facts (widths always included) are one
 * JSON document, described in docs/json.md.
 *
 * Return: 0; 2 for a usage error; 1 when stdout cannot be written.
 */
int cmd_syscalls(int argc, char **argv)
{
	static const struct option options[] = {
		{ "widths", no_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int first = 0, last = SF_ABI_COUNT - 1;
	int widths = 0, json = 0;
	int opt, abi;
	u32 i;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "wjh", options, NULL)) != -1) {
		switch (opt) {
		case 'w':
			widths = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			syscalls_usage(stdout);
			return 0;
		default:
			syscalls_usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		syscalls_usage(stderr);
		return 2;
	}
	if (optind < argc) {
		abi = sf_cli_abi("syscalls", argv[optind]);
		if (abi < 0)
			return 2;
		first = abi;
		last = abi;
	}
	if (json)
		return print_json(first, last);
	for (abi = first; abi <= last; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		if (first != last && !(sf_target_arch->abis & SF_ABI_MASK(abi)))
			continue;
		for (i = 0; i < t->count; i++)
			print_syscall(abi, &t->calls[i], widths);
	}
	if (fflush(stdout) || ferror(stdout)) {
		perror("sysfence: syscalls: stdout");
		return 1;
	}
	return 0;
}
