// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence groups [NAME]: the syscall groups rules can name as @NAME.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "groups.h"

static void groups_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence groups [NAME]\n\n"
		"Without NAME, list the groups a rule can name as @NAME; with\n"
		"NAME, list its syscalls, one per line (nested groups expanded).\n"
		"A name a group lists but an ABI lacks is skipped on that ABI.\n");
}

struct member_list {
	const char *name[1024];
	unsigned int len[1024];
	unsigned int count;
};

/* Append a group's syscalls, expanding nested groups, without repeats. */
static void collect_members(struct member_list *list, int group, int depth)
{
	const char *members = sf_groups[group].members;
	const char *name;
	unsigned int pos = 0, len, i;
	int inner;

	while ((len = sf_group_next_member(members, &pos, &name))) {
		inner = name[0] == '@' ? sf_group_lookup(name + 1, len - 1) : -1;
		if (inner >= 0 && depth == 0) {
			collect_members(list, inner, 1);
			continue;
		}
		for (i = 0; i < list->count; i++) {
			if (list->len[i] == len &&
			    !memcmp(list->name[i], name, len))
				break;
		}
		if (i == list->count && list->count < 1024) {
			list->name[list->count] = name;
			list->len[list->count++] = len;
		}
	}
}

int cmd_groups(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct member_list list;
	int opt, group;
	unsigned int i;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (opt == 'h') {
			groups_usage(stdout);
			return SF_EXIT_OK;
		}
		groups_usage(stderr);
		return SF_EXIT_USAGE;
	}
	if (argc - optind > 1) {
		groups_usage(stderr);
		return SF_EXIT_USAGE;
	}
	if (argc == optind) {
		for (i = 0; i < sf_groups_count; i++)
			printf("@%-15s %s\n", sf_groups[i].name,
			       sf_groups[i].description);
		return SF_EXIT_OK;
	}
	if (argv[optind][0] == '@')
		argv[optind]++;
	group = sf_group_lookup(argv[optind], strlen(argv[optind]));
	if (group < 0) {
		fprintf(stderr,
			"sysfence: unknown group '%s' (see 'sysfence groups')\n",
			argv[optind]);
		return SF_EXIT_USAGE;
	}
	collect_members(&list, group, 0);
	for (i = 0; i < list.count; i++)
		printf("%.*s\n", (int)list.len[i], list.name[i]);
	return SF_EXIT_OK;
}
