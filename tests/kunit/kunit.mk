# SPDX-License-Identifier: GPL-2.0
.PHONY: check-kunit kunit-kernel
kunit-kernel:
	@scripts/build-kunit-kernel

check-kunit:
	@tests/kunit/run
