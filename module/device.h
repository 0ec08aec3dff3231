/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /dev/sysfence and its ioctls.
 */
#ifndef SF_DEVICE_H
#define SF_DEVICE_H

int sf_device_init(void);
void sf_device_exit(void);

#endif /* SF_DEVICE_H */
