// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence check POLICY: compile a policy offline with the module's own
 * engine, report its first error or its per-ABI summary and warnings.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "diag.h"

static void check_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence check [-d] [--werror] POLICY\n\n"
		"Compile POLICY (\"-\" for stdin) as the module would and print, per\n"
		"allowed ABI, how many rules apply and how many syscalls get a\n"
		"constant verdict, an argument-dependent one or the default.\n"
		"Warnings go to stderr. Exit status: 0 valid, 1 invalid (or, with\n"
		"--werror, any warning), 2 usage.\n\n"
		"  -d, --describe  also print the effective rule of every syscall\n"
		"                  a rule names, as 'ABI NR (NAME): RULE'\n"
		"      --werror    treat warnings as errors: exit 1 on any\n");
}

static void describe_abi(const struct sf_policy *policy, enum sf_abi abi)
{
	const struct sf_syscall_table *t = &sf_syscall_tables[abi];
	u32 dflt = sf_policy_default(policy);
	struct sf_result res;
	char buf[4096];
	u32 i;

	for (i = 0; i < t->count; i++) {
		const struct sf_syscall *sc = &t->calls[i];

		/* Syscalls left to the default are summarized, not listed. */
		if (sf_policy_constant(policy, abi, sc->nr, &res) &&
		    res.verdict == dflt && !res.line)
			continue;
		sf_policy_describe(policy, abi, sc->nr, buf, sizeof(buf));
		printf("%s %u (%s): %s\n", sf_abi_name(abi), sc->nr, sc->name,
		       buf);
	}
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "describe", no_argument, NULL, 'd' },
		{ "werror", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sf_abi_summary sum;
	struct sf_policy *policy;
	const char *name;
	bool describe = false, werror = false, warned;
	int kind;
	char v1[32], v2[32];
	size_t len;
	char *text;
	int opt, ret, abi;
	u32 i;

	while ((opt = getopt_long(argc, argv, "+dh", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			describe = true;
			break;
		case 'W':
			werror = true;
			break;
		case 'h':
			check_usage(stdout);
			return SF_EXIT_OK;
		default:
			check_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		check_usage(stderr);
		return SF_EXIT_USAGE;
	}
	name = sf_display_name(argv[optind]);
	ret = sf_load_policy(argv[optind], &policy, &text, &len);
	if (ret)
		return ret;

	for (i = 0; i < sf_policy_warning_count(policy); i++)
		sf_print_diag(stderr, name, text, len,
			      sf_policy_warning(policy, i), "warning");
	if (sf_policy_warnings_total(policy) > i) {
		fprintf(stderr, "%s: %u more warnings not shown; %u in all:",
			name, sf_policy_warnings_total(policy) - i,
			sf_policy_warnings_total(policy));
		for (kind = 0; kind < SF_WARN_KIND_COUNT; kind++) {
			if (sf_policy_warnings_of(policy, kind))
				fprintf(stderr, " %u %s",
					sf_policy_warnings_of(policy, kind),
					sf_warn_kind_name(kind));
		}
		fputc('\n', stderr);
	}
	warned = sf_policy_warnings_total(policy) > 0;

	sf_verdict_format(sf_policy_default(policy), v1, sizeof(v1));
	sf_verdict_format(sf_policy_abi_violation(policy), v2, sizeof(v2));
	printf("%s: valid; default %s, abi-violation %s\n", name, v1, v2);
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (sf_policy_summary(policy, abi, &sum)) {
			printf("%s: not allowed (%s)\n", sf_abi_name(abi), v2);
			continue;
		}
		printf("%s: %u rules; syscalls: %u constant, ",
		       sf_abi_name(abi), sum.rules, sum.constant);
		printf("%u argument-dependent, %u default (of %u); ",
		       sum.argdep, sum.defaulted, sum.syscalls);
		printf("%u instructions\n", sum.insns);
	}
	if (describe) {
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (sf_policy_abis(policy) & SF_ABI_MASK(abi))
				describe_abi(policy, abi);
		}
	}
	sf_policy_free(policy);
	free(text);
	if (werror && warned) {
		fprintf(stderr, "%s: warnings treated as errors (--werror)\n",
			name);
		return SF_EXIT_INVALID;
	}
	return SF_EXIT_OK;
}
