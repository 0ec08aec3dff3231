// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the argument families (module/arg_families.c), the
 * naming of their values (userland/decode.c) that monitor prints and learn
 * writes into policies, and of the rule index a decision carries, which
 * the module's per-rule counters use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arg_families.h"
#include "constants.h"
#include "decode.h"
#include "engine.h"
#include "syscalls.h"

static const struct sf_syscall *call(enum sf_abi abi, const char *name)
{
	const struct sf_syscall *c = sf_syscall_by_name(abi, name, strlen(name));

	assert_non_null(c);
	return c;
}

static void decoded(enum sf_abi abi, const char *name, u32 arg, u64 v,
		    const char *want)
{
	char buf[256];

	sf_decode_arg(call(abi, name), abi, arg, v, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void families_name_existing_arguments(void **state)
{
	u32 i, abi, n;

	(void)state;
	for (i = 0; i < sf_arg_families_count; i++) {
		const struct sf_arg_family *f = &sf_arg_families[i];

		for (abi = n = 0; abi < SF_ABI_COUNT; abi++) {
			const struct sf_syscall *c =
				sf_syscall_by_name(abi, f->syscall,
						   strlen(f->syscall));
			u32 a;

			for (a = 0; c && a < c->nargs; a++)
				n += sf_arg_family_of(c, a) == f;
		}
		/* A typo would leave a family no syscall has. */
		if (!n)
			fail_msg("%s %s matches no argument", f->syscall, f->arg);
		for (n = 0; f->names[n]; n++)
			if (!sf_constant_lookup(f->names[n], strlen(f->names[n])))
				fail_msg("%s: no constant %s", f->syscall,
					 f->names[n]);
	}
}

static void values_are_named(void **state)
{
	(void)state;
	decoded(SF_ABI_X86_64, "openat", 2, 0x80000, "O_RDONLY|O_CLOEXEC");
	decoded(SF_ABI_X86_64, "openat", 2, 0x241, "O_WRONLY|O_CREAT|O_TRUNC");
	decoded(SF_ABI_X86_64, "openat", 2, 0x410000 | 2, "O_RDWR|O_TMPFILE");
	decoded(SF_ABI_X86_64, "openat", 2, 0x101000, "O_RDONLY|O_SYNC");
	/* Bits without a name stay visible. */
	decoded(SF_ABI_X86_64, "openat", 2, 0x80000000U | 1,
		"O_WRONLY|0x80000000");
	/* i386's O_LARGEFILE is its own. */
	decoded(SF_ABI_I386, "openat", 2, 0x8000, "O_RDONLY|O_LARGEFILE");
	decoded(SF_ABI_X86_64, "socket", 0, 1, "AF_UNIX");
	decoded(SF_ABI_X86_64, "socket", 0, 2, "AF_INET");
	decoded(SF_ABI_X86_64, "socket", 1, 0x80801,
		"SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC");
	decoded(SF_ABI_X86_64, "clone", 0, 0x1200011,
		"SIGCHLD|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID");
	decoded(SF_ABI_X86_64, "mmap", 2, 0, "PROT_NONE");
	decoded(SF_ABI_X86_64, "mmap", 2, 3, "PROT_READ|PROT_WRITE");
	decoded(SF_ABI_X86_64, "fcntl", 1, 0x406, "F_DUPFD_CLOEXEC");
	decoded(SF_ABI_X86_64, "ioctl", 1, 0x5413, "TIOCGWINSZ");
	decoded(SF_ABI_X86_64, "ioctl", 1, 0x12345678, "0x12345678");
	decoded(SF_ABI_X86_64, "prctl", 0, 38, "PR_SET_NO_NEW_PRIVS");
}

static void other_arguments_are_numbers(void **state)
{
	(void)state;
	decoded(SF_ABI_X86_64, "write", 0, 1, "1");
	decoded(SF_ABI_X86_64, "write", 1, 0x7ffd1234, "0x7ffd1234");
	decoded(SF_ABI_X86_64, "write", 2, 16, "16");
	/* int fd == -100 (AT_FDCWD), at the field's width. */
	decoded(SF_ABI_X86_64, "openat", 0, 0xffffffffffffff9cULL, "-100");
	decoded(SF_ABI_I386, "openat", 0, 0xffffff9c, "-100");
}

/* Policy syntax, as learn writes conditions. */
static void policy_syntax_joins_with_spaces(void **state)
{
	const struct sf_syscall *c = call(SF_ABI_X86_64, "openat");
	char buf[128];

	(void)state;
	assert_int_equal(sf_decode_family(sf_arg_family_of(c, 2), SF_ABI_X86_64,
					  0x80000, " | ", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "O_RDONLY | O_CLOEXEC");
	assert_int_equal(sf_decode_family(sf_arg_family_of(c, 2), SF_ABI_X86_64,
					  0, " | ", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "O_RDONLY");
}

static void decisions_carry_their_rule(void **state)
{
	static const char text[] =
		"default errno EPERM\n"
		"# a comment\n"
		"allow read\n"
		"allow write if fd == 1\n"
		"errno EACCES write\n";
	u64 args[SF_MAX_ARGS] = { 1 };
	struct sf_policy *p;
	struct sf_result res;
	const struct sf_syscall *w = call(SF_ABI_X86_64, "write");

	(void)state;
	assert_int_equal(sf_policy_compile(text, sizeof(text) - 1, &p, NULL), 0);
	assert_int_equal(sf_policy_rule_count(p), 3);
	sf_policy_eval(p, SF_ABI_X86_64, call(SF_ABI_X86_64, "read")->nr, args,
		       &res);
	assert_int_equal(res.rule, 0);
	assert_int_equal(res.line, 3);
	sf_policy_eval(p, SF_ABI_X86_64, w->nr, args, &res);
	assert_int_equal(res.rule, 1);
	args[0] = 2;
	sf_policy_eval(p, SF_ABI_X86_64, w->nr, args, &res);
	assert_int_equal(res.rule, 2);
	assert_int_equal(res.line, 5);
	sf_policy_eval(p, SF_ABI_X86_64, call(SF_ABI_X86_64, "close")->nr,
		       args, &res);
	assert_int_equal(res.rule, SF_RULE_DEFAULT);
	sf_policy_eval(p, SF_ABI_I386, 3, args, &res);
	assert_int_equal(res.rule, SF_RULE_VIOLATION);
	sf_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(families_name_existing_arguments),
		cmocka_unit_test(values_are_named),
		cmocka_unit_test(other_arguments_are_numbers),
		cmocka_unit_test(policy_syntax_joins_with_spaces),
		cmocka_unit_test(decisions_carry_their_rule),
	};

	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
