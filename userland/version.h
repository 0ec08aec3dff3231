/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which module ABI versions (SYSFENCE_IOC_VERSION) this CLI can work with.
 */
#ifndef SYSFENCE_VERSION_H
#define SYSFENCE_VERSION_H

#include <linux/sysfence.h>

/*
 * The uapi structs only grow, and a module accepts a struct of an older
 * program (uapi/linux/sysfence.h), so a module speaking a newer ABI than the
 * one this CLI was built with serves it fully. A module speaking an older
 * ABI lacks what the CLI may ask for: the one mismatch to warn about.
 */
static inline int sf_abi_supported(long module_abi)
{
	return module_abi >= SYSFENCE_ABI_VERSION;
}

/* `sysfence --version`: prints the versions; returns the exit status. */
int sf_print_version(void);

#endif /* SYSFENCE_VERSION_H */
