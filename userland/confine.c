// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence monitor and learn start their command the way posix_spawn(3)
 * does: a child that shares this process's memory and file table
 * (CLONE_VM | CLONE_FILES | CLONE_VFORK) loads the policies and executes
 * the command. Each load's listener lands in the shared file table; the
 * execve(2) gives the child a table of its own without them (they are
 * close-on-exec), and this process keeps them. So the child needs no
 * syscall to hand them over, which the policies would see (and might
 * deny), and the command never holds them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "confine.h"
#include "diag.h"
#include "sfdev.h"

#define SF_EXIT_RUN_FAILED 125
#define SF_EXIT_CANNOT_EXEC 126
#define SF_EXIT_NOT_FOUND 127

#define SF_CHILD_STACK (64 * 1024)

/* What the child reports; shared memory, read once the child has left. */
struct sf_spawn {
	const struct sf_layer_src *src;
	int n;
	unsigned int flags;
	unsigned int records;
	int dev;
	const char *path;
	char **argv;
	/* Outputs. */
	int nfds;
	int fds[SF_MAX_LAYERS];
	int failed;		/* index of the policy that failed, or -1 */
	int err;		/* its errno, or execve's */
	struct sf_diag diag;
	int nnp_failed;
};

/* Runs in the child, on its own stack, in our memory: no stdio, no malloc. */
static int sf_spawn_child(void *arg)
{
	struct sf_spawn *s = arg;
	unsigned int layers;
	int i, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		s->nnp_failed = errno;
		_exit(SF_EXIT_RUN_FAILED);
	}
	for (i = 0; i < s->n; i++) {
		fd = sf_dev_load_listener(s->dev, s->src[i].text,
					  s->src[i].len,
					  SYSFENCE_LOAD_LISTENER | s->flags,
					  s->records, &layers, &s->diag);
		if (fd < 0) {
			s->failed = i;
			s->err = -fd;
			_exit(SF_EXIT_RUN_FAILED);
		}
		s->fds[s->nfds++] = fd;
	}
	execv(s->path, s->argv);
	s->err = errno;
	_exit(errno == ENOENT ? SF_EXIT_NOT_FOUND : SF_EXIT_CANNOT_EXEC);
}

/* The file execvp(3) would run, found before the child starts. */
static char *sf_find_command(const char *name)
{
	const char *path = getenv("PATH");
	const char *p, *end;
	char *full;

	if (strchr(name, '/'))
		return strdup(name);
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		size_t dirlen;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dirlen = end - p;
		full = malloc(dirlen + strlen(name) + 2);
		if (!full)
			return NULL;
		sprintf(full, "%.*s%s%s", (int)dirlen, p, dirlen ? "/" : "",
			name);
		if (!access(full, X_OK))
			return full;
		free(full);
		if (!*end)
			break;
	}
	return strdup(name);	/* for execve's error */
}

static int sf_spawn_report(const struct sf_spawn *s, const char *cmd)
{
	const struct sf_layer_src *src;

	if (s->nnp_failed) {
		fprintf(stderr, "sysfence: cannot set no_new_privs: %s\n",
			strerror(s->nnp_failed));
		return SF_EXIT_RUN_FAILED;
	}
	if (s->failed < 0) {
		fprintf(stderr, "sysfence: cannot execute %s: %s\n", cmd,
			strerror(s->err));
		return s->err == ENOENT ? SF_EXIT_NOT_FOUND :
					  SF_EXIT_CANNOT_EXEC;
	}
	src = &s->src[s->failed];
	if ((s->err == EINVAL || s->err == E2BIG) && s->diag.msg[0]) {
		if (s->diag.line)
			sf_print_diag(stderr, src->name, src->text, src->len,
				      &s->diag, "error");
		else
			fprintf(stderr, "sysfence: %s: error: %s\n", src->name,
				s->diag.msg);
		return SF_EXIT_INVALID;
	}
	sf_dev_load_failed(src->name, s->err);
	return s->err == E2BIG ? SF_EXIT_INVALID : SF_EXIT_RUN_FAILED;
}

int sf_confine_spawn(const struct sf_layer_src *src, int n,
		     unsigned int flags, unsigned int records, char **argv,
		     struct sf_confined *c)
{
	struct sf_spawn *s;
	char *stack;
	int status, ret = 0, i;
	pid_t pid;

	memset(c, 0, sizeof(*c));
	c->pid = -1;
	if (n > SF_MAX_LAYERS) {
		fprintf(stderr, "sysfence: too many policies (at most %d)\n",
			SF_MAX_LAYERS);
		return SF_EXIT_USAGE;
	}
	s = calloc(1, sizeof(*s));
	stack = mmap(NULL, SF_CHILD_STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (!s || stack == MAP_FAILED) {
		fprintf(stderr, "sysfence: out of memory\n");
		free(s);
		return SF_EXIT_RUN_FAILED;
	}
	s->src = src;
	s->n = n;
	s->flags = flags;
	s->records = records;
	s->argv = argv;
	s->failed = -1;
	s->path = sf_find_command(argv[0]);
	s->dev = sf_dev_open();
	if (!s->path || s->dev < 0) {
		ret = SF_EXIT_RUN_FAILED;
		goto out;
	}
	pid = clone(sf_spawn_child, stack + SF_CHILD_STACK,
		    CLONE_VM | CLONE_FILES | CLONE_VFORK | SIGCHLD, s);
	if (pid < 0) {
		fprintf(stderr, "sysfence: cannot start %s: %s\n", argv[0],
			strerror(errno));
		ret = SF_EXIT_RUN_FAILED;
		goto out;
	}
	/* The child has executed the command, or given up. */
	if (s->failed >= 0 || s->nnp_failed || s->err) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		for (i = 0; i < s->nfds; i++)
			close(s->fds[i]);
		ret = sf_spawn_report(s, argv[0]);
		goto out;
	}
	c->pid = pid;
	c->nfds = s->nfds;
	memcpy(c->fds, s->fds, sizeof(c->fds));
out:
	if (s->dev >= 0)
		close(s->dev);
	free((char *)s->path);
	free(s);
	munmap(stack, SF_CHILD_STACK);
	return ret;
}

int sf_confine_watch(struct sf_confined *c,
		     int (*fn)(void *ctx, int layer,
			       const struct sysfence_event *ev),
		     void *ctx)
{
	struct pollfd pfd[SF_MAX_LAYERS];
	/* Aligned for the records' 64-bit fields. */
	static __u64 buf[64 * sizeof(struct sysfence_event) / sizeof(__u64)];
	int open = c->nfds, i, ret;

	for (i = 0; i < c->nfds; i++) {
		pfd[i].fd = c->fds[i];
		pfd[i].events = POLLIN;
	}
	while (open) {
		if (poll(pfd, c->nfds, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < c->nfds; i++) {
			const char *p = (const char *)buf;
			ssize_t len;

			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			len = read(pfd[i].fd, buf, sizeof(buf));
			if (len < 0) {
				if (errno == EINTR || errno == EAGAIN)
					continue;
				return -errno;
			}
			if (!len) {
				pfd[i].fd = -1;
				open--;
				continue;
			}
			while (len >= (ssize_t)sizeof(__u16)) {
				const struct sysfence_event *ev =
					(const struct sysfence_event *)p;

				if (ev->size < SYSFENCE_EVENT_SIZE_VER1 ||
				    ev->size > len)
					return -EPROTO;
				ret = fn(ctx, i, ev);
				if (ret)
					return ret;
				p += ev->size;
				len -= ev->size;
			}
		}
	}
	return 0;
}

int sf_confine_wait(struct sf_confined *c)
{
	int status;

	if (c->pid < 0)
		return SF_EXIT_RUN_FAILED;
	while (waitpid(c->pid, &status, 0) < 0) {
		if (errno != EINTR)
			return SF_EXIT_RUN_FAILED;
	}
	c->pid = -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void sf_confine_close(struct sf_confined *c)
{
	int i;

	for (i = 0; i < c->nfds; i++)
		close(c->fds[i]);
	c->nfds = 0;
}

int sf_confine_run(const struct sf_layer_src *src, int n, unsigned int flags,
		   unsigned int records, char **argv,
		   int (*fn)(void *ctx, int layer,
			     const struct sysfence_event *ev),
		   void *ctx, int *status)
{
	struct sf_confined c;
	int ret;

	ret = sf_confine_spawn(src, n, flags, records, argv, &c);
	if (ret)
		return ret;
	/* Like system(3): ^C is for the command; we report until it is gone. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	ret = sf_confine_watch(&c, fn, ctx);
	*status = sf_confine_wait(&c);
	sf_confine_close(&c);
	if (ret < 0) {
		fprintf(stderr, "sysfence: reading events failed: %s\n",
			strerror(-ret));
		return SF_EXIT_RUN_FAILED;
	}
	return 0;
}
