#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# --json of check, eval, syscalls, groups and constants: each is one valid JSON
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
    args = ", ".join("%s %s [%s%d%s]" % (a["type"], a["name"],
                     "s" if a["signed"] else "u", a["bits"],
                     ", narrowed by " + a["narrowed_by"] if "narrowed_by" in a
                     else "") for a in s["args"])
    want = "%s %d %s(%s) %s" % (s["abi"], s["nr"], s["name"], args, s["entry"])
    assert want == line, (want, line)
' -- "$sf" syscalls --json

check "syscalls: a narrowed argument says by what" '
clone = [s for s in doc["syscalls"] if s["name"] == "clone"][0]
flags = [a for a in clone["args"] if a["name"] == "clone_flags"][0]
assert flags["bits"] == 32 and "lower_32_bits" in flags["narrowed_by"], flags
' -- "$sf" syscalls --json x86_64

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'default allow\nallow write if fd == 1\nerrno EBADF write\nallow read\nallow read\n' >"$tmp/warn.policy"
printf 'default allow\nerrno EACCES openat if flags & O_RDONLY\n' >"$tmp/bad.policy"

check "check: a valid policy, its warnings with positions, summary, cost" '
assert doc["file"].endswith("warn.policy") and doc["valid"] is True
assert doc["warnings"] == [{"line": 5, "column": 1, "message": doc["warnings"][0]["message"]}]
assert "unreachable" in doc["warnings"][0]["message"]
assert doc["warnings_total"] == 1 and doc["warnings_by_kind"]["unreachable"] == 1
assert doc["default"] == "allow" and doc["abi_violation"] == "kill"
x = doc["abis"][0]
assert x["abi"] == "x86_64" and x["allowed"] and x["argument_dependent"] == 1
assert [a["allowed"] for a in doc["abis"][1:]] == [False, False]
assert doc["cost"]["steps"] >= 3 and doc["cost"]["bytes"] > 0
' -- "$sf" check --json "$tmp/warn.policy"

check "check: an invalid policy is a document with the error and its position" '
assert doc["valid"] is False and set(doc) == {"file", "valid", "error"}
assert (doc["error"]["line"], doc["error"]["column"]) == (2, 32), doc
assert "never true" in doc["error"]["message"]
' -- sh -c '"$1" check --json "$2"; [ $? -eq 1 ]' sh "$sf" "$tmp/bad.policy"

check "check: --werror exits 1 on a warning, still one document" '
assert doc["warnings_total"] == 1
' -- sh -c '"$1" check --json --werror "$2"; [ $? -eq 1 ]' sh "$sf" "$tmp/warn.policy"

check "eval: the decision, the registers, the deciding line" '
assert doc == {"abi": "x86_64", "nr": 1, "syscall": "write",
               "args": [3, 0, 0, 0, 0, 0], "verdict": "errno EBADF",
               "action": "errno", "data": 9, "decided_by": "rule",
               "line": 3}, doc
' -- "$sf" eval --json "$tmp/warn.policy" x86_64 write 3

check "eval: an ABI the policy does not allow meets abi-violation" '
assert doc["verdict"] == "kill" and doc["decided_by"] == "abi-violation"
assert doc["abi"] == "i386" and doc["syscall"] == "write"
' -- "$sf" eval --json "$tmp/warn.policy" i386 write

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
abis = ["x86_64", "i386", "x32"]
assert lines[0].split() == ["NAME"] + abis, lines[0]
lines = lines[1:]
assert len(doc["constants"]) == len(lines)
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
