// SPDX-License-Identifier: GPL-2.0
/*
 * The arguments with named values, and the names, in the order the CLI
 * prefers them: where two names share a value, the first listed wins
 * (AF_UNIX over AF_LOCAL), and a flag made of several bits comes before
 * the flags it contains (O_TMPFILE before O_DIRECTORY).
 */
#include "arg_families.h"

#define SF_ALL_BITS (~0ULL)

static const char *const sf_open_flags[] = {
	"O_RDONLY", "O_WRONLY", "O_RDWR", "O_CREAT", "O_EXCL", "O_NOCTTY",
	"O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC", "O_DSYNC",
	"O_DIRECT", "O_LARGEFILE", "O_TMPFILE", "O_DIRECTORY", "O_NOFOLLOW",
	"O_NOATIME", "O_CLOEXEC", "O_PATH", NULL,
};

static const char *const sf_socket_families[] = {
	"AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK",
	"AF_PACKET", "AF_KEY", "AF_BLUETOOTH", "AF_ALG", "AF_VSOCK", "AF_CAN",
	"AF_XDP", "AF_TIPC", "AF_APPLETALK", "AF_X25", "AF_AX25", NULL,
};

static const char *const sf_socket_types[] = {
	"SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET",
	"SOCK_PACKET", "SOCK_NONBLOCK", "SOCK_CLOEXEC", NULL,
};

static const char *const sf_clone_flags[] = {
	"SIGCHLD", "CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
	"CLONE_PIDFD", "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT",
	"CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM", "CLONE_SETTLS",
	"CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED",
	"CLONE_UNTRACED", "CLONE_CHILD_SETTID", "CLONE_NEWCGROUP",
	"CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID",
	"CLONE_NEWNET", "CLONE_IO", NULL,
};

static const char *const sf_ioctl_requests[] = {
	"TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TIOCGWINSZ", "TIOCSWINSZ",
	"TIOCGPGRP", "TIOCSPGRP", "TIOCSCTTY", "TIOCNOTTY", "TIOCGPTN",
	"TIOCSPTLCK", "TIOCOUTQ", "TIOCSTI", "TCFLSH", "TCXONC", "TCSBRK",
	"FIONREAD", "FIONBIO", "FIOCLEX", "FIONCLEX", "FIOASYNC", "FIOQSIZE",
	NULL,
};

static const char *const sf_prctl_options[] = {
	"PR_SET_PDEATHSIG", "PR_GET_PDEATHSIG", "PR_GET_DUMPABLE",
	"PR_SET_DUMPABLE", "PR_GET_KEEPCAPS", "PR_SET_KEEPCAPS",
	"PR_SET_NAME", "PR_GET_NAME", "PR_GET_SECCOMP", "PR_SET_SECCOMP",
	"PR_CAPBSET_READ", "PR_CAPBSET_DROP", "PR_GET_TIMERSLACK",
	"PR_SET_TIMERSLACK", "PR_SET_SECUREBITS", "PR_GET_SECUREBITS",
	"PR_MCE_KILL", "PR_MCE_KILL_GET", "PR_SET_MM",
	"PR_SET_CHILD_SUBREAPER", "PR_GET_CHILD_SUBREAPER",
	"PR_SET_NO_NEW_PRIVS", "PR_GET_NO_NEW_PRIVS", "PR_GET_TID_ADDRESS",
	"PR_SET_THP_DISABLE", "PR_GET_THP_DISABLE", "PR_CAP_AMBIENT",
	"PR_SET_VMA", "PR_GET_SPECULATION_CTRL", "PR_SET_SPECULATION_CTRL",
	"PR_SET_TAGGED_ADDR_CTRL", "PR_GET_TAGGED_ADDR_CTRL",
	"PR_SET_IO_FLUSHER", "PR_GET_IO_FLUSHER", "PR_SET_SYSCALL_USER_DISPATCH",
	"PR_SCHED_CORE", "PR_SET_TSC",
	"PR_GET_TSC", NULL,
};

static const char *const sf_fcntl_commands[] = {
	"F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK",
	"F_SETLK", "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG",
	"F_GETLK64", "F_SETLK64", "F_SETLKW64", "F_SETOWN_EX", "F_GETOWN_EX",
	"F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW", "F_SETLEASE",
	"F_GETLEASE", "F_NOTIFY", "F_DUPFD_CLOEXEC", "F_SETPIPE_SZ",
	"F_GETPIPE_SZ", "F_ADD_SEALS", "F_GET_SEALS", NULL,
};

static const char *const sf_prot_flags[] = {
	"PROT_NONE", "PROT_READ", "PROT_WRITE", "PROT_EXEC", "PROT_SEM",
	"PROT_GROWSDOWN", "PROT_GROWSUP", NULL,
};

const struct sf_arg_family sf_arg_families[] = {
	{ "open", "flags", 3, sf_open_flags },
	{ "openat", "flags", 3, sf_open_flags },
	{ "socket", "family", SF_ALL_BITS, sf_socket_families },
	{ "socket", "type", 0xf, sf_socket_types },
	{ "socketpair", "family", SF_ALL_BITS, sf_socket_families },
	{ "socketpair", "type", 0xf, sf_socket_types },
	{ "clone", "clone_flags", 0xff, sf_clone_flags },
	{ "unshare", "unshare_flags", 0, sf_clone_flags },
	{ "ioctl", "cmd", SF_ALL_BITS, sf_ioctl_requests },
	{ "prctl", "option", SF_ALL_BITS, sf_prctl_options },
	{ "fcntl", "cmd", SF_ALL_BITS, sf_fcntl_commands },
	{ "fcntl64", "cmd", SF_ALL_BITS, sf_fcntl_commands },
	{ "mmap", "prot", 0, sf_prot_flags },
	{ "mmap2", "prot", 0, sf_prot_flags },
	{ "mprotect", "prot", 0, sf_prot_flags },
	{ "pkey_mprotect", "prot", 0, sf_prot_flags },
};

const u32 sf_arg_families_count = ARRAY_SIZE(sf_arg_families);

const struct sf_arg_family *sf_arg_family_of(const struct sf_syscall *call,
					     u32 arg)
{
	u32 i;

	if (!call || arg >= call->nargs || !call->args[arg])
		return NULL;
	for (i = 0; i < sf_arg_families_count; i++) {
		const struct sf_arg_family *f = &sf_arg_families[i];

		if (!strcmp(f->syscall, call->name) &&
		    !strcmp(f->arg, call->args[arg]))
			return f;
	}
	return NULL;
}
