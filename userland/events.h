/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading decision records (struct sysfence_event) for people.
 */
#ifndef SYSFENCE_EVENTS_H
#define SYSFENCE_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/sysfence.h>

/*
 * A comm as the module's log lines print it: printable ASCII but the space
 * and the backslash as is, every other byte as \xHH. @out holds
 * 4 * sizeof(comm) + 1 bytes.
 */
void sf_escape_comm(char *out, const char comm[16]);

/* The record's verdict in policy syntax: "errno EPERM", "kill", ... */
void sf_event_verdict(const struct sysfence_event *ev, char *buf,
		      size_t size);

/* "rule", "default" or "abi-violation". */
const char *sf_event_origin_name(unsigned int origin);

/* Reports @count lost records, and adds them to *total. */
void sf_event_report_lost(FILE *out, bool json, unsigned int count,
			  unsigned long long *total);

#endif /* SYSFENCE_EVENTS_H */
