#!/usr/bin/env python3
"""Deterministic generator of the golden cases under tests/golden/.

For each case it writes the input CSVs, settings.json, cmd.json (month,
settings, files in order, description) and expected.json, computed by the
independent reference implementation tools/reference/scorecard_ref.py with
--today 2026-11-26.  Standard library only; randomness from seeded
random.Random instances.  All identifiers are synthetic (GC000123, W00012,
"Sam Sample").

    python3 tools/reference/make_golden.py            # regenerate every case
    python3 tools/reference/make_golden.py boundaries # one case
"""

import csv
import io
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(ROOT, "tests", "golden")
TODAY = "2026-11-26"

sys.path.insert(0, HERE)
import scorecard_ref  # noqa: E402
from xlsx_write import BuiltinDate, Error, Formula, Inline, Rich, Workbook  # noqa: E402,F401

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]


# --- value formats -----------------------------------------------------------

def dmy(d):
    return "" if d is None else "%02d/%02d/%04d" % (d.day, d.month, d.year)


def dmon(d):
    return "" if d is None else "%d-%s-%04d" % (d.day, MON[d.month - 1], d.year)


def d_month_y(d):
    return "" if d is None else "%d %s %04d" % (d.day, MONTH_FULL[d.month - 1], d.year)


def iso(d):
    return "" if d is None else d.isoformat()


def iso_time(d, t="09:30"):
    return "" if d is None else "%s %s" % (d.isoformat(), t)


def serial(d):
    return "" if d is None else str((d - date(1899, 12, 30)).days)


def dots(d):
    return "" if d is None else "%d.%d.%04d" % (d.day, d.month, d.year)


def D(y, m, d):
    return date(y, m, d)


GENDERS = ["a) Male", "b) Female"]
ETHNICITIES = ["a) WBRI", "b) WIRI", "c) WOTH", "d) MWBC", "e) ABAN", "f) APKN", "g) BAFR", "h) CHNE"]
FIRST = ["Sam", "Alex", "Jo", "Pat", "Robin", "Dana", "Lee", "Jamie", "Taylor", "Kim", "Ash", "Sky",
         "Jordan", "Casey", "Riley", "Quinn", "Morgan", "Chris", "Rowan", "Avery"]
LAST = ["Sample", "Example", "Placeholder", "Mock", "Replica", "Dummy", "Lorem", "Ipsum", "Testcase",
        "Mockup", "Artificial", "Simulated", "Fake", "Pretend", "Sham", "Invented", "Specimen"]


def add_months(d, n):
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    m += 1
    import calendar
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_end(y, m):
    import calendar
    return date(y, m, calendar.monthrange(y, m)[1])


# --- writing -------------------------------------------------------------------

class Case:
    def __init__(self, name, month, description):
        self.name = name
        self.month = month
        self.description = description
        self.files = []  # (file name, bytes) in command-line order
        self.settings = {"version": 1}
        self.as_at = {}  # cmd.json "as_at": FILE, book.xlsx or "book.xlsx › Sheet" -> YYYY-MM-DD

    def xlsx(self, fname, workbook):
        self.files.append((fname, workbook.to_bytes()))

    def csv(self, fname, header, rows, delimiter=",", bom=False, crlf=False, encoding="utf-8"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)
        data = buf.getvalue().encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        self.files.append((fname, data))

    def write(self):
        d = os.path.join(GOLDEN, self.name)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        for fname, data in self.files:
            with open(os.path.join(d, fname), "wb") as fh:
                fh.write(data)
        with open(os.path.join(d, "settings.json"), "w", encoding="utf-8") as fh:
            json.dump(self.settings, fh, indent=1)
            fh.write("\n")
        cmd = {"month": self.month, "settings": "settings.json",
               "files": [f for f, _ in self.files],
               "description": self.description}
        if self.as_at:
            cmd["as_at"] = dict(self.as_at)
        with open(os.path.join(d, "cmd.json"), "w", encoding="utf-8") as fh:
            json.dump(cmd, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        cwd = os.getcwd()
        os.chdir(d)
        try:
            overrides = []
            for f, day in self.as_at.items():
                overrides += ["--as-at", "%s=%s" % (f, day)]
            out = scorecard_ref.run(["--month", self.month, "--settings", "settings.json",
                                     "--today", TODAY] + overrides + cmd["files"])
        finally:
            os.chdir(cwd)
        with open(os.path.join(d, "expected.json"), "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        return out


def annex_cols(rng, child):
    """Gender, Ethnicity, Date of Birth for the common Annex A columns."""
    h = sum(ord(c) for c in child)
    dob = date(2003, 1, 1) + timedelta(days=(h * 97) % 4000)
    return [GENDERS[h % 2], ETHNICITIES[h % len(ETHNICITIES)], dmy(dob)]


# =============================================================================
# Case 1: boundaries (month 2017-04)
# =============================================================================

def case_boundaries():
    c = Case("boundaries", "2017-04",
             "hand-built boundary rows, reporting month 2017-04 (series 2016-04..2017-04): "
             "open/closed on M_end, 45/46 working days across Christmas 2016 and Easter 2017, "
             "12-month re-referral edges and 28 Feb 2017 look-back over 29 Feb 2016, coverage "
             "starting on the 3rd vs the 9th, inclusive staff end dates, care leavers turning 17 "
             "and 22 on M_end, UASC and V3/V4, Unmapped/Unassigned, CP plans starting on M_start "
             "and M_start+1, placeholders and the 7-day rule, allocation from a List 6 extract "
             "7 days after M_end, worker matched by name, agency manager; team table from settings")
    rng = random.Random(20170430)
    NA, NS, SA, SC, DC, LC = ("North Assessment", "North Safeguarding", "South Assessment",
                              "South Children in Care", "Disabled Children", "Leaving Care")
    MYST = "Mystery Team"
    c.settings = {
        "version": 1,
        "la_name": "Boundary Borough (synthetic)",
        "teams": [
            {"team": NA, "area": "North", "team_type": "Assessment"},
            {"team": NS, "area": "North", "team_type": "Safeguarding"},
            {"team": SA, "area": "South", "team_type": "Assessment"},
            {"team": SC, "area": "South", "team_type": "Children in Care"},
            {"team": DC, "area": "Citywide", "team_type": "Disabled Children"},
            {"team": LC, "area": "Citywide", "team_type": "Other"},
        ],
        "areas": [
            {"area": "North", "population_0_17": 5000},
            {"area": "South", "population_0_17": 4000},
            {"area": "Citywide", "population_0_17": None},
        ],
    }

    # --- List 3: one long extract (coverage from 2015-03-01: look-back complete)
    refs = [
        ("GC000100", D(2015, 3, 2), "0", NA),  # earliest referral: coverage from 01/03/2015
        ("GC000001", D(2016, 4, 10), "0", NA), ("GC000001", D(2017, 4, 10), "1", NA),  # exactly 12 months: re-referral
        ("GC000002", D(2016, 4, 9), "0", SA), ("GC000002", D(2017, 4, 10), "0", SA),   # 12 months + 1 day: not
        ("GC000003", D(2016, 2, 29), "0", NA), ("GC000003", D(2017, 2, 28), "1", NA),  # 28/02/2017 looks back to 28/02/2016
        ("GC000004", D(2016, 2, 29), "0", SA), ("GC000004", D(2017, 3, 1), "0", SA),   # 01/03/2017 looks back to 01/03/2016
        ("GC000006", D(2017, 4, 3), "0", NA), ("GC000006", D(2017, 4, 20), "1", NA),   # two referrals in the month
        ("GC000007", D(2017, 4, 12), "3", ""),             # count says 3 but look-back complete: dates say no; Unassigned
        ("GC000008", D(2016, 10, 1), "0", MYST), ("GC000008", D(2017, 4, 18), "0", MYST),  # Unmapped, re by dates
    ]
    for i in range(40):
        child = "GC%06d" % (110 + rng.randrange(25))
        d = D(2016, 3, 1) + timedelta(days=rng.randrange(395))  # up to 2017-03-30
        refs.append((child, d, "", rng.choice([NA, SA])))
    rows = []
    for child, d, cnt, team in sorted(refs, key=lambda r: (r[1], r[0])):
        rows.append([child] + annex_cols(rng, child) + [dmy(d), rng.choice(["Yes", "No"]), cnt, team])
    c.files_l3 = rows
    c.csv("list3_referrals_2017-04-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of referral", "Referral NFA?",
           "Number of Referrals in Last 12 Months", "Allocated Team"], rows)

    # --- List 4 (coverage from 2016-03-01)
    S45_XMAS, S46_XMAS = D(2016, 11, 24), D(2016, 11, 23)   # to 31/01/2017: 45 and 46 working days
    S45_EASTER, S46_EASTER = D(2017, 2, 22), D(2017, 2, 21)  # to 28/04/2017: 45 and 46 working days
    ass = [
        ("GC000200", D(2016, 2, 1), D(2016, 3, 4), "Yes", NA),          # earliest authorisation (4th): coverage from 01/03/2016
        ("GC000201", S45_XMAS, D(2017, 1, 31), "Y", NA),                 # 45 working days over Christmas: inside
        ("GC000202", S46_XMAS, D(2017, 1, 31), "", SA),                  # 46: outside; seen blank = not seen
        ("GC000203", S45_EASTER, D(2017, 4, 28), "Yes", NA),             # 45 over Easter: inside
        ("GC000204", S46_EASTER, D(2017, 4, 28), "b) No", SA),           # 46: outside, not seen
        ("GC000205", D(2017, 4, 11), D(2017, 4, 11), "a) Yes", ""),      # same day: 0 days, inside; Unassigned
        ("GC000206", D(2017, 4, 20), D(2017, 4, 19), "Yes", MYST),       # authorised before start: left out
        ("GC000207", S45_EASTER, None, "", NA),                          # open, 45 working days at M_end: not overdue
        ("GC000208", S46_EASTER, None, "", SA),                          # open, 46: overdue
        ("GC000209", D(2017, 4, 3), None, "", DC),                       # open, recent
    ]
    for i in range(45):
        child = "GC%06d" % (210 + i)
        a = D(2016, 3, 7) + timedelta(days=rng.randrange(385))  # up to 2017-03-27
        s = a - timedelta(days=rng.choice([10, 20, 30, 40, 50, 60, 64, 70, 80]))
        ass.append((child, s, a, rng.choice(["Yes", "Yes", "Yes", "No"]), rng.choice([NA, SA])))
    rows = [[ch] + annex_cols(rng, ch) + [dmy(s), seen, dmy(a), team] for ch, s, a, seen, team in ass]
    c.csv("list4_assessments_2017-04-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Continuous Assessment Start Date",
           "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
           "Allocated Team"], rows)

    # --- List 6: as at 31/03/2017 and as at 07/05/2017 (7 days after M_end: gives April's allocation)
    # (child, start, endA, endB, team, workerA, workerB, inA, inB)
    eps = [
        ("GC000300", D(2015, 6, 1), D(2016, 4, 5), None, NA, "W00006", None, True, False),  # A's earliest closure: from 01/04/2016
        ("GC000301", D(2016, 2, 1), D(2016, 11, 20), D(2016, 11, 20), SA, "W00004", "W00004", True, True),  # B from 01/12/2016
        ("GC000010", D(2016, 1, 10), None, D(2017, 4, 30), NA, "W00003", "W00003", True, True),  # closes on M_end: not open
        ("GC000011", D(2017, 4, 23), None, None, NA, None, "Duty", False, True),       # M_end - start = 7: unallocated
        ("GC000012", D(2017, 4, 24), None, None, SA, None, " TBC ", False, True),      # 6 days: not counted
        ("GC000013", D(2017, 1, 15), None, None, SA, "", "", True, True),              # blank worker: unallocated
        ("GC000014", D(2016, 6, 20), None, None, NS, "W00003", "W00003", True, True),
        ("GC000015", D(2016, 9, 5), None, None, SA, "Sam Sample", "  sam   SAMPLE ", True, True),  # matched by name
        ("GC000017", D(2016, 12, 1), None, None, NS, "", None, True, False),           # open but not in B: allocated, reported
        ("GC000018", D(2016, 6, 1), None, None, NA, "W00006", "W00006", True, True),
        ("GC000018", D(2017, 2, 1), None, None, NS, "Unallocated", "Unallocated", True, True),  # latest start gives allocation
        ("GC000019", D(2016, 9, 1), None, None, MYST, "W00003", "W00003", True, True),  # Unmapped
        ("GC000020", D(2016, 10, 1), None, None, "", "W00007", "W00007", True, True),   # Unassigned
        ("GC000021", D(2016, 11, 11), None, None, DC, "W00009", "W00009", True, True),  # worker leaves on M_end: in post
        ("GC000022", D(2016, 11, 12), None, None, NA, "W00010", "W00010", True, True),  # worker left M_end-1: no worker
        ("GC000023", D(2017, 3, 15), None, None, SA, "w00005", "w00005", True, True),   # ID, other case
        ("GC000024", D(2016, 8, 8), None, None, NA, "W00014", "W00014", True, True),    # case-holding manager
        ("GC000025", D(2016, 7, 7), None, None, SA, "W00002", "W00002", True, True),    # agency manager, not case holder
        ("GC000041", D(2016, 9, 9), None, None, SC, "W00007", "W00007", True, True),    # also V3 in List 8
        ("GC000040", D(2016, 10, 10), None, None, SC, "W00007", "W00007", True, True),  # also looked after (UASC)
        ("GC000026", D(2016, 5, 5), D(2016, 12, 15), D(2016, 12, 15), NA, "W00006", "W00006", True, True),
        ("GC000027", D(2017, 3, 20), None, None, NS, "tbc", "W00016", True, True),      # allocated between extracts
    ]
    for i in range(14):
        ch = "GC%06d" % (320 + i)
        s = D(2015, 10, 1) + timedelta(days=rng.randrange(500))
        e = s + timedelta(days=rng.randrange(60, 400))
        endA = e if e <= D(2017, 3, 31) else None
        endB = e if e <= D(2017, 5, 7) else None
        inA = s <= D(2017, 3, 31) and (endA is None or endA >= D(2016, 10, 1))
        inB = s <= D(2017, 5, 7) and (endB is None or endB >= D(2016, 11, 8))
        w = rng.choice(["W00003", "W00004", "W00006", "W00007", "W00008", "Duty", ""])
        eps.append((ch, s, endA, endB, rng.choice([NA, NS, SA, SC]), w, w, inA, inB))
    for fname, which in (("list6_cin_2017-03-31.csv", "A"), ("list6_cin_2017-05-07.csv", "B")):
        rows = []
        for ch, s, eA, eB, team, wA, wB, inA, inB in eps:
            if (which == "A" and not inA) or (which == "B" and not inB):
                continue
            e, w = (eA, wA) if which == "A" else (eB, wB)
            rows.append([ch] + annex_cols(rng, ch) + [dmy(s), dmy(e), "b) CIN", team, w or ""])
        c.csv(fname, ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "CIN Start Date",
                      "CIN Closure Date", "Case Status", "Allocated Team", "Allocated Worker"], rows)

    # --- List 7 (earliest end on the 3rd: coverage from 01/05/2016) and CP visits
    plans = [
        ("GC000038", D(2016, 1, 10), D(2016, 5, 3), NS),
        ("GC000030", D(2017, 4, 1), None, NS),      # starts on M_start: due
        ("GC000031", D(2017, 4, 2), None, SA),      # starts M_start+1: not due, counted in indicator 5
        ("GC000032", D(2016, 11, 1), D(2017, 4, 30), NS),  # ends on M_end: not open, not due
        ("GC000033", D(2016, 8, 15), None, SA),     # visited but not seen
        ("GC000034", D(2016, 10, 10), None, NS),    # visit with blank Child Seen
        ("GC000035", D(2017, 1, 5), None, MYST),    # Unmapped
        ("GC000036", D(2016, 12, 12), None, ""),    # Unassigned
        ("GC000039", D(2016, 6, 1), D(2016, 12, 1), SA),
        ("GC000039", D(2017, 1, 9), None, SA),      # second plan for the same child
        ("GC000014", D(2016, 7, 1), D(2016, 10, 31), NS),
        ("GC000028", D(2016, 5, 20), D(2017, 2, 14), NA),
        ("GC000029", D(2016, 9, 1), D(2017, 3, 31), NA),
    ]
    rows = [[ch] + annex_cols(rng, ch) + [dmy(s), dmy(e), "", team] for ch, s, e, team in plans]
    c.csv("list7_cp_2017-04-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Child Protection Plan Start Date",
           "Child Protection Plan End Date", "Date of the Last Statutory Visit", "Allocated Team"], rows)
    visits = [("GC000030", D(2017, 4, 20), "Yes"), ("GC000033", D(2017, 4, 5), "No"),
              ("GC000034", D(2017, 4, 6), ""), ("GC000035", D(2017, 4, 11), "Yes"),
              ("GC000036", D(2017, 4, 12), "a) Yes"), ("GC000039", D(2017, 4, 3), "1"),
              ("GC000038", D(2016, 5, 2), "Yes")]  # earliest visit: coverage from 01/05/2016
    for ch, s, e, _t in plans:
        d = max(s, D(2016, 5, 1))
        last = min(e or D(2017, 3, 31), D(2017, 3, 31))
        while d <= last:
            mstart = d.replace(day=1)
            if rng.random() < 0.85:
                v = mstart + timedelta(days=rng.randrange(27))
                if s <= v and (e is None or v < e):
                    visits.append((ch, v, rng.choice(["Yes", "Yes", "Yes", "No"])))
            d = add_months(mstart, 1)
    visits.sort(key=lambda v: (v[1], v[0]))
    c.csv("cp_visits_2017-04-30.csv", ["Child Unique ID", "Visit Date", "Child Seen"],
          [[ch, dmy(d), seen] for ch, d, seen in visits])

    # --- List 8 (earliest ceased on the 9th: coverage from 01/06/2016)
    cla = [
        ("GC000045", "N", D(2015, 8, 1), "C2", D(2016, 5, 9), SC),
        ("GC000040", "Y", D(2016, 10, 10), "C2", None, SC),            # UASC
        ("GC000041", "N", D(2016, 9, 20), "V3: Single short break", None, SC),  # short breaks: not looked after
        ("GC000042", "N", D(2016, 9, 21), "V4: Short breaks", None, SC),
        ("GC000043", "N", D(2017, 2, 2), "V2: Single period under S20", None, SC),
        ("GC000044", "N", D(2016, 6, 6), "C1", D(2017, 4, 30), SC),     # ceased on M_end
        ("GC000046", "N", D(2016, 12, 1), "", None, NS),                # no legal status: looked after
        ("GC000047", "N", D(2016, 7, 1), "C2", None, MYST),             # Unmapped
        ("GC000048", "N", D(2016, 8, 1), "L1", None, ""),               # Unassigned
        ("GC000049", "b) No", D(2015, 12, 1), "C2", None, SC),
        ("GC000060", "a) Yes", D(2017, 3, 20), "C2", None, NA),         # UASC from March
        ("GC000061", "N", D(2016, 6, 15), "J2", D(2016, 11, 2), SC),
    ]
    rows = [[ch] + annex_cols(rng, ch) + [u, dmy(s), legal, dmy(e), team] for ch, u, s, legal, e, team in cla]
    c.csv("list8_cla_2017-04-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth",
           "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
           "Date Started to be Looked After", "Child's Legal Status", "Date Ceased to be Looked After",
           "Allocated Team"], rows)

    # --- List 9: as at 31/01/2017, 08/03/2017 (8 days after February: not February's), 30/04/2017
    leavers = [
        ("GC000050", D(2000, 4, 30), "a) Relevant", "a) Yes", LC),        # 17 on M_end: in
        ("GC000051", D(1995, 4, 30), "b) Former relevant", "a) Yes", LC), # 22 on M_end: out
        ("GC000052", D(1995, 5, 1), "b) Former relevant", "a) Yes", LC),  # 21: in
        ("GC000053", D(1998, 1, 1), "b) Former relevant", "c) Died", LC),
        ("GC000054", D(1997, 6, 1), "b) Former relevant", "f) Rhom", LC),
        ("GC000055", D(1999, 9, 9), "d) Eligible child", "a) Yes", LC),
        ("GC000056", D(2000, 5, 1), "a) Relevant", "a) Yes", LC),         # 16 on M_end
        ("GC000057", D(1999, 2, 28), "c) Qualifying", "a) Yes", SC),
        ("GC000058", D(1997, 11, 11), "b) Former relevant", "d) Refu", MYST),
        ("GC000059", D(1996, 3, 3), "b) Former relevant", "a) Yes", ""),
        ("GC000062", D(1996, 10, 10), "b) Former relevant", "e) NREQ", LC),
        ("GC000063", D(1998, 8, 8), "b) Former relevant", "a) Yes", LC),
    ]
    acts_by_file = {
        "2017-01-31": ["F1 - Full time higher education", "F4", "G6 - Not in EET: other", "G6", "G4",
                       "F2", "F1", "P2", "G5", "0", "P5", "G6"],
        "2017-03-08": ["G6", "F4", "P1: Part time higher education", "G6", "G4", "F2", "F1", "P2",
                       "F4: Full time employment", "G4", "P5", "F3"],
        "2017-04-30": ["F1 - Full time higher education", "F4", "G6 - Not in EET: other", "G6", "G4",
                       "F2", "F1", "P2", "F4: Full time employment", "0", "P5", "X9"],
    }
    for asat, acts in acts_by_file.items():
        rows = []
        for (ch, dob, elig, touch, team), act in zip(leavers, acts):
            rows.append([ch, GENDERS[int(ch[-1]) % 2], "a) WBRI", dmy(dob), elig, touch, act, team])
        c.csv("list9_care_leavers_%s.csv" % asat,
              ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Eligibility Category",
               "LA in Touch", "Activity Status", "Allocated Team"], rows)

    # --- List 10 (earliest adoption order 06/05/2016: coverage from 01/05/2016)
    adopt = [
        ("GC000070", D(2014, 5, 5), D(2015, 10, 1), D(2016, 2, 1), D(2016, 3, 1), D(2016, 5, 6)),
        ("GC000071", D(2015, 1, 10), D(2016, 3, 10), D(2016, 3, 1), D(2016, 4, 1), D(2016, 9, 15)),  # match before PO: 0 days
        ("GC000072", D(2015, 6, 1), D(2016, 5, 5), D(2016, 8, 1), D(2017, 3, 10), D(2017, 3, 1)),    # placed after order: left out
        ("GC000073", D(2015, 9, 9), D(2016, 6, 6), None, D(2016, 10, 10), D(2017, 2, 14)),          # no match: out of 9, in 10
        ("GC000074", D(2016, 1, 20), D(2016, 9, 1), D(2016, 12, 1), D(2017, 1, 5), D(2017, 4, 28)),
        ("GC000075", D(2016, 2, 2), D(2016, 10, 1), D(2017, 1, 10), D(2017, 2, 20), None),          # not adopted yet
        ("GC000076", D(2015, 3, 3), D(2016, 1, 4), D(2016, 4, 4), D(2016, 5, 5), D(2016, 11, 30)),
    ]
    rows = [[ch] + annex_cols(rng, ch) + [dmy(e), dmy(po), dmy(m), dmy(p), dmy(ao), SC]
            for ch, e, po, m, p, ao in adopt]
    c.csv("list10_adoption_2017-04-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date the Child Entered Care",
           "Date of Placement Order", "Date of Matching Child and Prospective Adopters",
           "Date Placed for Adoption", "Date of Adoption Order", "Allocated Team"], rows)

    # --- family support (earliest end 04/04/2016: coverage from 01/04/2016)
    fs = [("GC000080", D(2016, 1, 1), D(2016, 4, 4)), ("GC000081", D(2016, 10, 1), None),
          ("GC000041", D(2017, 1, 1), None), ("GC000082", D(2017, 2, 1), D(2017, 4, 30)),
          ("GC000049", D(2016, 5, 1), None), ("GC000083", D(2016, 6, 1), None),
          ("GC000084", D(2016, 4, 20), D(2016, 12, 2))]
    c.csv("family_support_2017-04-30.csv", ["Child Unique ID", "Start Date", "End Date", "Service", "Team"],
          [[ch, dmy(s), dmy(e), "Family Support", "Early Help"] for ch, s, e in fs])

    # --- staff (earliest end 30/06/2015: coverage from 01/07/2015) and supervisions
    staff = [
        # id, name, team, qualified, agency, manager, case holder, fte, start, end
        ("W00001", "Alex Example", NA, "Yes", "No", "Yes", "", "1", D(2012, 1, 1), None),
        ("W00002", "Morgan Mock", SA, "Yes", "Yes", "Yes", "", "1", D(2016, 1, 4), None),   # agency manager
        ("W00003", "Pat Placeholder", NS, "Yes", "No", "No", "", "0.8", None, None),
        ("W00004", "Sam Sample", SA, "Yes", "No", "No", "", "1", D(2014, 5, 1), None),
        ("W00005", "Chris Cardboard", SA, "Yes", "Yes", "No", "", "0.5", D(2016, 9, 1), None),
        ("W00006", "Robin Replica", NA, "Yes", "No", "No", "", "1", None, None),
        ("W00007", "Dana Dummy", SC, "Yes", "No", "No", "", "1", None, None),
        ("W00008", "Lee Lorem", DC, "Yes", "No", "No", "", "0.6", None, None),
        ("W00009", "Jamie Ipsum", DC, "Yes", "No", "No", "", "1", None, D(2017, 4, 30)),     # leaves on M_end
        ("W00010", "Taylor Testcase", NA, "Yes", "No", "No", "", "1", None, D(2017, 4, 29)), # leaves M_end-1
        ("W00011", "Kim Mockup", LC, "No", "No", "No", "", "1", None, None),                 # not qualified
        ("W00012", "Ash Artificial", MYST, "Yes", "No", "No", "", "1", None, None),          # Unmapped
        ("W00013", "Sky Simulated", "", "Yes", "Yes", "No", "", "1", None, None),            # Unassigned, agency
        ("W00014", "Jordan Fake", NA, "Yes", "No", "Yes", "Yes", "1", None, None),           # case-holding manager
        ("W00015", "Casey Pretend", LC, "Yes", "No", "No", "", "1", D(2017, 4, 15), None),   # joins mid-month
        ("W00016", "Riley Sham", NS, "Yes", "No", "No", "", "2", None, None),                # FTE out of range: 1
        ("W00017", "Old Leaver", NA, "Yes", "No", "No", "", "1", D(2010, 1, 1), D(2015, 6, 30)),
        ("W00018", "Quinn Invented", SC, "Yes", "No", "No", "No", "0.5", None, None),        # not a case holder
    ]
    c.csv("staff_2017-04-30.csv",
          ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency", "Manager", "Case Holder",
           "FTE", "Start Date", "End Date"],
          [[w, n, t, q, a, m, ch, f, dmy(s), dmy(e)] for w, n, t, q, a, m, ch, f, s, e in staff])
    sups = [("W00001", D(2016, 3, 2))]  # earliest: coverage from 01/03/2016
    for w, n, t, q, a, m, ch, f, s, e in staff:
        if w == "W00017":
            continue
        d = D(2016, 4, 1)
        while d <= D(2017, 4, 1):
            first = max(d, s or d)
            last = min(month_end(d.year, d.month), e or D(2099, 1, 1))
            if first <= last and rng.random() < 0.85:
                day = first + timedelta(days=rng.randrange((last - first).days + 1))
                wid = w if rng.random() < 0.8 else rng.choice([w.lower(), " %s " % w])
                sups.append((wid, day))
            d = add_months(d, 1)
    sups.append(("W00010", D(2017, 4, 29)))  # last day in post
    sups.sort(key=lambda x: (x[1], x[0]))
    c.csv("supervisions_2017-04-30.csv", ["Worker ID", "Supervision Date"], [[w, dmy(d)] for w, d in sups])
    return c


# =============================================================================
# Case 2: messy inputs (month 2018-03)
# =============================================================================

def case_messy():
    c = Case("messy_inputs", "2018-03",
             "value forms and file handling, reporting month 2018-03: d-Mon-yyyy, yyyy-mm-dd with "
             "times, Excel serials, yes/no and code forms, aliased/odd-case/punctuated/reordered "
             "headers with extra columns, a semicolon file, a UTF-8-BOM file, CRLF, monthly List 6 "
             "and List 9 extracts, overlapping keys (later as-at wins; same as-at: later on the "
             "command line wins), in-file duplicates, invalid dates and blank ids, List 3 count "
             "column where look-back is incomplete, settings overrides, an extra bank holiday, "
             "a teams file replacing settings teams, as-at from the data of a file without a date")
    rng = random.Random(20180331)
    HA, HS, RA, RC, LC, DT = ("Hilltop Assessment", "Hilltop Safeguarding", "Riverside Assessment",
                              "Riverside CIC", "Leaving Care Service", "Disability Team")
    c.settings = {
        "version": 1,
        "la_name": "Messy Metropolitan (synthetic)",
        "protective_marking": "OFFICIAL-SENSITIVE",
        "teams": [{"team": "Old Team", "area": "OLD", "team_type": "Other"}],
        "areas": [{"area": "HILL", "population_0_17": 8000}, {"area": "RIVER", "population_0_17": 6000},
                  {"area": "CITY", "population_0_17": None}],
        "population_year": "Mid-2017",
        "indicators": {
            "cp_plans": {"target": 30, "tolerance": 3, "polarity": "down"},
            "children_in_care": {"target": 40, "tolerance": None, "baseline_month": "2017-09"},
            "care_leavers_eet": {"target": 55, "tolerance": 5, "national": 51, "statistical_neighbours": None},
            "supervision": {"previous_mode": "cumulative", "target": 90},
            "assessments_in_timescale": {"national": None, "statistical_neighbours": 80},
            "agency_staff": {"polarity": "none"},
            "re_referrals": {"target": 20, "tolerance": None},
        },
        "unallocated_placeholders": ["unallocated", "duty", "tbc", "awaiting allocation"],
        "extra_bank_holidays": ["2018-03-19"],
        "agency_basis": "headcount",
    }
    # teams file (odd-case headers, CRLF) replaces the settings' team table
    c.csv("teams.csv", ["TEAM", "area", "Team type"],
          [[HA, "HILL", "Assessment"], [HS, "HILL", "Safeguarding"], [RA, "RIVER", "Assessment"],
           [RC, "RIVER", "Children in Care"], [LC, "CITY", "Other"], [DT, "CITY", "Disabled Children"]],
          crlf=True)
    teams6 = [HA, HS, RA, RC, " hilltop  safeguarding ", "RIVERSIDE ASSESSMENT"]  # case/space folding

    # --- List 3: A as at 30/09/2017 without the count column (coverage 2017-04-01..);
    #     B "Referrals_Mar_2018.csv", semicolon, with the count column (coverage 2017-09-01..).
    children = ["GC%06d" % (1000 + i) for i in range(60)]
    refs = []
    for i in range(110):
        ch = rng.choice(children)
        d = D(2017, 4, 3) + timedelta(days=rng.randrange(362))  # 2017-04-03 .. 2018-03-30
        refs.append((ch, d))
    refs.append(("GC001000", D(2017, 4, 3)))
    refs = sorted(set(refs), key=lambda r: (r[1], r[0]))
    a_rows, b_rows = [], []
    for ch, d in refs:
        team = rng.choice([HA, RA, HA, RA, ""])
        if d <= D(2017, 9, 30):
            a_rows.append([ch, dmon(d), rng.choice(["No", "Yes"]), team])
        if d >= D(2017, 9, 4):
            r = rng.random()
            cnt = rng.choice(["0", "1", "2"]) if r < 0.75 else rng.choice(["", "two", "1.0", "-"])
            b_rows.append([rng.choice(["a) Female", "b) Male"]), ch, iso_time(d, "%02d:%02d" % (rng.randrange(24), rng.randrange(60))) if rng.random() < 0.5 else iso(d), cnt, team, "note"])
    # bad rows: invalid key dates and a blank id (left out entirely, reported)
    a_rows.append(["GC001001", "2017/08/05", "No", HA])
    a_rows.append(["#N/A", "5-Aug-2017", "No", HA])
    b_rows.append(["a) Female", "GC001002", "03/25/2018", "0", RA, ""])
    b_rows.append(["a) Female", "GC001003", "5/3/18", "0", RA, ""])
    b_rows.append(["a) Female", "  ", "2018-03-05", "0", RA, ""])
    c.csv("list3_referrals_2017-09-30.csv",
          ["Child Unique ID", "Date of Referral", "Referral NFA?", "Allocated Team"], a_rows)
    c.csv("Referrals_Mar_2018.csv",
          ["Gender", "child unique id", "DATE OF REFERRAL", "number of referrals in last 12 months",
           "Allocated team", "Comments"], b_rows, delimiter=";")

    # --- List 4: UTF-8 with BOM, aliases, reordered and extra columns, serials and ISO with times
    ass = []
    for i in range(70):
        ch = "GC%06d" % (1100 + i)
        a = D(2017, 3, 6) + timedelta(days=rng.randrange(385))  # authorised 2017-03-06 .. 2018-03-25
        s = a - timedelta(days=rng.choice([5, 15, 30, 45, 55, 62, 63, 64, 65, 70, 90]))
        ass.append((ch, s, a, rng.choice(["Y", "1", "a) Yes", "yes", "N", "0", "b) No", "Y", "Y", ""])))
    # extra bank holiday 19/03/2018: 46 weekday-working-days become 45 (inside)
    ass.append(("GC001190", D(2018, 1, 15), D(2018, 3, 20), "Y"))
    # open assessments for open_overdue
    for i in range(8):
        s = D(2017, 12, 1) + timedelta(days=rng.randrange(110))
        ass.append(("GC%06d" % (1191 + i), s, None, ""))
    rows = []
    for ch, s, a, seen in ass:
        fmt = rng.choice(["serial", "isotime", "dmy"])
        f = {"serial": serial, "isotime": lambda d: iso_time(d, "00:00:00") if d else "", "dmy": dmy}[fmt]
        rows.append(["x", f(a), seen, rng.choice([HA, RA, HS]), ch, f(s)])
    rows.append(["x", dmy(D(2018, 3, 1)), "Y", HA, "#N/A", dmy(D(2018, 2, 1))])      # blank id
    rows.append(["x", "31/02/2018", "Y", HA, "GC001199", dmy(D(2018, 1, 2))])         # invalid authorisation
    c.csv("Assessments_2018-03-31.csv",
          ["Extra Column", "Date of Authorisation", "child seen during assessment", "ALLOCATED TEAM",
           "Child Unique ID", "Assessment Start Date"], rows, bom=True)

    # --- List 6: monthly extracts Oct 2017 .. Mar 2018, plus a corrected Mar 2018 extract
    eps = []
    for i in range(45):
        ch = "GC%06d" % (1200 + i)
        s = D(2016, 6, 1) + timedelta(days=rng.randrange(660))
        e = s + timedelta(days=rng.randrange(40, 500)) if rng.random() < 0.6 else None
        eps.append({"child": ch, "start": s, "end": e, "team": rng.choice(teams6),
                    "workers": {}})
    eps.append({"child": "GC001250", "start": D(2018, 3, 24), "end": None, "team": HA, "workers": {}})
    eps.append({"child": "GC001251", "start": D(2018, 3, 25), "end": None, "team": HA, "workers": {}})
    worker_pool = ["W00101", "W00102", "w00103", "W00104", "Jo Sample", "W00106", "W00107", "W00108",
                   "Rowan Specimen", "W00110"]
    placeholders = ["", "Duty", "Awaiting Allocation", "TBC", "none", "N/A"]  # "none" is not a placeholder here
    asats = [D(2017, 10, 31), D(2017, 11, 30), D(2017, 12, 31), D(2018, 1, 31), D(2018, 2, 28), D(2018, 3, 31)]
    for ep in eps:
        w = rng.choice(worker_pool)
        for asat in asats:
            if rng.random() < 0.15:
                w = rng.choice(placeholders + worker_pool)
            ep["workers"][asat] = w
    fmts = [dmon, dmy, d_month_y, iso, dmon, dmy]
    list6_header = ["child unique id", "Gender", "CIN start date", "Cin Closure Date", "Case Status",
                    "Allocated team", "ALLOCATED WORKER", "Notes"]
    for asat, fmt in zip(asats, fmts):
        rows = []
        for ep in eps:
            s, e = ep["start"], ep["end"]
            if s > asat:
                continue
            if e is not None and e <= asat - timedelta(days=183):
                continue
            ee = e if (e is not None and e <= asat) else None
            rows.append([ep["child"], "b) Female", fmt(s), fmt(ee), "b) CIN", ep["team"],
                         ep["workers"][asat], ""])
        if asat == D(2018, 3, 31):
            rows.append(["GC001299", "a) Male", fmt(D(2017, 8, 8)), "31/02/2018", "b) CIN", HA, "W00101", "bad closure"])
            rows.append(rows[0][:])  # exact duplicate row
        c.csv("list6_cin_%s.csv" % asat.isoformat(), list6_header, rows)
    # Same as-at date, later on the command line: a full re-extract that wins for every key it
    # holds and is March's allocation extract.  Changes against list6_cin_2018-03-31.csv: one
    # closure corrected, allocations changed, one team moved; GC001299 (invalid closure) absent.
    rows = []
    for i, ep in enumerate(eps):
        s, e = ep["start"], ep["end"]
        asat = D(2018, 3, 31)
        if s > asat or (e is not None and e <= asat - timedelta(days=183)):
            continue
        ee = e if (e is not None and e <= asat) else None
        w = ep["workers"][asat]
        team = ep["team"]
        if i == 0:
            ee = D(2018, 3, 15)  # corrected closure
        elif i in (1, 2):
            w = "Awaiting Allocation"
        elif i in (3, 4):
            w = "W00104"
        elif i == 5:
            team = RA
        rows.append([ep["child"], "b) Female", dmy(s), dmy(ee), "b) CIN", team, w, "corrected"])
    c.csv("list6_cin_2018-03-31_corrected.csv", list6_header, rows)

    # --- List 7: semicolon, odd headers, d.m.yyyy dates, an exact duplicate row
    plans = []
    for i in range(30):
        ch = "GC%06d" % (1300 + i)
        s = D(2016, 6, 1) + timedelta(days=rng.randrange(640))
        e = s + timedelta(days=rng.randrange(60, 500)) if rng.random() < 0.55 else None
        if e is not None and e > D(2018, 3, 31):
            e = None
        plans.append((ch, s, e, rng.choice([HS, RC, HA, "Unknown Team"])))
    plans.append(("GC001330", D(2016, 3, 1), D(2016, 9, 7), HS))  # earliest end on the 7th: from 01/09/2016
    plans.append(("GC001331", D(2018, 3, 1), None, HS))           # starts on M_start: due
    rows = [[ch, dots(s), "x", dots(e), "", t] for ch, s, e, t in plans]
    rows.append(rows[3][:])
    c.csv("list7_cp_2018-03-31.csv",
          ["CHILD UNIQUE ID", "child protection plan start date", "Gender",
           "Child-Protection-Plan End-Date", "date of the last statutory visit", "Allocated Team"],
          rows, delimiter=";")

    # --- List 8: aliases, coded values, same key twice in the file (later row wins)
    cla = []
    for i in range(30):
        ch = "GC%06d" % (1400 + i)
        s = D(2015, 6, 1) + timedelta(days=rng.randrange(1000))
        e = s + timedelta(days=rng.randrange(100, 700)) if rng.random() < 0.4 else None
        if e is not None and e > D(2018, 3, 31):
            e = None
        if e is not None and e < D(2017, 3, 2):
            e = D(2017, 3, 2) + timedelta(days=rng.randrange(300))
        legal = rng.choice(["C2 - Full care order", "C1: Interim care order", "a) V2", "V3: Short breaks",
                            "v4", "L1", "E1 - Placement order", "C2", ""])
        uasc = rng.choice(["N", "N", "N", "b) No", "0", "Y", "a) Yes", "1"])
        cla.append([ch, uasc, dmon(s), legal, dmon(e), rng.choice([RC, RC, HS, ""])])
    cla.append(["GC001430", "N", dmon(D(2016, 5, 5)), "C2", dmon(D(2017, 3, 2)), RC])  # earliest ceased: from 01/03/2017
    cla.append(["GC001431", "N", dmon(D(2017, 6, 6)), "C2", "", RC])
    cla.append(["GC001431", "N", dmon(D(2017, 6, 6)), "C2", dmon(D(2018, 1, 15)), RC])  # same key: this row wins
    cla.append(["GC001432", "maybe", dmon(D(2017, 7, 7)), "C2", "", RC])                # invalid UASC
    c.csv("list8_cla_2018-03-31.csv",
          ["Child Unique ID", "UASC", "Date Started to be Looked After", "Legal Status",
           "Date Ceased to be Looked After", "Allocated Team"], cla)

    # --- List 9: monthly extracts Oct 2017 .. Mar 2018
    leavers = []
    for i in range(28):
        ch = "GC%06d" % (1500 + i)
        dob = D(1995, 9, 1) + timedelta(days=rng.randrange(2000))
        leavers.append((ch, dob, rng.choice(["a) Relevant", "b) Former relevant", "b) Former relevant",
                                             "c) Qualifying", "d) Eligible child"]),
                        rng.choice(["a) Yes"] * 6 + ["b) No", "c) Died", "d) Refu", "f) Rhom"]),
                        rng.choice([LC, LC, RC, HS])))
    acts = ["F1 - Full time higher education", "p1: part time higher education", "F2", "P2", "f3",
            "F4: Full time employment", "P4", "F5", "G4 - NEET: illness", "G5", "G6 - Not in EET: other", "0"]
    for asat in asats:
        rows = []
        for ch, dob, elig, touch, team in leavers:
            rows.append([team, rng.choice(acts), touch, elig, d_month_y(dob) if rng.random() < 0.5 else dmy(dob), ch])
        c.csv("list9_care_leavers_%s.csv" % asat.strftime("%d.%m.%Y"),
              ["Allocated Team", "ACTIVITY STATUS", "LA in touch", "Eligibility category",
               "Date of birth", "Child Unique ID"], rows)

    # --- List 10: Excel serials (earliest adoption order 03/04/2017: coverage from 01/04/2017)
    rows = []
    for i in range(10):
        ch = "GC%06d" % (1600 + i)
        ao = D(2017, 4, 3) + timedelta(days=rng.randrange(360)) if i else D(2017, 4, 3)
        pl = ao - timedelta(days=rng.randrange(60, 200))
        ma = pl - timedelta(days=rng.randrange(10, 60))
        po = ma - timedelta(days=rng.randrange(-20, 300))
        en = po - timedelta(days=rng.randrange(100, 500))
        rows.append([ch, serial(en), serial(po), serial(ma) if i != 4 else "", serial(pl), serial(ao), RC])
    c.csv("list10_adoption_2018-03-31.csv",
          ["Child Unique ID", "Date the Child Entered Care", "Date of Placement Order",
           "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
           "Date of Adoption Order", "Allocated Team"], rows)

    # --- CP visits: no date in the name, as-at from the data (a typo date after today is left out)
    visits = [("GC001330", D(2017, 2, 20), "Y")]  # earliest: coverage from 01/03/2017
    for ch, s, e, t in plans:
        d = max(s, D(2017, 3, 1)).replace(day=1)
        while d <= D(2018, 3, 1):
            if rng.random() < 0.85:
                v = d + timedelta(days=rng.randrange(28))
                if s <= v and (e is None or v < e):
                    visits.append((ch, v, rng.choice(["Y", "Y", "a) Yes", "1", "N", ""])))
            d = add_months(d, 1)
    visits.append(("GC001331", D(2018, 3, 31), "Yes"))  # latest valid date: the as-at date
    visits.sort(key=lambda v: (v[1], v[0]))
    vrows = [[ch, dmon(d), s] for ch, d, s in visits]
    vrows.insert(5, ["GC001331", "15-Mar-2099", "Y"])  # after today: not used for the as-at date
    c.csv("cp_visits_extract.csv", ["Child Unique ID", "Visit Date", "Child Seen"], vrows)

    # --- family support: month name in the file name
    rows = []
    for i in range(25):
        ch = "GC%06d" % (1700 + i) if i < 20 else "GC%06d" % (1200 + i)
        s = D(2016, 9, 1) + timedelta(days=rng.randrange(560))
        e = s + timedelta(days=rng.randrange(60, 400)) if rng.random() < 0.5 else None
        if e is not None and e > D(2018, 3, 31):
            e = None
        rows.append([ch, iso(s), iso(e), "Early Help", ""])
    rows.append(["GC001799", iso(D(2016, 1, 1)), iso(D(2017, 3, 1)), "Early Help", ""])  # from 01/03/2017
    c.csv("Family_Support_Mar_2018.csv", ["Child Unique ID", "Start Date", "End Date", "Service", "Team"], rows)

    # --- staff: coded yes/no, an FTE with a comma (not a number: read as 1), mixed-case ids
    staff = [
        ["W00101", "Alex Sample", HA, "Y", "0", "N", "", "1", "", ""],
        ["W00102", "Pat Example", HA, "1", "0", "0", "", "0.5", "01/06/2015", ""],
        ["W00103", "Robin Mock", HS, "a) Yes", "b) No", "b) No", "", "1,0", "", ""],
        ["W00104", "Dana Replica", HS, "yes", "1", "no", "", "1", "", ""],
        ["W00105", "Jo Sample", RA, "Y", "N", "N", "", "0.8", "", ""],
        ["W00106", "Lee Dummy", RA, "Y", "Y", "N", "", "1", "2017-11-13", ""],
        ["W00107", "Jamie Lorem", RC, "Y", "N", "N", "", "1", "", "28-Feb-2018"],
        ["W00108", "Taylor Ipsum", RC, "Y", "N", "Y", "Y", "1", "", ""],
        ["W00109", "Rowan Specimen", DT, "Y", "N", "N", "", "0.6", "", ""],
        ["W00110", "Kim Testcase", LC, "N", "N", "N", "", "1", "", ""],
        ["W00111", "Ash Mockup", HA, "Y", "N", "Y", "", "1", "", ""],
        ["W00112", "Sky Artificial", RA, "Y", "Y", "Y", "", "1", "", "05/01/2018"],
        ["w00113", "Casey Fake", HS, "Y", "N", "N", "", "1", "2016-01-01", "2017-03-03"],  # earliest end: from 01/03/2017
        ["W00114", "Riley Pretend", RC, "Y", "N", "N", "N", "0.5", "", ""],
    ]
    c.csv("staff_2018-03-31.csv",
          ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency", "Manager",
           "Case Holder", "FTE", "Start Date", "End Date"], staff)
    sups = []
    for st in staff:
        wid = st[0]
        d = D(2017, 3, 1)
        while d <= D(2018, 3, 1):
            if rng.random() < 0.8:
                day = d + timedelta(days=rng.randrange(27))
                sups.append((rng.choice([wid, wid.lower(), wid.upper(), " " + wid]), day))
            d = add_months(d, 1)
    sups.append(("W00101", D(2017, 3, 1)))
    sups = sorted(set(sups), key=lambda x: (x[1], x[0]))
    c.csv("supervisions_20180331.csv", ["worker id", "supervision date"],
          [[w, d_month_y(d) if i % 2 else iso(d)] for i, (w, d) in enumerate(sups)])
    return c


# =============================================================================
# Case 3: partial inputs (month 2017-09)
# =============================================================================

def case_partial():
    c = Case("partial_inputs", "2017-09",
             "missing and partly covering inputs, reporting month 2017-09: no List 9, CP visits, "
             "family support, staff or teams file (missing_inputs, nulls); indicator 6 from List 7 "
             "Date of the Last Statutory Visit; List 6 and List 7 extracts for some months only; "
             "months at the start of the series not covered; List 3 without the count column and "
             "an incomplete look-back; List 10 partly covering the A1 window, A2 window set to 6 "
             "months; an area without population; a List 2 file (named, not used) and an "
             "unrecognised file")
    rng = random.Random(20170930)
    CA, CS, OA, OC, CL = ("Central Assessment", "Central Safeguarding", "Outer Assessment", "Outer CIC",
                          "Citywide Leaving Care")
    c.settings = {
        "version": 1,
        "la_name": "Partial Shire (synthetic)",
        "teams": [
            {"team": CA, "area": "Central", "team_type": "Assessment"},
            {"team": CS, "area": "Central", "team_type": "Safeguarding"},
            {"team": OA, "area": "Outer", "team_type": "Assessment"},
            {"team": OC, "area": "Outer", "team_type": "Children in Care"},
            {"team": CL, "area": "Citywide", "team_type": None},
        ],
        "areas": [{"area": "Central", "population_0_17": 6000}, {"area": "Outer", "population_0_17": None}],
        "adoption_a2_window_months": 6,
        "caseload_basis": "headcount",
    }
    TEAMS = [CA, CS, OA, OC, CL]

    # List 3: no count column; earliest referral 04/01/2017 (coverage from 01/01/2017)
    refs = [("GC002000", D(2017, 1, 4))]
    kids = ["GC%06d" % (2000 + i) for i in range(30)]
    for i in range(55):
        refs.append((rng.choice(kids), D(2017, 1, 5) + timedelta(days=rng.randrange(268))))
    refs = sorted(set(refs), key=lambda r: (r[1], r[0]))
    c.csv("list3_referrals_2017-09-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of referral", "Referral NFA?",
           "Allocated Team"],
          [[ch] + annex_cols(rng, ch) + [dmy(d), "No", rng.choice([CA, OA])] for ch, d in refs])

    # List 4: earliest authorisation 10/02/2017 (coverage from 01/03/2017)
    rows = []
    for i in range(40):
        ch = "GC%06d" % (2100 + i)
        a = D(2017, 2, 10) + timedelta(days=rng.randrange(230)) if i else D(2017, 2, 10)
        s = a - timedelta(days=rng.choice([12, 30, 50, 60, 66, 70, 75]))
        rows.append([ch] + annex_cols(rng, ch) + [dmy(s), rng.choice(["Yes", "Yes", "No"]), dmy(a),
                                                  rng.choice([CA, OA, CL])])
    for i in range(5):
        ch = "GC%06d" % (2140 + i)
        rows.append([ch] + annex_cols(rng, ch) + [dmy(D(2017, 5, 1) + timedelta(days=rng.randrange(150))),
                                                  "", "", rng.choice([CA, OA])])
    c.csv("list4_assessments_2017-09-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Continuous Assessment Start Date",
           "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
           "Allocated Team"], rows)

    # List 6: as at 31/07/2017 and 30/09/2017 only (no August extract)
    eps = []
    for i in range(35):
        ch = "GC%06d" % (2200 + i)
        s = D(2016, 3, 1) + timedelta(days=rng.randrange(550))
        e = s + timedelta(days=rng.randrange(50, 450)) if rng.random() < 0.5 else None
        eps.append([ch, s, e, rng.choice(TEAMS), rng.choice(["W1", "W2", "W3", "Duty", "", "W4"])])
    eps.append(["GC002240", D(2016, 1, 1), D(2017, 2, 2), CA, "W1"])   # file A: from 01/02/2017
    eps.append(["GC002241", D(2016, 2, 1), D(2017, 4, 20), OA, "W2"])  # file B: from 01/05/2017
    for asat in (D(2017, 7, 31), D(2017, 9, 30)):
        rows = []
        for ch, s, e, team, w in eps:
            if s > asat or (e is not None and e < (D(2017, 2, 2) if asat.month == 7 else D(2017, 4, 20))):
                continue
            ee = e if e is not None and e <= asat else None
            ww = w if asat.month == 7 else (w if rng.random() < 0.7 else rng.choice(["W5", "", "TBC"]))
            rows.append([ch] + annex_cols(rng, ch) + [dmy(s), dmy(ee), "b) CIN", team, ww])
        c.csv("list6_cin_%s.csv" % asat.isoformat(),
              ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "CIN Start Date", "CIN Closure Date",
               "Case Status", "Allocated Team", "Allocated Worker"], rows)

    # List 7: as at 30/06, 31/08 and 30/09/2017, with Date of the Last Statutory Visit (no CP visits)
    plans = []
    for i in range(20):
        ch = "GC%06d" % (2300 + i)
        s = D(2016, 6, 1) + timedelta(days=rng.randrange(460))
        e = s + timedelta(days=rng.randrange(60, 400)) if rng.random() < 0.45 else None
        plans.append((ch, s, e, rng.choice([CS, OA, OC, CL])))
    plans += [("GC002320", D(2016, 5, 1), D(2017, 1, 5), CS),   # June file: from 01/01/2017
              ("GC002321", D(2016, 5, 2), D(2017, 3, 3), OA),   # August file: from 01/03/2017
              ("GC002322", D(2016, 5, 3), D(2017, 4, 25), OC),  # September file: from 01/05/2017
              ("GC002323", D(2017, 9, 1), None, CS)]            # starts on M_start: due
    earliest_end = {6: D(2017, 1, 5), 8: D(2017, 3, 3), 9: D(2017, 4, 25)}
    for asat in (D(2017, 6, 30), D(2017, 8, 31), D(2017, 9, 30)):
        rows = []
        for ch, s, e, team in plans:
            if s > asat or (e is not None and e < earliest_end[asat.month]):
                continue
            ee = e if e is not None and e <= asat else None
            last_day = min(ee or asat, asat)
            lv = last_day - timedelta(days=rng.randrange(0, 45))
            if lv < s:
                lv = None
            rows.append([ch] + annex_cols(rng, ch) + [dmy(s), dmy(ee), dmy(lv), team])
        c.csv("list7_cp_%s.csv" % asat.isoformat(),
              ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Child Protection Plan Start Date",
               "Child Protection Plan End Date", "Date of the Last Statutory Visit", "Allocated Team"], rows)

    # List 8: earliest ceased 15/10/2016 (coverage from 01/11/2016)
    rows = []
    for i in range(25):
        ch = "GC%06d" % (2400 + i)
        s = D(2014, 1, 1) + timedelta(days=rng.randrange(1300))
        e = s + timedelta(days=rng.randrange(100, 900)) if rng.random() < 0.4 else None
        if e is not None and (e > D(2017, 9, 30) or e < D(2016, 10, 16)):
            e = None
        rows.append([ch] + annex_cols(rng, ch) + [rng.choice(["N", "N", "N", "Y"]), dmy(s),
                                                  rng.choice(["C2", "C1", "V2", "V3", "E1"]), dmy(e),
                                                  rng.choice([OC, OC, CS, CL])])
    rows.append(["GC002430"] + annex_cols(rng, "GC002430") + ["N", dmy(D(2015, 1, 1)), "C2", dmy(D(2016, 10, 15)), OC])
    c.csv("list8_cla_2017-09-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth",
           "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
           "Date Started to be Looked After", "Child's Legal Status", "Date Ceased to be Looked After",
           "Allocated Team"], rows)

    # List 10: earliest adoption order 10/03/2017 (coverage from 01/04/2017)
    rows = []
    for i in range(7):
        ch = "GC%06d" % (2500 + i)
        ao = D(2017, 3, 10) + timedelta(days=rng.randrange(200)) if i else D(2017, 3, 10)
        pl = ao - timedelta(days=rng.randrange(70, 200))
        ma = pl - timedelta(days=rng.randrange(5, 50))
        po = ma - timedelta(days=rng.randrange(30, 300))
        en = po - timedelta(days=rng.randrange(100, 600))
        rows.append([ch] + annex_cols(rng, ch) + [dmy(en), dmy(po), dmy(ma), dmy(pl), dmy(ao), OC])
    c.csv("list10_adoption_2017-09-30.csv",
          ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date the Child Entered Care",
           "Date of Placement Order", "Date of Matching Child and Prospective Adopters",
           "Date Placed for Adoption", "Date of Adoption Order", "Allocated Team"], rows)

    # Supervisions without a staff file
    rows = []
    for w in ("W1", "W2", "W3", "W4", "W5"):
        d = D(2016, 9, 1)
        while d <= D(2017, 9, 1):
            if rng.random() < 0.8:
                rows.append([w, dmy(d + timedelta(days=rng.randrange(28)))])
            d = add_months(d, 1)
    c.csv("supervisions_2017-09-30.csv", ["Worker ID", "Supervision Date"], rows)

    # A List 2 file (recognised and named, not used) and an unrecognised file
    c.csv("early_help_assessments.csv", ["Child Unique ID", "Organisation completing assessment"],
          [["GC002600", "School"], ["GC002601", "Health visitor"]])
    c.csv("referrals_summary.csv", ["Month", "Referrals", "Re-referrals"], [["Sep-17", "41", "9"]])
    return c


# =============================================================================
# Case 4: leap_day (month 2016-02)
# =============================================================================

def case_leap_day():
    c = Case("leap_day", "2016-02",
             "29 February, reporting month 2016-02 (M_end is 29/02/2016): a referral on 29/02/2016 "
             "looks back to 28/02/2015 inclusive; exactly 12 months and 12 months + 1 day; the "
             "look-back is complete only for February 2016 (the count column is used before); "
             "care leavers turning 17 on 28/02/2016 (in) and 22 on 28/02/2016 (out), born "
             "29/02/1996 (20)")
    rng = random.Random(20160229)
    N, S = "North Team", "South Team"
    c.settings = {"version": 1, "la_name": "Leap Town (synthetic)",
                  "teams": [{"team": N, "area": "North", "team_type": "Assessment"},
                            {"team": S, "area": "South", "team_type": "Assessment"}],
                  "areas": [{"area": "North", "population_0_17": 3000},
                            {"area": "South", "population_0_17": 2500}]}
    refs = [
        ("GC000905", D(2015, 2, 2), "0", S),   # earliest: coverage from 01/02/2015
        ("GC000901", D(2015, 2, 28), "0", N), ("GC000901", D(2016, 2, 29), "0", N),  # looks back to 28/02/2015: re
        ("GC000902", D(2015, 2, 27), "0", S), ("GC000902", D(2016, 2, 29), "1", S),  # 27/02/2015 is outside: not
        ("GC000903", D(2015, 3, 1), "0", N), ("GC000903", D(2016, 2, 29), "0", N),   # inside: re
        ("GC000904", D(2015, 2, 1), "0", S), ("GC000904", D(2016, 2, 1), "0", S),    # exactly 12 months: re
        ("GC000905", D(2016, 2, 3), "1", S),  # 12 months + 1 day after 02/02/2015: not
        ("GC000906", D(2016, 2, 15), "", N),
    ]
    kids = ["GC%06d" % (910 + i) for i in range(15)]
    for i in range(40):
        ch = rng.choice(kids)
        d = D(2015, 2, 8) + timedelta(days=rng.randrange(350))  # up to 2016-01-24
        refs.append((ch, d, rng.choice(["0", "1", "0", "2", ""]), rng.choice([N, S])))
    refs = sorted(refs, key=lambda r: (r[1], r[0]))
    c.csv("list3_referrals_2016-02-29.csv",
          ["Child Unique ID", "Date of referral", "Number of Referrals in Last 12 Months", "Allocated Team"],
          [[ch, dmy(d), cnt, t] for ch, d, cnt, t in refs])
    leavers = [("GC000950", D(1999, 2, 28), "F1", N),   # 17 on 28/02/2016
               ("GC000951", D(1999, 3, 1), "F2", N),    # 16
               ("GC000952", D(1994, 2, 28), "F4", S),   # 22 on 28/02/2016
               ("GC000953", D(1994, 3, 1), "G6", S),    # 21
               ("GC000954", D(1996, 2, 29), "P4", S),   # 20 on 29/02/2016
               ("GC000955", D(1998, 6, 6), "G5", N)]
    c.csv("list9_care_leavers_2016-02-29.csv",
          ["Child Unique ID", "Date of Birth", "Eligibility Category", "LA in Touch", "Activity Status",
           "Allocated Team"],
          [[ch, dmy(dob), "b) Former relevant", "a) Yes", act, t] for ch, dob, act, t in leavers])
    return c


# =============================================================================
# Case 5: one_word_headers (month 2018-01)
# =============================================================================

def case_one_word_headers():
    c = Case("one_word_headers", "2018-01",
             "one-word (ChildUniqueID, CINStartDate, AllocatedWorker, DateOfBirth) and snake_case "
             "(child_unique_id, continuous_assessment_start_date) headers, mixed across the files of "
             "Lists 3, 4, 6, 7, 8, 9, 10 and all five templates, reporting month 2018-01. Headers are "
             "normalised to letters and digits only, so every file is recognised; a reader that kept "
             "spaces (or turned _ into spaces) recognises none of the one-word files and every "
             "indicator would be missing (cp_plans count 20, unallocated 6 of 29 open cases, "
             "caseload 4.34, care leavers EET 64.3% would all be null)")
    rng = random.Random(20180131)
    AA, AS, BA, BC, LC = ("Alpha Assessment", "Alpha Safeguarding", "Beta Assessment", "Beta CIC",
                          "Leaving Care")
    c.settings = {"version": 1, "la_name": "One Word Borough (synthetic)",
                  "areas": [{"area": "ALPHA", "population_0_17": 4000},
                            {"area": "BETA", "population_0_17": 3500}]}
    c.csv("teams.csv", ["team", "area", "team_type"],
          [[AA, "ALPHA", "Assessment"], [AS, "ALPHA", "Safeguarding"], [BA, "BETA", "Assessment"],
           [BC, "BETA", "Children in Care"], [LC, "BETA", "Other"]])
    ASAT = D(2018, 1, 31)

    # List 3 (PascalCase), earliest referral 02/01/2017: covers from 01/01/2017
    kids = ["GC%06d" % (3000 + i) for i in range(40)]
    refs = {("GC003000", D(2017, 1, 2))}
    while len(refs) < 90:
        refs.add((rng.choice(kids), D(2017, 1, 3) + timedelta(days=rng.randrange(394))))
    c.csv("list3_referrals_2018-01-31.csv",
          ["ChildUniqueID", "Gender", "DateOfBirth", "DateOfReferral", "ReferralNFA",
           "NumberOfReferralsInLast12Months", "AllocatedTeam"],
          [[ch, rng.choice(GENDERS), dmy(D(2005, 1, 1) + timedelta(days=rng.randrange(4000))), dmy(d),
            rng.choice(["a) Yes", "b) No"]), rng.choice(["0", "0", "1", "2"]), rng.choice([AA, BA])]
           for ch, d in sorted(refs, key=lambda r: (r[1], r[0]))])

    # List 4 (snake_case), earliest authorisation 04/01/2017
    rows = [["GC003100", dmy(D(2016, 11, 20)), "a) Yes", dmy(D(2017, 1, 4)), AA]]
    for i in range(1, 55):
        a = D(2017, 1, 5) + timedelta(days=rng.randrange(391))
        s = a - timedelta(days=rng.choice([10, 25, 40, 55, 63, 64, 70, 90]))
        rows.append(["GC%06d" % (3100 + i), dmy(s), rng.choice(["a) Yes", "a) Yes", "b) No"]), dmy(a),
                     rng.choice([AA, BA])])
    for i in range(4):
        rows.append(["GC%06d" % (3160 + i), dmy(D(2017, 10, 2) + timedelta(days=rng.randrange(110))), "",
                     "", rng.choice([AA, BA])])
    c.csv("list4_assessments_2018-01-31.csv",
          ["child_unique_id", "continuous_assessment_start_date", "child_seen_during_continuous_assessment",
           "continuous_assessment_date_of_authorisation", "allocated_team"], rows)

    # List 6 (PascalCase), as at 31/12/2017 and 31/01/2018
    workers = ["W00301", "W00302", "W00303", "W00304", "W00305", "W00306"]
    eps = []
    for i in range(40):
        s = D(2016, 6, 1) + timedelta(days=rng.randrange(560))
        e = s + timedelta(days=rng.randrange(40, 400)) if rng.random() < 0.4 else None
        if e is not None and e > ASAT:
            e = None
        eps.append(["GC%06d" % (3200 + i), s, e, rng.choice([AA, AS, BA, BC]),
                    rng.choice(workers + workers + ["Duty", "", "Unallocated"])])
    eps.append(["GC003240", D(2016, 3, 1), D(2017, 8, 3), AS, "W00301"])  # earliest closure: from 01/08/2017
    for asat in (D(2017, 12, 31), ASAT):
        rows = []
        for ch, s, e, team, w in eps:
            if s > asat or (e is not None and e < D(2017, 8, 1)):
                continue
            ee = e if e is not None and e <= asat else None
            ww = w if asat == ASAT else (w if rng.random() < 0.8 else rng.choice(workers + ["Duty", ""]))
            rows.append([ch, dmy(s), dmy(ee), "c) Child in need plan", team, ww])
        c.csv("list6_cin_%s.csv" % asat.isoformat(),
              ["ChildUniqueID", "CINStartDate", "CINClosureDate", "CaseStatus", "AllocatedTeam",
               "AllocatedWorker"], rows)

    # List 7 (snake_case) with the last statutory visit, earliest end 05/07/2017
    plans = [("GC003300", D(2017, 1, 9), D(2017, 7, 5), AS)]
    for i in range(1, 24):
        s = D(2016, 9, 1) + timedelta(days=rng.randrange(500))
        e = s + timedelta(days=rng.randrange(60, 400)) if rng.random() < 0.35 else None
        if e is not None and (e > ASAT or e < D(2017, 7, 5)):
            e = None
        plans.append(("GC%06d" % (3300 + i), s, e, rng.choice([AS, BA, BC])))
    rows = []
    for ch, s, e, team in plans:
        last = min(e or ASAT, ASAT) - timedelta(days=rng.randrange(0, 40))
        rows.append([ch, dmy(s), dmy(e), dmy(last if last >= s else None), team])
    c.csv("list7_cp_2018-01-31.csv",
          ["child_unique_id", "child_protection_plan_start_date", "child_protection_plan_end_date",
           "date_of_the_last_statutory_visit", "allocated_team"], rows)

    # List 8 (PascalCase), earliest ceased 06/02/2017
    rows = [["GC003400", "b) No", dmy(D(2015, 5, 5)), "C2: FCO", dmy(D(2017, 2, 6)), BC]]
    for i in range(1, 25):
        s = D(2014, 1, 1) + timedelta(days=rng.randrange(1450))
        e = s + timedelta(days=rng.randrange(100, 800)) if rng.random() < 0.3 else None
        if e is not None and (e > ASAT or e < D(2017, 2, 6)):
            e = None
        rows.append(["GC%06d" % (3400 + i), rng.choice(["b) No", "b) No", "b) No", "a) Yes"]), dmy(s),
                     rng.choice(["C2: FCO", "C1: ICO", "V2: Single period under S20", "E1: Placement order",
                                 "V3: Short term breaks, episodes recorded"]), dmy(e), rng.choice([BC, BC, AS])])
    c.csv("list8_cla_2018-01-31.csv",
          ["ChildUniqueID", "UnaccompaniedAsylumSeekingChildUASCWithinTheLast12MonthsYN",
           "DateStartedToBeLookedAfter", "ChildsLegalStatus", "DateCeasedToBeLookedAfter", "AllocatedTeam"],
          rows)

    # List 9 (snake_case), as at 31/12/2017 and 31/01/2018
    leavers = [("GC%06d" % (3500 + i), D(1996, 3, 1) + timedelta(days=rng.randrange(1900)),
                rng.choice(["a) Relevant", "b) Former relevant", "b) Former relevant", "d) Eligible child"]),
                rng.choice(["a) Yes"] * 5 + ["b) No", "c) Died"])) for i in range(22)]
    acts = ["F1 - Full time higher education", "F2", "P2", "F4", "F5", "G4", "G5", "G6"]
    for asat in (D(2017, 12, 31), ASAT):
        c.csv("list9_care_leavers_%s.csv" % asat.isoformat(),
              ["child_unique_id", "date_of_birth", "eligibility_category", "la_in_touch", "activity_status",
               "allocated_team"],
              [[ch, dmy(dob), el, touch, rng.choice(acts), LC] for ch, dob, el, touch in leavers])

    # List 10 (PascalCase), earliest adoption order 10/02/2017
    rows = []
    for i in range(8):
        ao = D(2017, 2, 10) + timedelta(days=rng.randrange(350)) if i else D(2017, 2, 10)
        pl = ao - timedelta(days=rng.randrange(70, 200))
        ma = pl - timedelta(days=rng.randrange(5, 60))
        po = ma - timedelta(days=rng.randrange(20, 300))
        en = po - timedelta(days=rng.randrange(100, 500))
        rows.append(["GC%06d" % (3600 + i), dmy(en), dmy(po), dmy(ma), dmy(pl), dmy(ao)])
    c.csv("list10_adoption_2018-01-31.csv",
          ["ChildUniqueID", "DateTheChildEnteredCare", "DateOfPlacementOrder",
           "DateOfMatchingChildAndProspectiveAdopters", "DatePlacedForAdoption", "DateOfAdoptionOrder"], rows)

    # CP visits (snake_case), earliest 03/07/2017
    visits = [("GC003300", D(2017, 7, 3), "a) Yes")]
    for ch, s, e, _t in plans:
        d = max(s, D(2017, 7, 1)).replace(day=1)
        while d <= D(2018, 1, 1):
            if rng.random() < 0.85:
                v = d + timedelta(days=rng.randrange(28))
                if s <= v and (e is None or v < e) and v <= ASAT:
                    visits.append((ch, v, rng.choice(["a) Yes", "a) Yes", "a) Yes", "b) No"])))
            d = add_months(d, 1)
    visits.sort(key=lambda v: (v[1], v[0]))
    c.csv("cp_visits_2018-01-31.csv", ["child_unique_id", "visit_date", "child_seen"],
          [[ch, dmy(d), sn] for ch, d, sn in visits])

    # Family support (PascalCase), earliest end 04/08/2017
    rows = [["GC003700", dmy(D(2017, 3, 1)), dmy(D(2017, 8, 4)), "Family Support", "Early Help"]]
    for i in range(1, 15):
        s = D(2017, 1, 1) + timedelta(days=rng.randrange(380))
        e = s + timedelta(days=rng.randrange(30, 300)) if rng.random() < 0.4 else None
        if e is not None and (e > ASAT or e < D(2017, 8, 4)):
            e = None
        rows.append(["GC%06d" % (3700 + i), dmy(s), dmy(e), "Family Support", "Early Help"])
    c.csv("family_support_2018-01-31.csv", ["ChildUniqueID", "StartDate", "EndDate", "Service", "Team"], rows)

    # Staff (snake_case) and supervisions (PascalCase)
    staff = [
        ["W00301", "Sam Sample", AA, "a) Yes", "b) No", "b) No", "", "1", "", ""],
        ["W00302", "Jo Mock", AA, "a) Yes", "a) Yes", "b) No", "", "0.8", "", ""],
        ["W00303", "Robin Replica", AS, "a) Yes", "b) No", "b) No", "", "1", "", ""],
        ["W00304", "Dana Dummy", BA, "a) Yes", "b) No", "b) No", "", "0.5", "", ""],
        ["W00305", "Lee Lorem", BC, "a) Yes", "b) No", "b) No", "", "1", dmy(D(2017, 3, 6)), ""],
        ["W00306", "Jamie Ipsum", BC, "a) Yes", "a) Yes", "b) No", "", "1", "", ""],
        ["W00307", "Alex Example", AS, "a) Yes", "b) No", "a) Yes", "b) No", "1", "", ""],
        ["W00308", "Kim Testcase", LC, "b) No", "b) No", "b) No", "", "1", "", ""],
        ["W00309", "Casey Fake", BA, "a) Yes", "b) No", "b) No", "", "1", dmy(D(2015, 1, 5)), dmy(D(2017, 1, 6))],
    ]
    c.csv("staff_2018-01-31.csv",
          ["worker_id", "worker_name", "team", "qualified_social_worker", "agency", "manager", "case_holder",
           "fte", "start_date", "end_date"], staff)
    sups = [("W00309", D(2017, 1, 3))]
    for st in staff[:8]:
        d = D(2017, 1, 1)
        while d <= D(2018, 1, 1):
            if rng.random() < 0.8:
                sups.append((st[0], d + timedelta(days=rng.randrange(28))))
            d = add_months(d, 1)
    sups.sort(key=lambda x: (x[1], x[0]))
    c.csv("supervisions_2018-01-31.csv", ["WorkerID", "SupervisionDate"], [[w, dmy(d)] for w, d in sups])
    return c


# =============================================================================
# Case 6: annex_a_workbook (month 2018-01)
# =============================================================================

# The current Annex A template's full column sets, List 1 ... List 11, in the
# template's order and wording (as in the Data to Insight / Social Finance
# liia-tools Annex A schema, liiatools/annex_a_pipeline/spec/Annex_A_schema.yml).
ANNEX_A_COLUMNS = {
    "List 1": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Date of Contact", "Contact Source"],
    "List 2": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    "List 3": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
               "Allocated Team", "Allocated Worker"],
    "List 4": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Does the Child have a Disability", "Continuous Assessment Start Date",
               "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
               "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
               "Allocated Worker"],
    "List 5": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
               "Was an Initial Child Protection Conference deemed unnecessary?",
               "Date of Initial Child Protection Conference",
               "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
               "Allocated Team", "Allocated Worker"],
    "List 6": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Does the Child have a Disability", "CIN Start Date", "Primary Need Code",
               "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure", "Case Status",
               "Allocated Team", "Allocated Worker"],
    "List 7": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Does the Child have a Disability", "Child Protection Plan Start Date",
               "Initial Category of Abuse", "Latest Category of Abuse", "Date of the Last Statutory Visit",
               "Was the Child Seen Alone?", "Date of latest review conference",
               "Child Protection Plan End Date",
               "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
               "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"],
    "List 8": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
               "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
               "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
               "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
               "Date of Last Social Work Visit", "What is the permanence plan for this child?",
               "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
               "Date of Last Dental Check", "Number of Placements in the Last 12 months",
               "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
               "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
               "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
               "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
               "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
               "Was the child offered a Return Interview after their last missing episode (Y/N)?",
               "Did the child accept a Return Interview after their last missing episode (Y/N)?",
               "Allocated Team", "Allocated Worker"],
    "List 9": ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
               "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
               "Does the Child have a Disability", "Allocated Team", "Allocated Worker",
               "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date",
               "LA in Touch", "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation",
               "Activity Status"],
    "List 10": ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth",
                "Age of Child (Years)", "Does the Child have a Disability", "Date the Child Entered Care",
                "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
                "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
                "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
                "Reason Why Child No Longer Placed for Adoption",
                "Date the child was placed for fostering in FFA or concurrent planning placement"],
    "List 11": ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
                "Is the (prospective) adopter fostering for adoption?", "Date enquiry received",
                "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended",
                "Date application submitted", "Date application approved",
                "Date adopter matched with child(ren)", "Date child/children placed with adopter(s)",
                "No. of children placed", "Date of Adoption Order", "Date of leaving adoption process",
                "Reason for leaving adoption process"],
}

NBSP = "\u00a0"
TEMPLATE_ETHNICITY = ["a) WBRI", "b) WIRI", "d) WOTH", "f) MWBC", "l) ABAN", "o) BAFR", "q) CHNE"]


def age_formula(row_no, dob_col, asat):
    """Age of Child (Years) as the template's formula, with its cached value."""
    return lambda dob: Formula('DATEDIF(%s%d,DATE(%d,%d,%d),"y")' % (dob_col, row_no, asat.year, asat.month,
                                                                      asat.day),
                               scorecard_ref.age_on(dob, asat) if dob <= asat else 0)


def annex_row(list_name, values, row_no, asat):
    """A row in the template's column order from a dict of column -> value;
    Age of Child (Years) is a formula; missing columns are empty."""
    cols = ANNEX_A_COLUMNS[list_name]
    out = []
    for col in cols:
        if col == "Age of Child (Years)" and "Date of Birth" in values:
            dob = values["Date of Birth"]
            dob_col = xlsx_col(cols.index("Date of Birth"))
            out.append(age_formula(row_no, dob_col, asat)(dob) if isinstance(dob, date) else None)
        else:
            v = values.get(col)
            out.append(None if v == "" else v)  # an empty cell is no cell
    return out


def xlsx_col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def case_annex_a_workbook():
    c = Case("annex_a_workbook", "2018-01",
             (
             "one Ofsted-template Annex A workbook without a date in its name (Annex_A_extract.xlsx: "
             "sheets List 1 ... List 11 with the template's full columns, coded values, formula cells "
             "with cached values, a hidden Lookup sheet, a title row above List 3's header, dates as "
             "date cells and a few as text) plus a staff file naming workers surname first, "
             "supervisions and a teams file; reporting month 2018-01. Every sheet is as at "
             "31/01/2018 ('latest date in the workbook', from List 6 Date Child Was Last Seen, a "
             "column the scorecard does not use); List 9 holds no date but births and gets it too. "
             "Figures: unallocated 12 of 43 open cases (6 Allocated Worker cells are #N/A, as text "
             "or as error cells), caseload 5.17 (names matched ignoring punctuation and word order), "
             "care leavers EET 92.3%, no Unmapped column (no-break spaces in team names). A reader "
             "counting the unborn child's expected birth date 20/04/2018 or reading the hidden sheet "
             "(date 15/03/2018) gives no January allocation (unallocated, caseload, EET null); dating "
             "each sheet alone leaves List 9 unknown (EET missing) and Lists 3, 4, 7, 8 short of "
             "31/01 (January's period figures null); error cells read as names lower unallocated; "
             "no-break spaces not folded give Unmapped columns; names compared as written give a "
             "lower caseload"))
    rng = random.Random(20180201)
    ASAT = D(2018, 1, 31)           # the workbook's latest date (List 6 Date Child Was Last Seen)
    LAST = D(2018, 1, 30)           # every other date in the workbook is on or before this
    UNBORN_DOB = D(2018, 4, 20)     # expected date of birth of an unborn child: never an as-at date
    NA, NS, SA, SC, LC = ("North Assessment", "North Safeguarding", "South Assessment",
                          "South Children in Care", "Leaving Care Team")
    c.settings = {"version": 1, "la_name": "Annex Borough (synthetic)",
                  "areas": [{"area": "NORTH", "population_0_17": 5200},
                            {"area": "SOUTH", "population_0_17": 4100}]}
    # As the workbook writes some team names: with a no-break space inside.
    nb = {NA: NA, NS: "North" + NBSP + "Safeguarding", SA: "South" + NBSP + "Assessment",
          SC: "South Children" + NBSP + "in Care", LC: LC}

    def dob_child(lo_year, hi_year):
        return D(lo_year, 1, 1) + timedelta(days=rng.randrange((hi_year - lo_year) * 365))

    def gender():
        return rng.choice(["a) Male", "b) Female"])

    wb = Workbook()
    sheets = {}

    # --- List 1: contacts (an unborn child's expected date of birth is the latest date on the sheet)
    rows = [ANNEX_A_COLUMNS["List 1"]]
    contacts = []
    for i in range(30):
        contacts.append(("GC%06d" % (4000 + i), dob_child(2002, 2017), D(2017, 8, 1) + timedelta(days=rng.randrange(183))))
    contacts.append(("GC004090", UNBORN_DOB, D(2018, 1, 8)))
    contacts.sort(key=lambda x: (x[2], x[0]))
    for ch, dob, dc in contacts:
        rows.append(annex_row("List 1", {"Child Unique ID": ch, "Gender": gender() if dob < LAST else "c) Not stated/recorded",
                                         "Ethnicity": rng.choice(TEMPLATE_ETHNICITY), "Date of Birth": dob,
                                         "Date of Contact": dc,
                                         "Contact Source": rng.choice(["e) 2A: Schools", "q) 6: Police", "g) 3A: Health services"])},
                              len(rows) + 1, ASAT))
    sheets["List 1"] = rows

    # --- List 2: early help assessments
    rows = [ANNEX_A_COLUMNS["List 2"]]
    for i in range(8):
        s = D(2017, 8, 1) + timedelta(days=rng.randrange(150))
        e = s + timedelta(days=rng.randrange(10, 40))
        rows.append(annex_row("List 2", {"Child Unique ID": "GC%06d" % (4100 + i), "Gender": gender(),
                                         "Ethnicity": rng.choice(TEMPLATE_ETHNICITY), "Date of Birth": dob_child(2003, 2016),
                                         "Assessment start date": s, "Assessment completion date": e if e <= LAST else None,
                                         "Organisation completing assessment": rng.choice(["School", "Health visitor", "Early Help Hub"])},
                              len(rows) + 1, ASAT))
    sheets["List 2"] = rows

    # --- List 3: referrals, with a title row above the header (the header is on row 3)
    rows = [[Rich(["Annex A List 3: ", "Referrals (synthetic)"])], [], ANNEX_A_COLUMNS["List 3"]]
    kids = ["GC%06d" % (4200 + i) for i in range(35)]
    refs = {("GC004200", D(2017, 2, 1))}
    while len(refs) < 70:
        refs.add((rng.choice(kids), D(2017, 2, 2) + timedelta(days=rng.randrange(363))))
    for n, (ch, d) in enumerate(sorted(refs, key=lambda r: (r[1], r[0]))):
        rows.append(annex_row("List 3", {
            "Child Unique ID": ch, "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob_child(2002, 2016),
            "Date of referral": d if n % 9 else Inline(dmy(d)),  # a few dates typed as text
            "Referral Source": rng.choice(["e) 2A: Schools", "q) 6: Police", "a) 1A: Individual"]),
            "Referral NFA?": rng.choice(["a) Yes", "b) No", "b) No"]),
            "Number of Referrals in Last 12 Months": rng.choice([0, 0, 1, 2]),
            "Allocated Team": nb[rng.choice([NA, SA])], "Allocated Worker": rng.choice(["Jo Mock", "Robin Replica"])},
            len(rows) + 1, ASAT))
    sheets["List 3"] = rows

    # --- List 4: assessments
    rows = [ANNEX_A_COLUMNS["List 4"]]
    ass = [("GC004300", D(2017, 6, 20), D(2017, 8, 2))]
    for i in range(1, 40):
        a = D(2017, 8, 3) + timedelta(days=rng.randrange(181))
        ass.append(("GC%06d" % (4300 + i), a - timedelta(days=rng.choice([12, 30, 44, 60, 63, 66, 80])), a))
    for i in range(5):
        ass.append(("GC%06d" % (4350 + i), D(2017, 10, 2) + timedelta(days=rng.randrange(110)), None))
    for ch, s, a in ass:
        rows.append(annex_row("List 4", {
            "Child Unique ID": ch, "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob_child(2002, 2016), "Does the Child have a Disability": "b) No",
            "Continuous Assessment Start Date": s,
            "Child Seen During Continuous Assessment": rng.choice(["a) Yes", "a) Yes", "a) Yes", "b) No", "c) Unknown"]),
            "Continuous Assessment Date of Authorisation": a,
            "Was the child assessed as requiring LA children's social care support?": rng.choice(["a) Yes", "b) No"]) if a else None,
            "Allocated Team": nb[rng.choice([NA, SA])], "Allocated Worker": rng.choice(["Jo Mock", "Robin Replica"])},
            len(rows) + 1, ASAT))
    sheets["List 4"] = rows

    # --- List 5: section 47 enquiries
    rows = [ANNEX_A_COLUMNS["List 5"]]
    for i in range(10):
        s = D(2017, 8, 1) + timedelta(days=rng.randrange(170))
        icpc = s + timedelta(days=rng.randrange(5, 15)) if rng.random() < 0.5 else None
        rows.append(annex_row("List 5", {
            "Child Unique ID": "GC%06d" % (4400 + i), "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob_child(2003, 2016), "Does the Child have a Disability": "b) No",
            "Strategy discussion initiating Section 47 Enquiry Start Date": s,
            "Was an Initial Child Protection Conference deemed unnecessary?": "b) No" if icpc else "a) Yes",
            "Date of Initial Child Protection Conference": icpc if icpc and icpc <= LAST else None,
            "Did the Initial Child Protection Conference Result in a Child Protection Plan": "a) Yes" if icpc and icpc <= LAST else None,
            "Number of Section 47 Enquiries in the last 12 months": 1, "Number of ICPCs in the last 12 months": 1 if icpc else 0,
            "Allocated Team": nb[NS], "Allocated Worker": "Sam Sample"}, len(rows) + 1, ASAT))
    sheets["List 5"] = rows

    # --- List 6: children in need, allocation as at the workbook's date
    # worker values as the extract writes them (List 6 names workers "First Last")
    SAM, JO, ROBIN, DANA, JAMIE = "Sam Sample", "Jo Mock", "Robin Replica", "Dana Dummy", "Jamie Ipsum"
    worker_forms = [
        SAM, SAM, "Sam" + NBSP + "Sample", JO, ROBIN, ROBIN, DANA, "Dana" + NBSP + "Dummy", JAMIE, JAMIE,
        "lookup_ok", "lookup_ok", "na_text", "na_error", "", "Duty",
    ]
    lookup_rows = [["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Allocated Worker", "Date Child Was Last Seen"]]
    rows = [ANNEX_A_COLUMNS["List 6"]]
    eps = [("GC004500", D(2016, 11, 1), D(2017, 8, 4), NS, SAM)]  # earliest closure 04/08/2017: from 01/08/2017
    for i in range(1, 44):
        s = D(2016, 4, 1) + timedelta(days=rng.randrange(660))
        e = s + timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.35 else None
        if e is not None and (e > LAST - timedelta(days=1) or e < D(2017, 8, 4)):
            e = None
        eps.append(("GC%06d" % (4500 + i), s, e, rng.choice([NA, NS, NS, SA, SC]), rng.choice(worker_forms)))
    eps.append(("GC004590", D(2018, 1, 10), None, NS, SAM))             # unborn child (pre-birth episode)
    eps.append(("GC004591", D(2018, 1, 24), None, NA, "Duty"))           # 7 days before M_end: counts
    eps.append(("GC004592", D(2018, 1, 25), None, NA, "na_error"))       # 6 days before M_end: not counted
    seen_latest = False
    for ch, s, e, team, w in eps:
        r = len(rows) + 1
        if e is None and not seen_latest and s < D(2018, 1, 1):
            last_seen = ASAT  # the latest date in the workbook
            seen_latest = True
        else:
            last_seen = min(e or LAST, LAST) - timedelta(days=rng.randrange(0, 25))
            last_seen = max(last_seen, s)
        if w == "lookup_ok":
            w = Formula("VLOOKUP(A%d,Lookup!A:D,4,FALSE)" % r, rng.choice([JO, DANA]))
        elif w == "na_error":
            w = Formula("VLOOKUP(A%d,Lookup!A:D,4,FALSE)" % r, Error("#N/A"))
        elif w == "na_text":
            w = "#N/A"  # a failed lookup pasted as values
        dob = UNBORN_DOB if ch == "GC004590" else dob_child(2002, 2017)
        rows.append(annex_row("List 6", {
            "Child Unique ID": ch, "Gender": gender() if ch != "GC004590" else "c) Not stated/recorded",
            "Ethnicity": rng.choice(TEMPLATE_ETHNICITY), "Date of Birth": dob,
            "Does the Child have a Disability": rng.choice(["a) Yes", "b) No", "b) No"]),
            "CIN Start Date": s if r % 11 else BuiltinDate(s),
            "Primary Need Code": rng.choice(["N1 - Abuse or neglect", "N4 - Family in acute stress", "N5 - Family dysfunction"]),
            "Date Child Was Last Seen": last_seen, "CIN Closure Date": e if r % 7 else (Inline(dmy(e)) if e else None),
            "Reason for Closure": "RC7 - Services ceased for any other reason, including child no longer in need" if e else None,
            "Case Status": "e) Closed episode" if e else rng.choice(["c) Child in need plan", "b) Child Protection plan"]),
            "Allocated Team": nb[team], "Allocated Worker": w}, r, ASAT))
        if rng.random() < 0.4:
            lookup_rows.append([ch, s, None, rng.choice([JO, DANA, "ZZ Old Worker"]), D(2018, 3, 15)])
    sheets["List 6"] = rows

    # --- List 7: child protection plans (no CP visits file: visited from the last statutory visit)
    rows = [ANNEX_A_COLUMNS["List 7"]]
    plans = [("GC004600", D(2017, 2, 2), D(2017, 8, 7), NS)]
    for i in range(1, 22):
        s = D(2016, 10, 1) + timedelta(days=rng.randrange(470))
        e = s + timedelta(days=rng.randrange(60, 300)) if rng.random() < 0.3 else None
        if e is not None and (e > LAST or e < D(2017, 8, 7)):
            e = None
        plans.append(("GC%06d" % (4600 + i), s, e, rng.choice([NS, NS, SA])))
    for ch, s, e, team in plans:
        lv = min(e or LAST, LAST) - timedelta(days=rng.randrange(0, 45))
        rows.append(annex_row("List 7", {
            "Child Unique ID": ch, "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob_child(2003, 2017), "Does the Child have a Disability": "b) No",
            "Child Protection Plan Start Date": s, "Initial Category of Abuse": "a) Neglect",
            "Latest Category of Abuse": rng.choice(["a) Neglect", "d) Emotional abuse"]),
            "Date of the Last Statutory Visit": lv if lv >= s else None,
            "Was the Child Seen Alone?": rng.choice(["a) Yes", "b) No"]),
            "Date of latest review conference": max(s, min(e or LAST, LAST) - timedelta(days=rng.randrange(20, 120))),
            "Child Protection Plan End Date": e,
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": "b) No",
            "Number of Previous Child Protection Plans": rng.choice([0, 0, 1]),
            "Allocated Team": nb[team], "Allocated Worker": SAM}, len(rows) + 1, ASAT))
    sheets["List 7"] = rows

    # --- List 8: children looked after (many date columns the scorecard does not use)
    rows = [ANNEX_A_COLUMNS["List 8"]]
    cla = [("GC004700", "b) No", D(2015, 3, 3), "C2: FCO", D(2017, 2, 9))]
    for i in range(1, 26):
        s = D(2013, 6, 1) + timedelta(days=rng.randrange(1650))
        e = s + timedelta(days=rng.randrange(100, 900)) if rng.random() < 0.25 else None
        if e is not None and (e > LAST or e < D(2017, 2, 9)):
            e = None
        cla.append(("GC%06d" % (4700 + i), rng.choice(["b) No"] * 4 + ["a) Yes"]), s,
                    rng.choice(["C2: FCO", "C1: ICO", "V2: Single period under S20", "E1: Placement order",
                                "V3: Short term breaks, episodes recorded", "V4: Short term breaks, agreements recorded"]), e))
    for ch, u, s, legal, e in cla:
        recent = min(e or LAST, LAST)
        rows.append(annex_row("List 8", {
            "Child Unique ID": ch, "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob_child(2001, 2016),
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": u,
            "Does the Child have a Disability": "b) No", "Date Started to be Looked After": s,
            "Child's Category of Need": "N1 - Abuse or neglect",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": "b) No",
            "Start date of current legal status": s, "Child's Legal Status": legal,
            "Date of Latest Statutory Review": max(s, recent - timedelta(days=rng.randrange(10, 150))),
            "Date of Last Social Work Visit": max(s, recent - timedelta(days=rng.randrange(0, 40))),
            "What is the permanence plan for this child?": "f) Long-term fostering",
            "Date of Last IRO Visit / Contact to the Child": max(s, recent - timedelta(days=rng.randrange(5, 90))),
            "Date of Last Health Assessment": max(s, recent - timedelta(days=rng.randrange(30, 300))),
            "Date of Last Dental Check": max(s, recent - timedelta(days=rng.randrange(30, 300))),
            "Number of Placements in the Last 12 months": rng.choice([1, 1, 2, 3]),
            "Date Ceased to be Looked After": e,
            "Reason Ceased to be Looked After": "e) E4A: Returned home to live with parents or relatives - part of planning" if e else None,
            "Start Date of Most Recent Placement": max(s, recent - timedelta(days=rng.randrange(30, 400))),
            "Placement Type": "f) U6: Foster placement - not FFA", "Placement Provider": "b) PR1: Own provision",
            "Placement postcode": "ZZ99 3CZ", "URN of Placement": None, "Placement Location": "a) In",
            "LA of Placement": None,
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 0,
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": 0,
            "Allocated Team": nb[SC], "Allocated Worker": DANA}, len(rows) + 1, ASAT))
    sheets["List 8"] = rows

    # --- List 9: care leavers; its only dates are dates of birth (review and contact dates not recorded)
    rows = [ANNEX_A_COLUMNS["List 9"]]
    acts = ["F1 - Full time higher education", "F2: Full time in education other than higher", "P2",
            "F4: Young person engaged full time in an apprenticeship", "F5", "P5",
            "G4: Not in education, employment or training - illness or disability",
            "G5: Not in education, employment or training - other", "G6"]
    for i in range(24):
        dob = D(1996, 2, 1) + timedelta(days=rng.randrange(1950))
        rows.append(annex_row("List 9", {
            "Child Unique ID": "GC%06d" % (4800 + i), "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY),
            "Date of Birth": dob,
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "b) No",
            "Does the Child have a Disability": "b) No", "Allocated Team": nb[LC], "Allocated Worker": "Lee Lorem",
            "Allocated Personal Advisor": "PA Team",
            "Eligibility Category": rng.choice(["a) Relevant child", "b) Former relevant child", "b) Former relevant child",
                                                "c) Qualifying care leaver", "d) Eligible child"]),
            "LA in Touch": rng.choice(["a) Yes"] * 6 + ["b) No", "c) Died", "f) Rhom"]),
            "Type of Accommodation": "D: Semi-independent, transitional accommodation and self-contained accommodation",
            "Suitability of Accommodation": "a) Suitable", "Activity Status": rng.choice(acts)}, len(rows) + 1, ASAT))
    sheets["List 9"] = rows

    # --- List 10: adoption
    rows = [ANNEX_A_COLUMNS["List 10"]]
    for i in range(7):
        ao = D(2017, 2, 6) + timedelta(days=rng.randrange(355)) if i else D(2017, 2, 6)
        pl = ao - timedelta(days=rng.randrange(70, 200))
        ma = pl - timedelta(days=rng.randrange(5, 50))
        po = ma - timedelta(days=rng.randrange(20, 250))
        dec = po - timedelta(days=rng.randrange(20, 90))
        en = dec - timedelta(days=rng.randrange(100, 400))
        rows.append(annex_row("List 10", {
            "Child Unique ID": "GC%06d" % (4900 + i), "Family identifier": "F%04d" % (10 + i), "Gender": gender(),
            "Ethnicity": rng.choice(TEMPLATE_ETHNICITY), "Date of Birth": en - timedelta(days=rng.randrange(100, 900)),
            "Does the Child have a Disability": "b) No", "Date the Child Entered Care": en,
            "Date of Decision that Child Should be Placed for Adoption": dec, "Date of Placement Order": po,
            "Date of Matching Child and Prospective Adopters": ma, "Date Placed for Adoption": pl,
            "Date of Adoption Order": ao}, len(rows) + 1, ASAT))
    sheets["List 10"] = rows

    # --- List 11: adopters
    rows = [ANNEX_A_COLUMNS["List 11"]]
    for i in range(5):
        enq = D(2017, 3, 1) + timedelta(days=rng.randrange(250))
        rows.append(annex_row("List 11", {
            "Individual adopter identifier": "A%04d" % (50 + i), "Family identifier": "F%04d" % (60 + i),
            "Gender": gender(), "Ethnicity": rng.choice(TEMPLATE_ETHNICITY), "Disability": "b) No",
            "Is the (prospective) adopter fostering for adoption?": "b) No", "Date enquiry received": enq,
            "Date Stage 1 started": enq + timedelta(days=20),
            "Date Stage 1 ended": min(enq + timedelta(days=80), LAST)}, len(rows) + 1, ASAT))
    sheets["List 11"] = rows

    for i in range(1, 12):
        name = "List %d" % i
        wb.add_sheet(name, sheets[name], bold_row=2 if name == "List 3" else 0)
        if name == "List 6":
            # hidden lookup sheet behind the Allocated Worker formulas: stale rows, a later date
            wb.add_sheet("Lookup", lookup_rows, hidden=True)
    c.xlsx("Annex_A_extract.xlsx", wb)

    # --- staff: names surname first; supervisions; teams
    staff = [
        ["W00401", "Sample, Sam", NS, "Yes", "No", "No", "", "1", "", ""],
        ["W00402", "Mock, Jo", NA, "Yes", "No", "No", "", "0.8", "", ""],
        ["W00403", "Replica, Robin", SA, "Yes", "No", "No", "", "1", "", ""],
        ["W00404", "Dummy, Dana", SC, "Yes", "No", "No", "", "1", "", ""],
        ["W00405", "Lorem, Lee", LC, "Yes", "No", "No", "", "1", "", ""],
        ["W00406", "Ipsum, Jamie", NS, "Yes", "Yes", "No", "", "1", dmy(D(2017, 9, 4)), ""],
        ["W00407", "Example, Alex", NA, "Yes", "No", "Yes", "", "1", "", ""],
        ["W00408", "Testcase, Kim", SA, "Yes", "No", "No", "", "1", dmy(D(2015, 5, 1)), dmy(D(2017, 3, 3))],
    ]
    c.csv("staff_2018-01-31.csv",
          ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency", "Manager", "Case Holder",
           "FTE", "Start Date", "End Date"], staff)
    sups = [("W00408", D(2017, 2, 1))]
    for st in staff[:7]:
        d = D(2017, 3, 1)
        while d <= D(2018, 1, 1):
            if rng.random() < 0.8:
                sups.append((st[0], min(d + timedelta(days=rng.randrange(28)), LAST)))
            d = add_months(d, 1)
    sups = sorted(set(sups), key=lambda x: (x[1], x[0]))
    c.csv("supervisions_2018-01-31.csv", ["Worker ID", "Supervision Date"], [[w, dmy(d)] for w, d in sups])
    c.csv("teams.csv", ["Team", "Area", "Team Type"],
          [[NA, "NORTH", "Assessment"], [NS, "NORTH", "Safeguarding"], [SA, "SOUTH", "Assessment"],
           [SC, "SOUTH", "Children in Care"], [LC, "SOUTH", "Other"]])
    return c


# =============================================================================
# Case 7: workbook_sheet_dates (month 2018-02)
# =============================================================================

L6_COLS = ["Child Unique ID", "Gender", "Date of Birth", "CIN Start Date", "Date Child Was Last Seen",
           "CIN Closure Date", "Case Status", "Allocated Team", "Allocated Worker"]
L9_COLS = ["Child Unique ID", "Gender", "Date of Birth", "Allocated Team", "Eligibility Category", "LA in Touch",
           "Activity Status"]
L7_COLS = ["Child Unique ID", "Date of Birth", "Child Protection Plan Start Date", "Date of the Last Statutory Visit",
           "Date of latest review conference", "Child Protection Plan End Date", "Allocated Team"]
L8_COLS = ["Child Unique ID", "Date of Birth",
           "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
           "Date Started to be Looked After", "Child's Legal Status", "Date of Latest Statutory Review",
           "Date Ceased to be Looked After", "Allocated Team"]


def snapshot_rows(eps, asat, window_days=183):
    """Episodes (child, start, end, ...) as an extract as at asat shows them:
    started by asat, not closed before the extract's window; a later closure is
    not yet known."""
    out = []
    for ep in eps:
        ch, s, e = ep[0], ep[1], ep[2]
        if s > asat or (e is not None and e < asat - timedelta(days=window_days)):
            continue
        out.append((ep, e if e is not None and e <= asat else None))
    return out


def case_workbook_sheet_dates():
    c = Case("workbook_sheet_dates", "2018-02", (
             "as-at dates of worksheets, reporting month 2018-02: annex_a_by_sheet.xlsx has sheets "
             "named with dates (List 6/List 9 2017-12-31 and 2018-01-31: 'sheet name') and two undated "
             "sheets (List 7, List 8) that share the latest date of the undated sheets only, "
             "29/01/2018 ('latest date in the workbook'; the dated List 6 holds 31/01/2018, List 7 "
             "alone 26/01/2018); annex_a_2018-02-28.xlsx dates every sheet from its name ('workbook "
             "name'); allocations_corrected.xlsx has no date (its data's latest is a typo, "
             "12/12/2017) and cmd.json sets the whole workbook to 30/11/2017 and its List 9 sheet to "
             "31/10/2017 ('override'; the sheet's own override beats the workbook's); teams.csv has "
             "no date ('unknown'), the staff file 'file name'. Each List 9 has its own EET count, so "
             "care leavers EET is 28.6% in Oct-17 (the List 9 override), null in Nov-17, 42.9% Dec, "
             "57.1% Jan, 64.3% Feb; unallocated 5 in Nov-17 (the workbook override), null in "
             "Oct-17. The workbook override winning over the sheet's gives EET in Nov-17 and not "
             "Oct-17; ignoring overrides leaves Oct-17 and Nov-17 null"))
    rng = random.Random(20180228)
    E, W = "East Team", "West Team"
    c.settings = {"version": 1, "la_name": "Sheet Dates City (synthetic)",
                  "areas": [{"area": "EAST", "population_0_17": 3000}, {"area": "WEST", "population_0_17": 2800}]}
    c.csv("teams.csv", ["Team", "Area", "Team Type"], [[E, "EAST", "Safeguarding"], [W, "WEST", "Assessment"]])
    workers = ["W00501", "W00502", "W00503", "W00504", "W00505"]
    A_DATES = [D(2017, 12, 31), D(2018, 1, 31)]
    SNAPS = [D(2017, 10, 31), D(2017, 11, 30)] + A_DATES + [D(2018, 2, 28)]

    # CIN episodes, with each snapshot's allocation
    eps = [("GC005000", D(2016, 9, 1), D(2017, 6, 7), E, {})]
    for i in range(1, 36):
        s = D(2016, 8, 1) + timedelta(days=rng.randrange(570))
        e = s + timedelta(days=rng.randrange(40, 420)) if rng.random() < 0.4 else None
        if e is not None and e > D(2018, 2, 27):
            e = None
        eps.append(("GC%06d" % (5000 + i), s, e, rng.choice([E, W]), {}))
    for ep in eps:
        w = rng.choice(workers + ["", "Duty"])
        for snap in SNAPS:
            if rng.random() < 0.25:
                w = rng.choice(workers + ["", "Duty", "TBC"])
            ep[4][snap] = w
    dobs = {ep[0]: D(2003, 1, 1) + timedelta(days=rng.randrange(5000)) for ep in eps}

    def list6_sheet(asat, latest_seen=None):
        rows = [L6_COLS]
        for ep, ee in snapshot_rows(eps, asat):
            ch, s, _e, team, alloc = ep
            seen = max(s, min(ee or asat, asat) - timedelta(days=rng.randrange(1, 30)))
            rows.append([ch, rng.choice(["a) Male", "b) Female"]), dobs[ch], s, seen, ee,
                         "e) Closed episode" if ee else "c) Child in need plan", team, alloc[asat] or None])
        if latest_seen is not None:
            rows[-1][4] = latest_seen
        return rows

    leavers = [("GC%06d" % (5100 + i), D(1996, 4, 1) + timedelta(days=rng.randrange(1900)),
                rng.choice(["a) Relevant child", "b) Former relevant child", "b) Former relevant child"]))
               for i in range(16)]
    acts = ["F1 - Full time higher education", "F3", "P3", "F5", "G4", "G5", "G6"]

    def list9_sheet(n_eet):
        """Each extract has its own number of EET leavers, so a month's figure
        says which extract it came from."""
        return [L9_COLS] + [[ch, rng.choice(["a) Male", "b) Female"]), dob, E, el, "a) Yes",
                             rng.choice(acts[:4]) if i < n_eet else rng.choice(acts[4:])]
                            for i, (ch, dob, el) in enumerate(leavers)]

    plans = [("GC005200", D(2016, 12, 1), D(2017, 4, 4), E)]
    for i in range(1, 16):
        s = D(2016, 10, 1) + timedelta(days=rng.randrange(480))
        e = s + timedelta(days=rng.randrange(60, 300)) if rng.random() < 0.35 else None
        if e is not None and e > D(2018, 2, 27):
            e = None
        plans.append(("GC%06d" % (5200 + i), s, e, rng.choice([E, W])))

    def list7_sheet(asat, cap):
        rows = [L7_COLS]
        for ep, ee in snapshot_rows(plans, asat, 330):
            ch, s, _e, team = ep
            top = min(ee or cap, cap)
            lv = top - timedelta(days=rng.randrange(0, 35))
            rows.append([ch, dobs.get(ch, D(2010, 5, 5)), s, lv if lv >= s else None,
                         max(s, top - timedelta(days=rng.randrange(20, 90))), ee, team])
        return rows

    cla = [("GC005300", D(2015, 6, 6), D(2017, 3, 8), "C2: FCO")]
    for i in range(1, 14):
        s = D(2014, 1, 1) + timedelta(days=rng.randrange(1480))
        e = s + timedelta(days=rng.randrange(200, 900)) if rng.random() < 0.3 else None
        if e is not None and e > D(2018, 2, 27):
            e = None
        cla.append(("GC%06d" % (5300 + i), s, e, rng.choice(["C2: FCO", "C1: ICO", "V2: Single period under S20"])))

    def list8_sheet(asat, cap):
        rows = [L8_COLS]
        for ep, ee in snapshot_rows(cla, asat, 330):
            ch, s, _e, legal = ep
            top = min(ee or cap, cap)
            rows.append([ch, D(2006, 2, 2), rng.choice(["b) No", "b) No", "a) Yes"]), s, legal,
                         max(s, top - timedelta(days=rng.randrange(0, 60))), ee, W])
        return rows

    # A: annex_a_by_sheet.xlsx: dated sheet names, plus two undated sheets sharing one date
    wb = Workbook()
    wb.add_sheet("List 6 2017-12-31", list6_sheet(D(2017, 12, 31)))
    wb.add_sheet("List 9 2017-12-31", list9_sheet(7))
    wb.add_sheet("List 6 2018-01-31", list6_sheet(D(2018, 1, 31), latest_seen=D(2018, 1, 31)))
    wb.add_sheet("List 9 2018-01-31", list9_sheet(9))
    l7 = list7_sheet(D(2018, 1, 31), D(2018, 1, 26))   # its own latest date: 26/01/2018
    l8 = list8_sheet(D(2018, 1, 31), D(2018, 1, 29))   # its own latest date: 29/01/2018 (the workbook's)
    l8[-1][5] = D(2018, 1, 29)
    wb.add_sheet("List 7", l7)
    wb.add_sheet("List 8", l8)
    c.xlsx("annex_a_by_sheet.xlsx", wb)

    # B: annex_a_2018-02-28.xlsx: the workbook's name holds the date, its sheets do not
    wb = Workbook()
    wb.add_sheet("List 6", list6_sheet(D(2018, 2, 28)))
    wb.add_sheet("List 9", list9_sheet(11))
    wb.add_sheet("List 7", list7_sheet(D(2018, 2, 28), D(2018, 2, 27)))
    wb.add_sheet("List 8", list8_sheet(D(2018, 2, 28), D(2018, 2, 27)))
    c.xlsx("annex_a_2018-02-28.xlsx", wb)

    # C: allocations_corrected.xlsx: no date in any name; its latest data date is a typo
    # (12/12/2017), so the user sets the whole workbook to 30/11/2017 and its List 9 to 31/10/2017.
    wb = Workbook()
    wb.add_sheet("List 6", list6_sheet(D(2017, 11, 30), latest_seen=D(2017, 12, 12)))
    wb.add_sheet("List 9", list9_sheet(4))
    c.xlsx("allocations_corrected.xlsx", wb)
    c.as_at = {"allocations_corrected.xlsx": "2017-11-30",
               "allocations_corrected.xlsx \u203a List 9": "2017-10-31"}

    staff = [["W00501", "Sam Sample", E, "Yes", "No", "", "1", "", ""],
             ["W00502", "Jo Mock", E, "Yes", "Yes", "", "1", "", ""],
             ["W00503", "Robin Replica", W, "Yes", "No", "", "0.5", "", ""],
             ["W00504", "Dana Dummy", W, "Yes", "No", "", "1", dmy(D(2017, 6, 5)), ""],
             ["W00505", "Lee Lorem", W, "Yes", "No", "", "1", "", dmy(D(2018, 2, 28))],
             ["W00506", "Old Leaver", E, "Yes", "No", "", "1", dmy(D(2014, 1, 1)), dmy(D(2016, 12, 2))]]
    c.csv("staff_2018-02-28.csv", ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency",
                                   "Manager", "FTE", "Start Date", "End Date"], staff)
    return c


# =============================================================================
# Case 8: list9_births_only (month 2018-01)
# =============================================================================

def case_list9_births_only():
    c = Case("list9_births_only", "2018-01", (
             "as-at from the data, reporting month 2018-01: care_leavers_extract.csv (List 9, no date "
             "in its name, only date column Date of Birth, one birth typed 15/12/2017) has no as-at "
             "date ('unknown') and contributes nothing; list9_care_leavers_2018-01-31.csv gives "
             "January's EET 62.5%, and Dec-17 is null (a reader using birth dates would date the "
             "extract 15/12/2017 and give a December figure). list6_cin_extract.csv has no date in "
             "its name: its CIN dates stop at 19/01/2018, an unborn child's expected birth date is "
             "02/03/2018, and its latest date is 31/01/2018 in Date Child Was Last Seen (unused by "
             "the scorecard): as at 31/01/2018 ('latest date'), so January has 27 open cases and 13 "
             "unallocated. Reading only the kind's own date columns (19/01/2018) gives January no "
             "value at all; counting birth dates (02/03/2018) gives unallocated null"))
    rng = random.Random(20180115)
    N, S, LC = "North Team", "South Team", "Leaving Care"
    c.settings = {"version": 1, "la_name": "Birthdate Borough (synthetic)",
                  "teams": [{"team": N, "area": "NORTH", "team_type": "Safeguarding"},
                            {"team": S, "area": "SOUTH", "team_type": "Assessment"},
                            {"team": LC, "area": "SOUTH", "team_type": "Other"}],
                  "areas": [{"area": "NORTH", "population_0_17": 2500}, {"area": "SOUTH", "population_0_17": 2200}]}
    leavers = [("GC%06d" % (6000 + i), D(1996, 3, 1) + timedelta(days=rng.randrange(1900)),
                rng.choice(["a) Relevant", "b) Former relevant", "b) Former relevant"])) for i in range(18)]
    # A List 9 as at 31/01/2018 (date in the name): 10 of the leavers in EET
    c.csv("list9_care_leavers_2018-01-31.csv",
          ["Child Unique ID", "Date of Birth", "Eligibility Category", "LA in Touch", "Activity Status",
           "Allocated Team"],
          [[ch, dmy(dob), el, "a) Yes", rng.choice(["F1", "F2", "F4"]) if i < 10 else rng.choice(["G5", "G6"]), LC]
           for i, (ch, dob, el) in enumerate(leavers)])
    # A List 9 without a date in its name whose only date column is Date of Birth (one typed
    # 15/12/2017 for 15/12/1999): no as-at date, so it contributes nothing.
    rows = [[ch, dmy(dob), el, "a) Yes", rng.choice(["F1", "F3"]) if i < 4 else "G6", LC]
            for i, (ch, dob, el) in enumerate(leavers)]
    rows.append(["GC006050", "15/12/2017", "a) Relevant", "a) Yes", "F1", LC])
    c.csv("care_leavers_extract.csv",
          ["Child Unique ID", "Date of Birth", "Eligibility Category", "LA in Touch", "Activity Status",
           "Allocated Team"], rows)
    # A List 6 without a date in its name: its CIN dates stop at 19/01/2018, an unborn child's
    # expected date of birth is 02/03/2018 (never an as-at date), and the latest date is in
    # Date Child Was Last Seen, a column the scorecard does not use: 31/01/2018.
    rows = [["GC006100", dmy(D(2009, 3, 3)), dmy(D(2016, 11, 1)), dmy(D(2017, 7, 20)), dmy(D(2017, 8, 2)), N, "W1"]]
    for i in range(1, 32):
        s = D(2016, 6, 1) + timedelta(days=rng.randrange(590))
        e = s + timedelta(days=rng.randrange(40, 300)) if rng.random() < 0.35 else None
        if e is not None and (e > D(2018, 1, 19) or e < D(2017, 8, 2)):
            e = None
        seen = min(e or D(2018, 1, 30), D(2018, 1, 30)) - timedelta(days=rng.randrange(0, 20))
        rows.append(["GC%06d" % (6100 + i), dmy(D(2003, 1, 1) + timedelta(days=rng.randrange(5000))), dmy(s),
                     dmy(max(seen, s)), dmy(e), rng.choice([N, S]), rng.choice(["W1", "W2", "W3", "", "Duty"])])
    rows.append(["GC006140", dmy(D(2018, 3, 2)), dmy(D(2018, 1, 19)), dmy(D(2018, 1, 31)), "", N, "Duty"])
    c.csv("list6_cin_extract.csv",
          ["Child Unique ID", "Date of Birth", "CIN Start Date", "Date Child Was Last Seen", "CIN Closure Date",
           "Allocated Team", "Allocated Worker"], rows)
    return c


# =============================================================================
# Case 9 and 10: grace_days (as_at_grace_days 10) and grace_days_default (7)
# =============================================================================

def grace_case(name, grace):
    c = Case(name, "2017-12", (
             ("as_at_grace_days 10 in the settings" if grace else "the default as_at_grace_days (7)") +
             ", reporting month 2017-12: List 6 extracts as at 10/11/2017 (10 days after Oct-17), "
             "30/11/2017, 09/01/2018 (9 days after Dec-17) and 05/02/2018, and a staff file. " +
             ("With 10 days, Dec-17 allocation comes from the 09/01/2018 extract (unallocated 10 of "
              "20 open cases, caseload 2.5) and Oct-17 from the 10/11/2017 one (exactly 10 days: "
              "unallocated 5); the default 7 would leave both null"
              if grace else
              "With 7 days, Dec-17 has open_cases 20 but unallocated and caseload null, and Oct-17 "
              "unallocated is null too (10 days late); Nov-17 (unallocated 6) is unaffected. A "
              "grace of 10 would give Dec-17 unallocated 10")))
    rng = random.Random(20171231)
    A, B = "Alpha Team", "Beta Team"
    c.settings = {"version": 1, "la_name": "Grace Town (synthetic)",
                  "teams": [{"team": A, "area": "ALPHA", "team_type": "Safeguarding"},
                            {"team": B, "area": "BETA", "team_type": "Assessment"}],
                  "areas": [{"area": "ALPHA", "population_0_17": 2000}, {"area": "BETA", "population_0_17": 1800}]}
    if grace is not None:
        c.settings["as_at_grace_days"] = grace
    workers = ["W00701", "W00702", "W00703", "W00704"]
    ASATS = [D(2017, 11, 10), D(2017, 11, 30), D(2018, 1, 9), D(2018, 2, 5)]
    eps = [("GC007000", D(2016, 12, 1), D(2017, 6, 5), A, {})]
    for i in range(1, 34):
        s = D(2016, 9, 1) + timedelta(days=rng.randrange(520))
        e = s + timedelta(days=rng.randrange(40, 350)) if rng.random() < 0.35 else None
        if e is not None and e > D(2018, 2, 4):
            e = None
        eps.append(("GC%06d" % (7000 + i), s, e, rng.choice([A, B]), {}))
    for ep in eps:
        w = rng.choice(workers + ["", "Duty"])
        for asat in ASATS:
            if rng.random() < 0.3:
                w = rng.choice(workers + ["", "Duty", "Unallocated"])
            ep[4][asat] = w
    for asat in ASATS:
        rows = []
        for ep, ee in snapshot_rows(eps, asat):
            ch, s, _e, team, alloc = ep
            rows.append([ch, dmy(s), dmy(ee), "c) Child in need plan", team, alloc[asat]])
        c.csv("list6_cin_%s.csv" % asat.isoformat(),
              ["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Case Status", "Allocated Team",
               "Allocated Worker"], rows)
    c.csv("staff_2018-02-05.csv",
          ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency", "FTE", "Start Date", "End Date"],
          [["W00701", "Sam Sample", A, "Yes", "No", "1", "", ""],
           ["W00702", "Jo Mock", A, "Yes", "No", "0.6", "", ""],
           ["W00703", "Robin Replica", B, "Yes", "Yes", "1", "", ""],
           ["W00704", "Dana Dummy", B, "Yes", "No", "1", dmy(D(2016, 4, 4)), ""],
           ["W00705", "Old Leaver", B, "Yes", "No", "1", dmy(D(2014, 4, 4)), dmy(D(2016, 10, 3))]])
    return c


def case_grace_days():
    return grace_case("grace_days", 10)


def case_grace_days_default():
    return grace_case("grace_days_default", None)


# =============================================================================
# Case 11: excel_errors (month 2018-03)
# =============================================================================

def case_excel_errors():
    c = Case("excel_errors", "2018-03", (
             "Excel errors as blank, reporting month 2018-03: List 6 Allocated Worker #N/A, #REF!, "
             "#value!, #Name? and a no-break space only (unallocated when started 7+ days before "
             "M_end; #N/A on 26/03 is too recent), CIN Closure Date #VALUE! and #DIV/0! (blank: "
             "open), Child Unique ID #REF! (row left out), Allocated Team #N/A (Unassigned); List 7 "
             "ids #REF! and #N/A (left out) and an end date #NULL! (open); List 3 count column "
             "with #N/A, #DIV/0!, #ref! (those rows use the dates, as an invalid count would). "
             "Figures: open_cases 36, unallocated 17, an Unassigned area column, cp_plans 13. "
             "Reading the errors as text gives unallocated 14 (three errors taken for names), "
             "open_cases 34 (closure errors invalid) or 37 (#REF! a child), an area 'Unmapped' for "
             "the team #N/A, cp_plans 14 (#REF! a child) or 12 (#NULL! invalid)"))
    rng = random.Random(20180330)
    N, S = "North Team", "South Team"
    c.settings = {"version": 1, "la_name": "Error Valley (synthetic)",
                  "teams": [{"team": N, "area": "NORTH", "team_type": "Safeguarding"},
                            {"team": S, "area": "SOUTH", "team_type": "Assessment"}],
                  "areas": [{"area": "NORTH", "population_0_17": 3100}, {"area": "SOUTH", "population_0_17": 2900}]}
    # List 6 as at 28/02 and 31/03/2018; Excel errors in the March extract
    eps = [["GC008000", D(2016, 10, 3), D(2017, 9, 5), N, "Sam Sample"]]
    for i in range(1, 30):
        s = D(2016, 8, 1) + timedelta(days=rng.randrange(560))
        e = s + timedelta(days=rng.randrange(40, 300)) if rng.random() < 0.3 else None
        if e is not None and (e > D(2018, 3, 30) or e < D(2017, 9, 5)):
            e = None
        eps.append(["GC%06d" % (8000 + i), s, e, rng.choice([N, S]),
                    rng.choice(["Sam Sample", "Jo Mock", "Robin Replica", "Duty", ""])])
    special = [  # (child, start, closure text, team, worker): the rows the errors are in
        ("GC008101", D(2017, 11, 6), "", N, "#N/A"),           # worker error: unallocated
        ("GC008102", D(2017, 12, 4), "", S, "#REF!"),          # unallocated
        ("GC008103", D(2018, 1, 8), "", S, "#value!"),         # any case: unallocated
        ("GC008104", D(2018, 2, 5), "", N, "#Name?"),          # unallocated
        ("GC008105", D(2018, 3, 26), "", N, "#N/A"),           # 5 days before M_end: not counted
        ("GC008106", D(2018, 1, 15), "", N, "\u00a0"),         # a no-break space only: blank, unallocated
        ("GC008107", D(2017, 10, 2), "#VALUE!", S, "Jo Mock"),  # closure error: blank, open
        ("GC008108", D(2017, 9, 11), "#DIV/0!", N, "Robin Replica"),  # open
        ("#REF!", D(2017, 8, 14), "", N, "Sam Sample"),        # id error: row invalid, left out
        ("GC008110", D(2017, 7, 3), "", "#N/A", "Sam Sample"),  # team error: Unassigned
    ]
    header = ["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Case Status", "Allocated Team",
              "Allocated Worker"]
    for asat in (D(2018, 2, 28), D(2018, 3, 31)):
        rows = []
        for ep, ee in snapshot_rows([tuple(e) for e in eps], asat):
            ch, s, _e, team, w = ep
            rows.append([ch, dmy(s), dmy(ee), "c) Child in need plan", team, w])
        for ch, s, ctext, team, w in special:  # the same failed lookups in both extracts
            if s <= asat:
                rows.append([ch, dmy(s), ctext, "c) Child in need plan", team, w])
        c.csv("list6_cin_%s.csv" % asat.isoformat(), header, rows)
    # List 7: an id error and an end-date error
    rows = [["GC008200", dmy(D(2017, 1, 9)), dmy(D(2017, 7, 4)), N]]
    for i in range(1, 14):
        s = D(2016, 12, 1) + timedelta(days=rng.randrange(450))
        e = s + timedelta(days=rng.randrange(60, 300)) if rng.random() < 0.3 else None
        if e is not None and (e > D(2018, 3, 30) or e < D(2017, 7, 4)):
            e = None
        rows.append(["GC%06d" % (8200 + i), dmy(s), dmy(e), rng.choice([N, S])])
    rows.append(["#REF!", dmy(D(2017, 12, 12)), "", S])             # left out of the count
    rows.append(["#N/A", dmy(D(2017, 11, 13)), "", N])              # left out
    rows.append(["GC008230", dmy(D(2017, 10, 10)), "#NULL!", S])    # end date error: open
    c.csv("list7_cp_2018-03-31.csv",
          ["Child Unique ID", "Child Protection Plan Start Date", "Child Protection Plan End Date",
           "Allocated Team"], rows)
    # List 3: look-back incomplete (from 01/10/2017); count column with Excel errors -> dates
    kids = ["GC%06d" % (8300 + i) for i in range(25)]
    refs = {("GC008300", D(2017, 10, 2))}
    while len(refs) < 60:
        refs.add((rng.choice(kids), D(2017, 10, 3) + timedelta(days=rng.randrange(179))))
    rows = []
    for ch, d in sorted(refs, key=lambda r: (r[1], r[0])):
        cnt = rng.choice(["0", "1", "#N/A", "#DIV/0!", "#ref!", "0"])
        rows.append([ch, dmy(d), cnt, rng.choice([N, S])])
    c.csv("list3_referrals_2018-03-31.csv",
          ["Child Unique ID", "Date of referral", "Number of Referrals in Last 12 Months", "Allocated Team"], rows)
    return c


# =============================================================================
# Case 12: staff_names (month 2018-03)
# =============================================================================

def case_staff_names():
    c = Case("staff_names", "2018-03", (
             "worker and team names, reporting month 2018-03: the staff file writes workers "
             "'Sample, Sam', 'JO MOCK', 'Robin<no-break space> Replica', 'Dummy, Dana.', "
             "'Ipsum Jamie', 'lee lorem', 'alex   EXAMPLE' while List 6 writes 'Sam Sample', 'Jo "
             "Mock', ...; teams.csv, the staff file and List 6 write team names with no-break "
             "spaces and in other cases. Names are compared ignoring case, whitespace (no-break "
             "spaces included), punctuation and word order, so every allocated case of these "
             "workers counts: caseload 4.76 (CENTRAL 4.42); only 'Pat Nobody' matches no one "
             "(reported). Comparing names as written (case and spaces folded only) loses the cases "
             "of Sam Sample, Dana Dummy and Jamie Ipsum and gives a lower caseload; not folding "
             "no-break spaces puts workers and cases in Unmapped"))
    rng = random.Random(20180331)
    CS, CA, OC = "Central Safeguarding", "Central Assessment", "Outer Children in Care"
    c.settings = {"version": 1, "la_name": "Name Match City (synthetic)",
                  "areas": [{"area": "CENTRAL", "population_0_17": 4000}, {"area": "OUTER", "population_0_17": 3000}]}
    # teams file: no-break spaces inside team names
    c.csv("teams.csv", ["Team", "Area", "Team Type"],
          [["Central" + NBSP + "Safeguarding", "CENTRAL", "Safeguarding"],
           ["Central Assessment", "CENTRAL", "Assessment"],
           ["Outer Children" + NBSP + "in" + NBSP + "Care", "OUTER", "Children in Care"]])
    staff = [
        # worker id, name as the staff file writes it, team as the staff file writes it, FTE
        ("W00801", "Sample, Sam", "central safeguarding", "1"),
        ("W00802", "JO MOCK", "CENTRAL" + NBSP + "SAFEGUARDING", "0.8"),
        ("W00803", "Robin" + NBSP + " Replica", "Central  Assessment", "1"),
        ("W00804", "Dummy, Dana.", CA, "0.5"),
        ("W00805", "Ipsum Jamie", "Outer Children in Care", "1"),
        ("W00806", "lee lorem", "Outer" + NBSP + "Children in Care", "1"),
        ("W00807", "alex   EXAMPLE", CA, "1"),
    ]
    c.csv("staff_2018-03-31.csv",
          ["Worker ID", "Worker Name", "Team", "Qualified Social Worker", "Agency", "FTE", "Start Date", "End Date"],
          [[w, n, t, "Yes", "No", f, dmy(D(2016, 1, 4)), ""] for w, n, t, f in staff])
    # List 6 writes every worker "First Last"
    names = ["Sam Sample", "Jo Mock", "Robin Replica", "Dana Dummy", "Jamie Ipsum", "Lee Lorem"]
    team_of = {"Sam Sample": CS, "Jo Mock": CS, "Robin Replica": CA, "Dana Dummy": CA, "Jamie Ipsum": OC,
               "Lee Lorem": OC}
    rows = [["GC009000", dmy(D(2016, 12, 5)), dmy(D(2017, 10, 3)), CS, "Sam Sample"]]
    for i in range(1, 40):
        s = D(2016, 9, 1) + timedelta(days=rng.randrange(570))
        e = s + timedelta(days=rng.randrange(40, 300)) if rng.random() < 0.2 else None
        if e is not None and (e > D(2018, 3, 30) or e < D(2017, 10, 3)):
            e = None
        w = rng.choice(names + names + ["Alex Example", "Pat Nobody", "Duty"])
        team = team_of.get(w, CA)
        shown = {CS: "Central" + NBSP + "Safeguarding", CA: "central assessment", OC: OC}[team] \
            if rng.random() < 0.5 else team
        rows.append(["GC%06d" % (9000 + i), dmy(s), dmy(e), shown, w])
    c.csv("list6_cin_2018-03-31.csv",
          ["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Allocated Team", "Allocated Worker"], rows)
    sups = [("W00801", D(2017, 3, 1))]
    for w, _n, _t, _f in staff:
        d = D(2017, 3, 1)
        while d <= D(2018, 3, 1):
            if rng.random() < 0.75:
                sups.append((w, d + timedelta(days=rng.randrange(28))))
            d = add_months(d, 1)
    sups = sorted(set(sups), key=lambda x: (x[1], x[0]))
    c.csv("supervisions_2018-03-31.csv", ["Worker ID", "Supervision Date"], [[w, dmy(d)] for w, d in sups])
    return c


CASES = {"boundaries": case_boundaries, "messy_inputs": case_messy, "partial_inputs": case_partial,
         "leap_day": case_leap_day, "one_word_headers": case_one_word_headers,
         "annex_a_workbook": case_annex_a_workbook, "workbook_sheet_dates": case_workbook_sheet_dates,
         "list9_births_only": case_list9_births_only, "grace_days": case_grace_days,
         "grace_days_default": case_grace_days_default, "excel_errors": case_excel_errors,
         "staff_names": case_staff_names}


def main(argv):
    names = argv[1:] or list(CASES)
    for n in names:
        case = CASES[n]()
        out = case.write()
        print("%s: %d files, %d problems" % (n, len(case.files), len(out["problems"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
