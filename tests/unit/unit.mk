# SPDX-License-Identifier: GPL-2.0
#
# Userspace unit tests. Every tests/unit/test_*.c is one cmocka program
# linked with the portable engine (module/engine.mk) and built with ASan and
# UBSan, so a leak or undefined behaviour fails it; tests/unit/test_*.sh
# exercise the CLI. `make check-unit` prints their TAP on stdout; a program
# that dies without reporting a failing test gets a "not ok" line of its
# own.

UNIT_C_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,\
	$(wildcard tests/unit/test_*.c))
UNIT_SH_TESTS := $(wildcard tests/unit/test_*.sh)
UNIT_ENGINE_SRCS := $(addprefix module/,$(SF_ENGINE_SRCS))
UNIT_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Imodule -Iuapi -Itests/cases

$(BUILD)/unit/%: tests/unit/%.c $(UNIT_ENGINE_SRCS) \
		$(wildcard module/*.h module/*.def tests/cases/*.h)
	@mkdir -p $(@D)
	@$(CC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_ENGINE_SRCS) $(UNIT_EXTRA) -lcmocka

# The CLI's naming of argument values, over the engine's tables.
$(BUILD)/unit/test_decode: UNIT_EXTRA := userland/decode.c -Iuserland
$(BUILD)/unit/test_decode: userland/decode.c userland/decode.h

# `show --json`'s parser, with the CLI files it needs and json-c.
UNIT_SHOW_JSON_SRCS := userland/show_json.c userland/sfjson.c
$(BUILD)/unit/test_show_json: tests/unit/test_show_json.c \
		$(UNIT_SHOW_JSON_SRCS) $(UNIT_ENGINE_SRCS) \
		$(wildcard module/*.h module/*.def userland/*.h)
	@mkdir -p $(@D)
	@$(CC) $(UNIT_CFLAGS) -Iuserland -o $@ $< $(UNIT_SHOW_JSON_SRCS) \
		$(UNIT_ENGINE_SRCS) -lcmocka -ljson-c

.PHONY: check-unit
check-unit: $(UNIT_C_TESTS) userland/sysfence $(BUILD)/progs/randpolicy
	@status=0; \
	for t in $(UNIT_C_TESTS) $(UNIT_SH_TESTS); do \
		out=$$(CMOCKA_MESSAGE_OUTPUT=TAP SYSFENCE=userland/sysfence $$t); \
		rc=$$?; \
		printf '%s\n' "$$out"; \
		if [ $$rc -ne 0 ] && ! printf '%s\n' "$$out" | grep -q '^not ok'; then \
			echo "not ok - $$(basename $$t) exited with status $$rc"; \
		fi; \
		[ $$rc -eq 0 ] || status=1; \
	done; \
	exit $$status
