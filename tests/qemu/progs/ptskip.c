// SPDX-License-Identifier: GPL-2.0
/*
 * ptskip: a tracer skips its tracee's getppid() the way strace's fault
 * injection and debuggers do: at the syscall-entry stop it sets the syscall
 * number to -1, which the kernel runs as no syscall at all, and at the
 * matching exit stop it sets the return value to 42. The tracee prints
 * "tracee ret N" (or "tracee errno NAME"), the tracer how the tracee ended:
 * "exited N" or "killed by signal N".
 */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "sftest.h"

#ifdef __i386__
#define SFT_SYSCALL_NR(r) ((r).orig_eax)
#define SFT_SYSCALL_RET(r) ((r).eax)
#else
#define SFT_SYSCALL_NR(r) ((r).orig_rax)
#define SFT_SYSCALL_RET(r) ((r).rax)
#endif

static int tracee(void)
{
	long ret;

	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		return 2;
	raise(SIGSTOP);
	ret = syscall(SYS_getppid);
	sft_report("tracee", ret, errno);
	return 0;
}

int main(void)
{
	struct user_regs_struct regs;
	int status, entering = 1, skipped = 0;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid)
		_exit(tracee());
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_TRACESYSGOOD)) {
		perror("ptskip: attach");
		return 2;
	}
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) ||
		    waitpid(pid, &status, 0) != pid) {
			perror("ptskip: resume");
			return 2;
		}
		if (WIFEXITED(status)) {
			printf("exited %d\n", WEXITSTATUS(status));
			return 0;
		}
		if (WIFSIGNALED(status)) {
			printf("killed by signal %d\n", WTERMSIG(status));
			return 0;
		}
		if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80))
			continue;
		if (ptrace(PTRACE_GETREGS, pid, NULL, &regs)) {
			perror("ptskip: PTRACE_GETREGS");
			return 2;
		}
		if (entering && SFT_SYSCALL_NR(regs) == SYS_getppid) {
			SFT_SYSCALL_NR(regs) = -1;
			skipped = 1;
		} else if (!entering && skipped) {
			SFT_SYSCALL_RET(regs) = 42;
			skipped = 0;
		} else {
			entering = !entering;
			continue;
		}
		if (ptrace(PTRACE_SETREGS, pid, NULL, &regs)) {
			perror("ptskip: PTRACE_SETREGS");
			return 2;
		}
		entering = !entering;
	}
}
