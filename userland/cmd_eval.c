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
#include "constants.h"
#include "diag.h"
#include "engine_internal.h"
#include "sfjson.h"

static void eval_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence eval [-e] [--json] [--arch ARCH] POLICY ABI SYSCALL [ARG...]\n\n"
		"Print the verdict POLICY gives SYSCALL (a name or number) of ABI\n"
		"(x86_64, i386, x32; aarch64, arm with --arch arm64) called with\n"
		"up to six argument registers:\n"
		"allow, log, errno NAME, trap, kill-thread or kill. An ARG is a\n"
		"value as policies write them: decimal, 0x hexadecimal or 0 octal\n"
		"numbers (a negative one is its 64-bit two's complement), named\n"
		"constants with the value ABI sees, or several or'ed with '|'\n"
		"(\"O_CREAT|O_WRONLY\"). Missing ARGs are 0. A SYSCALL number is\n"
		"decoded as the module decodes the number register: bits 32-63\n"
		"are dropped, and for x86_64 and x32 the x32 bit (0x40000000)\n"
		"selects x32, its absence x86_64.\n"
		"An ABI of another architecture is a usage error.\n"
		"Exit status: 0 decided, 1 invalid policy, 2 usage.\n\n"
		"  -e, --explain  tell on stderr which line decided\n"
		"  -j, --json     print the decision as one JSON document\n"
		"                 (docs/json.md)\n"
		"  --arch ARCH    x86_64 (or amd64) or arm64 (or aarch64): the\n"
		"                 architecture policies are for; default: the one\n"
		"                 sysfence was built for\n"
		"  -h, --help     print this help\n");
}

/* A number: unsigned, or negative as its 64-bit two's complement. */
static int parse_number(const char *s, size_t len, u64 *out)
{
	unsigned long long v;
	char buf[32], *end;
	bool neg;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	neg = buf[0] == '-';
	if (buf[neg] < '0' || buf[neg] > '9')
		return -1;
	errno = 0;
	v = strtoull(buf + neg, &end, 0);
	if (errno || *end || (neg && v > 1ULL << 63))
		return -1;
	*out = neg ? 0 - (u64)v : (u64)v;
	return 0;
}

/* The closest constant @abi has to s[0..len), as check suggests them. */
static const char *constant_hint(enum sf_abi abi, const char *s, size_t len,
				 char *buf, size_t size)
{
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, s, len);
	for (i = 0; i < sf_constants_count; i++) {
		if (sf_constants[i].abis & SF_ABI_MASK(abi))
			sf_suggest(&sg, sf_constants[i].name);
	}
	return sf_suggestion(&sg, buf, size);
}

/*
 * A register value as a policy writes values: numbers and named constants
 * (the value @abi sees), or'ed with '|', as in "O_CREAT|O_WRONLY". Prints
 * why and returns -1 when invalid.
 */
static int parse_register(enum sf_abi abi, const char *arg, u64 *out)
{
	char hint[SF_SUGGESTION_MAX];
	const char *s = arg, *end;
	u64 v, bits = 0;

	for (;;) {
		const struct sf_constant *c;
		size_t len;

		while (*s == ' ' || *s == '\t')
			s++;
		for (end = s; *end && *end != '|' && *end != ' ' &&
		     *end != '\t'; end++)
			;
		len = end - s;
		c = len ? sf_constant_lookup(s, len) : NULL;
		if (c && !(c->abis & SF_ABI_MASK(abi))) {
			fprintf(stderr,
				"sysfence: constant '%.*s' is not defined on %s\n",
				(int)len, s, sf_abi_name(abi));
			return -1;
		}
		if (c) {
			v = (u64)c->value[abi];
		} else if (parse_number(s, len, &v)) {
			fprintf(stderr,
				"sysfence: invalid argument '%s': '%.*s' is neither a number nor a constant%s\n",
				arg, (int)len, s,
				constant_hint(abi, s, len, hint, sizeof(hint)));
			return -1;
		}
		bits |= v;
		s = end;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (*s != '|') {
			fprintf(stderr, "sysfence: invalid argument '%s'\n",
				arg);
			return -1;
		}
		s++;
	}
	*out = bits;
	return 0;
}

/*
 * The ABI and table number of a syscall given by number, decoded as the
 * module's probe decodes the number register: bits 32-63 are dropped; on
 * x86's 64-bit entry (x86_64 or x32), the x32 bit selects x32. Every other
 * ABI has an entry of its own.
 */
static enum sf_abi decode_nr(enum sf_abi abi, u64 value, u32 *nr)
{
	*nr = (u32)value;
	if (abi != SF_ABI_X86_64 && abi != SF_ABI_X32)
		return abi;
	if (*nr & SF_X32_SYSCALL_BIT) {
		*nr &= ~SF_X32_SYSCALL_BIT;
		return SF_ABI_X32;
	}
	return SF_ABI_X86_64;
}

/* eval --json: the decision and what it was made on; @nr is the number. */
static int eval_json(const struct sf_policy *policy, enum sf_abi abi, u32 nr,
		     const u64 args[SF_MAX_ARGS], const struct sf_result *res)
{
	const struct sf_syscall *sc =
		sf_syscall_by_nr(abi, sf_syscall_slot(abi, nr));
	struct json_object *doc = json_object_new_object();
	struct json_object *regs = json_object_new_array();
	enum sf_action act = SF_VERDICT_ACTION(res->verdict);
	const char *by;
	char verdict[32];
	int failed = !doc, i;

	sf_verdict_format(res->verdict, verdict, sizeof(verdict));
	failed |= sf_json_set(doc, "abi", json_object_new_string(sf_abi_name(abi)));
	failed |= sf_json_set(doc, "nr", json_object_new_int64(nr));
	failed |= sf_json_set(doc, "syscall",
			      sc ? json_object_new_string(sc->name) : NULL);
	for (i = 0; i < SF_MAX_ARGS; i++)
		failed |= sf_json_append(regs, json_object_new_uint64(args[i]));
	failed |= sf_json_set(doc, "args", regs);
	failed |= sf_json_set(doc, "verdict", json_object_new_string(verdict));
	failed |= sf_json_set(doc, "action",
			      json_object_new_string(sf_action_name(act)));
	if (act == SF_ACT_ERRNO || act == SF_ACT_TRAP)
		failed |= sf_json_set(doc, "data",
			json_object_new_int64(SF_VERDICT_DATA(res->verdict)));
	if (res->line)
		by = "rule";
	else if (sf_policy_abis(policy) & SF_ABI_MASK(abi))
		by = "default";
	else
		by = "abi-violation";
	failed |= sf_json_set(doc, "decided_by", json_object_new_string(by));
	failed |= sf_json_set(doc, "line", json_object_new_int64(res->line));
	return sf_json_print(stdout, doc, failed);
}

int cmd_eval(int argc, char **argv)
{
	static const struct option options[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct sf_syscall *sc;
	u64 args[SF_MAX_ARGS] = { 0 };
	struct sf_policy *policy;
	struct sf_result res;
	bool explain = false, json = false;
	const char *sys;
	char verdict[32], hint[SF_SUGGESTION_MAX];
	int opt, abi, ret, i;
	size_t len;
	enum sf_abi decoded;
	char *text;
	u64 raw;
	u32 nr;

	while ((opt = getopt_long(argc, argv, "+ejh", options, NULL)) != -1) {
		switch (opt) {
		case 'e':
			explain = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			eval_usage(stdout);
			return SF_EXIT_OK;
		default:
			eval_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind > 3 + SF_MAX_ARGS) {
		fprintf(stderr,
			"sysfence: %d arguments: a syscall takes at most %d\n",
			argc - optind - 3, SF_MAX_ARGS);
		return SF_EXIT_USAGE;
	}
	if (argc - optind < 3) {
		eval_usage(stderr);
		return SF_EXIT_USAGE;
	}
	abi = sf_cli_abi("eval", argv[optind + 1]);
	if (abi < 0)
		return SF_EXIT_USAGE;
	sys = argv[optind + 2];
	sc = sf_syscall_by_name(abi, sys, strlen(sys));
	if (sc) {
		nr = sf_syscall_nr(abi, sc->nr);
	} else if (!parse_number(sys, strlen(sys), &raw)) {
		decoded = decode_nr(abi, raw, &nr);
		if (decoded != (enum sf_abi)abi || raw != nr)
			fprintf(stderr, "sysfence: syscall %s enters as %s %u\n",
				sys, sf_abi_name(decoded), nr);
		abi = decoded;
	} else if (sys[0] >= '0' && sys[0] <= '9') {
		fprintf(stderr,
			"sysfence: '%s' is not a syscall name of %s nor a number below 2^64\n",
			sys, sf_abi_name(abi));
		return SF_EXIT_USAGE;
	} else {
		fprintf(stderr, "sysfence: unknown %s syscall '%s'%s\n",
			sf_abi_name(abi), sys,
			sf_cli_syscall_hint(abi, sys, hint, sizeof(hint)));
		return SF_EXIT_USAGE;
	}
	for (i = 0; i < argc - optind - 3; i++) {
		if (parse_register(abi, argv[optind + 3 + i], &args[i]))
			return SF_EXIT_USAGE;
	}

	ret = sf_load_policy(argv[optind], &policy, &text, &len);
	if (ret)
		return ret;
	sf_policy_eval(policy, abi, sf_syscall_slot(abi, nr), args, &res);
	if (json) {
		ret = eval_json(policy, abi, nr, args, &res);
		sf_policy_free(policy);
		free(text);
		return ret;
	}
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
