/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sysfence subcommands: each takes the arguments after "sysfence"
 * (argv[0] is the subcommand's name) and returns the process exit status.
 */
#ifndef SYSFENCE_COMMANDS_H
#define SYSFENCE_COMMANDS_H

/* Exit statuses shared by the subcommands (see sysfence(8)). */
#define SF_EXIT_OK 0
#define SF_EXIT_INVALID 1	/* invalid policy */
#define SF_EXIT_USAGE 2		/* bad command line, unreadable file */

#include <stdbool.h>

/* Whether the running command takes --arch (main.c). */
extern bool sf_arch_option;

int cmd_check(int argc, char **argv);
int cmd_constants(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_groups(int argc, char **argv);
int cmd_import_oci(int argc, char **argv);
int cmd_syscalls(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_learn(int argc, char **argv);

#endif /* SYSFENCE_COMMANDS_H */
