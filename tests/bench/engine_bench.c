// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmark of the policy engine in userspace: nanoseconds per compile
 * and per evaluation, for a policy file (the containers default profile,
 * imported by `sysfence import-oci`) and a generated policy of
 * 1000 rules. The numbers are the engine's alone: no syscall, no probe.
 *
 *	engine_bench [-n EVALS] [-c COMPILES] [POLICY...]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"

/* Rules per syscall in the generated policy, and syscalls it names. */
#define GEN_ROUNDS 10
#define GEN_SYSCALLS 100
/* Room for the x86_64 table's syscalls. */
#define GEN_MAX_TABLE 512

struct bench_calls {
	u32 *nr;
	u64 (*args)[SF_MAX_ARGS];
	u32 count;
};

/* Verdicts go here, so the compiler cannot drop the evaluations. */
static u32 sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static u64 next_random(u64 *state)
{
	/* xorshift64: deterministic arguments, the same every run. */
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0, got;
	char *buf = NULL, *bigger;

	if (!f)
		return NULL;
	do {
		if (n == cap || !buf) {
			cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger)
				goto err;
			buf = bigger;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f))
		goto err;
	fclose(f);
	*len = n;
	return buf;
err:
	free(buf);
	fclose(f);
	return NULL;
}

/*
 * GEN_ROUNDS rules on each of GEN_SYSCALLS syscalls: nine conditional
 * rules of varied shapes in turn, then an unconditional one, so every
 * program chains nine conditions, as deep as realistic policies get.
 */
static char *generate_policy(size_t *len)
{
	const struct sf_syscall_table *t = sf_syscall_tables[SF_ABI_X86_64];
	size_t cap = 128 * GEN_ROUNDS * GEN_SYSCALLS, off = 0;
	const struct sf_syscall *four[GEN_MAX_TABLE];
	char *text = malloc(cap);
	u32 round, i, nfour = 0;

	if (!text)
		return NULL;
	/* The rules read arg0 to arg3: syscalls taking at least four. */
	for (i = 0; i < t->count && nfour < ARRAY_SIZE(four); i++) {
		if (t->calls[i].nargs >= 4)
			four[nfour++] = &t->calls[i];
	}
	if (nfour < GEN_SYSCALLS) {
		free(text);
		return NULL;
	}
	off += snprintf(text + off, cap - off, "default errno EPERM\n");
	for (round = 0; round < GEN_ROUNDS; round++) {
		for (i = 0; i < GEN_SYSCALLS; i++) {
			const char *name = four[i * nfour / GEN_SYSCALLS]->name;
			u32 k = round * GEN_SYSCALLS + i;

			if (round == GEN_ROUNDS - 1)
				off += snprintf(text + off, cap - off,
						"allow %s\n", name);
			else if (round % 3 == 0)
				off += snprintf(text + off, cap - off,
						"allow %s if arg0 == %u || arg1 == %u\n",
						name, k, k + 1);
			else if (round % 3 == 1)
				off += snprintf(text + off, cap - off,
						"errno EACCES %s if (arg2 & 0xff) in {1, 2, %u}\n",
						name, 3 + k % 250);
			else
				off += snprintf(text + off, cap - off,
						"log %s if arg0 < %u && !(arg3 & 0x%x)\n",
						name, k, 1 << (k % 31));
		}
	}
	*len = off;
	return text;
}

/* Every syscall of x86_64 with random arguments, split by kind of entry. */
static int make_calls(const struct sf_policy *p, struct bench_calls *constant,
		      struct bench_calls *argdep)
{
	const struct sf_syscall_table *t = sf_syscall_tables[SF_ABI_X86_64];
	u64 state = 0x9e3779b97f4a7c15ULL;
	struct sf_result res;
	u32 i, k;

	memset(constant, 0, sizeof(*constant));
	memset(argdep, 0, sizeof(*argdep));
	constant->nr = calloc(t->count, sizeof(u32));
	argdep->nr = calloc(t->count, sizeof(u32));
	constant->args = calloc(t->count, sizeof(*constant->args));
	argdep->args = calloc(t->count, sizeof(*argdep->args));
	if (!constant->nr || !argdep->nr || !constant->args || !argdep->args)
		return -1;
	for (i = 0; i < t->count; i++) {
		u32 nr = t->calls[i].nr;
		struct bench_calls *c = sf_policy_constant(p, SF_ABI_X86_64, nr,
							   &res) ?
					constant : argdep;

		c->nr[c->count] = nr;
		for (k = 0; k < SF_MAX_ARGS; k++)
			c->args[c->count][k] = next_random(&state) % 64;
		c->count++;
	}
	return 0;
}

static void free_calls(struct bench_calls *c)
{
	free(c->nr);
	free(c->args);
}

/* Mean ns per sf_policy_eval() over @evals calls cycling through @c. */
static double time_evals(const struct sf_policy *p,
			 const struct bench_calls *c, u64 evals)
{
	struct sf_result res;
	u32 acc = 0, i = 0;
	double start;
	u64 n;

	if (!c->count)
		return 0;
	start = now_ns();
	for (n = 0; n < evals; n++) {
		sf_policy_eval(p, SF_ABI_X86_64, c->nr[i], c->args[i], &res);
		acc += res.verdict;
		if (++i == c->count)
			i = 0;
	}
	__atomic_store_n(&sink, acc, __ATOMIC_RELAXED);
	return (now_ns() - start) / evals;
}

static int bench(const char *name, const char *text, size_t len, u64 evals,
		 u32 compiles)
{
	struct bench_calls constant, argdep;
	struct sf_abi_summary sum;
	struct sf_policy *p;
	struct sf_diag diag;
	double start, compile_ns;
	u32 i;

	start = now_ns();
	for (i = 0; i < compiles; i++) {
		if (sf_policy_compile(text, len, &p, &diag)) {
			fprintf(stderr, "engine_bench: %s:%u:%u: %s\n", name,
				diag.line, diag.col, diag.msg);
			return -1;
		}
		if (i + 1 < compiles)
			sf_policy_free(p);
	}
	compile_ns = (now_ns() - start) / compiles;
	sf_policy_summary(p, SF_ABI_X86_64, &sum);
	if (make_calls(p, &constant, &argdep)) {
		fprintf(stderr, "engine_bench: out of memory\n");
		return -1;
	}
	printf("%-22s %5u %7u %10.0f %14.1f %14.1f\n", name, sum.rules,
	       sum.argdep, compile_ns, time_evals(p, &constant, evals),
	       time_evals(p, &argdep, evals));
	free_calls(&constant);
	free_calls(&argdep);
	sf_policy_free(p);
	return 0;
}

int main(int argc, char **argv)
{
	u64 evals = 20000000;
	u32 compiles = 200;
	size_t len;
	char *text;
	int opt, i, ret = 0;

	while ((opt = getopt(argc, argv, "n:c:")) != -1) {
		switch (opt) {
		case 'n':
			evals = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			compiles = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr,
				"usage: engine_bench [-n EVALS] [-c COMPILES] [POLICY...]\n");
			return 2;
		}
	}
	if (!evals || !compiles)
		return 2;
	printf("x86_64, %llu evaluations and %u compiles per figure\n",
	       (unsigned long long)evals, compiles);
	printf("%-22s %5s %7s %10s %14s %14s\n", "policy", "rules", "argdep",
	       "compile ns", "eval ns const", "eval ns argdep");
	for (i = optind; i < argc; i++) {
		const char *base = strrchr(argv[i], '/');

		text = read_file(argv[i], &len);
		if (!text) {
			perror(argv[i]);
			return 1;
		}
		ret |= bench(base ? base + 1 : argv[i], text, len, evals,
			     compiles);
		free(text);
	}
	text = generate_policy(&len);
	if (!text)
		return 1;
	ret |= bench("generated-1000-rules", text, len, evals, compiles);
	free(text);
	return ret ? 1 : 0;
}
