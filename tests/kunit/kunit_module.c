// SPDX-License-Identifier: GPL-2.0
/*
 * Module glue for the KUnit suites: the *_kunit.c files beside this one each
 * register their suites with kunit_test_suite(), which run when this module
 * is loaded into the KUnit kernel (see tests/kunit/run).
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysfence KUnit suites");
