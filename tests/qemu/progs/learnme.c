// SPDX-License-Identifier: GPL-2.0
/*
 * learnme [sethostname]: a program for sysfence learn to watch, whose
 * syscalls are spread over threads and processes: the main thread makes
 * getppid, a second thread uname, a forked child getpgrp and, from a thread
 * of its own, umask; a grandchild (forked by the child) getcwd. With
 * "sethostname", the grandchild also calls sethostname, something new for
 * a policy learned without it. Prints "done" once every part has finished.
 */
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "sftest.h"

static void *thread_uname(void *arg)
{
	struct utsname u;

	(void)arg;
	uname(&u);
	return NULL;
}

static void *thread_umask(void *arg)
{
	(void)arg;
	umask(022);
	return NULL;
}

/*
 * pthread_join() waits with futex only when the thread has not ended yet:
 * make the call once whatever the timing, so that every run makes the same
 * syscalls (a learned policy is only as good as the runs learned).
 */
static void run_thread(void *(*fn)(void *))
{
	static int word;
	pthread_t t;

	if (pthread_create(&t, NULL, fn, NULL) || pthread_join(t, NULL))
		exit(2);
	syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

int main(int argc, char **argv)
{
	int news = argc > 1 && !strcmp(argv[1], "sethostname");
	char cwd[256];
	int status;
	pid_t pid;

	syscall(SYS_getppid);
	run_thread(thread_uname);
	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid) {
#ifdef SYS_getpgrp
		syscall(SYS_getpgrp);
#else
		/* The asm-generic ABIs (arm64) have no getpgrp. */
		syscall(SYS_getpgid, 0);
#endif
		run_thread(thread_umask);
		pid = fork();
		if (!pid) {
			if (!getcwd(cwd, sizeof(cwd)))
				_exit(2);
			if (news && sethostname("learnme", 7))
				_exit(3);
			_exit(0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			_exit(2);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 2);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 2;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
	printf("done\n");
	return 0;
}
