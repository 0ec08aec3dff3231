// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence --version: the CLI's version and, when the module is loaded, the
 * module's version and the ABI version it speaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "version.h"

#ifndef SF_VERSION
#define SF_VERSION "unknown"
#endif

/* MODULE_VERSION(), which the kernel publishes while the module is loaded. */
#define SF_MODULE_VERSION_FILE "/sys/module/sysfence/version"

/* Reads the loaded module's version; returns 0, or -1 if it is not loaded. */
static int module_version(char *buf, size_t size)
{
	FILE *f = fopen(SF_MODULE_VERSION_FILE, "re");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return n ? 0 : -1;
}

int sf_print_version(void)
{
	char version[64];
	long abi;
	int fd;

	printf("sysfence %s (ABI %d)\n", SF_VERSION, SYSFENCE_ABI_VERSION);
	if (module_version(version, sizeof(version))) {
		printf("module not loaded\n");
		return SF_EXIT_OK;
	}
	fd = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("module %s (ABI unknown)\n", version);
		fflush(stdout);
		fprintf(stderr, "sysfence: warning: cannot open %s: %s\n",
			SYSFENCE_DEVICE, strerror(errno));
		return SF_EXIT_OK;
	}
	abi = ioctl(fd, SYSFENCE_IOC_VERSION);
	if (abi < 0) {
		int e = errno;

		close(fd);
		printf("module %s (ABI unknown)\n", version);
		fflush(stdout);
		fprintf(stderr,
			"sysfence: warning: the module does not tell its ABI version: %s\n",
			strerror(e));
		return SF_EXIT_OK;
	}
	close(fd);
	printf("module %s (ABI %ld)\n", version, abi);
	if (!sf_abi_supported(abi)) {
		fflush(stdout);
		fprintf(stderr,
			"sysfence: warning: the module speaks ABI %ld, older than this sysfence's %d: it may refuse what this sysfence asks; install a module of version %s\n",
			abi, SYSFENCE_ABI_VERSION, SF_VERSION);
	}
	return SF_EXIT_OK;
}
