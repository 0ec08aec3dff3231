// SPDX-License-Identifier: GPL-2.0
/*
 * ioctlfuzz SECONDS [SEED]: feed /dev/sysfence random and mutated ioctl
 * arguments for SECONDS: LOAD with policy texts mutated from a few seeds and
 * the language's tokens, random struct sizes, flags, reserved fields,
 * lengths and pointers (NULL, unmapped, kernel addresses, text ending at an
 * unmapped page), SHOW of random pids into random buffers, and unknown
 * ioctl numbers; some rounds load from several threads at once while
 * threads come and go. Each round runs in a child with no_new_privs (a load
 * that succeeds confines it, and its policy may kill it). The kernel is the
 * one being tested: the VM's log check fails the run on any report (KASAN,
 * lockdep, kmemleak, WARNING). Prints a summary; exits 1 only when a round
 * hangs or the device cannot be used at all.
 *
 * The LOAD-text half of the libFuzzer target (tests/fuzz) runs the same
 * parser in user space; this one goes through the real device, with the
 * kernel's own copy-in, limits and error paths.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "sftest.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* Mutated texts stay under this; the kernel's limit is tested by length. */
#define SF_TEST_MAX_TEXT 16384

static const char *const seeds[] = {
	"default allow\n",
	"default allow\nabi " SFT_ALL_ABIS "\nerrno EACCES getppid\n",
	"default allow\nallow write if fd == 1 || fd == 2\nerrno EBADF write\n",
	"default allow\nerrno EACCES openat if (flags & O_ACCMODE) != O_RDONLY\n",
	"default allow\nlog @file-system if arg0 in { 1, 2, 3 }\nkill ptrace\n",
	"default allow\ntrap personality if persona == 0xffffffff\n",
	"default allow\nabi " SFT_NATIVE_ABI " " SFT_COMPAT_ABI "\n"
	SFT_COMPAT_RULE "\n",
	"default allow\nabi-violation errno ENOSYS\ndeny umask\n",
	"default allow\nerrno 4095 getpgrp?\nallow clone if !(clone_flags & CLONE_NEWUSER)\n",
};

static const char *const tokens[] = {
	"default", "abi", "abi-violation", "allow", "log", "deny", "trap",
	"kill", "kill-thread", "errno", "if", "in", "x86_64", "i386", "x32",
	"aarch64", "arm",
	"==", "!=", "<=", ">=", "<", ">", "&", "&&", "||", "!", "(", ")", "{",
	"}", ",", ":", "@", "@file-system", "@network-io", "write", "read", "openat",
	"getppid", "clone", "fd", "flags", "arg0", "arg5", "O_CREAT",
	"AF_INET", "EPERM", "0x", "-1", "18446744073709551615", "4096", "\n",
	"\\\n", "#", " ", "\t", "\r\n", "\0",
};

static unsigned long long rng;

static unsigned long long rnd(void)
{
	/* xorshift64*: reproducible from the seed the run prints. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

static char *unmapped;		/* a page that is not mapped */
static char *edge;		/* the last page before an unmapped one */
static long page;

/* A mutated policy in @buf (size @cap); returns its length. */
static size_t mutate(char *buf, size_t cap)
{
	const char *seed = seeds[below(ARRAY_SIZE(seeds))];
	size_t len = strlen(seed);
	int n = below(9), i;

	memcpy(buf, seed, len);
	for (i = 0; i < n; i++) {
		size_t at = below(len + 1);
		const char *tok = tokens[below(ARRAY_SIZE(tokens))];
		size_t tl = *tok ? strlen(tok) : 1;

		switch (below(5)) {
		case 0:	/* flip a byte */
			if (len)
				buf[below(len)] ^= 1 << below(8);
			break;
		case 1:	/* insert a token */
			if (len + tl < cap) {
				memmove(buf + at + tl, buf + at, len - at);
				memcpy(buf + at, tok, tl);
				len += tl;
			}
			break;
		case 2:	/* delete a range */
			if (at < len) {
				size_t k = below(len - at) + 1;

				memmove(buf + at, buf + at + k, len - at - k);
				len -= k;
			}
			break;
		case 3:	/* repeat the text, up to the buffer */
			if (len && 2 * len < cap) {
				memcpy(buf + len, buf, len);
				len *= 2;
			}
			break;
		default: /* truncate */
			len = at;
			break;
		}
	}
	return len;
}

/* A pointer for the kernel to read @len bytes of @good from, or worse. */
static __u64 hostile_ptr(const char *good, size_t len)
{
	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return (__u64)(uintptr_t)unmapped;
	case 2:
		return 0xffffffff81000000ULL;
	case 3:
		return (__u64)(uintptr_t)good + 1;
	case 4:
		/* The text runs into the unmapped page. */
		if (len && len <= (size_t)page) {
			memcpy(edge + page - len / 2 - 1, good, len / 2 + 1);
			return (__u64)(uintptr_t)(edge + page - len / 2 - 1);
		}
		return (__u64)(uintptr_t)good;
	case 5:
		return ~0ULL - below(4096);
	default:
		return (__u64)(uintptr_t)good;
	}
}

static __u32 hostile_size(__u32 ver0)
{
	static const __u32 sizes[] = { 0, 4, 8, 1, 4095, 4096, 4097,
				       0xffffffff };

	switch (below(6)) {
	case 0:
		return sizes[below(ARRAY_SIZE(sizes))];
	case 1:
		return ver0 - 1 - below(8);
	case 2:
		return ver0 + 8 * below(64);
	default:
		return ver0;
	}
}

static void fuzz_load(int fd)
{
	static char text[2 * SF_TEST_MAX_TEXT];
	char arg[4200] __attribute__((aligned(8)));
	struct sysfence_load *load = (void *)arg;
	size_t len = mutate(text, SF_TEST_MAX_TEXT);

	memset(arg, 0, sizeof(arg));
	if (!below(8))
		for (size_t i = 0; i < sizeof(arg); i++)
			arg[i] = rnd();
	load->size = hostile_size(SYSFENCE_LOAD_SIZE_VER0);
	load->flags = below(4) ? (__u32)below(4) : (__u32)rnd();
	load->text = hostile_ptr(text, len);
	switch (below(8)) {
	case 0:
		load->text_len = rnd();
		break;
	case 1:
		load->text_len = (1 << 20) + below(2);
		break;
	case 2:
		load->text_len = len + below(8192);
		break;
	default:
		load->text_len = len;
		break;
	}
	if (below(8))
		memset(load->reserved, 0, sizeof(load->reserved));
	ioctl(fd, SYSFENCE_IOC_LOAD,
	      below(16) ? (void *)load : (void *)(uintptr_t)hostile_ptr(arg, 0));
}

static void fuzz_show(int fd)
{
	static char out[65536];
	struct sysfence_show show;

	memset(&show, 0, sizeof(show));
	show.size = hostile_size(SYSFENCE_SHOW_SIZE_VER0);
	show.flags = below(4) ? 0 : (__u32)rnd();
	switch (below(4)) {
	case 0:
		show.pid = 1;
		break;
	case 1:
		show.pid = getppid();
		break;
	case 2:
		show.pid = rnd();
		break;
	default:
		show.pid = 0;
		break;
	}
	show.buf = hostile_ptr(out, 0);
	show.buf_size = below(4) ? below(sizeof(out)) : rnd();
	if (show.buf_size > sizeof(out) && show.buf == (uintptr_t)out)
		show.buf_size = sizeof(out);
	ioctl(fd, SYSFENCE_IOC_SHOW, &show);
}

static void fuzz_one(int fd)
{
	switch (below(8)) {
	case 0:
	case 1:
	case 2:
	case 3:
		fuzz_load(fd);
		break;
	case 4:
	case 5:
		fuzz_show(fd);
		break;
	case 6:
		ioctl(fd, SYSFENCE_IOC_VERSION, 0);
		break;
	default:
		ioctl(fd, _IOC(below(4), 0xf5, below(256), below(256)),
		      (void *)(uintptr_t)hostile_ptr((char *)&fd, 0));
		break;
	}
}

static void *thread_round(void *arg)
{
	int fd = *(int *)arg, i;

	for (i = 0; i < 20; i++)
		fuzz_one(fd);
	return NULL;
}

/* One child's round: ioctls, in several threads in some rounds. */
static void round_child(unsigned long long seed)
{
	pthread_t threads[3];
	int fd, i, nthreads;

	rng = seed;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(3);
	fd = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		_exit(3);
	nthreads = below(4) ? 0 : 1 + below(3);
	for (i = 0; i < nthreads; i++)
		pthread_create(&threads[i], NULL, thread_round, &fd);
	for (i = 0; i < 40; i++)
		fuzz_one(fd);
	/*
	 * No join: the child's own policy may deny futex, and exit_group()
	 * ends the threads anyway (if the policy denies that too, glibc's
	 * _exit() falls back to exit() and then faults).
	 */
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long rounds = 0, killed = 0;
	unsigned long long seed;
	time_t end;
	char *map;

	if (argc < 2) {
		fprintf(stderr, "usage: ioctlfuzz SECONDS [SEED]\n");
		return 2;
	}
	seed = argc > 2 ? strtoull(argv[2], NULL, 0) : (unsigned long long)time(NULL);
	rng = seed | 1;
	printf("ioctlfuzz: seed %llu\n", seed);
	fflush(stdout);
	page = sysconf(_SC_PAGESIZE);
	map = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return 2;
	edge = map;
	unmapped = map + page;
	munmap(unmapped, page);
	end = time(NULL) + strtol(argv[1], NULL, 0);

	while (time(NULL) < end) {
		unsigned long long child_seed = rnd() | 1;
		int status, waited = 0;
		pid_t pid = fork();

		if (pid < 0)
			return 2;
		if (!pid)
			round_child(child_seed);
		/* A round is a few hundred ioctls: ten seconds is a hang. */
		while (waitpid(pid, &status, WNOHANG) == 0) {
			if (++waited > 1000) {
				printf("ioctlfuzz: round with seed %llu hangs\n",
				       child_seed);
				kill(pid, SIGKILL);
				return 1;
			}
			usleep(10000);
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
			printf("ioctlfuzz: cannot use %s\n", SYSFENCE_DEVICE);
			return 1;
		}
		killed += WIFSIGNALED(status);
		rounds++;
	}
	printf("ioctlfuzz: %lu rounds, %lu ended by their own policy's signal\n",
	       rounds, killed);
	return 0;
}
