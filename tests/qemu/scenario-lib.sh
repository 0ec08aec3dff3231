# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the scenarios (/tests/lib.sh in the guest): what differs
# between the architectures the VMs run.
#
# SF_NATIVE: the native ABI as policies name it. SF_COMPAT: the compat ABI
# whose programs the guest runs (PROG.$SF_COMPAT: i386 or arm). SF_ABIS:
# every ABI of the architecture, for "abi $SF_ABIS" (a policy allowing all
# of them).
# sf_nr ABI NAME: the number of syscall NAME on ABI, from sysfence's own
# table (`sysfence syscalls`), for what a scenario expects to be printed;
# empty when the ABI has no such syscall.
# sf_variants PROG: the test program PROG built for each ABI the guest
# runs (x86: x86_64, i386, and x32 when the kernel has it enabled; arm64:
# aarch64 and arm).
# sf_x86_only: end the scenario with a TAP SKIP on other architectures.

case $(uname -m) in
aarch64)
	SF_NATIVE=aarch64
	SF_COMPAT=arm
	SF_ABIS="aarch64 arm"
	;;
*)
	SF_NATIVE=x86_64
	SF_COMPAT=i386
	SF_ABIS="x86_64 i386 x32"
	;;
esac

sf_variants() {
	echo "$1"
	if [ "$SF_NATIVE" = aarch64 ]; then
		echo "$1.arm"
		return 0
	fi
	echo "$1.i386"
	if /tests/progs/syscall.x32 getpid >/dev/null 2>&1; then
		echo "$1.x32"
	fi
}

sf_nr() {
	sysfence syscalls "$1" | sed -n "s/^$1 \([0-9]*\) $2(.*/\1/p"
}

sf_x86_only() {
	if [ "$SF_NATIVE" != x86_64 ]; then
		echo "x86 only: ${1:-it tests the i386 and x32 ABIs}"
		exit 77
	fi
}
