// SPDX-License-Identifier: GPL-2.0
/*
 * randpolicy SEED LAYER [KEEP...] < SYSCALLS: print a random policy, the
 * same one for the same SEED, LAYER and input, whatever the machine.
 *
 * SYSCALLS is the output of `sysfence syscalls -w` (the real table: every
 * ABI, syscall and argument with its width and signedness). The policy has
 * a random default, ABI list and abi-violation action, and some dozens of
 * rules over random syscalls of every ABI, each with a random action (allow,
 * log, errno, deny, trap, kill-thread, kill) and often a condition over the
 * syscall's named arguments or its argN registers: comparisons, bit tests,
 * masked comparisons, sets, !, && and ||, with values at the edges of each
 * argument's type. The KEEP syscalls (x86_64 names: what the confined
 * program needs to keep running, trinity's own bookkeeping in
 * trinity_under_random_policies) only ever get allow or log.
 *
 * Every policy printed must compile: the scenario fails on one that does
 * not, so this generator cannot drift from the language unnoticed.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CALLS 2048
#define MAX_ARGS 6

struct field {
	char name[64];
	unsigned int bits;
	int is_signed;
};

struct call {
	char name[80];		/* "ABI:NAME" */
	unsigned int nargs;
	struct field args[MAX_ARGS];
	int keep;
};

static struct call calls[MAX_CALLS];
static unsigned int ncalls;
static uint64_t state;

/* splitmix64: a stated generator, so a seed means the same policy anywhere. */
static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int pick(unsigned int n)
{
	return next() % n;
}

static int chance(unsigned int percent)
{
	return pick(100) < percent;
}

static const char *const errnos[] = {
	"EPERM", "ENOENT", "EACCES", "ENOSYS", "EINVAL", "EAGAIN", "EFAULT",
	"EBADF",
};

static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=" };

/* Harmless actions for kept calls; any action, the severe ones rarer, else. */
static void print_action(int any)
{
	unsigned int r = pick(any ? 12 : 4);

	if (r < 2)
		printf("allow");
	else if (r < 4)
		printf("log");
	else if (r < 6)
		printf("errno %s", errnos[pick(sizeof(errnos) / sizeof(errnos[0]))]);
	else if (r < 7)
		printf("errno %u", 1 + pick(4095));
	else if (r < 8)
		printf("deny");
	else if (r < 9)
		printf("trap");
	else if (r < 11)
		printf("kill-thread");
	else
		printf("kill");
}

static uint64_t max_unsigned(unsigned int bits)
{
	return bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
}

/* A literal in the range of F: 0, 1, the type's edges, a bit, a small number. */
static void print_value(const struct field *f)
{
	unsigned int bits = f->bits;

	switch (pick(8)) {
	case 0:
		printf("0");
		break;
	case 1:
		printf("1");
		break;
	case 2:
		if (f->is_signed)
			printf("-1");
		else
			printf("0x%" PRIx64, max_unsigned(bits));
		break;
	case 3:
		if (f->is_signed)
			printf("-%" PRIu64, (uint64_t)1 << (bits - 1));
		else
			printf("0x%" PRIx64, max_unsigned(bits) >> 1);
		break;
	case 4:
		printf("0x%" PRIx64, max_unsigned(bits - f->is_signed));
		break;
	case 5:
		printf("0x%" PRIx64, (uint64_t)1 << pick(bits - f->is_signed));
		break;
	default:
		printf("%" PRIu64, next() % (bits >= 13 ? 4096 : (uint64_t)1 << (bits - 1)));
		break;
	}
}

static void print_mask(const struct field *f)
{
	switch (pick(3)) {
	case 0:
		printf("0x%" PRIx64, (uint64_t)1 << pick(f->bits));
		break;
	case 1:
		printf("0x%x", f->bits >= 8 ? 0xff : 0x3);
		break;
	default:
		printf("0x%" PRIx64, max_unsigned(f->bits));
		break;
	}
}

static void print_predicate(const struct call *c)
{
	unsigned int i = pick(c->nargs), n;
	struct field f = c->args[i];

	/*
	 * argN is the register as the kernel reads it: its width on this ABI
	 * may differ from the named field's, so only values that fit every
	 * width compare with it.
	 */
	if (chance(20)) {
		snprintf(f.name, sizeof(f.name), "arg%u", i);
		f.bits = f.bits < 8 ? f.bits : 8;
		f.is_signed = 0;
	}
	switch (pick(5)) {
	case 0:
		printf("%s & ", f.name);
		print_mask(&f);
		break;
	case 1:
		/* A masked value is unsigned: compared with what fits it. */
		printf("(%s & ", f.name);
		print_mask(&f);
		printf(") %s ", ops[pick(6)]);
		f.is_signed = 0;
		print_value(&f);
		break;
	case 2:
		printf("%s in {", f.name);
		for (n = 1 + pick(4); n > 0; n--) {
			print_value(&f);
			printf(n > 1 ? ", " : "}");
		}
		break;
	default:
		printf("%s %s ", f.name, ops[pick(6)]);
		print_value(&f);
		break;
	}
}

static void print_condition(const struct call *c, unsigned int depth)
{
	switch (depth < 2 ? pick(6) : 0) {
	case 3:
		printf("!(");
		print_condition(c, depth + 1);
		printf(")");
		break;
	case 4:
		printf("(");
		print_condition(c, depth + 1);
		printf(") && (");
		print_condition(c, depth + 1);
		printf(")");
		break;
	case 5:
		print_condition(c, depth + 1);
		printf(" || ");
		print_condition(c, depth + 1);
		break;
	default:
		print_predicate(c);
		break;
	}
}

static void print_rule(const struct call *c)
{
	print_action(!c->keep);
	printf(" %s", c->name);
	if (c->nargs && chance(70)) {
		printf(" if ");
		print_condition(c, 0);
	}
	printf("\n");
}

/* "x86_64 0 read(unsigned int fd [u32], char * buf [u64], ...) sys_read" */
static int parse_line(char *line, struct call *c)
{
	char abi[16], *name, *p, *open;

	if (sscanf(line, "%15s %*u", abi) != 1)
		return -1;
	name = strchr(strchr(line, ' ') + 1, ' ');
	open = name ? strchr(name, '(') : NULL;
	if (!open)
		return -1;
	*open = '\0';
	snprintf(c->name, sizeof(c->name), "%s:%s", abi, name + 1);
	c->nargs = 0;
	c->keep = 0;
	/* Each argument is "TYPE NAME [u32" or "[s64, narrowed by ...]". */
	for (p = open + 1; (p = strstr(p, " [")) && c->nargs < MAX_ARGS; p += 2) {
		struct field *f = &c->args[c->nargs];
		char *end = p, *start = p;

		if (p[2] != 'u' && p[2] != 's')
			continue;
		while (start > open + 1 && start[-1] != ' ')
			start--;
		if (end - start <= 0 || (size_t)(end - start) >= sizeof(f->name))
			return -1;
		memcpy(f->name, start, end - start);
		f->name[end - start] = '\0';
		f->is_signed = p[2] == 's';
		f->bits = strtoul(p + 3, NULL, 10);
		if (f->bits < 8 || f->bits > 64)
			return -1;
		c->nargs++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long seed;
	unsigned int layer, i, n;
	char line[1024];
	int first;

	if (argc < 3) {
		fprintf(stderr, "usage: randpolicy SEED LAYER [KEEP...] < SYSCALLS\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	layer = strtoul(argv[2], NULL, 0);
	state = seed * 1000003ULL + layer;
	while (fgets(line, sizeof(line), stdin) && ncalls < MAX_CALLS) {
		if (parse_line(line, &calls[ncalls]) < 0) {
			fprintf(stderr, "randpolicy: cannot parse: %s", line);
			return 1;
		}
		for (i = 3; i < (unsigned int)argc; i++)
			if (!strncmp(calls[ncalls].name, "x86_64:", 7) &&
			    !strcmp(calls[ncalls].name + 7, argv[i]))
				calls[ncalls].keep = 1;
		ncalls++;
	}
	if (!ncalls) {
		fprintf(stderr, "randpolicy: no syscalls on standard input\n");
		return 1;
	}

	printf("# randpolicy %llu %u\ndefault ", seed, layer);
	/*
	 * A severe default, or an ABI list without i386 (trinity makes half
	 * its calls with int $0x80) under the default abi-violation kill,
	 * kills most children before they call much: rarer.
	 */
	print_action(chance(25));
	printf("\nabi x86_64%s%s\n", chance(90) ? " i386" : "",
	       chance(50) ? " x32" : "");
	if (chance(50)) {
		printf("abi-violation ");
		print_action(1);
		printf("\n");
	}
	for (n = 8 + pick(40); n > 0; n--)
		print_rule(&calls[pick(ncalls)]);
	/* The kept calls: now and then a conditional rule, then allowed. */
	first = 1;
	for (i = 0; i < ncalls; i++) {
		if (!calls[i].keep)
			continue;
		if (chance(10))
			print_rule(&calls[i]);
	}
	for (i = 0; i < ncalls; i++) {
		if (!calls[i].keep)
			continue;
		printf("%s%s", first ? "allow " : ", ", calls[i].name);
		first = 0;
	}
	if (!first)
		printf("\n");
	return 0;
}
