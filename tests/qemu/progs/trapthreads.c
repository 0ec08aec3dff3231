// SPDX-License-Identifier: GPL-2.0
/*
 * trapthreads THREADS CALLS [MASKERS]: THREADS threads each call getppid()
 * CALLS times under a policy that traps it. A SA_SIGINFO handler makes each
 * call return 42 and counts it for its thread. Every call must return 42
 * after exactly one SIGSYS of its own: prints "ok" and exits 0, or says
 * which call of which thread went wrong and exits 1.
 *
 * MASKERS more threads meanwhile block and unblock SIGUSR1 in a loop, each
 * change taking the process's siglock, the lock that sending SIGSYS takes:
 * with more threads than CPUs, a trap often finds it held by a masker that
 * was preempted (on PREEMPT_RT a spinlock_t holder may be).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* The return register in the signal frame, for the emulated result. */
#if defined(__aarch64__)
#define SFT_RET(uc) ((uc)->uc_mcontext.regs[0])
#elif defined(__arm__)
#define SFT_RET(uc) ((uc)->uc_mcontext.arm_r0)
#elif defined(__i386__)
#define SFT_RET(uc) ((uc)->uc_mcontext.gregs[REG_EAX])
#else
#define SFT_RET(uc) ((uc)->uc_mcontext.gregs[REG_RAX])
#endif

static __thread volatile long caught;
static long calls;
static volatile int done;

static void on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)info;
	SFT_RET(uc) = 42;
	caught++;
}

static void *run(void *arg)
{
	long i, ret;

	for (i = 0; i < calls; i++) {
		ret = syscall(SYS_getppid);
		if (ret != 42 || caught != i + 1) {
			fprintf(stderr, "thread %ld call %ld: ret %ld, %ld SIGSYS\n",
				(long)arg, i, ret, (long)caught);
			exit(1);
		}
	}
	return NULL;
}

static void *mask(void *arg)
{
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	while (!done) {
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	pthread_t *tids, *maskers;
	long n, m, i;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: trapthreads THREADS CALLS [MASKERS]\n");
		return 2;
	}
	n = atol(argv[1]);
	calls = atol(argv[2]);
	m = argc == 4 ? atol(argv[3]) : 0;
	if (n < 1 || calls < 1 || m < 0)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	tids = calloc(n, sizeof(*tids));
	maskers = calloc(m + 1, sizeof(*maskers));
	if (!tids || !maskers)
		return 2;
	for (i = 0; i < m; i++)
		if (pthread_create(&maskers[i], NULL, mask, NULL))
			return 2;
	for (i = 0; i < n; i++)
		if (pthread_create(&tids[i], NULL, run, (void *)i))
			return 2;
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	done = 1;
	for (i = 0; i < m; i++)
		pthread_join(maskers[i], NULL);
	printf("ok\n");
	return 0;
}
