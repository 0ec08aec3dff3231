// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence import-oci FILE: translate an OCI seccomp profile (the JSON of
 * Docker, Podman/containers and the runtime spec's linux.seccomp) into a
 * policy that decides every syscall the way the runtime's libseccomp filter
 * does, printed for people to read.
 *
 * What "the way the runtime does" means is runc's reading of a profile over
 * libseccomp, the reference every runtime follows:
 *  - includes/excludes are resolved first, for one native architecture, a
 *    set of capabilities and a kernel version (Docker does this before
 *    handing the profile to the runtime);
 *  - the ABIs are archMap's entry for the native architecture plus its
 *    subArchitectures, else "architectures", else the native one;
 *  - an entry whose action equals the default action is skipped (libseccomp
 *    refuses such a rule);
 *  - an entry with two conditions on one argument becomes one rule per
 *    condition (runc's compatibility behaviour), otherwise its conditions
 *    are ANDed;
 *  - an unconditional rule for a syscall makes libseccomp drop every
 *    conditional rule of that syscall, whatever their order, and the first
 *    unconditional rule stays.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "commands.h"
#include "constants.h"
#include "diag.h"
#include "engine.h"
#include "engine_internal.h"
#include "limits.h"
#include "syscalls.h"

#define OCI_MAX_ARGS 6
#define OCI_LINE_WIDTH 76

enum oci_op {
	OCI_EQ, OCI_NE, OCI_LT, OCI_LE, OCI_GT, OCI_GE, OCI_MASKED_EQ,
};

static const struct {
	const char *name;
	const char *op;
} oci_ops[] = {
	[OCI_EQ] = { "SCMP_CMP_EQ", "==" },
	[OCI_NE] = { "SCMP_CMP_NE", "!=" },
	[OCI_LT] = { "SCMP_CMP_LT", "<" },
	[OCI_LE] = { "SCMP_CMP_LE", "<=" },
	[OCI_GT] = { "SCMP_CMP_GT", ">" },
	[OCI_GE] = { "SCMP_CMP_GE", ">=" },
	[OCI_MASKED_EQ] = { "SCMP_CMP_MASKED_EQ", "==" },
};

/*
 * The architectures: libseccomp's names, and libseccomp-golang's, which
 * Docker's includes/excludes "arches" use.
 */
static const struct {
	const char *scmp;
	const char *go;
	enum sf_abi abi;
} oci_arches[] = {
	{ "SCMP_ARCH_X86_64", "amd64", SF_ABI_X86_64 },
	{ "SCMP_ARCH_X86", "x86", SF_ABI_I386 },
	{ "SCMP_ARCH_X32", "x32", SF_ABI_X32 },
	{ "SCMP_ARCH_AARCH64", "arm64", SF_ABI_AARCH64 },
	{ "SCMP_ARCH_ARM", "arm", SF_ABI_ARM },
};

struct oci_cond {
	unsigned int index;
	enum oci_op op;
	u64 value;	/* for MASKED_EQ: the mask */
	u64 two;	/* for MASKED_EQ: the value compared */
};

/* One rule as libseccomp receives it: an entry's action and conditions. */
struct oci_rule {
	unsigned int entry;	/* index in "syscalls" */
	u32 verdict;
	unsigned int ncond;
	struct oci_cond cond[OCI_MAX_ARGS];
};

/* The rules of one syscall name, in profile order. */
struct oci_syscall {
	const char *name;
	u32 abis;		/* listed ABIs that have it */
	int uncond;		/* first unconditional rule, or -1 */
	unsigned int nrules;
	unsigned int *rules;	/* indexes into oci.rules */
};

struct oci {
	const char *file;
	json_object *root;
	int native;		/* index in oci_arches */
	bool all_caps;
	char **caps;		/* held capabilities, "CAP_..." */
	unsigned int ncaps;
	bool have_kernel;
	unsigned int kernel[2];
	u32 abis;
	u32 dflt;
	struct oci_rule *rules;
	unsigned int nrules;
	struct oci_syscall *calls;
	unsigned int ncalls;
	char **unknown;		/* names no listed ABI has */
	unsigned int nunknown;
	unsigned int warnings;
};

static void import_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence import-oci [--arch ARCH] [--caps CAPS] [--kernel VERSION] FILE\n\n"
		"Translate the OCI seccomp profile FILE (Docker's, Podman's, a runtime\n"
		"spec's linux.seccomp; \"-\" for stdin) into a sysfence policy, printed\n"
		"on stdout, deciding every syscall as a container runtime's libseccomp\n"
		"filter does. What a policy cannot express is an error naming the\n"
		"profile entry. Exit status: 0 translated, 1 not expressible or invalid\n"
		"profile, 2 usage or unreadable file.\n\n"
		"  --arch ARCH      the process's native architecture, for archMap and\n"
		"                   includes/excludes: amd64 (or x86_64), x86 (or\n"
		"                   i386), x32, arm64 (or aarch64) or arm; default:\n"
		"                   amd64 or arm64, as sysfence was built\n"
		"  --caps CAPS      capabilities the process holds, for includes and\n"
		"                   excludes: none (default), all, or CAP_A,CAP_B,...\n"
		"  --kernel VERSION the kernel version for includes.minKernel, as 6.1;\n"
		"                   default: every minKernel is met\n");
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "sysfence: out of memory\n");
		exit(SF_EXIT_USAGE);
	}
	return p;
}

static void *xrealloc(void *p, size_t n, size_t size)
{
	p = realloc(p, (n ? n : 1) * size);
	if (!p) {
		fprintf(stderr, "sysfence: out of memory\n");
		exit(SF_EXIT_USAGE);
	}
	return p;
}

/* "FILE: /syscalls/12 (ptrace, ...): " before an entry's message. */
static void entry_prefix(const struct oci *o, int entry, const char *what)
{
	json_object *e, *names, *name;
	size_t i, n;

	fprintf(stderr, "sysfence: %s: ", o->file);
	if (entry < 0) {
		fprintf(stderr, "%s: ", what);
		return;
	}
	fprintf(stderr, "/syscalls/%d%s", entry, what);
	e = json_object_array_get_idx(json_object_object_get(o->root,
							     "syscalls"),
				      entry);
	if (json_object_object_get_ex(e, "names", &names) &&
	    json_object_is_type(names, json_type_array)) {
		n = json_object_array_length(names);
		fputs(" (", stderr);
		for (i = 0; i < n && i < 3; i++) {
			name = json_object_array_get_idx(names, i);
			fprintf(stderr, "%s%s", i ? ", " : "",
				json_object_get_string(name));
		}
		fprintf(stderr, "%s)", n > 3 ? ", ..." : "");
	} else if (json_object_object_get_ex(e, "name", &name)) {
		fprintf(stderr, " (%s)", json_object_get_string(name));
	}
	fputs(": ", stderr);
}

#define entry_error(o, entry, what, ...) do {				\
		entry_prefix(o, entry, what);				\
		fprintf(stderr, "error: " __VA_ARGS__);			\
		fputc('\n', stderr);					\
	} while (0)

#define entry_warning(o, entry, what, ...) do {				\
		entry_prefix(o, entry, what);				\
		fprintf(stderr, "warning: " __VA_ARGS__);		\
		fputc('\n', stderr);					\
		(o)->warnings++;					\
	} while (0)

static bool string_in(json_object *array, const char *s)
{
	size_t i, n;

	if (!json_object_is_type(array, json_type_array))
		return false;
	n = json_object_array_length(array);
	for (i = 0; i < n; i++) {
		const char *v =
			json_object_get_string(json_object_array_get_idx(array,
									  i));

		if (v && !strcmp(v, s))
			return true;
	}
	return false;
}

/* Whether the process holds capability @cap ("CAP_SYS_ADMIN"). */
static bool holds_cap(const struct oci *o, const char *cap)
{
	unsigned int i;

	if (o->all_caps)
		return true;
	for (i = 0; i < o->ncaps; i++) {
		if (!strcasecmp(o->caps[i], cap))
			return true;
	}
	return false;
}

/* Returns 1 when the entry applies, 0 when not, -1 on a malformed one. */
/*
 * @v, the member @key of includes or excludes, must be absent, null or an
 * array of strings. Returns its length, or -1 after an error.
 */
static int string_array(struct oci *o, int entry, const char *where,
			json_object *parent, const char *key, json_object **v)
{
	char path[48];
	size_t i, n;

	*v = json_object_object_get(parent, key);
	if (!*v)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", where, key);
	if (!json_object_is_type(*v, json_type_array)) {
		entry_error(o, entry, path, "not an array");
		return -1;
	}
	n = json_object_array_length(*v);
	for (i = 0; i < n; i++) {
		if (!json_object_is_type(json_object_array_get_idx(*v, i),
					 json_type_string)) {
			entry_error(o, entry, path, "item %zu is not a string", i);
			return -1;
		}
	}
	return n;
}

/* Returns 1 when the entry applies, 0 when not, -1 on a malformed one. */
static int entry_applies(struct oci *o, int entry, json_object *e)
{
	const char *native = oci_arches[o->native].go;
	json_object *inc = json_object_object_get(e, "includes");
	json_object *exc = json_object_object_get(e, "excludes");
	json_object *arches, *not_arches, *caps, *not_caps, *v;
	int ncaps, nnot_caps, narches, i;

	if (inc && !json_object_is_type(inc, json_type_object)) {
		entry_error(o, entry, "/includes", "not an object");
		return -1;
	}
	if (exc && !json_object_is_type(exc, json_type_object)) {
		entry_error(o, entry, "/excludes", "not an object");
		return -1;
	}
	narches = string_array(o, entry, "/includes", inc, "arches", &arches);
	ncaps = string_array(o, entry, "/includes", inc, "caps", &caps);
	nnot_caps = string_array(o, entry, "/excludes", exc, "caps", &not_caps);
	if (narches < 0 || ncaps < 0 || nnot_caps < 0 ||
	    string_array(o, entry, "/excludes", exc, "arches", &not_arches) < 0)
		return -1;
	if (narches && !string_in(arches, native))
		return 0;
	if (string_in(not_arches, native))
		return 0;
	/* Every capability of includes held, none of excludes (as Docker). */
	for (i = 0; i < ncaps; i++) {
		if (!holds_cap(o, json_object_get_string(
					  json_object_array_get_idx(caps, i))))
			return 0;
	}
	for (i = 0; i < nnot_caps; i++) {
		if (holds_cap(o, json_object_get_string(
					 json_object_array_get_idx(not_caps, i))))
			return 0;
	}
	v = json_object_object_get(inc, "minKernel");
	if (v && o->have_kernel) {
		unsigned int maj = 0, min = 0;

		if (!json_object_is_type(v, json_type_string) ||
		    sscanf(json_object_get_string(v), "%u.%u", &maj, &min) < 1) {
			entry_error(o, entry, "/includes/minKernel",
				    "'%s' is not a kernel version",
				    json_object_get_string(v));
			return -1;
		}
		if (o->kernel[0] < maj ||
		    (o->kernel[0] == maj && o->kernel[1] < min))
			return 0;
	}
	return 1;
}

/*
 * An action and its errnoRet as a verdict. @entry < 0 is the default
 * action. Returns 0, or -1 after an error naming what cannot be expressed.
 */
static int parse_action(struct oci *o, int entry, json_object *action,
			json_object *errno_ret, u32 *verdict)
{
	const char *where = entry < 0 ? "defaultAction" : "/action";
	const char *a = json_object_get_string(action);
	int64_t err = 1;	/* runc's errno when errnoRet is absent */

	if (!action || !json_object_is_type(action, json_type_string)) {
		entry_error(o, entry, where, "missing or not a string");
		return -1;
	}
	if (!strcmp(a, "SCMP_ACT_ALLOW")) {
		*verdict = SF_VERDICT(SF_ACT_ALLOW, 0);
	} else if (!strcmp(a, "SCMP_ACT_LOG")) {
		*verdict = SF_VERDICT(SF_ACT_LOG, 0);
	} else if (!strcmp(a, "SCMP_ACT_TRAP")) {
		*verdict = SF_VERDICT(SF_ACT_TRAP, 0);
	} else if (!strcmp(a, "SCMP_ACT_KILL") ||
		   !strcmp(a, "SCMP_ACT_KILL_THREAD")) {
		/* libseccomp's SCMP_ACT_KILL is SECCOMP_RET_KILL_THREAD. */
		*verdict = SF_VERDICT(SF_ACT_KILL_THREAD, 0);
	} else if (!strcmp(a, "SCMP_ACT_KILL_PROCESS")) {
		*verdict = SF_VERDICT(SF_ACT_KILL, 0);
	} else if (!strcmp(a, "SCMP_ACT_ERRNO")) {
		if (errno_ret) {
			if (!json_object_is_type(errno_ret, json_type_int)) {
				entry_error(o, entry, entry < 0 ?
					    "defaultErrnoRet" : "/errnoRet",
					    "not a number");
				return -1;
			}
			err = json_object_get_int64(errno_ret);
		}
		if (err == 0) {
			entry_error(o, entry, entry < 0 ? "defaultErrnoRet" :
				    "/errnoRet",
				    "SCMP_ACT_ERRNO with errno 0 makes the syscall return 0 without running; sysfence has no such action");
			return -1;
		}
		if (err < 1 || err > 4095) {
			entry_error(o, entry, entry < 0 ? "defaultErrnoRet" :
				    "/errnoRet",
				    "errno %" PRId64 " out of range (1 to 4095)",
				    err);
			return -1;
		}
		*verdict = SF_VERDICT(SF_ACT_ERRNO, err);
	} else if (!strcmp(a, "SCMP_ACT_NOTIFY") ||
		   !strcmp(a, "SCMP_ACT_TRACE")) {
		entry_error(o, entry, where,
			    "%s cannot be expressed: sysfence decides in the kernel and has no %s",
			    a, strcmp(a, "SCMP_ACT_TRACE") ?
			    "user-space supervisor (seccomp user notification)" :
			    "ptrace handoff (SECCOMP_RET_TRACE)");
		return -1;
	} else {
		entry_error(o, entry, where, "unknown action '%s'", a);
		return -1;
	}
	return 0;
}

static int parse_u64(struct oci *o, int entry, const char *where,
		     json_object *v, u64 *out)
{
	if (!json_object_is_type(v, json_type_int)) {
		entry_error(o, entry, where, "missing or not a number");
		return -1;
	}
	/* json-c keeps integers above INT64_MAX as uint64. */
	*out = json_object_get_uint64(v);
	if (*out <= INT64_MAX && json_object_get_int64(v) < 0) {
		entry_error(o, entry, where,
			    "negative; seccomp compares unsigned 64-bit values");
		return -1;
	}
	return 0;
}

/* Parse an entry's "args"; returns the count, or -1. */
static int parse_args(struct oci *o, int entry, json_object *args,
		      struct oci_cond *cond)
{
	char where[48];
	size_t i, n;
	unsigned int k;

	if (!args || json_object_is_type(args, json_type_null))
		return 0;
	if (!json_object_is_type(args, json_type_array)) {
		entry_error(o, entry, "/args", "not an array");
		return -1;
	}
	n = json_object_array_length(args);
	if (n > OCI_MAX_ARGS) {
		entry_error(o, entry, "/args",
			    "%zu conditions; libseccomp takes at most 6", n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(args, i);
		json_object *v;
		u64 index;

		snprintf(where, sizeof(where), "/args/%zu", i);
		if (!json_object_is_type(a, json_type_object)) {
			entry_error(o, entry, where, "not an object");
			return -1;
		}
		snprintf(where, sizeof(where), "/args/%zu/index", i);
		if (parse_u64(o, entry, where,
			      json_object_object_get(a, "index"), &index))
			return -1;
		if (index > 5) {
			entry_error(o, entry, where,
				    "argument %llu does not exist: syscalls take arguments 0 to 5",
				    index);
			return -1;
		}
		cond[i].index = index;
		snprintf(where, sizeof(where), "/args/%zu/value", i);
		if (parse_u64(o, entry, where,
			      json_object_object_get(a, "value"),
			      &cond[i].value))
			return -1;
		cond[i].two = 0;
		v = json_object_object_get(a, "valueTwo");
		snprintf(where, sizeof(where), "/args/%zu/valueTwo", i);
		if (v && parse_u64(o, entry, where, v, &cond[i].two))
			return -1;
		v = json_object_object_get(a, "op");
		snprintf(where, sizeof(where), "/args/%zu/op", i);
		for (k = 0; k < sizeof(oci_ops) / sizeof(oci_ops[0]); k++) {
			if (json_object_is_type(v, json_type_string) &&
			    !strcmp(json_object_get_string(v), oci_ops[k].name))
				break;
		}
		if (k == sizeof(oci_ops) / sizeof(oci_ops[0])) {
			entry_error(o, entry, where, "unknown operator '%s'",
				    v ? json_object_get_string(v) : "");
			return -1;
		}
		cond[i].op = k;
	}
	return n;
}

static struct oci_syscall *find_call(struct oci *o, const char *name)
{
	unsigned int i;

	for (i = 0; i < o->ncalls; i++) {
		if (!strcmp(o->calls[i].name, name))
			return &o->calls[i];
	}
	return NULL;
}

static u32 abis_with(const struct oci *o, const char *name)
{
	u32 abis = 0;
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if ((o->abis & SF_ABI_MASK(abi)) &&
		    sf_syscall_by_name(abi, name, strlen(name)))
			abis |= SF_ABI_MASK(abi);
	}
	return abis;
}

static void add_rule_to(struct oci *o, const char *name, unsigned int rule)
{
	struct oci_syscall *c = find_call(o, name);
	unsigned int i;

	if (!c) {
		u32 abis = abis_with(o, name);

		if (!abis) {
			for (i = 0; i < o->nunknown; i++) {
				if (!strcmp(o->unknown[i], name))
					return;
			}
			o->unknown = xrealloc(o->unknown, o->nunknown + 1,
					      sizeof(*o->unknown));
			o->unknown[o->nunknown++] = (char *)name;
			return;
		}
		o->calls = xrealloc(o->calls, o->ncalls + 1, sizeof(*o->calls));
		c = &o->calls[o->ncalls++];
		memset(c, 0, sizeof(*c));
		c->name = name;
		c->abis = abis;
		c->uncond = -1;
	}
	if (!o->rules[rule].ncond) {
		if (c->uncond >= 0) {
			if (o->rules[c->uncond].verdict != o->rules[rule].verdict)
				entry_warning(o, o->rules[rule].entry, "",
					      "'%s' is already decided unconditionally by /syscalls/%u; libseccomp keeps that rule, and so does the policy",
					      name, o->rules[c->uncond].entry);
			return;
		}
		c->uncond = rule;
	}
	c->rules = xrealloc(c->rules, c->nrules + 1, sizeof(*c->rules));
	c->rules[c->nrules++] = rule;
}

static unsigned int new_rule(struct oci *o, unsigned int entry, u32 verdict)
{
	o->rules = xrealloc(o->rules, o->nrules + 1, sizeof(*o->rules));
	memset(&o->rules[o->nrules], 0, sizeof(*o->rules));
	o->rules[o->nrules].entry = entry;
	o->rules[o->nrules].verdict = verdict;
	return o->nrules++;
}

static int read_entry(struct oci *o, unsigned int entry, json_object *e)
{
	struct oci_cond cond[OCI_MAX_ARGS];
	json_object *names, *name;
	unsigned int first, count, i, k;
	bool repeated = false;
	int ncond, ret;
	size_t n, j;
	u32 verdict;

	if (!json_object_is_type(e, json_type_object)) {
		entry_error(o, (int)entry, "", "not an object");
		return -1;
	}
	ret = entry_applies(o, entry, e);
	if (ret <= 0)
		return ret;
	if (parse_action(o, entry, json_object_object_get(e, "action"),
			 json_object_object_get(e, "errnoRet"), &verdict))
		return -1;
	ncond = parse_args(o, entry, json_object_object_get(e, "args"), cond);
	if (ncond < 0)
		return -1;
	/* libseccomp refuses a rule whose action is the default; runc skips it. */
	if (verdict == o->dflt)
		return 0;

	for (i = 0; i < (unsigned int)ncond; i++) {
		for (k = 0; k < i; k++)
			repeated |= cond[k].index == cond[i].index;
	}
	first = o->nrules;
	if (repeated) {
		/* runc: one rule per condition when an argument repeats. */
		for (i = 0; i < (unsigned int)ncond; i++) {
			k = new_rule(o, entry, verdict);
			o->rules[k].ncond = 1;
			o->rules[k].cond[0] = cond[i];
		}
	} else {
		k = new_rule(o, entry, verdict);
		o->rules[k].ncond = ncond;
		memcpy(o->rules[k].cond, cond, sizeof(cond[0]) * ncond);
	}
	count = o->nrules - first;

	names = json_object_object_get(e, "names");
	if (!names && json_object_object_get_ex(e, "name", &name)) {
		/* Docker's first profile format: one "name" per entry. */
		if (!json_object_is_type(name, json_type_string)) {
			entry_error(o, entry, "/name", "not a string");
			return -1;
		}
		for (i = 0; i < count; i++)
			add_rule_to(o, json_object_get_string(name), first + i);
		return 0;
	}
	if (!json_object_is_type(names, json_type_array)) {
		entry_error(o, entry, "/names", "missing or not an array");
		return -1;
	}
	n = json_object_array_length(names);
	for (j = 0; j < n; j++) {
		name = json_object_array_get_idx(names, j);
		if (!json_object_is_type(name, json_type_string)) {
			char where[32];

			snprintf(where, sizeof(where), "/names/%zu", j);
			entry_error(o, entry, where, "not a string");
			return -1;
		}
		for (i = 0; i < count; i++)
			add_rule_to(o, json_object_get_string(name), first + i);
	}
	return 0;
}

static int arch_index(const char *s)
{
	unsigned int i;

	for (i = 0; i < sizeof(oci_arches) / sizeof(oci_arches[0]); i++) {
		if (!strcmp(oci_arches[i].scmp, s) || !strcmp(oci_arches[i].go, s))
			return i;
	}
	return -1;
}

/*
 * --arch: OCI's names, or the ABI's as sysfence and the kernel name it
 * (x86_64, i386, aarch64), which name one OCI architecture each.
 */
static int native_index(const char *s)
{
	int i = arch_index(s);
	unsigned int j;

	for (j = 0; i < 0 && j < ARRAY_SIZE(oci_arches); j++) {
		if (!strcmp(sf_abi_name(oci_arches[j].abi), s))
			i = j;
	}
	return i;
}

/* Collect the ABIs: archMap for the native arch, else architectures. */
static int read_arches(struct oci *o, FILE *out)
{
	json_object *map = json_object_object_get(o->root, "archMap");
	json_object *list = json_object_object_get(o->root, "architectures");
	json_object *subs = NULL;
	size_t i, n;
	int a;

	if (map && !json_object_is_type(map, json_type_array)) {
		entry_error(o, -1, "archMap", "not an array");
		return -1;
	}
	if (!map && list && !json_object_is_type(list, json_type_array)) {
		entry_error(o, -1, "architectures", "not an array");
		return -1;
	}
	if (map) {
		n = json_object_array_length(map);
		for (i = 0; i < n; i++) {
			json_object *m = json_object_array_get_idx(map, i);
			const char *arch = json_object_get_string(
				json_object_object_get(m, "architecture"));

			if (arch && !strcmp(arch, oci_arches[o->native].scmp)) {
				subs = json_object_object_get(m,
							      "subArchitectures");
				break;
			}
		}
		o->abis = SF_ABI_MASK(oci_arches[o->native].abi);
		list = subs;
	} else if (!list || !json_object_array_length(list)) {
		o->abis = SF_ABI_MASK(oci_arches[o->native].abi);
		return 0;
	}
	n = json_object_is_type(list, json_type_array) ?
		json_object_array_length(list) : 0;
	for (i = 0; i < n; i++) {
		const char *arch = json_object_get_string(
			json_object_array_get_idx(list, i));

		a = arch ? arch_index(arch) : -1;
		/* A policy names the ABIs of one architecture, the native one's. */
		if (a >= 0 &&
		    (sf_target_arch->abis & SF_ABI_MASK(oci_arches[a].abi)))
			o->abis |= SF_ABI_MASK(oci_arches[a].abi);
		else
			fprintf(out, "# Architecture %s: not %s, left out.\n",
				arch ? arch : "(not a string)",
				sf_target_arch == &sf_arch_x86_64 ? "x86" :
				sf_target_arch->name);
	}
	if (!o->abis) {
		entry_error(o, -1, map ? "archMap" : "architectures",
			    "no %s architecture listed",
			    sf_target_arch == &sf_arch_x86_64 ? "x86" :
			    sf_target_arch->name);
		return -1;
	}
	return 0;
}

/*
 * The field to compare argument @index of @c as, and how to print values
 * for it: the argument's name when it is the same on every ABI of the
 * syscall and compares like seccomp for this condition (an ordering on a
 * signed argument does not: seccomp compares unsigned), else argN. Sets
 * *bits to the narrowest width the name has.
 */
static const char *field_for(const struct oci_syscall *c,
			     const struct oci_cond *cond, char *buf,
			     size_t size, unsigned int *bits, bool *is_signed)
{
	unsigned int widest = 0;
	const char *name = NULL;
	bool same = true;
	u64 max;
	int abi;

	*bits = 64;
	*is_signed = false;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall *sc;
		unsigned int b;

		if (!(c->abis & SF_ABI_MASK(abi)))
			continue;
		sc = sf_syscall_by_name(abi, c->name, strlen(c->name));
		if (cond->index >= sc->nargs)
			return NULL;
		if (name && strcmp(name, sc->args[cond->index]))
			same = false;
		name = sc->args[cond->index];
		b = SF_TYPE_BITS(sc->types[cond->index]);
		if (b < *bits)
			*bits = b;
		if (b > widest)
			widest = b;
		*is_signed |= SF_TYPE_IS_SIGNED(sc->types[cond->index]);
	}
	max = *bits == 64 ? ~0ULL : (1ULL << *bits) - 1;
	/*
	 * seccomp compares unsigned: an ordering on a signed argument would
	 * not mean the same. A signed argument of different widths on two
	 * ABIs (a long) reads a value with its sign bit set differently on
	 * each, so only values below it have one spelling.
	 */
	if (*is_signed && (cond->op != OCI_EQ && cond->op != OCI_NE &&
			   cond->op != OCI_MASKED_EQ))
		same = false;
	if (*is_signed && widest != *bits) {
		max >>= 1;
		if (cond->op == OCI_MASKED_EQ)
			same = false;
	}
	if (same && cond->value <= max && cond->two <= max)
		return name;
	snprintf(buf, size, "arg%u", cond->index);
	/* argN is the register at the ABI's width, unsigned, as in seccomp. */
	*bits = c->abis & SF_ABI_MASK(SF_ABI_I386) ? 32 : 64;
	*is_signed = false;
	return buf;
}

static void print_value(FILE *out, u64 v, unsigned int bits, bool is_signed,
			bool hex)
{
	if (is_signed && bits < 64 && (v >> (bits - 1)) & 1) {
		fprintf(out, "-%llu", (1ULL << bits) - v);
		return;
	}
	if (hex || v > 0xffff)
		fprintf(out, "%#llx", v);
	else
		fprintf(out, "%llu", v);
}

/*
 * Print the condition of rule @r for syscall @c into @out. Returns 0, or -1
 * when the condition cannot be expressed (an argument the syscall does not
 * take, a value wider than the argument on an ABI).
 */
static int print_condition(struct oci *o, FILE *out,
			   const struct oci_syscall *c, const struct oci_rule *r)
{
	unsigned int i, bits;
	bool is_signed;
	char buf[8];

	for (i = 0; i < r->ncond; i++) {
		const struct oci_cond *cond = &r->cond[i];
		const char *field = field_for(c, cond, buf, sizeof(buf), &bits,
					      &is_signed);
		u64 max = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

		if (!field) {
			entry_error(o, r->entry, "/args",
				    "'%s' takes no argument %u on every ABI, so the condition cannot be expressed",
				    c->name, cond->index);
			return -1;
		}
		if (cond->value > max || cond->two > max) {
			entry_error(o, r->entry, "/args",
				    "value of argument %u of '%s' does not fit its 32 bits on i386",
				    cond->index, c->name);
			return -1;
		}
		if (i)
			fputs(" && ", out);
		if (cond->op == OCI_MASKED_EQ) {
			fprintf(out, "(%s & ", field);
			print_value(out, cond->value, bits, false, true);
			fputs(") == ", out);
			print_value(out, cond->two, bits, false, true);
		} else {
			fprintf(out, "%s %s ", field, oci_ops[cond->op].op);
			print_value(out, cond->value, bits, is_signed, false);
		}
	}
	return 0;
}

/* name, or name? when some listed ABI lacks it. */
static const char *ref(const struct oci *o, const struct oci_syscall *c,
		       char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", c->name, c->abis == o->abis ? "" : "?");
	return buf;
}

/* Lines of "ACTION name, name, ..." wrapped at OCI_LINE_WIDTH. */
static void print_list(FILE *out, const char *action, const char **names,
		       unsigned int n)
{
	unsigned int i, col = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		if (col && col + len + 2 > OCI_LINE_WIDTH) {
			fputc('\n', out);
			col = 0;
		}
		if (!col)
			col = fprintf(out, "%s %s", action, names[i]);
		else
			col += fprintf(out, ", %s", names[i]);
	}
	if (col)
		fputc('\n', out);
}

/*
 * The values a condition accepts, when they form one interval: *lo..*hi.
 * Unsigned 64-bit, as seccomp compares.
 */
static bool interval(const struct oci_cond *c, u64 *lo, u64 *hi)
{
	*lo = 0;
	*hi = ~0ULL;
	switch (c->op) {
	case OCI_EQ:
		*lo = *hi = c->value;
		return true;
	case OCI_LT:
		if (!c->value)
			return false;
		*hi = c->value - 1;
		return true;
	case OCI_LE:
		*hi = c->value;
		return true;
	case OCI_GT:
		if (c->value == ~0ULL)
			return false;
		*lo = c->value + 1;
		return true;
	case OCI_GE:
		*lo = c->value;
		return true;
	default:
		return false;
	}
}

/*
 * Two conditional rules with different actions on one syscall: where both
 * match, libseccomp's answer depends on how it orders its decision tree and
 * the policy's on rule order. Pairs that provably never both match are
 * fine: one argument in disjoint ranges, equal and not equal to one value,
 * or masked to different values under one mask.
 */
static bool disjoint(const struct oci_rule *a, const struct oci_rule *b)
{
	unsigned int i, k;

	for (i = 0; i < a->ncond; i++) {
		for (k = 0; k < b->ncond; k++) {
			const struct oci_cond *x = &a->cond[i], *y = &b->cond[k];
			u64 xlo, xhi, ylo, yhi;

			if (x->index != y->index)
				continue;
			if (interval(x, &xlo, &xhi) && interval(y, &ylo, &yhi) &&
			    (xhi < ylo || yhi < xlo))
				return true;
			if (((x->op == OCI_EQ && y->op == OCI_NE) ||
			     (x->op == OCI_NE && y->op == OCI_EQ)) &&
			    x->value == y->value)
				return true;
			if (x->op == OCI_MASKED_EQ && y->op == OCI_MASKED_EQ &&
			    x->value == y->value && x->two != y->two)
				return true;
		}
	}
	return false;
}

static void warn_overlaps(struct oci *o)
{
	unsigned int i, j, k;

	for (i = 0; i < o->ncalls; i++) {
		const struct oci_syscall *c = &o->calls[i];

		if (c->uncond >= 0) {
			const struct oci_rule *u = &o->rules[c->uncond];

			for (j = 0; j < c->nrules; j++) {
				const struct oci_rule *r = &o->rules[c->rules[j]];

				if (!r->ncond || r->verdict == u->verdict ||
				    (j && o->rules[c->rules[j - 1]].entry ==
				     r->entry))
					continue;
				entry_warning(o, r->entry, "",
					      "the conditions on '%s' never apply: /syscalls/%u decides it unconditionally, which libseccomp lets override them",
					      c->name, u->entry);
			}
			continue;
		}
		for (j = 0; j < c->nrules; j++) {
			for (k = j + 1; k < c->nrules; k++) {
				const struct oci_rule *a = &o->rules[c->rules[j]];
				const struct oci_rule *b = &o->rules[c->rules[k]];

				if (a->verdict == b->verdict || disjoint(a, b))
					continue;
				entry_warning(o, b->entry, "",
					      "'%s' may also match /syscalls/%u, whose action differs: the policy applies the earlier rule, libseccomp the one its decision tree reaches first",
					      c->name, a->entry);
			}
		}
	}
}

/* One rule's condition as text (malloc()ed), or NULL after an error. */
static char *condition_text(struct oci *o, const struct oci_syscall *c,
			    const struct oci_rule *r, bool value_only)
{
	unsigned int bits;
	bool is_signed;
	char *text = NULL, buf[8];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f) {
		fprintf(stderr, "sysfence: out of memory\n");
		return NULL;
	}
	if (value_only) {
		field_for(c, &r->cond[0], buf, sizeof(buf), &bits, &is_signed);
		print_value(f, r->cond[0].value, bits, is_signed, false);
	} else if (print_condition(o, f, c, r)) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

/*
 * Whether rules [from, to) of @c each test the same named argument for
 * equality, so that they read as one "in" set.
 */
static const char *set_field(const struct oci *o, const struct oci_syscall *c,
			     unsigned int from, unsigned int to)
{
	const char *field = NULL, *f;
	unsigned int k, bits;
	bool is_signed;
	char buf[8];

	if (to - from < 2)
		return NULL;
	for (k = from; k < to; k++) {
		const struct oci_rule *q = &o->rules[c->rules[k]];

		if (q->ncond != 1 || q->cond[0].op != OCI_EQ)
			return NULL;
		f = field_for(c, &q->cond[0], buf, sizeof(buf), &bits,
			      &is_signed);
		if (!f || f == buf || (field && strcmp(field, f)))
			return NULL;
		field = f;
	}
	return field;
}

/*
 * The conditional rules of @c as "VERDICT\tCONDITION\n" lines: adjacent
 * rules with one verdict become one line, their conditions joined with ||
 * (or an "in" set when each tests one argument for equality), repeats
 * dropped. Returns a malloc()ed string, or NULL after an error.
 */
static char *conditional_block(struct oci *o, const struct oci_syscall *c)
{
	char **alts = xcalloc(c->nrules, sizeof(*alts));
	char *block = NULL, action[32];
	size_t block_len = 0;
	unsigned int i = 0, j, k, m, nalts;
	const char *field;
	FILE *out = open_memstream(&block, &block_len);
	bool ok = out != NULL;

	while (ok && i < c->nrules) {
		u32 verdict = o->rules[c->rules[i]].verdict;

		for (j = i; j < c->nrules &&
		     o->rules[c->rules[j]].verdict == verdict; j++)
			;
		field = set_field(o, c, i, j);
		nalts = 0;
		for (k = i; k < j && ok; k++) {
			char *t = condition_text(o, c, &o->rules[c->rules[k]],
						 field != NULL);

			ok = t != NULL;
			/* Profiles repeat entries: say each alternative once. */
			for (m = 0; ok && m < nalts && strcmp(alts[m], t); m++)
				;
			if (ok && m == nalts)
				alts[nalts++] = t;
			else
				free(t);
		}
		sf_verdict_format(verdict, action, sizeof(action));
		fprintf(out, "%s\t", action);
		if (field)
			fprintf(out, "%s in {", field);
		for (m = 0; ok && m < nalts; m++) {
			bool paren = !field && nalts > 1 && strstr(alts[m], "&&");

			fprintf(out, "%s%s%s%s", m ? (field ? ", " : " || ") : "",
				paren ? "(" : "", alts[m], paren ? ")" : "");
		}
		fprintf(out, "%s\n", field ? "}" : "");
		for (m = 0; m < nalts; m++)
			free(alts[m]);
		i = j;
	}
	free(alts);
	if (out)
		fclose(out);
	if (!ok) {
		if (!out)
			fprintf(stderr, "sysfence: out of memory\n");
		free(block);
		return NULL;
	}
	return block;
}

static int print_policy(struct oci *o, FILE *out)
{
	const char **names = xcalloc(o->ncalls, sizeof(*names));
	char (*refs)[64] = xcalloc(o->ncalls, sizeof(*refs));
	bool *done = xcalloc(o->ncalls, sizeof(*done));
	char **blocks = xcalloc(o->ncalls, sizeof(*blocks));
	char action[32];
	unsigned int i, j, k, n;
	int abi, ret = -1;

	sf_verdict_format(o->dflt, action, sizeof(action));
	fprintf(out, "default %s\nabi", action);
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (o->abis & SF_ABI_MASK(abi))
			fprintf(out, " %s", sf_abi_name(abi));
	}
	fputc('\n', out);

	/* Unconditional rules: one list per verdict, in order of appearance. */
	for (i = 0; i < o->ncalls; i++) {
		u32 v;

		if (done[i] || o->calls[i].uncond < 0)
			continue;
		v = o->rules[o->calls[i].uncond].verdict;
		n = 0;
		for (j = i; j < o->ncalls; j++) {
			if (done[j] || o->calls[j].uncond < 0 ||
			    o->rules[o->calls[j].uncond].verdict != v)
				continue;
			done[j] = true;
			names[n++] = ref(o, &o->calls[j], refs[j],
					 sizeof(refs[j]));
		}
		sf_verdict_format(v, action, sizeof(action));
		fputc('\n', out);
		print_list(out, action, names, n);
	}
	memset(done, 0, o->ncalls * sizeof(*done));

	/*
	 * Conditional rules: syscalls whose rules read alike share lines, in
	 * order of first appearance.
	 */
	for (i = 0; i < o->ncalls; i++) {
		if (o->calls[i].uncond >= 0)
			continue;
		blocks[i] = conditional_block(o, &o->calls[i]);
		if (!blocks[i])
			goto out;
	}
	for (i = 0; i < o->ncalls; i++) {
		char *line, *next, *cond;

		if (!blocks[i] || done[i])
			continue;
		n = 0;
		for (j = i; j < o->ncalls; j++) {
			if (blocks[j] && !done[j] && !strcmp(blocks[i], blocks[j])) {
				done[j] = true;
				names[n++] = ref(o, &o->calls[j], refs[j],
						 sizeof(refs[j]));
			}
		}
		fputc('\n', out);
		for (line = blocks[i]; *line; line = next) {
			next = strchr(line, '\n');
			*next++ = 0;
			cond = strchr(line, '\t');
			*cond++ = 0;
			fprintf(out, "%s ", line);
			for (k = 0; k < n; k++)
				fprintf(out, "%s%s", k ? ", " : "", names[k]);
			fprintf(out, " if %s\n", cond);
		}
	}
	ret = 0;
out:
	for (i = 0; i < o->ncalls; i++)
		free(blocks[i]);
	free(blocks);
	free(names);
	free(refs);
	free(done);
	return ret;
}

/*
 * Parse FILE's JSON, at most as large as a policy may be. A syntax error is
 * reported as file:line:col. Returns NULL with *status set on failure.
 */
static json_object *parse_json(const char *path, const char *file,
			       int *status)
{
	struct json_tokener *tok;
	json_object *root;
	size_t len, i, line = 1, col = 1, off;
	char *text;

	*status = SF_EXIT_USAGE;
	if (sf_read_policy(path, &text, &len))
		return NULL;
	*status = SF_EXIT_INVALID;
	if (len > SF_MAX_POLICY_SIZE) {
		fprintf(stderr, "sysfence: %s: error: larger than %d bytes\n",
			file, SF_MAX_POLICY_SIZE);
		free(text);
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		fprintf(stderr, "sysfence: out of memory\n");
		free(text);
		return NULL;
	}
	root = json_tokener_parse_ex(tok, text, len);
	if (!root || json_tokener_get_parse_end(tok) < len) {
		enum json_tokener_error err = json_tokener_get_error(tok);

		off = json_tokener_get_parse_end(tok);
		for (i = 0; i < off && i < len; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		fprintf(stderr, "sysfence: %s:%zu:%zu: error: %s\n", file, line,
			col, root ? "text after the JSON value" :
			err == json_tokener_continue ?
			"unexpected end of file" :
			json_tokener_error_desc(err));
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	free(text);
	return root;
}

/*
 * Whether @cap names a capability the uapi headers define (the engine's
 * CAP_* constants); otherwise says so, with the closest name. A misspelt
 * capability would silently import the profile for a process without it.
 */
static bool known_cap(const char *cap)
{
	char upper[64], hint[SF_SUGGESTION_MAX];
	struct sf_suggest sg;
	size_t i, len = strlen(cap);
	u32 k;

	if (len >= sizeof(upper))
		len = sizeof(upper) - 1;
	for (i = 0; i < len; i++)
		upper[i] = cap[i] >= 'a' && cap[i] <= 'z' ? cap[i] - 32 : cap[i];
	upper[len] = '\0';
	if (sf_constant_lookup(upper, len))
		return true;
	sf_suggest_init(&sg, upper, len);
	for (k = 0; k < sf_constants_count; k++)
		if (!strncmp(sf_constants[k].name, "CAP_", 4))
			sf_suggest(&sg, sf_constants[k].name);
	fprintf(stderr, "sysfence: import-oci: unknown capability '%s'%s\n",
		cap, sf_suggestion(&sg, hint, sizeof(hint)));
	return false;
}

static int parse_caps(struct oci *o, char *arg)
{
	char *save = NULL, *cap;

	if (!strcmp(arg, "all")) {
		o->all_caps = true;
		return 0;
	}
	if (!strcmp(arg, "none"))
		return 0;
	for (cap = strtok_r(arg, ",", &save); cap;
	     cap = strtok_r(NULL, ",", &save)) {
		if (strncasecmp(cap, "CAP_", 4)) {
			fprintf(stderr,
				"sysfence: import-oci: '%s' is not a capability name (CAP_...)\n",
				cap);
			return -1;
		}
		if (!known_cap(cap))
			return -1;
		o->caps = xrealloc(o->caps, o->ncaps + 1, sizeof(*o->caps));
		o->caps[o->ncaps++] = cap;
	}
	return 0;
}

static void print_header(struct oci *o, FILE *out, const char *caps_arg)
{
	unsigned int i;

	fprintf(out, "# Imported by 'sysfence import-oci' from %s,\n", o->file);
	fprintf(out, "# for a process of native architecture %s holding %s",
		oci_arches[o->native].go,
		o->all_caps ? "every capability" :
		o->ncaps ? "the capabilities " : "no capability");
	if (!o->all_caps && o->ncaps)
		fputs(caps_arg, out);
	if (o->have_kernel)
		fprintf(out, ",\n# on Linux %u.%u.\n", o->kernel[0],
			o->kernel[1]);
	else
		fputs(",\n# on a kernel that meets every minKernel.\n", out);
	if (o->nunknown) {
		const char **names = xcalloc(o->nunknown, sizeof(*names));

		fputs("# Named by the profile but on no ABI of the policy:\n",
		      out);
		for (i = 0; i < o->nunknown; i++)
			names[i] = o->unknown[i];
		print_list(out, "#  ", names, o->nunknown);
		free(names);
	}
}

/*
 * The translation must compile: anything else is a bug of this command.
 * What the compiler warns about is a weakness of the profile itself (an
 * i386 socket rule that socketcall bypasses, say), which seccomp has too:
 * say it, about the profile.
 */
static int check_translation(struct oci *o, const char *text, size_t len)
{
	struct sf_policy *p;
	struct sf_diag diag;
	u32 i;

	if (sf_policy_compile(text, len, &p, &diag)) {
		fprintf(stderr,
			"sysfence: import-oci: internal error: the translation does not compile:\n");
		sf_print_diag(stderr, "<translation>", text, len, &diag,
			      "error");
		return -1;
	}
	for (i = 0; i < sf_policy_warning_count(p); i++)
		fprintf(stderr, "sysfence: %s: warning: as imported, and under seccomp: %s\n",
			o->file, sf_policy_warning(p, i)->msg);
	sf_policy_free(p);
	return 0;
}

int cmd_import_oci(int argc, char **argv)
{
	static const struct option options[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "caps", required_argument, NULL, 'c' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct oci o = { .native = -1 };
	const struct sf_arch *const *a;
	char *caps_arg = NULL, *caps_copy = NULL;
	json_object *syscalls;
	char *body = NULL, *head = NULL;
	size_t body_len = 0, head_len = 0;
	FILE *body_out = NULL, *head_out = NULL;
	int opt, ret = SF_EXIT_INVALID;
	unsigned int i;
	size_t n;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			o.native = native_index(optarg);
			if (o.native < 0) {
				fprintf(stderr,
					"sysfence: import-oci: unknown architecture '%s' (amd64 or x86_64, x86 or i386, x32, arm64 or aarch64, arm)\n",
					optarg);
				return SF_EXIT_USAGE;
			}
			break;
		case 'c':
			caps_arg = optarg;
			break;
		case 'k':
			if (sscanf(optarg, "%u.%u", &o.kernel[0],
				   &o.kernel[1]) != 2) {
				fprintf(stderr,
					"sysfence: import-oci: '%s' is not a kernel version (as 6.1)\n",
					optarg);
				return SF_EXIT_USAGE;
			}
			o.have_kernel = true;
			break;
		case 'h':
			import_usage(stdout);
			return SF_EXIT_OK;
		default:
			import_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		import_usage(stderr);
		return SF_EXIT_USAGE;
	}
	/*
	 * Native: the CLI's architecture's unless --arch says; the policy is
	 * for the architecture of that ABI.
	 */
	for (i = 0; o.native < 0 && i < ARRAY_SIZE(oci_arches); i++)
		if (oci_arches[i].abi == sf_target_arch->native)
			o.native = i;
	if (o.native < 0)
		o.native = 0;
	for (a = sf_arches; *a; a++)
		if ((*a)->abis & SF_ABI_MASK(oci_arches[o.native].abi))
			sf_target_arch = *a;
	if (caps_arg) {
		caps_copy = strdup(caps_arg);
		if (!caps_copy || parse_caps(&o, caps_copy)) {
			free(caps_copy);
			return SF_EXIT_USAGE;
		}
	}
	o.file = sf_display_name(argv[optind]);
	o.root = parse_json(argv[optind], o.file, &ret);
	if (!o.root)
		goto out;
	ret = SF_EXIT_INVALID;
	if (!json_object_is_type(o.root, json_type_object)) {
		fprintf(stderr, "sysfence: %s: error: not a JSON object\n",
			o.file);
		goto out;
	}
	body_out = open_memstream(&body, &body_len);
	head_out = open_memstream(&head, &head_len);
	if (!body_out || !head_out) {
		fprintf(stderr, "sysfence: out of memory\n");
		goto out;
	}
	if (parse_action(&o, -1, json_object_object_get(o.root,
							"defaultAction"),
			 json_object_object_get(o.root, "defaultErrnoRet"),
			 &o.dflt))
		goto out;
	if (json_object_object_get(o.root, "listenerPath"))
		fprintf(head_out,
			"# listenerPath: no seccomp user notification here, left out.\n");
	if (read_arches(&o, head_out))
		goto out;
	syscalls = json_object_object_get(o.root, "syscalls");
	if (syscalls && !json_object_is_type(syscalls, json_type_array)) {
		fprintf(stderr, "sysfence: %s: /syscalls: error: not an array\n",
			o.file);
		goto out;
	}
	n = syscalls ? json_object_array_length(syscalls) : 0;
	for (i = 0; i < n; i++) {
		if (read_entry(&o, i, json_object_array_get_idx(syscalls, i)))
			goto out;
	}
	warn_overlaps(&o);
	if (print_policy(&o, body_out))
		goto out;
	fclose(body_out);
	body_out = NULL;

	if (check_translation(&o, body, body_len))
		goto out;
	print_header(&o, stdout, caps_arg);
	fclose(head_out);
	head_out = NULL;
	fwrite(head, 1, head_len, stdout);
	fwrite(body, 1, body_len, stdout);
	ret = fflush(stdout) ? SF_EXIT_USAGE : SF_EXIT_OK;
out:
	if (body_out)
		fclose(body_out);
	if (head_out)
		fclose(head_out);
	free(body);
	free(head);
	for (i = 0; i < o.ncalls; i++)
		free(o.calls[i].rules);
	free(o.calls);
	free(o.rules);
	free(o.unknown);
	free(o.caps);
	free(caps_copy);
	json_object_put(o.root);
	return ret;
}
