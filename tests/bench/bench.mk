# SPDX-License-Identifier: GPL-2.0
#
# The syscall benchmark: sysfence against seccomp-bpf (libseccomp), timed in
# one VM boot and counted in guest instructions in two more, per reference
# kernel. `make bench` writes build/bench.json, build/bench.md (the README's
# tables) and build/bench-*.png, and prints the tables; `make bench-plot`
# renders the tables and plots again from build/bench.json; `make
# bench-docs` also puts them in README.md and docs/. `make check` runs the
# same code paths once with tiny counts (check-bench), never comparing
# figures.

$(BUILD)/progs/sfbench: tests/bench/sfbench.c tests/import/oci_seccomp.c \
		tests/import/oci_seccomp.h
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -Wextra -static -Itests/import \
		$(shell pkg-config --cflags json-c 2>/dev/null) -o $@ $< \
		tests/import/oci_seccomp.c -lseccomp -ljson-c

progs: $(BUILD)/progs/sfbench

# The same for an arm64 guest: libseccomp's and json-c's arm64 packages
# (libseccomp-dev:arm64, libjson-c-dev:arm64, through apt multiarch).
$(BUILD)/arm64/progs/sfbench: tests/bench/sfbench.c tests/import/oci_seccomp.c \
		tests/import/oci_seccomp.h
	@mkdir -p $(@D)
	$(AARCH64_CC) -O2 -g -Wall -Wextra -static -Itests/import -o $@ $< \
		tests/import/oci_seccomp.c -lseccomp -ljson-c

progs-arm64: $(BUILD)/arm64/progs/sfbench

.PHONY: bench bench-plot bench-docs check-bench check-bench-arm64
bench: deps
	@tests/bench/run

bench-plot:
	@tests/bench/run --report

bench-docs:
	@tests/bench/run --report --docs

check-bench:
	@tests/bench/run --quick --kernel 6.12

# The arm64 path, on 6.12 only: the code paths are the same on 6.1.
check-bench-arm64:
	@tests/bench/run --quick --arch arm64 --kernel 6.12
