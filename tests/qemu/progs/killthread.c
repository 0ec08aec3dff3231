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
 *
 * killthread io-worker: the only thread starts an io_uring read that an
 * io-wq worker thread of the process blocks in, then calls getppid(): the
 * worker is no thread of the program, so the process must die by SIGKILL,
 * not end with the thread's exit status. Prints "io worker running" first,
 * or "no io worker" (then the test cannot tell) and exits 77.
 */
#include <dirent.h>
#include <linux/io_uring.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Threads of this process, io workers included. */
static int count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* A read of an empty pipe, forced onto an io-wq worker (IOSQE_ASYNC). */
static int start_io_worker(void)
{
	static char byte;
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	unsigned int *tail, *array;
	int ring, fds[2];
	char *sq;

	memset(&p, 0, sizeof(p));
	if (pipe(fds))
		return -1;
	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		return -1;
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned int),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
		  IORING_OFF_SQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || sqes == MAP_FAILED)
		return -1;
	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_READ;
	sqes[0].flags = IOSQE_ASYNC;
	sqes[0].fd = fds[0];
	sqes[0].addr = (unsigned long)&byte;
	sqes[0].len = 1;
	tail = (unsigned int *)(sq + p.sq_off.tail);
	array = (unsigned int *)(sq + p.sq_off.array);
	array[*tail & *(unsigned int *)(sq + p.sq_off.ring_mask)] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 0, 0, NULL, 0) != 1)
		return -1;
	return 0;
}

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

	if (argc > 1 && !strcmp(argv[1], "io-worker")) {
		int i;

		/* The worker may take a moment to show up in /proc. */
		if (start_io_worker())
			return printf("no io worker\n"), 77;
		for (i = 0; i < 1000 && count_threads() < 2; i++)
			usleep(1000);
		if (count_threads() < 2)
			return printf("no io worker\n"), 77;
		printf("io worker running\n");
		fflush(stdout);
		syscall(SYS_getppid);
		printf("thread survived\n");
		return 0;
	}

	if (pthread_create(&t, NULL, victim, leader_exits ? &t : NULL))
		return 2;
	if (leader_exits)
		pthread_exit(NULL);
	pthread_join(t, NULL);
	printf("joined, main alive\n");
	return 0;
}
