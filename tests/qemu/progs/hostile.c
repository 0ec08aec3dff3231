// SPDX-License-Identifier: GPL-2.0
/*
 * hostile: feed /dev/sysfence with bad pointers, sizes, flags, reserved
 * fields, garbage and unterminated text and unknown ioctl numbers, and check
 * each gets its documented error and installs nothing. Each case runs in a
 * child process (a load that succeeds confines the caller). Prints one line
 * per case, "ok NAME" or "FAIL NAME: why"; exits 1 if any failed.
 * Built for the three ABIs, so 32-bit callers go through compat_ioctl.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "sftest.h"

static int dev;
static long page;
static int failures;

/* Every ABI, since this program is built for each. */
static const char allow_all[] = "default allow\nabi " SFT_ALL_ABIS "\n";
static const char deny_getppid[] =
	"default allow\nabi " SFT_ALL_ABIS "\nerrno EACCES getppid\n";

/* Runs @fn in a child; it returns NULL or why it failed. */
static void run_case(const char *name, const char *(*fn)(void))
{
	int status, fds[2];
	char why[256] = "";
	pid_t pid;
	ssize_t n;

	if (pipe(fds))
		exit(2);
	pid = fork();
	if (pid < 0)
		exit(2);
	if (!pid) {
		const char *res;

		close(fds[0]);
		res = fn();
		if (res && write(fds[1], res, strlen(res)) < 0)
			_exit(3);
		_exit(res ? 1 : 0);
	}
	close(fds[1]);
	n = read(fds[0], why, sizeof(why) - 1);
	close(fds[0]);
	if (n > 0)
		why[n] = 0;
	if (waitpid(pid, &status, 0) != pid) {
		printf("FAIL %s: waitpid\n", name);
		failures++;
	} else if (WIFEXITED(status) && !WEXITSTATUS(status)) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s%s\n", name, why,
		       WIFSIGNALED(status) ? " (killed by a signal)" : "");
		failures++;
	}
	fflush(stdout);
}

static char msg[256];

/* ioctl(@cmd, @arg) must fail with @want; returns why not, or NULL. */
static const char *expect_errno(unsigned long cmd, void *arg, int want)
{
	long ret = ioctl(dev, cmd, arg);

	if (ret >= 0) {
		snprintf(msg, sizeof(msg), "succeeded (%ld), wanted %s", ret,
			 sft_errno_name(want));
		return msg;
	}
	if (errno != want) {
		snprintf(msg, sizeof(msg), "errno %s, wanted %s",
			 sft_errno_name(errno), sft_errno_name(want));
		return msg;
	}
	return NULL;
}

static void load_init(struct sysfence_load *load, const char *text)
{
	memset(load, 0, sizeof(*load));
	load->size = sizeof(*load);
	load->text = (uintptr_t)text;
	load->text_len = strlen(text);
}

/* getppid() must still work: no layer was installed by the failed load. */
static const char *not_confined(void)
{
	if (syscall(SYS_getppid) < 0)
		return "a failed load confined the caller";
	return NULL;
}

static const char *load_expect(struct sysfence_load *load, int want)
{
	const char *why = expect_errno(SYSFENCE_IOC_LOAD, load, want);

	return why ? why : not_confined();
}

static const char *version(void)
{
	long v = ioctl(dev, SYSFENCE_IOC_VERSION, 0);

	return v == SYSFENCE_ABI_VERSION ? NULL : "wrong version";
}

static const char *unknown_ioctls(void)
{
	static const unsigned long cmds[] = {
		_IO(SYSFENCE_IOC_MAGIC, 4),
		_IO(SYSFENCE_IOC_MAGIC, 0xff),
		_IOWR(SYSFENCE_IOC_MAGIC, 1, char[16]),
		_IOR(SYSFENCE_IOC_MAGIC, 1, struct sysfence_load),
		_IOWR(SYSFENCE_IOC_MAGIC, 2, char[8]),
		_IOW(SYSFENCE_IOC_MAGIC, 0, int),
		_IO('T', 1),
		0,
		~0UL,
	};
	unsigned int i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		const char *why = expect_errno(cmds[i], NULL, ENOTTY);

		if (why)
			return why;
	}
	return NULL;
}

static const char *null_arg(void)
{
	const char *why = expect_errno(SYSFENCE_IOC_LOAD, NULL, EFAULT);

	return why ? why : expect_errno(SYSFENCE_IOC_SHOW, NULL, EFAULT);
}

static const char *unmapped_arg(void)
{
	char *p = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	const char *why;

	if (p == MAP_FAILED)
		return "mmap";
	why = expect_errno(SYSFENCE_IOC_LOAD, p, EFAULT);
	return why ? why : expect_errno(SYSFENCE_IOC_SHOW, p, EFAULT);
}

static const char *bad_sizes(void)
{
	struct {
		struct sysfence_load load;
		char tail[64];
	} big;
	static const unsigned int small[] = { 0, 4, SYSFENCE_LOAD_SIZE_VER0 - 1 };
	const char *why;
	unsigned int i;

	for (i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		load_init(&big.load, allow_all);
		big.load.size = small[i];
		why = load_expect(&big.load, EINVAL);
		if (why)
			return why;
	}
	load_init(&big.load, allow_all);
	big.load.size = 1U << 20;
	why = load_expect(&big.load, E2BIG);
	if (why)
		return why;
	load_init(&big.load, allow_all);
	big.load.size = 0xffffffffU;
	why = load_expect(&big.load, E2BIG);
	if (why)
		return why;
	/* A newer, longer struct: unknown bytes must be zero. */
	memset(big.tail, 0, sizeof(big.tail));
	big.tail[63] = 1;
	load_init(&big.load, deny_getppid);
	big.load.size = sizeof(big);
	why = load_expect(&big.load, E2BIG);
	if (why)
		return why;
	big.tail[63] = 0;
	if (ioctl(dev, SYSFENCE_IOC_LOAD, &big))
		return "a longer struct with zero tail was refused";
	if (syscall(SYS_getppid) != -1 || errno != EACCES)
		return "the longer struct's policy is not in force";
	return NULL;
}

static const char *bad_flags_reserved(void)
{
	struct sysfence_load load;
	const char *why;
	unsigned int bit, i;

	for (bit = 0; bit < 32; bit++) {
		/* SYSFENCE_LOAD_UNIQUE is refused without a listener. */
		if ((1U << bit) & (SYSFENCE_LOAD_ALL_THREADS |
				   SYSFENCE_LOAD_COMPLAIN |
				   SYSFENCE_LOAD_LISTENER))
			continue;
		load_init(&load, deny_getppid);
		load.flags = 1U << bit;
		why = load_expect(&load, EINVAL);
		if (why)
			return why;
	}
	load_init(&load, deny_getppid);
	load.__reserved = 1;
	why = load_expect(&load, EINVAL);
	if (why)
		return why;
	load_init(&load, deny_getppid);
	load.__reserved2 = 1;
	why = load_expect(&load, EINVAL);
	if (why)
		return why;
	for (i = 0; i < 3; i++) {
		load_init(&load, deny_getppid);
		load.reserved[i] = 1ULL << 63;
		why = load_expect(&load, EINVAL);
		if (why)
			return why;
	}
	/* A ring size means nothing without a listener, or beyond the limit. */
	load_init(&load, deny_getppid);
	load.listener_records = 1;
	why = load_expect(&load, EINVAL);
	if (why)
		return why;
	load_init(&load, deny_getppid);
	load.flags = SYSFENCE_LOAD_LISTENER;
	load.listener_records = SYSFENCE_LISTENER_RECORDS_MAX + 1;
	why = load_expect(&load, EINVAL);
	if (why)
		return why;
	return NULL;
}

static const char *bad_text_pointers(void)
{
	struct sysfence_load load;
	const char *why;

	load_init(&load, allow_all);
	load.text = 0;
	why = load_expect(&load, EFAULT);
	if (why)
		return why;
	load_init(&load, allow_all);
	load.text = 0xdeadbeef00000000ULL;
	why = load_expect(&load, EFAULT);
	if (why)
		return why;
	load_init(&load, allow_all);
	load.text = ~0ULL - 4;
	return load_expect(&load, EFAULT);
}

static const char *text_lengths(void)
{
	struct sysfence_load load;
	const char *why;
	char *p;

	load_init(&load, allow_all);
	load.text_len = 0;
	why = load_expect(&load, EINVAL);
	if (why)
		return why;
	if (!load.error_message[0])
		return "no message for an empty policy";
	load_init(&load, allow_all);
	load.text_len = 1ULL << 40;
	why = load_expect(&load, E2BIG);
	if (why)
		return why;
	if (!load.error_message[0])
		return "no message for an oversized policy";
	load_init(&load, allow_all);
	load.text_len = ~0ULL;
	why = load_expect(&load, E2BIG);
	if (why)
		return why;
	/* Within the limit but past the mapping: a fault, not a read. */
	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + page, page))
		return "mmap";
	memcpy(p, allow_all, sizeof(allow_all) - 1);
	load_init(&load, allow_all);
	load.text = (uintptr_t)p;
	load.text_len = 1U << 20;
	return load_expect(&load, EFAULT);
}

/* Policy text flush against an unmapped page: no byte past it is read. */
static const char *unterminated_text(void)
{
	static const char text[] =
		"default allow\nabi " SFT_ALL_ABIS "\nerrno EACCES getppid";
	size_t n = sizeof(text) - 1;
	struct sysfence_load load;
	char *p, *start;
	const char *why;

	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + page, page))
		return "mmap";
	start = p + page - n;
	memcpy(start, text, n);
	load_init(&load, allow_all);
	load.text = (uintptr_t)start;
	load.text_len = n + 1;
	why = load_expect(&load, EFAULT);
	if (why)
		return why;
	load.text_len = n;
	if (ioctl(dev, SYSFENCE_IOC_LOAD, &load))
		return "an exact, unterminated text was refused";
	if (load.layers != 1)
		return "layers not reported";
	if (syscall(SYS_getppid) != -1 || errno != EACCES)
		return "the unterminated policy is not in force";
	return NULL;
}

static const char *garbage_text(void)
{
	static char text[4096];
	struct sysfence_load load;
	unsigned int seed = 12345, round, i;
	const char *why;

	for (round = 0; round < 200; round++) {
		size_t n = 1 + round * 17 % sizeof(text);

		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			text[i] = (char)(seed >> 16);
		}
		load_init(&load, allow_all);
		load.text = (uintptr_t)text;
		load.text_len = n;
		why = load_expect(&load, EINVAL);
		if (why)
			return why;
		if (!load.error_message[0] ||
		    !memchr(load.error_message, 0, sizeof(load.error_message)))
			return "no or unterminated error message";
	}
	/* Valid text with a NUL inside: an error, not a shorter policy. */
	memcpy(text, deny_getppid, sizeof(deny_getppid));
	text[7] = 0;
	load_init(&load, allow_all);
	load.text = (uintptr_t)text;
	load.text_len = sizeof(deny_getppid) - 1;
	return load_expect(&load, EINVAL);
}

/* Outputs cannot be written: the load fails and installs nothing. */
static const char *readonly_struct(void)
{
	struct sysfence_load *load;
	const char *why;

	load = mmap(NULL, page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (load == MAP_FAILED)
		return "mmap";
	load_init(load, deny_getppid);
	if (mprotect(load, page, PROT_READ))
		return "mprotect";
	why = expect_errno(SYSFENCE_IOC_LOAD, load, EFAULT);
	return why ? why : not_confined();
}

static const char *layer_limit(void)
{
	struct sysfence_load load;
	unsigned int i;

	for (i = 1; i <= 32; i++) {
		load_init(&load, allow_all);
		if (ioctl(dev, SYSFENCE_IOC_LOAD, &load))
			return "a load under the layer limit failed";
		if (load.layers != i)
			return "wrong layer count";
	}
	load_init(&load, deny_getppid);
	return load_expect(&load, E2BIG);
}

static int go[2], done[2];

static void *loner(void *arg)
{
	struct sysfence_load load;
	char c = 0;

	(void)arg;
	load_init(&load, allow_all);
	if (ioctl(dev, SYSFENCE_IOC_LOAD, &load))
		c = 1;
	if (write(done[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
		return NULL;
	return NULL;
}

/* A thread with a layer the caller lacks: an all-threads load fails. */
static const char *all_threads_diverged(void)
{
	struct sysfence_load load;
	const char *why;
	pthread_t t;
	char c;

	if (pipe(go) || pipe(done) ||
	    pthread_create(&t, NULL, loner, NULL))
		return "setup";
	if (read(done[0], &c, 1) != 1 || c)
		return "the thread's own load failed";
	load_init(&load, deny_getppid);
	load.flags = SYSFENCE_LOAD_ALL_THREADS;
	why = load_expect(&load, EBUSY);
	if (write(go[1], "g", 1) != 1)
		return "write";
	pthread_join(t, NULL);
	return why;
}

static void show_init(struct sysfence_show *show, void *buf, size_t size)
{
	memset(show, 0, sizeof(*show));
	show->size = sizeof(*show);
	show->buf = (uintptr_t)buf;
	show->buf_size = size;
}

static const char *show_inputs(void)
{
	struct sysfence_show show;
	char buf[64];
	const char *why;

	show_init(&show, buf, sizeof(buf));
	show.flags = SYSFENCE_SHOW_STATS << 1;
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, EINVAL);
	if (why)
		return why;
	show_init(&show, buf, sizeof(buf));
	show.reserved[3] = 1;
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, EINVAL);
	if (why)
		return why;
	show_init(&show, buf, sizeof(buf));
	show.pid = 0x7fffffff;
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, ESRCH);
	if (why)
		return why;
	show_init(&show, buf, sizeof(buf));
	show.pid = 0x80000000U;
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, ESRCH);
	if (why)
		return why;
	show_init(&show, buf, sizeof(buf));
	show.size = 8;
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, EINVAL);
	if (why)
		return why;
	show_init(&show, NULL, 1 << 20);
	why = expect_errno(SYSFENCE_IOC_SHOW, &show, EFAULT);
	if (why)
		return why;
	show_init(&show, (void *)(uintptr_t)0xdeadbeef000ULL, 100);
	return expect_errno(SYSFENCE_IOC_SHOW, &show, EFAULT);
}

/* A short buffer gets a prefix and the full length; nothing past it. */
static const char *show_short_buffer(void)
{
	struct sysfence_load load;
	struct sysfence_show show;
	char buf[64];

	load_init(&load, deny_getppid);
	if (ioctl(dev, SYSFENCE_IOC_LOAD, &load))
		return "load";
	memset(buf, '#', sizeof(buf));
	show_init(&show, buf, 5);
	if (ioctl(dev, SYSFENCE_IOC_SHOW, &show))
		return "show";
	if (show.layers != 1 || show.text_len <= 5)
		return "wrong layers or length";
	if (memcmp(buf, "layer", 5) || buf[5] != '#')
		return "wrote past the buffer or the wrong text";
	show_init(&show, NULL, 0);
	if (ioctl(dev, SYSFENCE_IOC_SHOW, &show) || show.text_len <= 5)
		return "a zero-sized buffer did not report the length";
	return NULL;
}

int main(void)
{
	page = sysconf(_SC_PAGESIZE);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("PR_SET_NO_NEW_PRIVS");
		return 2;
	}
	dev = open(SYSFENCE_DEVICE, O_RDONLY | O_CLOEXEC);
	if (dev < 0) {
		perror(SYSFENCE_DEVICE);
		return 2;
	}
	run_case("version", version);
	run_case("unknown_ioctls", unknown_ioctls);
	run_case("null_arg", null_arg);
	run_case("unmapped_arg", unmapped_arg);
	run_case("bad_sizes", bad_sizes);
	run_case("bad_flags_reserved", bad_flags_reserved);
	run_case("bad_text_pointers", bad_text_pointers);
	run_case("text_lengths", text_lengths);
	run_case("unterminated_text", unterminated_text);
	run_case("garbage_text", garbage_text);
	run_case("readonly_struct", readonly_struct);
	run_case("layer_limit", layer_limit);
	run_case("all_threads_diverged", all_threads_diverged);
	run_case("show_inputs", show_inputs);
	run_case("show_short_buffer", show_short_buffer);
	return failures ? 1 : 0;
}
