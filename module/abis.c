// SPDX-License-Identifier: GPL-2.0
/*
 * The architectures and ABIs the engine knows, each described in its own
 * arch/ARCH/ directory: a port adds its directory and its lines here.
 */
#include "syscalls.h"

const struct sf_abi_info *const sf_abi_infos[SF_ABI_COUNT] = {
	[SF_ABI_X86_64] = &sf_abi_x86_64,
	[SF_ABI_I386] = &sf_abi_i386,
	[SF_ABI_X32] = &sf_abi_x32,
	[SF_ABI_AARCH64] = &sf_abi_aarch64,
	[SF_ABI_ARM] = &sf_abi_arm,
};

const struct sf_syscall_table *const sf_syscall_tables[SF_ABI_COUNT] = {
	[SF_ABI_X86_64] = &sf_syscalls_x86_64,
	[SF_ABI_I386] = &sf_syscalls_i386,
	[SF_ABI_X32] = &sf_syscalls_x32,
	[SF_ABI_AARCH64] = &sf_syscalls_aarch64,
	[SF_ABI_ARM] = &sf_syscalls_arm,
};

const struct sf_arch *const sf_arches[] = {
	&sf_arch_x86_64,
	&sf_arch_arm64,
	NULL,
};

/* The kernel sets its own at init; the CLI its host's or --arch's. */
const struct sf_arch *sf_target_arch = &sf_arch_x86_64;

SF_EXPORT_FOR_KUNIT(sf_target_arch);
