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
# Where udev, systemd-modules-load and bash-completion look (Debian installs
# the udev rule under /lib/udev/rules.d: debian/rules).
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
MODULESLOADDIR ?= $(PREFIX)/lib/modules-load.d
COMPLETIONSDIR ?= $(PREFIX)/share/bash-completion/completions
DKMS_SOURCE_DIR ?= /usr/src/sysfence-$(VERSION)

.PHONY: all module userland clean check demo deps install install-module \
	install-userland dkms-source dkms-install print-version check-hygiene \
	check-dkms check-gate deb check-deb
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
-include tests/import/import.mk
-include tests/kunit/kunit.mk

deps:
	@scripts/deps

check: deps
	@scripts/check

demo: deps
	@scripts/demo

check-hygiene:
	@tests/hygiene/run

check-gate:
	@tests/gate/run

check-dkms:
	@tests/dkms/run

# The Debian packages, built with debhelper from a copy of the tree in
# $(BUILD)/deb (see debian/rules): sysfence-dkms_VERSION_all.deb and
# sysfence_VERSION_amd64.deb, checked by lintian.
deb:
	@scripts/build-deb $(BUILD)/deb

# Installs the packages on this machine, builds the module through DKMS for
# both reference kernels, loads it in QEMU, upgrades, removes and purges.
check-deb:
	@tests/deb/run

print-version:
	@echo $(VERSION)

install: install-module install-userland

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)

# The CLI and what comes with it: man pages, bash completion, the example
# policies and an example systemd unit for each (scripts/gen-unit), the
# modules-load.d entry and the udev rule of /dev/sysfence (sysfence(8)).
install-userland: userland/sysfence
	install -D -m 0755 userland/sysfence $(DESTDIR)$(PREFIX)/sbin/sysfence
	install -D -m 0644 userland/sysfence.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence.8
	install -D -m 0644 userland/sysfence-monitor.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence-monitor.8
	install -D -m 0644 userland/sysfence-learn.8 $(DESTDIR)$(PREFIX)/share/man/man8/sysfence-learn.8
	install -D -m 0644 userland/sysfence.policy.5 $(DESTDIR)$(PREFIX)/share/man/man5/sysfence.policy.5
	install -D -m 0644 userland/sysfence.bash-completion \
		$(DESTDIR)$(COMPLETIONSDIR)/sysfence
	install -D -m 0644 userland/60-sysfence.rules \
		$(DESTDIR)$(UDEVRULESDIR)/60-sysfence.rules
	install -D -m 0644 userland/sysfence.modules-load.conf \
		$(DESTDIR)$(MODULESLOADDIR)/sysfence.conf
	install -d $(DESTDIR)$(PREFIX)/share/sysfence/policies \
		$(DESTDIR)$(PREFIX)/share/sysfence/systemd
	install -m 0644 policies/*.policy $(DESTDIR)$(PREFIX)/share/sysfence/policies/
	for p in policies/*.policy; do \
		scripts/gen-unit "$$p" $(PREFIX)/sbin \
			>$(DESTDIR)$(PREFIX)/share/sysfence/systemd/$$(basename "$$p" .policy).service || exit 1; \
	done

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
