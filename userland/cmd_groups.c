// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence groups [NAME]: the syscall groups rules can name as @NAME.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "groups.h"
#include "sfjson.h"
#include "syscalls.h"

static void groups_usage(FILE *out)
{
	fprintf(out,
		"usage: sysfence groups [--json] [--arch ARCH] [NAME]\n\n"
		"Without NAME, list the groups a rule can name as @NAME; with\n"
		"NAME, list its syscalls, one per line (nested groups expanded),\n"
		"those of the architecture's ABIs: a name a group lists but an ABI\n"
		"lacks is skipped on that ABI, and one no ABI of the architecture\n"
		"has is not listed.\n\n"
		"  --arch ARCH x86_64 (or amd64) or arm64 (or aarch64): the\n"
		"              architecture policies are for; default: the one\n"
		"              sysfence was built for\n"
		"  -j, --json  print one JSON document instead: every group (or\n"
		"              NAME's) with its description, its members as\n"
		"              listed and its syscalls expanded (docs/json.md)\n"
		"  -h, --help  print this help\n");
}

struct member_list {
	const char *name[1024];
	unsigned int len[1024];
	unsigned int count;
};

/* Whether an ABI of the target architecture has the syscall name[0..len). */
static bool on_target_arch(const char *name, unsigned int len)
{
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if ((sf_target_arch->abis & SF_ABI_MASK(abi)) &&
		    sf_syscall_by_name(abi, name, len))
			return true;
	}
	return false;
}

/*
 * Append a group's syscalls on the target architecture, expanding nested
 * groups, without repeats.
 */
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
		if (!on_target_arch(name, len))
			continue;
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

/* A group as a JSON object: see docs/json.md. */
static struct json_object *json_group(int group)
{
	static struct member_list list;
	const char *members = sf_groups[group].members;
	struct json_object *obj = json_object_new_object();
	struct json_object *listed = json_object_new_array();
	struct json_object *calls = json_object_new_array();
	unsigned int pos = 0, len, i;
	const char *name;
	int failed = 0;

	while ((len = sf_group_next_member(members, &pos, &name)))
		failed |= sf_json_append(listed,
				json_object_new_string_len(name, (int)len));
	list.count = 0;
	collect_members(&list, group, 0);
	for (i = 0; i < list.count; i++)
		failed |= sf_json_append(calls,
				json_object_new_string_len(list.name[i],
							   (int)list.len[i]));
	failed |= sf_json_set(obj, "name",
			      json_object_new_string(sf_groups[group].name));
	failed |= sf_json_set(obj, "description",
		json_object_new_string(sf_groups[group].description));
	failed |= sf_json_set(obj, "members", listed);
	failed |= sf_json_set(obj, "syscalls", calls);
	if (failed) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* Every group, or only @group when it is not negative. */
static int print_json(int group)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *list = json_object_new_array();
	int failed = 0;
	unsigned int i;

	for (i = 0; i < sf_groups_count && !failed; i++) {
		if (group < 0 || (unsigned int)group == i)
			failed |= sf_json_append(list, json_group(i));
	}
	failed |= sf_json_set(doc, "groups", list);
	return sf_json_print(stdout, doc, failed);
}

int cmd_groups(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct member_list list;
	int opt, group, json = 0;
	unsigned int i;

	while ((opt = getopt_long(argc, argv, "+jh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'h':
			groups_usage(stdout);
			return SF_EXIT_OK;
		default:
			groups_usage(stderr);
			return SF_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		groups_usage(stderr);
		return SF_EXIT_USAGE;
	}
	if (argc == optind && json)
		return print_json(-1);
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
	if (json)
		return print_json(group);
	collect_members(&list, group, 0);
	for (i = 0; i < list.count; i++)
		printf("%.*s\n", (int)list.len[i], list.name[i]);
	return SF_EXIT_OK;
}
