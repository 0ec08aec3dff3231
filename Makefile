# SPDX-License-Identifier: GPL-2.0
#
# sysfence: `make` builds the module for KVER (default: the running kernel)
# and the CLI; `make check` runs every test; `make demo` shows enforcement in
# a VM. See README.md.

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build
SYSFENCE_CACHE ?= $(HOME)/.cache/sysfence
export SYSFENCE_CACHE

CC ?= cc

.PHONY: all module userland clean check demo deps
all: module userland

module:
	@if [ ! -d "$(KDIR)" ]; then \
		echo "sysfence: no kernel build tree at $(KDIR): install linux-headers-$(KVER) or pass KDIR=/path/to/build (make userland needs none)" >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

include userland/userland.mk
-include tests/unit/unit.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include tests/qemu/qemu.mk
-include tests/kunit/kunit.mk

clean:
	-[ -d "$(KDIR)" ] && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD) $(USERLAND_CLEAN)
