// SPDX-License-Identifier: GPL-2.0
/*
 * ocidiff seccomp|sysfence [--caps all] PROFILE WIDTHS [POLICY]
 *
 * One half of the differential test of `sysfence import-oci`: decide a
 * fixed list of syscalls under seccomp-bpf (PROFILE loaded through
 * libseccomp as a runtime loads it) or under sysfence (POLICY, the import
 * of PROFILE), and print one line per call: "ABI NR A0..A5 RESULT". Both
 * halves derive the same list from PROFILE: every number 0..599 of each ABI
 * the profile allows with zero arguments, and for every argument rule the
 * values that satisfy it and the boundary values of each of its conditions
 * (v-1, v, v+1; for a masked compare, bits inside and outside the mask),
 * taken at the argument's width on that ABI (WIDTHS is the output of
 * `sysfence syscalls -w`): the bits above it are where the kernel, and so
 * sysfence, ignores what seccomp compares.
 *
 * Not called: x86_64's uretprobe, which seccomp lets through unfiltered
 * since Linux 6.14 (and in stable kernels that took the change) and which
 * raises SIGILL outside a uretprobe trampoline; sysfence filters it like
 * any syscall.
 *
 * Nothing is allowed to run: both sides relabel their actions as distinct
 * errnos (allow and log 4000, kill 4001, kill-thread 4002, trap 4003; the
 * errnos keep their numbers), so each call's result names the verdict. The
 * calls run in a child that then spins without syscalls until the parent,
 * having read the results from shared memory, kills it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "oci_seccomp.h"
#include "sftest.h"

#define ERRNO_ALLOW 4000
#define ERRNO_KILL 4001
#define ERRNO_KILL_THREAD 4002
#define ERRNO_TRAP 4003
#define NR_SCAN 600
#define MAX_CASES 65536
#define X32_BIT 0x40000000U

enum abi { ABI_X86_64, ABI_I386, ABI_X32, ABI_COUNT };

static const char *const abi_names[ABI_COUNT] = { "x86_64", "i386", "x32" };
static const uint32_t abi_arch[ABI_COUNT] = {
	SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32,
};

struct call {
	uint8_t abi;
	uint32_t nr;
	uint64_t arg[6];
	long result;
};

static struct call *calls;
static unsigned int ncalls;
/* Argument widths in bits per ABI and number, 0 where unknown. */
static uint8_t widths[ABI_COUNT][1024][6];
static bool unfiltered[ABI_COUNT][1024];

static void read_widths(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		char abi[16], *p = line;
		unsigned int nr, a = 0, bits;
		int k;

		if (sscanf(line, "%15s %u", abi, &nr) != 2 || nr >= 1024)
			continue;
		for (k = 0; k < ABI_COUNT && strcmp(abi, abi_names[k]); k++)
			;
		if (k == ABI_COUNT)
			continue;
		unfiltered[k][nr] = k == ABI_X86_64 &&
			strstr(line, " uretprobe(") != NULL;
		while ((p = strchr(p, '[')) && a < 6) {
			if (sscanf(p, "[%*1[us]%u]", &bits) == 1)
				widths[k][nr][a++] = bits;
			p++;
		}
	}
	fclose(f);
}

static uint64_t at_width(enum abi abi, uint32_t nr, unsigned int i,
			 uint64_t v)
{
	unsigned int bits = nr < 1024 ? widths[abi][nr][i] : 0;

	if (!bits)
		bits = abi == ABI_I386 ? 32 : 64;
	return bits == 64 ? v : v & ((1ULL << bits) - 1);
}

static void add_call(enum abi abi, uint32_t nr, const uint64_t *arg)
{
	struct call *c;
	unsigned int i;

	if (nr < 1024 && unfiltered[abi][nr])
		return;
	if (ncalls == MAX_CASES) {
		fprintf(stderr, "ocidiff: more than %d calls\n", MAX_CASES);
		exit(2);
	}
	c = &calls[ncalls++];
	c->abi = abi;
	c->nr = nr;
	for (i = 0; i < 6; i++)
		c->arg[i] = arg ? at_width(abi, nr, i, arg[i]) : 0;
}

/* A value for which @cmp holds. */
static uint64_t satisfying(const struct scmp_arg_cmp *cmp)
{
	switch (cmp->op) {
	case SCMP_CMP_NE:
	case SCMP_CMP_GT:
		return cmp->datum_a + 1;
	case SCMP_CMP_LT:
		return cmp->datum_a - 1;
	case SCMP_CMP_MASKED_EQ:
		return cmp->datum_b;
	default:
		return cmp->datum_a;
	}
}

/* The boundary values of @cmp; returns how many. */
static unsigned int boundaries(const struct scmp_arg_cmp *cmp, uint64_t *v)
{
	uint64_t mask = cmp->datum_a, low, high, outside;

	if (cmp->op != SCMP_CMP_MASKED_EQ) {
		v[0] = cmp->datum_a - 1;
		v[1] = cmp->datum_a;
		v[2] = cmp->datum_a + 1;
		return 3;
	}
	low = mask & -mask;
	high = mask ? 1ULL << (63 - __builtin_clzll(mask)) : 0;
	outside = ~mask & -~mask;
	v[0] = cmp->datum_b;
	v[1] = cmp->datum_b ^ low;
	v[2] = cmp->datum_b ^ high;
	v[3] = cmp->datum_b | outside;
	v[4] = cmp->datum_b | mask;
	return 5;
}

static void rule_cases(enum abi abi, uint32_t nr,
		       const struct scmp_arg_cmp *cmp, unsigned int n)
{
	uint64_t base[6] = { 0 }, arg[6], v[5];
	unsigned int i, k, nv;

	for (i = 0; i < n; i++)
		base[cmp[i].arg] = satisfying(&cmp[i]);
	add_call(abi, nr, base);
	for (i = 0; i < n; i++) {
		nv = boundaries(&cmp[i], v);
		for (k = 0; k < nv; k++) {
			memcpy(arg, base, sizeof(arg));
			arg[cmp[i].arg] = v[k];
			add_call(abi, nr, arg);
		}
	}
}

static void profile_cases(const char *path,
			  const struct oci_seccomp_opts *opts)
{
	json_object *root = oci_seccomp_read(path), *list;
	uint32_t arches[8];
	unsigned int narches, a, nr, i;
	size_t j, k;
	int abi;

	if (!root)
		exit(2);
	oci_seccomp_arches(root, arches, &narches);
	for (a = 0; a < narches; a++) {
		for (abi = 0; abi < ABI_COUNT && abi_arch[abi] != arches[a];
		     abi++)
			;
		if (abi == ABI_COUNT)
			continue;
		for (nr = 0; nr < NR_SCAN; nr++)
			add_call(abi, nr, NULL);
	}
	list = json_object_object_get(root, "syscalls");
	for (j = 0; j < json_object_array_length(list); j++) {
		json_object *e = json_object_array_get_idx(list, j);
		json_object *args = json_object_object_get(e, "args");
		json_object *names = json_object_object_get(e, "names");
		struct scmp_arg_cmp cmp[6];
		unsigned int n = args ? json_object_array_length(args) : 0;

		if (!n || n > 6 || !oci_seccomp_applies(e, opts))
			continue;
		for (i = 0; i < n; i++) {
			json_object *c = json_object_array_get_idx(args, i);

			cmp[i].arg = json_object_get_int(
				json_object_object_get(c, "index"));
			cmp[i].op = strcmp(json_object_get_string(
					json_object_object_get(c, "op")),
					   "SCMP_CMP_MASKED_EQ") ?
				SCMP_CMP_EQ : SCMP_CMP_MASKED_EQ;
			if (cmp[i].op == SCMP_CMP_EQ) {
				const char *op = json_object_get_string(
					json_object_object_get(c, "op"));

				cmp[i].op = !strcmp(op, "SCMP_CMP_NE") ? SCMP_CMP_NE :
					!strcmp(op, "SCMP_CMP_LT") ? SCMP_CMP_LT :
					!strcmp(op, "SCMP_CMP_LE") ? SCMP_CMP_LE :
					!strcmp(op, "SCMP_CMP_GT") ? SCMP_CMP_GT :
					!strcmp(op, "SCMP_CMP_GE") ? SCMP_CMP_GE :
					SCMP_CMP_EQ;
			}
			cmp[i].datum_a = json_object_get_uint64(
				json_object_object_get(c, "value"));
			cmp[i].datum_b = json_object_get_uint64(
				json_object_object_get(c, "valueTwo"));
		}
		for (k = 0; k < json_object_array_length(names); k++) {
			const char *name = json_object_get_string(
				json_object_array_get_idx(names, k));

			for (a = 0; a < narches; a++) {
				int num = seccomp_syscall_resolve_name_arch(
					arches[a], name);

				for (abi = 0; abi < ABI_COUNT &&
				     abi_arch[abi] != arches[a]; abi++)
					;
				if (abi == ABI_COUNT || num < 0)
					continue;
				/* Each condition alone, and all together. */
				for (i = 0; n > 1 && i < n; i++)
					rule_cases(abi, num & ~X32_BIT,
						   &cmp[i], 1);
				rule_cases(abi, num & ~X32_BIT, cmp, n);
			}
		}
	}
	json_object_put(root);
}

/* Raw syscalls on each ABI from this 64-bit process; -errno on failure. */
static long raw_call(const struct call *c)
{
	long ret;

	if (c->abi == ABI_I386) {
		uint32_t eax = c->nr;

		/*
		 * int $0x80 enters the i386 ABI; ebp carries the sixth
		 * argument, so save it (and step over the red zone).
		 */
		asm volatile("sub $128, %%rsp\n\t"
			     "push %%rbp\n\t"
			     "mov %[a5], %%ebp\n\t"
			     "int $0x80\n\t"
			     "pop %%rbp\n\t"
			     "add $128, %%rsp"
			     : "+a"(eax)
			     : "b"((uint32_t)c->arg[0]), "c"((uint32_t)c->arg[1]),
			       "d"((uint32_t)c->arg[2]), "S"((uint32_t)c->arg[3]),
			       "D"((uint32_t)c->arg[4]),
			       [a5] "r"((uint32_t)c->arg[5])
			     : "memory", "r8", "r9", "r10", "r11", "cc");
		return (int32_t)eax;
	}
	{
		register long r10 asm("r10") = c->arg[3];
		register long r8 asm("r8") = c->arg[4];
		register long r9 asm("r9") = c->arg[5];

		ret = c->nr | (c->abi == ABI_X32 ? X32_BIT : 0);
		asm volatile("syscall"
			     : "+a"(ret)
			     : "D"(c->arg[0]), "S"(c->arg[1]), "d"(c->arg[2]),
			       "r"(r10), "r"(r8), "r"(r9)
			     : "memory", "rcx", "r11", "cc");
	}
	return ret;
}

/* The policy with every action relabelled as its errno (see the top). */
static char *relabel(const char *path, size_t *len)
{
	size_t in_len;
	char *in = sft_read_file(path, &in_len), *out, *line, *next;
	FILE *f = open_memstream(&out, len);

	if (!f)
		exit(2);
	in = realloc(in, in_len + 1);
	in[in_len] = 0;
	for (line = in; line && *line; line = next) {
		const char *rest = line, *prefix = "";
		size_t word;

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (!strncmp(rest, "default ", 8)) {
			prefix = "default ";
			rest += 8;
		} else if (!strncmp(rest, "abi-violation ", 14)) {
			prefix = "abi-violation ";
			rest += 14;
		}
		word = strcspn(rest, " ");
		if ((word == 5 && !strncmp(rest, "allow", 5)) ||
		    (word == 3 && !strncmp(rest, "log", 3)))
			fprintf(f, "%serrno %d%s\n", prefix, ERRNO_ALLOW,
				rest + word);
		else if (word == 4 && !strncmp(rest, "kill", 4))
			fprintf(f, "%serrno %d%s\n", prefix, ERRNO_KILL,
				rest + word);
		else if (word == 11 && !strncmp(rest, "kill-thread", 11))
			fprintf(f, "%serrno %d%s\n", prefix, ERRNO_KILL_THREAD,
				rest + word);
		else if (word == 4 && !strncmp(rest, "trap", 4))
			fprintf(f, "%serrno %d%s\n", prefix, ERRNO_TRAP,
				rest + word);
		else
			fprintf(f, "%s\n", line);
	}
	fclose(f);
	free(in);
	return out;
}

static void confine_sysfence(const char *policy)
{
	struct sysfence_load load = { .size = sizeof(load) };
	size_t len;
	char *text = relabel(policy, &len);
	int fd = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror(SYSFENCE_DEVICE);
		_exit(2);
	}
	load.text = (uintptr_t)text;
	load.text_len = len;
	if (ioctl(fd, SYSFENCE_IOC_LOAD, &load) < 0) {
		fprintf(stderr, "load %s: %s at %u:%u: %s\n", policy,
			strerror(errno), load.error_line, load.error_column,
			load.error_message);
		_exit(2);
	}
}

static void confine_seccomp(const char *profile,
			    const struct oci_seccomp_opts *opts)
{
	struct oci_seccomp_opts o = *opts;
	scmp_filter_ctx ctx;
	int ret;

	o.kill_as_errno = true;
	o.allow_as_errno = ERRNO_ALLOW;
	o.errno_kill = ERRNO_KILL;
	o.errno_kill_thread = ERRNO_KILL_THREAD;
	o.errno_trap = ERRNO_TRAP;
	ctx = oci_seccomp_build(profile, &o);
	if (!ctx)
		_exit(2);
	ret = seccomp_load(ctx);
	if (ret) {
		fprintf(stderr, "seccomp_load: %s\n", strerror(-ret));
		_exit(2);
	}
}

int main(int argc, char **argv)
{
	struct oci_seccomp_opts opts = { 0 };
	volatile int *done;
	const char *mode;
	unsigned int i;
	int argi = 2, status;
	pid_t pid;

	if (argc > 3 && !strcmp(argv[2], "--caps") &&
	    !strcmp(argv[3], "all")) {
		opts.all_caps = true;
		argi = 4;
	}
	mode = argc > 1 ? argv[1] : "";
	if (argc - argi != (strcmp(mode, "sysfence") ? 2 : 3) ||
	    (strcmp(mode, "seccomp") && strcmp(mode, "sysfence"))) {
		fprintf(stderr,
			"usage: ocidiff seccomp|sysfence [--caps all] PROFILE WIDTHS [POLICY]\n");
		return 2;
	}
	calls = mmap(NULL, MAX_CASES * sizeof(*calls) + 4096,
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (calls == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	done = (volatile int *)(calls + MAX_CASES);
	read_widths(argv[argi + 1]);
	profile_cases(argv[argi], &opts);

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (!pid) {
		if (!strcmp(mode, "seccomp"))
			confine_seccomp(argv[argi], &opts);
		else
			confine_sysfence(argv[argi + 2]);
		for (i = 0; i < ncalls; i++)
			calls[i].result = raw_call(&calls[i]);
		__atomic_store_n(done, 1, __ATOMIC_RELEASE);
		/* Every syscall now fails: spin until the parent kills us. */
		for (;;)
			;
	}
	while (!__atomic_load_n(done, __ATOMIC_ACQUIRE)) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			fprintf(stderr, "ocidiff: the child died (status %#x)\n",
				status);
			return 2;
		}
		usleep(1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	for (i = 0; i < ncalls; i++) {
		const struct call *c = &calls[i];

		printf("%s %u %#llx %#llx %#llx %#llx %#llx %#llx %ld\n",
		       abi_names[c->abi], c->nr,
		       (unsigned long long)c->arg[0],
		       (unsigned long long)c->arg[1],
		       (unsigned long long)c->arg[2],
		       (unsigned long long)c->arg[3],
		       (unsigned long long)c->arg[4],
		       (unsigned long long)c->arg[5], c->result);
	}
	return 0;
}
