/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's own tracepoint, sysfence:sysfence_decision: one event per
 * decision other than a plain allow, with the fields of a listener's
 * record (uapi/linux/sysfence.h), for perf, trace-cmd, bpftrace and ftrace
 * filters. Built the way samples/trace_events shows: event.c defines
 * CREATE_TRACE_POINTS and includes this file once.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sysfence

#if !defined(SF_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define SF_TRACE_H

#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysfence.h>
#include <linux/tracepoint.h>

/* Longer than any syscall name of the tables (23 bytes). */
#define SF_TRACE_NAME_LEN 32

/*
 * Registers are unsigned long, 64-bit on x86_64 and arm64: copied as u64.
 * abi is the uapi's SYSFENCE_ABI_* (one name per value, every
 * architecture's: the ring buffer may be read on another machine).
 */
TRACE_EVENT(sysfence_decision,
	    TP_PROTO(u32 uid, u32 abi, u32 nr, const char *name,
		     const unsigned long *args, u32 layer, u32 line,
		     u32 origin, u32 action, u32 data, bool enforced),
	    TP_ARGS(uid, abi, nr, name, args, layer, line, origin, action,
		    data, enforced),
	    TP_STRUCT__entry(__field(pid_t, tgid)
			     __field(u32, uid)
			     __field(u32, abi)
			     __field(u32, nr)
			     __array(char, syscall, SF_TRACE_NAME_LEN)
			     __array(u64, args, 6)
			     __field(u32, layer)
			     __field(u32, line)
			     __field(u32, origin)
			     __field(u32, action)
			     __field(u32, data)
			     __field(u32, enforced)
			     __array(char, comm, TASK_COMM_LEN)),
	    TP_fast_assign(__entry->tgid = task_tgid_nr(current);
			   __entry->uid = uid;
			   __entry->abi = abi;
			   __entry->nr = nr;
			   strscpy_pad(__entry->syscall, name,
				       SF_TRACE_NAME_LEN);
			   memcpy(__entry->args, args, sizeof(__entry->args));
			   __entry->layer = layer;
			   __entry->line = line;
			   __entry->origin = origin;
			   __entry->action = action;
			   __entry->data = data;
			   __entry->enforced = enforced;
			   memcpy(__entry->comm, current->comm, TASK_COMM_LEN);),
	    TP_printk("tgid=%d comm=%s uid=%u abi=%s nr=%u syscall=%s args=0x%llx,0x%llx,0x%llx,0x%llx,0x%llx,0x%llx layer=%u line=%u origin=%s action=%s data=%u enforced=%u",
		      __entry->tgid, __entry->comm, __entry->uid,
		      __print_symbolic(__entry->abi,
				       { SYSFENCE_ABI_X86_64, "x86_64" },
				       { SYSFENCE_ABI_I386, "i386" },
				       { SYSFENCE_ABI_X32, "x32" },
				       { SYSFENCE_ABI_AARCH64, "aarch64" },
				       { SYSFENCE_ABI_ARM, "arm" }),
		      __entry->nr, __entry->syscall,
		      __entry->args[0], __entry->args[1], __entry->args[2],
		      __entry->args[3], __entry->args[4], __entry->args[5],
		      __entry->layer, __entry->line,
		      __print_symbolic(__entry->origin, { 0, "rule" },
				       { 1, "default" },
				       { 2, "abi-violation" }),
		      __print_symbolic(__entry->action, { 0, "allow" },
				       { 1, "log" }, { 2, "errno" },
				       { 3, "trap" }, { 4, "kill-thread" },
				       { 5, "kill" }),
		      __entry->data, __entry->enforced)
);

#endif /* SF_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE sf_trace
#include <trace/define_trace.h>
