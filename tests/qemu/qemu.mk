# SPDX-License-Identifier: GPL-2.0
#
# Static test programs for the VM, built for the three x86 ABIs, and the QEMU
# integration tests on the reference kernels.

QEMU_PROG_NAMES := $(patsubst tests/qemu/progs/%.c,%,$(wildcard tests/qemu/progs/*.c))
QEMU_PROGS := $(foreach p,$(QEMU_PROG_NAMES),\
	$(BUILD)/progs/$(p) $(BUILD)/progs/$(p).i386 $(BUILD)/progs/$(p).x32)
QEMU_PROG_HDRS := $(wildcard tests/qemu/progs/*.h)
PROGS_CFLAGS := -O2 -g -Wall -Wextra -static -pthread -Iuapi -Itests/qemu/progs

$(BUILD)/progs/%.i386: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(CC) -m32 $(PROGS_CFLAGS) -o $@ $<

$(BUILD)/progs/%.x32: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(CC) -mx32 $(PROGS_CFLAGS) -o $@ $<

$(BUILD)/progs/%: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(CC) -m64 $(PROGS_CFLAGS) -o $@ $<

.PHONY: progs check-qemu check-qemu-6.1 check-qemu-6.12 check-qemu-kunit \
	check-debian-6.1 check-debian-6.12
progs: $(QEMU_PROGS)
	@mkdir -p $(BUILD)/progs

# One boot per kernel runs every scenario; a last TAP line reports whether
# the guest kernel log stayed clean.
check-qemu-6.1:
	@tests/qemu/check-kernel 6.1

check-qemu-6.12:
	@tests/qemu/check-kernel 6.12

# The same scenarios on the KUnit kernel, which has KASAN, lockdep and
# kmemleak: the module's locking and lifetimes under the kernel's checkers;
# with Debian's trinity in /data for trinity_under_random_policies.
check-qemu-kunit:
	@tests/qemu/check-kernel --add "$$(scripts/fetch-trinity)" kunit

# Real, dynamically linked programs (the docs' examples, python3 threads,
# the loader under complain mode) in the Debian userland of
# scripts/build-rootfs, on both reference kernels.
check-debian-6.1:
	@tests/qemu/check-kernel --rootfs debian 6.1

check-debian-6.12:
	@tests/qemu/check-kernel --rootfs debian 6.12

check-qemu: check-qemu-6.1 check-qemu-6.12 check-qemu-kunit check-debian-6.1 check-debian-6.12
