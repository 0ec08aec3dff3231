// SPDX-License-Identifier: GPL-2.0
/*
 * escape ROUTE: try to reach getppid(2) by ROUTE and print its outcome as
 * "ROUTE reached" or "ROUTE errno NAME". The escape scenario runs every route
 * unconfined (each must reach the call: the road works) and under a policy
 * that answers getppid with EACCES (each must be held).
 *
 * Routes, after seccomp's selftests (tools/testing/selftests/seccomp):
 *   direct       the plain syscall (the reference)
 *   upper        garbage in the upper half of the number register
 *   vfork        from a vfork()ed child
 *   clone3       from a child made by raw clone3()
 *   thread       from a thread made by raw clone(CLONE_THREAD)
 *   ptrace       a tracer turns the child's getpid into getppid at the
 *                syscall-entry stop
 *   seccomp-trace  a seccomp filter returns TRACE for getpid, and the
 *                tracer turns it into getppid at the seccomp stop
 *   seccomp-notif  a seccomp filter returns USER_NOTIF for getppid, and its
 *                supervisor lets it continue
 *   vsyscall     time() through the legacy vsyscall page (no page: SIGSEGV,
 *                reported as "vsyscall none")
 */
#include "sftest.h"

#include <elf.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <stdbool.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED __attribute__((unused))

static volatile long result;
static volatile int result_errno;

static void report(const char *route, long ret, int err)
{
	if (ret < 0)
		printf("%s errno %s\n", route, sft_errno_name(err));
	else
		printf("%s reached\n", route);
	fflush(stdout);
}

/* getppid() as the raw syscall, recording its outcome. */
static void call_getppid(void)
{
	result = syscall(SYS_getppid);
	result_errno = errno;
}

static long upper_half_getppid(void)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	unsigned long nr = (0x5f5eUL << 32) | SYS_getppid;
	long ret;

	/* The entry code dispatches on the low 32 bits. */
	asm volatile ("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
	if (ret < 0 && ret > -4096) {
		errno = -ret;
		return -1;
	}
	return ret;
#elif defined(__aarch64__)
	register unsigned long x8 asm("x8") = (0x5f5eUL << 32) | SYS_getppid;
	register long x0 asm("x0");

	/* el0_svc_common() takes the number as an int: the low 32 bits. */
	asm volatile ("svc #0" : "=r"(x0) : "r"(x8) : "memory");
	if (x0 < 0 && x0 > -4096) {
		errno = -x0;
		return -1;
	}
	return x0;
#else
	return syscall(SYS_getppid);
#endif
}

static int route_vfork(void)
{
	pid_t pid = vfork();

	if (pid < 0)
		return -1;
	if (!pid) {
		call_getppid();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}

static int route_clone3(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	int status;
	long pid;

	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		return -1;
	if (!pid) {
		long r = syscall(SYS_getppid);

		/* Separate memory: the exit status carries the outcome. */
		_exit(r < 0 ? (errno == EACCES ? 2 : 3) : 0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 3)
		return -1;
	result = WEXITSTATUS(status) ? -1 : 0;
	result_errno = WEXITSTATUS(status) ? EACCES : 0;
	return 0;
}

static volatile int thread_done;

static int thread_fn(void *unused UNUSED)
{
	call_getppid();
	__atomic_store_n(&thread_done, 1, __ATOMIC_RELEASE);
	syscall(SYS_exit, 0);
	return 0;
}

static int route_thread(void)
{
	static char stack[64 * 1024] __attribute__((aligned(16)));
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		    CLONE_THREAD | CLONE_SYSVSEM;

	if (clone(thread_fn, stack + sizeof(stack), flags, NULL) < 0)
		return -1;
	while (!__atomic_load_n(&thread_done, __ATOMIC_ACQUIRE))
		sched_yield();
	return 0;
}

#if defined(__x86_64__)
/* The syscall number of a tracee stopped at its entry, and its rewriting. */
static long tracee_nr(pid_t pid)
{
	struct user_regs_struct regs;

	return ptrace(PTRACE_GETREGS, pid, 0, &regs) ? -1 : (long)regs.orig_rax;
}

static void tracee_set_nr(pid_t pid, long nr)
{
	struct user_regs_struct regs;

	if (!ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
		regs.orig_rax = nr;
		ptrace(PTRACE_SETREGS, pid, 0, &regs);
	}
}
#define HAVE_TRACEE_NR 1
#elif defined(__aarch64__)
/*
 * arm64 reads the number from regs->syscallno, which a tracer reaches
 * through the NT_ARM_SYSTEM_CALL register set only (x8 is not read back).
 */
static long tracee_nr(pid_t pid)
{
	int nr;
	struct iovec io = { &nr, sizeof(nr) };

	return ptrace(PTRACE_GETREGSET, pid, NT_ARM_SYSTEM_CALL, &io) ? -1 : nr;
}

static void tracee_set_nr(pid_t pid, long nr)
{
	int n = nr;
	struct iovec io = { &n, sizeof(n) };

	ptrace(PTRACE_SETREGSET, pid, NT_ARM_SYSTEM_CALL, &io);
}
#define HAVE_TRACEE_NR 1
#endif

#ifdef HAVE_TRACEE_NR
/*
 * The child stops, then calls getpid (through a seccomp filter returning
 * TRACE for it with @seccomp_trace); the tracer rewrites the number to
 * getppid at the syscall-entry stop, or at the seccomp stop.
 */
static int route_ptrace(bool seccomp_trace)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };
	pid_t tracer = getpid(), pid;
	int status;
	bool entry = false;

	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		pid_t self = syscall(SYS_getpid), tid = syscall(SYS_gettid);
		long r;

		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(3);
		if (seccomp_trace &&
		    (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		     syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)))
			_exit(3);
		/* Not raise(): glibc's calls getpid, which the filter traps. */
		syscall(SYS_tgkill, self, tid, SIGSTOP);
		r = syscall(SYS_getpid);
		/* Rewritten and run: getppid's answer, the tracer's pid. */
		if (r == tracer)
			_exit(0);
		_exit(r < 0 && errno == EACCES ? 2 : 4);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status))
		return -1;
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP |
	       PTRACE_O_EXITKILL);
	for (;;) {
		bool rewrite;

		ptrace(seccomp_trace ? PTRACE_CONT : PTRACE_SYSCALL, pid, 0, 0);
		if (waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status))
			break;
		if (seccomp_trace) {
			rewrite = status >> 8 ==
				  (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8));
		} else if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			/* Syscall stops alternate: entry, exit, entry... */
			entry = !entry;
			rewrite = entry;
		} else {
			rewrite = false;
		}
		if (rewrite && tracee_nr(pid) == SYS_getpid)
			tracee_set_nr(pid, SYS_getppid);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) >= 3)
		return -1;
	result = WEXITSTATUS(status) ? -1 : 0;
	result_errno = WEXITSTATUS(status) ? EACCES : 0;
	return 0;
}
#else
static int route_ptrace(bool seccomp_trace UNUSED)
{
	errno = ENOSYS;
	return -1;
}
#endif

static int notify_fd = -1;

/* The supervisor: lets every notified syscall continue as it is. */
static void *supervisor(void *unused UNUSED)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	while (__atomic_load_n(&notify_fd, __ATOMIC_ACQUIRE) < 0)
		sched_yield();
	memset(&req, 0, sizeof(req));
	if (ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_RECV, &req))
		return NULL;
	memset(&resp, 0, sizeof(resp));
	resp.id = req.id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	return NULL;
}

static int route_seccomp_notif(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };
	pthread_t thread;
	int fd;

	/* Made before the filter, so the supervisor is not filtered. */
	if (pthread_create(&thread, NULL, supervisor, NULL))
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0)
		return -1;
	__atomic_store_n(&notify_fd, fd, __ATOMIC_RELEASE);
	call_getppid();
	pthread_join(thread, NULL);
	return 0;
}

#if defined(__x86_64__) && !defined(__ILP32__)
static sigjmp_buf segv_jump;

static void on_segv(int sig UNUSED)
{
	siglongjmp(segv_jump, 1);
}
#endif

static int route_vsyscall(void)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	long (*vtime)(long *) = (long (*)(long *))0xffffffffff600400UL;

	signal(SIGSEGV, on_segv);
	if (sigsetjmp(segv_jump, 1)) {
		printf("vsyscall none\n");
		fflush(stdout);
		return 1;
	}
	result = vtime(NULL);
	result_errno = 0;
	return 0;
#else
	printf("vsyscall none\n");
	return 1;
#endif
}

int main(int argc, char **argv)
{
	const char *route = argc > 1 ? argv[1] : "";
	int err;

	if (!strcmp(route, "direct")) {
		call_getppid();
		err = 0;
	} else if (!strcmp(route, "upper")) {
		result = upper_half_getppid();
		result_errno = errno;
		err = 0;
	} else if (!strcmp(route, "vfork")) {
		err = route_vfork();
	} else if (!strcmp(route, "clone3")) {
		err = route_clone3();
	} else if (!strcmp(route, "thread")) {
		err = route_thread();
	} else if (!strcmp(route, "ptrace")) {
		err = route_ptrace(false);
	} else if (!strcmp(route, "seccomp-trace")) {
		err = route_ptrace(true);
	} else if (!strcmp(route, "seccomp-notif")) {
		err = route_seccomp_notif();
	} else if (!strcmp(route, "vsyscall")) {
		err = route_vsyscall();
		if (err > 0)
			return 0;
	} else {
		fprintf(stderr, "usage: escape ROUTE (see the source)\n");
		return 2;
	}
	if (err) {
		printf("%s setup failed: %s\n", route, strerror(errno));
		return 1;
	}
	report(route, result, result_errno);
	return 0;
}
