// SPDX-License-Identifier: GPL-2.0
/*
 * stress [SECONDS]: several processes fork confined and unconfined children
 * that start threads, fork from those threads, load layers (also on all
 * threads at once, racing with thread creation) and exit, while another
 * process reads the policies of random PIDs. Throughout, a task that was
 * confined before it forked or started a thread must see its children
 * confined: getppid() fails with EACCES under the deny policy, whatever
 * allowing layer is stacked on it. Prints "stress ok N tasks" or why not.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "sftest.h"

#define WORKERS 3

static const char deny[] = "default allow\nerrno EACCES getppid\n";
static const char allow[] = "default allow\nallow getppid\n";

static int dev;

static int load_text(const char *text, unsigned int flags)
{
	struct sysfence_load load;

	memset(&load, 0, sizeof(load));
	load.size = sizeof(load);
	load.flags = flags;
	load.text = (uintptr_t)text;
	load.text_len = strlen(text);
	return ioctl(dev, SYSFENCE_IOC_LOAD, &load) ? errno : 0;
}

/* getppid() must fail with EACCES when @denied, succeed otherwise. */
static int getppid_ok(int denied)
{
	long ret = syscall(SYS_getppid);

	return denied ? ret == -1 && errno == EACCES : ret > 0;
}

struct victim {
	int denied;
	unsigned int seed;
	int errors;
	pthread_mutex_t lock;
};

static void victim_error(struct victim *v, const char *what)
{
	pthread_mutex_lock(&v->lock);
	v->errors++;
	pthread_mutex_unlock(&v->lock);
	fprintf(stderr, "stress: %s\n", what);
}

static void *victim_thread(void *arg)
{
	struct victim *v = arg;
	unsigned int seed = __atomic_add_fetch(&v->seed, 7919, __ATOMIC_RELAXED);
	int i, err, status;
	pthread_t t;
	pid_t pid;

	for (i = 0; i < 4; i++) {
		switch (rand_r(&seed) % 5) {
		case 0:
			/* Racing with the other threads' creation and loads. */
			err = load_text(allow, rand_r(&seed) % 2 ?
					SYSFENCE_LOAD_ALL_THREADS : 0);
			if (err && err != EBUSY && err != E2BIG)
				victim_error(v, "unexpected load error");
			break;
		case 1:
			pid = fork();
			if (pid < 0)
				break;
			if (!pid)
				_exit(getppid_ok(v->denied) ? 0 : 1);
			if (waitpid(pid, &status, 0) != pid ||
			    !WIFEXITED(status) || WEXITSTATUS(status))
				victim_error(v, "a child forked by a thread escaped");
			break;
		case 2:
			if (!getppid_ok(v->denied))
				victim_error(v, "a thread escaped");
			break;
		case 3:
			if (!pthread_create(&t, NULL, victim_thread, v))
				pthread_join(t, NULL);
			break;
		default:
			sched_yield();
			break;
		}
	}
	return NULL;
}

static int victim_main(unsigned int seed)
{
	struct victim v = { .seed = seed };
	pthread_t threads[3];
	int i, started = 0;

	pthread_mutex_init(&v.lock, NULL);
	v.denied = rand_r(&seed) % 3 != 0;
	if (v.denied && load_text(deny, rand_r(&seed) % 2 ?
				  SYSFENCE_LOAD_ALL_THREADS : 0)) {
		fprintf(stderr, "stress: load of the deny policy failed\n");
		return 1;
	}
	for (i = 0; i < 3; i++)
		if (!pthread_create(&threads[i], NULL, victim_thread, &v))
			started++;
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (!getppid_ok(v.denied))
		victim_error(&v, "the main thread escaped");
	return v.errors ? 1 : 0;
}

static int worker(unsigned int seed, time_t deadline, int report)
{
	int status, errors = 0, tasks = 0;
	pid_t pid;

	while (time(NULL) < deadline) {
		pid = fork();
		if (pid < 0)
			continue;
		if (!pid)
			_exit(victim_main(seed));
		seed += 104729;
		tasks++;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			errors++;
	}
	if (write(report, &tasks, sizeof(tasks)) != sizeof(tasks))
		errors++;
	return errors ? 1 : 0;
}

/* Reads the policies of PIDs that come and go. */
static int shower(time_t deadline)
{
	static char buf[1 << 16];
	struct sysfence_show show;
	unsigned int seed = 1;
	int errors = 0;

	while (time(NULL) < deadline) {
		memset(&show, 0, sizeof(show));
		show.size = sizeof(show);
		show.pid = 1 + rand_r(&seed) % 4096;
		show.buf = (uintptr_t)buf;
		show.buf_size = rand_r(&seed) % sizeof(buf);
		if (ioctl(dev, SYSFENCE_IOC_SHOW, &show) && errno != ESRCH) {
			fprintf(stderr, "stress: show: %s\n", strerror(errno));
			errors++;
		}
	}
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 3;
	time_t deadline = time(NULL) + seconds;
	int i, status, failed = 0, total = 0, tasks, report[2];
	pid_t pids[WORKERS + 1];

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || pipe(report))
		return 2;
	dev = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	if (dev < 0) {
		perror(SYSFENCE_DEVICE);
		return 2;
	}
	for (i = 0; i <= WORKERS; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return 2;
		if (!pids[i])
			_exit(i < WORKERS ?
			      worker(1000 * (i + 1), deadline, report[1]) :
			      shower(deadline));
	}
	for (i = 0; i <= WORKERS; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	for (i = 0; i < WORKERS; i++)
		if (read(report[0], &tasks, sizeof(tasks)) == sizeof(tasks))
			total += tasks;
	if (failed || !total) {
		printf("stress failed: %d of %d workers\n", failed, WORKERS + 1);
		return 1;
	}
	printf("stress ok %d tasks\n", total);
	return 0;
}
