#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# --json of syscalls, groups and constants: each is one valid JSON
# document with the members docs/json.md describes, and says what the
# command's text says. (show --json needs the module: a QEMU scenario.)
# TAP on stdout. $SYSFENCE is the binary to test (default userland/sysfence).
set -u

sf=${SYSFENCE:-userland/sysfence}
n=0
failed=0

# check NAME PYTHON -- COMMAND...: runs PYTHON with the command's JSON in
# `doc` and `sf` the binary; it raises (assert) on a mismatch.
check() {
	name=$1 code=$2
	shift 3
	n=$((n + 1))
	if out=$("$@" | python3 -c "
import json, subprocess, sys
sf = sys.argv[1]
def text(*args):
    return subprocess.run([sf, *args], check=True, capture_output=True,
                          text=True).stdout.splitlines()
doc = json.load(sys.stdin)
$code
" "$sf" 2>&1); then
		echo "ok $n - json: $name"
	else
		echo "not ok $n - json: $name"
		printf '%s\n' "$out" | tail -n 5 | sed 's/^/#   /'
		failed=1
	fi
}

check "syscalls: one entry per line of the text, same fields" '
assert list(doc) == ["syscalls"]
lines = text("syscalls", "-w")
assert len(doc["syscalls"]) == len(lines), (len(doc["syscalls"]), len(lines))
for s, line in zip(doc["syscalls"], lines):
    assert set(s) == {"abi", "nr", "name", "args", "entry"}, s
    args = ", ".join("%s %s [%s%d]" % (a["type"], a["name"],
                     "s" if a["signed"] else "u", a["bits"]) for a in s["args"])
    want = "%s %d %s(%s) %s" % (s["abi"], s["nr"], s["name"], args, s["entry"])
    assert want == line, (want, line)
' -- "$sf" syscalls --json

check "syscalls ABI: that ABI only" '
assert {s["abi"] for s in doc["syscalls"]} == {"i386"}
assert any(s["name"] == "socketcall" and s["nr"] == 102 for s in doc["syscalls"])
' -- "$sf" syscalls --json i386

check "groups: every group, members as listed and expanded" '
lines = text("groups")
assert [("@" + g["name"], g["description"]) for g in doc["groups"]] == \
       [tuple(l.split(None, 1)) for l in lines]
for g in doc["groups"]:
    assert set(g) == {"name", "description", "members", "syscalls"}, g
    assert g["syscalls"] == text("groups", g["name"]), g["name"]
    assert not any(c.startswith("@") for c in g["syscalls"]), g["name"]
assert any(m.startswith("@") for g in doc["groups"] for m in g["members"])
' -- "$sf" groups --json

check "groups NAME: that group only" '
assert [g["name"] for g in doc["groups"]] == ["basic-io"]
assert "write" in doc["groups"][0]["syscalls"]
' -- "$sf" groups --json @basic-io

check "constants: values per ABI as the text has them" '
lines = text("constants")
assert len(doc["constants"]) == len(lines)
abis = ["x86_64", "i386", "x32"]
for c, line in zip(doc["constants"], lines):
    want = [c["name"]] + [str(c["values"][a]) if a in c["values"] else "-"
                          for a in abis]
    assert want == line.split(), (want, line)
o = {c["name"]: c["values"] for c in doc["constants"]}
assert o["O_CREAT"] == {"x86_64": 64, "i386": 64, "x32": 64}, o["O_CREAT"]
assert "x86_64" not in o["F_GETLK64"], o["F_GETLK64"]
' -- "$sf" constants --json

check "constants ABI: only what that ABI has" '
assert all(list(c["values"]) == ["i386"] for c in doc["constants"])
assert "PTRACE_ARCH_PRCTL" not in {c["name"] for c in doc["constants"]}
assert "F_GETLK64" in {c["name"] for c in doc["constants"]}
' -- "$sf" constants --json i386

n=$((n + 1))
if out=$("$sf" syscalls --json nosuchabi 2>&1); then
	echo "not ok $n - json: an unknown ABI is a usage error"
	failed=1
else
	echo "ok $n - json: an unknown ABI is a usage error"
fi
exit $failed
