// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the policy engine: any byte string must compile or
 * fail with a positioned error; a compiled policy must decide every syscall
 * of every ABI and describe it, consistently, whatever the arguments.
 * Built with ASan and UBSan (tests/fuzz/fuzz.mk).
 */
#include <stdlib.h>

#include "engine.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void check_syscall(const struct sf_policy *p, enum sf_abi abi, u32 nr,
			  const u64 args[SF_MAX_ARGS])
{
	struct sf_result constant, res;
	bool is_constant;
	char buf[64];
	int len;

	is_constant = sf_policy_constant(p, abi, nr, &constant);
	sf_policy_eval(p, abi, nr, args, &res);
	if (SF_VERDICT_ACTION(res.verdict) >= SF_ACT_COUNT)
		abort();
	if (is_constant && (constant.verdict != res.verdict ||
			    constant.line != res.line))
		abort();
	len = sf_policy_describe(p, abi, nr, buf, sizeof(buf));
	if (len < 0 || (size_t)len < strlen(buf))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u64 args[SF_MAX_ARGS] = { 0 };
	struct sf_policy *p = NULL;
	struct sf_diag diag;
	u32 nr, i;
	int abi, err;

	err = sf_policy_compile((const char *)data, size, &p, &diag);
	if (err) {
		/* Every error is positioned inside (or just after) the text. */
		if (p || !diag.line || !diag.col || !memchr(diag.msg, '\0',
							    sizeof(diag.msg)))
			abort();
		return 0;
	}
	/* Arguments from the input's first bytes: varied but reproducible. */
	for (i = 0; i < size && i < 8 * SF_MAX_ARGS; i++)
		args[i / 8] = args[i / 8] << 8 | data[size - 1 - i];
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		u32 limit = sf_syscall_tables[abi]->nr_limit;

		for (nr = 0; nr <= limit; nr++)
			check_syscall(p, abi, nr, args);
		check_syscall(p, abi, 0xffffffff, args);
	}
	for (i = 0; i < sf_policy_warning_count(p); i++) {
		if (!sf_policy_warning(p, i)->line)
			abort();
	}
	sf_policy_free(p);
	return 0;
}
