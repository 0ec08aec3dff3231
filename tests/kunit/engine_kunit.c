// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the policy engine inside sysfence.ko: the case table of
 * tests/cases/engine_cases.h, judged by the same engine_case_check.h as the
 * userspace runner, so a verdict that differs between the CLI and the
 * kernel fails one of the two.
 */
#include <kunit/test.h>

#include "engine.h"
#include "groups.h"
#include "engine_case_check.h"

static void sf_engine_case_desc(const struct sf_engine_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sf_engine_cases, sf_engine_cases, sf_engine_case_desc);

static void sf_engine_case_test(struct kunit *test)
{
	const struct sf_engine_case *c = test->param_value;
	char why[SF_CASE_WHY_MAX];

	if (!sf_engine_case_check(c, why, sizeof(why)))
		KUNIT_FAIL(test, "%s: %s", c->name, why);
}

/* Each group names syscalls on every ABI, in the kernel's tables too. */
static void sf_engine_groups_compile_test(struct kunit *test)
{
	struct sf_abi_summary sum;
	struct sf_policy *p;
	struct sf_diag diag;
	char text[96];
	int abi, len, err;
	u32 g;

	for (g = 0; g < sf_groups_count; g++) {
		len = snprintf(text, sizeof(text),
			       "default allow\nabi x86_64 i386 x32\nlog @%s\n",
			       sf_groups[g].name);
		err = sf_policy_compile(text, len, &p, &diag);
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "@%s: %u:%u: %s",
				    sf_groups[g].name, diag.line, diag.col,
				    diag.msg);
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (!(sf_policy_abis(p) & SF_ABI_MASK(abi)))
				continue;
			KUNIT_EXPECT_EQ(test, sf_policy_summary(p, abi, &sum),
					0);
			KUNIT_EXPECT_GT_MSG(test, sum.constant, 0U, "@%s on %s",
					    sf_groups[g].name,
					    sf_abi_name(abi));
		}
		sf_policy_free(p);
	}
}

static struct kunit_case sf_engine_test_cases[] = {
	KUNIT_CASE_PARAM(sf_engine_case_test, sf_engine_cases_gen_params),
	KUNIT_CASE(sf_engine_groups_compile_test),
	{}
};

static struct kunit_suite sf_engine_test_suite = {
	.name = "sysfence_engine",
	.test_cases = sf_engine_test_cases,
};

kunit_test_suite(sf_engine_test_suite);
