// SPDX-License-Identifier: GPL-2.0
/*
 * ids: print "uid R euid E". Installed set-user-ID root by the setuid
 * scenario, to see whether an exec gained privilege.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("uid %u euid %u\n", (unsigned int)getuid(),
	       (unsigned int)geteuid());
	return 0;
}
