// SPDX-License-Identifier: GPL-2.0
/*
 * inherit MODE POLICY: how a policy reaches other tasks. Every task involved
 * calls getppid() and prints "WHO ret N" or "WHO errno NAME", so a policy
 * that denies getppid shows who is confined.
 *
 *   fork-after    load POLICY, then fork: the child must be confined
 *   fork-before   fork, then load POLICY in the parent: the child must not be
 *   thread        load POLICY, then start a thread: it must be confined
 *   all-threads   start a thread, then load POLICY with
 *                 SYSFENCE_LOAD_ALL_THREADS: both must be confined
 *   one-thread    the same without the flag: only the loader is confined
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "sftest.h"

static int go[2];

static void getppid_report(const char *who)
{
	long ret = syscall(SYS_getppid);

	sft_report(who, ret, errno);
}

static void wait_go(void)
{
	char c;

	if (read(go[0], &c, 1) != 1) {
		perror("read");
		exit(2);
	}
}

static void *thread_main(void *arg)
{
	if (arg)
		wait_go();
	getppid_report("thread");
	return NULL;
}

static int run_thread(const char *policy, int mode_load_first,
		      unsigned int flags)
{
	pthread_t t;

	if (mode_load_first) {
		sft_confine(policy, flags);
		if (pthread_create(&t, NULL, thread_main, NULL))
			return 2;
	} else {
		if (pthread_create(&t, NULL, thread_main, (void *)1))
			return 2;
		sft_confine(policy, flags);
		if (write(go[1], "g", 1) != 1)
			return 2;
	}
	pthread_join(t, NULL);
	getppid_report("main");
	return 0;
}

static int run_fork(const char *policy, int load_first)
{
	int status;
	pid_t pid;

	if (load_first)
		sft_confine(policy, 0);
	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid) {
		if (!load_first)
			wait_go();
		getppid_report("child");
		_exit(0);
	}
	if (!load_first) {
		sft_confine(policy, 0);
		if (write(go[1], "g", 1) != 1)
			return 2;
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 2;
	getppid_report("parent");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: inherit MODE POLICY\n");
		return 2;
	}
	if (pipe(go))
		return 2;
	if (!strcmp(argv[1], "fork-after"))
		return run_fork(argv[2], 1);
	if (!strcmp(argv[1], "fork-before"))
		return run_fork(argv[2], 0);
	if (!strcmp(argv[1], "thread"))
		return run_thread(argv[2], 1, 0);
	if (!strcmp(argv[1], "all-threads"))
		return run_thread(argv[2], 0, SYSFENCE_LOAD_ALL_THREADS);
	if (!strcmp(argv[1], "one-thread"))
		return run_thread(argv[2], 0, 0);
	fprintf(stderr, "inherit: unknown mode %s\n", argv[1]);
	return 2;
}
