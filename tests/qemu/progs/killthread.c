// SPDX-License-Identifier: GPL-2.0
/*
 * killthread: under a policy with "kill-thread getppid", a second thread
 * calls getppid() and must end there, while the main thread joins it and
 * carries on: prints "thread started", then "joined, main alive" (and never
 * "thread survived").
 *
 * killthread leader-exits: the main thread leaves with pthread_exit() first,
 * so the thread that calls getppid() is the last one alive: the process
 * must die by SIGKILL rather than exit with the leader's status 0.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *victim(void *arg)
{
	if (arg)
		usleep(200 * 1000);
	printf("thread started\n");
	fflush(stdout);
	syscall(SYS_getppid);
	printf("thread survived\n");
	fflush(stdout);
	return NULL;
}

int main(int argc, char **argv)
{
	int leader_exits = argc > 1 && !strcmp(argv[1], "leader-exits");
	pthread_t t;

	if (pthread_create(&t, NULL, victim, leader_exits ? &t : NULL))
		return 2;
	if (leader_exits)
		pthread_exit(NULL);
	pthread_join(t, NULL);
	printf("joined, main alive\n");
	return 0;
}
