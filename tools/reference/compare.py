#!/usr/bin/env python3
"""Compare two scorecard JSON outputs on the parts listed in
/work/shared/cases/README.md ("What to compare").

Usage: python3 compare.py EXPECTED.json ACTUAL.json

Compared:
- month;
- per file (matched by name): kind, as_at, as_at_source, covers_from, covers_to;
- per indicator (matched by id): every measure in columns.current,
  columns.previous (including months), columns.baseline (including month),
  columns.areas (the set of areas too), every month of series, rating, trend,
  target, national, statistical_neighbours, missing_inputs.

Numbers agree when they match to about 6 significant figures; null must
match null.  Each difference is printed as one line starting with its path.
Exit status 1 when there is any difference, 0 otherwise.
"""

import json
import math
import sys

REL_TOL = 1e-6
ABS_TOL = 1e-9


def same_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return a == b


def compare_dict(path, exp, act, out):
    """Every key of either side must be present in both with the same value."""
    if exp is None or act is None:
        if not (exp is None and act is None):
            out.append("%s: expected %s, got %s" % (path, json.dumps(exp), json.dumps(act)))
        return
    for k in list(exp) + [k for k in act if k not in exp]:
        if k not in exp:
            out.append("%s.%s: unexpected key (value %s)" % (path, k, json.dumps(act[k])))
        elif k not in act:
            out.append("%s.%s: missing (expected %s)" % (path, k, json.dumps(exp[k])))
        elif not same_value(exp[k], act[k]):
            out.append("%s.%s: expected %s, got %s" % (path, k, json.dumps(exp[k]), json.dumps(act[k])))


def compare(exp, act):
    out = []
    if exp.get("month") != act.get("month"):
        out.append("month: expected %s, got %s" % (exp.get("month"), act.get("month")))

    afiles = {f["name"]: f for f in act.get("files", [])}
    for f in exp.get("files", []):
        p = "files[%s]" % f["name"]
        a = afiles.get(f["name"])
        if a is None:
            out.append("%s: missing" % p)
            continue
        for k in ("kind", "as_at", "as_at_source", "covers_from", "covers_to"):
            if f.get(k) != a.get(k):
                out.append("%s.%s: expected %s, got %s" % (p, k, json.dumps(f.get(k)), json.dumps(a.get(k))))
    for name in afiles:
        if name not in {f["name"] for f in exp.get("files", [])}:
            out.append("files[%s]: unexpected file" % name)

    ainds = {i["id"]: i for i in act.get("indicators", [])}
    for ie in exp.get("indicators", []):
        p = "indicators[%s]" % ie["id"]
        ia = ainds.get(ie["id"])
        if ia is None:
            out.append("%s: missing" % p)
            continue
        for k in ("rating", "trend", "target", "national", "statistical_neighbours"):
            if not same_value(ie.get(k), ia.get(k)):
                out.append("%s.%s: expected %s, got %s" % (p, k, json.dumps(ie.get(k)), json.dumps(ia.get(k))))
        if sorted(ie.get("missing_inputs", [])) != sorted(ia.get("missing_inputs", [])):
            out.append("%s.missing_inputs: expected %s, got %s"
                       % (p, ie.get("missing_inputs"), ia.get("missing_inputs")))
        ce, ca = ie.get("columns", {}), ia.get("columns", {})
        for col in ("current", "previous", "baseline"):
            if col in ce or col in ca:
                compare_dict("%s.columns.%s" % (p, col), ce.get(col), ca.get(col), out)
        if "areas" in ce or "areas" in ca:
            ae, aa = ce.get("areas") or {}, ca.get("areas") or {}
            if set(ae) != set(aa):
                out.append("%s.columns.areas: expected areas %s, got %s" % (p, sorted(ae), sorted(aa)))
            for area in ae:
                if area in aa:
                    compare_dict("%s.columns.areas[%s]" % (p, area), ae[area], aa[area], out)
        se = {s["month"]: s for s in ie.get("series", [])}
        sa = {s["month"]: s for s in ia.get("series", [])}
        if list(se) != list(sa):
            out.append("%s.series: expected months %s, got %s" % (p, list(se), list(sa)))
        for m in se:
            if m in sa:
                compare_dict("%s.series[%s]" % (p, m), se[m], sa[m], out)
    for iid in ainds:
        if iid not in {i["id"] for i in exp.get("indicators", [])}:
            out.append("indicators[%s]: unexpected indicator" % iid)
    return out


def main(argv):
    if len(argv) != 3:
        print("usage: compare.py EXPECTED.json ACTUAL.json", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as fh:
        exp = json.load(fh)
    with open(argv[2], encoding="utf-8") as fh:
        act = json.load(fh)
    diffs = compare(exp, act)
    for d in diffs:
        print(d)
    if diffs:
        print("%d difference(s)" % len(diffs), file=sys.stderr)
        return 1
    print("no differences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
