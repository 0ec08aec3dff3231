// SPDX-License-Identifier: GPL-2.0
/*
 * threadexec POLICY PROG [ARG...]: start a second thread, then, in the main
 * thread alone, set no_new_privs and load POLICY on every thread at once
 * (SYSFENCE_LOAD_ALL_THREADS); then the second thread, which never set
 * no_new_privs itself, executes PROG. Prints "load ok" before the exec, or
 * why it failed.
 *
 * no_new_privs is a property of each thread: a load that confines threads
 * that lack it would let them execute a set-user-ID program under a policy
 * that an unprivileged user wrote.
 */
#include <pthread.h>

#include "sftest.h"

static int go[2];
static char **prog;

static void *exec_thread(void *arg)
{
	char c;

	(void)arg;
	if (read(go[0], &c, 1) != 1) {
		perror("read");
		exit(2);
	}
	execv(prog[0], prog);
	perror(prog[0]);
	exit(127);
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc < 3) {
		fprintf(stderr, "usage: threadexec POLICY PROG [ARG...]\n");
		return 2;
	}
	prog = argv + 2;
	if (pipe(go) || pthread_create(&t, NULL, exec_thread, NULL))
		return 2;
	/* Sets no_new_privs on the main thread only, then loads. */
	sft_confine(argv[1], SYSFENCE_LOAD_ALL_THREADS);
	printf("load ok\n");
	fflush(stdout);
	if (write(go[1], "g", 1) != 1)
		return 2;
	/* The exec ends this thread; it never returns from the join. */
	pthread_join(t, NULL);
	return 2;
}
