// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence: confine processes with per-syscall policies. This file only
 * dispatches to the subcommands (cmd_*.c); see sysfence(8).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "version.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "check", cmd_check, "validate a policy and summarize it per ABI" },
	{ "constants", cmd_constants, "list the named constants expressions can use" },
	{ "eval", cmd_eval, "decide one syscall against a policy, offline" },
	{ "groups", cmd_groups, "list the syscall groups rules can name" },
	{ "syscalls", cmd_syscalls, "list the syscalls, arguments and types per ABI" },
	{ "run", cmd_run, "run a command confined by policies" },
	{ "show", cmd_show, "print the effective policy of a process" },
	{ "import-oci", cmd_import_oci,
	  "translate an OCI seccomp profile (JSON) into a policy" },
	{ "monitor", cmd_monitor, "run a command and print the policies' decisions" },
	{ "learn", cmd_learn, "run a command and write a policy for what it does" },
};

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: sysfence COMMAND [ARGS...]\n"
		"       sysfence --help | --version\n\n"
		"Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"\n'sysfence COMMAND --help' describes a command.\n"
		"The policy language is in sysfence.policy(5).\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		print_usage(stderr);
		return SF_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_usage(stdout);
		return SF_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return sf_print_version();
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "sysfence: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return SF_EXIT_USAGE;
}
