// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the generated syscall and constant tables and their lookups
 * (module/syscalls.c, module/constants.c).
 *
 * Expected syscall numbers come from the system's uapi headers, an input
 * independent of the kernel source tree the tables were generated from.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "constants.h"
#include "syscalls.h"

struct expected_nr {
	enum sf_abi abi;
	const char *name;
	long nr;
};

#define EXPECT_NR(abi, name) { abi, #name, __NR_##name }

/*
 * The three ABIs' headers define the same __NR_ names: each array is
 * initialized right after its ABI's header, before the next redefines them
 * (silently: they are system headers).
 */
#include <asm/unistd.h>

static const struct expected_nr expected_x86_64[] = {
	EXPECT_NR(SF_ABI_X86_64, read),
	EXPECT_NR(SF_ABI_X86_64, write),
	EXPECT_NR(SF_ABI_X86_64, stat),
	EXPECT_NR(SF_ABI_X86_64, mmap),
	EXPECT_NR(SF_ABI_X86_64, clone),
	EXPECT_NR(SF_ABI_X86_64, execve),
	EXPECT_NR(SF_ABI_X86_64, openat),
	EXPECT_NR(SF_ABI_X86_64, arch_prctl),
	EXPECT_NR(SF_ABI_X86_64, io_uring_setup),
	EXPECT_NR(SF_ABI_X86_64, set_mempolicy_home_node),
};

#include <asm/unistd_32.h>

static const struct expected_nr expected_i386[] = {
	EXPECT_NR(SF_ABI_I386, read),
	EXPECT_NR(SF_ABI_I386, socketcall),
	EXPECT_NR(SF_ABI_I386, _llseek),
	EXPECT_NR(SF_ABI_I386, mmap2),
	EXPECT_NR(SF_ABI_I386, socket),
	EXPECT_NR(SF_ABI_I386, clock_gettime64),
	EXPECT_NR(SF_ABI_I386, set_mempolicy_home_node),
};

#include <asm/unistd_x32.h>

static const struct expected_nr expected_x32[] = {
	EXPECT_NR(SF_ABI_X32, read),
	EXPECT_NR(SF_ABI_X32, readv),
	EXPECT_NR(SF_ABI_X32, ioctl),
	EXPECT_NR(SF_ABI_X32, execve),
	EXPECT_NR(SF_ABI_X32, pwritev2),
	EXPECT_NR(SF_ABI_X32, set_mempolicy_home_node),
};

static const struct sf_syscall *lookup(enum sf_abi abi, const char *name)
{
	return sf_syscall_by_name(abi, name, strlen(name));
}

static const struct sf_constant *constant(const char *name)
{
	return sf_constant_lookup(name, strlen(name));
}

static void assert_nrs(const struct expected_nr *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct sf_syscall *call = lookup(e[i].abi, e[i].name);
		long nr = e[i].nr & ~(long)SF_X32_SYSCALL_BIT;

		if (!call)
			fail_msg("%s: no syscall %s", sf_abi_name(e[i].abi),
				 e[i].name);
		if (call->nr != nr)
			fail_msg("%s: %s is %u, uapi says %ld",
				 sf_abi_name(e[i].abi), e[i].name, call->nr, nr);
		assert_ptr_equal(sf_syscall_by_nr(e[i].abi, nr), call);
	}
}

static void syscall_numbers_match_uapi_headers(void **state)
{
	(void)state;
	assert_nrs(expected_x86_64, ARRAY_SIZE(expected_x86_64));
	assert_nrs(expected_i386, ARRAY_SIZE(expected_i386));
	assert_nrs(expected_x32, ARRAY_SIZE(expected_x32));
}

static void syscall_numbers_are_plain(void **state)
{
	(void)state;
	/* The well-known numbers, in case the uapi headers were wrong too. */
	assert_int_equal(lookup(SF_ABI_X86_64, "read")->nr, 0);
	assert_int_equal(lookup(SF_ABI_I386, "read")->nr, 3);
	assert_int_equal(lookup(SF_ABI_X32, "read")->nr, 0);
	assert_int_equal(lookup(SF_ABI_X32, "readv")->nr, 515);
	/* x32 uses 515, not the x86-64 number 19, for readv. */
	assert_null(sf_syscall_by_nr(SF_ABI_X32, 19));
	assert_int_equal(lookup(SF_ABI_X86_64, "readv")->nr, 19);
}

static void abi_only_syscalls_are_absent_elsewhere(void **state)
{
	(void)state;
	assert_null(lookup(SF_ABI_X86_64, "socketcall"));
	assert_null(lookup(SF_ABI_X32, "socketcall"));
	assert_non_null(lookup(SF_ABI_I386, "socketcall"));
	/* i386 reaches accept and semop only through socketcall and ipc. */
	assert_null(lookup(SF_ABI_I386, "accept"));
	assert_null(lookup(SF_ABI_I386, "semop"));
	assert_non_null(lookup(SF_ABI_I386, "fstatat64"));
	assert_null(lookup(SF_ABI_X86_64, "fstatat64"));
	assert_null(lookup(SF_ABI_X86_64, "mmap2"));
}

static void assert_arg(const struct sf_syscall *call, unsigned int i,
		       const char *name, const char *ctype, unsigned int bits,
		       int is_signed)
{
	assert_true(i < call->nargs);
	assert_string_equal(call->args[i], name);
	assert_string_equal(call->ctypes[i], ctype);
	assert_int_equal(SF_TYPE_BITS(call->types[i]), bits);
	assert_int_equal(SF_TYPE_IS_SIGNED(call->types[i]), is_signed);
}

static void write_arguments_on_x86_64(void **state)
{
	const struct sf_syscall *call = lookup(SF_ABI_X86_64, "write");

	(void)state;
	assert_non_null(call);
	assert_int_equal(call->nargs, 3);
	assert_arg(call, 0, "fd", "unsigned int", 32, 0);
	assert_arg(call, 1, "buf", "const char *", 64, 0);
	assert_arg(call, 2, "count", "size_t", 64, 0);
	assert_null(call->args[3]);
	assert_null(call->ctypes[3]);
	assert_string_equal(call->entry, "sys_write");
}

static void i386_arguments_are_at_most_32_bits(void **state)
{
	const struct sf_syscall *write = lookup(SF_ABI_I386, "write");
	const struct sf_syscall *lseek = lookup(SF_ABI_I386, "lseek");
	const struct sf_syscall *open = lookup(SF_ABI_I386, "open");

	(void)state;
	assert_arg(write, 1, "buf", "const char *", 32, 0);
	assert_arg(write, 2, "count", "size_t", 32, 0);
	/* A 64-bit kernel runs compat_sys_lseek for i386: compat_off_t. */
	assert_string_equal(lseek->entry, "compat_sys_lseek");
	assert_arg(lseek, 1, "offset", "compat_off_t", 32, 1);
	/* Types narrower than a register keep their width. */
	assert_arg(open, 2, "mode", "umode_t", 16, 0);
}

static void x86_64_arguments_keep_their_c_types(void **state)
{
	const struct sf_syscall *lseek = lookup(SF_ABI_X86_64, "lseek");
	const struct sf_syscall *openat = lookup(SF_ABI_X86_64, "openat");
	const struct sf_syscall *stat = lookup(SF_ABI_X86_64, "stat");

	(void)state;
	assert_arg(lseek, 1, "offset", "off_t", 64, 1);
	assert_arg(openat, 0, "dfd", "int", 32, 1);
	assert_arg(openat, 2, "flags", "int", 32, 1);
	assert_arg(openat, 3, "mode", "umode_t", 16, 0);
	/* The table name is the syscall's, the entry the definition's. */
	assert_string_equal(stat->entry, "sys_newstat");
}

static void x32_compat_entries_take_compat_types(void **state)
{
	const struct sf_syscall *ioctl32 = lookup(SF_ABI_X32, "ioctl");
	const struct sf_syscall *ioctl64 = lookup(SF_ABI_X86_64, "ioctl");
	const struct sf_syscall *readv = lookup(SF_ABI_X32, "readv");
	const struct sf_syscall *recvfrom = lookup(SF_ABI_X32, "recvfrom");

	(void)state;
	assert_string_equal(ioctl32->entry, "compat_sys_ioctl");
	assert_arg(ioctl32, 2, "arg", "compat_ulong_t", 32, 0);
	assert_arg(ioctl64, 2, "arg", "unsigned long", 64, 0);
	/*
	 * x32's readv is the native one: its fd is a 64-bit unsigned long,
	 * which do_readv() hands to fdget_pos() as an unsigned int.
	 */
	assert_string_equal(readv->entry, "sys_readv");
	assert_arg(readv, 0, "fd", "unsigned long", 32, 0);
	assert_arg(readv, 1, "vec", "const struct iovec *", 64, 0);
	/* The kernel reads x32 pointers from full 64-bit registers. */
	assert_arg(recvfrom, 1, "buf", "void *", 64, 0);
	assert_arg(recvfrom, 2, "len", "compat_size_t", 32, 0);
}

/*
 * Every narrowed argument says what narrows it, and only narrowed ones do;
 * the evidence for each is checked against kernel sources by
 * tests/unit/test_narrowing.sh.
 */
static void narrowed_arguments_name_what_narrows_them(void **state)
{
	const struct sf_syscall *clone = lookup(SF_ABI_X86_64, "clone");
	const struct sf_syscall *mmap = lookup(SF_ABI_X86_64, "mmap");
	unsigned int abi, i, arg, narrowed = 0;

	(void)state;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		for (i = 0; i < t->count; i++) {
			const struct sf_syscall *sc = &t->calls[i];

			assert_int_equal(sc->narrowed >> sc->nargs, 0);
			for (arg = 0; arg < sc->nargs; arg++) {
				bool is = sc->narrowed & (1U << arg);

				assert_int_equal(!!sf_narrowed_by(sc, arg), is);
				narrowed += is;
			}
		}
	}
	assert_true(narrowed >= 20);
	assert_arg(clone, 0, "clone_flags", "unsigned long", 32, 0);
	assert_string_equal(sf_narrowed_by(clone, 0),
			    "lower_32_bits() in sys_clone");
	assert_null(sf_narrowed_by(clone, 1));
	assert_arg(mmap, 4, "fd", "unsigned long", 32, 0);
	assert_arg(mmap, 3, "flags", "unsigned long", 64, 0);
}

static void unimplemented_numbers_take_no_arguments(void **state)
{
	const struct sf_syscall *call = lookup(SF_ABI_X86_64, "uselib");

	(void)state;
	assert_non_null(call);
	assert_string_equal(call->entry, "sys_ni_syscall");
	assert_int_equal(call->nargs, 0);
}

static void syscall_by_name_reads_only_len_bytes(void **state)
{
	static const char text[] = "writev(fd)";
	const struct sf_syscall *call;

	(void)state;
	call = sf_syscall_by_name(SF_ABI_X86_64, text, 5);
	assert_non_null(call);
	assert_string_equal(call->name, "write");
	call = sf_syscall_by_name(SF_ABI_X86_64, text, 6);
	assert_string_equal(call->name, "writev");
	/* A prefix of a name is not that name. */
	assert_null(sf_syscall_by_name(SF_ABI_X86_64, text, 4));
	assert_null(sf_syscall_by_name(SF_ABI_X86_64, text, 0));
	assert_null(sf_syscall_by_name(SF_ABI_X86_64, text, 7));
	/* An embedded NUL does not end the name early. */
	assert_null(sf_syscall_by_name(SF_ABI_X86_64, "read\0x", 6));
	assert_null(sf_syscall_by_name(SF_ABI_COUNT, text, 5));
}

static void every_table_entry_is_found_by_name_and_number(void **state)
{
	int abi;

	(void)state;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];
		u32 i;

		assert_true(t->count > 300);
		for (i = 0; i < t->count; i++) {
			const struct sf_syscall *call = &t->calls[i];

			assert_ptr_equal(lookup(abi, call->name), call);
			assert_ptr_equal(sf_syscall_by_nr(abi, call->nr), call);
			/* Slots and numbers map both ways. */
			assert_int_equal(sf_syscall_slot(abi,
					 sf_syscall_nr(abi, call->nr)), call->nr);
			assert_true(call->nr < t->nr_limit);
			assert_true(call->nargs <= SF_MAX_ARGS);
			if (i)
				assert_true(t->calls[i - 1].nr < call->nr);
		}
		assert_int_equal(t->calls[t->count - 1].nr + 1, t->nr_limit);
		assert_null(sf_syscall_by_nr(abi, t->nr_limit));
		assert_null(sf_syscall_by_nr(abi, SF_X32_SYSCALL_BIT));
	}
}

/*
 * arm's private syscalls sit in slots SF_ARM_PRIVATE_SLOT + n of the arm
 * table, after every numbered one, and keep their numbers outside it.
 */
static void arm_private_syscalls_have_slots(void **state)
{
	const struct sf_syscall_table *t = sf_syscall_tables[SF_ABI_ARM];
	const struct sf_syscall *sc;
	u32 i, n;

	(void)state;
	for (i = 0; i < t->count; i++) {
		const struct sf_syscall *call = &t->calls[i];
		bool private = !strcmp(call->entry, "compat_arm_syscall");

		assert_int_equal(call->nr >= SF_ARM_PRIVATE_SLOT, private);
		if (private)
			assert_true(call->nr < SF_ARM_PRIVATE_SLOT +
				    SF_ARM_PRIVATE_COUNT);
	}
	sc = sf_syscall_by_nr(SF_ABI_ARM, sf_syscall_slot(SF_ABI_ARM, 0xf0005));
	assert_non_null(sc);
	assert_string_equal(sc->name, "set_tls");
	assert_int_equal(sf_syscall_nr(SF_ABI_ARM, sc->nr), 0xf0005);
	assert_ptr_equal(lookup(SF_ABI_ARM, "cacheflush"),
			 sf_syscall_by_nr(SF_ABI_ARM,
					  sf_syscall_slot(SF_ABI_ARM, 0xf0002)));
	/* The numbers of those slots are no syscall: past every table. */
	for (n = 0; n < SF_ARM_PRIVATE_COUNT; n++) {
		u32 slot = sf_syscall_slot(SF_ABI_ARM, SF_ARM_PRIVATE_SLOT + n);

		assert_int_equal(slot, SF_ARM_PRIVATE_NR + n);
		assert_null(sf_syscall_by_nr(SF_ABI_ARM, slot));
	}
	assert_null(sf_syscall_by_nr(SF_ABI_ARM,
				     sf_syscall_slot(SF_ABI_ARM, 0xf0003)));
	assert_int_equal(sf_syscall_slot(SF_ABI_ARM, 0xf0800), 0xf0800);
	/* Other ABIs have no such syscalls. */
	assert_int_equal(sf_syscall_slot(SF_ABI_AARCH64, 0xf0005), 0xf0005);
	assert_int_equal(sf_syscall_slot(SF_ABI_I386, 0xf0005), 0xf0005);
	assert_int_equal(sf_syscall_slot(SF_ABI_ARM, 4), 4);
	assert_int_equal(sf_syscall_slot(SF_ABI_COUNT, 0xf0005), 0xf0005);
}

static void abi_names_round_trip(void **state)
{
	int abi;

	(void)state;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const char *name = sf_abi_name(abi);

		assert_int_equal(sf_abi_lookup(name, strlen(name)), abi);
	}
	assert_int_equal(sf_abi_lookup("x86_64 i386", 6), SF_ABI_X86_64);
	assert_int_equal(sf_abi_lookup("i386", 4), SF_ABI_I386);
	assert_int_equal(sf_abi_lookup("x32", 3), SF_ABI_X32);
	assert_int_equal(sf_abi_lookup("i386", 3), -1);
	assert_int_equal(sf_abi_lookup("x86-64", 6), -1);
	assert_int_equal(sf_abi_lookup("", 0), -1);
	assert_null(sf_abi_name(SF_ABI_COUNT));
}

static void open_flags_have_each_abi_value(void **state)
{
	const struct sf_constant *creat = constant("O_CREAT");
	int abi;

	(void)state;
	assert_non_null(creat);
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		assert_int_equal(creat->value[abi], 0100);
		assert_int_equal(constant("O_ACCMODE")->value[abi], 3);
		assert_int_equal(constant("O_RDONLY")->value[abi], 0);
		assert_int_equal(constant("O_WRONLY")->value[abi], 1);
		assert_int_equal(constant("AT_FDCWD")->value[abi], -100);
	}
	assert_int_equal(creat->abis, SF_CONSTANT_ALL_ABIS);
}

static void constants_differ_where_the_abis_do(void **state)
{
	const struct sf_constant *rlim = constant("RLIM_INFINITY");
	const struct sf_constant *getlk64 = constant("F_GETLK64");

	(void)state;
	/* ~0UL: 64 bits on x86-64, 32 for i386 and x32 programs. */
	assert_int_equal(rlim->value[SF_ABI_X86_64], -1);
	assert_int_equal(rlim->value[SF_ABI_I386], 0xffffffffLL);
	/* Only where long is 32 bits do the headers define F_GETLK64. */
	assert_int_equal(getlk64->abis,
			 SF_ABI_MASK(SF_ABI_I386) | SF_ABI_MASK(SF_ABI_X32) |
			 SF_ABI_MASK(SF_ABI_ARM));
	assert_int_equal(getlk64->value[SF_ABI_I386], 12);
}

static void socket_constants_come_from_the_kernel(void **state)
{
	(void)state;
	assert_int_equal(constant("AF_UNIX")->value[SF_ABI_X86_64], 1);
	assert_int_equal(constant("AF_INET6")->value[SF_ABI_I386], 10);
	assert_int_equal(constant("SOCK_STREAM")->value[SF_ABI_X32], 1);
	assert_int_equal(constant("SOCK_CLOEXEC")->value[SF_ABI_X86_64],
			 constant("O_CLOEXEC")->value[SF_ABI_X86_64]);
	assert_int_equal(constant("SOL_SOCKET")->value[SF_ABI_X86_64], 1);
	assert_int_equal(constant("MSG_DONTWAIT")->value[SF_ABI_X86_64], 0x40);
	/* Flags the kernel uses internally are not policy vocabulary. */
	assert_null(constant("MSG_SPLICE_PAGES"));
}

static void constant_lookup_reads_only_len_bytes(void **state)
{
	static const char text[] = "O_CREAT|O_EXCL";
	const struct sf_constant *c;

	(void)state;
	c = sf_constant_lookup(text, 7);
	assert_non_null(c);
	assert_string_equal(c->name, "O_CREAT");
	assert_null(sf_constant_lookup(text, 6));
	assert_null(sf_constant_lookup(text, 8));
	assert_null(sf_constant_lookup(text, 0));
	assert_null(constant("O_NO_SUCH_FLAG"));
}

static void constants_are_sorted_and_all_found(void **state)
{
	u32 i;

	(void)state;
	assert_true(sf_constants_count > 1000);
	for (i = 0; i < sf_constants_count; i++) {
		const struct sf_constant *c = &sf_constants[i];

		if (i)
			assert_true(strcmp(sf_constants[i - 1].name, c->name) < 0);
		assert_ptr_equal(constant(c->name), c);
		assert_true(c->abis && !(c->abis & ~SF_CONSTANT_ALL_ABIS));
	}
}

static void errno_names_are_canonical(void **state)
{
	(void)state;
	assert_string_equal(sf_errno_names[EPERM], "EPERM");
	assert_string_equal(sf_errno_names[EAGAIN], "EAGAIN");
	assert_string_equal(sf_errno_names[EDEADLK], "EDEADLK");
	assert_string_equal(sf_errno_names[ENOSYS], "ENOSYS");
	assert_null(sf_errno_names[0]);
	assert_true(sf_errno_names_count > EHWPOISON);
}

static void errno_lookup_accepts_both_spellings(void **state)
{
	(void)state;
	assert_int_equal(sf_errno_lookup("EAGAIN", 6), EAGAIN);
	assert_int_equal(sf_errno_lookup("EWOULDBLOCK", 11), EAGAIN);
	assert_int_equal(sf_errno_lookup("EDEADLOCK", 9), EDEADLK);
	assert_int_equal(sf_errno_lookup("EACCES openat", 6), EACCES);
	assert_int_equal(sf_errno_lookup("EPERM", 4), -1);
	/* Other constants starting with E are not errno names. */
	assert_int_equal(sf_errno_lookup("EPOLLIN", 7), -1);
	assert_int_equal(sf_errno_lookup("", 0), -1);
}

static void every_errno_name_round_trips(void **state)
{
	u32 nr;

	(void)state;
	for (nr = 0; nr < sf_errno_names_count; nr++) {
		const char *name = sf_errno_names[nr];

		if (!name)
			continue;
		assert_int_equal(sf_errno_lookup(name, strlen(name)), nr);
		assert_int_equal(constant(name)->value[SF_ABI_X86_64], nr);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(syscall_numbers_match_uapi_headers),
		cmocka_unit_test(syscall_numbers_are_plain),
		cmocka_unit_test(abi_only_syscalls_are_absent_elsewhere),
		cmocka_unit_test(write_arguments_on_x86_64),
		cmocka_unit_test(i386_arguments_are_at_most_32_bits),
		cmocka_unit_test(x86_64_arguments_keep_their_c_types),
		cmocka_unit_test(x32_compat_entries_take_compat_types),
		cmocka_unit_test(narrowed_arguments_name_what_narrows_them),
		cmocka_unit_test(unimplemented_numbers_take_no_arguments),
		cmocka_unit_test(syscall_by_name_reads_only_len_bytes),
		cmocka_unit_test(every_table_entry_is_found_by_name_and_number),
		cmocka_unit_test(arm_private_syscalls_have_slots),
		cmocka_unit_test(abi_names_round_trip),
		cmocka_unit_test(open_flags_have_each_abi_value),
		cmocka_unit_test(constants_differ_where_the_abis_do),
		cmocka_unit_test(socket_constants_come_from_the_kernel),
		cmocka_unit_test(constant_lookup_reads_only_len_bytes),
		cmocka_unit_test(constants_are_sorted_and_all_found),
		cmocka_unit_test(errno_names_are_canonical),
		cmocka_unit_test(errno_lookup_accepts_both_spellings),
		cmocka_unit_test(every_errno_name_round_trips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
