# SPDX-License-Identifier: GPL-2.0
#
# The portable policy engine, compiled into both the module (module/Kbuild)
# and the CLI (userland/userland.mk). One list, so the two cannot drift apart.
SF_ENGINE_SRCS := syscalls.c abis.c arch/x86/abi.c arch/x86/syscalls.c \
	arch/arm64/abi.c arch/arm64/syscalls.c constants.c constants_table.c \
	groups.c lexer.c policy_parse.c expr_parse.c expr_compile.c \
	expr_eval.c expr_cost.c describe.c suggest.c arg_families.c
