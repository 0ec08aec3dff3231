// SPDX-License-Identifier: GPL-2.0
/*
 * stuckexec MOUNTPOINT POLICY: a process whose execve() stays stuck while it
 * holds its cred_guard_mutex, and whose other thread then asks for an
 * all-threads load of POLICY, which must wait for that mutex.
 *
 * The binary the stuck thread executes lives on a FUSE file system that a
 * child process serves from /dev/fuse: it answers the lookup and the open
 * but never the read of the binary's first page, which execve() makes with
 * the mutex held. (Unprivileged users can do the same inside a user
 * namespace.) The server exits on SIGTERM; the kernel then fails the read,
 * the execve() returns and the load goes on.
 *
 * Prints "server PID" once the server runs and "loader TID" before the
 * load, then the load's outcome ("load ok layers N" or "load errno NAME")
 * and the execve()'s ("exec errno NAME").
 */
#include <linux/fuse.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "sftest.h"

#define FUSE_ROOT 1
#define FUSE_PROG 2

/* Sized for the largest request the kernel sends (a write of max_write). */
static char req[FUSE_MIN_READ_BUFFER + 8192];

static void fuse_reply(int fd, const struct fuse_in_header *in, int error,
		       const void *body, size_t len)
{
	struct {
		struct fuse_out_header out;
		char body[sizeof(struct fuse_entry_out) +
			  sizeof(struct fuse_init_out)];
	} reply;

	memset(&reply, 0, sizeof(reply));
	reply.out.unique = in->unique;
	reply.out.error = error;
	if (!error && len) {
		memcpy(reply.body, body, len);
		reply.out.len = sizeof(reply.out) + len;
	} else {
		reply.out.len = sizeof(reply.out);
	}
	if (write(fd, &reply, reply.out.len) < 0 && errno != ENOENT)
		perror("fuse reply");
}

static void fuse_fill_attr(struct fuse_attr *attr, uint64_t node)
{
	memset(attr, 0, sizeof(*attr));
	attr->ino = node;
	if (node == FUSE_ROOT) {
		attr->mode = S_IFDIR | 0755;
		attr->nlink = 2;
	} else {
		attr->mode = S_IFREG | 0755;
		attr->nlink = 1;
		attr->size = 4096;
		attr->blocks = 8;
	}
	attr->blksize = 4096;
}

/*
 * Serves one file, "prog", whose reads never complete; writes a byte to
 * @stuck when the first read comes, the execve() now holding the mutex.
 */
static void fuse_serve(int fd, int stuck)
{
	for (;;) {
		ssize_t n = read(fd, req, sizeof(req));
		const struct fuse_in_header *in = (const void *)req;
		const char *arg = req + sizeof(*in);

		if (n < 0 && (errno == EINTR || errno == ENOENT))
			continue;
		if (n < (ssize_t)sizeof(*in))
			_exit(n < 0 && errno == ENODEV ? 0 : 1);

		switch (in->opcode) {
		case FUSE_INIT: {
			const struct fuse_init_in *init = (const void *)arg;
			struct fuse_init_out out = {
				.major = FUSE_KERNEL_VERSION,
				.minor = FUSE_KERNEL_MINOR_VERSION,
				.max_readahead = init->max_readahead,
				.max_write = 4096,
				.time_gran = 1,
			};

			fuse_reply(fd, in, 0, &out, sizeof(out));
			break;
		}
		case FUSE_LOOKUP: {
			struct fuse_entry_out out;

			if (in->nodeid != FUSE_ROOT || strcmp(arg, "prog")) {
				fuse_reply(fd, in, -ENOENT, NULL, 0);
				break;
			}
			memset(&out, 0, sizeof(out));
			out.nodeid = FUSE_PROG;
			out.generation = 1;
			out.entry_valid = 3600;
			out.attr_valid = 3600;
			fuse_fill_attr(&out.attr, FUSE_PROG);
			fuse_reply(fd, in, 0, &out, sizeof(out));
			break;
		}
		case FUSE_GETATTR: {
			struct fuse_attr_out out;

			memset(&out, 0, sizeof(out));
			out.attr_valid = 3600;
			fuse_fill_attr(&out.attr, in->nodeid);
			fuse_reply(fd, in, 0, &out, sizeof(out));
			break;
		}
		case FUSE_OPEN: {
			struct fuse_open_out out = { .fh = 1 };

			fuse_reply(fd, in, 0, &out, sizeof(out));
			break;
		}
		case FUSE_READ:
			/* The stuck execve(): never answered. */
			if (write(stuck, "r", 1) != 1)
				_exit(1);
			break;
		case FUSE_FLUSH:
		case FUSE_RELEASE:
			fuse_reply(fd, in, 0, NULL, 0);
			break;
		case FUSE_FORGET:
		case FUSE_BATCH_FORGET:
		case FUSE_INTERRUPT:
			/* No reply expected. */
			break;
		default:
			fuse_reply(fd, in, -ENOSYS, NULL, 0);
			break;
		}
	}
}

static char prog_path[4096];

static void *exec_thread(void *unused __attribute__((unused)))
{
	char *argv[] = { prog_path, NULL };

	execv(prog_path, argv);
	printf("exec errno %s\n", sft_errno_name(errno));
	fflush(stdout);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sysfence_load load;
	char opts[128];
	pthread_t thread;
	int fd, err, stuck[2];
	pid_t server;
	char byte;

	if (argc != 3) {
		fprintf(stderr, "usage: stuckexec MOUNTPOINT POLICY\n");
		return 2;
	}
	fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("/dev/fuse");
		return 2;
	}
	snprintf(opts, sizeof(opts),
		 "fd=%d,rootmode=40000,user_id=0,group_id=0", fd);
	if (mount("sysfence-test", argv[1], "fuse", MS_NOSUID | MS_NODEV,
		  opts)) {
		perror("mount fuse");
		return 2;
	}
	if (pipe(stuck)) {
		perror("pipe");
		return 2;
	}
	server = fork();
	if (server < 0) {
		perror("fork");
		return 2;
	}
	if (!server) {
		close(stuck[0]);
		fuse_serve(fd, stuck[1]);
		_exit(0);
	}
	close(fd);
	close(stuck[1]);
	printf("server %d\n", server);
	fflush(stdout);

	snprintf(prog_path, sizeof(prog_path), "%s/prog", argv[1]);
	if (pthread_create(&thread, NULL, exec_thread, NULL)) {
		fprintf(stderr, "pthread_create failed\n");
		return 2;
	}
	/* Load only once the execve() holds the mutex and is stuck. */
	if (read(stuck[0], &byte, 1) != 1) {
		fprintf(stderr, "the FUSE server did not see the read\n");
		return 2;
	}
	printf("loader %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	err = sft_load(argv[2], SYSFENCE_LOAD_ALL_THREADS, &load);
	if (err)
		printf("load errno %s\n", sft_errno_name(err));
	else
		printf("load ok layers %u\n", load.layers);
	fflush(stdout);
	pthread_join(thread, NULL);
	waitpid(server, NULL, 0);
	umount2(argv[1], MNT_DETACH);
	return err ? 1 : 0;
}
