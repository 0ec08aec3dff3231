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

#if defined(__aarch64__)
#include <elf.h>
#include <sys/uio.h>

/*
 * arm64 runs regs->syscallno, which a tracer reaches through the
 * NT_ARM_SYSTEM_CALL register set; x0 is in NT_PRSTATUS.
 */
static long tracee_nr(pid_t pid)
{
	int nr;
	struct iovec io = { &nr, sizeof(nr) };

	return ptrace(PTRACE_GETREGSET, pid, NT_ARM_SYSTEM_CALL, &io) ? -2 : nr;
}

static int tracee_set_nr(pid_t pid, long nr)
{
	int n = nr;
	struct iovec io = { &n, sizeof(n) };

	return ptrace(PTRACE_SETREGSET, pid, NT_ARM_SYSTEM_CALL, &io);
}

static int tracee_set_ret(pid_t pid, long ret)
{
	struct user_regs_struct regs;
	struct iovec io = { &regs, sizeof(regs) };

	if (ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, &io))
		return -1;
	regs.regs[0] = ret;
	return ptrace(PTRACE_SETREGSET, pid, NT_PRSTATUS, &io);
}
#else
#ifdef __i386__
#define SFT_SYSCALL_NR(r) ((r).orig_eax)
#define SFT_SYSCALL_RET(r) ((r).eax)
#else
#define SFT_SYSCALL_NR(r) ((r).orig_rax)
#define SFT_SYSCALL_RET(r) ((r).rax)
#endif

static long tracee_nr(pid_t pid)
{
	struct user_regs_struct regs;

	return ptrace(PTRACE_GETREGS, pid, NULL, &regs) ? -2 :
	       (long)SFT_SYSCALL_NR(regs);
}

static int tracee_set_nr(pid_t pid, long nr)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs))
		return -1;
	SFT_SYSCALL_NR(regs) = nr;
	return ptrace(PTRACE_SETREGS, pid, NULL, &regs);
}

static int tracee_set_ret(pid_t pid, long ret)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs))
		return -1;
	SFT_SYSCALL_RET(regs) = ret;
	return ptrace(PTRACE_SETREGS, pid, NULL, &regs);
}
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
		long nr;

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
		nr = tracee_nr(pid);
		if (nr == -2) {
			perror("ptskip: reading the syscall number");
			return 2;
		}
		if (entering && nr == SYS_getppid) {
			if (tracee_set_nr(pid, -1)) {
				perror("ptskip: skipping");
				return 2;
			}
			skipped = 1;
		} else if (!entering && skipped) {
			if (tracee_set_ret(pid, 42)) {
				perror("ptskip: setting the result");
				return 2;
			}
			skipped = 0;
		}
		entering = !entering;
	}
}
