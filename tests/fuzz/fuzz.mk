# SPDX-License-Identifier: GPL-2.0
#
# The libFuzzer target of the policy engine (parse, compile, eval,
# describe) under ASan and UBSan. `make check-fuzz` runs it for
# FUZZ_CHECK_SECONDS and prints one TAP line; `make fuzz` runs it for
# FUZZ_SECONDS. Both start from tests/fuzz/corpus (never written to: the
# working corpus and any crash input live under $(BUILD)/fuzz).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 1800
FUZZ_CHECK_SECONDS ?= 60
FUZZ_BIN := $(BUILD)/fuzz/fuzz_engine
FUZZ_SRCS := tests/fuzz/fuzz_engine.c $(addprefix module/,$(SF_ENGINE_SRCS))
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Imodule

$(FUZZ_BIN): $(FUZZ_SRCS) $(wildcard module/*.h module/*.def)
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS)

# fuzz-run SECONDS,LOG: fuzz from a copy of the seed corpus, logging to
# $(BUILD)/fuzz/LOG; crash inputs go to $(BUILD)/fuzz/crash-*.
define fuzz-run
	@mkdir -p $(BUILD)/fuzz/corpus
	@cp tests/fuzz/corpus/* $(BUILD)/fuzz/corpus/
	@$(FUZZ_BIN) -max_total_time=$(1) -max_len=4096 -timeout=10 \
		-rss_limit_mb=2048 -dict=tests/fuzz/policy.dict \
		-artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1 \
		$(BUILD)/fuzz/corpus >$(BUILD)/fuzz/$(2) 2>&1; \
	rc=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' \
		$(BUILD)/fuzz/$(2) | tail -n 1); \
	if [ $$rc -eq 0 ]; then \
		echo "ok 1 - fuzz_engine: $${runs:-?} inputs in $(1) s, no finding"; \
	else \
		echo "not ok 1 - fuzz_engine found a crash, a leak or a hang (see $(BUILD)/fuzz/$(2))"; \
		grep -m 5 'ERROR\|SUMMARY\|runtime error' $(BUILD)/fuzz/$(2) | sed 's/^/# /'; \
	fi; \
	exit $$rc
endef

.PHONY: fuzz check-fuzz
check-fuzz: $(FUZZ_BIN)
	$(call fuzz-run,$(FUZZ_CHECK_SECONDS),check-fuzz.log)

fuzz: $(FUZZ_BIN)
	$(call fuzz-run,$(FUZZ_SECONDS),fuzz.log)

# The kernel side, on the KUnit kernel (KASAN, lockdep, kmemleak), for
# FUZZ_KERNEL_SECONDS each: the ioctl fuzzer through the real device, then
# Debian's trinity under random stacked policies (TRINITY_SEED=N repeats
# the policies of a printed seed). make check runs the first for 20 s in
# every QEMU layer (ioctl_fuzz_leaves_kernel_clean), the second for 40 s
# in qemu-kunit (trinity_under_random_policies).
FUZZ_KERNEL_SECONDS ?= 600
TRINITY_SEED ?=
.PHONY: fuzz-kernel
fuzz-kernel:
	tests/qemu/vm-run --kernel kunit --add "$$(scripts/fetch-trinity)" \
		--timeout $$(($(FUZZ_KERNEL_SECONDS) * 2 + 600)) \
		-- tests/qemu/fuzz-kernel $(FUZZ_KERNEL_SECONDS) $(TRINITY_SEED)
