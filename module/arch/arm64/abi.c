// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: a 64-bit kernel runs aarch64 tasks and, with CONFIG_COMPAT, 32-bit
 * arm (EABI) ones, whose registers are 32 bits wide.
 */
#include "../../syscalls.h"

const struct sf_abi_info sf_abi_aarch64 = {
	.name = "aarch64",
	.audit_arch = AUDIT_ARCH_AARCH64,
	.reg_bits = 64,
};

const struct sf_abi_info sf_abi_arm = {
	.name = "arm",
	.audit_arch = AUDIT_ARCH_ARM,
	.private_nr = SF_ARM_PRIVATE_NR,
	.private_slot = SF_ARM_PRIVATE_SLOT,
	.private_count = SF_ARM_PRIVATE_COUNT,
	.reg_bits = 32,
};

const struct sf_arch sf_arch_arm64 = {
	.name = "arm64",
	.alias = "aarch64",
	.abis = SF_ABI_MASK(SF_ABI_AARCH64) | SF_ABI_MASK(SF_ABI_ARM),
	.native = SF_ABI_AARCH64,
};
