// SPDX-License-Identifier: GPL-2.0
/*
 * listener TEST: checks a layer's listener (SYSFENCE_LOAD_LISTENER) from
 * the inside, in one process that loads the layer, makes syscalls the
 * layer decides, and only then reads its records, so that what the ring
 * holds does not depend on scheduling. Prints what it checked and exits 0
 * when everything held, 1 otherwise. Built for the three ABIs.
 *
 *   fields     every field of an errno record, and of a log record; the
 *              registers a syscall does not read are zero
 *   ring       a ring of 8 records under 100 distinct denials: the first
 *              8 kept in order, then one report of 92 lost; never blocks
 *   coalesce   50 identical denials make one record with count 50
 *   complain   a complain layer reports errno, not enforced, and the call runs
 *   unique     SYSFENCE_LOAD_UNIQUE: one record per syscall and flags value
 *   isolation  two processes with a layer and a listener each: each sees
 *              its own records only
 *   eof        once the layer's last task has exited, read() returns 0
 */
#include "sftest.h"

#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/audit.h>

static int failures;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s:%d: %s: ", __func__, __LINE__,	\
			       #cond);					\
			printf(__VA_ARGS__);				\
			printf("\n");					\
			failures++;					\
		}							\
	} while (0)

static const char deny_personality[] =
	"default allow\n"
	"abi " SFT_ALL_ABIS "\n"
	"errno EACCES personality\n"
	"log getppid\n";

/* Loads @text with a listener; returns its fd. */
static int load_listener(const char *text, unsigned int flags,
			 unsigned int records)
{
	struct sysfence_load load;
	int dev, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("PR_SET_NO_NEW_PRIVS");
		exit(2);
	}
	dev = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	if (dev < 0) {
		perror(SYSFENCE_DEVICE);
		exit(2);
	}
	memset(&load, 0, sizeof(load));
	load.size = sizeof(load);
	load.flags = SYSFENCE_LOAD_LISTENER | flags;
	load.text = (uintptr_t)text;
	load.text_len = strlen(text);
	load.listener_records = records;
	fd = ioctl(dev, SYSFENCE_IOC_LOAD, &load);
	if (fd < 0) {
		fprintf(stderr, "load: %s (%s)\n", strerror(errno),
			load.error_message);
		exit(2);
	}
	close(dev);
	return fd;
}

/* Reads every record available now, without blocking. */
static int drain(int fd, struct sysfence_event *ev, int max)
{
	int n = 0;

	if (fcntl(fd, F_SETFL, O_NONBLOCK)) {
		perror("F_SETFL");
		exit(2);
	}
	while (n < max) {
		ssize_t len = read(fd, &ev[n], (max - n) * sizeof(*ev));

		if (len < 0 && errno == EAGAIN)
			break;
		if (len <= 0) {
			perror("read");
			exit(2);
		}
		n += len / sizeof(*ev);
	}
	return n;
}

static unsigned int my_abi(void)
{
#if defined(__aarch64__)
	return SYSFENCE_ABI_AARCH64;
#elif defined(__arm__)
	return SYSFENCE_ABI_ARM;
#elif defined(__i386__)
	return SYSFENCE_ABI_I386;
#elif defined(__ILP32__)
	return SYSFENCE_ABI_X32;
#else
	return SYSFENCE_ABI_X86_64;
#endif
}

/* The AUDIT_ARCH_* value of this binary's ABI. */
static unsigned int my_arch(void)
{
#if defined(__aarch64__)
	return AUDIT_ARCH_AARCH64;
#elif defined(__arm__)
	return AUDIT_ARCH_ARM;
#elif defined(__i386__)
	return AUDIT_ARCH_I386;
#else
	return AUDIT_ARCH_X86_64;
#endif
}

static void test_fields(void)
{
	int fd = load_listener(deny_personality, 0, 0);
	struct sysfence_event ev[4];
	long ret;
	int n;

	ret = syscall(SYS_personality, 0x1234UL, 2UL, 3UL, 4UL, 5UL, 6UL);
	CHECK(ret == -1 && errno == EACCES, "personality: %ld", ret);
	syscall(SYS_getppid);
	n = drain(fd, ev, 4);
	CHECK(n == 2, "%d records", n);
	if (n < 2)
		return;
	CHECK(ev[0].size == sizeof(ev[0]), "size %u", ev[0].size);
	CHECK(ev[0].version == SYSFENCE_EVENT_VERSION, "version %u",
	      ev[0].version);
	CHECK(ev[0].type == SYSFENCE_EVENT_DECISION, "type %u", ev[0].type);
	CHECK(ev[0].flags == SYSFENCE_EVENT_ENFORCED, "flags %u", ev[0].flags);
	CHECK(ev[0].count == 1 && ev[0].lost == 0, "count %u lost %u",
	      ev[0].count, ev[0].lost);
	CHECK(ev[0].time_ns && ev[0].last_ns == ev[0].time_ns, "times");
	CHECK(ev[0].pid == (unsigned int)getpid(), "pid %u", ev[0].pid);
	CHECK(ev[0].tid == (unsigned int)syscall(SYS_gettid), "tid %u",
	      ev[0].tid);
	CHECK(ev[0].uid == getuid(), "uid %u", ev[0].uid);
	CHECK(ev[0].abi == my_abi(), "abi %u", ev[0].abi);
	CHECK(ev[0].arch == my_arch(), "arch %#x", ev[0].arch);
	CHECK(ev[0].nr == (SYS_personality & ~0x40000000U), "nr %u",
	      ev[0].nr);
	CHECK(ev[0].layer == 1 && ev[0].line == 3, "layer %u line %u",
	      ev[0].layer, ev[0].line);
	CHECK(ev[0].origin == SYSFENCE_ORIGIN_RULE, "origin %u",
	      ev[0].origin);
	CHECK(ev[0].action == SYSFENCE_ACTION_ERRNO && ev[0].data == EACCES,
	      "action %u data %u", ev[0].action, ev[0].data);
	/* personality takes one argument: the other registers read 0. */
	CHECK(ev[0].args[0] == 0x1234 && ev[0].args[1] == 0 &&
	      ev[0].args[5] == 0, "args %#llx %#llx %#llx",
	      (unsigned long long)ev[0].args[0],
	      (unsigned long long)ev[0].args[1],
	      (unsigned long long)ev[0].args[5]);
	CHECK(!strncmp(ev[0].comm, "listener", 8), "comm %.16s", ev[0].comm);
	CHECK(ev[1].action == SYSFENCE_ACTION_LOG && ev[1].line == 4 &&
	      ev[1].flags == SYSFENCE_EVENT_ENFORCED,
	      "log record: action %u line %u flags %u", ev[1].action,
	      ev[1].line, ev[1].flags);
	printf("fields checked\n");
}

static void test_ring(void)
{
	int fd = load_listener(deny_personality, 0, 8);
	struct sysfence_event ev[16];
	unsigned long i;
	int n;

	for (i = 1; i <= 100; i++)
		syscall(SYS_personality, i);
	n = drain(fd, ev, 16);
	CHECK(n == 9, "%d records", n);
	for (i = 0; i < 8 && (int)i < n; i++)
		CHECK(ev[i].type == SYSFENCE_EVENT_DECISION &&
		      ev[i].args[0] == i + 1 && ev[i].lost == 0,
		      "record %lu: type %u arg %llu", i, ev[i].type,
		      (unsigned long long)ev[i].args[0]);
	if (n == 9)
		CHECK(ev[8].type == SYSFENCE_EVENT_LOST && ev[8].count == 92,
		      "last: type %u count %u", ev[8].type, ev[8].count);
	/* Room again: the next record carries no loss, it was reported. */
	syscall(SYS_personality, 1000UL);
	n = drain(fd, ev, 16);
	CHECK(n == 1 && ev[0].args[0] == 1000 && ev[0].lost == 0,
	      "after: %d records", n);
	printf("ring checked\n");
}

static void test_coalesce(void)
{
	int fd = load_listener(deny_personality, 0, 8);
	struct sysfence_event ev[8];
	int i, n;

	for (i = 0; i < 50; i++)
		syscall(SYS_personality, 7UL);
	syscall(SYS_personality, 8UL);
	syscall(SYS_personality, 7UL);
	n = drain(fd, ev, 8);
	CHECK(n == 3, "%d records", n);
	if (n == 3) {
		CHECK(ev[0].count == 50 && ev[0].args[0] == 7 &&
		      ev[0].last_ns >= ev[0].time_ns, "first: count %u",
		      ev[0].count);
		CHECK(ev[1].count == 1 && ev[1].args[0] == 8, "second: count %u",
		      ev[1].count);
		CHECK(ev[2].count == 1 && ev[2].args[0] == 7, "third: count %u",
		      ev[2].count);
	}
	printf("coalesce checked\n");
}

static void test_complain(void)
{
	int fd = load_listener(deny_personality, SYSFENCE_LOAD_COMPLAIN, 0);
	struct sysfence_event ev[4];
	long ret;
	int n;

	ret = syscall(SYS_personality, 0xffffffffUL);
	CHECK(ret != -1, "the call was denied: errno %d", errno);
	n = drain(fd, ev, 4);
	CHECK(n == 1, "%d records", n);
	if (n == 1)
		CHECK(ev[0].action == SYSFENCE_ACTION_ERRNO &&
		      ev[0].data == EACCES && !(ev[0].flags &
						SYSFENCE_EVENT_ENFORCED),
		      "action %u data %u flags %u", ev[0].action, ev[0].data,
		      ev[0].flags);
	printf("complain checked\n");
}

static void test_unique(void)
{
	static const char learn[] = "abi " SFT_ALL_ABIS "\ndefault log\n";
	int fd = load_listener(learn, SYSFENCE_LOAD_UNIQUE, 64);
	struct sysfence_event ev[64];
	int i, n, opens = 0, personalities = 0, cloexec = 0;

	for (i = 0; i < 20; i++) {
		close(openat(AT_FDCWD, "/", O_RDONLY | O_DIRECTORY));
		syscall(SYS_personality, (unsigned long)i);
	}
	close(openat(AT_FDCWD, "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	n = drain(fd, ev, 64);
	for (i = 0; i < n; i++) {
		if (ev[i].nr == (SYS_openat & ~0x40000000U)) {
			opens++;
			cloexec += !!(ev[i].args[2] & O_CLOEXEC);
			/* Only the flags are kept: the path is not a key. */
			CHECK(ev[i].args[1] == 0, "path kept");
		}
		if (ev[i].nr == (SYS_personality & ~0x40000000U))
			personalities++;
	}
	CHECK(opens == 2 && cloexec == 1, "%d openat records, %d O_CLOEXEC",
	      opens, cloexec);
	CHECK(personalities == 1, "%d personality records", personalities);
	printf("unique checked\n");
}

static void test_isolation(void)
{
	int status, i, child;

	for (child = 0; child < 2; child++) {
		pid_t pid = fork();

		if (pid < 0)
			exit(2);
		if (!pid) {
			int fd = load_listener(deny_personality, 0, 256);
			struct sysfence_event ev[256];
			int n;

			for (i = 0; i < 100; i++)
				syscall(SYS_personality, 100UL * child + i);
			n = drain(fd, ev, 256);
			CHECK(n == 100, "child %d: %d records", child, n);
			for (i = 0; i < n; i++)
				CHECK(ev[i].pid == (unsigned int)getpid() &&
				      ev[i].args[0] == 100UL * child + i,
				      "child %d: record %d of pid %u", child,
				      i, ev[i].pid);
			exit(failures ? 1 : 0);
		}
	}
	for (child = 0; child < 2; child++) {
		wait(&status);
		CHECK(WIFEXITED(status) && !WEXITSTATUS(status),
		      "a child failed");
	}
	printf("isolation checked\n");
}

static void test_eof(void)
{
	struct sysfence_event ev[4];
	struct pollfd pfd;
	int pipefd[2], fd;
	ssize_t len;
	pid_t pid;

	/*
	 * The child shares our file table: its listener lands in it, and
	 * stays when the child, the layer's only task, exits.
	 */
	if (pipe(pipefd))
		exit(2);
	pid = syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0) {
		perror("clone");
		exit(2);
	}
	if (!pid) {
		fd = load_listener(deny_personality, 0, 0);
		syscall(SYS_personality, 42UL);
		if (write(pipefd[1], &fd, sizeof(fd)) != sizeof(fd))
			_exit(2);
		_exit(0);
	}
	if (read(pipefd[0], &fd, sizeof(fd)) != sizeof(fd)) {
		fprintf(stderr, "no listener from the child\n");
		exit(2);
	}
	waitpid(pid, NULL, 0);
	/* Blocking: the record, then end of file once the layer is freed. */
	len = read(fd, ev, sizeof(ev));
	CHECK(len == sizeof(ev[0]) && ev[0].args[0] == 42, "read %zd", len);
	len = read(fd, ev, sizeof(ev));
	CHECK(len == 0, "read after the layer's end: %zd", len);
	pfd.fd = fd;
	pfd.events = POLLIN;
	CHECK(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP),
	      "poll: %#x", pfd.revents);
	printf("eof checked\n");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} tests[] = {
		{ "fields", test_fields }, { "ring", test_ring },
		{ "coalesce", test_coalesce }, { "complain", test_complain },
		{ "unique", test_unique }, { "isolation", test_isolation },
		{ "eof", test_eof },
	};
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s TEST\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!strcmp(argv[1], tests[i].name)) {
			tests[i].run();
			return failures ? 1 : 0;
		}
	}
	fprintf(stderr, "%s: no test %s\n", argv[0], argv[1]);
	return 2;
}
