// SPDX-License-Identifier: GPL-2.0
/*
 * An OCI seccomp profile loaded through libseccomp as a runtime does; see
 * oci_seccomp.h for the rules followed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci_seccomp.h"

json_object *oci_seccomp_read(const char *path)
{
	json_object *root = json_object_from_file(path);

	if (!root)
		fprintf(stderr, "%s: %s\n", path, json_util_get_last_err());
	return root;
}

static bool has_string(json_object *array, const char *s)
{
	size_t i, n;

	if (!json_object_is_type(array, json_type_array))
		return false;
	n = json_object_array_length(array);
	for (i = 0; i < n; i++) {
		const char *v = json_object_get_string(
			json_object_array_get_idx(array, i));

		if (v && !strcmp(v, s))
			return true;
	}
	return false;
}

static size_t length(json_object *array)
{
	return json_object_is_type(array, json_type_array) ?
		json_object_array_length(array) : 0;
}

bool oci_seccomp_applies(json_object *e, const struct oci_seccomp_opts *opts)
{
	json_object *inc = json_object_object_get(e, "includes");
	json_object *exc = json_object_object_get(e, "excludes");
	json_object *arches = json_object_object_get(inc, "arches");

	if (length(arches) && !has_string(arches, "amd64"))
		return false;
	if (has_string(json_object_object_get(exc, "arches"), "amd64"))
		return false;
	/* Holding every capability or none: any listed one decides. */
	if (length(json_object_object_get(inc, "caps")) && !opts->all_caps)
		return false;
	if (length(json_object_object_get(exc, "caps")) && opts->all_caps)
		return false;
	return true;
}

static uint32_t arch_token(const char *name)
{
	if (!strcmp(name, "SCMP_ARCH_X86_64"))
		return SCMP_ARCH_X86_64;
	if (!strcmp(name, "SCMP_ARCH_X86"))
		return SCMP_ARCH_X86;
	if (!strcmp(name, "SCMP_ARCH_X32"))
		return SCMP_ARCH_X32;
	if (!strcmp(name, "SCMP_ARCH_AARCH64"))
		return SCMP_ARCH_AARCH64;
	if (!strcmp(name, "SCMP_ARCH_ARM"))
		return SCMP_ARCH_ARM;
	return 0;
}

void oci_seccomp_arches(json_object *root, uint32_t *arches, unsigned int *n)
{
	json_object *map = json_object_object_get(root, "archMap");
	json_object *list = json_object_object_get(root, "architectures");
	size_t i;

	/* The program's own architecture, as a runtime's native one. */
	uint32_t native = seccomp_arch_native();
	const char *native_name = native == SCMP_ARCH_AARCH64 ?
		"SCMP_ARCH_AARCH64" : "SCMP_ARCH_X86_64";

	*n = 0;
	if (length(map)) {
		arches[(*n)++] = native;
		list = NULL;
		for (i = 0; i < length(map); i++) {
			json_object *m = json_object_array_get_idx(map, i);
			const char *a = json_object_get_string(
				json_object_object_get(m, "architecture"));

			if (a && !strcmp(a, native_name))
				list = json_object_object_get(m,
							      "subArchitectures");
		}
	} else if (!length(list)) {
		arches[(*n)++] = native;
	}
	for (i = 0; i < length(list); i++) {
		uint32_t t = arch_token(json_object_get_string(
			json_object_array_get_idx(list, i)));
		unsigned int k;

		for (k = 0; t && k < *n && arches[k] != t; k++)
			;
		if (t && k == *n)
			arches[(*n)++] = t;
	}
}

static int action(const struct oci_seccomp_opts *opts, json_object *act,
		  json_object *errno_ret, uint32_t *out)
{
	const char *a = json_object_get_string(act);
	int err = errno_ret ? json_object_get_int(errno_ret) : EPERM;

	if (!a)
		return -1;
	if (!strcmp(a, "SCMP_ACT_ALLOW") || !strcmp(a, "SCMP_ACT_LOG"))
		*out = opts->allow_as_errno ?
			SCMP_ACT_ERRNO(opts->allow_as_errno) :
			a[9] == 'A' ? SCMP_ACT_ALLOW : SCMP_ACT_LOG;
	else if (!strcmp(a, "SCMP_ACT_ERRNO"))
		*out = SCMP_ACT_ERRNO(err);
	else if (!strcmp(a, "SCMP_ACT_TRAP"))
		*out = opts->kill_as_errno ? SCMP_ACT_ERRNO(opts->errno_trap) :
			SCMP_ACT_TRAP;
	else if (!strcmp(a, "SCMP_ACT_KILL") ||
		 !strcmp(a, "SCMP_ACT_KILL_THREAD"))
		*out = opts->kill_as_errno ?
			SCMP_ACT_ERRNO(opts->errno_kill_thread) :
			SCMP_ACT_KILL_THREAD;
	else if (!strcmp(a, "SCMP_ACT_KILL_PROCESS"))
		*out = opts->kill_as_errno ? SCMP_ACT_ERRNO(opts->errno_kill) :
			SCMP_ACT_KILL_PROCESS;
	else
		return -1;
	return 0;
}

static int condition(json_object *arg, struct scmp_arg_cmp *cmp)
{
	static const struct {
		const char *name;
		enum scmp_compare op;
	} ops[] = {
		{ "SCMP_CMP_EQ", SCMP_CMP_EQ }, { "SCMP_CMP_NE", SCMP_CMP_NE },
		{ "SCMP_CMP_LT", SCMP_CMP_LT }, { "SCMP_CMP_LE", SCMP_CMP_LE },
		{ "SCMP_CMP_GT", SCMP_CMP_GT }, { "SCMP_CMP_GE", SCMP_CMP_GE },
		{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
	};
	const char *op = json_object_get_string(
		json_object_object_get(arg, "op"));
	size_t i;

	for (i = 0; op && i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!strcmp(op, ops[i].name))
			break;
	}
	if (!op || i == sizeof(ops) / sizeof(ops[0]))
		return -1;
	cmp->arg = json_object_get_int(json_object_object_get(arg, "index"));
	cmp->op = ops[i].op;
	/* For SCMP_CMP_MASKED_EQ, "value" is the mask, as in libseccomp. */
	cmp->datum_a = json_object_get_uint64(json_object_object_get(arg,
								     "value"));
	cmp->datum_b = json_object_get_uint64(json_object_object_get(arg,
								     "valueTwo"));
	return 0;
}

static int add_entry(scmp_filter_ctx ctx, json_object *e, uint32_t act)
{
	json_object *args = json_object_object_get(e, "args");
	json_object *names = json_object_object_get(e, "names");
	struct scmp_arg_cmp cmp[6];
	unsigned int ncmp = length(args), i, k;
	bool repeated = false;
	size_t j;

	if (ncmp > 6)
		return -1;
	for (i = 0; i < ncmp; i++) {
		if (condition(json_object_array_get_idx(args, i), &cmp[i]))
			return -1;
		for (k = 0; k < i; k++)
			repeated |= cmp[k].arg == cmp[i].arg;
	}
	for (j = 0; j < length(names); j++) {
		const char *name = json_object_get_string(
			json_object_array_get_idx(names, j));
		int nr = seccomp_syscall_resolve_name(name);
		int ret = 0;

		if (nr == __NR_SCMP_ERROR)
			continue;
		if (repeated) {
			for (i = 0; i < ncmp && !ret; i++)
				ret = seccomp_rule_add_array(ctx, act, nr, 1,
							     &cmp[i]);
		} else {
			ret = seccomp_rule_add_array(ctx, act, nr, ncmp, cmp);
		}
		if (ret) {
			fprintf(stderr, "seccomp_rule_add %s: %s\n", name,
				strerror(-ret));
			return -1;
		}
	}
	return 0;
}

scmp_filter_ctx oci_seccomp_build(const char *path,
				  const struct oci_seccomp_opts *opts)
{
	json_object *root = oci_seccomp_read(path);
	json_object *calls;
	scmp_filter_ctx ctx = NULL;
	uint32_t dflt, act, arches[8];
	unsigned int n, i;
	size_t j;

	if (!root)
		return NULL;
	if (action(opts, json_object_object_get(root, "defaultAction"),
		   json_object_object_get(root, "defaultErrnoRet"), &dflt)) {
		fprintf(stderr, "%s: unusable defaultAction\n", path);
		goto err;
	}
	ctx = seccomp_init(dflt);
	if (!ctx)
		goto err;
	oci_seccomp_arches(root, arches, &n);
	for (i = 0; i < n; i++) {
		int ret = seccomp_arch_add(ctx, arches[i]);

		if (ret && ret != -EEXIST)
			goto err;
	}
	calls = json_object_object_get(root, "syscalls");
	for (j = 0; j < length(calls); j++) {
		json_object *e = json_object_array_get_idx(calls, j);

		if (!oci_seccomp_applies(e, opts))
			continue;
		if (action(opts, json_object_object_get(e, "action"),
			   json_object_object_get(e, "errnoRet"), &act)) {
			fprintf(stderr, "%s: /syscalls/%zu: unusable action\n",
				path, j);
			goto err;
		}
		/* libseccomp refuses a rule with the default action. */
		if (act == dflt)
			continue;
		if (add_entry(ctx, e, act)) {
			fprintf(stderr, "%s: /syscalls/%zu: cannot add\n", path,
				j);
			goto err;
		}
	}
	json_object_put(root);
	return ctx;
err:
	seccomp_release(ctx);
	json_object_put(root);
	return NULL;
}
