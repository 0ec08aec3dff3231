// SPDX-License-Identifier: GPL-2.0
/*
 * Naming argument values through the constant families of
 * module/arg_families.c, for monitor and learn.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "constants.h"
#include "decode.h"

u64 sf_arg_value(const struct sf_syscall *call, u32 arg, u64 raw)
{
	unsigned int bits = SF_TYPE_BITS(call->types[arg]);

	return bits >= 64 ? raw : raw & ((1ULL << bits) - 1);
}

/* The value of constant @name on @abi; false when that ABI lacks it. */
static bool sf_constant_value(const char *name, enum sf_abi abi, u64 *v)
{
	const struct sf_constant *c = sf_constant_lookup(name, strlen(name));

	if (!c || !(c->abis & SF_ABI_MASK(abi)))
		return false;
	*v = (u64)c->value[abi];
	return true;
}

struct sf_out {
	char *buf;
	size_t size;
	size_t len;
	int parts;
	const char *sep;
};

static void sf_out_part(struct sf_out *o, const char *name, u64 hex)
{
	int n;

	n = snprintf(o->buf + o->len, o->size - o->len, "%s", o->parts ? o->sep : "");
	if (n > 0 && (size_t)n < o->size - o->len)
		o->len += n;
	if (name)
		n = snprintf(o->buf + o->len, o->size - o->len, "%s", name);
	else
		n = snprintf(o->buf + o->len, o->size - o->len, "%#" PRIx64,
			     (uint64_t)hex);
	if (n > 0 && (size_t)n < o->size - o->len)
		o->len += n;
	o->parts++;
}

int sf_decode_family(const struct sf_arg_family *f, enum sf_abi abi, u64 v,
		     const char *sep, char *buf, size_t size)
{
	struct sf_out o = { buf, size, 0, 0, sep };
	u64 rest = v, val;
	const char *zero = NULL;
	u32 i;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (f->enum_mask) {
		u64 e = v & f->enum_mask;
		const char *name = NULL;

		for (i = 0; f->names[i]; i++) {
			if (sf_constant_value(f->names[i], abi, &val) &&
			    !(val & ~f->enum_mask) && val == e) {
				name = f->names[i];
				break;
			}
		}
		if (name || e || f->enum_mask == ~0ULL)
			sf_out_part(&o, name, e);
		rest &= ~f->enum_mask;
	}
	for (i = 0; f->names[i] && rest; i++) {
		if (!sf_constant_value(f->names[i], abi, &val))
			continue;
		if (f->enum_mask && !(val & ~f->enum_mask))
			continue;
		if (!val) {
			zero = zero ? zero : f->names[i];
			continue;
		}
		if ((rest & val) == val) {
			sf_out_part(&o, f->names[i], 0);
			rest &= ~val;
		}
	}
	if (rest)
		sf_out_part(&o, NULL, rest);
	if (!o.parts) {
		for (i = 0; !zero && f->names[i]; i++)
			if (sf_constant_value(f->names[i], abi, &val) && !val)
				zero = f->names[i];
		if (zero)
			sf_out_part(&o, zero, 0);
		else
			sf_out_part(&o, NULL, 0);
	}
	return o.parts;
}

void sf_decode_arg(const struct sf_syscall *call, enum sf_abi abi, u32 arg,
		   u64 raw, char *buf, size_t size)
{
	const struct sf_arg_family *f = sf_arg_family_of(call, arg);
	unsigned int bits = SF_TYPE_BITS(call->types[arg]);
	u64 v = sf_arg_value(call, arg, raw);

	if (f) {
		sf_decode_family(f, abi, v, "|", buf, size);
		return;
	}
	if (call->ctypes[arg] && strchr(call->ctypes[arg], '*')) {
		snprintf(buf, size, "%#" PRIx64, (uint64_t)v);
		return;
	}
	if (SF_TYPE_IS_SIGNED(call->types[arg]) && bits < 64 &&
	    (v & (1ULL << (bits - 1))))
		snprintf(buf, size, "%" PRId64, (int64_t)(v - (1ULL << bits)));
	else if (SF_TYPE_IS_SIGNED(call->types[arg]))
		snprintf(buf, size, "%" PRId64, (int64_t)v);
	else if (v < 0x10000)
		snprintf(buf, size, "%" PRIu64, (uint64_t)v);
	else
		snprintf(buf, size, "%#" PRIx64, (uint64_t)v);
}
