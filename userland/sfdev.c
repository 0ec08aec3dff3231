// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctls of /dev/sysfence, for the subcommands that need the module.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/sysfence.h>

#include "limits.h"
#include "sfdev.h"

int sf_dev_open(void)
{
	int fd = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		int e = errno;

		fprintf(stderr, "sysfence: cannot open %s: %s%s\n",
			SYSFENCE_DEVICE, strerror(e),
			e == ENOENT ? " (is the sysfence module loaded?)" : "");
		return -1;
	}
	return fd;
}

int sf_dev_load(int fd, const char *text, size_t len, unsigned int flags,
		unsigned int *layers, struct sf_diag *diag)
{
	int ret = sf_dev_load_listener(fd, text, len, flags, 0, layers, diag);

	return ret < 0 ? ret : 0;
}

int sf_dev_load_listener(int fd, const char *text, size_t len,
			 unsigned int flags, unsigned int records,
			 unsigned int *layers, struct sf_diag *diag)
{
	struct sysfence_load load;
	int ret;

	memset(&load, 0, sizeof(load));
	load.size = sizeof(load);
	load.flags = flags;
	load.text = (uintptr_t)text;
	load.text_len = len;
	load.listener_records = records;
	ret = ioctl(fd, SYSFENCE_IOC_LOAD, &load);
	if (ret < 0) {
		int e = errno;

		memset(diag, 0, sizeof(*diag));
		diag->line = load.error_line;
		diag->col = load.error_column;
		snprintf(diag->msg, sizeof(diag->msg), "%.*s",
			 (int)sizeof(load.error_message),
			 load.error_message);
		return -e;
	}
	*layers = load.layers;
	return ret;
}

int sf_dev_show(int fd, pid_t pid, unsigned int flags, char **text,
		size_t *len, unsigned int *layers)
{
	struct sysfence_show show;
	size_t size = 64 * 1024;
	char *buf = NULL;

	/* The text may grow between two calls (a new layer): loop. */
	for (;;) {
		char *bigger = realloc(buf, size);

		if (!bigger) {
			free(buf);
			return -ENOMEM;
		}
		buf = bigger;
		memset(&show, 0, sizeof(show));
		show.size = sizeof(show);
		show.pid = pid;
		show.flags = flags;
		show.buf = (uintptr_t)buf;
		show.buf_size = size;
		if (ioctl(fd, SYSFENCE_IOC_SHOW, &show) < 0) {
			int e = errno;

			free(buf);
			return -e;
		}
		if (show.text_len <= size)
			break;
		if (show.text_len > SIZE_MAX) {
			free(buf);
			return -EOVERFLOW;
		}
		size = show.text_len;
	}
	*text = buf;
	*len = show.text_len;
	*layers = show.layers;
	return 0;
}

/*
 * Why the module refused a load (@err a positive errno), for a load of the
 * policy @name that failed other than on a policy error.
 */
void sf_dev_load_failed(const char *name, int err)
{
	switch (err) {
	case EACCES:
		fprintf(stderr,
			"sysfence: %s: the module refused the load: no_new_privs is not set and CAP_SYS_ADMIN is missing\n",
			name);
		break;
	case E2BIG:
		fprintf(stderr, "sysfence: %s: too many layers (at most %d)\n",
			name, SF_MAX_LAYERS);
		break;
	case EBUSY:
		fprintf(stderr,
			"sysfence: %s: another thread has layers this one lacks\n",
			name);
		break;
	case EOPNOTSUPP:
		fprintf(stderr,
			"sysfence: %s: the module refuses to confine on this kernel, which runs the syscalls it skips (see the kernel log and sysfence(8))\n",
			name);
		break;
	default:
		fprintf(stderr, "sysfence: %s: load failed: %s\n", name,
			strerror(err));
		break;
	}
}
