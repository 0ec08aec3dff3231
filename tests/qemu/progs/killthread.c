// SPDX-License-Identifier: GPL-2.0
/*
 * killthread: under a policy with "kill-thread getppid", a second thread
 * calls getppid() and must end there, while the main thread joins it and
 * carries on: prints "thread started", then "joined, main alive" (and never
 * "thread survived").
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *victim(void *arg)
{
	(void)arg;
	printf("thread started\n");
	fflush(stdout);
	syscall(SYS_getppid);
	printf("thread survived\n");
	fflush(stdout);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, victim, NULL))
		return 2;
	pthread_join(t, NULL);
	printf("joined, main alive\n");
	return 0;
}
