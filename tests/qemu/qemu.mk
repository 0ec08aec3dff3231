# SPDX-License-Identifier: GPL-2.0
#
# Static test programs for the VM, built for the three x86 ABIs, and the QEMU
# integration tests on the reference kernels.

QEMU_PROG_NAMES := $(patsubst tests/qemu/progs/%.c,%,$(wildcard tests/qemu/progs/*.c))
QEMU_PROGS := $(foreach p,$(QEMU_PROG_NAMES),\
	$(BUILD)/progs/$(p) $(BUILD)/progs/$(p).i386 $(BUILD)/progs/$(p).x32)
QEMU_PROG_HDRS := $(wildcard tests/qemu/progs/*.h)
PROGS_CFLAGS := -O2 -g -Wall -Wextra -static -pthread -Iuapi -Itests/qemu/progs

# The kernel's uapi <asm/...> headers are one set for the three x86 ABIs,
# in the x86_64 multiarch directory, which -m32 and -mx32 do not search.
# Debian's gcc-multilib adds a /usr/include/asm link for that, but it
# conflicts with the cross compilers (gcc-aarch64-linux-gnu): the link is
# ours instead, with gcc-12-multilib for the rest.
X86_ASM_DIR := $(BUILD)/x86-uapi
$(X86_ASM_DIR)/asm:
	@mkdir -p $(@D)
	ln -sfn /usr/include/x86_64-linux-gnu/asm $@

$(BUILD)/progs/%.i386: tests/qemu/progs/%.c $(QEMU_PROG_HDRS) | $(X86_ASM_DIR)/asm
	@mkdir -p $(@D)
	$(CC) -m32 -idirafter $(X86_ASM_DIR) $(PROGS_CFLAGS) -o $@ $<

$(BUILD)/progs/%.x32: tests/qemu/progs/%.c $(QEMU_PROG_HDRS) | $(X86_ASM_DIR)/asm
	@mkdir -p $(@D)
	$(CC) -mx32 -idirafter $(X86_ASM_DIR) $(PROGS_CFLAGS) -o $@ $<

$(BUILD)/progs/%: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(CC) -m64 $(PROGS_CFLAGS) -o $@ $<

# The same programs for an arm64 guest (tests/qemu/vm-run --arch arm64), for
# aarch64 and arm, but not ptskip for arm: the tracer the scenario runs is
# the native one; AARCH64_CC is userland.mk's.
QEMU_PROGS_ARM64 := $(foreach p,$(QEMU_PROG_NAMES),$(BUILD)/arm64/progs/$(p)) \
	$(foreach p,$(filter-out ptskip,$(QEMU_PROG_NAMES)),$(BUILD)/arm64/progs/$(p).arm)
# The compat ABI's programs: 32-bit arm (EABI, hard float), Debian's
# gcc-arm-linux-gnueabihf.
ARM_CC ?= arm-linux-gnueabihf-gcc

$(BUILD)/arm64/progs/%.arm: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(ARM_CC) $(PROGS_CFLAGS) -o $@ $<

$(BUILD)/arm64/progs/%: tests/qemu/progs/%.c $(QEMU_PROG_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(PROGS_CFLAGS) -o $@ $<

.PHONY: progs progs-arm64 check-qemu check-qemu-6.1 check-qemu-6.12 check-qemu-kunit \
	check-qemu-arm64-6.1 check-qemu-arm64-6.12 \
	check-debian-6.1 check-debian-6.12 check-qemu-6.1-rt check-qemu-6.12-rt \
	check-cloud-smoke
progs: $(QEMU_PROGS)
	@mkdir -p $(BUILD)/progs

progs-arm64: $(QEMU_PROGS_ARM64)
	@mkdir -p $(BUILD)/arm64/progs

# One boot per kernel runs every scenario; a last TAP line reports whether
# the guest kernel log stayed clean.
check-qemu-6.1:
	@tests/qemu/check-kernel 6.1

check-qemu-6.12:
	@tests/qemu/check-kernel 6.12

# The same scenarios on the PREEMPT_RT flavour of each series: spinlock_t
# and rwlock_t sleep there, RCU is preemptible, and the probes still run
# with preemption disabled. A 6.1-rt guest that panics may hang instead of
# rebooting: a shorter timeout than vm-run's 900 s bounds what that costs.
check-qemu-6.1-rt:
	@VM_TIMEOUT=$${VM_TIMEOUT:-600} tests/qemu/check-kernel 6.1-rt

check-qemu-6.12-rt:
	@VM_TIMEOUT=$${VM_TIMEOUT:-600} tests/qemu/check-kernel 6.12-rt

# The cloud flavour of each series boots, proves the skip and enforces each
# kind of action and a listener: a smoke test, the rest being the generic
# flavour's code (the cloud config has no x32, though).
CLOUD_SMOKE_SCENARIOS := skip_proven_before_first_load \
	errno_action_returns_policy_errno trap_delivers_sigsys_siginfo \
	kill_terminates_process_with_sigkill listener_records_decisions
check-cloud-smoke:
	@tests/qemu/check-kernel 6.1-cloud $(CLOUD_SMOKE_SCENARIOS)
	@tests/qemu/check-kernel 6.12-cloud $(CLOUD_SMOKE_SCENARIOS)

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

# Debian's arm64 kernels in qemu-system-aarch64 (TCG, several times slower
# than x86 TCG): every scenario that applies to arm64, the arm ones
# included, the fuzzer shorter, but not the three dearest of portable code
# only (the stack's limits, 20000 threads, trap under siglock contention).
# The x86-only ones listed report a SKIP with the reason. docs/testing.md
# lists which scenarios run where, and why the others do not.
ARM64_SCENARIOS := errno_action_returns_policy_errno \
	kill_terminates_process_with_sigkill kill_thread_leaves_other_threads \
	trap_delivers_sigsys_siginfo log_action_writes_kernel_log \
	argument_predicate_on_write_fd fork_after_load_inherits \
	fork_before_load_not_confined threads_inherit execve_keeps_policy \
	second_layer_cannot_widen setuid_exec_gains_no_privilege \
	load_without_nnp_refused hostile_ioctl_input fork_thread_load_stress \
	rmmod_busy_while_confined skip_proven_before_first_load \
	syscall_table_matches_tracefs arm_under_aarch64_only_policy \
	arm_private_syscalls_meet_the_default \
	arm_private_syscalls_can_be_allowed \
	unconfined_tasks_leave_the_slow_path \
	tracer_sees_unconfined_tasks_with_kprobes_disarmed \
	all_threads_confines_existing_threads \
	all_threads_load_gives_every_thread_no_new_privs \
	skipped_syscall_is_not_an_abi_violation \
	narrowed_arguments_compared_at_kernel_width \
	escape_routes_are_held \
	run_allow_new_privs_needs_cap_sys_admin \
	run_reports_policy_error_with_caret version_reports_module_and_abi \
	show_prints_effective_table show_json_matches_text \
	show_stats_counts_rule_decisions monitor_prints_decisions \
	monitor_all_follows_every_confined_task listener_records_decisions \
	tracepoint_reports_decisions complain_mode_logs_instead_of_acting \
	learn_busybox_pipeline learn_busybox_httpd learn_threads_and_children \
	ioctl_fuzz_leaves_kernel_clean \
	log_lines_escape_comm_and_have_a_budget_per_layer \
	nested_run_under_trapped_uname \
	i386_filtered_by_own_numbers \
	x32_filtered_by_own_numbers

check-qemu-arm64-6.1:
	@tests/qemu/check-kernel --arch arm64 6.1 $(ARM64_SCENARIOS)

check-qemu-arm64-6.12:
	@tests/qemu/check-kernel --arch arm64 6.12 $(ARM64_SCENARIOS)

check-qemu: check-qemu-6.1 check-qemu-6.12 check-qemu-kunit check-debian-6.1 check-debian-6.12 \
	check-qemu-6.1-rt check-qemu-6.12-rt check-cloud-smoke check-qemu-arm64-6.1 \
	check-qemu-arm64-6.12
