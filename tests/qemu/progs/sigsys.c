// SPDX-License-Identifier: GPL-2.0
/*
 * sigsys MODE: call getppid() under a policy that traps it.
 *
 *   handle   a SA_SIGINFO handler records the siginfo and makes the call
 *            return 42 through the saved registers, as a seccomp-style
 *            emulator would; prints the fields as "name value" lines
 *   block    SIGSYS blocked: the trap must still kill the process
 *   ignore   SIGSYS ignored: likewise
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <linux/audit.h>

/* The handler's view of the return register and the PC, per ABI. */
#if defined(__aarch64__)
#define SFT_RET(uc) ((uc)->uc_mcontext.regs[0])
#define SFT_IP(uc) ((uc)->uc_mcontext.pc)
#define SFT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define SFT_RET(uc) ((uc)->uc_mcontext.arm_r0)
#define SFT_IP(uc) ((uc)->uc_mcontext.arm_pc)
#define SFT_ARCH AUDIT_ARCH_ARM
#elif defined(__i386__)
#define SFT_RET(uc) ((uc)->uc_mcontext.gregs[REG_EAX])
#define SFT_IP(uc) ((uc)->uc_mcontext.gregs[REG_EIP])
#define SFT_ARCH AUDIT_ARCH_I386
#else
#define SFT_RET(uc) ((uc)->uc_mcontext.gregs[REG_RAX])
#define SFT_IP(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#define SFT_ARCH AUDIT_ARCH_X86_64
#endif

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

static volatile sig_atomic_t caught;
static siginfo_t seen;
static uintptr_t seen_ip;

static void on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	seen = *info;
	seen_ip = (uintptr_t)SFT_IP(uc);
	SFT_RET(uc) = 42;
	caught = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t set;
	long ret;

	if (argc != 2) {
		fprintf(stderr, "usage: sigsys handle|block|ignore\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	if (!strcmp(argv[1], "handle")) {
		sa.sa_sigaction = on_sigsys;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSYS, &sa, NULL);
	} else if (!strcmp(argv[1], "block")) {
		sigemptyset(&set);
		sigaddset(&set, SIGSYS);
		sigprocmask(SIG_BLOCK, &set, NULL);
	} else if (!strcmp(argv[1], "ignore")) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGSYS, &sa, NULL);
	} else {
		fprintf(stderr, "sigsys: unknown mode %s\n", argv[1]);
		return 2;
	}

	ret = syscall(SYS_getppid);
	printf("ret %ld\n", ret);
	printf("caught %d\n", (int)caught);
	if (!caught)
		return 1;
	printf("signo %d\n", seen.si_signo);
	printf("code %s\n", seen.si_code == SYS_SECCOMP ? "SYS_SECCOMP" : "other");
	printf("errno %d\n", seen.si_errno);
	printf("syscall %s\n", seen.si_syscall == SYS_getppid ? "getppid" : "other");
	printf("arch %s\n", seen.si_arch == SFT_ARCH ? "native" : "other");
	printf("call_addr %s\n",
	       (uintptr_t)seen.si_call_addr == seen_ip && seen_ip ? "ip" : "other");
	return 0;
}
