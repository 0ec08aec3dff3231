// SPDX-License-Identifier: GPL-2.0
/*
 * Decision events. A decision other than a plain allow goes, from the
 * sys_enter probe, to three places:
 *
 * - the listener of the deciding layer, if it was loaded with one: a ring
 *   of records allocated at load, read(2) and poll(2) through an anonymous
 *   file. The probe only takes the ring's raw spinlock for a bounded copy
 *   and never waits for the reader: a full ring counts the record as lost,
 *   and the reader is told how many. It wakes the reader through an
 *   irq_work, never directly (see struct sf_listener). Identical
 *   consecutive records become one with a count; a "unique" listener (for
 *   learning) keeps each distinct decision once, however often it recurs;
 * - the sysfence:sysfence_decision tracepoint (sf_trace.h);
 * - the kernel log, for log, kill-thread and kill, with a budget per layer.
 *
 * Allowed syscalls never come here, so a listener costs them nothing.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/irq_work.h>
#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/nospec.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/pid_namespace.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/wait.h>
#include <linux/sysfence.h>
#include <asm/syscall.h>

#include "arg_families.h"
#include "event.h"

#define CREATE_TRACE_POINTS
#include "sf_trace.h"

/* What makes two decisions the same for a unique listener. */
struct sf_event_key {
	u64 args[SF_MAX_ARGS];
	u32 nr;
	u32 line;
	u32 verdict;
	u32 abi_plus_one;	/* 0: a free slot */
};

/**
 * struct sf_listener - The receiving end of one layer's decision events
 * @usage: References: the layer (until sf_listener_detach()) and the file.
 * @lock: Protects @ring, @head, @count, @lost, @dead, @keys and @nkeys.
 *	Taken by the probe with preemption disabled, never from interrupts:
 *	a raw spinlock, since a spinlock_t sleeps on PREEMPT_RT. Every
 *	section under it is a bounded copy or lookup.
 * @ring: @capacity records; @count of them from @head on, wrapping.
 * @capacity: Size of @ring, fixed at load.
 * @head: Index of the oldest record.
 * @count: Records in the ring.
 * @lost: Records lost since the last one queued, for want of room.
 * @dead: The layer is gone: no record will come.
 * @unique: Record each distinct decision once (SYSFENCE_LOAD_UNIQUE).
 * @keys: With @unique, the decisions recorded so far, by open addressing.
 * @key_slots: Size of @keys: a power of two, at least twice @capacity.
 * @seed: The hash seed of @keys, random, so that the program being
 *	learned, which chooses the arguments, cannot choose collisions.
 * @nkeys: Keys in @keys, at most @capacity.
 * @key_args: With @unique, per ABI and syscall number below @key_limit,
 *	the bitmask of the arguments that tell decisions apart (those with a
 *	constant family, arg_families.c).
 * @key_limit: Per ABI, the size of @key_args.
 * @wait: Readers and pollers. Its lock is a spinlock_t, which the probe
 *	must not take (it sleeps on PREEMPT_RT): the probe queues @wakeup,
 *	which wakes them from the irq_work's context, a hard interrupt or, on
 *	PREEMPT_RT, the per-CPU irq_work thread.
 * @wakeup: Wakes @wait. Pending at most once: wakeups coalesce.
 * @pid_ns: PID namespace of the loader: records' IDs are in it.
 * @user_ns: User namespace of the loader: records' UIDs are in it.
 * @all: In sf_all_listeners, for a listener of every layer.
 */
struct sf_listener {
	refcount_t usage;
	/* Protects the ring and the keys; see above. */
	raw_spinlock_t lock;
	struct sysfence_event *ring;
	u32 capacity;
	u32 head;
	u32 count;
	u32 lost;
	bool dead;
	bool unique;
	struct sf_event_key *keys;
	u32 key_slots;
	u32 seed;
	u32 nkeys;
	u8 *key_args[SF_ABI_COUNT];
	u32 key_limit[SF_ABI_COUNT];
	wait_queue_head_t wait;
	struct irq_work wakeup;
	struct pid_namespace *pid_ns;
	struct user_namespace *user_ns;
	struct list_head all;
};

/*
 * Listeners of every layer of the system (SYSFENCE_IOC_LISTEN_ALL): read
 * by the probe under RCU, changed under sf_all_mutex; a listener leaves
 * the list a grace period before its file drops its reference.
 */
static LIST_HEAD(sf_all_listeners);
static DEFINE_MUTEX(sf_all_mutex);

/*
 * May sleep: on PREEMPT_RT, irq_work_sync() waits for the irq_work thread.
 * Every reference is dropped in process context (the file's release, the
 * layer's release work, a failed load).
 */
static void sf_listener_free(struct sf_listener *l)
{
	int abi;

	/* A wakeup queued by the probe may still run. */
	irq_work_sync(&l->wakeup);

	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		kfree(l->key_args[abi]);
	kvfree(l->keys);
	kvfree(l->ring);
	if (l->pid_ns)
		put_pid_ns(l->pid_ns);
	if (l->user_ns)
		put_user_ns(l->user_ns);
	kfree(l);
}

void sf_listener_put(struct sf_listener *l)
{
	if (l && refcount_dec_and_test(&l->usage))
		sf_listener_free(l);
}

/* The arguments of each syscall that a unique listener keys on. */
static int sf_listener_key_args(struct sf_listener *l)
{
	int abi;
	u32 i, arg;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *t = sf_syscall_tables[abi];

		l->key_limit[abi] = t->nr_limit;
		l->key_args[abi] = kcalloc(t->nr_limit ? t->nr_limit : 1, 1,
					   GFP_KERNEL_ACCOUNT);
		if (!l->key_args[abi])
			return -ENOMEM;
		for (i = 0; i < t->count; i++) {
			const struct sf_syscall *call = &t->calls[i];

			for (arg = 0; arg < call->nargs; arg++)
				if (sf_arg_family_of(call, arg))
					l->key_args[abi][call->nr] |= 1U << arg;
		}
	}
	return 0;
}

/* The irq_work of a listener: wakes its readers, outside the probe. */
static void sf_listener_wake(struct irq_work *work)
{
	struct sf_listener *l = container_of(work, struct sf_listener, wakeup);

	wake_up_poll(&l->wait, EPOLLIN | EPOLLRDNORM);
}

/* The memory a listener holds, counted with its layer's (stack limits). */
u64 sf_listener_bytes(const struct sf_listener *l)
{
	return sizeof(*l) + (u64)l->capacity * sizeof(*l->ring) +
	       (u64)l->key_slots * sizeof(*l->keys);
}

/**
 * sf_listener_create - Allocate a listener for a layer being loaded
 * @records: Capacity of its ring, 1 to SYSFENCE_LISTENER_RECORDS_MAX.
 * @unique: Record each distinct decision once.
 *
 * Records will carry IDs in the caller's PID and user namespaces. May
 * sleep.
 *
 * Return: the listener with one reference (the layer's), or an ERR_PTR().
 */
struct sf_listener *sf_listener_create(u32 records, bool unique)
{
	struct sf_listener *l;

	l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);
	if (!l)
		return ERR_PTR(-ENOMEM);
	refcount_set(&l->usage, 1);
	INIT_LIST_HEAD(&l->all);
	raw_spin_lock_init(&l->lock);
	init_waitqueue_head(&l->wait);
	init_irq_work(&l->wakeup, sf_listener_wake);
	l->capacity = records;
	l->unique = unique;
	l->pid_ns = get_pid_ns(task_active_pid_ns(current));
	l->user_ns = get_user_ns(current_user_ns());
	l->ring = kvcalloc(records, sizeof(*l->ring), GFP_KERNEL_ACCOUNT);
	if (!l->ring)
		goto err_free;
	if (unique) {
		l->key_slots = roundup_pow_of_two(2 * records);
		l->seed = get_random_u32();
		l->keys = kvcalloc(l->key_slots, sizeof(*l->keys),
				   GFP_KERNEL_ACCOUNT);
		if (!l->keys || sf_listener_key_args(l))
			goto err_free;
	}
	return l;

err_free:
	sf_listener_free(l);
	return ERR_PTR(-ENOMEM);
}

/**
 * sf_listener_detach - The layer of a listener is gone
 * @l: The listener, or NULL.
 *
 * Readers get the records left, then end of file. Drops the layer's
 * reference.
 */
void sf_listener_detach(struct sf_listener *l)
{
	if (!l)
		return;
	raw_spin_lock(&l->lock);
	l->dead = true;
	raw_spin_unlock(&l->lock);
	wake_up_poll(&l->wait, EPOLLIN | EPOLLHUP);
	sf_listener_put(l);
}

static bool sf_listener_ready(struct sf_listener *l)
{
	bool ready;

	raw_spin_lock(&l->lock);
	ready = l->count || l->lost || l->dead;
	raw_spin_unlock(&l->lock);
	return ready;
}

/* Takes the next record, or the report of lost ones, under l->lock. */
static bool sf_listener_pop(struct sf_listener *l, struct sysfence_event *ev)
{
	if (l->count) {
		*ev = l->ring[l->head];
		l->head = l->head + 1 == l->capacity ? 0 : l->head + 1;
		l->count--;
		return true;
	}
	if (!l->lost)
		return false;
	/* Lost after every record still queued: report them last. */
	memset(ev, 0, sizeof(*ev));
	ev->size = sizeof(*ev);
	ev->version = SYSFENCE_EVENT_VERSION;
	ev->type = SYSFENCE_EVENT_LOST;
	ev->count = l->lost;
	ev->time_ns = ktime_get_ns();
	ev->last_ns = ev->time_ns;
	l->lost = 0;
	return true;
}

static ssize_t sf_listener_read(struct file *file, char __user *buf,
				size_t size, loff_t *ppos)
{
	struct sf_listener *l = file->private_data;
	struct sysfence_event ev;
	size_t done = 0;
	int err;

	if (size < sizeof(ev))
		return -EINVAL;
	while (!sf_listener_ready(l)) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(l->wait, sf_listener_ready(l));
		if (err)
			return err;
	}
	raw_spin_lock(&l->lock);
	while (size - done >= sizeof(ev) && sf_listener_pop(l, &ev)) {
		/* A user copy may fault: not under the probe's lock. */
		raw_spin_unlock(&l->lock);
		if (copy_to_user(buf + done, &ev, sizeof(ev))) {
			raw_spin_lock(&l->lock);
			/* Not silently: the record counts as lost. */
			l->lost += ev.type == SYSFENCE_EVENT_LOST ? ev.count : 1;
			raw_spin_unlock(&l->lock);
			return done ? done : -EFAULT;
		}
		done += sizeof(ev);
		raw_spin_lock(&l->lock);
	}
	raw_spin_unlock(&l->lock);
	return done;
}

static __poll_t sf_listener_poll(struct file *file, poll_table *wait)
{
	struct sf_listener *l = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &l->wait, wait);
	raw_spin_lock(&l->lock);
	if (l->count || l->lost)
		mask |= EPOLLIN | EPOLLRDNORM;
	else if (l->dead)
		mask |= EPOLLHUP;
	raw_spin_unlock(&l->lock);
	return mask;
}

static int sf_listener_release(struct inode *inode, struct file *file)
{
	struct sf_listener *l = file->private_data;

	if (!list_empty(&l->all)) {
		mutex_lock(&sf_all_mutex);
		list_del_rcu(&l->all);
		mutex_unlock(&sf_all_mutex);
		/* Probes may still be pushing to it. */
		synchronize_rcu();
	}
	sf_listener_put(l);
	return 0;
}

static const struct file_operations sf_listener_fops = {
	.owner = THIS_MODULE,
	.read = sf_listener_read,
	.poll = sf_listener_poll,
	.release = sf_listener_release,
	.llseek = noop_llseek,
};

/**
 * sf_listener_open - A file reading a listener
 * @l: The listener; the file takes a reference of its own.
 *
 * Return: the file, or an ERR_PTR().
 */
struct file *sf_listener_open(struct sf_listener *l)
{
	struct file *file;

	refcount_inc(&l->usage);
	file = anon_inode_getfile("[sysfence-listener]", &sf_listener_fops, l,
				  O_RDONLY);
	if (IS_ERR(file))
		sf_listener_put(l);
	return file;
}

/**
 * sf_listener_open_all - A listener of every decision of every layer
 * @records: Capacity of its ring, 1 to SYSFENCE_LISTENER_RECORDS_MAX.
 *
 * For SYSFENCE_IOC_LISTEN_ALL; the caller checked the privilege. The
 * listener lives as long as its file, and never reaches end of file.
 *
 * Return: the file, or an ERR_PTR().
 */
struct file *sf_listener_open_all(u32 records)
{
	struct sf_listener *l = sf_listener_create(records, false);
	struct file *file;

	if (IS_ERR(l))
		return ERR_CAST(l);
	/* The file holds the only reference. */
	file = anon_inode_getfile("[sysfence-listener]", &sf_listener_fops, l,
				  O_RDONLY);
	if (IS_ERR(file)) {
		sf_listener_put(l);
		return file;
	}
	mutex_lock(&sf_all_mutex);
	list_add_tail_rcu(&l->all, &sf_all_listeners);
	mutex_unlock(&sf_all_mutex);
	return file;
}

/*
 * Whether a unique listener has seen @ev's decision; if not, and there is
 * room, remembers it. Under l->lock.
 */
static bool sf_listener_seen(struct sf_listener *l,
			     const struct sysfence_event *ev, u32 verdict,
			     bool *full)
{
	struct sf_event_key key = {
		.nr = ev->nr,
		.line = ev->line,
		.verdict = verdict,
		.abi_plus_one = ev->abi + 1,
	};
	u32 i, mask = l->key_slots - 1;

	memcpy(key.args, ev->args, sizeof(key.args));
	i = jhash2((const u32 *)&key, sizeof(key) / sizeof(u32), l->seed) &
	    mask;
	/* At most half the slots are used: a free one ends the probe. */
	for (;; i = (i + 1) & mask) {
		struct sf_event_key *slot = &l->keys[i];

		if (!slot->abi_plus_one)
			break;
		if (!memcmp(slot, &key, sizeof(key)))
			return true;
	}
	*full = l->nkeys == l->capacity || l->count == l->capacity;
	if (!*full) {
		l->keys[i] = key;
		l->nkeys++;
	}
	return false;
}

/* Whether @ev repeats @last, but for the time. */
static bool sf_event_repeats(const struct sysfence_event *last,
			     const struct sysfence_event *ev)
{
	return last->flags == ev->flags &&
	       !memcmp(&last->pid, &ev->pid,
		       sizeof(*ev) - offsetof(struct sysfence_event, pid));
}

/* Queues a record; from the probe, so never waits. */
static void sf_listener_push(struct sf_listener *l,
			     struct sysfence_event *ev, u32 verdict)
{
	struct sysfence_event *last;
	bool full = false, queued = false;

	raw_spin_lock(&l->lock);
	if (l->dead)
		goto out;
	if (l->unique) {
		if (sf_listener_seen(l, ev, verdict, &full))
			goto out;
	} else if (l->count && !l->lost) {
		last = &l->ring[(l->head + l->count - 1) % l->capacity];
		if (sf_event_repeats(last, ev) && last->count < U32_MAX) {
			last->count++;
			last->last_ns = ev->time_ns;
			goto out;
		}
	}
	if (full || l->count == l->capacity) {
		if (l->lost < U32_MAX)
			l->lost++;
		goto out;
	}
	ev->lost = l->lost;
	l->lost = 0;
	l->ring[(l->head + l->count) % l->capacity] = *ev;
	l->count++;
	queued = true;
out:
	raw_spin_unlock(&l->lock);
	/*
	 * wq_has_sleeper() orders the record's queuing before its look at
	 * the wait queue, as prepare_to_wait() orders a reader's; it takes
	 * no lock.
	 */
	if (queued && wq_has_sleeper(&l->wait))
		irq_work_queue(&l->wakeup);
}

/*
 * Fills the fields of a record that depend on the listener. @slot is the
 * syscall's in its table (sf_syscall_slot()), @ev->nr its number.
 */
static void sf_listener_record(struct sf_listener *l,
			       struct sysfence_event *ev, enum sf_abi abi,
			       u32 slot, u32 verdict)
{
	ev->pid = task_tgid_nr_ns(current, l->pid_ns);
	ev->tid = task_pid_nr_ns(current, l->pid_ns);
	ev->uid = from_kuid_munged(l->user_ns, current_uid());
	if (l->unique) {
		/* @slot is the caller's: no speculative read past either. */
		u8 keep = slot < l->key_limit[abi] ?
			  l->key_args[abi][array_index_nospec(slot,
							      l->key_limit[abi])] : 0;
		int i;

		for (i = 0; i < SF_MAX_ARGS; i++)
			if (!(keep & (1U << i)))
				ev->args[i] = 0;
	}
	sf_listener_push(l, ev, verdict);
}

void sf_event_ratelimit_init(struct sf_layer *layer)
{
	/*
	 * Each layer has its own budgets, as many lines as the module had in
	 * all before: a flood from one policy neither hides what another
	 * policy logs nor the kills, and the reverse.
	 */
	ratelimit_state_init(&layer->log_ratelimit, 5 * HZ, 20);
	ratelimit_state_init(&layer->kill_ratelimit, 5 * HZ, 10);
	/*
	 * No "callbacks suppressed" line per layer when a window reopens:
	 * with many layers, those alone would get around the ceilings below.
	 */
	ratelimit_set_flags(&layer->log_ratelimit, RATELIMIT_MSG_ON_RELEASE);
	ratelimit_set_flags(&layer->kill_ratelimit, RATELIMIT_MSG_ON_RELEASE);
}

/*
 * And a ceiling per user that loaded layers: anyone can load layers, and
 * per-layer budgets alone would let N layers print 30 N lines per 5 s
 * from the probe, with preemption off (printk may print to a slow console
 * right there, and modules have no printk_deferred() on 6.12). A user is
 * a tenant: one user's layers share a budget and cannot spend another's,
 * except when two users hash to one slot. Past it, the listeners and the
 * tracepoint still see every decision.
 */
#define SF_LOG_USER_BITS 6
/*
 * And a hard limit for the whole module, which a user reaching many slots
 * (many uids through a user namespace's mapping) cannot exceed either.
 */
static DEFINE_RATELIMIT_STATE(sf_log_ceiling, 5 * HZ, 400);
static struct ratelimit_state sf_log_users[1 << SF_LOG_USER_BITS] = {
	[0 ... (1 << SF_LOG_USER_BITS) - 1] =
		RATELIMIT_STATE_INIT(sf_log_users, 5 * HZ, 100),
};

/*
 * comm is the task's to choose: print it so that it reads back
 * unambiguously and cannot forge a line or a field. Bytes other than
 * printable ASCII, the space and the backslash are written \xHH; so is
 * the backslash, so that "\x41" in a name is told from an escaped "A".
 */
static void sf_escape_comm(char *out, const char *comm)
{
	int i;

	for (i = 0; i < TASK_COMM_LEN && comm[i]; i++) {
		unsigned char c = comm[i];

		if (c > ' ' && c < 0x7f && c != '\\')
			*out++ = c;
		else
			out += sprintf(out, "\\x%02x", c);
	}
	*out = '\0';
}

static void sf_event_log(const struct sf_layer *layer,
			 const struct sf_decision *d, enum sf_abi abi,
			 u32 nr, const struct sf_syscall *call,
			 const unsigned long *a, struct ratelimit_state *rs)
{
	u32 user = hash_32(__kuid_val(layer->owner->euid), SF_LOG_USER_BITS);
	char comm[TASK_COMM_LEN * 4 + 1];
	char verdict[48], by[32];

	if (!__ratelimit(&sf_log_ceiling) || !__ratelimit(&sf_log_users[user]) ||
	    !__ratelimit(rs))
		return;
	sf_decision_format(d->verdict, verdict, sizeof(verdict));
	sf_escape_comm(comm, current->comm);
	/*
	 * What decided, as the listener's origin says it: a rule's line, the
	 * default, or the abi-violation action (with its directive's line
	 * when the policy has one); never a "line 0".
	 */
	if (d->rule == SF_RULE_VIOLATION && d->line)
		snprintf(by, sizeof(by), "abi-violation line %u", d->line);
	else if (d->rule == SF_RULE_VIOLATION)
		strscpy(by, "abi-violation", sizeof(by));
	else if (d->line)
		snprintf(by, sizeof(by), "line %u", d->line);
	else
		strscpy(by, "default", sizeof(by));
	pr_info("%s: pid %d (%s) %s %s(%u) args %#lx %#lx %#lx %#lx %#lx %#lx layer %u %s\n",
		verdict, task_pid_nr(current), comm, sf_abi_name(abi),
		call ? call->name : "?", nr, a[0], a[1], a[2], a[3], a[4],
		a[5], d->layer, by);
}

/**
 * sf_event_emit - Report a decision other than a plain allow
 * @stack: The task's stack.
 * @regs: The syscall's registers, not yet changed by the action.
 * @abi: Its ABI.
 * @nr: Its slot in @abi's table (sf_syscall_slot()); reports give its
 *	number, sf_syscall_nr().
 * @d: The decision.
 *
 * From the probe: never sleeps, allocates or faults.
 */
void sf_event_emit(const struct sf_stack *stack, struct pt_regs *regs,
		   enum sf_abi abi, u32 nr, const struct sf_decision *d)
{
	/* Only its log budgets change: they are meant to. */
	struct sf_layer *layer = sf_stack_at(stack, d->layer)->layer;
	enum sf_action act = SF_VERDICT_ACTION(d->verdict);
	const struct sf_syscall *call;
	u32 verdict = d->verdict, origin;
	struct ratelimit_state *rs = NULL;
	u32 abi_nr = sf_syscall_nr(abi, nr);
	unsigned long args[SF_MAX_ARGS];
	struct sf_listener *all;
	struct sysfence_event ev;
	bool enforced = true;
	int i;

	if (act == SF_ACT_LOG && !layer->listener)
		rs = &layer->log_ratelimit;
	else if (act >= SF_ACT_KILL_THREAD)
		rs = &layer->kill_ratelimit;
	if (!rs && !layer->listener && !trace_sysfence_decision_enabled() &&
	    list_empty_careful(&sf_all_listeners))
		return;

	if (sf_verdict_is_complaint(verdict)) {
		verdict = sf_complain_verdict(SF_VERDICT_DATA(verdict));
		enforced = false;
	}
	origin = d->rule == SF_RULE_VIOLATION ? SYSFENCE_ORIGIN_ABI_VIOLATION :
		 d->rule == SF_RULE_DEFAULT ? SYSFENCE_ORIGIN_DEFAULT :
					      SYSFENCE_ORIGIN_RULE;
	/* sf_trace.h prints every ABI by name: a new one needs its name there. */
	BUILD_BUG_ON(SF_ABI_COUNT != 5);
	call = sf_syscall_by_nr(abi, nr);
	syscall_get_arguments(current, regs, args);
	/* Registers the syscall does not read would only tell calls apart. */
	for (i = call ? call->nargs : SF_MAX_ARGS; i < SF_MAX_ARGS; i++)
		args[i] = 0;

	trace_sysfence_decision(from_kuid_munged(&init_user_ns, current_uid()),
				abi, abi_nr, call ? call->name : "", args,
				d->layer, d->line, origin,
				SF_VERDICT_ACTION(verdict),
				SF_VERDICT_DATA(verdict), enforced);
	if (rs)
		sf_event_log(layer, d, abi, abi_nr, call, args, rs);

	memset(&ev, 0, sizeof(ev));
	ev.size = sizeof(ev);
	ev.version = SYSFENCE_EVENT_VERSION;
	ev.type = SYSFENCE_EVENT_DECISION;
	ev.flags = enforced ? SYSFENCE_EVENT_ENFORCED : 0;
	ev.count = 1;
	ev.time_ns = ktime_get_ns();
	ev.last_ns = ev.time_ns;
	ev.abi = abi;
	ev.arch = sf_abi_infos[abi]->audit_arch;
	ev.nr = abi_nr;
	ev.layer = d->layer;
	ev.line = d->line;
	ev.origin = origin;
	ev.action = SF_VERDICT_ACTION(verdict);
	ev.data = SF_VERDICT_DATA(verdict);
	for (i = 0; i < SF_MAX_ARGS; i++)
		ev.args[i] = args[i];
	memcpy(ev.comm, current->comm, sizeof(ev.comm));
	/* The probe holds the RCU read lock. */
	list_for_each_entry_rcu(all, &sf_all_listeners, all)
		sf_listener_record(all, &ev, abi, nr, d->verdict);
	/* Last: a unique listener keeps only some arguments. */
	if (layer->listener)
		sf_listener_record(layer->listener, &ev, abi, nr, d->verdict);
}

/* The uapi names the engine's ABIs and actions by the same numbers. */
static_assert(SYSFENCE_ABI_X86_64 == SF_ABI_X86_64);
static_assert(SYSFENCE_ABI_I386 == SF_ABI_I386);
static_assert(SYSFENCE_ABI_X32 == SF_ABI_X32);
static_assert(SYSFENCE_ABI_AARCH64 == SF_ABI_AARCH64);
static_assert(SYSFENCE_ABI_ARM == SF_ABI_ARM);
static_assert(SYSFENCE_ACTION_ALLOW == SF_ACT_ALLOW);
static_assert(SYSFENCE_ACTION_LOG == SF_ACT_LOG);
static_assert(SYSFENCE_ACTION_ERRNO == SF_ACT_ERRNO);
static_assert(SYSFENCE_ACTION_TRAP == SF_ACT_TRAP);
static_assert(SYSFENCE_ACTION_KILL_THREAD == SF_ACT_KILL_THREAD);
static_assert(SYSFENCE_ACTION_KILL == SF_ACT_KILL);
static_assert(sizeof(struct sysfence_event) == SYSFENCE_EVENT_SIZE_VER1);
