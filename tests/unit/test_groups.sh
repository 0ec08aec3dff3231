#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The groups against systemd: every group named like one of systemd 252's
# SystemCallFilter= sets has exactly that set's members (as
# `systemd-analyze syscall-filter` prints them), restricted to the
# syscalls sysfence knows, except the differences docs/policy-language.md
# lists; every listed difference is real; and every syscall of every ABI is
# in a group or in the documented list of syscalls in no group. TAP on
# stdout. $SYSFENCE is the binary to test (default userland/sysfence).
set -u

sf=${SYSFENCE:-userland/sysfence}
doc=${SYSFENCE_DOC:-docs/policy-language.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for line in "$@"; do
		echo "#   $line"
	done
	failed=1
}

if ! command -v systemd-analyze >/dev/null; then
	not_ok "systemd-analyze is installed (scripts/deps installs systemd)"
	echo "1..$n"
	exit 1
fi
version=$(systemd-analyze --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p')
if [ "$version" != 252 ]; then
	echo "ok 1 - groups match systemd # SKIP systemd $version, not 252"
	echo "1..1"
	exit 0
fi

# One "GROUP SYSCALL" line per member, nested groups expanded.
systemd-analyze syscall-filter --no-pager 2>/dev/null | awk '
	/^@/ { group = substr($1, 2); next }
	/^    #/ || /^#/ || /^$/ { if (!/^    #/) group = ""; next }
	group != "" { print group, $1 }' >"$tmp/sd.raw"
awk '
	NR == FNR { if ($2 !~ /^@/) m[$1] = m[$1] " " $2; next }
	$2 ~ /^@/ { k = split(m[substr($2, 2)], a, " ")
		    for (i = 1; i <= k; i++) print $1, a[i]; next }
	{ print }' "$tmp/sd.raw" "$tmp/sd.raw" | sort -u >"$tmp/sd"
cut -d' ' -f1 "$tmp/sd" | sort -u >"$tmp/sd.groups"
awk '$1 == "known" { print $2 }' "$tmp/sd" >"$tmp/sd.known"

# Every architecture's ABIs: a group is one list of names for all of them.
{ "$sf" syscalls --arch x86_64; "$sf" syscalls --arch arm64; } |
	awk '{ sub(/\(.*/, "", $3); print $3 }' | sort -u >"$tmp/names"
"$sf" groups | awk '{ print substr($1, 2) }' >"$tmp/sf.groups"
while read -r g; do
	{ "$sf" groups --arch x86_64 "$g"; "$sf" groups --arch arm64 "$g"; } |
		sed "s/^/$g /"
done <"$tmp/sf.groups" | sort -u >"$tmp/sf"

# The documented differences: "GROUP SYSCALL left out|added" lines, from
# the table under "### Differences from systemd 252".
awk '
	/^### / { in_table = ($0 ~ /^### Differences from systemd 252/) }
	in_table && /^\| `@/ {
		split($0, col, "|")
		group = col[2]; gsub(/[ `@]/, "", group)
		how = col[4]; gsub(/^ +| +$/, "", how)
		k = split(col[3], calls, ",")
		for (i = 1; i <= k; i++) {
			gsub(/[ `]/, "", calls[i])
			print group, calls[i], how
		}
	}' "$doc" >"$tmp/deviations"
if [ -s "$tmp/deviations" ]; then
	ok "the docs list the differences from systemd 252"
else
	not_ok "the docs list the differences from systemd 252" \
		"no table under '### Differences from systemd 252' in $doc"
fi

missing=$(grep -vxF -e known -f "$tmp/sf.groups" "$tmp/sd.groups")
if [ -z "$missing" ]; then
	ok "every systemd group but @known is a group"
else
	not_ok "every systemd group but @known is a group" "missing:" $missing
fi

while read -r g; do
	grep -qxF "$g" "$tmp/sd.groups" || continue
	# systemd's members that sysfence knows, with the documented changes.
	awk -v g="$g" '
		FILENAME == ARGV[1] { known[$1] = 1; next }
		FILENAME == ARGV[2] { if ($1 == g) {
					if ($3 == "left") out[$2] = 1
					else if ($3 == "added") print $2 }
				      next }
		$1 == g && known[$2] && !out[$2] { print $2 }' \
		"$tmp/names" "$tmp/deviations" "$tmp/sd" | sort -u >"$tmp/want"
	awk -v g="$g" '$1 == g { print $2 }' "$tmp/sf" | sort -u >"$tmp/have"
	if cmp -s "$tmp/want" "$tmp/have"; then
		ok "@$g has systemd 252's members"
	else
		not_ok "@$g has systemd 252's members" \
			"only in systemd:" $(comm -23 "$tmp/want" "$tmp/have") \
			"only in sysfence:" $(comm -13 "$tmp/want" "$tmp/have")
	fi
done <"$tmp/sf.groups"

# A listed difference that no longer exists is a stale doc.
stale=$(awk '
	FILENAME == ARGV[1] { known[$1] = 1; next }
	FILENAME == ARGV[2] { sd[$1 " " $2] = 1; next }
	$3 == "left" && !(known[$2] && sd[$1 " " $2]) { print "@" $1, $2 }
	$3 == "added" && sd[$1 " " $2] { print "@" $1, $2 }' \
	"$tmp/names" "$tmp/sd" "$tmp/deviations")
if [ -z "$stale" ]; then
	ok "every listed difference from systemd 252 is real"
else
	not_ok "every listed difference from systemd 252 is real" "$stale"
fi

own=$(grep -xF -f "$tmp/sd.groups" "$tmp/sf.groups" | sort >"$tmp/shared"
      grep -vxF -f "$tmp/shared" "$tmp/sf.groups")
clash=$(printf '%s\n' $own | while read -r g; do
	[ -n "$g" ] && grep -qxF "$g" "$tmp/sd.groups" && echo "$g"; done)
if [ -n "$own" ] && [ -z "$clash" ]; then
	ok "sysfence's own groups ($(echo $own)) have names systemd does not use"
else
	not_ok "sysfence's own groups have names systemd does not use" "$clash"
fi

# An added member must be one systemd 252 does not know at all.
added_known=$(awk '
	FILENAME == ARGV[1] { k[$1] = 1; next }
	$3 == "added" && k[$2] { print "@" $1, $2 }' \
	"$tmp/sd.known" "$tmp/deviations")
if [ -z "$added_known" ]; then
	ok "no systemd group gains a syscall systemd 252 knows"
else
	not_ok "no systemd group gains a syscall systemd 252 knows" \
		"$added_known"
fi

# Every syscall of every ABI: in a group, or in the documented list.
awk '
	/^#/ { in_table = ($0 ~ /^### Syscalls in no group/) }
	in_table && /^\| `/ {
		split($0, col, "|")
		k = split(col[2], calls, ",")
		for (i = 1; i <= k; i++) {
			gsub(/[ `]/, "", calls[i])
			print calls[i]
		}
	}' "$doc" | sort >"$tmp/ungrouped.doc"
cut -d' ' -f2 "$tmp/sf" | sort -u >"$tmp/grouped"
comm -23 "$tmp/names" "$tmp/grouped" >"$tmp/ungrouped"
if cmp -s "$tmp/ungrouped" "$tmp/ungrouped.doc"; then
	ok "every syscall is in a group or in the documented list"
else
	not_ok "every syscall is in a group or in the documented list" \
		"in no group, not documented:" \
		$(comm -23 "$tmp/ungrouped" "$tmp/ungrouped.doc") \
		"documented, but grouped or unknown:" \
		$(comm -13 "$tmp/ungrouped" "$tmp/ungrouped.doc")
fi

echo "1..$n"
exit $failed
