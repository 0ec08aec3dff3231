# SPDX-License-Identifier: GPL-2.0
#
# shquote ARG...: print the arguments as one would type them at a POSIX
# shell, each quoted only where it needs it, so that `eval "set -- $(shquote
# "$@")"` gives them back. busybox sh has no printf %q. Sourced by
# tests/qemu/demo.sh (in the guest) and tests/unit/test_shquote.sh.

shquote() {
	sep=
	for arg in "$@"; do
		case $arg in
		'' | *[!A-Za-z0-9_./=:,@%+-]*)
			# '...', each ' inside written '\'' (close, quote, open)
			rest=$arg out=
			while :; do
				case $rest in
				*\'*)
					out="$out${rest%%\'*}'\\''"
					rest=${rest#*\'}
					;;
				*)
					break
					;;
				esac
			done
			printf "%s'%s'" "$sep" "$out$rest"
			;;
		*)
			printf '%s%s' "$sep" "$arg"
			;;
		esac
		sep=' '
	done
}
