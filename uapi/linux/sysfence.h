/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * sysfence - user space API
 *
 * sysfence confines processes with textual per-syscall policies. A process
 * talks to it through the ioctls of the character device /dev/sysfence
 * (mode 0666: any process may confine itself).
 *
 * Compatibility rules, for every struct below:
 *
 * - The struct starts with @size, which user space sets to the sizeof() of
 *   the struct it was compiled with. Later versions only append fields whose
 *   zero value means "behave as before": the kernel accepts a shorter struct
 *   of an older program (the missing fields read as zero) and a longer one
 *   of a newer program as long as the bytes it does not know are zero (else
 *   E2BIG). The ioctl number encodes the size of the first version and does
 *   not change when the struct grows. @size may not exceed 4096.
 * - Flags the kernel does not know and reserved fields that are not zero are
 *   rejected with EINVAL, so that a new flag never goes silently unnoticed by
 *   an older kernel.
 * - Pointers are passed as __u64 (u64_to_user_ptr()), so the layout is the
 *   same for 64-bit, 32-bit and x32 callers.
 *
 * %SYSFENCE_IOC_VERSION tells which version of this API the module speaks.
 */

#ifndef _UAPI_LINUX_SYSFENCE_H
#define _UAPI_LINUX_SYSFENCE_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The version returned by %SYSFENCE_IOC_VERSION. Version 2 added listeners
 * (%SYSFENCE_LOAD_LISTENER, %SYSFENCE_LOAD_UNIQUE, &struct sysfence_event,
 * %SYSFENCE_IOC_LISTEN_ALL) and %SYSFENCE_SHOW_STATS.
 */
#define SYSFENCE_ABI_VERSION 2

/* The path of the device node. */
#define SYSFENCE_DEVICE "/dev/sysfence"

/* Size of &struct sysfence_load.error_message, NUL included. */
#define SYSFENCE_ERROR_MESSAGE_SIZE 128

/*
 * sysfence_load flags:
 *
 * - %SYSFENCE_LOAD_ALL_THREADS: push the new layer on every thread of the
 *   calling process at once, not only on the calling thread. Each other
 *   thread must be unconfined or have a stack of layers that the calling
 *   thread's stack extends (it has every layer of that thread, in the same
 *   order); otherwise the load fails with EBUSY and changes nothing. Threads
 *   that are exiting are left alone. When the calling thread has
 *   no_new_privs, every thread gets it too (as with seccomp's TSYNC), and
 *   the load waits for an execve(2) in progress in another thread.
 * - %SYSFENCE_LOAD_COMPLAIN: the new layer enforces nothing. Where it would
 *   deny, trap or kill, it allows the syscall and logs what it would have
 *   done to the kernel log instead; the other layers act as usual. It is
 *   stacked, inherited and counted like any layer. For trying a policy on a
 *   program before enforcing it.
 */
/*
 * - %SYSFENCE_LOAD_LISTENER: on success the ioctl returns a new file
 *   descriptor (close-on-exec) instead of 0: the listener of the new layer,
 *   which read(2) and poll(2) turn into that layer's decision events (see
 *   &struct sysfence_event). It is the only way to see them: no other
 *   process gets them. The layer keeps a ring of
 *   @listener_records records; a decision that finds the ring full is
 *   counted as lost and reported, the syscall is never delayed. The
 *   layer's ``log`` decisions then go to the listener only, not to the
 *   kernel log. When every task that used the layer has exited, read(2)
 *   returns 0 once the ring is empty, and poll(2) reports POLLHUP.
 * - %SYSFENCE_LOAD_UNIQUE (with %SYSFENCE_LOAD_LISTENER): record each
 *   distinct decision once, for learning what a program does: two
 *   decisions are the same when they have the same ABI, syscall, rule and
 *   the same values in the arguments that have a constant family (listed
 *   in sysfence(8) under learn: openat's flags, socket's family and type,
 *   ...). The other arguments read as zero in such records. As many
 *   distinct decisions as the ring holds are remembered; beyond that they
 *   are counted as lost.
 */
/* clang-format off */
#define SYSFENCE_LOAD_ALL_THREADS	(1U << 0)
#define SYSFENCE_LOAD_COMPLAIN		(1U << 1)
#define SYSFENCE_LOAD_LISTENER		(1U << 2)
#define SYSFENCE_LOAD_UNIQUE		(1U << 3)
/* clang-format on */

/* Ring size of a listener when @listener_records is 0, and the largest. */
#define SYSFENCE_LISTENER_RECORDS_DEFAULT 1024
#define SYSFENCE_LISTENER_RECORDS_MAX 16384

/**
 * struct sysfence_load - Argument of %SYSFENCE_IOC_LOAD
 *
 * Compiles a policy and pushes it as a new layer on the calling thread's
 * stack of layers (or on every thread of its process, with
 * %SYSFENCE_LOAD_ALL_THREADS). Every syscall of a confined thread is then
 * decided by every layer of its stack; the most severe outcome wins (kill >
 * kill-thread > trap > errno > log > allow), so a new layer can only take
 * permissions away. Layers are never removed: they are inherited by children
 * created with fork(2), vfork(2) and clone(2) (threads too), and kept across
 * execve(2). A load is atomic: when it fails, nothing was installed.
 *
 * The caller must have no_new_privs set (prctl(PR_SET_NO_NEW_PRIVS)) or
 * CAP_SYS_ADMIN in its user namespace, else the load fails with EACCES: a
 * policy could otherwise make a set-user-ID program misbehave in the
 * caller's favour.
 *
 * Return: 0, or with %SYSFENCE_LOAD_LISTENER the listener's file descriptor.
 *
 * Errors: EINVAL (bad @size, unknown @flags, %SYSFENCE_LOAD_UNIQUE or
 * @listener_records without %SYSFENCE_LOAD_LISTENER, @listener_records over
 * %SYSFENCE_LISTENER_RECORDS_MAX, non-zero reserved fields, or a
 * policy error, then described by @error_line, @error_column and
 * @error_message), EMFILE (no file descriptor left for the listener), E2BIG
 * (@size over the page size or unknown non-zero trailing bytes, policy text
 * over its size limit, or a limit of the stack as a whole reached: layers,
 * steps to decide one syscall, memory, the listener's ring counting as the
 * layer's; then @error_message says which, with @error_line 0), EFAULT (a
 * bad pointer),
 * EACCES (see above), EBUSY (see %SYSFENCE_LOAD_ALL_THREADS), ENOMEM, EINTR
 * (a fatal signal while waiting),
 * EOPNOTSUPP (this kernel runs syscalls that the module's sys_enter probe
 * skips, so no action but allow and log could be enforced; the module tests
 * this once, on the first syscall the process loading it makes after
 * init_module(), and says why in the kernel log), EAGAIN (that test call has
 * not been made within 5 seconds of this load: try again; after 10 seconds
 * without it, loads fail with EOPNOTSUPP).
 */
struct sysfence_load {
	/**
	 * @size: sizeof(struct sysfence_load) as user space knows it; at least
	 * %SYSFENCE_LOAD_SIZE_VER0.
	 */
	__u32 size;
	/**
	 * @flags: Bitmask of the sysfence_load flags (%SYSFENCE_LOAD_ALL_THREADS,
	 * %SYSFENCE_LOAD_COMPLAIN).
	 */
	__u32 flags;
	/**
	 * @text: Pointer to the policy text, in the language of
	 * sysfence.policy(5). It need not be NUL-terminated: the kernel reads
	 * exactly @text_len bytes, and a NUL byte among them is an error.
	 */
	__aligned_u64 text;
	/**
	 * @text_len: Length of @text in bytes. Zero is a policy error (a policy
	 * needs a default action); over the module's limit (1 MiB in version 1)
	 * is E2BIG.
	 */
	__aligned_u64 text_len;
	/**
	 * @error_line: Output: 1-based line of the first policy error, or 0
	 * when the error, if any, has no position.
	 */
	__u32 error_line;
	/**
	 * @error_column: Output: 1-based column (in bytes) of the first policy
	 * error, or 0.
	 */
	__u32 error_column;
	/**
	 * @layers: Output: after a successful load, the number of layers on the
	 * calling thread, the new one included.
	 */
	__u32 layers;
	/**
	 * @__reserved: Padding; must be zero.
	 */
	__u32 __reserved;
	/**
	 * @error_message: Output: why the policy was rejected, NUL-terminated;
	 * an empty string when the load succeeded or failed for a reason that
	 * errno tells alone.
	 */
	char error_message[SYSFENCE_ERROR_MESSAGE_SIZE];
	/**
	 * @listener_records: With %SYSFENCE_LOAD_LISTENER, the capacity of the
	 * listener's ring in records; 0 means
	 * %SYSFENCE_LISTENER_RECORDS_DEFAULT. Must be 0 otherwise. (Version 1
	 * of the module had reserved space here, which had to be zero.)
	 */
	__u32 listener_records;
	/**
	 * @__reserved2: Must be zero.
	 */
	__u32 __reserved2;
	/**
	 * @reserved: Must be zero.
	 */
	__aligned_u64 reserved[3];
};

#define SYSFENCE_LOAD_SIZE_VER0 200

/**
 * struct sysfence_show - Argument of %SYSFENCE_IOC_SHOW
 *
 * Describes the effective policy of a thread as text: what each syscall of
 * each ABI gets once all of the thread's layers are combined. The caller
 * may read its own threads; reading another process requires CAP_SYS_ADMIN
 * or CAP_SYS_PTRACE in that process's user namespace (else EPERM).
 *
 * The text is a sequence of lines, each ending with a newline:
 *
 * - ``layers N``: the number of layers; 0 for an unconfined thread, and
 *   then nothing follows.
 * - ``default VERDICT``: what a syscall without a rule gets on an ABI that
 *   every layer allows.
 * - For each ABI, in the order x86_64, i386, x32, a line
 *   ``abi NAME allowed`` (by every layer: syscalls without a line of their
 *   own get the default), ``abi NAME not allowed: VERDICT`` (by no layer:
 *   every syscall of that ABI gets VERDICT, the combined abi-violation
 *   action), or ``abi NAME allowed by K of N layers: default VERDICT``;
 *   then, unless not allowed, one line ``ABI NR (NAME): RULE`` for each
 *   syscall of the ABI whose outcome differs from the ABI's default, by
 *   number. NR is the number the ABI's syscall instruction takes (without
 *   the x32 bit). RULE is a VERDICT when
 *   the outcome does not depend on the arguments, else the rule in policy
 *   syntax, as ``allow if fd == 1 || fd == 2; else errno EBADF``; when
 *   several layers have a say, ``most severe of [layer I] RULE [layer J]
 *   RULE`` (layers counted from 1, the oldest).
 *
 * A VERDICT is ``allow``, ``log``, ``errno NAME`` (or ``errno N``),
 * ``trap``, ``kill-thread`` or ``kill``; or ``log (complain: VERDICT)``
 * where a %SYSFENCE_LOAD_COMPLAIN layer would have enforced VERDICT. The
 * rules of such a layer read ``complain: RULE``.
 *
 * With %SYSFENCE_SHOW_STATS in @flags, each layer's decision counters
 * follow the effective policy, oldest layer first:
 *
 * - ``stats layer I``: the counters of layer I (counted from 1) follow;
 * - ``count layer I line L: N`` for each rule of the layer, L being its
 *   policy line and N the number of syscalls it decided (when several
 *   layers have a say, the one whose verdict won counts it);
 * - ``count layer I default: N`` and ``count layer I abi-violation: N``.
 *
 * Counts are totals since the load, summed over the CPUs when the ioctl
 * reads them; a syscall being decided meanwhile may or may not be in them.
 *
 * Errors: EINVAL (bad @size, unknown @flags or non-zero reserved fields),
 * E2BIG (as for &struct sysfence_load), EFAULT, ESRCH (no thread @pid),
 * EPERM.
 */
struct sysfence_show {
	/**
	 * @size: sizeof(struct sysfence_show) as user space knows it; at least
	 * %SYSFENCE_SHOW_SIZE_VER0.
	 */
	__u32 size;
	/**
	 * @flags: 0, or %SYSFENCE_SHOW_STATS.
	 */
	__u32 flags;
	/**
	 * @pid: Thread to describe, as a thread ID in the caller's PID
	 * namespace; 0 for the calling thread.
	 */
	__u32 pid;
	/**
	 * @layers: Output: number of layers of that thread (0: unconfined).
	 */
	__u32 layers;
	/**
	 * @buf: Pointer to the buffer that receives the text; it is not
	 * NUL-terminated.
	 */
	__aligned_u64 buf;
	/**
	 * @buf_size: Size of @buf in bytes.
	 */
	__aligned_u64 buf_size;
	/**
	 * @text_len: Output: length of the whole text. When it exceeds
	 * @buf_size, only the first @buf_size bytes were written: call again
	 * with a buffer of at least @text_len bytes (the thread may have gained
	 * a layer in between, so check again).
	 */
	__aligned_u64 text_len;
	/**
	 * @reserved: Must be zero.
	 */
	__aligned_u64 reserved[4];
};

#define SYSFENCE_SHOW_SIZE_VER0 72

/* sysfence_show flags: append the per-rule decision counters. */
#define SYSFENCE_SHOW_STATS (1U << 0)

/* ABIs, as &struct sysfence_event.abi names them. */
#define SYSFENCE_ABI_X86_64 0
#define SYSFENCE_ABI_I386 1
#define SYSFENCE_ABI_X32 2
#define SYSFENCE_ABI_AARCH64 3	/* arm64's native ABI */
#define SYSFENCE_ABI_ARM 4	/* arm64's compat (32-bit arm EABI) ABI */

/* The version of &struct sysfence_event that read(2) returns. */
#define SYSFENCE_EVENT_VERSION 1

/* &struct sysfence_event.type */
#define SYSFENCE_EVENT_DECISION 1
#define SYSFENCE_EVENT_LOST 2

/*
 * &struct sysfence_event.flags: %SYSFENCE_EVENT_ENFORCED when the action was
 * carried out; clear when a %SYSFENCE_LOAD_COMPLAIN layer only reports what
 * it would have done.
 */
#define SYSFENCE_EVENT_ENFORCED (1U << 0)

/* &struct sysfence_event.origin: which part of the policy decided. */
#define SYSFENCE_ORIGIN_RULE 0
#define SYSFENCE_ORIGIN_DEFAULT 1
#define SYSFENCE_ORIGIN_ABI_VIOLATION 2

/* &struct sysfence_event.action, in increasing severity. */
#define SYSFENCE_ACTION_ALLOW 0
#define SYSFENCE_ACTION_LOG 1
#define SYSFENCE_ACTION_ERRNO 2
#define SYSFENCE_ACTION_TRAP 3
#define SYSFENCE_ACTION_KILL_THREAD 4
#define SYSFENCE_ACTION_KILL 5

/**
 * struct sysfence_event - A record read from a listener
 *
 * read(2) on a listener (see %SYSFENCE_LOAD_LISTENER) returns whole
 * records, as many as fit in the buffer, and fails with EINVAL when the
 * buffer cannot hold one. It blocks while there is none, unless the file is
 * non-blocking (then EAGAIN); it returns 0 when the layer is gone and every
 * record was read. Step from one record to the next by @size: later
 * versions may append fields (and bump @version), never move them.
 *
 * A %SYSFENCE_EVENT_DECISION record stands for @count identical
 * consecutive decisions of the layer (same thread, syscall, arguments,
 * rule and verdict), from @time_ns to @last_ns. A %SYSFENCE_EVENT_LOST
 * record says that @count records were lost because the ring was full;
 * only @size, @version, @type, @count and @time_ns are set.
 */
struct sysfence_event {
	/** @size: Size of this record in bytes. */
	__u16 size;
	/** @version: %SYSFENCE_EVENT_VERSION. */
	__u16 version;
	/** @type: %SYSFENCE_EVENT_DECISION or %SYSFENCE_EVENT_LOST. */
	__u16 type;
	/** @flags: %SYSFENCE_EVENT_ENFORCED or 0. */
	__u16 flags;
	/** @count: Decisions (or lost records) this record stands for. */
	__u32 count;
	/** @lost: Records lost, for want of room, just before this one. */
	__u32 lost;
	/** @time_ns: CLOCK_MONOTONIC time of the first decision, in ns. */
	__aligned_u64 time_ns;
	/** @last_ns: CLOCK_MONOTONIC time of the last decision, in ns. */
	__aligned_u64 last_ns;
	/**
	 * @pid: Process (thread group) ID in the listener opener's PID
	 * namespace; 0 when it has none there.
	 */
	__u32 pid;
	/** @tid: Thread ID, in the same namespace. */
	__u32 tid;
	/** @uid: Real user ID in the listener opener's user namespace. */
	__u32 uid;
	/** @abi: one of %SYSFENCE_ABI_X86_64 ... %SYSFENCE_ABI_ARM. */
	__u32 abi;
	/** @arch: The ABI's AUDIT_ARCH_* value, as seccomp reports it. */
	__u32 arch;
	/** @nr: Syscall number within the ABI, without the x32 bit. */
	__u32 nr;
	/** @layer: The deciding layer's position, counted from 1 (the oldest). */
	__u32 layer;
	/** @line: Policy line of the deciding rule (0: the default). */
	__u32 line;
	/** @origin: %SYSFENCE_ORIGIN_RULE, _DEFAULT or _ABI_VIOLATION. */
	__u32 origin;
	/**
	 * @action: The layer's action (%SYSFENCE_ACTION_ERRNO, ...); for a
	 * complain layer, the action it would have carried out.
	 */
	__u16 action;
	/** @data: The errno of an errno action, the data of a trap. */
	__u16 data;
	/**
	 * @args: The syscall's arguments, as the six argument registers at
	 * the ABI's width (i386's are 32-bit, zero-extended); those it does not
	 * take read as zero (for a number without a syscall, all six are
	 * kept).
	 */
	__aligned_u64 args[6];
	/** @comm: The thread's name (comm), NUL-padded. */
	char comm[16];
};

#define SYSFENCE_EVENT_SIZE_VER1 136

#define SYSFENCE_IOC_MAGIC 0xF5

/*
 * %SYSFENCE_IOC_VERSION takes no argument and returns %SYSFENCE_ABI_VERSION
 * (a positive number) as the ioctl's result.
 */
/*
 * The numbers of LOAD and SHOW encode the size of the structs' first
 * version, which stays their number when the structs grow (see @size).
 */
#define SYSFENCE_IOC_VERSION	_IO(SYSFENCE_IOC_MAGIC, 0)
#define SYSFENCE_IOC_LOAD	_IOC(_IOC_READ | _IOC_WRITE, SYSFENCE_IOC_MAGIC, 1, \
				     SYSFENCE_LOAD_SIZE_VER0)
#define SYSFENCE_IOC_SHOW	_IOC(_IOC_READ | _IOC_WRITE, SYSFENCE_IOC_MAGIC, 2, \
				     SYSFENCE_SHOW_SIZE_VER0)
/*
 * %SYSFENCE_IOC_LISTEN_ALL takes as its argument the number of records of
 * a ring (0: %SYSFENCE_LISTENER_RECORDS_DEFAULT) and returns a listener
 * (close-on-exec) of every decision of every layer of the system, as
 * %SYSFENCE_LOAD_LISTENER's are of one layer, with IDs in the caller's
 * namespaces. It never reaches end of file. Requires CAP_SYS_ADMIN (EPERM).
 */
#define SYSFENCE_IOC_LISTEN_ALL	_IO(SYSFENCE_IOC_MAGIC, 3)

#endif /* _UAPI_LINUX_SYSFENCE_H */
