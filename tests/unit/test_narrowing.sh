#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The audited list of narrowed syscall arguments (NARROWED in
# scripts/gen-syscalls) against kernel sources: every step of every entry's
# evidence must hold in Debian's linux-source-6.1, the tree the KUnit kernel
# is built from (the tables themselves were generated, with the same check,
# from 6.12). The cited files are extracted once into $SYSFENCE_CACHE, keyed
# by the package version. A tree whose clone no longer narrows its flags
# must fail the check, so the check is not vacuous. TAP on stdout.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
gen=$root/scripts/gen-syscalls
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${SYSFENCE_CACHE:-$HOME/.cache/sysfence}

echo "1..3"
if [ ! -f "$tarball" ] || ! command -v python3 >/dev/null; then
	for i in 1 2 3; do
		echo "ok $i - narrowing evidence # SKIP no $tarball or python3"
	done
	exit 0
fi
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
files=$("$gen" --narrowing-files)
key=$(printf '%s\n' "$files" | sha256sum | cut -c1-12)
tree=$cache/narrowing-6.1-$pkgver-$key
if [ ! -f "$tree/.done" ]; then
	rm -rf "$tree"
	mkdir -p "$tree"
	# shellcheck disable=SC2086 # one pattern per cited file
	tar -xJf "$tarball" -C "$tree" --strip-components=1 --wildcards \
		$(printf '*/%s ' $files) || exit 1
	touch "$tree/.done"
fi

if out=$("$gen" --check-narrowing "$tree" 2>&1); then
	echo "ok 1 - every narrowing cited by gen-syscalls holds in linux-source-6.1"
else
	echo "not ok 1 - every narrowing cited by gen-syscalls holds in linux-source-6.1"
	printf '%s\n' "$out" | sed 's/^/# /'
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$tree/." "$tmp/"
sed -i 's/lower_32_bits(clone_flags)/clone_flags/' "$tmp/kernel/fork.c"
if out=$("$gen" --check-narrowing "$tmp" 2>&1); then
	echo "not ok 2 - a clone that reads all 64 bits fails the check"
else
	echo "ok 2 - a clone that reads all 64 bits fails the check"
fi
case $out in
*kernel/fork.c*sys_clone\ clone_flags*)
	echo "ok 3 - the failure names the file, entry and argument" ;;
*)
	echo "not ok 3 - the failure names the file, entry and argument"
	printf '%s\n' "$out" | sed 's/^/# /' ;;
esac
