// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence monitor [--json] [-o FILE] -p POLICY... -- CMD [ARG...]: run CMD
 * under the policies and print each of their decisions other than a plain
 * allow as it happens, from the layers' listeners.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <json-c/json.h>

#include "commands.h"
#include "confine.h"
#include "constants.h"
#include "decode.h"
#include "diag.h"
#include "events.h"
#include "sfdev.h"

static void monitor_usage(FILE *out, bool full)
{
	fprintf(out,
		"usage: sysfence monitor [--json] [-o FILE] [--complain] -p POLICY\n"
		"                        [-p POLICY]... -- CMD [ARG...]\n"
		"       sysfence monitor --all [--json] [-o FILE]\n");
	if (!full) {
		fprintf(out, "Try 'sysfence monitor --help' for more.\n");
		return;
	}
	fprintf(out,
		"\n"
		"Run CMD like 'sysfence run', and print every decision of the\n"
		"policies other than a plain allow as it happens, one a line:\n"
		"  pid 812 (curl) x86_64 connect(fd=3, uservaddr=0x7ffd5a, addrlen=16) = errno EPERM  web.policy:7\n"
		"Arguments with named values are printed by name (flags=O_RDONLY|O_CLOEXEC).\n"
		"Monitoring ends when CMD and everything it started have exited.\n"
		"With --all, print the decisions of every layer of every confined\n"
		"task of the system (needs CAP_SYS_ADMIN) until interrupted.\n\n"
		"  -A, --all            every confined task, instead of CMD\n"
		"  -p, --policy POLICY  policy file to load (\"-\" for stdin); repeatable\n"
		"  -c, --complain       enforce nothing: report what would be done\n"
		"  -j, --json           one JSON object a line instead\n"
		"  -o, --output FILE    write there instead of standard error\n"
		"  -h, --help           print this help\n\n"
		"Exit status: CMD's; otherwise as for 'sysfence run'. With --all: 0\n"
		"once interrupted (SIGINT, SIGTERM), 125 when the module refuses.\n");
}

struct monitor {
	FILE *out;
	bool json;
	const struct sf_layer_src *src;
	unsigned long long lost;
};

/* Where a decision came from: POLICY:LINE, POLICY (default), ... */
static void monitor_origin(struct monitor *m, FILE *f, int layer,
			   const struct sysfence_event *ev)
{
	if (m->src)
		fprintf(f, "  %s", m->src[layer].name);
	else
		fprintf(f, "  layer %u", ev->layer);
	if (ev->origin == SYSFENCE_ORIGIN_DEFAULT)
		fputs(" (default)", f);
	else if (ev->origin == SYSFENCE_ORIGIN_ABI_VIOLATION && !ev->line)
		fputs(" (abi-violation)", f);
	else
		fprintf(f, ":%u", ev->line);
}

static void monitor_human(struct monitor *m, FILE *f, int layer,
			  const struct sysfence_event *ev)
{
	const struct sf_syscall *call =
		sf_syscall_by_nr(ev->abi, sf_syscall_slot(ev->abi, ev->nr));
	char comm[4 * sizeof(ev->comm) + 1], verdict[64], arg[128];
	u32 i;

	sf_escape_comm(comm, ev->comm);
	fprintf(f, "pid %u (%s) %s ", ev->pid, comm,
		sf_abi_name(ev->abi));
	if (call) {
		fprintf(f, "%s(", call->name);
		for (i = 0; i < call->nargs; i++) {
			sf_decode_arg(call, ev->abi, i, ev->args[i], arg,
				      sizeof(arg));
			fprintf(f, "%s%s=%s", i ? ", " : "",
				call->args[i], arg);
		}
		fputc(')', f);
	} else {
		fprintf(f, "syscall_%u(%#" PRIx64 ", %#" PRIx64
			", %#" PRIx64 ", ...)", ev->nr,
			(uint64_t)ev->args[0], (uint64_t)ev->args[1],
			(uint64_t)ev->args[2]);
	}
	sf_event_verdict(ev, verdict, sizeof(verdict));
	fprintf(f, " = %s", verdict);
	if (!(ev->flags & SYSFENCE_EVENT_ENFORCED))
		fputs(" (complain: allowed)", f);
	monitor_origin(m, f, layer, ev);
	if (ev->count > 1)
		fprintf(f, " (%u times)", ev->count);
	fputc('\n', f);
}

static void monitor_json(struct monitor *m, FILE *f, int layer,
			 const struct sysfence_event *ev)
{
	const struct sf_syscall *call =
		sf_syscall_by_nr(ev->abi, sf_syscall_slot(ev->abi, ev->nr));
	struct json_object *o = json_object_new_object();
	struct json_object *args = json_object_new_array();
	char comm[sizeof(ev->comm) + 1], verdict[64], arg[128];
	u32 i, nargs = call ? call->nargs : 6;

	memcpy(comm, ev->comm, sizeof(ev->comm));
	comm[sizeof(ev->comm)] = '\0';
	json_object_object_add(o, "time_ns", json_object_new_uint64(ev->time_ns));
	json_object_object_add(o, "pid", json_object_new_int64(ev->pid));
	json_object_object_add(o, "tid", json_object_new_int64(ev->tid));
	json_object_object_add(o, "uid", json_object_new_int64(ev->uid));
	json_object_object_add(o, "comm", json_object_new_string(comm));
	json_object_object_add(o, "abi",
			       json_object_new_string(sf_abi_name(ev->abi)));
	json_object_object_add(o, "nr", json_object_new_int64(ev->nr));
	json_object_object_add(o, "syscall",
			       call ? json_object_new_string(call->name) : NULL);
	for (i = 0; i < nargs; i++) {
		struct json_object *a = json_object_new_object();

		json_object_object_add(a, "name", call ?
				       json_object_new_string(call->args[i]) :
				       NULL);
		json_object_object_add(a, "value", json_object_new_uint64(
				       call ? sf_arg_value(call, i, ev->args[i]) :
					      ev->args[i]));
		if (call) {
			sf_decode_arg(call, ev->abi, i, ev->args[i], arg,
				      sizeof(arg));
			json_object_object_add(a, "text",
					       json_object_new_string(arg));
		}
		json_object_array_add(args, a);
	}
	json_object_object_add(o, "args", args);
	sf_event_verdict(ev, verdict, sizeof(verdict));
	json_object_object_add(o, "verdict", json_object_new_string(verdict));
	json_object_object_add(o, "action", json_object_new_string(
			       sf_action_name(ev->action)));
	if (ev->action == SYSFENCE_ACTION_ERRNO ||
	    ev->action == SYSFENCE_ACTION_TRAP)
		json_object_object_add(o, "data",
				       json_object_new_int(ev->data));
	json_object_object_add(o, "enforced", json_object_new_boolean(
			       ev->flags & SYSFENCE_EVENT_ENFORCED));
	json_object_object_add(o, "policy", m->src ?
			       json_object_new_string(m->src[layer].name) :
			       NULL);
	json_object_object_add(o, "layer", json_object_new_int64(ev->layer));
	json_object_object_add(o, "line", json_object_new_int64(ev->line));
	json_object_object_add(o, "origin", json_object_new_string(
			       sf_event_origin_name(ev->origin)));
	json_object_object_add(o, "count", json_object_new_int64(ev->count));
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

/*
 * Write @len bytes of @buf with one write() where the descriptor takes them
 * all: the confined program may share the terminal (standard error), and a
 * line written piecemeal interleaves with its own output mid-line.
 */
static void monitor_write(FILE *out, const char *buf, size_t len)
{
	ssize_t n;

	fflush(out);
	while (len) {
		n = write(fileno(out), buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static int monitor_event(void *ctx, int layer, const struct sysfence_event *ev)
{
	struct monitor *m = ctx;
	size_t len = 0;
	char *buf = NULL;
	FILE *f;

	if (!ev->lost && ev->type != SYSFENCE_EVENT_LOST &&
	    ev->type != SYSFENCE_EVENT_DECISION)
		return 0;
	/* Each line formatted whole first, then written at once. */
	f = open_memstream(&buf, &len);
	if (!f) {
		fprintf(stderr, "sysfence: monitor: out of memory\n");
		return 0;
	}
	if (ev->lost)
		sf_event_report_lost(f, m->json, ev->lost, &m->lost);
	if (ev->type == SYSFENCE_EVENT_LOST)
		sf_event_report_lost(f, m->json, ev->count, &m->lost);
	else if (ev->type == SYSFENCE_EVENT_DECISION && m->json)
		monitor_json(m, f, layer, ev);
	else if (ev->type == SYSFENCE_EVENT_DECISION)
		monitor_human(m, f, layer, ev);
	if (fclose(f))
		fprintf(stderr, "sysfence: monitor: out of memory\n");
	else
		monitor_write(m->out, buf, len);
	free(buf);
	return 0;
}

static volatile sig_atomic_t monitor_stop;

static void monitor_on_signal(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

/* --all: a listener of every layer, read until a signal stops us. */
static int monitor_all(struct monitor *m)
{
	static __u64 buf[64 * sizeof(struct sysfence_event) / sizeof(__u64)];
	struct sigaction sa = { .sa_handler = monitor_on_signal };
	int dev, fd;

	dev = sf_dev_open();
	if (dev < 0)
		return 125;
	fd = ioctl(dev, SYSFENCE_IOC_LISTEN_ALL, 0);
	close(dev);
	if (fd < 0) {
		fprintf(stderr, "sysfence: cannot follow every confined task: %s%s\n",
			strerror(errno),
			errno == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		return 125;
	}
	/* No SA_RESTART: read() returns, and the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(stderr, "sysfence: following every confined task\n");
	while (!monitor_stop) {
		const char *p = (const char *)buf;
		ssize_t len = read(fd, buf, sizeof(buf));

		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0) {
			fprintf(stderr, "sysfence: reading events failed: %s\n",
				len ? strerror(errno) : "end of file");
			close(fd);
			return 125;
		}
		while (len >= SYSFENCE_EVENT_SIZE_VER1) {
			const struct sysfence_event *ev =
				(const struct sysfence_event *)p;

			if (ev->size < SYSFENCE_EVENT_SIZE_VER1 || ev->size > len)
				break;
			monitor_event(m, -1, ev);
			p += ev->size;
			len -= ev->size;
		}
	}
	close(fd);
	return 0;
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "complain", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sf_layer_src src[SF_MAX_LAYERS];
	struct monitor m = { .out = stderr };
	const char *output = NULL;
	unsigned int flags = 0;
	bool all = false;
	int n = 0, opt, i, ret, status;

	while ((opt = getopt_long(argc, argv, "+p:cjo:Ah", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (n == SF_MAX_LAYERS) {
				fprintf(stderr, "sysfence monitor: at most %d policies\n",
					SF_MAX_LAYERS);
				return SF_EXIT_USAGE;
			}
			src[n].name = sf_display_name(optarg);
			if (sf_read_policy(optarg, &src[n].text, &src[n].len))
				return SF_EXIT_USAGE;
			n++;
			break;
		case 'c':
			flags |= SYSFENCE_LOAD_COMPLAIN;
			break;
		case 'j':
			m.json = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'A':
			all = true;
			break;
		case 'h':
			monitor_usage(stdout, true);
			return SF_EXIT_OK;
		default:
			monitor_usage(stderr, false);
			return SF_EXIT_USAGE;
		}
	}
	if (all && (n || optind < argc || flags)) {
		fprintf(stderr, "sysfence monitor: --all takes no policy and no command\n");
		monitor_usage(stderr, false);
		return SF_EXIT_USAGE;
	}
	if (!all && (!n || optind >= argc)) {
		fprintf(stderr, "sysfence monitor: %s\n",
			!n ? "no policy given (-p POLICY)" : "no command given");
		monitor_usage(stderr, false);
		return SF_EXIT_USAGE;
	}
	if (output) {
		m.out = fopen(output, "we");
		if (!m.out) {
			fprintf(stderr, "sysfence: cannot open %s: %s\n", output,
				strerror(errno));
			return SF_EXIT_USAGE;
		}
	}
	if (all) {
		ret = monitor_all(&m);
		goto out;
	}
	m.src = src;
	ret = sf_confine_run(src, n, flags, 0, argv + optind, monitor_event,
			     &m, &status);
	if (!ret)
		ret = status;
out:
	for (i = 0; i < n; i++)
		free(src[i].text);
	if (output && m.out && fclose(m.out)) {
		fprintf(stderr, "sysfence: %s: %s\n", output, strerror(errno));
		if (!ret)
			ret = 125;
	}
	return ret;
}
