/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the module: the ioctls of /dev/sysfence (uapi/linux/sysfence.h)
 * wrapped for the subcommands that need a running module (run, show).
 */
#ifndef SYSFENCE_SFDEV_H
#define SYSFENCE_SFDEV_H

#include <stddef.h>
#include <sys/types.h>

#include "engine.h"

/*
 * Open /dev/sysfence. Prints why on failure (with a hint when the module is
 * not loaded) and returns -1.
 */
int sf_dev_open(void);

/*
 * Load policy text as a new layer; @flags are SYSFENCE_LOAD_* flags.
 * Returns 0 and the resulting number of layers in *layers, or a negative
 * errno; for a rejected policy (-EINVAL, -E2BIG) *diag holds the kernel's
 * line, column (0 when it has no position) and message.
 */
int sf_dev_load(int fd, const char *text, size_t len, unsigned int flags,
		unsigned int *layers, struct sf_diag *diag);

/*
 * sf_dev_load() with SYSFENCE_LOAD_LISTENER among @flags: returns the
 * listener's file descriptor (a ring of @records, 0 for the module's
 * default) or a negative errno. Without it, returns 0 on success.
 */
int sf_dev_load_listener(int fd, const char *text, size_t len,
			 unsigned int flags, unsigned int records,
			 unsigned int *layers, struct sf_diag *diag);

/*
 * The effective policy of thread @pid (0: the caller) as the module prints
 * it, in a malloc()ed buffer of *len bytes (not NUL-terminated); @flags are
 * SYSFENCE_SHOW_* flags. Returns 0 or a negative errno.
 */
int sf_dev_show(int fd, pid_t pid, unsigned int flags, char **text,
		size_t *len, unsigned int *layers);

void sf_dev_load_failed(const char *name, int err);

#endif /* SYSFENCE_SFDEV_H */
