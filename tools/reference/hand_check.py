#!/usr/bin/env python3
"""Hand check of the new golden cases: the reporting month's headline figures
of the indicators each case's rule affects, worked out directly from the input
files with small, separate code (no import of scorecard_ref), and compared with
expected.json.  Workbooks are read with openpyxl when it is installed (a
reader independent of the reference's); otherwise the check of the workbook
cases is skipped.

    python3 tools/reference/hand_check.py
"""

import csv
import json
import os
import sys
from datetime import date, datetime

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden")
ERRORS = {"#n/a", "#ref!", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!", "#calc!"}
PLACEHOLDERS = {"unallocated", "duty", "none", "n/a", "tbc", "referral coordinator"}
FAILED = []


def blank(v):
    return v is None or str(v).strip() == "" or str(v).strip().lower() in ERRORS | {"null", "n/a", "-"}


def dt(v):
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if blank(v):
        return None
    d, m, y = str(v).strip().split("/")
    return date(int(y), int(m), int(d))


def rows_of(case, name):
    with open(os.path.join(GOLDEN, case, name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def expected(case):
    with open(os.path.join(GOLDEN, case, "expected.json"), encoding="utf-8") as fh:
        d = json.load(fh)
    return {i["id"]: i for i in d["indicators"]}, d


def check(case, what, hand, ref):
    ok = (hand is None and ref is None) or (hand is not None and ref is not None and abs(hand - ref) < 1e-9)
    print("%-22s %-48s hand %-10s reference %-10s %s" % (case, what, _f(hand), _f(ref), "ok" if ok else "DIFFERENT"))
    if not ok:
        FAILED.append((case, what))


def _f(v):
    return "null" if v is None else ("%.4g" % v if isinstance(v, float) else str(v))


def series(ind, month, measure):
    return [s for s in ind["series"] if s["month"] == month][0][measure]


def age(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def unallocated(open_eps, m_end, worker_of):
    """open_eps: child -> (start, episode key); worker_of: key -> worker text."""
    n = 0
    for child, (start, key) in open_eps.items():
        w = worker_of.get(key)
        if key in worker_of and (blank(w) or " ".join(str(w).split()).lower() in PLACEHOLDERS) \
                and (m_end - start).days >= 7:
            n += 1
    return n


def open_at(eps, d):
    """eps: key -> (child, start, end); the child's latest open episode."""
    out = {}
    for key, (child, s, e) in eps.items():
        if s <= d and (e is None or e > d):
            if child not in out or s > out[child][0]:
                out[child] = (s, key)
    return out


def words(name):
    s = "".join(ch for ch in str(name).lower() if ch.isalnum() or ch.isspace())
    return tuple(sorted(s.split()))


def eet_percent(rows, m_end, dob_col, act_col, touch_col=None, elig_col=None):
    cohort = eet = 0
    for r in rows:
        a = age(dt(r[dob_col]), m_end)
        if not 17 <= a <= 21:
            continue
        if touch_col and str(r.get(touch_col) or "")[:3].lower() in ("c) ", "f) "):
            continue
        if elig_col and str(r.get(elig_col) or "").lower().startswith("d)"):
            continue
        cohort += 1
        code = str(r[act_col]).strip()[:2].upper()
        eet += code in ("F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5")
    return eet / cohort * 100 if cohort else None


def one_word_headers():
    case, m_end = "one_word_headers", date(2018, 1, 31)
    ind, _ = expected(case)
    l6 = rows_of(case, "list6_cin_2018-01-31.csv")  # every episode of the December file is in it too
    eps = {(r["ChildUniqueID"], r["CINStartDate"]): (r["ChildUniqueID"], dt(r["CINStartDate"]), dt(r["CINClosureDate"]))
           for r in l6}
    op = open_at(eps, m_end)
    workers = {(r["ChildUniqueID"], r["CINStartDate"]): r["AllocatedWorker"] for r in l6}
    check(case, "1 open_cases Jan-18", len(op), ind["unallocated_cases"]["columns"]["current"]["open_cases"])
    check(case, "1 unallocated Jan-18", unallocated(op, m_end, workers),
          ind["unallocated_cases"]["columns"]["current"]["unallocated"])
    l7 = rows_of(case, "list7_cp_2018-01-31.csv")
    cp = {r["child_unique_id"] for r in l7 if dt(r["child_protection_plan_start_date"]) <= m_end
          and (dt(r["child_protection_plan_end_date"]) is None or dt(r["child_protection_plan_end_date"]) > m_end)}
    check(case, "5 count Jan-18", len(cp), ind["cp_plans"]["columns"]["current"]["count"])
    l9 = rows_of(case, "list9_care_leavers_2018-01-31.csv")
    check(case, "8 percent Jan-18", eet_percent(l9, m_end, "date_of_birth", "activity_status", "la_in_touch",
                                                "eligibility_category"),
          ind["care_leavers_eet"]["columns"]["current"]["percent"])
    staff = rows_of(case, "staff_2018-01-31.csv")
    counted = {r["worker_id"]: float(r["fte"]) for r in staff if r["qualified_social_worker"].startswith("a)")
               and not r["manager"].startswith("a)") and not r["end_date"]}
    cases = sum(1 for c, (s, key) in op.items() if workers[key] in counted)
    check(case, "13 average Jan-18", cases / sum(counted.values()), ind["caseload"]["columns"]["current"]["average"])


def annex_a_workbook():
    case, m_end = "annex_a_workbook", date(2018, 1, 31)
    try:
        import openpyxl
    except ImportError:
        print("%-22s skipped: openpyxl is not installed" % case)
        return
    ind, exp = expected(case)
    wb = openpyxl.load_workbook(os.path.join(GOLDEN, case, "Annex_A_extract.xlsx"))
    # As-at: the latest date in any non-birth date column of the visible sheets
    latest = None
    sheets = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        rows = list(ws.iter_rows(values_only=True))
        h = next(i for i, r in enumerate(rows) if r and r[0] in ("Child Unique ID", "Individual adopter identifier"))
        head = list(rows[h])
        recs = [dict(zip(head, r)) for r in rows[h + 1:] if any(v is not None for v in r)]
        sheets[ws.title] = recs
        for col in head:
            k = "".join(ch for ch in str(col).lower() if ch.isalnum())
            if "date" in k and "birth" not in k:
                for r in recs:
                    try:
                        d = dt(r[col])
                    except ValueError:
                        d = None
                    if d and (latest is None or d > latest):
                        latest = d
    print("%-22s workbook's latest non-birth date %s (every sheet's as_at in expected.json: %s)"
          % (case, latest, sorted({f["as_at"] for f in exp["files"] if "›" in f["name"]})))
    if str(latest) != "2018-01-31":
        FAILED.append((case, "as-at"))
    l6 = sheets["List 6"]
    eps = {(r["Child Unique ID"], dt(r["CIN Start Date"])): (r["Child Unique ID"], dt(r["CIN Start Date"]),
                                                             dt(r["CIN Closure Date"])) for r in l6}
    op = open_at(eps, m_end)
    workers = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"] for r in l6}
    # openpyxl gives a formula cell its formula: take the cached value from a data-only load
    wbv = openpyxl.load_workbook(os.path.join(GOLDEN, case, "Annex_A_extract.xlsx"), data_only=True)
    vrows = list(wbv["List 6"].iter_rows(values_only=True))
    vhead = list(vrows[0])
    for r in vrows[1:]:
        rr = dict(zip(vhead, r))
        workers[(rr["Child Unique ID"], dt(rr["CIN Start Date"]))] = rr["Allocated Worker"]
    check(case, "1 open_cases Jan-18", len(op), ind["unallocated_cases"]["columns"]["current"]["open_cases"])
    check(case, "1 unallocated Jan-18", unallocated(op, m_end, workers),
          ind["unallocated_cases"]["columns"]["current"]["unallocated"])
    staff = rows_of(case, "staff_2018-01-31.csv")
    in_post = {words(r["Worker Name"]): r for r in staff if not r["End Date"]}
    counted = {k: float(r["FTE"]) for k, r in in_post.items() if r["Manager"] != "Yes"}
    cases = sum(1 for c, (s, key) in op.items() if not blank(workers[key]) and words(workers[key]) in counted)
    check(case, "13 average Jan-18", cases / sum(counted.values()), ind["caseload"]["columns"]["current"]["average"])
    check(case, "8 percent Jan-18", eet_percent(sheets["List 9"], m_end, "Date of Birth", "Activity Status",
                                                "LA in Touch", "Eligibility Category"),
          ind["care_leavers_eet"]["columns"]["current"]["percent"])


def workbook_sheet_dates():
    case = "workbook_sheet_dates"
    try:
        import openpyxl
    except ImportError:
        print("%-22s skipped: openpyxl is not installed" % case)
        return
    ind, _ = expected(case)

    def sheet(book, name):
        ws = openpyxl.load_workbook(os.path.join(GOLDEN, case, book))[name]
        rows = list(ws.iter_rows(values_only=True))
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    for month, m_end, book, name in [("2017-10", date(2017, 10, 31), "allocations_corrected.xlsx", "List 9"),
                                     ("2017-12", date(2017, 12, 31), "annex_a_by_sheet.xlsx", "List 9 2017-12-31"),
                                     ("2018-01", date(2018, 1, 31), "annex_a_by_sheet.xlsx", "List 9 2018-01-31"),
                                     ("2018-02", date(2018, 2, 28), "annex_a_2018-02-28.xlsx", "List 9")]:
        check(case, "8 percent %s (%s)" % (month, name),
              eet_percent(sheet(book, name), m_end, "Date of Birth", "Activity Status"),
              series(ind["care_leavers_eet"], month, "percent"))
    check(case, "8 percent 2017-11 (no List 9 as at Nov)", None, series(ind["care_leavers_eet"], "2017-11", "percent"))
    # November's allocation: the corrected workbook (override 30/11/2017); merged closures from the later books
    eps = {}
    for book, name in [("allocations_corrected.xlsx", "List 6"), ("annex_a_by_sheet.xlsx", "List 6 2017-12-31"),
                       ("annex_a_by_sheet.xlsx", "List 6 2018-01-31"), ("annex_a_2018-02-28.xlsx", "List 6")]:
        for r in sheet(book, name):
            key = (r["Child Unique ID"], dt(r["CIN Start Date"]))
            eps[key] = (r["Child Unique ID"], dt(r["CIN Start Date"]), dt(r["CIN Closure Date"]))
    nov = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"]
           for r in sheet("allocations_corrected.xlsx", "List 6")}
    op = open_at(eps, date(2017, 11, 30))
    check(case, "1 unallocated 2017-11", unallocated(op, date(2017, 11, 30), nov),
          series(ind["unallocated_cases"], "2017-11", "unallocated"))


def list6_episodes(case, files, id_col="Child Unique ID"):
    eps = {}
    for f in files:
        for r in rows_of(case, f):
            if blank(r[id_col]):
                continue
            key = (r[id_col].strip(), dt(r["CIN Start Date"]))
            eps[key] = (r[id_col].strip(), dt(r["CIN Start Date"]), dt(r["CIN Closure Date"]))
    return eps


def list9_births_only():
    case, m_end = "list9_births_only", date(2018, 1, 31)
    ind, _ = expected(case)
    eps = list6_episodes(case, ["list6_cin_extract.csv"])
    op = open_at(eps, m_end)
    workers = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"]
               for r in rows_of(case, "list6_cin_extract.csv")}
    check(case, "1 open_cases Jan-18", len(op), ind["unallocated_cases"]["columns"]["current"]["open_cases"])
    check(case, "1 unallocated Jan-18", unallocated(op, m_end, workers),
          ind["unallocated_cases"]["columns"]["current"]["unallocated"])
    check(case, "8 percent Jan-18 (dated List 9 only)",
          eet_percent(rows_of(case, "list9_care_leavers_2018-01-31.csv"), m_end, "Date of Birth", "Activity Status"),
          ind["care_leavers_eet"]["columns"]["current"]["percent"])
    check(case, "8 percent Dec-17 (no dated List 9)", None, series(ind["care_leavers_eet"], "2017-12", "percent"))


def grace(case, grace_days):
    ind, _ = expected(case)
    files = ["list6_cin_2017-11-10.csv", "list6_cin_2017-11-30.csv", "list6_cin_2018-01-09.csv",
             "list6_cin_2018-02-05.csv"]
    eps = list6_episodes(case, files)
    for month, m_end, alloc_file in [("2017-10", date(2017, 10, 31), "list6_cin_2017-11-10.csv"),
                                     ("2017-12", date(2017, 12, 31), "list6_cin_2018-01-09.csv")]:
        asat = date(*map(int, alloc_file[10:20].split("-")))
        op = open_at(eps, m_end)
        if (asat - m_end).days <= grace_days:
            workers = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"]
                       for r in rows_of(case, alloc_file)}
            hand = unallocated(op, m_end, workers)
        else:
            hand = None
        check(case, "1 unallocated %s (%s, %d days late)" % (month, alloc_file, (asat - m_end).days), hand,
              series(ind["unallocated_cases"], month, "unallocated"))
        check(case, "1 open_cases %s" % month, len(op), series(ind["unallocated_cases"], month, "open_cases"))


def excel_errors():
    case, m_end = "excel_errors", date(2018, 3, 31)
    ind, _ = expected(case)
    eps = list6_episodes(case, ["list6_cin_2018-02-28.csv", "list6_cin_2018-03-31.csv"])
    op = open_at(eps, m_end)
    workers = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"]
               for r in rows_of(case, "list6_cin_2018-03-31.csv")}
    check(case, "1 open_cases Mar-18", len(op), ind["unallocated_cases"]["columns"]["current"]["open_cases"])
    check(case, "1 unallocated Mar-18", unallocated(op, m_end, workers),
          ind["unallocated_cases"]["columns"]["current"]["unallocated"])
    l7 = rows_of(case, "list7_cp_2018-03-31.csv")
    cp = {r["Child Unique ID"] for r in l7 if not blank(r["Child Unique ID"])
          and dt(r["Child Protection Plan Start Date"]) <= m_end
          and (dt(r["Child Protection Plan End Date"]) is None or dt(r["Child Protection Plan End Date"]) > m_end)}
    check(case, "5 count Mar-18", len(cp), ind["cp_plans"]["columns"]["current"]["count"])


def staff_names():
    case, m_end = "staff_names", date(2018, 3, 31)
    ind, _ = expected(case)
    eps = list6_episodes(case, ["list6_cin_2018-03-31.csv"])
    op = open_at(eps, m_end)
    workers = {(r["Child Unique ID"], dt(r["CIN Start Date"])): r["Allocated Worker"]
               for r in rows_of(case, "list6_cin_2018-03-31.csv")}
    staff = rows_of(case, "staff_2018-03-31.csv")
    fte = {words(r["Worker Name"]): float(r["FTE"]) for r in staff}
    cases = sum(1 for c, (s, key) in op.items() if words(workers[key]) in fte)
    check(case, "13 average Mar-18", cases / sum(fte.values()), ind["caseload"]["columns"]["current"]["average"])
    central = {k for k, r in zip([words(r["Worker Name"]) for r in staff], staff)
               if "central" in " ".join(r["Team"].lower().split())}
    c_cases = sum(1 for c, (s, key) in op.items() if words(workers[key]) in central)
    check(case, "13 average CENTRAL Mar-18", c_cases / sum(fte[k] for k in central),
          ind["caseload"]["columns"]["areas"]["CENTRAL"]["average"])


if __name__ == "__main__":
    one_word_headers()
    annex_a_workbook()
    workbook_sheet_dates()
    list9_births_only()
    grace("grace_days", 10)
    grace("grace_days_default", 7)
    excel_errors()
    staff_names()
    print("all hand-checked figures agree" if not FAILED else "DIFFERENT: %s" % FAILED)
    sys.exit(1 if FAILED else 0)
