/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracepoint probes that enforce policies and track tasks.
 */
#ifndef SF_HOOK_H
#define SF_HOOK_H

int sf_hook_init(void);
int sf_hook_enable(void);
void sf_hook_disable(void);
int sf_hook_proof_enable(void);
void sf_hook_proof_disable_enter(void);
void sf_hook_proof_disable(void);

#endif /* SF_HOOK_H */
