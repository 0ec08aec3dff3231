/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the static test programs: loading a policy through
 * /dev/sysfence and printing syscall outcomes in one format that the
 * scenarios compare ("ret N" or "errno NAME").
 */
#ifndef SFTEST_H
#define SFTEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/sysfence.h>

static inline const char *sft_errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case ENOSYS: return "ENOSYS";
	case E2BIG: return "E2BIG";
	case EOVERFLOW: return "EOVERFLOW";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	default: return "other";
	}
}

/* Prints "WHO ret N" or "WHO errno NAME" for a libc-style result. */
static inline void sft_report(const char *who, long ret, int err)
{
	if (ret == -1)
		printf("%s errno %s\n", who, sft_errno_name(err));
	else
		printf("%s ret %ld\n", who, ret);
	fflush(stdout);
}

/* Reads a whole file into a malloc()ed buffer; exits on failure. */
static inline char *sft_read_file(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);
	ssize_t got;

	if (fd < 0 || !buf) {
		perror(path);
		exit(2);
	}
	while ((got = read(fd, buf + n, cap - n)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("realloc");
				exit(2);
			}
		}
	}
	close(fd);
	*len = n;
	return buf;
}

/*
 * Loads the policy file @path with @flags; @load holds what the kernel
 * answered (layers, or the error's position and message). Returns 0, or the
 * errno of the failed step (open of the device, or the ioctl).
 */
static inline int sft_load(const char *path, unsigned int flags,
			   struct sysfence_load *load)
{
	size_t len;
	char *text = sft_read_file(path, &len);
	int fd = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	int err = 0;

	memset(load, 0, sizeof(*load));
	if (fd < 0) {
		err = errno;
		free(text);
		return err;
	}
	load->size = sizeof(*load);
	load->flags = flags;
	load->text = (uintptr_t)text;
	load->text_len = len;
	if (ioctl(fd, SYSFENCE_IOC_LOAD, load) < 0)
		err = errno;
	close(fd);
	free(text);
	return err;
}

/* Sets no_new_privs, then loads; exits on failure with a message. */
static inline void sft_confine(const char *path, unsigned int flags)
{
	struct sysfence_load load;
	int err;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("PR_SET_NO_NEW_PRIVS");
		exit(2);
	}
	err = sft_load(path, flags, &load);
	if (err && load.error_message[0])
		fprintf(stderr, "%s:%u:%u: %s\n", path, load.error_line,
			load.error_column, load.error_message);
	if (err) {
		fprintf(stderr, "load %s: %s\n", path, strerror(err));
		exit(2);
	}
}

/*
 * Every ABI of the architecture, as a policy's "abi" line names them; the
 * native and compat ones, and a compat-only syscall with an argument.
 */
#if defined(__aarch64__) || defined(__arm__)
#define SFT_ALL_ABIS "aarch64 arm"
#define SFT_NATIVE_ABI "aarch64"
#define SFT_COMPAT_ABI "arm"
#define SFT_COMPAT_RULE "arm:fcntl64 if cmd == 1"
#else
#define SFT_ALL_ABIS "x86_64 i386 x32"
#define SFT_NATIVE_ABI "x86_64"
#define SFT_COMPAT_ABI "i386"
#define SFT_COMPAT_RULE "i386:socketcall if call == 1"
#endif

#endif /* SFTEST_H */
