// SPDX-License-Identifier: GPL-2.0
/*
 * Reading decision records for people, shared by monitor and learn.
 */
#include <stdio.h>

#include <json-c/json.h>

#include "engine.h"
#include "events.h"

void sf_escape_comm(char *out, const char comm[16])
{
	int i;

	for (i = 0; i < 16 && comm[i]; i++) {
		unsigned char ch = comm[i];

		if (ch > ' ' && ch < 0x7f && ch != '\\')
			*out++ = ch;
		else
			out += sprintf(out, "\\x%02x", ch);
	}
	*out = '\0';
}

void sf_event_verdict(const struct sysfence_event *ev, char *buf, size_t size)
{
	sf_verdict_format(SF_VERDICT(ev->action, ev->data), buf, size);
}

const char *sf_event_origin_name(unsigned int origin)
{
	switch (origin) {
	case SYSFENCE_ORIGIN_RULE:
		return "rule";
	case SYSFENCE_ORIGIN_DEFAULT:
		return "default";
	case SYSFENCE_ORIGIN_ABI_VIOLATION:
		return "abi-violation";
	default:
		return "unknown";
	}
}

void sf_event_report_lost(FILE *out, bool json, unsigned int count,
			  unsigned long long *total)
{
	*total += count;
	if (json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "lost", json_object_new_int64(count));
		fprintf(out, "%s\n",
			json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
	} else {
		fprintf(out, "sysfence: %u decisions lost: the listener's ring was full\n",
			count);
	}
}
