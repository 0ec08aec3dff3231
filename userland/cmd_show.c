// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence show [PID]: print the effective policy of a thread, as the module
 * computes it from all of the thread's layers.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/sysfence.h>

#include "commands.h"
#include "sfdev.h"
#include "show_json.h"

static void show_usage(FILE *out, bool full)
{
	fprintf(out, "usage: sysfence show [--json] [--stats] [PID]\n");
	if (!full) {
		fprintf(out, "Try 'sysfence show --help' for more.\n");
		return;
	}
	fprintf(out,
		"\n"
		"Print the effective policy of thread PID (default: this command,\n"
		"which has the layers of the shell that runs it): the number of\n"
		"layers, the combined default, each ABI's status, then one line per\n"
		"syscall whose outcome differs from the default, as\n"
		"'x86_64 1 (write): allow if fd == 1 || fd == 2; else errno EBADF'.\n"
		"Another process, even one of the same user, needs CAP_SYS_PTRACE\n"
		"or CAP_SYS_ADMIN in its user namespace.\n\n"
		"  -j, --json   print the same as one JSON document (docs/json.md)\n"
		"  -s, --stats  also print how many syscalls each rule, default and\n"
		"               abi-violation of each layer decided, as\n"
		"               'count layer 1 line 7: 1234'\n"
		"  -h, --help   print this help\n\n"
		"Exit status: 0 shown, 1 failed, 2 usage error.\n");
}

int cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int layers, flags = 0;
	long pid = 0;
	size_t len;
	char *text, *end;
	int opt, fd, err, json = 0;

	while ((opt = getopt_long(argc, argv, "+jsh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 's':
			flags |= SYSFENCE_SHOW_STATS;
			break;
		case 'h':
			show_usage(stdout, true);
			return SF_EXIT_OK;
		default:
			show_usage(stderr, false);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		show_usage(stderr, false);
		return SF_EXIT_USAGE;
	}
	if (json && (flags & SYSFENCE_SHOW_STATS)) {
		fprintf(stderr,
			"sysfence show: --stats has no JSON form yet; use one or the other\n");
		return SF_EXIT_USAGE;
	}
	if (argc - optind == 1) {
		errno = 0;
		pid = strtol(argv[optind], &end, 10);
		if (errno || *end || end == argv[optind] || pid <= 0 ||
		    pid > 0x7fffffff) {
			fprintf(stderr, "sysfence show: '%s' is not a PID\n",
				argv[optind]);
			return SF_EXIT_USAGE;
		}
	}

	fd = sf_dev_open();
	if (fd < 0)
		return SF_EXIT_INVALID;
	err = sf_dev_show(fd, (pid_t)pid, flags, &text, &len, &layers);
	close(fd);
	if (err) {
		if (err == -ESRCH)
			fprintf(stderr, "sysfence: no thread %ld\n", pid);
		else if (err == -EPERM)
			fprintf(stderr,
				"sysfence: not allowed to read the policy of %ld (another process: needs CAP_SYS_PTRACE)\n",
				pid);
		else
			fprintf(stderr, "sysfence: show failed: %s\n",
				strerror(-err));
		return SF_EXIT_INVALID;
	}
	if (json) {
		err = sf_show_json(stdout, pid ? (pid_t)pid : getpid(), text,
				   len);
		free(text);
		return err;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "sysfence: write error: %s\n", strerror(errno));
		return SF_EXIT_INVALID;
	}
	return SF_EXIT_OK;
}
