// SPDX-License-Identifier: GPL-2.0
/*
 * From the parsed policy to the form the probe reads: for every allowed ABI
 * a dense table indexed by syscall number, whose entry is either a constant
 * verdict or the start of the syscall's predicate program. The program
 * chains the syscall's rules in file order: each conditional rule's
 * predicates, typed for that syscall and ABI, then a leaf with its verdict;
 * a false condition falls to the next rule, the last leaf is the first
 * unconditional rule or the default.
 *
 * Two passes over the rules, so nothing is reallocated: the first resolves
 * names, checks every field and value on every ABI (the errors, in file
 * order) and counts instructions; the second emits them. A last pass over
 * the programs merges runs of equality rules into lookups (sf_fuse()).
 */
#include "engine_internal.h"

enum sf_slot_state {
	SF_SLOT_NONE,		/* no rule names the syscall: default */
	SF_SLOT_CONST,		/* its first rule is unconditional */
	SF_SLOT_PROG,		/* its first rule has a condition */
};

/* Per ABI and syscall number, while compiling. */
struct sf_slot {
	u32 last_rule;		/* removes duplicates within one rule */
	u32 decided_line;	/* line of the unconditional rule deciding it */
	u32 verdict;		/* SF_SLOT_CONST */
	u32 ninsns;		/* program length, without the default leaf */
	u32 rule_pos;		/* 1 + position of the first rule naming it */
	u32 start;		/* program start (second pass) */
	u32 fill;		/* emission cursor (second pass) */
	u8 state;
	bool decided;		/* an unconditional rule has been seen */
};

struct sf_group_calls {
	const struct sf_syscall **calls;	/* NULL until first used */
	u32 count;
};

struct sf_compiler {
	struct sf_parser *p;
	struct sf_policy *pol;
	struct sf_slot *slots[SF_ABI_COUNT];
	u32 *mark[SF_ABI_COUNT];		/* per number, for sf_walk_group() */
	struct sf_group_calls *groups[SF_ABI_COUNT];	/* per group */
	const struct sf_syscall **list;	/* one rule's syscalls on one ABI */
	u32 *list_ref;			/* the reference naming each */
	u32 nlist;
	u32 ninsns;
	u32 nset_values;
	u32 checks;		/* typed predicate copies, reachable or not */
	u32 nabis;
};

/* A value made concrete for one ABI: sign and magnitude, 64-bit clean. */
struct sf_num {
	u64 mag;
	bool neg;
};

static u64 sf_width_mask(u32 bits)
{
	return bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
}

static u64 sf_twos(struct sf_num v)
{
	return v.neg ? 0 - v.mag : v.mag;
}

void sf_warn_at(struct sf_policy *pol, enum sf_warn_kind kind,
		const char *text, u32 len, u32 pos, const char *msg)
{
	struct sf_diag *w;

	pol->warnings_total++;
	pol->warnings_of[kind]++;
	if (!pol->warnings || pol->nwarnings == SF_MAX_WARNINGS)
		return;
	w = &pol->warnings[pol->nwarnings++];
	sf_diag_locate(w, text, len, pos);
	snprintf(w->msg, sizeof(w->msg), "%s", msg);
}

static void sf_warn(struct sf_compiler *c, enum sf_warn_kind kind, u32 pos,
		    const char *msg)
{
	sf_warn_at(c->pol, kind, c->p->lx.text, c->p->lx.len, pos, msg);
}

static const char *sf_text(const struct sf_compiler *c, u32 pos)
{
	return c->p->lx.text + pos;
}

static bool sf_abi_allowed(const struct sf_compiler *c, int abi)
{
	return c->pol->abis & SF_ABI_MASK(abi);
}

/* Suffix naming the ABI in messages, when the policy allows several. */
static const char *sf_abi_suffix(const struct sf_compiler *c,
				 enum sf_abi abi, char *buf, size_t size)
{
	if (c->nabis < 2)
		return "";
	snprintf(buf, size, " on %s", sf_abi_name(abi));
	return buf;
}

/* ---- Names ------------------------------------------------------------ */

static void sf_list_add(struct sf_compiler *c, enum sf_abi abi, u32 rule,
			u32 ref, const struct sf_syscall *sc)
{
	struct sf_slot *slot;

	if (!sc || sc->nr >= sf_syscall_tables[abi]->nr_limit)
		return;
	slot = &c->slots[abi][sc->nr];
	if (slot->last_rule == rule)
		return;
	slot->last_rule = rule;
	c->list[c->nlist] = sc;
	c->list_ref[c->nlist] = ref;
	c->nlist++;
}

/*
 * Visit the syscalls of @group on @abi once each (nested groups expanded,
 * one level as groups.def promises and unit tests check), storing them in
 * @out when it is not NULL. Returns how many there are.
 */
static u32 sf_walk_group(struct sf_compiler *c, enum sf_abi abi, int group,
			 u32 stamp, const struct sf_syscall **out)
{
	const char *members = sf_groups[group].members;
	int inner = -1, level = 0;
	u32 pos = 0, outer_pos = 0, len, n = 0;
	const struct sf_syscall *sc;
	const char *name;

	for (;;) {
		len = sf_group_next_member(members, &pos, &name);
		if (!len && level) {
			/* Back from the nested group to the outer list. */
			members = sf_groups[group].members;
			pos = outer_pos;
			level = 0;
			continue;
		}
		if (!len)
			return n;
		if (name[0] == '@') {
			inner = sf_group_lookup(name + 1, len - 1);
			if (inner >= 0 && !level) {
				outer_pos = pos;
				members = sf_groups[inner].members;
				pos = 0;
				level = 1;
			}
			continue;
		}
		sc = sf_syscall_by_name(abi, name, len);
		if (!sc || sc->nr >= sf_syscall_tables[abi]->nr_limit ||
		    c->mark[abi][sc->nr] == stamp)
			continue;
		c->mark[abi][sc->nr] = stamp;
		if (out)
			out[n] = sc;
		n++;
	}
}

/* A group's syscalls on an ABI, resolved once per compile. */
static int sf_group_calls(struct sf_compiler *c, enum sf_abi abi, int group,
			  struct sf_group_calls **out)
{
	struct sf_group_calls *g = &c->groups[abi][group];
	u32 n;

	if (!g->calls) {
		n = sf_walk_group(c, abi, group, 2 * group + 1, NULL);
		g->calls = sf_zalloc_array(n, sizeof(*g->calls));
		if (!g->calls)
			return -ENOMEM;
		g->count = sf_walk_group(c, abi, group, 2 * group + 2,
					 g->calls);
	}
	*out = g;
	return 0;
}

/* Collect the syscalls rule @r names on @abi into c->list. */
static int sf_resolve(struct sf_compiler *c, enum sf_abi abi, u32 r)
{
	const struct sf_rule *rule = SF_VEC_AT(&c->p->rules, struct sf_rule, r);
	struct sf_group_calls *g;
	u32 i, k;
	int err;

	c->nlist = 0;
	for (i = 0; i < rule->nrefs; i++) {
		u32 ri = rule->first_ref + i;
		const struct sf_ref *ref = SF_VEC_AT(&c->p->refs, struct sf_ref,
						     ri);

		if (ref->abi >= 0 && ref->abi != (int)abi)
			continue;
		if (ref->group < 0) {
			sf_list_add(c, abi, r, ri,
				    sf_syscall_by_name(abi,
						       sf_text(c, ref->name_pos),
						       ref->name_len));
			continue;
		}
		err = sf_group_calls(c, abi, ref->group, &g);
		if (err)
			return err;
		for (k = 0; k < g->count; k++)
			sf_list_add(c, abi, r, ri, g->calls[k]);
	}
	return 0;
}

/*
 * " (did you mean 'X'?)" for an unknown syscall name: the closest name of
 * @abi, or of the allowed ABIs when @abi is negative.
 */
static const char *sf_syscall_hint(const struct sf_compiler *c, int abi,
				   const char *name, u32 len, char *buf,
				   size_t size)
{
	struct sf_suggest sg;
	u32 i;
	int a;

	sf_suggest_init(&sg, name, len);
	for (a = 0; a < SF_ABI_COUNT; a++) {
		const struct sf_syscall_table *t = sf_syscall_tables[a];

		if (abi >= 0 ? a != abi : !sf_abi_allowed(c, a))
			continue;
		for (i = 0; i < t->count; i++) {
			if (strcmp(t->calls[i].entry, "sys_ni_syscall"))
				sf_suggest(&sg, t->calls[i].name);
		}
	}
	return sf_suggestion(&sg, buf, size);
}

/*
 * A name some ABI has but allowed @abi lacks: open on aarch64, whose
 * nearest call there (openat) is the likely intent, else the name is meant
 * for the other ABIs only.
 */
static int sf_absent_error(struct sf_compiler *c, const struct sf_ref *ref,
			   int abi, const char *q)
{
	char near[SF_QUOTE_MAX];
	const char *name = sf_text(c, ref->name_pos);
	struct sf_suggest sg;
	u32 i;

	sf_suggest_init(&sg, name, ref->name_len);
	for (i = 0; i < sf_syscall_tables[abi]->count; i++) {
		const struct sf_syscall *sc = &sf_syscall_tables[abi]->calls[i];

		if (strcmp(sc->entry, "sys_ni_syscall"))
			sf_suggest(&sg, sc->name);
	}
	if (!sg.best)
		return sf_error(c->p, ref->name_pos,
				"syscall '%s' does not exist on %s (write '%s?' or qualify it)",
				q, sf_abi_name(abi), q);
	sf_quote(near, sizeof(near), sg.best, sg.best_len);
	return sf_error(c->p, ref->name_pos,
			"syscall '%s' does not exist on %s (did you mean '%s'? else write '%s?' or qualify it)",
			q, sf_abi_name(abi), near, q);
}

/* Names that exist nowhere, or not on an allowed ABI, are errors. */
static int sf_check_refs(struct sf_compiler *c, const struct sf_rule *rule)
{
	struct sf_parser *p = c->p;
	char q[SF_QUOTE_MAX], msg[SF_DIAG_MSG_MAX], hint[SF_SUGGESTION_MAX];
	int abi;
	u32 i;

	for (i = 0; i < rule->nrefs; i++) {
		const struct sf_ref *ref = SF_VEC_AT(&p->refs, struct sf_ref,
						     rule->first_ref + i);
		const char *name = sf_text(c, ref->name_pos);
		bool anywhere = false;

		sf_quote(q, sizeof(q), name, ref->name_len);
		if (ref->abi >= 0 && !sf_abi_allowed(c, ref->abi)) {
			snprintf(msg, sizeof(msg),
				 "'%s' names %s, which the policy does not allow: the rule has no effect there",
				 q, sf_abi_name(ref->abi));
			sf_warn(c, SF_WARN_ABI, ref->pos, msg);
		}
		if (ref->group >= 0)
			continue;
		if (ref->abi >= 0) {
			if (!sf_syscall_by_name(ref->abi, name, ref->name_len) &&
			    !ref->optional)
				return sf_error(p, ref->name_pos,
						"no syscall '%s' on %s%s", q,
						sf_abi_name(ref->abi),
						sf_syscall_hint(c, ref->abi, name,
								ref->name_len,
								hint,
								sizeof(hint)));
			continue;
		}
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (sf_syscall_by_name(abi, name, ref->name_len))
				anywhere = true;
		}
		if (!anywhere && ref->optional) {
			/* e.g. a profile listing every architecture's names */
			snprintf(msg, sizeof(msg),
				 "unknown syscall '%s' ignored: no ABI has it", q);
			sf_warn(c, SF_WARN_NO_EFFECT, ref->name_pos, msg);
			continue;
		}
		if (!anywhere)
			return sf_error(p, ref->name_pos,
					"unknown syscall '%s'%s", q,
					sf_syscall_hint(c, -1, name,
							ref->name_len, hint,
							sizeof(hint)));
		if (ref->optional)
			continue;
		for (abi = 0; abi < SF_ABI_COUNT; abi++) {
			if (sf_abi_allowed(c, abi) &&
			    !sf_syscall_by_name(abi, name, ref->name_len))
				return sf_absent_error(c, ref, abi, q);
		}
	}
	return 0;
}

/* ---- Types and values ------------------------------------------------- */

struct sf_field {
	u8 arg;
	u8 type;
	bool narrowed;		/* the kernel reads fewer bits than ctype */
	const char *ctype;
};

static bool sf_find_field(const struct sf_syscall *sc, enum sf_abi abi,
			  const char *name, u32 len, struct sf_field *f)
{
	u32 i;

	for (i = 0; i < sc->nargs && i < SF_MAX_ARGS; i++) {
		if (sc->args[i] && strlen(sc->args[i]) == len &&
		    !memcmp(sc->args[i], name, len)) {
			f->arg = i;
			f->type = sc->types[i];
			f->narrowed = sc->narrowed & (1U << i);
			f->ctype = sc->ctypes[i] ? sc->ctypes[i] : "";
			return true;
		}
	}
	/*
	 * argN: the raw register, unsigned at the width the kernel reads: the
	 * ABI's, or fewer bits for an argument the kernel narrows (clone's
	 * arg0 is read as 32 bits, as clone_flags is).
	 */
	if (len == 4 && !memcmp(name, "arg", 3) && name[3] >= '0' &&
	    name[3] < '0' + SF_MAX_ARGS) {
		f->arg = name[3] - '0';
		f->narrowed = sc->narrowed & (1U << f->arg);
		f->type = SF_TYPE(f->narrowed ?
				  SF_TYPE_BITS(sc->types[f->arg]) :
				  sf_abi_infos[abi]->reg_bits, 0);
		f->ctype = "unsigned long";
		return true;
	}
	return false;
}

/*
 * The @i-th of the @n atoms @v stands for, defines expanded (their atoms are
 * literals and constants only); *n is set on the first call (i == 0).
 */
static const struct sf_atom *sf_value_atom(const struct sf_compiler *c,
					   const struct sf_vexpr *v, u32 i, u32 *n)
{
	const struct sf_atom *a;
	const struct sf_define *d;
	u32 k, w;

	if (!i) {
		*n = 0;
		for (k = 0; k < v->natoms; k++) {
			a = SF_VEC_AT(&c->p->atoms, struct sf_atom,
				      v->first_atom + k);
			*n += a->define ? SF_VEC_AT(&c->p->defines,
						    struct sf_define,
						    a->define - 1)->natoms : 1;
		}
	}
	for (k = 0; k < v->natoms; k++) {
		a = SF_VEC_AT(&c->p->atoms, struct sf_atom, v->first_atom + k);
		if (!a->define) {
			if (!i)
				return a;
			i--;
			continue;
		}
		d = SF_VEC_AT(&c->p->defines, struct sf_define, a->define - 1);
		w = d->natoms;
		if (i < w)
			return SF_VEC_AT(&c->p->atoms, struct sf_atom,
					 d->first_atom + i);
		i -= w;
	}
	return NULL;
}

/*
 * The value of @v on @abi: its atom's, or the bitwise or of the atoms it
 * stands for.
 */
static struct sf_num sf_value(const struct sf_compiler *c, enum sf_abi abi,
			      const struct sf_vexpr *v)
{
	struct sf_num out = { 0, false };
	u64 bits = 0;
	u32 i, n = 0;

	for (i = 0; i == 0 || i < n; i++) {
		const struct sf_atom *a = sf_value_atom(c, v, i, &n);
		struct sf_num num;

		if (a->constant) {
			s64 val = a->constant->value[abi];

			num.neg = val < 0;
			num.mag = num.neg ? 0 - (u64)val : (u64)val;
		} else {
			num.mag = a->mag;
			num.neg = a->neg;
		}
		if (n == 1)
			return num;
		bits |= sf_twos(num);
		out.neg |= num.neg;
	}
	out.mag = out.neg ? 0 - bits : bits;
	return out;
}

enum sf_range {
	SF_RANGE_VALUE,		/* the field's own range */
	SF_RANGE_BITS,		/* a bit pattern: unsigned or signed fits */
	SF_RANGE_UNSIGNED,	/* non-negative and fits unsigned */
};

static bool sf_fits(struct sf_num v, u8 type, enum sf_range range)
{
	u32 bits = SF_TYPE_BITS(type);
	u64 umax = sf_width_mask(bits);
	u64 smax = umax >> 1;

	if (range == SF_RANGE_VALUE && SF_TYPE_IS_SIGNED(type))
		return v.neg ? v.mag <= smax + 1 : v.mag <= smax;
	if (range == SF_RANGE_BITS && v.neg)
		return v.mag <= smax + 1;
	return !v.neg && v.mag <= umax;
}

static int sf_check_value(struct sf_compiler *c, enum sf_abi abi,
			  const struct sf_pred *pred, const struct sf_field *f,
			  u32 vi, enum sf_range range, struct sf_num *out,
			  const char *what, const char *pre)
{
	const struct sf_vexpr *v = SF_VEC_AT(&c->p->vexprs, struct sf_vexpr,
					     vi);
	const struct sf_atom *a = SF_VEC_AT(&c->p->atoms, struct sf_atom,
					    v->first_atom);
	char q[SF_QUOTE_MAX], field[SF_QUOTE_MAX], on[32], shown[80], read[32];
	const struct sf_atom *leaf;
	struct sf_num n;
	u32 i, count = 0;

	/*
	 * The tables hold constants as s64, so (unsigned long)-1 reads -1:
	 * a negative constant converts to an unsigned field as in C (and so
	 * does AT_FDCWD for an unsigned int fd). Literals stay exact.
	 */
	for (i = 0; i == 0 || i < count; i++) {
		leaf = sf_value_atom(c, v, i, &count);
		if (leaf->constant &&
		    !(leaf->constant->abis & SF_ABI_MASK(abi))) {
			sf_quote(q, sizeof(q), sf_text(c, leaf->pos),
				 leaf->len);
			return sf_error(c->p, leaf->pos,
					"constant '%s' is not defined on %s", q,
					sf_abi_name(abi));
		}
		if (leaf->constant && range == SF_RANGE_VALUE)
			range = SF_RANGE_BITS;
	}
	n = sf_value(c, abi, v);
	*out = n;
	if (sf_fits(n, f->type, range))
		return 0;
	sf_quote(q, sizeof(q), sf_text(c, v->pos), v->len);
	sf_quote(field, sizeof(field), sf_text(c, pred->field_pos),
		 pred->field_len);
	if (v->natoms == 1 && !a->constant && !a->define)
		snprintf(shown, sizeof(shown), "%s", q);
	else
		snprintf(shown, sizeof(shown), "%s (%s%llu)", q,
			 n.neg ? "-" : "", (unsigned long long)n.mag);
	read[0] = '\0';
	if (f->narrowed)
		snprintf(read, sizeof(read), " (the kernel reads %c%u)",
			 SF_TYPE_IS_SIGNED(f->type) ? 's' : 'u',
			 SF_TYPE_BITS(f->type));
	return sf_error(c->p, v->pos, "%s %s out of range for %s%s %s%s%s",
			what, shown, pre, f->ctype, field, read,
			sf_abi_suffix(c, abi, on, sizeof(on)));
}

/*
 * Order two normalized values (unsigned, see struct sf_insn); equal values
 * by their targets, when there are targets.
 */
static bool sf_less(const u64 *v, const u32 *t, u32 a, u32 b)
{
	if (v[a] != v[b])
		return v[a] < v[b];
	return t && t[a] < t[b];
}

static void sf_swap(u64 *v, u32 *t, u32 a, u32 b)
{
	u64 value = v[a];

	v[a] = v[b];
	v[b] = value;
	if (t) {
		u32 target = t[a];

		t[a] = t[b];
		t[b] = target;
	}
}

/*
 * Heap sort of v[0..n), and of t[0..n) along with it when @t is not NULL:
 * bounded, iterative, no allocation.
 */
static void sf_sort(u64 *v, u32 *t, u32 n)
{
	u32 start = n / 2, end = n, root, child;

	while (end > 1) {
		if (start > 0) {
			start--;
		} else {
			end--;
			sf_swap(v, t, 0, end);
		}
		root = start;
		while ((child = 2 * root + 1) < end) {
			if (child + 1 < end && sf_less(v, t, child, child + 1))
				child++;
			if (!sf_less(v, t, root, child))
				break;
			sf_swap(v, t, root, child);
			root = child;
		}
	}
}

/*
 * Sort v[0..n) (and t along with it) and keep the first of equal values:
 * with @t, the one with the smallest target. Returns how many are kept.
 */
static u32 sf_sort_unique(u64 *v, u32 *t, u32 n)
{
	u32 i, kept = 0;

	sf_sort(v, t, n);
	for (i = 0; i < n; i++) {
		if (kept && v[kept - 1] == v[i])
			continue;
		v[kept] = v[i];
		if (t)
			t[kept] = t[i];
		kept++;
	}
	return kept;
}

/*
 * Type-check predicate @pred for syscall @sc on @abi; with @insn, also
 * build the instruction (and its set, appended to set_values).
 */
static bool sf_is_pointer(const char *ctype)
{
	return strchr(ctype, '*') || !strcmp(ctype, "cap_user_header_t") ||
	       !strcmp(ctype, "cap_user_data_t") ||
	       !strcmp(ctype, "__sighandler_t");
}

static u32 sf_bits_set(u64 v)
{
	u32 n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * Arguments the kernel decodes from some of their bits only: a test that
 * reads the others, as "kill socket if type == SOCK_RAW" does, reads as
 * covering an operation and misses it when a flag rides along
 * (SOCK_RAW | SOCK_CLOEXEC). Matched by syscall name, or by entry point
 * where only one ABI's entry ignores the bits. From the 6.1 and 6.12
 * sources: ksys_ipc() and compat_ksys_ipc() (ipc/syscall.c) take the
 * operation from the low 16 bits and a version from the high ones;
 * __sys_socket() and __sys_socketpair() (net/socket.c) keep type &
 * SOCK_TYPE_MASK, the rest being SOCK_NONBLOCK and SOCK_CLOEXEC; do_futex()
 * callers (kernel/futex/syscalls.c) switch on op & FUTEX_CMD_MASK; the
 * compat_sys_old_{sem,msg,shm}ctl() entries strip IPC_64 from cmd
 * (compat_ipc_parse_version() in ipc/util.h).
 */
struct sf_subfield {
	const char *name;	/* syscall name, or NULL to match @entry */
	const char *entry;
	u8 arg;
	u64 ignored;		/* bits that do not change the operation */
	const char *mask;	/* how a policy writes the other bits */
	const char *rest;	/* what the ignored bits carry */
	const char *what;	/* what the other bits choose */
};

static const struct sf_subfield sf_subfields[] = {
	{ "ipc", NULL, 0, 0xffff0000, "0xffff", "a version", "operation" },
	{ "socket", NULL, 1, 0x80800, "0xf", "SOCK_NONBLOCK, SOCK_CLOEXEC",
	  "type" },
	{ "socketpair", NULL, 1, 0x80800, "0xf", "SOCK_NONBLOCK, SOCK_CLOEXEC",
	  "type" },
	{ "futex", NULL, 1, 0x180, "FUTEX_CMD_MASK",
	  "FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME", "operation" },
	{ "futex_time64", NULL, 1, 0x180, "FUTEX_CMD_MASK",
	  "FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME", "operation" },
	{ NULL, "compat_sys_old_semctl", 2, 0x100, "0xff", "IPC_64", "command" },
	{ NULL, "compat_sys_old_msgctl", 1, 0x100, "0xff", "IPC_64", "command" },
	{ NULL, "compat_sys_old_shmctl", 1, 0x100, "0xff", "IPC_64", "command" },
};

/*
 * A comparison that reads both the bits that choose the operation and
 * bits the kernel ignores for it; a test of the ignored bits alone, as
 * "(type & SOCK_CLOEXEC) != 0", asks about the flags and is fine.
 */
static void sf_lint_subfield(struct sf_compiler *c,
			     const struct sf_syscall *sc, struct sf_pred *pred,
			     const struct sf_field *f, struct sf_num mask,
			     u64 wmask)
{
	char fq[SF_QUOTE_MAX], msg[2 * SF_QUOTE_MAX + 200];
	const struct sf_subfield *s;
	u64 tested = wmask;
	u32 i;

	if (pred->warned || pred->op == SF_OP_BAND)
		return;
	if (pred->masked)
		tested &= sf_twos(mask);
	for (i = 0; i < ARRAY_SIZE(sf_subfields); i++) {
		s = &sf_subfields[i];
		if (s->arg != f->arg ||
		    strcmp(s->name ? sc->name : sc->entry,
			   s->name ? s->name : s->entry))
			continue;
		if (!(tested & s->ignored) || !(tested & ~s->ignored))
			return;
		pred->warned = true;
		sf_quote(fq, sizeof(fq), sf_text(c, pred->field_pos),
			 pred->field_len);
		snprintf(msg, sizeof(msg),
			 "'%s' also carries %s beside the %s: compare '(%s & %s)'",
			 fq, s->rest, s->what, fq, s->mask);
		sf_warn(c, SF_WARN_BYPASS, pred->field_pos, msg);
		return;
	}
}

/*
 * What a condition can never mean: a mask of 0 (an error), a several-bit
 * constant as a bit test, a pointer compared with an address, a test of
 * bits the kernel does not decode.
 */
static int sf_lint_pred(struct sf_compiler *c, enum sf_abi abi,
			const struct sf_syscall *sc, struct sf_pred *pred,
			const struct sf_field *f, struct sf_num mask, u64 wmask)
{
	const struct sf_vexpr *mv = SF_VEC_AT(&c->p->vexprs, struct sf_vexpr,
					      pred->mask);
	const struct sf_atom *ma = SF_VEC_AT(&c->p->atoms, struct sf_atom,
					     mv->first_atom);
	/* Room for every quoted name; sf_warn() keeps SF_DIAG_MSG_MAX. */
	char q[SF_QUOTE_MAX], fq[SF_QUOTE_MAX], msg[4 * SF_QUOTE_MAX + 96];
	char on[32];
	u32 i;

	sf_quote(fq, sizeof(fq), sf_text(c, pred->field_pos), pred->field_len);
	if (pred->op == SF_OP_BAND && !pred->masked) {
		sf_quote(q, sizeof(q), sf_text(c, mv->pos), mv->len);
		if (!(sf_twos(mask) & wmask))
			return sf_error(c->p, mv->pos,
					"mask '%s' is 0%s: the bit test is never true; for a value, write '(%s & MASK) == %s'",
					q, sf_abi_suffix(c, abi, on, sizeof(on)),
					fq, q);
		if (!pred->warned && mv->natoms == 1 && ma->constant &&
		    !mask.neg && sf_bits_set(sf_twos(mask) & wmask) > 1) {
			pred->warned = true;
			snprintf(msg, sizeof(msg),
				 "'%s' is several bits (0x%llx), true if any is set; for all: '(%s & %s) == %s'",
				 q, (unsigned long long)(sf_twos(mask) & wmask),
				 fq, q, q);
			sf_warn(c, SF_WARN_MULTIBIT, mv->pos, msg);
		}
	}
	sf_lint_subfield(c, sc, pred, f, mask, wmask);
	/* Masked, a pointer's low bits are its alignment: a fair question. */
	if (pred->warned || !sf_is_pointer(f->ctype) ||
	    pred->op == SF_OP_BAND || pred->masked)
		return 0;
	for (i = 0; i < pred->nvalues; i++) {
		const struct sf_vexpr *v = SF_VEC_AT(&c->p->vexprs,
						     struct sf_vexpr,
						     pred->first_value + i);
		struct sf_num n = sf_value(c, abi, v);

		if (!n.mag)
			continue;
		pred->warned = true;
		sf_quote(q, sizeof(q), sf_text(c, v->pos), v->len);
		snprintf(msg, sizeof(msg),
			 "'%s' is a pointer: comparing it with %s compares the address, not what it points to",
			 fq, q);
		sf_warn(c, SF_WARN_POINTER, pred->field_pos, msg);
		break;
	}
	return 0;
}

/* "unknown field", the closest field and the syscall's fields. */
static int sf_unknown_field(struct sf_compiler *c, enum sf_abi abi,
			    const struct sf_syscall *sc,
			    const struct sf_pred *pred)
{
	char q[SF_QUOTE_MAX], on[32], fields[SF_DIAG_MSG_MAX];
	const char *name = sf_text(c, pred->field_pos);
	struct sf_suggest sg;
	u32 i, used = 0;

	sf_suggest_init(&sg, name, pred->field_len);
	fields[0] = '\0';
	for (i = 0; i < sc->nargs && i < SF_MAX_ARGS; i++) {
		int n;

		sf_suggest(&sg, sc->args[i]);
		n = snprintf(fields + used, sizeof(fields) - used, "%s%s",
			     i ? ", " : "", sc->args[i]);
		if (n < 0 || (u32)n >= sizeof(fields) - used)
			break;
		used += n;
	}
	sf_quote(q, sizeof(q), name, pred->field_len);
	if (!sc->nargs)
		return sf_error(c->p, pred->field_pos,
				"unknown field '%s' for %s%s: it takes no arguments",
				q, sc->name,
				sf_abi_suffix(c, abi, on, sizeof(on)));
	if (sg.best)
		return sf_error(c->p, pred->field_pos,
				"unknown field '%s' for %s%s (did you mean '%.*s'? fields: %s)",
				q, sc->name,
				sf_abi_suffix(c, abi, on, sizeof(on)),
				(int)sg.best_len, sg.best, fields);
	return sf_error(c->p, pred->field_pos,
			"unknown field '%s' for %s%s (fields: %s)", q, sc->name,
			sf_abi_suffix(c, abi, on, sizeof(on)), fields);
}

static int sf_typed_pred(struct sf_compiler *c, enum sf_abi abi,
			 const struct sf_syscall *sc,
			 struct sf_pred *pred, struct sf_insn *insn)
{
	enum sf_range range;
	struct sf_field f;
	struct sf_num mask = { 0, false }, n;
	u64 wmask, *set = NULL;
	u32 bits, i, count;
	bool is_signed;
	int err;

	if (!sf_find_field(sc, abi, sf_text(c, pred->field_pos),
			   pred->field_len, &f)) {
		return sf_unknown_field(c, abi, sc, pred);
	}
	bits = SF_TYPE_BITS(f.type);
	if (bits < 1 || bits > 64)
		return sf_error(c->p, pred->field_pos,
				"internal error: %u-bit field", bits);
	wmask = sf_width_mask(bits);
	if (pred->op == SF_OP_BAND || pred->masked) {
		err = sf_check_value(c, abi, pred, &f, pred->mask,
				     SF_RANGE_BITS, &mask, "mask", "");
		if (err)
			return err;
	}
	if (!insn) {
		err = sf_lint_pred(c, abi, sc, pred, &f, mask, wmask);
		if (err)
			return err;
	}
	/*
	 * A masked value is a bit pattern: compared unsigned; equality and
	 * sets also accept negative patterns, ordering does not.
	 */
	is_signed = SF_TYPE_IS_SIGNED(f.type) && !pred->masked &&
		    pred->op != SF_OP_BAND;
	range = SF_RANGE_VALUE;
	if (pred->masked)
		range = (pred->op == SF_OP_EQ || pred->op == SF_OP_NE ||
			 pred->op == SF_OP_IN) ? SF_RANGE_BITS :
						 SF_RANGE_UNSIGNED;
	if (insn) {
		insn->op = pred->op;
		insn->arg = f.arg;
		insn->bits = bits;
		insn->flags = is_signed ? SF_INSN_SIGNED : 0;
		insn->mask = wmask;
		if (pred->op == SF_OP_BAND || pred->masked)
			insn->mask &= sf_twos(mask);
	}
	if (pred->op == SF_OP_BAND && !pred->masked)
		return 0;

	count = pred->nvalues;
	if (insn && pred->op == SF_OP_IN) {
		set = c->pol->set_values + c->nset_values;
		insn->value = c->nset_values;
	}
	for (i = 0; i < count; i++) {
		u64 v;

		err = sf_check_value(c, abi, pred, &f, pred->first_value + i,
				     range, &n, "value",
				     pred->masked ? "masked " : "");
		if (err)
			return err;
		v = sf_twos(n) & wmask;
		if (is_signed)
			v ^= SF_SIGN_BIT(bits);
		if (set)
			set[i] = v;
		else if (insn)
			insn->value = v;
	}
	if (set) {
		insn->aux = sf_sort_unique(set, NULL, count);
		c->nset_values += insn->aux;
	}
	return 0;
}

/* ---- The two passes --------------------------------------------------- */

static u32 sf_rule_sets(const struct sf_parser *p, const struct sf_rule *rule)
{
	u32 i, n = 0;

	for (i = 0; i < rule->nnodes; i++) {
		const struct sf_node *node = SF_VEC_AT(&p->nodes,
						       struct sf_node,
						       rule->first_node + i);
		const struct sf_pred *pred = SF_VEC_AT(&p->preds,
						       struct sf_pred,
						       node->pred);

		if (pred->op == SF_OP_IN)
			n += pred->nvalues;
	}
	return n;
}

/*
 * argN past the arguments of a syscall the rule names explicitly is an
 * error (i386's socketcall takes two: its arg3 is nothing). For members of
 * a group, argN stays the raw register, so one condition can serve them all.
 */
static int sf_check_arg_count(struct sf_compiler *c, enum sf_abi abi,
			      const struct sf_syscall *sc,
			      const struct sf_rule *rule)
{
	char q[SF_QUOTE_MAX], on[32];
	struct sf_field f;
	u32 k;

	if (!strcmp(sc->entry, "sys_ni_syscall"))
		return 0;
	for (k = 0; k < rule->nnodes; k++) {
		const struct sf_node *node = SF_VEC_AT(&c->p->nodes,
						       struct sf_node,
						       rule->first_node + k);
		const struct sf_pred *pred = SF_VEC_AT(&c->p->preds,
						       struct sf_pred,
						       node->pred);

		if (!sf_find_field(sc, abi, sf_text(c, pred->field_pos),
				   pred->field_len, &f) || f.arg < sc->nargs)
			continue;
		sf_quote(q, sizeof(q), sf_text(c, pred->field_pos),
			 pred->field_len);
		return sf_error(c->p, pred->field_pos,
				"%s takes %u argument%s%s: '%s' is not one of them",
				sc->name, sc->nargs, sc->nargs == 1 ? "" : "s",
				sf_abi_suffix(c, abi, on, sizeof(on)), q);
	}
	return 0;
}

static int sf_count_rule(struct sf_compiler *c, u32 r)
{
	struct sf_parser *p = c->p;
	struct sf_rule *rule = SF_VEC_AT(&p->rules, struct sf_rule, r);
	u32 sets = sf_rule_sets(p, rule);
	int abi, err;
	u32 i, k;

	err = sf_check_refs(c, rule);
	if (err)
		return err;
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (!sf_abi_allowed(c, abi))
			continue;
		err = sf_resolve(c, abi, r);
		if (err)
			return err;
		if (c->nlist)
			c->pol->tables[abi].summary.rules++;
		for (i = 0; i < c->nlist; i++) {
			const struct sf_syscall *sc = c->list[i];
			struct sf_slot *slot = &c->slots[abi][sc->nr];
			struct sf_ref *ref = SF_VEC_AT(&p->refs, struct sf_ref,
						       c->list_ref[i]);
			u32 more;

			/*
			 * Unreachable copies are checked too, so errors do not
			 * depend on rule order; counting them bounds the work.
			 */
			if (ref->group < 0) {
				err = sf_check_arg_count(c, abi, sc, rule);
				if (err)
					return err;
			}
			if (check_add_overflow(c->checks, rule->nnodes,
					       &c->checks) ||
			    c->checks > SF_MAX_INSNS)
				return sf_error(p, rule->pos,
						"the policy compiles to more than %u instructions",
						SF_MAX_INSNS);
			for (k = 0; k < rule->nnodes; k++) {
				const struct sf_node *node =
					SF_VEC_AT(&p->nodes, struct sf_node,
						  rule->first_node + k);

				err = sf_typed_pred(c, abi, sc,
						    SF_VEC_AT(&p->preds,
							      struct sf_pred,
							      node->pred),
						    NULL);
				if (err)
					return err;
			}
			if (slot->decided) {
				ref->shadowed = true;
				if (!ref->shadow_line)
					ref->shadow_line = slot->decided_line;
				if (!rule->shadow_line)
					rule->shadow_line = slot->decided_line;
				continue;
			}
			if (!slot->rule_pos)
				slot->rule_pos = rule->pos + 1;
			ref->live = true;
			rule->reachable = true;
			if (!rule->nnodes) {
				slot->decided = true;
				slot->decided_line = rule->line;
				if (slot->state == SF_SLOT_NONE) {
					slot->state = SF_SLOT_CONST;
					slot->verdict = rule->verdict;
					continue;
				}
				more = 1;
			} else {
				slot->state = SF_SLOT_PROG;
				more = rule->nnodes + 1;
				if (check_add_overflow(c->nset_values, sets,
						       &c->nset_values) ||
				    c->nset_values > SF_MAX_SET_VALUES)
					return sf_error(p, rule->pos,
							"the policy's 'in' sets hold more than %u values in total",
							SF_MAX_SET_VALUES);
			}
			slot->ninsns += more;
			if (check_add_overflow(c->ninsns, more, &c->ninsns) ||
			    c->ninsns > SF_MAX_INSNS)
				return sf_error(p, rule->pos,
						"the policy compiles to more than %u instructions",
						SF_MAX_INSNS);
		}
	}
	return 0;
}

static void sf_rule_warnings(struct sf_compiler *c, const struct sf_rule *rule)
{
	char q[SF_QUOTE_MAX], msg[SF_DIAG_MSG_MAX];
	bool any = false;
	u32 i;

	for (i = 0; i < rule->nrefs; i++) {
		const struct sf_ref *ref = SF_VEC_AT(&c->p->refs,
						     struct sf_ref,
						     rule->first_ref + i);

		any |= ref->live || ref->shadowed;
	}
	if (!rule->reachable && any) {
		snprintf(msg, sizeof(msg),
			 "unreachable rule: earlier unconditional rules (line %u) decide all its syscalls",
			 rule->shadow_line);
		sf_warn(c, SF_WARN_UNREACHABLE, rule->pos, msg);
		return;
	}
	if (!rule->reachable) {
		sf_warn(c, SF_WARN_NO_EFFECT, rule->pos,
			"the rule names no syscall of the ABIs the policy allows");
		return;
	}
	/* Within a reachable rule, only explicitly named syscalls. */
	for (i = 0; i < rule->nrefs; i++) {
		const struct sf_ref *ref = SF_VEC_AT(&c->p->refs,
						     struct sf_ref,
						     rule->first_ref + i);

		if (ref->group >= 0 || !ref->shadowed || ref->live)
			continue;
		sf_quote(q, sizeof(q), sf_text(c, ref->pos), ref->len);
		snprintf(msg, sizeof(msg),
			 "'%s' is unreachable here: line %u already decides it",
			 q, ref->shadow_line);
		sf_warn(c, SF_WARN_UNREACHABLE, ref->pos, msg);
	}
}

static void sf_leaf(struct sf_insn *insn, u32 verdict, u32 line, u32 rule)
{
	insn->op = SF_OP_LEAF;
	insn->value = verdict;
	insn->target = line;
	insn->aux = rule;
}

static int sf_emit_rule(struct sf_compiler *c, u32 r)
{
	struct sf_parser *p = c->p;
	const struct sf_rule *rule = SF_VEC_AT(&p->rules, struct sf_rule, r);
	struct sf_insn *insns = c->pol->insns;
	int abi, err;
	u32 i, k;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (!sf_abi_allowed(c, abi))
			continue;
		err = sf_resolve(c, abi, r);
		if (err)
			return err;
		for (i = 0; i < c->nlist; i++) {
			const struct sf_syscall *sc = c->list[i];
			struct sf_slot *slot = &c->slots[abi][sc->nr];
			u32 base = slot->fill;

			if (slot->state != SF_SLOT_PROG || slot->decided)
				continue;
			for (k = 0; k < rule->nnodes; k++) {
				const struct sf_node *node =
					SF_VEC_AT(&p->nodes, struct sf_node,
						  rule->first_node + k);
				struct sf_insn *insn = &insns[base + k];

				err = sf_typed_pred(c, abi, sc,
						    SF_VEC_AT(&p->preds,
							      struct sf_pred,
							      node->pred),
						    insn);
				if (err)
					return err;
				/* Node nnodes is the leaf, nnodes + 1 what follows. */
				insn->target = base + node->target;
				if (node->when)
					insn->flags |= SF_INSN_WHEN;
			}
			sf_leaf(&insns[base + rule->nnodes], rule->verdict,
				rule->line, r);
			slot->fill = base + rule->nnodes + 1;
			if (!rule->nnodes)
				slot->decided = true;
		}
	}
	return 0;
}

/* ---- Runs of equality rules: lookup tables ------------------------------ */

/*
 * Policies converted from seccomp profiles list many rules of one shape:
 * "allow personality if arg0 == 8", then == 0x20000, and so on. Scanning
 * them costs a test per rule; a run of consecutive rules that each test the
 * same field for equality or membership is therefore rewritten into one
 * SF_OP_SWITCH, a binary search over the values of all the run's rules.
 * First-match semantics stay exact: two rules of a run match the same
 * value only when both name it, and then the earlier rule's leaf is the
 * one kept; a value no rule of the run names continues after the run, as
 * the last rule's false test did. Only consecutive rules are merged:
 * any other rule in between ends the run, since what it decides may depend
 * on other fields.
 *
 * The emitted programs are rewritten into new arrays, first counting (the
 * output arrays NULL), then writing. A switch's values come from the
 * merged tests: an equality value replaces the instruction it was, set
 * values move, so the pass-one limits on instructions and set values bound
 * the result too, whatever is merged.
 */
struct sf_fuse {
	const struct sf_insn *in;
	const u64 *in_sets;
	struct sf_insn *insns;
	u64 *sets;
	u32 *targets;
	u32 ninsns;
	u32 nsets;
	u32 ntargets;
};

/*
 * Whether the rule at @pc is one equality or set test and its leaf: the test
 * skips the leaf when false, so the rule decides exactly when it holds.
 */
static bool sf_single_test(const struct sf_insn *in, u32 pc, u32 end)
{
	const struct sf_insn *test = &in[pc];

	return pc + 2 < end &&
	       (test->op == SF_OP_EQ || test->op == SF_OP_IN) &&
	       !(test->flags & SF_INSN_WHEN) && test->target == pc + 2 &&
	       in[pc + 1].op == SF_OP_LEAF;
}

/* Whether two tests read their operand the same way. */
static bool sf_same_field(const struct sf_insn *a, const struct sf_insn *b)
{
	return a->arg == b->arg && a->bits == b->bits && a->mask == b->mask &&
	       (a->flags & SF_INSN_SIGNED) == (b->flags & SF_INSN_SIGNED);
}

/* Append one case; its value and target are kept only when writing. */
static void sf_add_case(struct sf_fuse *f, u32 *n, u64 value, u32 target)
{
	if (f->insns) {
		f->sets[f->nsets + *n] = value;
		f->targets[f->ntargets + *n] = target;
	}
	(*n)++;
}

/* The @run single-test rules at @pc become a switch and their leaves. */
static void sf_emit_switch(struct sf_fuse *f, u32 pc, u32 run)
{
	const struct sf_insn *first = &f->in[pc];
	u32 at = f->ninsns, n = 0, i, k;

	for (i = 0; i < run; i++) {
		const struct sf_insn *test = &f->in[pc + 2 * i];
		u32 leaf = at + 1 + i;

		if (test->op == SF_OP_EQ) {
			sf_add_case(f, &n, test->value, leaf);
			continue;
		}
		for (k = 0; k < test->aux; k++)
			sf_add_case(f, &n, f->in_sets[test->value + k], leaf);
	}
	if (f->insns) {
		struct sf_insn *sw = &f->insns[at];

		n = sf_sort_unique(f->sets + f->nsets, f->targets + f->ntargets,
				   n);
		*sw = *first;
		sw->op = SF_OP_SWITCH;
		sw->flags = first->flags & SF_INSN_SIGNED;
		sw->target = at + 1 + run;
		sw->value = f->nsets;
		sw->cases = f->ntargets;
		sw->aux = n;
		for (i = 0; i < run; i++)
			f->insns[at + 1 + i] = f->in[pc + 2 * i + 1];
	}
	f->ninsns += 1 + run;
	f->nsets += n;
	f->ntargets += n;
}

/*
 * Copy the rule at @pc (its tests, then its leaf) to the output, where its
 * jumps move by as much as the rule does: they stay inside the rule or go to
 * the next one, which follows it in the output too. Returns the next rule.
 */
static u32 sf_copy_rule(struct sf_fuse *f, u32 pc, u32 end)
{
	for (; pc < end; pc++) {
		const struct sf_insn *insn = &f->in[pc];
		struct sf_insn *out = f->insns ? &f->insns[f->ninsns] : NULL;

		if (insn->op == SF_OP_IN) {
			if (out)
				memcpy(f->sets + f->nsets,
				       f->in_sets + insn->value,
				       insn->aux * sizeof(*f->sets));
			f->nsets += insn->aux;
		}
		if (out) {
			*out = *insn;
			if (insn->op == SF_OP_IN)
				out->value = f->nsets - insn->aux;
			if (insn->op != SF_OP_LEAF)
				out->target = insn->target - pc + f->ninsns;
		}
		f->ninsns++;
		if (insn->op == SF_OP_LEAF)
			return pc + 1;
	}
	return end;
}

static void sf_fuse_program(struct sf_fuse *f, u32 pc, u32 end)
{
	u32 run;

	while (pc < end) {
		for (run = 0; sf_single_test(f->in, pc + 2 * run, end); run++) {
			if (run && !sf_same_field(&f->in[pc],
						  &f->in[pc + 2 * run]))
				break;
		}
		if (run < 2) {
			pc = sf_copy_rule(f, pc, end);
			continue;
		}
		sf_emit_switch(f, pc, run);
		pc += 2 * run;
	}
}

/* Counts (f's output arrays NULL) or writes and moves the programs there. */
static void sf_fuse_programs(struct sf_compiler *c, struct sf_fuse *f)
{
	int abi;
	u32 nr;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (!sf_abi_allowed(c, abi))
			continue;
		for (nr = 0; nr < c->pol->tables[abi].size; nr++) {
			struct sf_slot *slot = &c->slots[abi][nr];
			u32 start = f->ninsns;

			if (slot->state != SF_SLOT_PROG)
				continue;
			sf_fuse_program(f, slot->start, slot->fill);
			if (f->insns) {
				slot->start = start;
				slot->fill = f->ninsns;
			}
		}
	}
}

static int sf_fuse(struct sf_compiler *c)
{
	struct sf_policy *pol = c->pol;
	struct sf_fuse f = { .in = pol->insns, .in_sets = pol->set_values };
	struct sf_insn *insns;
	u64 *sets;
	u32 *targets;

	sf_fuse_programs(c, &f);
	insns = sf_zalloc_array(f.ninsns, sizeof(*insns));
	sets = sf_zalloc_array(f.nsets, sizeof(*sets));
	targets = sf_zalloc_array(f.ntargets, sizeof(*targets));
	if (!insns || !sets || !targets) {
		sf_free(targets);
		sf_free(sets);
		sf_free(insns);
		return -ENOMEM;
	}
	f.insns = insns;
	f.sets = sets;
	f.targets = targets;
	f.ninsns = 0;
	f.nsets = 0;
	f.ntargets = 0;
	sf_fuse_programs(c, &f);

	sf_free(pol->insns);
	sf_free(pol->set_values);
	pol->insns = insns;
	pol->ninsns = f.ninsns;
	pol->set_values = sets;
	pol->nset_values = f.nsets;
	pol->case_targets = targets;
	pol->ncase_targets = f.ntargets;
	return 0;
}

/* A switch's values sorted and distinct, its targets leaves of the program. */
static int sf_check_switch(const struct sf_policy *pol,
			   const struct sf_insn *sw, u32 pc, u32 end)
{
	const u64 *values;
	u32 i;

	if (!sw->aux || sw->value > pol->nset_values ||
	    sw->aux > pol->nset_values - sw->value ||
	    sw->cases > pol->ncase_targets ||
	    sw->aux > pol->ncase_targets - sw->cases)
		return -EINVAL;
	values = pol->set_values + sw->value;
	for (i = 0; i < sw->aux; i++) {
		u32 target = pol->case_targets[sw->cases + i];

		if (target <= pc || target >= end ||
		    pol->insns[target].op != SF_OP_LEAF)
			return -EINVAL;
		if (i && values[i - 1] >= values[i])
			return -EINVAL;
	}
	return 0;
}

/* Every jump forward and inside its program, every program ends in a leaf. */
static int sf_check_program(const struct sf_policy *pol, u32 start, u32 end)
{
	u32 i;

	if (start >= end || end > pol->ninsns ||
	    pol->insns[end - 1].op != SF_OP_LEAF)
		return -EINVAL;
	for (i = start; i < end; i++) {
		const struct sf_insn *insn = &pol->insns[i];

		if (insn->op == SF_OP_LEAF)
			continue;
		if (insn->op > SF_OP_SWITCH || insn->arg >= SF_MAX_ARGS ||
		    insn->bits < 1 || insn->bits > 64 ||
		    insn->target <= i || insn->target >= end)
			return -EINVAL;
		if (insn->op == SF_OP_IN &&
		    (!insn->aux || insn->value > pol->nset_values ||
		     insn->aux > pol->nset_values - insn->value))
			return -EINVAL;
		if (insn->op == SF_OP_SWITCH &&
		    sf_check_switch(pol, insn, i, end))
			return -EINVAL;
	}
	return 0;
}

static int sf_build_tables(struct sf_compiler *c)
{
	struct sf_policy *pol = c->pol;
	int abi, err;
	u32 nr, cursor = 0;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		struct sf_abi_table *t = &pol->tables[abi];

		if (!sf_abi_allowed(c, abi))
			continue;
		for (nr = 0; nr < t->size; nr++) {
			struct sf_slot *slot = &c->slots[abi][nr];

			slot->last_rule = SF_NONE;
			if (slot->state != SF_SLOT_PROG)
				continue;
			slot->start = cursor;
			slot->fill = cursor;
			cursor += slot->ninsns + (slot->decided ? 0 : 1);
			slot->decided = false;
		}
	}
	if (cursor > SF_MAX_INSNS)
		return sf_error(c->p, 0,
				"the policy compiles to more than %u instructions",
				SF_MAX_INSNS);
	pol->ninsns = cursor;
	pol->insns = sf_zalloc_array(cursor, sizeof(*pol->insns));
	pol->set_values = sf_zalloc_array(c->nset_values,
					  sizeof(*pol->set_values));
	if (!pol->insns || !pol->set_values)
		return -ENOMEM;
	pol->nset_values = c->nset_values;
	c->nset_values = 0;

	for (nr = 0; nr < c->p->rules.count; nr++) {
		err = sf_emit_rule(c, nr);
		if (err)
			return err;
	}

	/* Programs no unconditional rule ends fall to the default. */
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (!sf_abi_allowed(c, abi))
			continue;
		for (nr = 0; nr < pol->tables[abi].size; nr++) {
			struct sf_slot *slot = &c->slots[abi][nr];

			if (slot->state == SF_SLOT_PROG && !slot->decided)
				sf_leaf(&pol->insns[slot->fill++],
					pol->default_verdict, 0, SF_NONE);
		}
	}
	err = sf_fuse(c);
	if (err)
		return err;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		struct sf_abi_table *t = &pol->tables[abi];

		if (!sf_abi_allowed(c, abi))
			continue;
		t->summary.syscalls = sf_syscall_tables[abi]->count;
		t->summary.defaulted = t->summary.syscalls;
		for (nr = 0; nr < t->size; nr++) {
			struct sf_slot *slot = &c->slots[abi][nr];
			struct sf_entry *e = &t->entries[nr];

			switch (slot->state) {
			case SF_SLOT_NONE:
				e->verdict = pol->default_verdict;
				break;
			case SF_SLOT_CONST:
				e->verdict = slot->verdict;
				e->aux = slot->decided_line;
				t->summary.constant++;
				break;
			default:
				if (sf_check_program(pol, slot->start,
						     slot->fill))
					return sf_error(c->p, 0,
							"internal error: malformed program for %s syscall %u",
							sf_abi_name(abi), nr);
				e->verdict = SF_ENTRY_PROG;
				e->aux = slot->start;
				t->summary.argdep++;
				t->summary.insns += slot->fill - slot->start;
				break;
			}
		}
		/* Numbers without a syscall are never named by a rule. */
		t->summary.defaulted -= t->summary.constant + t->summary.argdep;
	}
	return 0;
}

/* ---- Warnings about the policy as a whole ------------------------------ */

/*
 * The operations i386's multiplexers perform, by the syscall doing the same
 * and the operation number their first argument carries: SYS_* of
 * include/uapi/linux/net.h (SYS_SEND and SYS_RECV are sendto and recvfrom
 * without an address) and SEMOP..SHMCTL of include/uapi/linux/ipc.h.
 */
struct sf_muxed {
	const char *name;
	const char *op;
	u32 call;
};

static const struct sf_muxed sf_socket_calls[] = {
	{ "socket", "SYS_SOCKET", 1 }, { "bind", "SYS_BIND", 2 },
	{ "connect", "SYS_CONNECT", 3 }, { "listen", "SYS_LISTEN", 4 },
	{ "accept", "SYS_ACCEPT", 5 },
	{ "getsockname", "SYS_GETSOCKNAME", 6 },
	{ "getpeername", "SYS_GETPEERNAME", 7 },
	{ "socketpair", "SYS_SOCKETPAIR", 8 }, { "sendto", "SYS_SEND", 9 },
	{ "recvfrom", "SYS_RECV", 10 }, { "sendto", "SYS_SENDTO", 11 },
	{ "recvfrom", "SYS_RECVFROM", 12 },
	{ "shutdown", "SYS_SHUTDOWN", 13 },
	{ "setsockopt", "SYS_SETSOCKOPT", 14 },
	{ "getsockopt", "SYS_GETSOCKOPT", 15 },
	{ "sendmsg", "SYS_SENDMSG", 16 }, { "recvmsg", "SYS_RECVMSG", 17 },
	{ "accept4", "SYS_ACCEPT4", 18 }, { "recvmmsg", "SYS_RECVMMSG", 19 },
	{ "sendmmsg", "SYS_SENDMMSG", 20 }, { NULL, NULL, 0 },
};

static const struct sf_muxed sf_ipc_calls[] = {
	{ "semop", "SEMOP", 1 }, { "semget", "SEMGET", 2 },
	{ "semctl", "SEMCTL", 3 }, { "semtimedop", "SEMTIMEDOP", 4 },
	{ "msgsnd", "MSGSND", 11 }, { "msgrcv", "MSGRCV", 12 },
	{ "msgget", "MSGGET", 13 }, { "msgctl", "MSGCTL", 14 },
	{ "shmat", "SHMAT", 21 }, { "shmdt", "SHMDT", 22 },
	{ "shmget", "SHMGET", 23 }, { "shmctl", "SHMCTL", 24 },
	{ NULL, NULL, 0 },
};

static const struct sf_entry *sf_entry_of(const struct sf_policy *pol,
					  enum sf_abi abi, const char *name)
{
	const struct sf_syscall *sc = sf_syscall_by_name(abi, name,
							 strlen(name));

	if (!sc || sc->nr >= pol->tables[abi].size)
		return NULL;
	return &pol->tables[abi].entries[sc->nr];
}

static bool sf_entry_restricts(const struct sf_entry *e)
{
	return e->verdict == SF_ENTRY_PROG ||
	       SF_VERDICT_ACTION(e->verdict) >= SF_ACT_ERRNO;
}

/* Where to point at the rules restricting @name on @abi: the first one. */
static u32 sf_rule_pos_of(const struct sf_compiler *c, enum sf_abi abi,
			  const char *name)
{
	const struct sf_syscall *sc = sf_syscall_by_name(abi, name,
							 strlen(name));

	if (!sc || sc->nr >= c->pol->tables[abi].size ||
	    !c->slots[abi][sc->nr].rule_pos)
		return 0;
	return c->slots[abi][sc->nr].rule_pos - 1;
}

/*
 * Syscalls doing the same thing as their siblings: restricting one while
 * another stays allowed leaves the operation open. The fix is to restrict
 * the sibling the same way, except for clone3, whose flags live in memory
 * no rule can read: glibc falls back to clone on ENOSYS (EPERM would break
 * thread creation).
 */
struct sf_siblings {
	const char *const names[6];
	const char *fix_for;	/* the sibling @fix applies to */
	const char *fix;
};

static const struct sf_siblings sf_siblings[] = {
	{ .names = { "clone", "clone3" }, .fix_for = "clone3",
	  .fix = "add 'errno ENOSYS clone3' (glibc then uses clone)" },
	{ .names = { "open", "openat", "openat2", "creat" } },
	{ .names = { "execve", "execveat" } },
	{ .names = { "dup2", "dup3" } },
	{ .names = { "accept", "accept4" } },
	{ .names = { "pipe", "pipe2" } },
	{ .names = { "rename", "renameat", "renameat2" } },
	{ .names = { "access", "faccessat", "faccessat2" } },
	{ .names = { "chmod", "fchmodat", "fchmodat2" } },
	{ .names = { "chown", "lchown", "fchownat" } },
	{ .names = { "eventfd", "eventfd2" } },
	{ .names = { "signalfd", "signalfd4" } },
	{ .names = { "epoll_create", "epoll_create1" } },
	{ .names = { "epoll_wait", "epoll_pwait", "epoll_pwait2" } },
	{ .names = { "inotify_init", "inotify_init1" } },
	{ .names = { "mkdir", "mkdirat" } },
	{ .names = { "unlink", "unlinkat", "rmdir" } },
	{ .names = { "link", "linkat" } },
	{ .names = { "symlink", "symlinkat" } },
	{ .names = { "mknod", "mknodat" } },
	{ .names = { "poll", "ppoll" } },
	{ .names = { "select", "pselect6" } },
	{ .names = { "wait4", "waitid" } },
	{ .names = { "preadv", "preadv2" } },
	{ .names = { "pwritev", "pwritev2" } },
	{ .names = { "getdents", "getdents64" } },
	{ .names = { "setrlimit", "prlimit64" } },
	{ .names = { "utime", "utimes", "futimesat", "utimensat" } },
};

static const struct sf_entry *sf_allowed_entry(const struct sf_policy *pol,
					       enum sf_abi abi,
					       const char *name)
{
	const struct sf_entry *e = sf_entry_of(pol, abi, name);

	return e && !sf_entry_restricts(e) ? e : NULL;
}

/*
 * The errno a policy answers a syscall it wants callers to do without:
 * "not implemented". Looked up by name, as policies write it.
 */
static u32 sf_verdict_not_implemented(void)
{
	return SF_VERDICT(SF_ACT_ERRNO, sf_errno_lookup("ENOSYS", 6));
}

/*
 * glibc creates threads with clone3 and falls back to clone only when
 * clone3 fails with ENOSYS: any other errno on clone3 while clone may run
 * makes pthread_create() fail instead of taking the path the rules allow.
 */
static void sf_warn_clone3_errno(struct sf_compiler *c)
{
	char msg[SF_DIAG_MSG_MAX + 32], name[24];
	const struct sf_entry *e, *clone;
	u32 pos;
	int abi;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		if (!sf_abi_allowed(c, abi))
			continue;
		e = sf_entry_of(c->pol, abi, "clone3");
		clone = sf_entry_of(c->pol, abi, "clone");
		if (!e || !clone || e->verdict == SF_ENTRY_PROG ||
		    SF_VERDICT_ACTION(e->verdict) != SF_ACT_ERRNO ||
		    e->verdict == sf_verdict_not_implemented() ||
		    (clone->verdict != SF_ENTRY_PROG &&
		     SF_VERDICT_ACTION(clone->verdict) > SF_ACT_LOG))
			continue;
		pos = sf_rule_pos_of(c, abi, "clone3");
		if (!pos && !e->aux)
			pos = c->p->default_pos;
		sf_verdict_format(e->verdict, name, sizeof(name));
		snprintf(msg, sizeof(msg),
			 "clone3 gets %s while clone may run; glibc falls back only on ENOSYS: write 'errno ENOSYS clone3'",
			 name);
		sf_warn(c, SF_WARN_BYPASS, pos, msg);
		return;
	}
}

static void sf_warn_siblings(struct sf_compiler *c)
{
	char msg[SF_DIAG_MSG_MAX];
	u32 i, r, a;
	int abi;

	for (i = 0; i < ARRAY_SIZE(sf_siblings); i++) {
		const struct sf_siblings *f = &sf_siblings[i];
		bool warned = false;

		for (abi = 0; abi < SF_ABI_COUNT && !warned; abi++) {
			if (!sf_abi_allowed(c, abi))
				continue;
			for (r = 0; r < 6 && f->names[r] && !warned; r++) {
				const struct sf_entry *e =
					sf_entry_of(c->pol, abi, f->names[r]);

				/*
				 * errno ENOSYS on a newer sibling is how a
				 * policy sends callers to one its rules read.
				 * A sibling only the default restricts is an
				 * allow-list's: allowing execve and not
				 * execveat is what the author wrote.
				 */
				if (!e || !sf_entry_restricts(e) ||
				    e->verdict == sf_verdict_not_implemented() ||
				    (e->verdict != SF_ENTRY_PROG && !e->aux))
					continue;
				for (a = 0; a < 6 && f->names[a]; a++) {
					if (!sf_allowed_entry(c->pol, abi,
							      f->names[a]))
						continue;
					snprintf(msg, sizeof(msg),
						 "'%s' is restricted but '%s' does the same and is allowed%s: %s",
						 f->names[r], f->names[a],
						 c->nabis > 1 ? " here" : "",
						 f->fix_for &&
						 !strcmp(f->fix_for, f->names[a]) ?
						 f->fix : "restrict it too");
					sf_warn(c, SF_WARN_BYPASS,
						sf_rule_pos_of(c, abi,
							       f->names[r]),
						msg);
					warned = true;
					break;
				}
			}
		}
	}
}

/*
 * On i386 the multiplexers socketcall and ipc perform the operations of the
 * individual syscalls: restricting connect while allowing socketcall leaves
 * socketcall(SYS_CONNECT, ...) open, and restricting socketcall(SYS_CONNECT)
 * while allowing connect leaves connect open. The second is decided by
 * running the multiplexer's rules on the operation number alone (its other
 * arguments 0). Only rules that test the operation can mean it: not the
 * default of an allow-list, nor a rule refusing the whole multiplexer so
 * that programs use the direct syscalls.
 */
static void sf_warn_multiplexer(struct sf_compiler *c, const char *mux,
				const struct sf_muxed *calls)
{
	const struct sf_entry *m = sf_entry_of(c->pol, SF_ABI_I386, mux);
	u64 args[SF_MAX_ARGS] = { 0 };
	char msg[SF_DIAG_MSG_MAX];
	struct sf_result res;
	u32 i;

	if (!m)
		return;
	for (i = 0; calls[i].name; i++) {
		const struct sf_entry *e = sf_entry_of(c->pol, SF_ABI_I386,
						       calls[i].name);

		if (!e)
			continue;
		if (!sf_entry_restricts(m) && sf_entry_restricts(e)) {
			snprintf(msg, sizeof(msg),
				 "i386: '%s' is restricted but '%s' is allowed, and %s performs %s too",
				 calls[i].name, mux, mux, calls[i].name);
			sf_warn(c, SF_WARN_BYPASS,
				sf_rule_pos_of(c, SF_ABI_I386, calls[i].name),
				msg);
			return;
		}
		if (sf_entry_restricts(e) || m->verdict != SF_ENTRY_PROG)
			continue;
		args[0] = calls[i].call;
		sf_policy_eval(c->pol, SF_ABI_I386,
			       (u32)(m - c->pol->tables[SF_ABI_I386].entries),
			       args, &res);
		if (res.rule == SF_RULE_DEFAULT ||
		    SF_VERDICT_ACTION(res.verdict) < SF_ACT_ERRNO)
			continue;
		snprintf(msg, sizeof(msg),
			 "i386: %s(%s) is restricted but '%s' does the same and is allowed: restrict it too",
			 mux, calls[i].op, calls[i].name);
		sf_warn(c, SF_WARN_BYPASS, sf_rule_pos_of(c, SF_ABI_I386, mux),
			msg);
		return;
	}
}

static void sf_policy_warnings(struct sf_compiler *c)
{
	struct sf_parser *p = c->p;

	if (sf_abi_allowed(c, SF_ABI_I386)) {
		sf_warn_multiplexer(c, "socketcall", sf_socket_calls);
		sf_warn_multiplexer(c, "ipc", sf_ipc_calls);
	}
	sf_warn_siblings(c);
	sf_warn_clone3_errno(c);
	if (p->has_violation &&
	    SF_VERDICT_ACTION(p->violation_verdict) <= SF_ACT_LOG)
		sf_warn(c, SF_WARN_ABI, p->violation_pos,
			"'abi-violation' lets every syscall of the ABIs not listed through");
}

static int sf_copy_rules(struct sf_compiler *c)
{
	struct sf_parser *p = c->p;
	struct sf_policy *pol = c->pol;
	u32 r;

	pol->nrules = p->rules.count;
	pol->rules = sf_zalloc_array(pol->nrules, sizeof(*pol->rules));
	pol->conds_len = p->conds.count;
	pol->conds = sf_zalloc(pol->conds_len);
	if (!pol->rules || !pol->conds)
		return -ENOMEM;
	if (pol->conds_len)
		memcpy(pol->conds, p->conds.data, pol->conds_len);
	for (r = 0; r < pol->nrules; r++) {
		const struct sf_rule *rule = SF_VEC_AT(&p->rules,
						       struct sf_rule, r);

		pol->rules[r].line = rule->line;
		pol->rules[r].cond = rule->nnodes ? rule->cond : SF_NONE;
	}
	return 0;
}

/**
 * sf_compile() - compile a parsed policy
 * @p: the parser holding the policy's rules
 * @pol: a zeroed policy to fill; the caller frees it on error
 *
 * Return: 0, -EINVAL with p->diag filled, or -ENOMEM.
 */
int sf_compile(struct sf_parser *p, struct sf_policy *pol)
{
	struct sf_compiler c = { .p = p, .pol = pol };
	u32 most = 0, nr, r;
	int abi, err;

	pol->abis = p->abis;
	pol->default_verdict = p->default_verdict;
	pol->violation_verdict = p->violation_verdict;
	pol->violation_line = p->has_violation ? p->violation_line : 0;
	pol->warnings = sf_zalloc_array(SF_MAX_WARNINGS,
					sizeof(*pol->warnings));
	if (!pol->warnings)
		return -ENOMEM;
	err = sf_copy_rules(&c);
	if (err)
		return err;

	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		const struct sf_syscall_table *st = sf_syscall_tables[abi];
		struct sf_abi_table *t = &pol->tables[abi];

		if (!sf_abi_allowed(&c, abi))
			continue;
		c.nabis++;
		t->size = st->nr_limit;
		t->entries = sf_zalloc_array(t->size, sizeof(*t->entries));
		c.slots[abi] = sf_zalloc_array(t->size, sizeof(struct sf_slot));
		c.mark[abi] = sf_zalloc_array(t->size, sizeof(u32));
		c.groups[abi] = sf_zalloc_array(sf_groups_count,
						sizeof(struct sf_group_calls));
		if (!t->entries || !c.slots[abi] || !c.mark[abi] ||
		    !c.groups[abi]) {
			err = -ENOMEM;
			goto out;
		}
		for (nr = 0; nr < t->size; nr++)
			c.slots[abi][nr].last_rule = SF_NONE;
		if (st->count > most)
			most = st->count;
	}
	c.list = sf_zalloc_array(most, sizeof(*c.list));
	c.list_ref = sf_zalloc_array(most, sizeof(*c.list_ref));
	if (!c.list || !c.list_ref) {
		err = -ENOMEM;
		goto out;
	}

	for (r = 0; r < p->rules.count; r++) {
		err = sf_count_rule(&c, r);
		if (err)
			goto out;
		sf_rule_warnings(&c, SF_VEC_AT(&p->rules, struct sf_rule, r));
	}
	err = sf_build_tables(&c);
	if (err)
		goto out;
	sf_policy_warnings(&c);
out:
	sf_free(c.list_ref);
	sf_free(c.list);
	for (abi = 0; abi < SF_ABI_COUNT; abi++) {
		for (r = 0; c.groups[abi] && r < sf_groups_count; r++)
			sf_free(c.groups[abi][r].calls);
		sf_free(c.groups[abi]);
		sf_free(c.mark[abi]);
		sf_free(c.slots[abi]);
	}
	return err;
}

void sf_policy_free(struct sf_policy *p)
{
	int abi;

	if (!p)
		return;
	for (abi = 0; abi < SF_ABI_COUNT; abi++)
		sf_free(p->tables[abi].entries);
	sf_free(p->insns);
	sf_free(p->set_values);
	sf_free(p->case_targets);
	sf_free(p->rules);
	sf_free(p->conds);
	sf_free(p->warnings);
	sf_free(p);
}

SF_EXPORT_FOR_KUNIT(sf_policy_free);
