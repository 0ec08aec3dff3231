// SPDX-License-Identifier: GPL-2.0
/*
 * sysfence: textual per-syscall policies, enforced from the sys_enter
 * tracepoint. Module init and exit.
 */

#include <linux/init.h>
#include <linux/module.h>

#include "action.h"
#include "arch.h"
#include "device.h"
#include "hook.h"
#include "policy.h"
#include "skip_proof.h"
#include "task.h"

static int __init sf_init(void)
{
	int err;

	/* Policies loaded here name this kernel's ABIs. */
	sf_target_arch = &SF_ARCH_NATIVE;
	err = sf_hook_init();
	if (err)
		return err;
	err = sf_policy_init();
	if (err)
		return err;
	err = sf_task_init();
	if (err)
		goto err_policy;
	err = sf_action_init();
	if (err)
		goto err_task;
	/* Before the device exists: no load may come before the test. */
	err = sf_skip_proof_start();
	if (err)
		goto err_action;
	err = sf_device_init();
	if (err)
		goto err_proof;
	return 0;

err_proof:
	sf_skip_proof_stop();
err_action:
	sf_action_exit();
err_task:
	sf_task_cleanup();
err_policy:
	sf_policy_exit();
	return err;
}

/*
 * Only reached with no layer alive (each pins the module), hence no task
 * confined; what is left are the hooks, if the idle work has not run yet,
 * and releases still waiting for a grace period.
 */
static void __exit sf_exit(void)
{
	sf_device_exit();
	sf_skip_proof_stop();
	sf_task_cleanup();
	sf_action_exit();
	sf_policy_exit();
}

module_init(sf_init);
module_exit(sf_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-syscall policies in a textual language, enforced at syscall entry");
#ifdef SF_VERSION
MODULE_VERSION(SF_VERSION);
#endif
