// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence eval POLICY ABI SYSCALL [ARG...]: the verdict the module would
 * reach for one syscall, computed offline by the same engine.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"

static void eval_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence eval [-e] POLICY ABI SYSCALL [ARG...]\n\n"
		"Print the verdict POLICY gives SYSCALL (a name or number) of ABI\n"
		"(x86_64, i386 or x32) called with up to six argument registers:\n"
		"allow, log, errno NAME, trap, kill-thread or kill. ARGs are\n"
		"decimal, 0x hexadecimal or 0 octal; a negative ARG is its 64-bit\n"
		"two's complement. Missing ARGs are 0.\n"
		"Exit status: 0 decided, 1 invalid policy, 2 usage.\n\n"
		"  -e, --explain  tell on stderr which line decided\n");
}

/* A raw register value: unsigned, or negative as two's complement. */
static int parse_register(const char *s, u64 *out)
{
	bool neg = s[0] == '-';
	unsigned long long v;
	char *end;

	if (neg)
		s++;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || (neg && v > 1ULL << 63))
		return -1;
	*out = neg ? 0 - (u64)v : (u64)v;
	return 0;
}

int cmd_eval(int argc, char **argv)
{
	static const struct option options[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct sf_syscall *sc;
	u64 args[SF_MAX_ARGS] = { 0 };
	struct sf_policy *policy;
	struct sf_result res;
	bool explain = false;
	const char *sys;
	char verdict[32];
	int opt, abi, ret, i;
	size_t len;
	char *text;
	u64 nr;

	while ((opt = getopt_long(argc, argv, "+eh", options, NULL)) != -1) {
		switch (opt) {
		case 'e':
			explain = true;
			break;
		case 'h':
			eval_usage(stdout);
			return SF_EXIT_OK;
		default:
			eval_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind < 3 || argc - optind > 3 + SF_MAX_ARGS) {
		eval_usage(stderr);
		return SF_EXIT_USAGE;
	}
	abi = sf_abi_lookup(argv[optind + 1], strlen(argv[optind + 1]));
	if (abi < 0) {
		fprintf(stderr,
			"sysfence: unknown ABI '%s' (known: x86_64, i386, x32)\n",
			argv[optind + 1]);
		return SF_EXIT_USAGE;
	}
	sys = argv[optind + 2];
	sc = sf_syscall_by_name(abi, sys, strlen(sys));
	if (sc) {
		nr = sc->nr;
	} else if (parse_register(sys, &nr) || sys[0] == '-' ||
		   nr > 0xffffffffULL) {
		fprintf(stderr, "sysfence: unknown %s syscall '%s'\n",
			sf_abi_name(abi), sys);
		return SF_EXIT_USAGE;
	}
	for (i = 0; i < argc - optind - 3; i++) {
		if (parse_register(argv[optind + 3 + i], &args[i])) {
			fprintf(stderr, "sysfence: invalid argument '%s'\n",
				argv[optind + 3 + i]);
			return SF_EXIT_USAGE;
		}
	}

	ret = sf_load_policy(argv[optind], &policy, &text, &len);
	if (ret)
		return ret;
	sf_policy_eval(policy, abi, (u32)nr, args, &res);
	sf_verdict_format(res.verdict, verdict, sizeof(verdict));
	printf("%s\n", verdict);
	if (explain && res.line)
		fprintf(stderr, "%s: decided by line %u\n",
			sf_display_name(argv[optind]), res.line);
	else if (explain)
		fprintf(stderr, "%s: decided by the %s\n",
			sf_display_name(argv[optind]),
			sf_policy_abis(policy) & SF_ABI_MASK(abi) ?
			"default" : "abi-violation action");
	sf_policy_free(policy);
	free(text);
	return SF_EXIT_OK;
}
