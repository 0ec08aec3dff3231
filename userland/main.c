// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence: confine processes with per-syscall policies. This file only
 * dispatches to the subcommands (cmd_*.c); see sysfence(8).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
	 * --arch of its own, OCI's, and writes policies for the architecture
	 * of that native ABI.
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
 * The architecture the CLI was built for: the default target of the offline
 * commands. It is the running kernel's too, for the commands that need that
 * (learn names its ABIs), as nothing else runs the CLI: an x86_64 or arm64
 * program needs a kernel of its architecture. uname -m is not asked, as it
 * answers with the personality's machine (i686 under "setarch i686", armv8l
 * under PER_LINUX32), and a policy may trap or kill uname.
 */
#if defined(__x86_64__)
#define SF_CLI_ARCH sf_arch_x86_64
#elif defined(__aarch64__)
#define SF_CLI_ARCH sf_arch_arm64
#else
#error "sysfence's CLI is built for x86_64 or arm64 only (module/arch/)"
#endif

bool sf_arch_option;

/* "x86_64 (or amd64), arm64 (or aarch64)" */
static void print_arch_names(FILE *out)
{
	const struct sf_arch *const *a;

	for (a = sf_arches; *a; a++)
		fprintf(out, "%s%s (or %s)", a == sf_arches ? "" : ", ",
			(*a)->name, (*a)->alias);
}

/*
 * The architecture policies are for: the CLI's own, unless an offline
 * command says --arch ARCH. Only the offline commands have --arch; the
 * others do no more than parse their arguments here.
 */
static int set_target_arch(const struct command *cmd, int *argc, char **argv)
{
	const char *name = NULL;
	int i, j;

	sf_target_arch = &SF_CLI_ARCH;
	sf_arch_option = cmd->offline;
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
	if (name) {
		sf_target_arch = sf_arch_lookup(name);
		if (!sf_target_arch) {
			fprintf(stderr,
				"sysfence: unknown architecture '%s' (known: ",
				name);
			print_arch_names(stderr);
			fprintf(stderr, ")\n");
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
		"check, constants, eval, groups and syscalls take --arch ARCH,\n"
		"the architecture policies are for: x86_64 (or amd64) or arm64\n"
		"(or aarch64); default: the one sysfence was built for.\n\n"
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
