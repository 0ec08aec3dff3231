// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence: confine processes with per-syscall policies. This file only
 * dispatches to the subcommands (cmd_*.c); see sysfence(8).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "commands.h"
#include "syscalls.h"
#include "version.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	/*
	 * Takes --arch (works on policies, not the kernel); import-oci has an
	 * --arch of its own, seccomp's, and policies for the running kernel.
	 */
	bool offline;
};

static const struct command commands[] = {
	{ "check", cmd_check, "validate a policy and summarize it per ABI", true },
	{ "constants", cmd_constants, "list the named constants expressions can use",
	  true },
	{ "eval", cmd_eval, "decide one syscall against a policy, offline", true },
	{ "groups", cmd_groups, "list the syscall groups rules can name", true },
	{ "syscalls", cmd_syscalls, "list the syscalls, arguments and types per ABI",
	  true },
	{ "run", cmd_run, "run a command confined by policies", false },
	{ "show", cmd_show, "print the effective policy of a process", false },
	{ "import-oci", cmd_import_oci,
	  "translate an OCI seccomp profile (JSON) into a policy", false },
	{ "monitor", cmd_monitor, "run a command and print the policies' decisions",
	  false },
	{ "learn", cmd_learn, "run a command and write a policy for what it does",
	  false },
};

/*
 * The architecture policies are for: the running kernel's (uname -m names
 * arm64 aarch64), unless an offline command says --arch ARCH.
 */
static int set_target_arch(const struct command *cmd, int *argc, char **argv)
{
	const char *name = NULL;
	struct utsname u;
	int i, j;

	for (i = 1; cmd->offline && i < *argc && strcmp(argv[i], "--"); i++) {
		int skip;

		if (!strcmp(argv[i], "--arch") && i + 1 < *argc) {
			name = argv[i + 1];
			skip = 2;
		} else if (!strncmp(argv[i], "--arch=", 7)) {
			name = argv[i] + 7;
			skip = 1;
		} else {
			continue;
		}
		for (j = i; j + skip <= *argc; j++)
			argv[j] = argv[j + skip];
		*argc -= skip;
		i--;
	}
	if (!name && !uname(&u))
		name = strcmp(u.machine, "aarch64") ? u.machine : "arm64";
	if (name) {
		sf_target_arch = sf_arch_lookup(name);
		if (!sf_target_arch) {
			fprintf(stderr,
				"sysfence: unknown architecture '%s' (x86_64 or arm64)\n",
				name);
			return -1;
		}
	}
	return 0;
}

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: sysfence COMMAND [ARGS...]\n"
		"       sysfence --help | --version\n\n"
		"check, constants, eval, groups and syscalls take\n"
		"--arch x86_64|arm64 (default: the running kernel's).\n\n"
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
		if (!strcmp(argv[1], commands[i].name)) {
			int sub_argc = argc - 1;

			if (set_target_arch(&commands[i], &sub_argc, argv + 1))
				return SF_EXIT_USAGE;
			return commands[i].run(sub_argc, argv + 1);
		}
	}
	fprintf(stderr, "sysfence: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return SF_EXIT_USAGE;
}
