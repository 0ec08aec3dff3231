#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every native syscall the running kernel describes in tracefs
# (events/syscalls/sys_enter_NAME/format) is in sysfence's compiled-in table,
# with the same argument names and C types in the same order. The event of a
# native entry point sys_NAME is sys_enter_NAME (sys_enter_newstat for stat),
# so events are matched to table lines by entry point.
#
# The table is generated from the newest reference kernel. Declarations that
# older reference kernels spell differently, without changing any argument's
# name, width or signedness, are listed below with the older spelling;
# docs/syscall-tables.md explains each.

. /tests/lib.sh
tracing=/sys/kernel/tracing
events=$tracing/events/syscalls
if [ ! -d "$events" ]; then
	mount -t tracefs tracefs "$tracing" 2>/dev/null
fi
if ! ls "$events"/sys_enter_*/format >/dev/null 2>&1; then
	echo "SKIP: no syscall events in tracefs (CONFIG_FTRACE_SYSCALLS)"
	exit 77
fi

older=
case "${SF_KERNEL:-}" in
6.1|6.1-*)
	# Linux 6.5 changed mnt_id from int * to void * (AT_HANDLE_MNT_ID_UNIQUE).
	older="name_to_handle_at=int dfd, const char * name, struct file_handle * handle, int * mnt_id, int flag"
	;;
esac

table=/tmp/syscall-table.$$
trap 'rm -f "$table"' EXIT
if ! sysfence syscalls "$SF_NATIVE" >"$table"; then
	echo "FAIL: sysfence syscalls $SF_NATIVE failed"
	exit 1
fi

# Table lines: "ABI NR NAME(TYPE ARG, ...) ENTRY". Format lines of the
# arguments: "<tab>field:TYPE ARG;<tab>offset:..." after __syscall_nr.
awk -v older="$older" '
	BEGIN {
		n = split(older, list, "\n")
		for (i = 1; i <= n; i++) {
			eq = index(list[i], "=")
			alt[substr(list[i], 1, eq - 1)] = substr(list[i], eq + 1)
		}
	}
	FNR == NR {
		open_p = index($0, "(")
		close_p = index($0, ")")
		entry = substr($0, close_p + 2)
		split(substr($0, 1, open_p - 1), head, " ")
		args[entry] = substr($0, open_p + 1, close_p - open_p - 1)
		name[entry] = head[3]
		next
	}
	FNR == 1 {
		finish()
		event = FILENAME
		sub(/\/format$/, "", event)
		sub(/.*\/sys_enter_/, "", event)
		got = ""
		in_args = 0
	}
	/^[ \t]*field:/ {
		field = $0
		sub(/^[ \t]*field:/, "", field)
		sub(/;.*/, "", field)
		if (field == "int __syscall_nr") {
			in_args = 1
			next
		}
		if (in_args)
			got = got (got == "" ? "" : ", ") field
	}
	function finish() {
		if (event == "")
			return
		checked++
		entry = "sys_" event
		if (!(entry in args)) {
			printf "FAIL: tracefs has sys_enter_%s, the table has no syscall entered through %s\n", event, entry
			bad++
		} else if (got != args[entry] && !((event in alt) && got == alt[event])) {
			printf "FAIL: %s (sys_enter_%s): tracefs (%s), table (%s)\n", name[entry], event, got, args[entry]
			bad++
		}
		event = ""
	}
	END {
		finish()
		printf "%d tracefs syscalls checked, %d mismatches\n", checked, bad
		exit bad ? 1 : (checked ? 0 : 1)
	}
' "$table" "$events"/sys_enter_*/format
