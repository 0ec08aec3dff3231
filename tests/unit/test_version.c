// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of which module ABI versions the CLI accepts without a warning
 * (userland/version.h): `sysfence --version` warns on exactly the others.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userland/version.h"

static void same_abi_is_supported(void **state)
{
	(void)state;
	assert_true(sf_abi_supported(SYSFENCE_ABI_VERSION));
}

static void newer_module_abi_is_supported(void **state)
{
	(void)state;
	assert_true(sf_abi_supported(SYSFENCE_ABI_VERSION + 1));
}

static void older_module_abi_is_not_supported(void **state)
{
	(void)state;
	assert_false(sf_abi_supported(SYSFENCE_ABI_VERSION - 1));
	assert_false(sf_abi_supported(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_abi_is_supported),
		cmocka_unit_test(newer_module_abi_is_supported),
		cmocka_unit_test(older_module_abi_is_not_supported),
	};

	return cmocka_run_group_tests_name("version", tests, NULL, NULL);
}
