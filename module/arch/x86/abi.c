// SPDX-License-Identifier: GPL-2.0
/*
 * x86: a 64-bit kernel runs x86_64 tasks, i386 ones (IA32_EMULATION) and
 * x32 ones (X86_X32_ABI, whose entry numbers carry __X32_SYSCALL_BIT and
 * whose registers are the 64-bit ones).
 */
#include "../../syscalls.h"

const struct sf_abi_info sf_abi_x86_64 = {
	.name = "x86_64",
	.audit_arch = AUDIT_ARCH_X86_64,
	.reg_bits = 64,
};

const struct sf_abi_info sf_abi_i386 = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.reg_bits = 32,
};

/* seccomp reports x32 calls with AUDIT_ARCH_X86_64 and the bit set. */
const struct sf_abi_info sf_abi_x32 = {
	.name = "x32",
	.audit_arch = AUDIT_ARCH_X86_64,
	.nr_bit = SF_X32_SYSCALL_BIT,
	.reg_bits = 64,
};

const struct sf_arch sf_arch_x86_64 = {
	.name = "x86_64",
	.alias = "amd64",
	.abis = SF_ABI_MASK(SF_ABI_X86_64) | SF_ABI_MASK(SF_ABI_I386) |
		SF_ABI_MASK(SF_ABI_X32),
	.native = SF_ABI_X86_64,
};
