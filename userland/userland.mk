# SPDX-License-Identifier: GPL-2.0
#
# The sysfence CLI: the portable engine from module/ (the same sources the
# module compiles, listed in module/engine.mk) plus userland/*.c. Needs no
# kernel headers; import-oci reads JSON with json-c (libjson-c-dev). `make
# userland` builds userland/sysfence and, for the VM initramfs, a static
# $(BUILD)/sysfence.static.

include module/engine.mk

USERLAND_CC ?= $(CC)
USERLAND_CFLAGS ?= -O2 -g
USERLAND_WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wundef
USERLAND_CPPFLAGS := -std=gnu11 -Imodule -Iuapi -Iuserland \
	-DSF_VERSION='"$(VERSION)"'
# json-c, Debian's libjson-c-dev, for --json and import-oci (its static
# archive for the VM's binary).
USERLAND_LIBS := $(shell pkg-config --libs json-c 2>/dev/null || echo -ljson-c)
USERLAND_STATIC_LIBS := $(shell pkg-config --static --libs json-c 2>/dev/null || \
	echo -ljson-c)
USERLAND_SRCS := $(addprefix module/,$(SF_ENGINE_SRCS)) \
	$(sort $(wildcard userland/*.c))
USERLAND_DEPS := $(USERLAND_SRCS) $(wildcard module/*.h module/*.def \
	userland/*.h uapi/linux/*.h) userland/userland.mk module/engine.mk

userland: userland/sysfence $(BUILD)/sysfence.static

# JSON output (monitor --json) through json-c: libjson-c-dev.
USERLAND_LIBS := -ljson-c

userland/sysfence: $(USERLAND_DEPS)
	$(USERLAND_CC) $(USERLAND_CPPFLAGS) $(CPPFLAGS) $(USERLAND_CFLAGS) \
		$(USERLAND_WARN) $(LDFLAGS) -o $@ $(USERLAND_SRCS) $(USERLAND_LIBS)

$(BUILD)/sysfence.static: $(USERLAND_DEPS)
	@mkdir -p $(@D)
	$(USERLAND_CC) $(USERLAND_CPPFLAGS) $(USERLAND_CFLAGS) \
		$(USERLAND_WARN) -static -o $@ $(USERLAND_SRCS) \
		$(USERLAND_STATIC_LIBS)

USERLAND_CLEAN := userland/sysfence

# The static CLI of an arm64 guest (tests/qemu/vm-run --arch arm64), cross
# built with Debian's gcc-aarch64-linux-gnu against json-c's arm64 package
# (libjson-c-dev:arm64, through apt multiarch).
AARCH64_CC ?= aarch64-linux-gnu-gcc
$(BUILD)/arm64/sysfence.static: $(USERLAND_DEPS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(USERLAND_CPPFLAGS) $(USERLAND_CFLAGS) \
		$(USERLAND_WARN) -static -o $@ $(USERLAND_SRCS) -ljson-c
