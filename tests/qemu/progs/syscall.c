// SPDX-License-Identifier: GPL-2.0
/*
 * syscall NAME|NR [ARG...]: make one raw system call of this binary's ABI
 * and print its outcome as "ret N" or "errno NAME (N)"; exit 0 either way,
 * so scripts can compare the printed outcome. Built for x86_64, i386, x32
 * and aarch64, the names resolve to that ABI's numbers through
 * <sys/syscall.h>.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct named {
	const char *name;
	long nr;
};

#define NR(n) { #n, SYS_##n }
static const struct named calls[] = {
	NR(getppid), NR(getpid), NR(gettid), NR(getuid), NR(read), NR(write),
	NR(close), NR(dup), NR(personality), NR(umask), NR(sync),
	NR(sched_yield), NR(getcwd), NR(chdir), NR(kill), NR(ioctl),
	NR(fcntl), NR(uname), NR(setuid), NR(prctl), NR(getpriority),
	NR(ptrace), NR(setsid), NR(getpgid), NR(mkdirat), NR(unlinkat),
	/* Not on the asm-generic ABIs (arm64). */
#ifdef SYS_getpgrp
	NR(getpgrp),
#endif
#ifdef SYS_mkdir
	NR(mkdir), NR(unlink),
#endif
#ifdef SYS_alarm
	NR(alarm),
#endif
#ifdef SYS_socketcall
	NR(socketcall),
#endif
#ifdef SYS_socket
	NR(socket),
#endif
};

static const struct {
	int nr;
	const char *name;
} errnos[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
	{ EINTR, "EINTR" }, { EIO, "EIO" }, { EBADF, "EBADF" },
	{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
	{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
	{ EINVAL, "EINVAL" }, { ENOTTY, "ENOTTY" }, { ENOSPC, "ENOSPC" },
	{ EROFS, "EROFS" }, { ENOSYS, "ENOSYS" }, { E2BIG, "E2BIG" },
	{ ENOTSUP, "EOPNOTSUPP" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
};

int main(int argc, char **argv)
{
	long nr = -1, args[6] = { 0 }, ret;
	char *end;
	size_t i;

	if (argc < 2 || argc > 8) {
		fprintf(stderr, "usage: %s NAME|NR [ARG...]\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(calls[i].name, argv[1]))
			nr = calls[i].nr;
	if (nr < 0) {
		nr = strtol(argv[1], &end, 0);
		if (*end || nr < 0) {
			fprintf(stderr, "%s: unknown syscall '%s'\n", argv[0],
				argv[1]);
			return 2;
		}
	}
	for (i = 2; i < (size_t)argc; i++)
		args[i - 2] = (long)strtoull(argv[i], NULL, 0);

	errno = 0;
	ret = syscall(nr, args[0], args[1], args[2], args[3], args[4],
		      args[5]);
	if (ret == -1 && errno) {
		int e = errno;

		for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
			if (errnos[i].nr == e)
				break;
		printf("errno %s (%d)\n",
		       i < sizeof(errnos) / sizeof(errnos[0]) ?
		       errnos[i].name : "?", e);
	} else {
		printf("ret %ld\n", ret);
	}
	return 0;
}
