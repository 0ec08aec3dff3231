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

/* The version returned by %SYSFENCE_IOC_VERSION. */
#define SYSFENCE_ABI_VERSION 1

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
/* clang-format off */
#define SYSFENCE_LOAD_ALL_THREADS	(1U << 0)
#define SYSFENCE_LOAD_COMPLAIN		(1U << 1)
/* clang-format on */

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
 * Errors: EINVAL (bad @size, unknown @flags, non-zero reserved fields, or a
 * policy error, then described by @error_line, @error_column and
 * @error_message), E2BIG (@size over the page size or unknown non-zero
 * trailing bytes, policy text over its size limit, or a limit of the stack
 * as a whole reached: layers, steps to decide one syscall, memory; then
 * @error_message says which, with @error_line 0), EFAULT (a bad pointer),
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
	 * @reserved: Must be zero.
	 */
	__aligned_u64 reserved[4];
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
 * Errors: EINVAL (bad @size, non-zero @flags or reserved fields), E2BIG (as
 * for &struct sysfence_load), EFAULT, ESRCH (no thread @pid), EPERM.
 */
struct sysfence_show {
	/**
	 * @size: sizeof(struct sysfence_show) as user space knows it; at least
	 * %SYSFENCE_SHOW_SIZE_VER0.
	 */
	__u32 size;
	/**
	 * @flags: Must be zero.
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

#endif /* _UAPI_LINUX_SYSFENCE_H */
