/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the supported kernels (6.1 and later), in one place.
 */
#ifndef SF_COMPAT_H
#define SF_COMPAT_H

#include <linux/sched.h>

/*
 * Since 6.4 vhost's workers are threads of the process that owns the
 * device, flagged like io_uring's; before, they were kernel threads
 * outside it, so there is nothing to tell apart.
 */
#ifndef PF_USER_WORKER
#define PF_USER_WORKER 0
#endif

#endif /* SF_COMPAT_H */
