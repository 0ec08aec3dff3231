#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of tests/import/run: for each profile given (in /data) and
# for a process holding no capability and every capability, import the
# profile with `sysfence import-oci` and check that ocidiff sees the same
# result for every call under seccomp-bpf and under sysfence. TAP on stdout.
n=0
failed=0
sysfence syscalls -w >/tmp/widths || exit 1
for profile; do
	for caps in none all; do
		n=$((n + 1))
		name="[$SF_KERNEL] import-oci $profile, capabilities: $caps"
		opt=
		[ "$caps" = all ] && opt="--caps all"
		# shellcheck disable=SC2086
		if ! sysfence import-oci $opt "$profile" >/tmp/policy 2>/tmp/err; then
			echo "not ok $n - $name: import failed"
			sed 's/^/#   /' /tmp/err
			failed=1
			continue
		fi
		# shellcheck disable=SC2086
		/tests/progs/ocidiff seccomp $opt "$profile" /tmp/widths \
			>/tmp/seccomp 2>/tmp/err &&
		/tests/progs/ocidiff sysfence $opt "$profile" /tmp/widths \
			/tmp/policy >/tmp/sysfence 2>>/tmp/err
		rc=$?
		calls=$(wc -l </tmp/seccomp)
		if [ $rc -eq 0 ] && [ "$calls" -gt 0 ] &&
			cmp -s /tmp/seccomp /tmp/sysfence; then
			echo "ok $n - $name: $calls calls decided alike"
		else
			echo "not ok $n - $name (ocidiff exit $rc)"
			sed 's/^/#   /' /tmp/err
			diff /tmp/seccomp /tmp/sysfence | head -n 40 |
				sed 's/^/#   /'
			failed=1
		fi
	done
done
echo "1..$n"
exit $failed
