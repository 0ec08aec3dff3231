/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability layer for the policy engine.
 *
 * The parser, compiler and evaluator are compiled twice from the same files:
 * into the kernel module and into the userland CLI, so that an offline verdict
 * and the kernel's verdict cannot differ. Portable files include this header
 * and nothing from <linux/...> or libc directly.
 */
#ifndef SF_PORT_H
#define SF_PORT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>

#include <linux/nospec.h>
#include <uapi/linux/audit.h>	/* AUDIT_ARCH_* */

/*
 * Clamps an index the caller chose (a syscall number) that was checked
 * against @size, so that no mispredicted bounds check reads past the table.
 */
#define sf_index_nospec(index, size) array_index_nospec(index, size)

static inline void *sf_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL_ACCOUNT);
}

static inline void *sf_zalloc_array(size_t n, size_t size)
{
	return kvcalloc(n, size, GFP_KERNEL_ACCOUNT);
}

static inline void sf_free(const void *p)
{
	kvfree(p);
}

#else /* !__KERNEL__ */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>	/* the uapi __u8 .. __s64, as the kernel's */
#include <linux/audit.h>	/* AUDIT_ARCH_* */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define fallthrough __attribute__((__fallthrough__))
#define sf_index_nospec(index, size) (index)

static inline void *sf_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void *sf_zalloc_array(size_t n, size_t size)
{
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void sf_free(const void *p)
{
	free((void *)p);
}

#endif /* __KERNEL__ */

/*
 * The KUnit suites are a separate module that tests the engine inside
 * sysfence.ko; only a build for the KUnit kernel exports the engine to it.
 */
#if defined(__KERNEL__) && defined(SYSFENCE_KUNIT)
#include <linux/export.h>
#define SF_EXPORT_FOR_KUNIT(sym) EXPORT_SYMBOL_GPL(sym)
#else
#define SF_EXPORT_FOR_KUNIT(sym)
#endif

#endif /* SF_PORT_H */
