// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence show --json: the module's text of an effective policy, one line
 * at a time, into the JSON document of docs/json.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "sfjson.h"
#include "show_json.h"
#include "syscalls.h"

/*
 * The text is the module's contract (module/show.c): a line this parser
 * does not know is an error, never silently dropped.
 */
struct show_parse {
	struct json_object *doc, *abis, *abi, *calls;
	const char *abi_name;
	int failed;
};

static int show_abi_line(struct show_parse *p, const char *line)
{
	const char *dflt = NULL, *name_end;
	unsigned int allowing, total;
	int abi, n = -1;

	line += strlen("abi ");
	name_end = strchr(line, ' ');
	if (!name_end)
		return -1;
	abi = sf_abi_lookup(line, name_end - line);
	if (abi < 0)
		return -1;
	line = name_end + 1;
	if (!strcmp(line, "allowed")) {
		struct json_object *layers, *dflt_obj;

		layers = json_object_object_get(p->doc, "layers");
		dflt_obj = json_object_object_get(p->doc, "default");
		allowing = (unsigned int)json_object_get_int(layers);
		dflt = json_object_get_string(dflt_obj);
	} else if (sscanf(line, "allowed by %u of %u layers: default %n",
			  &allowing, &total, &n) == 2 && n > 0) {
		dflt = line + n;
	} else if (!strncmp(line, "not allowed: ", strlen("not allowed: "))) {
		allowing = 0;
		dflt = line + strlen("not allowed: ");
	} else {
		return -1;
	}
	if (!dflt)
		return -1;
	p->abi_name = sf_abi_name(abi);
	p->abi = json_object_new_object();
	p->calls = json_object_new_array();
	p->failed |= sf_json_set(p->abi, "abi",
				 json_object_new_string(p->abi_name));
	p->failed |= sf_json_set(p->abi, "allowing_layers",
				 json_object_new_int(allowing));
	p->failed |= sf_json_set(p->abi, "default",
				 json_object_new_string(dflt));
	/* Owned by p->abi from here on; p->calls stays a borrowed pointer. */
	if (sf_json_set(p->abi, "syscalls", p->calls))
		p->calls = NULL;
	p->failed |= !p->calls;
	p->failed |= sf_json_append(p->abis, p->abi);
	return 0;
}

static int show_syscall_line(struct show_parse *p, const char *line)
{
	const char *name, *name_end;
	struct json_object *call;
	size_t abi_len;
	unsigned int nr;
	int n = -1;

	if (!p->abi_name)
		return -1;
	abi_len = strlen(p->abi_name);
	if (strncmp(line, p->abi_name, abi_len) || line[abi_len] != ' ')
		return -1;
	line += abi_len + 1;
	if (sscanf(line, "%u (%n", &nr, &n) != 1 || n <= 0)
		return -1;
	name = line + n;
	name_end = strstr(name, "): ");
	if (!name_end)
		return -1;
	call = json_object_new_object();
	p->failed |= sf_json_set(call, "nr", json_object_new_int64(nr));
	p->failed |= sf_json_set(call, "name",
		json_object_new_string_len(name, (int)(name_end - name)));
	p->failed |= sf_json_set(call, "outcome",
		json_object_new_string(name_end + strlen("): ")));
	p->failed |= sf_json_append(p->calls, call);
	return 0;
}

static int show_line(struct show_parse *p, const char *line)
{
	unsigned int layers;
	int n = -1;

	if (sscanf(line, "layers %u%n", &layers, &n) == 1 && !line[n]) {
		p->failed |= sf_json_set(p->doc, "layers",
					 json_object_new_int(layers));
		return 0;
	}
	if (!strncmp(line, "default ", strlen("default "))) {
		p->failed |= sf_json_set(p->doc, "default",
			json_object_new_string(line + strlen("default ")));
		return 0;
	}
	if (!strncmp(line, "abi ", strlen("abi ")))
		return show_abi_line(p, line);
	return show_syscall_line(p, line);
}

int sf_show_json(FILE *out, pid_t pid, const char *text, size_t len)
{
	struct show_parse p = { .doc = json_object_new_object() };
	size_t start = 0, end, lineno = 0;
	char *line;

	p.abis = json_object_new_array();
	p.failed |= sf_json_set(p.doc, "pid", json_object_new_int(pid));
	/* Unconfined: the module prints no default; the JSON says null. */
	p.failed |= json_object_object_add(p.doc, "layers", NULL) ||
		    json_object_object_add(p.doc, "default", NULL);
	if (sf_json_set(p.doc, "abis", p.abis))
		p.abis = NULL;
	while (start < len && !p.failed) {
		end = start;
		while (end < len && text[end] != '\n')
			end++;
		lineno++;
		line = strndup(text + start, end - start);
		if (!line) {
			p.failed = 1;
			break;
		}
		if (show_line(&p, line)) {
			fprintf(stderr,
				"sysfence: show: line %zu of the module's text is not in a known form: %s\n",
				lineno, line);
			free(line);
			json_object_put(p.doc);
			return SF_EXIT_INVALID;
		}
		free(line);
		start = end + 1;
	}
	return sf_json_print(out, p.doc, p.failed);
}

