// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/sysfence: the ioctl entry points. Copies and checks what user space
 * passes, then hands over to the engine, task.c and show.c.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/sysfence.h>

#include "device.h"
#include "event.h"
#include "limits.h"
#include "policy.h"
#include "show.h"
#include "skip_proof.h"
#include "task.h"

/* The largest struct size user space may announce (see uapi @size). */
#define SF_MAX_ARG_SIZE 4096

#define SF_LOAD_FLAGS (SYSFENCE_LOAD_ALL_THREADS | SYSFENCE_LOAD_COMPLAIN | \
		       SYSFENCE_LOAD_LISTENER | SYSFENCE_LOAD_UNIQUE)

/*
 * Copies a growable struct whose first field is its size: older, shorter
 * versions read as zero-extended, newer ones must be zero past what we know.
 */
static int sf_copy_arg(void *dst, size_t ksize, size_t min_size,
		       const void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < min_size)
		return -EINVAL;
	if (usize > SF_MAX_ARG_SIZE)
		return -E2BIG;
	return copy_struct_from_user(dst, ksize, uarg, usize);
}

/* The output fields of struct sysfence_load, from error_line on. */
#define SF_LOAD_OUT_OFFSET offsetof(struct sysfence_load, error_line)
#define SF_LOAD_OUT_SIZE (offsetofend(struct sysfence_load, error_message) - \
			  SF_LOAD_OUT_OFFSET)

static int sf_load_report(struct sysfence_load __user *uarg,
			  const struct sysfence_load *load)
{
	if (copy_to_user((char __user *)uarg + SF_LOAD_OUT_OFFSET,
			 (const char *)load + SF_LOAD_OUT_OFFSET,
			 SF_LOAD_OUT_SIZE))
		return -EFAULT;
	return 0;
}

/* Copies and compiles the policy text; on a policy error, fills @load. */
static int sf_load_compile(struct sysfence_load *load,
			   struct sf_policy **policy)
{
	struct sf_diag diag = {};
	char *text;
	int err;

	if (load->text_len > SF_MAX_POLICY_SIZE) {
		snprintf(load->error_message, sizeof(load->error_message),
			 "policy text of %llu bytes exceeds the limit of %u bytes",
			 (unsigned long long)load->text_len, SF_MAX_POLICY_SIZE);
		return -E2BIG;
	}
	/* No text at all is the engine's to reject, with its message. */
	text = kvmalloc(load->text_len ? load->text_len : 1,
			GFP_KERNEL_ACCOUNT);
	if (!text)
		return -ENOMEM;
	if (copy_from_user(text, u64_to_user_ptr(load->text), load->text_len)) {
		err = -EFAULT;
		goto out;
	}
	err = sf_policy_compile(text, load->text_len, policy, &diag);
	if (err == -EINVAL || err == -E2BIG) {
		load->error_line = diag.line;
		load->error_column = diag.col;
		strscpy(load->error_message, diag.msg,
			sizeof(load->error_message));
	}
out:
	kvfree(text);
	return err;
}

/*
 * With SYSFENCE_LOAD_LISTENER, gives @layer a listener and returns the file
 * reading it, else NULL; or an ERR_PTR().
 */
static struct file *sf_load_listener(const struct sysfence_load *load,
				     struct sf_layer *layer)
{
	u32 records = load->listener_records;
	struct sf_listener *listener;
	struct file *file;

	if (!(load->flags & SYSFENCE_LOAD_LISTENER))
		return NULL;
	listener = sf_listener_create(records ? records :
					SYSFENCE_LISTENER_RECORDS_DEFAULT,
				      load->flags & SYSFENCE_LOAD_UNIQUE);
	if (IS_ERR(listener))
		return ERR_CAST(listener);
	file = sf_listener_open(listener);
	if (IS_ERR(file)) {
		sf_listener_put(listener);
		return file;
	}
	/* The layer is not installed yet: nobody reads the pointer. */
	layer->listener = listener;
	/* Its ring is the layer's memory, for the stack's limit. */
	layer->cost.bytes += sf_listener_bytes(listener);
	return file;
}

static long sf_ioctl_load(struct sysfence_load __user *uarg)
{
	struct sf_diag diag = {};
	struct sysfence_load load;
	struct sf_policy *policy;
	struct file *listener;
	struct sf_layer *layer;
	int fd = -1;
	u32 depth;
	int err;

	BUILD_BUG_ON(sizeof(load) != SYSFENCE_LOAD_SIZE_VER0);
	err = sf_copy_arg(&load, sizeof(load), SYSFENCE_LOAD_SIZE_VER0, uarg);
	if (err)
		return err;
	if ((load.flags & ~SF_LOAD_FLAGS) || load.__reserved ||
	    load.__reserved2 ||
	    memchr_inv(load.reserved, 0, sizeof(load.reserved)))
		return -EINVAL;
	if (!(load.flags & SYSFENCE_LOAD_LISTENER) &&
	    ((load.flags & SYSFENCE_LOAD_UNIQUE) || load.listener_records))
		return -EINVAL;
	if (load.listener_records > SYSFENCE_LISTENER_RECORDS_MAX)
		return -EINVAL;
	/* The seccomp rule, for the same reason: see the uapi header. */
	if (!task_no_new_privs(current) &&
	    !ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN))
		return -EACCES;
	/* Fail closed where a denied call would run anyway. */
	err = sf_skip_proof_check();
	if (err)
		return err;

	/*
	 * Clear the outputs first: if that faults, nothing is installed, and
	 * after a successful install only @layers is left to write.
	 */
	load.error_line = 0;
	load.error_column = 0;
	load.layers = 0;
	memset(load.error_message, 0, sizeof(load.error_message));
	err = sf_load_report(uarg, &load);
	if (err)
		return err;

	err = sf_load_compile(&load, &policy);
	if (err) {
		if (load.error_message[0] && sf_load_report(uarg, &load))
			return -EFAULT;
		return err;
	}
	layer = sf_layer_create(policy, load.flags & SYSFENCE_LOAD_COMPLAIN);
	if (IS_ERR(layer)) {
		sf_policy_free(policy);
		return PTR_ERR(layer);
	}
	listener = sf_load_listener(&load, layer);
	if (IS_ERR(listener)) {
		sf_layer_put(layer);
		return PTR_ERR(listener);
	}
	if (listener) {
		fd = get_unused_fd_flags(O_CLOEXEC);
		if (fd < 0) {
			err = fd;
			goto err_put;
		}
	}
	err = sf_task_install(layer, load.flags & SYSFENCE_LOAD_ALL_THREADS,
			      &depth, &diag);
	if (err) {
		/* A stack limit: say which, with no position in the text. */
		if (err == -E2BIG && diag.msg[0]) {
			strscpy(load.error_message, diag.msg,
				sizeof(load.error_message));
			if (sf_load_report(uarg, &load))
				err = -EFAULT;
		}
		goto err_put;
	}
	sf_layer_put(layer);
	/*
	 * The layer is in force now: should another thread have unmapped the
	 * struct meanwhile, the count is lost but the load did happen.
	 */
	put_user(depth, &uarg->layers);
	if (!listener)
		return 0;
	fd_install(fd, listener);
	return fd;

err_put:
	if (listener) {
		if (fd >= 0)
			put_unused_fd(fd);
		fput(listener);
	}
	sf_layer_put(layer);
	return err;
}

/*
 * The task SYSFENCE_IOC_SHOW describes, referenced. The caller's own threads
 * are open to it; other tasks need CAP_SYS_ADMIN or CAP_SYS_PTRACE in the
 * user namespace of the task's credentials.
 */
static struct task_struct *sf_show_target(u32 pid)
{
	struct task_struct *task;
	const struct cred *cred;
	bool allowed;

	if (!pid) {
		get_task_struct(current);
		return current;
	}
	if (pid > INT_MAX)
		return ERR_PTR(-ESRCH);
	rcu_read_lock();
	task = pid_task(find_vpid(pid), PIDTYPE_PID);
	if (task)
		get_task_struct(task);
	rcu_read_unlock();
	if (!task)
		return ERR_PTR(-ESRCH);
	if (same_thread_group(task, current))
		return task;

	cred = get_task_cred(task);
	allowed = ns_capable_noaudit(cred->user_ns, CAP_SYS_PTRACE) ||
		  ns_capable(cred->user_ns, CAP_SYS_ADMIN);
	put_cred(cred);
	if (!allowed) {
		put_task_struct(task);
		return ERR_PTR(-EPERM);
	}
	return task;
}

static long sf_ioctl_show(struct sysfence_show __user *uarg)
{
	struct sysfence_show show;
	struct task_struct *task;
	struct sf_stack *stack;
	u32 layers;
	s64 len;
	int err;

	BUILD_BUG_ON(sizeof(show) != SYSFENCE_SHOW_SIZE_VER0);
	err = sf_copy_arg(&show, sizeof(show), SYSFENCE_SHOW_SIZE_VER0, uarg);
	if (err)
		return err;
	if ((show.flags & ~SYSFENCE_SHOW_STATS) ||
	    memchr_inv(show.reserved, 0, sizeof(show.reserved)))
		return -EINVAL;

	task = sf_show_target(show.pid);
	if (IS_ERR(task))
		return PTR_ERR(task);
	stack = sf_task_get_stack(task);
	put_task_struct(task);

	layers = stack ? stack->depth : 0;
	len = sf_show_text(stack, u64_to_user_ptr(show.buf), show.buf_size,
			   show.flags & SYSFENCE_SHOW_STATS);
	sf_stack_put(stack);
	if (len < 0)
		return len;
	if (put_user(layers, &uarg->layers) ||
	    put_user((u64)len, &uarg->text_len))
		return -EFAULT;
	return 0;
}

/* A listener of every layer: sees every confined task of the system. */
static long sf_ioctl_listen_all(unsigned long records)
{
	struct file *file;
	int fd;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (records > SYSFENCE_LISTENER_RECORDS_MAX)
		return -EINVAL;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = sf_listener_open_all(records ? records :
				    SYSFENCE_LISTENER_RECORDS_DEFAULT);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

static long sf_dev_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case SYSFENCE_IOC_VERSION:
		return SYSFENCE_ABI_VERSION;
	case SYSFENCE_IOC_LOAD:
		return sf_ioctl_load(uarg);
	case SYSFENCE_IOC_SHOW:
		return sf_ioctl_show(uarg);
	case SYSFENCE_IOC_LISTEN_ALL:
		return sf_ioctl_listen_all(arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sf_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = sf_dev_ioctl,
	/* The structs have one layout for all ABIs: only the pointer moves. */
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/* Any process may confine itself; the ioctls check what they must. */
static struct miscdevice sf_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sysfence",
	.fops = &sf_dev_fops,
	.mode = 0666,
};

int sf_device_init(void)
{
	return misc_register(&sf_dev);
}

void sf_device_exit(void)
{
	misc_deregister(&sf_dev);
}
