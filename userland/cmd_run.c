// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence run -p POLICY... -- CMD [ARG...]: set no_new_privs, load each
 * policy as a new layer of the calling process, then execute CMD confined.
 * --allow-new-privs leaves no_new_privs alone, for callers with
 * CAP_SYS_ADMIN only: the module's install rule, checked here first so that
 * the refusal says why.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/sysfence.h>

#include "commands.h"
#include "diag.h"
#include "limits.h"
#include "sfdev.h"

/* Statuses of run itself, as env(1) and timeout(1) have them. */
#define SF_EXIT_RUN_FAILED 125
#define SF_EXIT_CANNOT_EXEC 126
#define SF_EXIT_NOT_FOUND 127

static void run_usage(FILE *out, bool full)
{
	fprintf(out,
		"usage: sysfence run -p POLICY [-p POLICY]... [--all-threads] [--complain]\n"
		"                    [--allow-new-privs] -- CMD [ARG...]\n");
	if (!full) {
		fprintf(out, "Try 'sysfence run --help' for more.\n");
		return;
	}
	fprintf(out,
		"\n"
		"Set no_new_privs, load each POLICY in order as a new layer (each can\n"
		"only take permissions away), then execute CMD under them. CMD and\n"
		"everything it starts stay confined; the layers cannot be removed.\n\n"
		"  -p, --policy POLICY  policy file to load (\"-\" for stdin); repeatable\n"
		"  -a, --all-threads    load on every thread of the process\n"
		"  -c, --complain       log what the policies would enforce, enforce nothing\n"
		"  -P, --allow-new-privs\n"
		"                       do not set no_new_privs, so that CMD may still\n"
		"                       gain privileges by executing setuid programs;\n"
		"                       needs CAP_SYS_ADMIN\n"
		"  -h, --help           print this help\n\n"
		"Exit status: CMD's; 1 when a policy is rejected, 2 for a usage error,\n"
		"125 when sysfence fails otherwise, 126 when CMD cannot be executed,\n"
		"127 when CMD is not found. Nothing runs unless every policy loaded.\n");
}

/* Whether CAP_SYS_ADMIN is in the caller's effective set. */
static bool has_cap_sys_admin(void)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &header, data))
		return false;
	return data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &
	       CAP_TO_MASK(CAP_SYS_ADMIN);
}

/* Reads and loads one policy; returns 0 or the status to exit with. */
static int run_load(int fd, const char *path, unsigned int flags)
{
	const char *name = sf_display_name(path);
	struct sf_diag diag;
	unsigned int layers;
	size_t len;
	char *text;
	int err;

	if (sf_read_policy(path, &text, &len))
		return SF_EXIT_USAGE;
	err = sf_dev_load(fd, text, len, flags, &layers, &diag);
	if (!err) {
		free(text);
		return SF_EXIT_OK;
	}
	if ((err == -EINVAL || err == -E2BIG) && diag.msg[0]) {
		if (diag.line)
			sf_print_diag(stderr, name, text, len, &diag, "error");
		else
			fprintf(stderr, "sysfence: %s: error: %s\n", name,
				diag.msg);
		free(text);
		return SF_EXIT_INVALID;
	}
	free(text);
	sf_dev_load_failed(name, -err);
	return err == -E2BIG ? SF_EXIT_INVALID : SF_EXIT_RUN_FAILED;
}

int cmd_run(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "all-threads", no_argument, NULL, 'a' },
		{ "complain", no_argument, NULL, 'c' },
		{ "allow-new-privs", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool allow_new_privs = false;
	unsigned int flags = 0;
	const char **policies;
	int npolicies = 0;
	int opt, fd, i, ret;

	policies = calloc(argc, sizeof(*policies));
	if (!policies) {
		fprintf(stderr, "sysfence: out of memory\n");
		return SF_EXIT_RUN_FAILED;
	}
	/* '+': options end at CMD, so CMD's own options are left alone. */
	while ((opt = getopt_long(argc, argv, "+p:acPh", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			policies[npolicies++] = optarg;
			break;
		case 'a':
			flags |= SYSFENCE_LOAD_ALL_THREADS;
			break;
		case 'c':
			flags |= SYSFENCE_LOAD_COMPLAIN;
			break;
		case 'P':
			allow_new_privs = true;
			break;
		case 'h':
			run_usage(stdout, true);
			free(policies);
			return SF_EXIT_OK;
		default:
			run_usage(stderr, false);
			free(policies);
			return SF_EXIT_USAGE;
		}
	}
	if (!npolicies || optind >= argc) {
		fprintf(stderr, "sysfence run: %s\n",
			!npolicies ? "no policy given (-p POLICY)" :
				     "no command given");
		run_usage(stderr, false);
		free(policies);
		return SF_EXIT_USAGE;
	}

	if (allow_new_privs && !has_cap_sys_admin()) {
		fprintf(stderr,
			"sysfence run: --allow-new-privs needs CAP_SYS_ADMIN: without no_new_privs the module refuses to load a policy\n");
		free(policies);
		return SF_EXIT_RUN_FAILED;
	}
	fd = sf_dev_open();
	if (fd < 0) {
		free(policies);
		return SF_EXIT_RUN_FAILED;
	}
	/* Without it, an unprivileged load is refused (see sysfence(8)). */
	if (!allow_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		fprintf(stderr, "sysfence: cannot set no_new_privs: %s\n",
			strerror(errno));
		free(policies);
		close(fd);
		return SF_EXIT_RUN_FAILED;
	}
	for (i = 0; i < npolicies; i++) {
		ret = run_load(fd, policies[i], flags);
		if (ret) {
			free(policies);
			close(fd);
			return ret;
		}
	}
	free(policies);
	close(fd);

	execvp(argv[optind], argv + optind);
	ret = errno == ENOENT ? SF_EXIT_NOT_FOUND : SF_EXIT_CANNOT_EXEC;
	fprintf(stderr, "sysfence: cannot execute %s: %s\n", argv[optind],
		strerror(errno));
	return ret;
}
