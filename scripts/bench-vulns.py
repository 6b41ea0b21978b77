#!/usr/bin/env python3
"""Bench tooling for `hoshi vulns` (issue 13); driven by scripts/bench-vulns, not part of CI.

  yaml2json SRC DST
          PyPA's advisory-database keeps OSV records in YAML; hoshi reads OSV JSON. Every
          scalar is kept as the string written (YAML's BaseLoader: versions like 1.10 stay
          "1.10").
  scale   RECORDS_DIR... --out DIR --times K
          Synthetic, for the load test only: K-1 copies of every record under new ids and new
          package names, so they grow the index but match nothing in the SBOM.
  sbom    RECORDS_DIR... --cargo-lock FILE --out DIR [--n 10000] [--seed 13]
          A CycloneDX JSON SBOM of real package names and versions taken from the OSV records
          (PyPI and Go): a seeded mix of versions the records call affected, versions they do
          not (fixed releases, versions outside every range) and unrelated components (the
          crates of Cargo.lock: no record names crates.io here). Writes DIR/sbom.cdx.json and
          DIR/truth.json, the expected (component, record) pairs computed here from the records
          with their own evaluation: PEP 440 order from `packaging`, SemVer order from
          `semver`, and each affected entry's explicit `versions` list -- none of it hoshi's
          code.
  cbt-db  RECORDS_DIR... --db FILE
          Fills a cve-bin-tool database (its own CVEDB schema and insert code) from the same
          OSV records: one cve_range row per range window (introduced -> start including,
          fixed -> end excluding, last_affected -> end including) and one exact row per listed
          version, vendor "unknown" as cve-bin-tool's own OSV source writes it, product the
          package name in lower case (cve-bin-tool looks SBOM names up in lower case).
  score   --truth FILE (--hoshi FILE | --cbt FILE)
          Recall and precision against the truth. A finding counts for a truth pair when it is
          on the same component and its id or one of its aliases is the record's id or alias
          (hoshi reports the same CVE from two records once).
"""

import argparse
import functools
import json
import pathlib
import random
import re
import sys
import uuid


def records(dirs):
    out = []
    for d in dirs:
        for p in sorted(pathlib.Path(d).rglob("*.json")):
            r = json.loads(p.read_text(encoding="utf-8"))
            if r.get("withdrawn"):
                continue
            out.append(r)
    return out


def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def key(eco, name):
    eco = eco.split(":")[0]
    return (eco, pep503(name) if eco == "PyPI" else name)


# Version orders, independent of hoshi: packaging (PEP 440) and semver (SemVer 2.0).
@functools.lru_cache(maxsize=None)
def parser(eco):
    if eco == "PyPI":
        from packaging.version import InvalidVersion, Version

        @functools.lru_cache(maxsize=None)
        def parse(v):
            try:
                return Version(v)
            except InvalidVersion:
                return None

        return parse
    if eco == "Go":
        import semver

        @functools.lru_cache(maxsize=None)
        def parse(v):
            try:
                return semver.Version.parse(v[1:] if v.startswith("v") else v)
            except ValueError:
                return None

        return parse
    return None


def in_ranges(affected, eco, version):
    """The OSV evaluation of an entry's ranges (introduced/fixed/last_affected; limit bounds)."""
    parse = parser(eco)
    v = parse(version)
    if v is None:
        return None
    for rng in affected.get("ranges", []):
        if rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
            continue
        evs = []
        ok = True
        for e in rng.get("events", []):
            (kind, ver), = e.items()
            if ver == "0" and kind == "introduced":
                evs.append((0, None, kind))
                continue
            pv = parse(ver)
            if pv is None:
                ok = False
                break
            evs.append((1, pv, kind))
        if not ok:
            continue
        limits = [pv for _, pv, k in evs if k == "limit"]
        if limits and not any(v < lim for lim in limits):
            continue
        evs.sort(key=lambda t: (t[0], t[1]) if t[1] is not None else (0,))
        hit = False
        for zero, pv, kind in evs:
            if kind == "introduced" and (zero == 0 or v >= pv):
                hit = True
            elif kind == "fixed" and v >= pv:
                hit = False
            elif kind == "last_affected" and v > pv:
                hit = False
        if hit:
            return True
    return False


def affected_by(rec, eco, name, version):
    for a in rec.get("affected", []):
        p = a.get("package") or {}
        if key(p.get("ecosystem", ""), p.get("name", "")) != key(eco, name):
            continue
        bare = version[1:] if eco == "Go" and version.startswith("v") else version
        if bare in a.get("versions", []) or in_ranges(a, eco, version):
            return True
    return False


def cmd_sbom(a):
    recs = records(a.records)
    by_pkg, names, mentioned = {}, {}, {}
    for r in recs:
        for aff in r.get("affected", []):
            p = aff.get("package") or {}
            eco = p.get("ecosystem", "").split(":")[0]
            if eco not in ("PyPI", "Go"):
                continue
            k = key(eco, p["name"])
            names.setdefault(k, p["name"])
            rs = by_pkg.setdefault(k, [])
            if not rs or rs[-1] is not r:
                rs.append(r)
            vs = mentioned.setdefault(k, set())
            vs.update(aff.get("versions", []))
            for rng in aff.get("ranges", []):
                for e in rng.get("events", []):
                    vs.update(v for v in e.values() if v != "0")
    vuln, clean = [], []
    for k in sorted(by_pkg):
        eco = k[0]
        parse = parser(eco)
        for ver in sorted(mentioned[k]):
            if parse(ver) is None:
                continue
            sv = "v" + ver if eco == "Go" else ver
            hit = any(affected_by(r, eco, names[k], sv) for r in by_pkg[k])
            (vuln if hit else clean).append((eco, names[k], sv))
    unrelated = []
    lock = pathlib.Path(a.cargo_lock).read_text()
    for m in re.finditer(r'name = "([^"]+)"\nversion = "([^"]+)"', lock):
        unrelated.append(("crates.io", m.group(1), m.group(2)))
    rnd = random.Random(a.seed)
    n_unrel = min(len(unrelated), a.n // 10)
    n_clean = min(len(clean), (a.n - n_unrel) // 2)
    n_vuln = min(len(vuln), a.n - n_unrel - n_clean)
    picked = rnd.sample(vuln, n_vuln) + rnd.sample(clean, n_clean) + rnd.sample(unrelated, n_unrel)
    rnd.shuffle(picked)
    comps, truth = [], []
    for i, (eco, name, ver) in enumerate(picked):
        if eco == "PyPI":
            purl = f"pkg:pypi/{pep503(name)}@{ver}"
        elif eco == "Go":
            purl = f"pkg:golang/{name}@{ver}"
        else:
            purl = f"pkg:cargo/{name}@{ver}"
        comps.append(
            {"type": "library", "bom-ref": f"c{i}", "name": name, "version": ver, "purl": purl}
        )
        rs = by_pkg.get(key(eco, name), []) if eco in ("PyPI", "Go") else []
        ids = [
            [r["id"]] + r.get("aliases", [])
            for r in rs
            if affected_by(r, eco, name, ver)
        ]
        truth.append({"name": name, "version": ver, "purl": purl, "records": ids})
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.UUID(int=rnd.getrandbits(128), version=4)}",
        "version": 1,
        "metadata": {"component": {"type": "application", "name": "bench", "version": "1"}},
        "components": comps,
    }
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sbom.cdx.json").write_text(json.dumps(bom, indent=1))
    (out / "truth.json").write_text(json.dumps(truth))
    pairs = sum(len(t["records"]) for t in truth)
    print(
        f"components {len(comps)}: {n_vuln} affected, {n_clean} not, "
        f"{n_unrel} unrelated (pools: {len(vuln)} affected, {len(clean)} not); "
        f"expected pairs {pairs}",
        file=sys.stderr,
    )


def cbt_rows(r):
    """cve_range rows of one OSV record, in cve-bin-tool's dictionary form."""
    rows = []
    for aff in r.get("affected", []):
        p = aff.get("package") or {}
        if not p.get("name"):
            continue
        base = {
            "cve_id": r["id"],
            "vendor": "unknown",
            "product": p["name"].lower(),
            "version": "*",
            "versionStartIncluding": "",
            "versionStartExcluding": "",
            "versionEndIncluding": "",
            "versionEndExcluding": "",
        }
        eco = p.get("ecosystem", "").split(":")[0]
        parse = parser(eco)
        for rng in aff.get("ranges", []):
            if rng.get("type") not in ("ECOSYSTEM", "SEMVER") or parse is None:
                continue
            evs = [tuple(e.items())[0] for e in rng.get("events", [])]
            if any(v != "0" and parse(v) is None for _, v in evs):
                continue
            evs.sort(key=lambda kv: (0,) if kv[1] == "0" else (1, parse(kv[1])))
            start = None
            for kind, ver in evs:
                if kind == "introduced":
                    start = ver
                elif kind in ("fixed", "last_affected") and start is not None:
                    row = dict(base)
                    row["versionStartIncluding"] = "" if start == "0" else start
                    end = "versionEndExcluding" if kind == "fixed" else "versionEndIncluding"
                    row[end] = ver
                    rows.append(row)
                    start = None
            if start is not None:
                row = dict(base)
                row["versionStartIncluding"] = "" if start == "0" else start
                rows.append(row)
        for v in aff.get("versions", []):
            row = dict(base)
            row["version"] = v
            rows.append(row)
    return rows


def cmd_cbt_db(a):
    from cve_bin_tool.cvedb import CVEDB

    db = pathlib.Path(a.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    if db.exists():
        db.unlink()
    cvedb = CVEDB(cachedir=str(db.parent), version_check=False)
    cvedb.init_database()
    severity, affected = [], []
    for r in records(a.records):
        severity.append(
            {
                "ID": r["id"],
                "severity": "unknown",
                # cve-bin-tool leaves out records whose description is "unknown".
                "description": r.get("summary") or r.get("details") or r["id"],
                "score": "unknown",
                "CVSS_version": "unknown",
                "CVSS_vector": "unknown",
                "last_modified": r.get("modified") or r.get("published"),
            }
        )
        affected.extend(cbt_rows(r))
    cvedb.data = [((severity, affected), "OSV")]
    cvedb.populate_db()
    print(f"cve-bin-tool db: {len(severity)} records, {len(affected)} ranges", file=sys.stderr)


def cmd_yaml2json(a):
    import yaml

    src, dst = pathlib.Path(a.src), pathlib.Path(a.dst)
    n = 0
    for p in sorted(src.rglob("*.yaml")):
        rec = yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        out = dst / p.relative_to(src).with_suffix(".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        n += 1
    print(f"{n} records converted", file=sys.stderr)


def cmd_scale(a):
    recs = records(a.records)
    for i in range(1, a.times):
        d = pathlib.Path(a.out) / f"s{i}"
        d.mkdir(parents=True, exist_ok=True)
        for r in recs:
            r = json.loads(json.dumps(r))
            r["id"] = f"{r['id']}-S{i}"
            for aff in r.get("affected", []):
                p = aff.get("package")
                if p:
                    p["name"] = f"{p['name']}-s{i}"
                    p.pop("purl", None)
            (d / f"{r['id']}.json").write_text(json.dumps(r), encoding="utf-8")
    print(f"{len(recs) * (a.times - 1)} copies written", file=sys.stderr)


def cmd_score(a):
    truth = json.loads(pathlib.Path(a.truth).read_text())
    by_comp = {}
    for t in truth:
        by_comp[(t["name"].lower(), t["version"])] = t
    found = []  # (component key, set of ids)
    if a.hoshi:
        doc = json.loads(pathlib.Path(a.hoshi).read_text())
        for f in doc["findings"]:
            c = f["component"]
            found.append(((c["name"].lower(), c["version"]), {f["id"], *f["aliases"]}))
    else:
        doc = json.loads(pathlib.Path(a.cbt).read_text())
        rows = doc if isinstance(doc, list) else [x for v in doc.values() for x in v]
        for row in rows:
            if row.get("cve_number") in (None, "", "UNKNOWN"):
                continue
            found.append(((row["product"].lower(), row["version"]), {row["cve_number"]}))
    expected = sum(len(t["records"]) for t in truth)
    hit = set()
    correct = 0
    for comp, ids in found:
        t = by_comp.get(comp)
        ok = False
        for i, rec in enumerate(t["records"] if t else []):
            if ids & set(rec):
                hit.add((comp, i))
                ok = True
        correct += ok
    recall = len(hit) / expected if expected else 1.0
    precision = correct / len(found) if found else 1.0
    missed = [
        (t["purl"], rec[0])
        for t in truth
        for i, rec in enumerate(t["records"])
        if ((t["name"].lower(), t["version"]), i) not in hit
    ]
    print(
        json.dumps(
            {
                "expected": expected,
                "found": len(found),
                "recall": round(recall, 4),
                "precision": round(precision, 4),
                "missed_examples": missed[:10],
            }
        )
    )


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sbom")
    s.add_argument("records", nargs="+")
    s.add_argument("--cargo-lock", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=10000)
    s.add_argument("--seed", type=int, default=13)
    c = sub.add_parser("cbt-db")
    c.add_argument("records", nargs="+")
    c.add_argument("--db", required=True)
    y = sub.add_parser("yaml2json")
    y.add_argument("src")
    y.add_argument("dst")
    x = sub.add_parser("scale")
    x.add_argument("records", nargs="+")
    x.add_argument("--out", required=True)
    x.add_argument("--times", type=int, required=True)
    sc = sub.add_parser("score")
    sc.add_argument("--truth", required=True)
    g = sc.add_mutually_exclusive_group(required=True)
    g.add_argument("--hoshi")
    g.add_argument("--cbt")
    a = ap.parse_args()
    cmds = {
        "yaml2json": cmd_yaml2json,
        "scale": cmd_scale,
        "sbom": cmd_sbom,
        "cbt-db": cmd_cbt_db,
        "score": cmd_score,
    }
    cmds[a.cmd](a)


if __name__ == "__main__":
    main()
