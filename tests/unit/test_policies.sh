#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The example policies in policies/: each compiles with no warning (check
# --werror), names the program it confines on a '# Command:' line, and
# containers.policy is still what import-oci makes of Debian's containers
# profile, with the two changes it marks; so do the docs' runnable
# examples. (The QEMU scenario
# example_policies_run_their_programs runs each program under its policy.)
# TAP on stdout.
set -u
sf=${SYSFENCE:-userland/sysfence}
n=0
failed=0
tap() { # STATUS NAME [DETAIL FILE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - policies: $2"
	else
		echo "not ok $n - policies: $2"
		[ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -n 20
		failed=1
	fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in policies/*.policy; do
	"$sf" check --werror "$p" >"$tmp/out" 2>&1
	tap $? "$p compiles with no warning" "$tmp/out"
	grep -q '^# Command: /' "$p"
	tap $? "$p names its program"
done

# The policies of the docs' runnable examples (the blocks that start with
# '# sysfence run -p NAME.policy -- CMD'; the Debian QEMU layers run them).
mkdir -p "$tmp/doc"
if tests/qemu/doc-examples "$tmp/doc" README.md docs/*.md userland/*.[1-9] \
	>"$tmp/out" 2>&1; then
	for p in "$tmp"/doc/*.policy; do
		"$sf" check --werror "$p" >"$tmp/out" 2>&1
		tap $? "the docs' ${p##*/} compiles with no warning" "$tmp/out"
	done
else
	tap 1 "the docs' examples can be extracted" "$tmp/out"
fi

# Every other policy snippet of the docs compiles (a fragment after a
# 'default allow'), for x86_64 unless it names arm64's ABIs; warnings are
# fine there, the text may show one.
mkdir -p "$tmp/snippets"
count=$(tests/unit/doc-snippets "$tmp/snippets" README.md docs/*.md \
	userland/*.[58] 2>"$tmp/out")
[ "${count:-0}" -gt 10 ]
tap $? "the docs' policy snippets are found ($count)" "$tmp/out"
for p in "$tmp"/snippets/*.policy; do
	# A snippet naming arm64's ABIs is for arm64 (docs/arm64.md).
	arch=x86_64
	grep -Eq '^abi( .*)? (aarch64|arm)( |$)' "$p" && arch=arm64
	"$sf" check --arch "$arch" "$p" >"$tmp/out" 2>&1
	tap $? "the snippet at $(sed -n '1s/^# //p' "$p") compiles" "$tmp/out"
done

# A policy that opens files read-only (openat allowed with O_RDONLY,
# refused with O_WRONLY) must refuse O_CREAT and O_TRUNC with O_RDONLY too:
# both change a file whatever the access mode says, and a mask of
# O_ACCMODE alone lets them through. Policies for x86_64 only (eval
# fails, and the check passes, for the others).
opens() { # POLICY FLAGS
	"$sf" eval "$1" x86_64 openat AT_FDCWD 0 "$2" 2>/dev/null
}
: >"$tmp/ro"
for p in policies/*.policy "$tmp"/doc/*.policy "$tmp"/snippets/*.policy; do
	[ "$(opens "$p" O_RDONLY)" = allow ] || continue
	[ "$(opens "$p" O_WRONLY)" != allow ] || continue
	for f in "O_RDONLY|O_CREAT" "O_RDONLY|O_TRUNC"; do
		[ "$(opens "$p" "$f")" != allow ] && continue
		case $p in
		policies/*) where=$p ;;
		*) where="$(sed -n '1s/^# //p' "$p") (${p##*/})" ;;
		esac
		echo "$where: openat with $f is allowed" >>"$tmp/ro"
	done
done
[ ! -s "$tmp/ro" ]
tap $? "read-only opens refuse O_CREAT and O_TRUNC in every example" "$tmp/ro"

profile=/usr/share/containers/seccomp.json
if [ -f $profile ]; then
	# The block marked "Added to the import", as the file has it.
	sed -n '/^# Added to the import/,/^errno ENOSYS i386:socketcall$/p' \
		policies/containers.policy | sed '1i\\' >"$tmp/added"
	{
		# The header of ours, up to the importer's own.
		sed '/^# Imported by /,$d' policies/containers.policy
		"$sf" import-oci $profile 2>/dev/null | awk -v added="$tmp/added" '
			{ print }
			/^abi / {
				while ((getline line < added) > 0)
					print line
			}' | sed 's/ socketcall?,//'
	} >"$tmp/regenerated"
	diff -u policies/containers.policy "$tmp/regenerated" >"$tmp/diff"
	tap $? "containers.policy is the import of $profile with its marked changes" "$tmp/diff"
else
	tap 1 "no $profile (containers-common, installed by scripts/deps)"
fi
exit $failed
