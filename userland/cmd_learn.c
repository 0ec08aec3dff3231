// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence learn [-o FILE] [--args] [--merge POLICY] [--default ACTION]
 * -- CMD [ARG...]: run CMD recording each distinct syscall it and all its
 * threads and descendants make, then write the smallest policy that allows
 * them.
 *
 * The recording is a layer that logs every syscall, loaded with a unique
 * listener (SYSFENCE_LOAD_UNIQUE): the kernel reports each distinct (ABI,
 * syscall, values of the arguments with a constant family) once, however
 * often it recurs, so no syscall is lost to a full ring; should more
 * distinct decisions come than the listener remembers, they are counted,
 * and learn fails.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "confine.h"
#include "decode.h"
#include "diag.h"
#include "events.h"
#include "expr_program.h"

static void learn_usage(FILE *out, bool full)
{
	fprintf(out,
		"usage: sysfence learn [-o FILE] [--args] [--merge POLICY]\n"
		"                      [--default ACTION] -- CMD [ARG...]\n");
	if (!full) {
		fprintf(out, "Try 'sysfence learn --help' for more.\n");
		return;
	}
	fprintf(out,
		"\n"
		"Run CMD, record every syscall it and all its threads and descendants\n"
		"make until they have all exited, and write a policy that allows\n"
		"exactly those syscalls: 'default errno EPERM', the ABIs seen, one\n"
		"allow line per syscall, sorted by name.\n\n"
		"  -o, --output FILE      write the policy there (default: standard output)\n"
		"  -a, --args             restrict syscalls whose arguments have named\n"
		"                         values (openat flags, socket family and type,\n"
		"                         clone flags, ioctl requests, prctl options, fcntl\n"
		"                         commands, mmap and mprotect prot) to the values seen\n"
		"  -m, --merge POLICY     widen POLICY instead: add rules for what it\n"
		"                         does not allow, before its own rules\n"
		"  -d, --default ACTION   the default action (default: errno EPERM)\n"
		"  -h, --help             print this help\n\n"
		"Exit status: 0 when the policy was written, 1 when decisions were lost\n"
		"or the result is not a valid policy, 2 for a usage error, 125 when\n"
		"sysfence fails otherwise, 126 and 127 when CMD cannot be executed.\n");
}

/* The distinct argument values of the families, per ABI and syscall. */
struct learned {
	enum sf_abi abi;
	const struct sf_syscall *call;
	u32 ntuples;
	u64 (*tuples)[SF_MAX_ARGS];
};

struct learn {
	struct learned *calls;
	u32 ncalls;
	u32 abis;
	unsigned long long lost;
	bool failed;
};

static int learn_event(void *ctx, int layer, const struct sysfence_event *ev)
{
	struct learn *l = ctx;
	const struct sf_syscall *call;
	struct learned *c = NULL;
	u64 key[SF_MAX_ARGS] = { 0 };
	u32 i;

	(void)layer;
	if (ev->lost || ev->type == SYSFENCE_EVENT_LOST) {
		sf_event_report_lost(stderr, false,
				     ev->type == SYSFENCE_EVENT_LOST ?
				     ev->count : ev->lost, &l->lost);
		if (ev->type == SYSFENCE_EVENT_LOST)
			return 0;
	}
	if (ev->type != SYSFENCE_EVENT_DECISION || ev->abi >= SF_ABI_COUNT)
		return 0;
	call = sf_syscall_by_nr(ev->abi, sf_syscall_slot(ev->abi, ev->nr));
	if (!call) {
		fprintf(stderr, "sysfence: %s syscall %u has no name: not learned\n",
			sf_abi_name(ev->abi), ev->nr);
		l->failed = true;
		return 0;
	}
	l->abis |= SF_ABI_MASK(ev->abi);
	for (i = 0; i < call->nargs; i++)
		if (sf_arg_family_of(call, i))
			key[i] = sf_arg_value(call, i, ev->args[i]);
	for (i = 0; i < l->ncalls; i++)
		if (l->calls[i].abi == ev->abi && l->calls[i].call == call)
			c = &l->calls[i];
	if (!c) {
		struct learned *more = realloc(l->calls,
					       (l->ncalls + 1) * sizeof(*more));

		if (!more)
			return -ENOMEM;
		l->calls = more;
		c = &l->calls[l->ncalls++];
		memset(c, 0, sizeof(*c));
		c->abi = ev->abi;
		c->call = call;
	}
	for (i = 0; i < c->ntuples; i++)
		if (!memcmp(c->tuples[i], key, sizeof(key)))
			return 0;
	c->tuples = realloc(c->tuples, (c->ntuples + 1) * sizeof(*c->tuples));
	if (!c->tuples)
		return -ENOMEM;
	memcpy(c->tuples[c->ntuples++], key, sizeof(key));
	return 0;
}

/* Sorted by name, then ABI, so that equal names are neighbours. */
static int learned_cmp(const void *a, const void *b)
{
	const struct learned *x = a, *y = b;
	int c = strcmp(x->call->name, y->call->name);

	return c ? c : (int)x->abi - (int)y->abi;
}

static int tuple_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(u64[SF_MAX_ARGS]));
}

struct text {
	char *buf;
	size_t len;
	size_t cap;
	bool oom;
};

static __attribute__((format(printf, 2, 3)))
void text_printf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || t->oom)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *bigger = realloc(t->buf, cap);

		if (!bigger) {
			t->oom = true;
			return;
		}
		t->buf = bigger;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += n;
}

/* A value of family @f in policy syntax: NAME, or (A | B | 0x40). */
static void text_value(struct text *t, const struct sf_arg_family *f,
		       enum sf_abi abi, u64 v)
{
	char buf[512];

	if (sf_decode_family(f, abi, v, " | ", buf, sizeof(buf)) > 1)
		text_printf(t, "(%s)", buf);
	else
		text_printf(t, "%s", buf);
}

/* The condition over the family arguments' values seen, or nothing. */
static void text_condition(struct text *t, const struct learned *c)
{
	const struct sf_syscall *call = c->call;
	u32 fam[SF_MAX_ARGS], nfam = 0, i, j;

	for (i = 0; i < call->nargs; i++)
		if (sf_arg_family_of(call, i))
			fam[nfam++] = i;
	/* Beyond the language's limits the syscall stays unconditional. */
	if (!nfam || c->ntuples * nfam > SF_MAX_SET)
		return;
	qsort(c->tuples, c->ntuples, sizeof(*c->tuples), tuple_cmp);
	text_printf(t, " if ");
	if (nfam == 1 && c->ntuples > 1) {
		const struct sf_arg_family *f = sf_arg_family_of(call, fam[0]);

		text_printf(t, "%s in {", call->args[fam[0]]);
		for (i = 0; i < c->ntuples; i++) {
			text_printf(t, "%s", i ? ", " : "");
			text_value(t, f, c->abi, c->tuples[i][fam[0]]);
		}
		text_printf(t, "}");
		return;
	}
	for (i = 0; i < c->ntuples; i++) {
		text_printf(t, "%s", i ? " || " : "");
		for (j = 0; j < nfam; j++) {
			text_printf(t, "%s%s == ", j ? " && " : "",
				    call->args[fam[j]]);
			text_value(t, sf_arg_family_of(call, fam[j]), c->abi,
				   c->tuples[i][fam[j]]);
		}
	}
}

static bool has_family(const struct sf_syscall *call)
{
	u32 i;

	for (i = 0; i < call->nargs; i++)
		if (sf_arg_family_of(call, i))
			return true;
	return false;
}

/* Whether every learned decision of @c is allowed by @p (for --merge). */
static bool allowed_by(const struct sf_policy *p, const struct learned *c)
{
	struct sf_result res;
	u32 i;

	if (!(sf_policy_abis(p) & SF_ABI_MASK(c->abi)))
		return false;
	for (i = 0; i < c->ntuples; i++) {
		sf_policy_eval(p, c->abi, c->call->nr, c->tuples[i], &res);
		if (SF_VERDICT_ACTION(res.verdict) > SF_ACT_LOG)
			return false;
	}
	return true;
}

/* Comment text from user input: no newline may end the comment early. */
static void text_comment_word(struct text *t, const char *s)
{
	for (; *s; s++)
		text_printf(t, "%c", (unsigned char)*s < ' ' || *s == 0x7f ?
				     '?' : *s);
}

/* The allow rules of the learned syscalls @base does not allow. */
static void text_rules(struct text *t, struct learn *l, bool args,
		       const struct sf_policy *base)
{
	u32 i, j, k;

	qsort(l->calls, l->ncalls, sizeof(*l->calls), learned_cmp);
	for (i = 0; i < l->ncalls; i = j) {
		const char *name = l->calls[i].call->name;
		bool qualify, all_abis, any = false;
		u32 abis = 0;

		for (j = i; j < l->ncalls && !strcmp(l->calls[j].call->name, name); j++) {
			if (!base || !allowed_by(base, &l->calls[j])) {
				abis |= SF_ABI_MASK(l->calls[j].abi);
				any = true;
			}
		}
		if (!any)
			continue;
		/*
		 * One plain rule when the name means a syscall on every ABI
		 * the policy allows; else one rule per ABI, qualified.
		 */
		all_abis = abis == l->abis && (!base || sf_policy_abis(base) == l->abis);
		qualify = !all_abis || (args && has_family(l->calls[i].call));
		if (!qualify) {
			text_printf(t, "allow %s\n", name);
			continue;
		}
		for (k = i; k < j; k++) {
			if (!(abis & SF_ABI_MASK(l->calls[k].abi)))
				continue;
			if (l->abis == SF_ABI_MASK(l->calls[k].abi) &&
			    (!base || sf_policy_abis(base) == l->abis))
				text_printf(t, "allow %s", name);
			else
				text_printf(t, "allow %s:%s",
					    sf_abi_name(l->calls[k].abi), name);
			if (args)
				text_condition(t, &l->calls[k]);
			text_printf(t, "\n");
		}
	}
}

static void text_header(struct text *t, char **argv, const char *verb)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	int i;

	strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", gmtime_r(&now, &tm));
	text_printf(t, "# %s by 'sysfence learn' on %s from:\n#  ", verb, date);
	for (i = 0; argv[i]; i++) {
		text_printf(t, " ");
		text_comment_word(t, argv[i]);
	}
	text_printf(t, "\n");
}

/* Checks the result: it compiles, and allows all that was seen. */
static int learn_verify(const struct text *t, struct learn *l)
{
	struct sf_policy *p;
	struct sf_diag diag;
	int err;
	u32 i;

	err = sf_policy_compile(t->buf, t->len, &p, &diag);
	if (err) {
		fprintf(stderr, "sysfence: the learned policy is not valid:\n");
		sf_print_diag(stderr, "learned", t->buf, t->len, &diag, "error");
		return SF_EXIT_INVALID;
	}
	for (i = 0; i < l->ncalls; i++) {
		if (!allowed_by(p, &l->calls[i])) {
			fprintf(stderr,
				"sysfence: the policy still denies %s %s%s\n",
				sf_abi_name(l->calls[i].abi),
				l->calls[i].call->name,
				sf_policy_abis(p) & SF_ABI_MASK(l->calls[i].abi) ?
				"" : " (add the ABI to its abi line)");
			err = SF_EXIT_INVALID;
		}
	}
	sf_policy_free(p);
	return err;
}

int cmd_learn(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "args", no_argument, NULL, 'a' },
		{ "merge", required_argument, NULL, 'm' },
		{ "default", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* Every ABI of the running kernel's architecture, logged. */
	static char learn_policy[128];
	struct sf_layer_src src = { .name = "(learn)", .text = learn_policy };
	size_t off;
	int a;
	const char *output = NULL, *merge = NULL, *action = "errno EPERM";
	struct sf_policy *base = NULL;
	struct learn l = { 0 };
	struct text t = { 0 };
	char *base_text = NULL;
	size_t base_len = 0;
	bool args = false;
	int opt, ret, status, abi;
	u32 i;
	FILE *out;

	off = snprintf(learn_policy, sizeof(learn_policy),
		       "# sysfence learn: record every syscall\nabi");
	for (a = 0; a < SF_ABI_COUNT; a++)
		if (sf_target_arch->abis & SF_ABI_MASK(a))
			off += snprintf(learn_policy + off,
					sizeof(learn_policy) - off, " %s",
					sf_abi_name(a));
	off += snprintf(learn_policy + off, sizeof(learn_policy) - off,
			"\ndefault log\n");
	src.len = off;

	while ((opt = getopt_long(argc, argv, "+o:am:d:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'a':
			args = true;
			break;
		case 'm':
			merge = optarg;
			break;
		case 'd':
			action = optarg;
			break;
		case 'h':
			learn_usage(stdout, true);
			return SF_EXIT_OK;
		default:
			learn_usage(stderr, false);
			return SF_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "sysfence learn: no command given\n");
		learn_usage(stderr, false);
		return SF_EXIT_USAGE;
	}
	if (strchr(action, '\n')) {
		fprintf(stderr, "sysfence learn: --default takes one action\n");
		return SF_EXIT_USAGE;
	}
	if (merge) {
		ret = sf_load_policy(merge, &base, &base_text, &base_len);
		if (ret)
			return ret;
	}

	ret = sf_confine_run(&src, 1, SYSFENCE_LOAD_UNIQUE,
			     SYSFENCE_LISTENER_RECORDS_MAX, argv + optind,
			     learn_event, &l, &status);
	if (ret)
		goto out;
	if (status)
		fprintf(stderr, "sysfence: note: %s exited with status %d\n",
			argv[optind], status);

	if (merge) {
		text_header(&t, argv + optind, "Widened");
		text_rules(&t, &l, args, base);
		text_printf(&t, "# The policy it widens, %s:\n", sf_display_name(merge));
		text_printf(&t, "%.*s", (int)base_len, base_text);
		if (base_len && base_text[base_len - 1] != '\n')
			text_printf(&t, "\n");
	} else {
		text_header(&t, argv + optind, "Learned");
		text_printf(&t, "default %s\nabi", action);
		for (abi = 0; abi < SF_ABI_COUNT; abi++)
			if (l.abis & SF_ABI_MASK(abi))
				text_printf(&t, " %s", sf_abi_name(abi));
		if (!l.abis)
			text_printf(&t, " %s", sf_abi_name(sf_target_arch->native));
		text_printf(&t, "\n");
		text_rules(&t, &l, args, NULL);
	}
	if (t.oom) {
		fprintf(stderr, "sysfence: out of memory\n");
		ret = 125;
		goto out;
	}
	ret = learn_verify(&t, &l);
	if (ret)
		goto out;

	out = output ? fopen(output, "we") : stdout;
	if (!out) {
		fprintf(stderr, "sysfence: cannot open %s: %s\n", output,
			strerror(errno));
		ret = SF_EXIT_USAGE;
		goto out;
	}
	fwrite(t.buf, 1, t.len, out);
	if ((output ? fclose(out) : fflush(out)) || (!output && ferror(out))) {
		fprintf(stderr, "sysfence: cannot write %s: %s\n",
			output ? output : "the policy", strerror(errno));
		ret = 125;
		goto out;
	}
	if (l.lost || l.failed) {
		fprintf(stderr,
			"sysfence: %llu decisions were lost: the policy may lack syscalls\n",
			l.lost);
		ret = SF_EXIT_INVALID;
	}
out:
	for (i = 0; i < l.ncalls; i++)
		free(l.calls[i].tuples);
	free(l.calls);
	free(t.buf);
	free(base_text);
	if (base)
		sf_policy_free(base);
	return ret;
}
