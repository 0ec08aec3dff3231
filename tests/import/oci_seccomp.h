/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An OCI seccomp profile (JSON) loaded through libseccomp the way a
 * container runtime loads it: the reference `sysfence import-oci` is
 * compared with (tests/import) and measured against (tests/bench). Written
 * independently of the import command, from runc's reading of a profile:
 *  - includes/excludes resolved for an x86_64 process holding no
 *    capability or every capability, every minKernel met;
 *  - the architectures of archMap's SCMP_ARCH_X86_64 entry, else
 *    "architectures", else x86_64 alone;
 *  - an entry whose action equals the default skipped;
 *  - an entry with two conditions on one argument added as one rule per
 *    condition; otherwise its conditions ANDed;
 *  - names libseccomp does not know skipped, the rest added with
 *    seccomp_rule_add(), which translates them for each architecture.
 */
#ifndef OCI_SECCOMP_H
#define OCI_SECCOMP_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>
#include <seccomp.h>

struct oci_seccomp_opts {
	bool all_caps;		/* else no capability is held */
	/*
	 * When set, kill and trap actions become these errnos, so a test can
	 * tell them apart without dying: kill-process, kill-thread, trap.
	 */
	bool kill_as_errno;
	uint16_t errno_kill, errno_kill_thread, errno_trap;
	/* When non-zero, allow and log become this errno too. */
	uint16_t allow_as_errno;
};

/* A filter context built from the profile at @path; NULL after a message. */
scmp_filter_ctx oci_seccomp_build(const char *path,
				  const struct oci_seccomp_opts *opts);

/* The parsed profile, for callers that derive test cases from it. */
json_object *oci_seccomp_read(const char *path);

/*
 * Whether entry @e of the profile applies under @opts, and the
 * architectures the filter holds (SCMP_ARCH_* tokens, *n of them).
 */
bool oci_seccomp_applies(json_object *e, const struct oci_seccomp_opts *opts);
void oci_seccomp_arches(json_object *root, uint32_t *arches, unsigned int *n);

#endif /* OCI_SECCOMP_H */
