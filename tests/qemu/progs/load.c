// SPDX-License-Identifier: GPL-2.0
/*
 * load [--nnp] [--all-threads] POLICY [CMD [ARG...]]: load POLICY through
 * /dev/sysfence (after setting no_new_privs with --nnp), print "load ok
 * layers N" or "load errno NAME", then execute CMD if given and the load
 * succeeded. Unlike `sysfence run`, it does not set no_new_privs by itself,
 * so scenarios can check that the module insists on it.
 */
#include "sftest.h"

int main(int argc, char **argv)
{
	struct sysfence_load load;
	unsigned int flags = 0;
	int i = 1, err;

	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--nnp")) {
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
				perror("PR_SET_NO_NEW_PRIVS");
				return 2;
			}
		} else if (!strcmp(argv[i], "--all-threads")) {
			flags |= SYSFENCE_LOAD_ALL_THREADS;
		} else {
			fprintf(stderr, "load: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr,
			"usage: load [--nnp] [--all-threads] POLICY [CMD...]\n");
		return 2;
	}
	err = sft_load(argv[i], flags, &load);
	if (err) {
		printf("load errno %s\n", sft_errno_name(err));
		if (load.error_message[0])
			printf("at %u:%u: %s\n", load.error_line,
			       load.error_column, load.error_message);
		return 1;
	}
	printf("load ok layers %u\n", load.layers);
	fflush(stdout);
	if (i + 1 < argc) {
		execv(argv[i + 1], argv + i + 1);
		perror(argv[i + 1]);
		return 127;
	}
	return 0;
}
