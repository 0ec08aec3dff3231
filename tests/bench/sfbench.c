// SPDX-License-Identifier: GPL-2.0
/*
 * sfbench: time system calls, or a whole command, in the benchmark VM.
 *
 *   sfbench [-n ITERATIONS] [-r REPEATS] [-m] [-s SECCOMP_RULES|PROFILE.json]
 *           [-N] CALL...
 *   sfbench [-r REPEATS] [-m] [-s ...] [-N] -x COMMAND [ARG...]
 *
 * For each CALL, runs REPEATS rounds of ITERATIONS raw calls and prints
 * "CALL NS" with the median nanoseconds per call. With -x, runs COMMAND
 * REPEATS times instead (fork, exec, wait; its output discarded) and prints
 * "command NS" with the median nanoseconds per run; a run that fails or
 * is killed fails sfbench, so a workload a policy breaks is never timed.
 *
 * -m prints the minimum round of calls instead of the median: in a VM whose
 * clock counts instructions (tests/qemu/vm-run --icount), an interrupt or
 * another vCPU's work only ever adds to a round, so the least round is the
 * one that measured the calls alone. A command's runs are summarized by
 * their median all the same: none of thousands of syscalls escapes the
 * timer tick, so the least run is only the luckiest.
 *
 * With -s, first installs a seccomp-bpf filter built by libseccomp from
 * SECCOMP_RULES, or from an OCI profile loaded as a runtime loads it
 * (tests/import/oci_seccomp.c) for a process holding every capability, or
 * none with -N; so the calls, or COMMAND and its children, run under
 * seccomp. Under sysfence, sfbench runs under `sysfence run`.
 *
 * CALLs: getppid (allowed and constant in every policy), personality
 * (personality(0xffffffff): a query whose verdict depends on the argument),
 * denied (afs_syscall, lookup_dcookie on arm64: unimplemented, so the bare
 * call costs only the entry;
 * the policies deny it), write (1000 bytes to /dev/null: the call the
 * worst-case policy of the stack limits makes take its longest path).
 *
 * SECCOMP_RULES has one rule per line, as tests/bench/run writes it:
 *   default ACTION
 *   ACTION NAME [aINDEX OP VALUE [MASK]]...
 * with ACTION "allow", "errno N", "kill" and OP one of == != < <= > >= &=
 * (&= compares (arg & MASK) == VALUE). Names the x86_64 ABI lacks are
 * skipped, as runtimes do.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "oci_seccomp.h"

#define MAX_REPEATS 101
#define MAX_RULE_ARGS 6

static long do_call(const char *call)
{
	static char buf[1000];
	static int null_fd = -1;

	if (!strcmp(call, "getppid"))
		return syscall(SYS_getppid);
	if (!strcmp(call, "personality"))
		return syscall(SYS_personality, 0xffffffffUL);
	if (!strcmp(call, "write")) {
		if (null_fd < 0)
			null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		return syscall(SYS_write, null_fd, buf, sizeof(buf));
	}
#ifdef SYS_afs_syscall
	return syscall(SYS_afs_syscall);
#else
	/* arm64 has no afs_syscall: lookup_dcookie is unimplemented too. */
	return syscall(SYS_lookup_dcookie);
#endif
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of @n samples, or their minimum when @least is set. */
static double summarize(double *samples, int n, bool least)
{
	qsort(samples, n, sizeof(samples[0]), cmp_double);
	return least ? samples[0] : samples[n / 2];
}

static double time_call(const char *call, long iterations, int repeats,
			bool least)
{
	double samples[MAX_REPEATS];
	int r;

	for (r = 0; r < repeats; r++) {
		double start = now_ns();
		long i;

		for (i = 0; i < iterations; i++)
			do_call(call);
		samples[r] = (now_ns() - start) / iterations;
	}
	return summarize(samples, repeats, least);
}

/* One run of @argv with its output discarded; 0 when it exits 0. */
static int run_command(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		if (fd != STDOUT_FILENO)
			close(fd);
		execvp(argv[0], argv);
		fprintf(stderr, "sfbench: cannot execute %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFEXITED(status))
		fprintf(stderr, "sfbench: %s exited %d\n", argv[0],
			WEXITSTATUS(status));
	else
		fprintf(stderr, "sfbench: %s killed by signal %d\n", argv[0],
			WTERMSIG(status));
	return -1;
}

static int time_command(char **argv, int repeats, double *ns)
{
	double samples[MAX_REPEATS];
	int r;

	/* Warm up, and fail before timing a command that cannot run. */
	if (run_command(argv))
		return -1;
	for (r = 0; r < repeats; r++) {
		double start = now_ns();

		if (run_command(argv))
			return -1;
		samples[r] = now_ns() - start;
	}
	*ns = summarize(samples, repeats, false);
	return 0;
}

static int parse_action(char **tok, uint32_t *action)
{
	if (!strcmp(tok[0], "allow")) {
		*action = SCMP_ACT_ALLOW;
		return 1;
	}
	if (!strcmp(tok[0], "kill")) {
		*action = SCMP_ACT_KILL_PROCESS;
		return 1;
	}
	if (!strcmp(tok[0], "errno") && tok[1]) {
		*action = SCMP_ACT_ERRNO(atoi(tok[1]));
		return 2;
	}
	return -1;
}

static int parse_op(const char *op, enum scmp_compare *cmp)
{
	static const struct {
		const char *text;
		enum scmp_compare cmp;
	} ops[] = {
		{ "==", SCMP_CMP_EQ }, { "!=", SCMP_CMP_NE },
		{ "<", SCMP_CMP_LT },  { "<=", SCMP_CMP_LE },
		{ ">", SCMP_CMP_GT },  { ">=", SCMP_CMP_GE },
		{ "&=", SCMP_CMP_MASKED_EQ },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!strcmp(op, ops[i].text)) {
			*cmp = ops[i].cmp;
			return 0;
		}
	}
	return -1;
}

/* One rule line, split into tokens; returns 0 or -1 on a malformed line. */
static int add_rule(scmp_filter_ctx ctx, char **tok, int ntok)
{
	struct scmp_arg_cmp cmps[MAX_RULE_ARGS];
	unsigned int ncmp = 0;
	uint32_t action;
	int nr, i, used;

	used = parse_action(tok, &action);
	if (used < 0 || used >= ntok)
		return -1;
	nr = seccomp_syscall_resolve_name(tok[used]);
	if (nr == __NR_SCMP_ERROR)
		return 0;
	i = used + 1;
	while (i < ntok) {
		enum scmp_compare op;
		uint64_t value, mask = 0;

		/* aINDEX OP VALUE, and MASK after VALUE for &= */
		if (ncmp == MAX_RULE_ARGS || i + 2 >= ntok ||
		    tok[i][0] != 'a' || parse_op(tok[i + 1], &op))
			return -1;
		value = strtoull(tok[i + 2], NULL, 0);
		cmps[ncmp].arg = atoi(tok[i] + 1);
		cmps[ncmp].op = op;
		cmps[ncmp].datum_a = value;
		cmps[ncmp].datum_b = 0;
		i += 3;
		if (op == SCMP_CMP_MASKED_EQ) {
			if (i >= ntok)
				return -1;
			mask = strtoull(tok[i++], NULL, 0);
			cmps[ncmp].datum_a = mask;
			cmps[ncmp].datum_b = value;
		}
		ncmp++;
	}
	return seccomp_rule_add_array(ctx, action, nr, ncmp, cmps) ? -1 : 0;
}

static int load_profile(const char *path, bool all_caps)
{
	struct oci_seccomp_opts opts = { .all_caps = all_caps };
	scmp_filter_ctx ctx = oci_seccomp_build(path, &opts);
	int ret;

	if (!ctx)
		return -1;
	ret = seccomp_load(ctx);
	if (ret)
		fprintf(stderr, "seccomp_load: %s\n", strerror(-ret));
	seccomp_release(ctx);
	return ret;
}

static int load_seccomp(const char *path)
{
	scmp_filter_ctx ctx = NULL;
	char line[4096];
	int lineno = 0, ret = -1;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *tok[32], *save = NULL, *t;
		int ntok = 0;

		lineno++;
		for (t = strtok_r(line, " \t\n", &save); t && ntok < 32;
		     t = strtok_r(NULL, " \t\n", &save))
			tok[ntok++] = t;
		tok[ntok] = NULL;
		if (!ntok || tok[0][0] == '#')
			continue;
		if (!strcmp(tok[0], "default")) {
			uint32_t action;

			if (ctx || parse_action(tok + 1, &action) < 0)
				goto bad;
			ctx = seccomp_init(action);
			if (!ctx)
				goto out;
			continue;
		}
		if (!ctx || add_rule(ctx, tok, ntok))
			goto bad;
	}
	if (!ctx) {
		fprintf(stderr, "%s: no default line\n", path);
		goto out;
	}
	ret = seccomp_load(ctx);
	if (ret)
		fprintf(stderr, "seccomp_load: %s\n", strerror(-ret));
	goto out;
bad:
	fprintf(stderr, "%s:%d: cannot use this rule\n", path, lineno);
	ret = -1;
out:
	seccomp_release(ctx);
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	long iterations = 100000;
	int repeats = 11, opt, i;
	bool least = false, all_caps = true, command = false;
	const char *rules = NULL;

	while ((opt = getopt(argc, argv, "+n:r:s:mNx")) != -1) {
		switch (opt) {
		case 'n':
			iterations = atol(optarg);
			break;
		case 'r':
			repeats = atoi(optarg);
			break;
		case 's':
			rules = optarg;
			break;
		case 'm':
			least = true;
			break;
		case 'N':
			all_caps = false;
			break;
		case 'x':
			command = true;
			break;
		default:
			goto usage;
		}
	}
	if (optind == argc || iterations < 1 || repeats < 1 ||
	    repeats > MAX_REPEATS)
		goto usage;
	for (i = optind; !command && i < argc; i++)
		if (strcmp(argv[i], "getppid") &&
		    strcmp(argv[i], "personality") &&
		    strcmp(argv[i], "denied") && strcmp(argv[i], "write"))
			goto usage;
	if (rules) {
		size_t len = strlen(rules);
		bool json = len > 5 && !strcmp(rules + len - 5, ".json");

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    (json ? load_profile(rules, all_caps) : load_seccomp(rules)))
			return 1;
	}
	if (command) {
		double ns;

		if (time_command(argv + optind, repeats, &ns))
			return 1;
		printf("command %.1f\n", ns);
		return 0;
	}
	for (i = optind; i < argc; i++) {
		do_call(argv[i]);	/* warm up */
		printf("%s %.1f\n", argv[i],
		       time_call(argv[i], iterations, repeats, least));
	}
	return 0;
usage:
	fprintf(stderr,
		"usage: %s [-n ITERATIONS] [-r REPEATS] [-m] [-s SECCOMP_RULES|PROFILE.json] [-N] getppid|personality|denied|write...\n"
		"       %s [-r REPEATS] [-m] [-s SECCOMP_RULES|PROFILE.json] [-N] -x COMMAND [ARG...]\n",
		argv[0], argv[0]);
	return 2;
}
