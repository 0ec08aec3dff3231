/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running a command under policies whose decisions this process watches:
 * the command is started with each policy loaded as a layer with a
 * listener, and the listeners end up here, not in the command.
 */
#ifndef SYSFENCE_CONFINE_H
#define SYSFENCE_CONFINE_H

#include <stddef.h>
#include <sys/types.h>

#include <linux/sysfence.h>

#include "limits.h"

/* A policy to load: the name messages give it, and its text. */
struct sf_layer_src {
	const char *name;
	char *text;
	size_t len;
};

struct sf_confined {
	pid_t pid;
	int nfds;
	int fds[SF_MAX_LAYERS];
};

/*
 * Starts @argv with no_new_privs set and each of the @n policies loaded as
 * a layer with a listener of @records records (@flags, SYSFENCE_LOAD_*, are
 * added to SYSFENCE_LOAD_LISTENER). Between the loads and the command,
 * the child makes no syscall but the loads and execve(2), so a policy sees
 * nothing of sysfence's own. Prints why on failure; returns 0, or the exit
 * status to give up with (as sysfence run's).
 */
int sf_confine_spawn(const struct sf_layer_src *src, int n,
		     unsigned int flags, unsigned int records, char **argv,
		     struct sf_confined *c);

/*
 * Calls @fn with each record of each listener (and the index of the
 * listener) until every layer is gone, that is until the command and
 * everything it started have exited. Returns 0, the first non-zero value
 * of @fn, or a negative errno.
 */
int sf_confine_watch(struct sf_confined *c,
		     int (*fn)(void *ctx, int layer,
			       const struct sysfence_event *ev),
		     void *ctx);

/* Reaps the command; returns its exit status as a shell shows it. */
int sf_confine_wait(struct sf_confined *c);

/* Closes the listeners. */
void sf_confine_close(struct sf_confined *c);

/*
 * The whole of it: sf_confine_spawn(), then, SIGINT and SIGQUIT left to
 * the command as system(3) leaves them, sf_confine_watch() with @fn until
 * the command and all it started are gone; reaps it (its exit status in
 * *@status) and closes the listeners. Returns 0, or the exit status to
 * give up with, having said why.
 */
int sf_confine_run(const struct sf_layer_src *src, int n, unsigned int flags,
		   unsigned int records, char **argv,
		   int (*fn)(void *ctx, int layer,
			     const struct sysfence_event *ev),
		   void *ctx, int *status);

#endif /* SYSFENCE_CONFINE_H */
