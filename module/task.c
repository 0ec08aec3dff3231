// SPDX-License-Identifier: GPL-2.0
/*
 * The table of confined tasks: task -> stack of layers. Installing a layer
 * (on one thread or all threads of a process), inheritance at fork, removal
 * at exit, and turning the hooks on and off as the table fills and empties.
 */

#include <linux/cache.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "fastpath.h"
#include "hook.h"
#include "task.h"

/*
 * Locking rules.
 *
 * sf_task_hash holds one entry per confined task, keyed by task pointer.
 * Lookups run under RCU without a lock: the sys_enter probe looks up the
 * current task with no more than preemption disabled (RCU-sched, which the
 * grace periods below wait for too). An unconfined task does not even do that: it leaves the
 * slow syscall path at its first syscall (fastpath.c). sf_task_lock
 * serializes every change of the table: inserting and removing entries,
 * changing an entry's @stack, sf_task_count, and the fork reserve (an
 * install checks its threads' entries under their siglock alone, see
 * sf_task_check(), and takes sf_task_lock only to change them). An entry
 * leaves the table when its task exits and is freed after a grace period;
 * the stack it pointed to is released with sf_stack_put(), also after a
 * grace period.
 *
 * sf_task_lock is a raw spinlock, and nothing allocates under it: the fork
 * and exit probes take it with preemption off, where PREEMPT_RT allows
 * neither sleeping locks nor allocation. That is also why the table has a
 * fixed number of buckets, set at load from the memory size (see
 * sf_task_init()), rather than growing: an insert never allocates or fails.
 *
 * An exit takes no lock unless the task is confined: an entry appears for
 * a task only from the task itself (an install), its parent before it
 * first runs (fork), or another thread's all-threads install, which adds
 * entries under the process's siglock and only while SIGNAL_GROUP_EXIT is
 * clear, when every thread sets PF_EXITING under that siglock too
 * (exit_signals(), kernel/signal.c). A thread without PF_EXITING then
 * reaches sched_process_exit after that siglock, and its lockless lookup
 * finds the entry.
 *
 * sf_install_mutex serializes installs, and the hooks' registration against
 * the table becoming empty: under it, sf_task_count only goes from zero to
 * non-zero by an install (a fork needs a confined parent), so the idle work
 * can unregister the hooks without racing with a load.
 *
 * An all-threads install also holds the process's cred_guard_mutex, which
 * execve() holds from its set-user-ID decision to its new credentials (see
 * sf_task_commit()). That mutex is the caller's to hold as long as it likes
 * (an execve() blocked reading a binary on a FUSE mount its own process
 * serves), so it is taken first and killably, and sf_install_mutex is never
 * held while waiting for it. Nor while allocating, which may wait on the
 * caller's memory cgroup (its memory.high throttles): sf_task_install()
 * allocates first and checks under the mutex that nothing changed. No
 * process can make others' installs, or the idle work, wait on something
 * it controls; the idle work does not even wait for sf_install_mutex (see
 * sf_task_idle()).
 *
 * Lock order: cred_guard_mutex, then sf_install_mutex, then a sighand's
 * siglock, then sf_task_lock. sf_task_lock is taken with interrupts off
 * everywhere: a siglock is taken from hard interrupts (it_real_fn() sends
 * SIGALRM from an hrtimer), so a lock taken under one must never be held
 * where an interrupt can come (lockdep saw that inversion under trinity).
 */
/* Set at load, then read-only: see sf_task_bucket(). */
struct hlist_head *sf_task_hash __ro_after_init;
unsigned int sf_task_hash_shift __ro_after_init;
static DEFINE_RAW_SPINLOCK(sf_task_lock);
static unsigned int sf_task_count;
static DEFINE_MUTEX(sf_install_mutex);

/*
 * Entries for the fork probe where it must not allocate (PREEMPT_RT) or
 * could not: below SF_RESERVE_LOW, a work item refills it to
 * SF_RESERVE_HIGH.
 */
#define SF_RESERVE_LOW 64
#define SF_RESERVE_HIGH 256
static LIST_HEAD(sf_task_reserve);
static unsigned int sf_task_reserved;
static void sf_task_refill_reserve(struct work_struct *work);
static DECLARE_WORK(sf_reserve_work, sf_task_refill_reserve);

/*
 * The hooks stay registered for a while after the last confined task has
 * exited: registering and unregistering walk every thread of the system and
 * wait for grace periods, and a loop of short confined processes must not
 * make the system pay that on each one.
 */
#define SF_IDLE_DELAY HZ
static void sf_task_idle(struct work_struct *work);
static DECLARE_DELAYED_WORK(sf_idle_work, sf_task_idle);

/* Under RCU or sf_task_lock. */
static struct sf_task *sf_task_find(const struct task_struct *task)
{
	struct sf_task *entry;

	hlist_for_each_entry_rcu(entry, sf_task_bucket(task), node,
				 lockdep_is_held(&sf_task_lock))
		if (entry->task == task)
			return entry;
	return NULL;
}

static struct sf_stack *sf_task_locked_stack(struct sf_task *entry)
{
	return rcu_dereference_protected(entry->stack,
					 lockdep_is_held(&sf_task_lock));
}

/**
 * sf_task_get_stack - The stack of any task, referenced
 * @task: The task.
 *
 * Return: the stack with a reference for the caller (sf_stack_put()), or
 * NULL when @task is not confined.
 */
struct sf_stack *sf_task_get_stack(const struct task_struct *task)
{
	unsigned long flags;
	struct sf_stack *stack = NULL;
	struct sf_task *entry;

	raw_spin_lock_irqsave(&sf_task_lock, flags);
	entry = sf_task_find(task);
	if (entry) {
		stack = sf_task_locked_stack(entry);
		sf_stack_get(stack);
	}
	raw_spin_unlock_irqrestore(&sf_task_lock, flags);
	return stack;
}

/* Under sf_task_lock: point @entry at @stack, taking a reference. */
static void sf_task_set_stack(struct sf_task *entry, struct sf_stack *stack)
{
	struct sf_stack *old = sf_task_locked_stack(entry);

	sf_stack_get(stack);
	rcu_assign_pointer(entry->stack, stack);
	sf_stack_put(old);
}

/* Under sf_task_lock: confine @task with @stack, using the entry @entry. */
static void sf_task_add(struct sf_task *entry, const struct task_struct *task,
			struct sf_stack *stack)
{
	entry->task = task;
	sf_stack_get(stack);
	RCU_INIT_POINTER(entry->stack, stack);
	hlist_add_head_rcu(&entry->node, sf_task_bucket(task));
	sf_task_count++;
}

/*
 * The threads an install applies to: the caller, then with @all_threads the
 * other threads of its process, in the order of its thread list. Called
 * under the caller's siglock: thread creation and removal take it, so the
 * list is stable. Returns NULL after the last.
 */
static struct task_struct *sf_next_target(struct task_struct *t,
					  bool all_threads)
{
	if (!all_threads)
		return NULL;
	t = next_thread(t);
	return t == current ? NULL : t;
}

/*
 * An exiting thread may already have gone through sf_task_exit(), and an
 * entry added for it would never be removed. Under the caller's siglock,
 * with SIGNAL_GROUP_EXIT clear (see sf_task_try_commit()), another thread
 * sets PF_EXITING only under that siglock, so one without it has not been
 * through sf_task_exit() and will find its entry there.
 */
static bool sf_thread_exiting(const struct task_struct *t)
{
	return t != current && (READ_ONCE(t->flags) & PF_EXITING);
}

/*
 * Under the caller's siglock and RCU, without sf_task_lock, so that an
 * install that fails takes nothing global: every target thread must be
 * unconfined or have a stack that @base, the caller's stack, extends, so
 * that none of them loses a layer. Returns the number of target threads
 * without an entry, or -EBUSY.
 *
 * What the lockless lookups read holds until the siglock is dropped: an
 * entry's stack changes only by an install, serialized by sf_install_mutex
 * and made under its threads' siglock (the caller's, for every thread of
 * its process), or by the fork probe for a new thread, which it gives its
 * parent's stack; an entry goes only at its thread's exit, after
 * PF_EXITING was set under that siglock. So a thread checked here still
 * passes when sf_task_commit() runs, and only fork entries can have
 * appeared meanwhile, which only lowers the count of threads that need
 * one.
 */
static int sf_task_check(struct sf_stack *base, bool all_threads)
{
	struct task_struct *t;
	struct sf_stack *stack;
	int missing = 0;

	rcu_read_lock();
	for (t = current; t; t = sf_next_target(t, all_threads)) {
		if (sf_thread_exiting(t))
			continue;
		stack = sf_task_stack(t);
		if (!stack) {
			missing++;
		} else if (!sf_stack_extends(base, stack)) {
			missing = -EBUSY;
			break;
		}
	}
	rcu_read_unlock();
	return missing;
}

/*
 * Under the caller's siglock and sf_task_lock, after sf_task_check() found
 * that @spare holds enough entries under the same siglock hold: every
 * target thread moves to @stack, which extends the caller's stack. Each
 * thread gets the slow path after its stack (see sf_fastpath_leave()).
 *
 * no_new_privs belongs to each thread, and a caller without CAP_SYS_ADMIN
 * was allowed to load only because it has it: the other threads get it
 * too, as seccomp's TSYNC gives it, or one of them could execute a
 * set-user-ID program under the caller's policy. The caller holds
 * cred_guard_mutex, so no thread is inside an execve() that has already
 * decided without it.
 */
static void sf_task_commit(struct sf_stack *stack, bool all_threads,
			   struct list_head *spare)
{
	struct task_struct *t;
	struct sf_task *entry;

	for (t = current; t; t = sf_next_target(t, all_threads)) {
		if (sf_thread_exiting(t))
			continue;
		if (task_no_new_privs(current))
			task_set_no_new_privs(t);
		entry = sf_task_find(t);
		if (entry) {
			sf_task_set_stack(entry, stack);
		} else {
			entry = list_first_entry(spare, struct sf_task, spare);
			list_del(&entry->spare);
			sf_task_add(entry, t, stack);
		}
		sf_fastpath_confine(t);
	}
}

/*
 * Under the caller's siglock: checks without the global lock, then takes
 * it only to change the table. Returns -EAGAIN with *@need set when @spare
 * holds too few entries for the newly confined threads, -EINTR when the
 * process is dying (its threads may then exit without the siglock).
 */
static int sf_task_try_commit(struct sf_stack *base, struct sf_stack *stack,
			      bool all_threads, struct list_head *spare,
			      unsigned int nspare, unsigned int *need)
{
	unsigned long flags;
	int missing;

	if (all_threads && (current->signal->flags & SIGNAL_GROUP_EXIT))
		return -EINTR;
	missing = sf_task_check(base, all_threads);
	if (missing < 0)
		return missing;
	if ((unsigned int)missing > nspare) {
		*need = missing;
		return -EAGAIN;
	}
	raw_spin_lock_irqsave(&sf_task_lock, flags);
	sf_task_commit(stack, all_threads, spare);
	raw_spin_unlock_irqrestore(&sf_task_lock, flags);
	return 0;
}

/* Allocates entries until @spare holds @need. */
static int sf_task_refill(struct list_head *spare, unsigned int *nspare,
			  unsigned int need, gfp_t gfp)
{
	while (*nspare < need) {
		struct sf_task *entry = kzalloc(sizeof(*entry), gfp);

		if (!entry)
			return -ENOMEM;
		list_add(&entry->spare, spare);
		(*nspare)++;
	}
	return 0;
}

static void sf_task_free_list(struct list_head *list)
{
	struct sf_task *entry, *tmp;

	list_for_each_entry_safe(entry, tmp, list, spare)
		kfree(entry);
}

/*
 * Brings the fork probe's reserve up to SF_RESERVE_HIGH, in process
 * context: the work item, or an install. Not charged to a memory cgroup:
 * the entries are for whichever confined task forks next.
 */
static void sf_task_refill_reserve(struct work_struct *work)
{
	unsigned long flags;
	unsigned int n = 0, have = READ_ONCE(sf_task_reserved);
	LIST_HEAD(fresh);

	if (have >= SF_RESERVE_HIGH)
		return;
	sf_task_refill(&fresh, &n, SF_RESERVE_HIGH - have, GFP_KERNEL);
	raw_spin_lock_irqsave(&sf_task_lock, flags);
	list_splice(&fresh, &sf_task_reserve);
	WRITE_ONCE(sf_task_reserved, sf_task_reserved + n);
	raw_spin_unlock_irqrestore(&sf_task_lock, flags);
}

/*
 * Unregisters the hooks once no task is confined; see sf_install_mutex. It
 * runs on the system workqueue, which must never wait on a load: an install
 * in progress queues this work again if it leaves the table empty.
 */
static void sf_task_idle(struct work_struct *work)
{
	if (!mutex_trylock(&sf_install_mutex))
		return;
	if (!READ_ONCE(sf_task_count))
		sf_hook_disable();
	mutex_unlock(&sf_install_mutex);
}

/**
 * sf_task_install - Push a layer on the calling thread or process
 * @layer: The layer; the caller keeps its reference.
 * @all_threads: Confine every thread of the caller's process.
 * @depth: Receives the number of layers of the caller afterwards.
 * @diag: Receives the reason for -E2BIG; may be NULL.
 *
 * Atomic: on error, no thread changed. May sleep.
 *
 * Return: 0, -E2BIG (a limit of the stack as a whole, see
 * sf_stack_check()), -EBUSY (another thread's stack is not part of the
 * caller's), -ENOMEM, -EINTR (a fatal signal, or the process is exiting),
 * or an error from registering the hooks.
 */
int sf_task_install(struct sf_layer *layer, bool all_threads, u32 *depth,
		    struct sf_diag *diag)
{
	/* Only the task itself replaces its sighand, in execve(). */
	struct sighand_struct *sighand =
		rcu_dereference_protected(current->sighand, true);
	struct sf_stack *base = NULL, *stack = NULL, *now;
	LIST_HEAD(spare);
	unsigned int nspare = 0, need;
	int err;

	if (all_threads &&
	    mutex_lock_killable(&current->signal->cred_guard_mutex))
		return -EINTR;
	sf_task_refill_reserve(NULL);
	/*
	 * Whatever allocates (and may wait on the caller's memory cgroup)
	 * happens before sf_install_mutex: the new stack, built on the
	 * caller's current one, and an entry per thread that may need one.
	 * Under the mutex, if another thread's all-threads install changed
	 * the caller's stack meanwhile, start again from the new one.
	 */
	need = all_threads ? get_nr_threads(current) : 1;
	for (;;) {
		if (!stack) {
			base = sf_task_get_stack(current);
			err = sf_stack_check(base, layer, diag);
			if (err)
				break;
			stack = sf_stack_push(base, layer);
			if (IS_ERR(stack)) {
				err = PTR_ERR(stack);
				stack = NULL;
				break;
			}
		}
		err = sf_task_refill(&spare, &nspare, need,
				     GFP_KERNEL_ACCOUNT);
		if (err)
			break;
		if (mutex_lock_killable(&sf_install_mutex)) {
			err = -EINTR;
			break;
		}
		now = sf_task_get_stack(current);
		sf_stack_put(now);
		if (now != base) {
			err = -EAGAIN;
		} else {
			/* Before any entry exists: no syscall or fork missed. */
			err = sf_hook_enable();
			if (!err) {
				spin_lock_irq(&sighand->siglock);
				err = sf_task_try_commit(base, stack,
							 all_threads, &spare,
							 nspare, &need);
				spin_unlock_irq(&sighand->siglock);
			}
		}
		if (!READ_ONCE(sf_task_count))
			mod_delayed_work(system_wq, &sf_idle_work,
					 SF_IDLE_DELAY);
		mutex_unlock(&sf_install_mutex);
		if (err != -EAGAIN)
			break;
		if (now != base) {
			sf_stack_put(stack);
			sf_stack_put(base);
			stack = NULL;
			base = NULL;
		}
		/* The caller's stack changed, or threads were created. */
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
	}
	if (!err)
		*depth = stack->depth;
	sf_task_free_list(&spare);
	sf_stack_put(stack);
	sf_stack_put(base);
	if (all_threads)
		mutex_unlock(&current->signal->cred_guard_mutex);
	return err;
}

/* Under sf_task_lock: an entry for the fork probe, or NULL. */
static struct sf_task *sf_task_take_reserve(void)
{
	struct sf_task *entry;

	entry = list_first_entry_or_null(&sf_task_reserve, struct sf_task,
					 spare);
	if (entry) {
		list_del(&entry->spare);
		WRITE_ONCE(sf_task_reserved, sf_task_reserved - 1);
	}
	return entry;
}

/**
 * sf_task_fork - Let a new task inherit its parent's stack
 * @parent: The forking task (current).
 * @child: The new task, which has not run yet.
 *
 * Called from the sched_process_fork probe: atomic context. The entry comes
 * from an atomic allocation charged to the forker, or where that is not
 * allowed (PREEMPT_RT) or fails, from the reserve. A child that cannot get
 * an entry must not run unconfined: it is killed with SIGKILL before it
 * reaches user space. For a thread, that takes its whole process down,
 * which is the only way a module has to stop it.
 *
 * On PREEMPT_RT, where the reserve is the only source, that signal takes the
 * child's siglock, a sleeping lock there, with preemption off: the one path
 * of the module that RT does not allow, reached only when the reserve ran
 * dry, that is when SF_RESERVE_HIGH - SF_RESERVE_LOW confined forks came
 * before the refill work could run, or memory ran out.
 */
void sf_task_fork(struct task_struct *parent, struct task_struct *child)
{
	unsigned long flags;
	struct sf_task *entry, *fresh = NULL;
	bool failed = false, low;

	/* Unconfined parents, the common case, take no lock. */
	rcu_read_lock();
	entry = sf_task_find(parent);
	rcu_read_unlock();
	if (!entry)
		return;

	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		fresh = kzalloc(sizeof(*fresh),
				GFP_ATOMIC | __GFP_NOWARN | __GFP_ACCOUNT);
	raw_spin_lock_irqsave(&sf_task_lock, flags);
	/* The parent is in fork(), not exiting: its entry is still there. */
	entry = sf_task_find(parent);
	if (entry) {
		struct sf_stack *stack = sf_task_locked_stack(entry);
		struct sf_task *existing = sf_task_find(child);

		/*
		 * An all-threads install that ran after the child joined the
		 * thread group but before this probe gave it an entry; the
		 * parent's stack, read now, includes that install.
		 */
		if (existing) {
			sf_task_set_stack(existing, stack);
		} else {
			if (!fresh)
				fresh = sf_task_take_reserve();
			if (fresh)
				sf_task_add(fresh, child, stack);
			else
				failed = true;
			fresh = NULL;
		}
		/*
		 * The child copied the parent's no_new_privs long before this
		 * probe; an all-threads install may have given it to the
		 * parent since, with the stack the child now inherits.
		 */
		if (task_no_new_privs(parent))
			task_set_no_new_privs(child);
	}
	/* Unused: kept, since no kfree() may run here on PREEMPT_RT. */
	if (fresh) {
		list_add(&fresh->spare, &sf_task_reserve);
		WRITE_ONCE(sf_task_reserved, sf_task_reserved + 1);
	}
	low = sf_task_reserved < SF_RESERVE_LOW;
	raw_spin_unlock_irqrestore(&sf_task_lock, flags);
	if (low)
		queue_work(system_wq, &sf_reserve_work);
	if (failed) {
		pr_warn_ratelimited("sysfence: out of memory confining pid %d, killing it\n",
				    task_pid_nr(child));
		send_sig_info(SIGKILL, SEND_SIG_PRIV, child);
	}
}

/**
 * sf_task_exit - Forget an exiting task
 * @task: The exiting task (current).
 *
 * Called from the sched_process_exit probe for every exiting task while the
 * hooks are registered. Takes no lock for an unconfined task: see
 * sf_thread_exiting() for why its lookup cannot miss an entry. Only the
 * task itself removes its entry, so the entry found stays in the table
 * until then.
 */
void sf_task_exit(struct task_struct *task)
{
	unsigned long flags;
	struct sf_stack *stack;
	struct sf_task *entry;
	bool idle;

	rcu_read_lock();
	entry = sf_task_find(task);
	rcu_read_unlock();
	if (!entry)
		return;
	raw_spin_lock_irqsave(&sf_task_lock, flags);
	hlist_del_rcu(&entry->node);
	stack = sf_task_locked_stack(entry);
	idle = !--sf_task_count;
	raw_spin_unlock_irqrestore(&sf_task_lock, flags);
	sf_stack_put(stack);
	kfree_rcu(entry, rcu);
	if (idle)
		mod_delayed_work(system_wq, &sf_idle_work, SF_IDLE_DELAY);
}

/**
 * sf_task_init - Allocate the task table
 *
 * One bucket per four threads the system may have by default: the kernel's
 * threads-max is its memory over eight kernel stacks (set_max_threads(),
 * kernel/fork.c), so the chains stay a few entries long even with every
 * thread confined, and the table takes an eighth of a pointer per page of
 * memory (1 MiB on a 64 GiB machine).
 *
 * Called once, from module init: the table's pointer and shift are
 * read-only afterwards.
 *
 * Return: 0 or -ENOMEM.
 */
int sf_task_init(void)
{
	u64 threads = div64_u64((u64)totalram_pages() * PAGE_SIZE,
				(u64)THREAD_SIZE * 8);
	unsigned int i, buckets;

	buckets = roundup_pow_of_two(clamp_t(u64, threads / 4, 1024, 1 << 20));
	sf_task_hash_shift = BITS_PER_LONG - ilog2(buckets);
	sf_task_hash = kvmalloc_array(buckets, sizeof(*sf_task_hash),
				      GFP_KERNEL);
	if (!sf_task_hash)
		return -ENOMEM;
	for (i = 0; i < buckets; i++)
		INIT_HLIST_HEAD(&sf_task_hash[i]);
	return 0;
}

/* Module exit: no task is confined any more (layers pin the module). */
void sf_task_cleanup(void)
{
	cancel_delayed_work_sync(&sf_idle_work);
	mutex_lock(&sf_install_mutex);
	sf_hook_disable();
	mutex_unlock(&sf_install_mutex);
	cancel_work_sync(&sf_reserve_work);
	sf_task_free_list(&sf_task_reserve);
	sf_task_reserved = 0;
	/* Read-only by now: the pointer stays, the module goes with it. */
	kvfree(sf_task_hash);
}
