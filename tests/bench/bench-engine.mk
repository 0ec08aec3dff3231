# SPDX-License-Identifier: GPL-2.0
#
# The engine microbenchmark (tests/bench/engine_bench.c): ns per compile and
# per evaluation, in userspace, for the containers default profile written
# in the policy language (by `sysfence import-oci`) and for a generated
# 1000-rule policy.
# `make bench-engine` prints the table; `make check-bench-engine` runs the
# same code with tiny iteration counts and prints one TAP line, never
# judging the timings.

CONTAINERS_SECCOMP ?= /usr/share/containers/seccomp.json
BENCH_ENGINE := $(BUILD)/bench/engine_bench
BENCH_CONTAINERS := $(BUILD)/bench/containers.policy
BENCH_ENGINE_SRCS := tests/bench/engine_bench.c \
	$(addprefix module/,$(SF_ENGINE_SRCS))

$(BENCH_ENGINE): $(BENCH_ENGINE_SRCS) $(wildcard module/*.h module/*.def)
	@mkdir -p $(@D)
	@$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Imodule -o $@ \
		$(BENCH_ENGINE_SRCS)

$(BENCH_CONTAINERS): userland/sysfence
	@mkdir -p $(@D)
	@if [ -r $(CONTAINERS_SECCOMP) ]; then \
		userland/sysfence import-oci --caps all $(CONTAINERS_SECCOMP) \
			>$@.tmp && mv $@.tmp $@; \
	else \
		rm -f $@; \
	fi

.PHONY: bench-engine check-bench-engine
bench-engine: $(BENCH_ENGINE) $(BENCH_CONTAINERS)
	@$(BENCH_ENGINE) $(wildcard $(BENCH_CONTAINERS))

check-bench-engine: $(BENCH_ENGINE) $(BENCH_CONTAINERS)
	@if [ ! -r $(BENCH_CONTAINERS) ]; then \
		echo "ok 1 - bench-engine # SKIP $(CONTAINERS_SECCOMP) missing"; \
	elif $(BENCH_ENGINE) -n 1000 -c 2 $(BENCH_CONTAINERS) \
			>$(BUILD)/bench/engine-check.log 2>&1; then \
		echo "ok 1 - bench-engine: containers profile and 1000-rule policy compile and evaluate"; \
	else \
		echo "not ok 1 - bench-engine failed:"; \
		sed 's/^/# /' $(BUILD)/bench/engine-check.log; \
		exit 1; \
	fi
