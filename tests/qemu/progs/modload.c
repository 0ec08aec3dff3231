// SPDX-License-Identifier: GPL-2.0
/*
 * modload MODULE [PARAMS]: load MODULE with finit_module(), then make a
 * write(2) of one byte to stdout as the very next syscall and print its
 * result on stderr ("write ret 1") when the module's skip proof (which takes
 * that call as its test call) replayed it transparently.
 */
#include <sys/syscall.h>

#include "sftest.h"

int main(int argc, char **argv)
{
	int fd, err;
	long ret;

	if (argc < 2) {
		fprintf(stderr, "usage: modload MODULE [PARAMS]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	if (syscall(SYS_finit_module, fd, argc > 2 ? argv[2] : "", 0)) {
		perror("finit_module");
		return 1;
	}
	/* Nothing between the two: this write is the test call. */
	ret = syscall(SYS_write, 1, "x", 1);
	err = errno;
	if (ret < 0)
		fprintf(stderr, "write errno %s\n", sft_errno_name(err));
	else
		fprintf(stderr, "write ret %ld\n", ret);
	return ret == 1 ? 0 : 1;
}
