# SPDX-License-Identifier: GPL-2.0
#
# The syscall benchmark: sysfence against seccomp-bpf (libseccomp) in one VM
# boot per reference kernel. `make bench` writes build/bench.md,
# build/bench.json and build/bench-growth-*.png; `make check` runs the same
# code paths once with tiny iteration counts (check-bench), never comparing
# timings.

$(BUILD)/progs/sfbench: tests/bench/sfbench.c tests/import/oci_seccomp.c \
		tests/import/oci_seccomp.h
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -Wextra -static -Itests/import \
		$(shell pkg-config --cflags json-c 2>/dev/null) -o $@ $< \
		tests/import/oci_seccomp.c -lseccomp -ljson-c

progs: $(BUILD)/progs/sfbench

.PHONY: bench check-bench
bench: deps
	@tests/bench/run

check-bench:
	@tests/bench/run --quick --kernel 6.12
