// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence check POLICY: compile a policy offline with the module's own
 * engine, report its first error or its per-ABI summary and warnings, as
 * text or (--json) as one JSON document (docs/json.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "diag.h"
#include "limits.h"
#include "sfjson.h"

static void check_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence check [-d] [--werror] [--json] [--arch ARCH] POLICY\n\n"
		"Compile POLICY (\"-\" for stdin) as the module would and print, per\n"
		"allowed ABI, how many rules apply and how many syscalls get a\n"
		"constant verdict, an argument-dependent one or the default.\n"
		"Warnings go to stderr. Exit status: 0 valid, 1 invalid (or, with\n"
		"--werror, any warning), 2 usage.\n\n"
		"  -d, --describe  also print the effective rule of every syscall\n"
		"                  a rule names, as 'ABI NR (NAME): RULE'\n"
		"      --werror    treat warnings as errors: exit 1 on any\n"
		"  -j, --json      print one JSON document instead, errors and\n"
		"                  warnings included (docs/json.md)\n"
		"  --arch ARCH     x86_64 (or amd64) or arm64 (or aarch64): the\n"
		"                  architecture policies are for; default: the one\n"
		"                  sysfence was built for\n"
		"  -h, --help      print this help\n");
}

static void describe_abi(const struct sf_policy *policy, enum sf_abi abi)
{
	const struct sf_syscall_table *t = sf_syscall_tables[abi];
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
		printf("%s %u (%s): %s\n", sf_abi_name(abi),
		       sf_syscall_nr(abi, sc->nr), sc->name, buf);
	}
}

static struct json_object *json_diag(const struct sf_diag *d)
{
	struct json_object *obj = json_object_new_object();
	int failed = !obj;

	failed |= sf_json_set(obj, "line", json_object_new_int64(d->line));
	failed |= sf_json_set(obj, "column", json_object_new_int64(d->col));
	failed |= sf_json_set(obj, "message", json_object_new_string(d->msg));
	if (failed) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* The summary of a compiled policy, as check prints it in text. */
static int json_summary(struct json_object *doc, const struct sf_policy *p)
{
	struct json_object *warnings = json_object_new_array();
	struct json_object *kinds = json_object_new_object();
	struct json_object *abis = json_object_new_array();
	struct json_object *cost_obj = json_object_new_object();
	struct sf_policy_cost cost;
	struct sf_abi_summary sum;
	char verdict[32];
	int failed = 0, kind, abi;
	u32 i;

	for (i = 0; i < sf_policy_warning_count(p); i++)
		failed |= sf_json_append(warnings,
					 json_diag(sf_policy_warning(p, i)));
	failed |= sf_json_set(doc, "warnings", warnings);
	failed |= sf_json_set(doc, "warnings_total",
			      json_object_new_int64(sf_policy_warnings_total(p)));
	for (kind = 0; kind < SF_WARN_KIND_COUNT; kind++)
		failed |= sf_json_set(kinds, sf_warn_kind_name(kind),
				      json_object_new_int64(sf_policy_warnings_of(p, kind)));
	failed |= sf_json_set(doc, "warnings_by_kind", kinds);

	sf_verdict_format(sf_policy_default(p), verdict, sizeof(verdict));
	failed |= sf_json_set(doc, "default", json_object_new_string(verdict));
	sf_verdict_format(sf_policy_abi_violation(p), verdict, sizeof(verdict));
	failed |= sf_json_set(doc, "abi_violation",
			      json_object_new_string(verdict));
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		struct json_object *a;
		bool allowed;

		if (!(sf_target_arch->abis & SF_ABI_MASK(abi)))
			continue;
		a = json_object_new_object();
		allowed = !sf_policy_summary(p, abi, &sum);

		failed |= sf_json_set(a, "abi",
				      json_object_new_string(sf_abi_name(abi)));
		failed |= sf_json_set(a, "allowed",
				      json_object_new_boolean(allowed));
		if (allowed) {
			failed |= sf_json_set(a, "rules", json_object_new_int64(sum.rules));
			failed |= sf_json_set(a, "syscalls", json_object_new_int64(sum.syscalls));
			failed |= sf_json_set(a, "constant", json_object_new_int64(sum.constant));
			failed |= sf_json_set(a, "argument_dependent",
					      json_object_new_int64(sum.argdep));
			failed |= sf_json_set(a, "defaulted", json_object_new_int64(sum.defaulted));
			failed |= sf_json_set(a, "instructions", json_object_new_int64(sum.insns));
		}
		failed |= sf_json_append(abis, a);
	}
	failed |= sf_json_set(doc, "abis", abis);
	if (sf_policy_cost(p, &cost))
		return -1;
	failed |= sf_json_set(cost_obj, "steps", json_object_new_int64(cost.steps));
	failed |= sf_json_set(cost_obj, "bytes", json_object_new_int64(cost.bytes));
	failed |= sf_json_set(doc, "cost", cost_obj);
	return failed ? -1 : 0;
}

/*
 * check --json: one document whether the policy compiles or not, so tools
 * read errors with their positions too. Returns the exit status.
 */
static int check_json(const char *path, bool werror)
{
	struct json_object *doc = json_object_new_object();
	struct sf_policy *policy = NULL;
	struct sf_diag diag = {};
	int failed = !doc, err, status;
	size_t len;
	char *text;

	if (sf_read_policy(path, &text, &len)) {
		json_object_put(doc);
		return SF_EXIT_USAGE;
	}
	err = sf_policy_compile(text, len, &policy, &diag);
	if (err == -ENOMEM) {
		fprintf(stderr, "sysfence: out of memory\n");
		json_object_put(doc);
		free(text);
		return SF_EXIT_INVALID;
	}
	failed |= sf_json_set(doc, "file",
			      json_object_new_string(sf_display_name(path)));
	failed |= sf_json_set(doc, "valid", json_object_new_boolean(!err));
	if (err) {
		failed |= sf_json_set(doc, "error", json_diag(&diag));
		status = SF_EXIT_INVALID;
	} else {
		failed |= json_summary(doc, policy);
		status = werror && sf_policy_warnings_total(policy) ?
			 SF_EXIT_INVALID : SF_EXIT_OK;
		sf_policy_free(policy);
	}
	free(text);
	if (sf_json_print(stdout, doc, failed))
		return SF_EXIT_INVALID;
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "describe", no_argument, NULL, 'd' },
		{ "werror", no_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sf_abi_summary sum;
	struct sf_policy *policy;
	const char *name;
	bool describe = false, werror = false, json = false, warned;
	int kind;
	char v1[32], v2[32];
	size_t len;
	char *text;
	int opt, ret, abi;
	u32 i;

	while ((opt = getopt_long(argc, argv, "+djh", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			describe = true;
			break;
		case 'W':
			werror = true;
			break;
		case 'j':
			json = true;
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
	if (json)
		return check_json(argv[optind], werror);
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
		if (!(sf_target_arch->abis & SF_ABI_MASK(abi)))
			continue;
		if (sf_policy_summary(policy, abi, &sum)) {
			printf("%s: not allowed (%s)\n", sf_abi_name(abi), v2);
			continue;
		}
		printf("%s: %u rule%s; syscalls: %u constant, ",
		       sf_abi_name(abi), sum.rules, sum.rules == 1 ? "" : "s",
		       sum.constant);
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
