# SPDX-License-Identifier: GPL-2.0
#
# The differential test of `sysfence import-oci`: ocidiff decides the same
# syscalls under seccomp-bpf (the profile through libseccomp) and under
# sysfence (the imported policy), in a VM of each reference kernel.

IMPORT_CFLAGS := -O2 -g -Wall -Wextra -static -fno-omit-frame-pointer \
	-Iuapi -Itests/qemu/progs -Itests/import \
	$(shell pkg-config --cflags json-c 2>/dev/null)

$(BUILD)/progs/ocidiff: tests/import/ocidiff.c tests/import/oci_seccomp.c \
		tests/import/oci_seccomp.h tests/qemu/progs/sftest.h
	@mkdir -p $(@D)
	$(CC) $(IMPORT_CFLAGS) -o $@ tests/import/ocidiff.c \
		tests/import/oci_seccomp.c -lseccomp -ljson-c

progs: $(BUILD)/progs/ocidiff

.PHONY: check-import
check-import:
	@tests/import/run
