# SPDX-License-Identifier: GPL-2.0
#
# sysfence: `make` builds the module for KVER (default: the running kernel)
# and the CLI; `make check` runs every test; `make demo` shows enforcement in
# a VM. See README.md.

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build
SYSFENCE_CACHE ?= $(HOME)/.cache/sysfence
export BUILD SYSFENCE_CACHE

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
PREFIX ?= /usr/local
DESTDIR ?=
DKMS_SOURCE_DIR ?= /usr/src/sysfence-$(VERSION)

.PHONY: all module userland clean check demo deps install install-module \
	install-userland dkms-source dkms-install print-version check-hygiene \
	check-dkms
all: module userland

module:
	@if [ ! -d "$(KDIR)" ]; then \
		echo "sysfence: no kernel build tree at $(KDIR): install linux-headers-$(KVER), or pass KVER= or KDIR= (make userland needs none)" >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

-include userland/userland.mk
-include tests/unit/unit.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench-engine.mk
-include tests/bench/bench.mk
-include tests/qemu/qemu.mk
-include tests/kunit/kunit.mk

deps:
	@scripts/deps

check: deps
	@scripts/check

demo: deps
	@scripts/demo

check-hygiene:
	@tests/hygiene/run

check-dkms:
	@tests/dkms/run

print-version:
	@echo $(VERSION)

install: install-module install-userland

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)

install-userland: userland
	install -D -m 0755 userland/sysfence $(DESTDIR)$(PREFIX)/sbin/sysfence
	install -D -m 0644 userland/sysfence.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence.8
	install -D -m 0644 userland/sysfence-monitor.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence-monitor.8
	install -D -m 0644 userland/sysfence-learn.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence-learn.8
	install -D -m 0644 userland/sysfence.policy.5 $(DESTDIR)$(PREFIX)/share/man/man5/sysfence.policy.5

# The files DKMS builds from: dkms.conf at the top, the Kbuild tree below.
dkms-source:
	rm -rf $(DKMS_SOURCE_DIR)
	mkdir -p $(DKMS_SOURCE_DIR)
	cp -r dkms.conf Kbuild module uapi $(DKMS_SOURCE_DIR)/
	find $(DKMS_SOURCE_DIR) \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' \
		-o -name '.*.cmd' -o -name 'modules.order' \) -delete

dkms-install: dkms-source
	dkms add sysfence/$(VERSION)
	dkms install sysfence/$(VERSION) -k $(KVER)

clean:
	-[ -d "$(KDIR)" ] && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD) $(USERLAND_CLEAN)
