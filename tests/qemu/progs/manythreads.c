// SPDX-License-Identifier: GPL-2.0
/*
 * manythreads N POLICY: load POLICY, then start N threads that each call
 * getppid() once and sleep. Prints "confined D of N" once every thread has
 * made its call, D being how many of those calls failed with EACCES, then
 * sleeps until killed. The scenarios deny getppid, so D == N says that
 * every thread inherited the policy; meanwhile other tasks measure and
 * exercise the task table with N confined threads in it.
 */
#include <pthread.h>
#include <sys/syscall.h>

#include "sftest.h"

static int denied, done;

static void *thread_main(void *arg)
{
	long ret = syscall(SYS_getppid);

	(void)arg;
	if (ret == -1 && errno == EACCES)
		__atomic_fetch_add(&denied, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t t;
	long i, n;

	if (argc != 3 || (n = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: manythreads N POLICY\n");
		return 2;
	}
	/* The smallest stacks: tens of thousands of threads in a small VM. */
	if (pthread_attr_init(&attr) ||
	    pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN) ||
	    pthread_attr_setguardsize(&attr, 0))
		return 2;
	sft_confine(argv[2], 0);
	for (i = 0; i < n; i++) {
		int err = pthread_create(&t, &attr, thread_main, NULL);

		if (err) {
			fprintf(stderr, "thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < n)
		usleep(10000);
	printf("confined %d of %ld\n", denied, n);
	fflush(stdout);
	for (;;)
		pause();
}
