#!/usr/bin/env python3
"""Assembles catalogs/scs.toml from the part files, requirements in official ID order.

The parts were written in parallel; this keeps one reviewed file in the repository. Run it only
when regenerating from parts: `python3 catalogs/parts/assemble.py`.
"""
import re, sys, tomllib, pathlib
here = pathlib.Path(__file__).parent
header = (here / "scs-00-header.toml").read_text()
parts = ["scs-a.toml", "scs-b.toml", "scs-c.toml", "scs-star4.toml"]
blocks = []  # (kind, id, requirement, text)
for name in parts:
    text = (here / name).read_text()
    cur = None
    for line in text.splitlines(keepends=True):
        if line.startswith("[[requirement]]") or line.startswith("[[criterion]]"):
            cur = [line]
            blocks.append(cur)
        elif line.startswith("#"):
            continue  # section comments; the assembled file has its own order
        elif cur is not None:
            cur.append(line)
def key(i):
    return tuple(int(x) for x in i.split("-"))
reqs, crits = {}, {}
for b in blocks:
    text = "".join(b).rstrip() + "\n"
    kind = "requirement" if b[0].startswith("[[requirement]]") else "criterion"
    m = re.search(r'^id = "([^"]+)"', text, re.M)
    (reqs if kind == "requirement" else crits)[m.group(1)] = text
out = [header.rstrip() + "\n"]
for rid in sorted(reqs, key=key):
    out.append("\n" + reqs[rid])
    for cid in sorted((c for c in crits if c.rsplit("-", 1)[0] == rid), key=key):
        out.append("\n" + crits[cid])
result = "".join(out)
# The assembled file must hold exactly the data of the parts.
assembled = tomllib.loads(result)
want_req = sum((tomllib.loads((here / p).read_text()).get("requirement", []) for p in parts), [])
want_cri = sum((tomllib.loads((here / p).read_text()).get("criterion", []) for p in parts), [])
key_of = lambda d: key(d["id"])
assert sorted(assembled["requirement"], key=key_of) == sorted(want_req, key=key_of), "requirements differ"
assert sorted(assembled["criterion"], key=key_of) == sorted(want_cri, key=key_of), "criteria differ"
(here.parent / "scs.toml").write_text(result)
print(f"catalogs/scs.toml: {len(assembled['requirement'])} requirements, {len(assembled['criterion'])} criteria")
