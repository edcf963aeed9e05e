#!/usr/bin/env python3
"""Independent reference implementation of the scorecard specification.

Written from /work/shared/spec alone (README, inputs, indicators, outputs,
settings, bank-holidays), standard library only, to produce expected outputs
("golden cases") for the product.  It never reads the product's code.

Usage:
    python3 scorecard_ref.py [--month YYYY-MM] [--settings FILE]
        [--today YYYY-MM-DD] [--as-at FILE=YYYY-MM-DD] [--covers FILE=YYYY-MM-DD]
        FILE...

Prints the JSON object of outputs.md ("--format json").  Numbers unrounded,
percentages 0-100, null where not computable.

Readings of the spec where it left a choice are numbered R1, R2, ... in the
comments and listed in tools/reference/README.md.
"""

import argparse
import calendar
import csv
import io
import json
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, timedelta

# ---------------------------------------------------------------------------
# Calendar: months, bank holidays, working days
# ---------------------------------------------------------------------------


def month_index(y, m):
    return y * 12 + (m - 1)


def month_ym(mi):
    return mi // 12, mi % 12 + 1


def month_start(mi):
    y, m = month_ym(mi)
    return date(y, m, 1)


def month_end(mi):
    y, m = month_ym(mi)
    return date(y, m, calendar.monthrange(y, m)[1])


def month_str(mi):
    y, m = month_ym(mi)
    return "%04d-%02d" % (y, m)


def parse_month(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})", s.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError("month must be YYYY-MM: %r" % s)
    return month_index(int(m.group(1)), int(m.group(2)))


def minus_months(d, n):
    """Same day n calendar months earlier; a day missing in the target month
    becomes its last day.  indicators.md: "A look-back from 29 February starts
    on 28 February"; "15/03/2017 looks back to 15/03/2016 inclusive"."""
    mi = month_index(d.year, d.month) - n
    y, m = month_ym(mi)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


# bank-holidays.md, verbatim.
BANK_HOLIDAY_TABLE = """
2012 01-02 04-06 04-09 05-07 06-04 06-05* 08-27 12-25 12-26
2013 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2014 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2015 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28
2016 01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27
2017 01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2018 01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26
2019 01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26
2020 01-01 04-10 04-13 05-08* 05-25 08-31 12-25 12-28
2021 01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28
2022 01-03 04-15 04-18 05-02 06-02 06-03* 08-29 09-19* 12-26 12-27
2023 01-02 04-07 04-10 05-01 05-08* 05-29 08-28 12-25 12-26
2024 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2025 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2026 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28
2027 01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28
2028 01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26
"""


def _table_holidays():
    out = {}
    for line in BANK_HOLIDAY_TABLE.strip().splitlines():
        parts = line.split()
        y = int(parts[0])
        days = set()
        for p in parts[1:]:
            mm, dd = p.rstrip("*").split("-")
            days.add(date(y, int(mm), int(dd)))
        out[y] = days
    return out


def easter_sunday(y):
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def derived_holidays(y):
    """bank-holidays.md: "After 2028, or for a year missing here, the engine
    derives the regular days (New Year's Day, Good Friday, Easter Monday, early
    May and spring Mondays, summer Monday, Christmas, Boxing Day, with weekend
    substitutes)"."""
    days = set()
    ny = date(y, 1, 1)
    while ny.weekday() >= 5:
        ny += timedelta(days=1)
    days.add(ny)
    e = easter_sunday(y)
    days.add(e - timedelta(days=2))
    days.add(e + timedelta(days=1))
    d = date(y, 5, 1)
    while d.weekday() != 0:
        d += timedelta(days=1)
    days.add(d)
    d = date(y, 5, 31)
    while d.weekday() != 0:
        d -= timedelta(days=1)
    days.add(d)
    d = date(y, 8, 31)
    while d.weekday() != 0:
        d -= timedelta(days=1)
    days.add(d)
    xmas, boxing = date(y, 12, 25), date(y, 12, 26)
    if xmas.weekday() == 5:  # Saturday: Mon 27 and Tue 28
        xmas, boxing = date(y, 12, 27), date(y, 12, 28)
    elif xmas.weekday() == 6:  # Sunday: Boxing Mon 26, Christmas Tue 27
        xmas, boxing = date(y, 12, 27), date(y, 12, 26)
    elif boxing.weekday() == 5:  # Friday Christmas: Boxing moves to Mon 28
        boxing = date(y, 12, 28)
    days.add(xmas)
    days.add(boxing)
    return days


class Calendar:
    def __init__(self, extra, start_day_counts):
        self.table = _table_holidays()
        self.extra = set(extra)
        self.start_day_counts = start_day_counts
        self.derived_years = set()
        self._cache = {}

    def holidays(self, y):
        if y not in self._cache:
            if y in self.table:
                hs = set(self.table[y])
            else:
                hs = derived_holidays(y)
                self.derived_years.add(y)
            self._cache[y] = hs | {d for d in self.extra if d.year == y}
        return self._cache[y]

    def is_working(self, d):
        return d.weekday() < 5 and d not in self.holidays(d.year)

    def working_days(self, a, b):
        """indicators.md: "The number of working days from a to b counts the
        working days d with a < d <= b (the start day is day 0 ...). The
        setting start_day_counts adds one when a itself is a working day."""
        n = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_working(d):
                n += 1
            d += timedelta(days=1)
        if self.start_day_counts and self.is_working(a):
            n += 1
        return n


# ---------------------------------------------------------------------------
# Value types (inputs.md "Value types")
# ---------------------------------------------------------------------------

# inputs.md "Value types": "blank: empty, whitespace (non-breaking spaces
# included), or (any case) NULL, N/A, -, or an Excel error: #N/A, #REF!,
# #VALUE!, #DIV/0!, #NAME?, #NUM!, #NULL!, #SPILL!, #CALC!, or an error cell in
# a workbook."
EXCEL_ERRORS = {"#n/a", "#ref!", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!",
                "#calc!"}
BLANK_TOKENS = {"", "null", "n/a", "-"} | EXCEL_ERRORS


class ErrorCell(str):
    """A workbook cell of type error (t="e"): its text is the error shown by
    Excel; always blank, whatever the text."""


def is_excel_error(raw):
    return isinstance(raw, ErrorCell) or (raw is not None and raw.strip().lower() in EXCEL_ERRORS)


def is_blank(raw):
    """Python's str.strip() removes every Unicode whitespace character,
    U+00A0 (no-break space) included."""
    return raw is None or isinstance(raw, ErrorCell) or raw.strip().lower() in BLANK_TOKENS


MONTH_NAMES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
_RE_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})" + _TIME)
_RE_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
# R2: times are accepted after the numeric forms only (the sentence puts
# "each optionally followed by a time" before the semicolon).
_RE_DMONY = re.compile(r"(\d{1,2})([ \-])([A-Za-z]+)\2(\d{4})")
_RE_SERIAL = re.compile(r"(\d+)(?:\.\d+)?")
EXCEL_EPOCH = date(1899, 12, 30)


def _mk_date(y, m, d):
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(raw):
    """Returns a date, or None when the value is not a valid date.

    inputs.md: "date: day first, always. Accepted: d/m/yyyy, d-m-yyyy,
    d.m.yyyy (day and month of one or two digits), yyyy-m-d, each optionally
    followed by a time (hh:mm or hh:mm:ss, after a space or T; ignored, not
    checked); d-Mon-yyyy, d Mon yyyy, d-Month-yyyy, d Month yyyy (...plus
    Sept, any case); and Excel serial day numbers ... from 61 to 2958465,
    optionally with a fraction ... day n is 30/12/1899 plus n days"."""
    s = raw.strip()
    m = _RE_DMY.fullmatch(s)
    if m:
        return _mk_date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    m = _RE_YMD.fullmatch(s)
    if m:
        return _mk_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _RE_DMONY.fullmatch(s)
    if m:
        mon = MONTH_NAMES.get(m.group(3).lower())
        if mon is None:
            return None
        return _mk_date(int(m.group(4)), mon, int(m.group(1)))
    m = _RE_SERIAL.fullmatch(s)
    if m:
        n = int(m.group(1))
        if 61 <= n <= 2958465:
            return EXCEL_EPOCH + timedelta(days=n)
    return None


def parse_yesno(raw):
    """yes = y, yes, true, 1, or a value starting a) or yes; no = n, no, false,
    0, or a value starting b) or no.  Returns True/False/None(invalid)."""
    s = raw.strip().lower()
    if s in ("y", "yes", "true", "1"):
        return True
    if s in ("n", "no", "false", "0"):
        return False
    if s.startswith("a)") or s.startswith("yes"):
        return True
    if s.startswith("b)") or s.startswith("no"):
        return False
    return None


_RE_CODE_PREFIX = re.compile(r"[A-Za-z]\d*\)\s*")


def parse_code(raw):
    """"the code is the first token of the value after an optional lettered
    prefix like a) or p1) ... A token ends at a space, :, - or )."  Returned
    upper-case (matching is case-insensitive)."""
    s = raw.strip()
    m = _RE_CODE_PREFIX.match(s)
    if m:
        s = s[m.end():]
    tok = re.split(r"[ :\-)]", s, maxsplit=1)[0]
    return tok.upper() if tok else None


def parse_number(raw):
    s = raw.strip()
    if re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", s):
        return float(s)
    return None


def parse_int(raw):
    s = raw.strip()
    if re.fullmatch(r"\d+", s):
        return int(s)
    return None


def fold(s):
    """inputs.md "names (workers' names, teams): compared case-insensitively,
    with runs of whitespace (non-breaking spaces included) folded and the ends
    trimmed".  Python's \\s matches U+00A0 for str patterns.  Also used for
    worker IDs ("IDs case-insensitive, spaces folded, trimmed")."""
    return re.sub(r"\s+", " ", s).strip().casefold()


def name_key(s):
    """inputs.md: "Worker names are also compared ignoring punctuation and the
    order of their words, so Smith, Jane, JANE SMITH and Jane  Smith are one
    worker."  R36: punctuation (every character that is neither a letter, a
    digit nor whitespace) is deleted, not turned into a space, so O'Brien =
    OBrien and Smith-Jones = SmithJones (one word), while "Smith,Jane" (no
    space) is the single word "smithjane"; the words, case-folded, are then
    sorted."""
    s = "".join(c for c in s.casefold() if c.isalnum() or c.isspace())
    return " ".join(sorted(s.split()))


def norm_header(h):
    """inputs.md "Recognising headers": "lower-case, then remove every
    character that is not a letter or a digit (spaces, quotes and apostrophes,
    punctuation, brackets, _, dashes)"."""
    return "".join(c for c in h.lower() if c.isalnum())


# ---------------------------------------------------------------------------
# Kinds of file and their columns (inputs.md "Columns")
# ---------------------------------------------------------------------------

# field spec: (field, [header and aliases], required, type)
# types: id, date (required date), date_blank (date or blank), yesno, code,
# int, number, text, worker (text).
CHILD = ("child", ["Child Unique ID"], True, "id")
TEAM_OPT = ("team", ["Allocated Team"], False, "text")

KINDS = [
    ("list3_referrals", "Annex A List 3, referrals", [
        CHILD,
        ("referral_date", ["Date of referral", "Date of Referral"], True, "date"),
        ("nfa", ["Referral NFA?"], False, "yesno"),
        ("count12", ["Number of Referrals in Last 12 Months"], False, "int"),
        TEAM_OPT,
    ], ("child", "referral_date")),
    ("list4_assessments", "Annex A List 4, assessments", [
        CHILD,
        ("start", ["Continuous Assessment Start Date", "Assessment Start Date",
                   "Assessment actual start date"], True, "date"),
        ("auth", ["Continuous Assessment Date of Authorisation",
                  "Assessment Authorisation Date", "Date of Authorisation"], True, "date_blank"),
        ("seen", ["Child Seen During Continuous Assessment",
                  "Child Seen During Assessment"], False, "yesno"),
        TEAM_OPT,
    ], ("child", "start")),
    ("list6_cin", "Annex A List 6, children in need", [
        CHILD,
        ("start", ["CIN Start Date"], True, "date"),
        ("end", ["CIN Closure Date"], True, "date_blank"),
        ("case_status", ["Case Status"], False, "code"),
        TEAM_OPT,
        ("worker", ["Allocated Worker"], True, "text_blank"),
    ], ("child", "start")),
    ("list7_cp", "Annex A List 7, child protection plans", [
        CHILD,
        ("start", ["Child Protection Plan Start Date"], True, "date"),
        ("end", ["Child Protection Plan End Date"], True, "date_blank"),
        ("last_visit", ["Date of the Last Statutory Visit"], False, "date_blank"),
        TEAM_OPT,
    ], ("child", "start")),
    ("list8_cla", "Annex A List 8, children looked after", [
        CHILD,
        ("uasc", ["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                  "UASC"], True, "yesno"),
        ("start", ["Date Started to be Looked After"], True, "date"),
        ("legal", ["Child's Legal Status", "Legal Status"], False, "code"),
        ("end", ["Date Ceased to be Looked After"], True, "date_blank"),
        TEAM_OPT,
    ], ("child", "start")),
    ("list9_care_leavers", "Annex A List 9, care leavers", [
        CHILD,
        ("dob", ["Date of Birth"], True, "date"),
        ("eligibility", ["Eligibility Category"], False, "code"),
        ("in_touch", ["LA in Touch"], False, "code"),
        ("activity", ["Activity Status"], True, "code"),
        TEAM_OPT,
    ], ("child",)),
    ("list10_adoption", "Annex A List 10, adoption", [
        CHILD,
        ("entered", ["Date the Child Entered Care"], True, "date"),
        ("placement_order", ["Date of Placement Order"], True, "date_blank"),
        ("matched", ["Date of Matching Child and Prospective Adopters"], True, "date_blank"),
        ("placed", ["Date Placed for Adoption"], True, "date_blank"),
        ("adoption_order", ["Date of Adoption Order"], True, "date_blank"),
        TEAM_OPT,
    ], ("child", "entered")),
    ("cp_visits", "CP visits", [
        CHILD,
        ("visit_date", ["Visit Date"], True, "date"),
        ("seen", ["Child Seen"], False, "yesno"),
    ], ("child", "visit_date")),
    ("family_support", "family support episodes", [
        CHILD,
        ("start", ["Start Date"], True, "date"),
        ("end", ["End Date"], True, "date_blank"),
        ("service", ["Service"], False, "text"),
        ("team", ["Team"], False, "text"),
    ], ("child", "start")),
    ("staff", "social-work staff", [
        ("worker_id", ["Worker ID"], True, "id"),
        ("worker_name", ["Worker Name"], False, "text"),
        ("team", ["Team"], True, "text_blank"),
        ("qualified", ["Qualified Social Worker"], True, "yesno"),
        ("agency", ["Agency"], True, "yesno"),
        ("manager", ["Manager"], False, "yesno"),
        ("case_holder", ["Case Holder"], False, "yesno"),
        ("fte", ["FTE"], False, "number"),
        ("start", ["Start Date"], False, "date_blank"),
        ("end", ["End Date"], False, "date_blank"),
    ], ("worker_id", "start")),
    ("supervisions", "supervision sessions", [
        ("worker_id", ["Worker ID"], True, "id"),
        ("date", ["Supervision Date"], True, "date"),
    ], ("worker_id", "date")),
    ("teams", "team table", [
        ("team", ["Team"], True, "text"),
        ("area", ["Area"], True, "text"),
        ("team_type", ["Team Type"], False, "text"),
    ], ("team",)),
    # Recognised and named, not used by this scorecard.
    ("list1_contacts", "Annex A List 1, not used by this scorecard", [
        CHILD, ("c1", ["Date of Contact"], True, "text"), ("c2", ["Contact Source"], True, "text"),
    ], None),
    ("list2_early_help", "Annex A List 2, not used by this scorecard", [
        CHILD, ("c1", ["Organisation completing assessment"], True, "text"),
    ], None),
    ("list5_s47", "Annex A List 5, not used by this scorecard", [
        CHILD, ("c1", ["Strategy discussion initiating Section 47 Enquiry Start Date"], True, "text"),
    ], None),
    ("list11_adopters", "Annex A List 11, not used by this scorecard", [
        ("c1", ["Individual adopter identifier"], True, "text"),
        ("c2", ["Family identifier"], True, "text"),
    ], None),
]
KIND_BY_ID = {k[0]: k for k in KINDS}
USED_KINDS = [k[0] for k in KINDS[:12]]

# Date columns of each kind (used for the "latest date" as-at fallback, R4:
# the date-typed columns of the recognised kind, over every data row).
DATE_TYPES = ("date", "date_blank")

# inputs.md "What months a file covers": the date that marks the start.
COVERAGE_MARKER = {
    "list3_referrals": ["referral_date"],
    "list4_assessments": ["auth"],
    "list6_cin": ["end"],
    "list7_cp": ["end"],
    "list8_cla": ["end"],
    "family_support": ["end"],
    "list10_adoption": ["adoption_order"],
    "cp_visits": ["visit_date"],
    "supervisions": ["date"],
    "staff": ["end"],  # or earliest start when no one has left (below)
    "list9_care_leavers": [],
}


# ---------------------------------------------------------------------------
# Settings (settings.md)
# ---------------------------------------------------------------------------

DEFAULT_PLACEHOLDERS = ["unallocated", "duty", "none", "n/a", "tbc", "referral coordinator"]

SETTINGS_DEFAULTS = {
    "version": 1,
    "la_name": "",
    "protective_marking": "OFFICIAL",
    "teams": [],
    "areas": [],
    "population_year": None,
    "indicators": {},
    "unallocated_placeholders": DEFAULT_PLACEHOLDERS,
    "unallocated_min_days": 7,
    "assessment_working_days": 45,
    "start_day_counts": False,
    "extra_bank_holidays": [],
    "adoption_a2_window_months": 12,
    "adoption_a1_window_months": 36,
    "exclude_eligible_children": True,
    "caseload_basis": "fte",
    "agency_basis": "fte",
    "suppress_below": None,
    # settings.md: "as_at_grace_days | 7 | an as-at month (allocation, List 9)
    # uses an extract dated in the month or up to this many days after it (0-31)"
    "as_at_grace_days": 7,
    # Known keys that do not change any figure of the JSON compared here.
    "report_title": "Performance scorecard",
    "report_subtitle": "",
    "report_author": "",
    "show_last_year": False,
    "show_year_to_date": False,
    "series_months": 13,
}
INDICATOR_FIELDS = ["target", "tolerance", "polarity", "previous_mode", "national",
                    "statistical_neighbours", "benchmark_year", "baseline_month"]


class UsageError(Exception):
    pass


def load_settings_doc(doc, origin):
    if not isinstance(doc, dict):
        raise UsageError("%s: settings must be a JSON object" % origin)
    for k in doc:
        if k not in SETTINGS_DEFAULTS:
            raise UsageError("%s: unknown settings key %r" % (origin, k))
    s = dict(SETTINGS_DEFAULTS)
    s.update(doc)
    for ind_id, fields in (s.get("indicators") or {}).items():
        if ind_id not in INDICATOR_IDS:
            raise UsageError("%s: unknown indicator %r in settings" % (origin, ind_id))
        for f in fields:
            if f not in INDICATOR_FIELDS:
                raise UsageError("%s: unknown key %r for indicator %r" % (origin, f, ind_id))
    g = s["as_at_grace_days"]
    if isinstance(g, bool) or not isinstance(g, int) or not 0 <= g <= 31:
        raise UsageError("%s: as_at_grace_days must be a whole number from 0 to 31" % origin)
    n = s["series_months"]
    if isinstance(n, bool) or not isinstance(n, int) or not 13 <= n <= 60:
        raise UsageError("%s: series_months must be a whole number from 13 to 60" % origin)
    return s


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------


class Problems:
    def __init__(self):
        self.items = []
        self._seen = set()

    def add(self, file, row, column, value, message):
        key = (file, row, column, value, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append({"file": file, "row": row, "column": column,
                           "value": value if value is not None else "", "message": message})


def decode_bytes(data):
    """UTF-16 with BOM; UTF-8 with or without BOM; otherwise Windows-1252."""
    note = None
    if data[:2] == b"\xff\xfe":
        return data[2:].decode("utf-16-le", errors="replace"), note
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be", errors="replace"), note
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    try:
        return data.decode("utf-8"), note
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "read as Windows-1252"


def choose_delimiter(text):
    """"whichever of comma, semicolon and tab occurs most often in the header
    row (comma on a tie)"."""
    header = text.split("\n", 1)[0]
    counts = [(header.count(","), 2, ","), (header.count(";"), 1, ";"), (header.count("\t"), 0, "\t")]
    counts.sort(reverse=True)
    return counts[0][2]


class Row:
    __slots__ = ("rownum", "raw", "values", "invalid", "file")

    def __init__(self, rownum, raw, file):
        self.rownum = rownum
        self.raw = raw
        self.values = {}
        self.invalid = {}
        self.file = file

    def get(self, f):
        return self.values.get(f)


class LoadedFile:
    def __init__(self, name, order, workbook=None, sheet=None):
        self.name = name  # the path as given, or "book.xlsx › Sheet" for a worksheet
        self.order = order
        self.workbook = workbook  # the workbook's path as given (worksheets only)
        self.sheet = sheet  # the sheet's name (worksheets only)
        self.kind = None
        self.rows = []  # Row objects after within-file merging, in file order
        self.all_rows = []  # every parsed data row (exact duplicates merged)
        self.nrows = 0
        self.latest_date = None  # as-at rule 2 over this table alone
        self.as_at = None
        self.as_at_source = None
        self.covers_from = None
        self.covers_to = None
        self.columns = {}  # field -> column index
        self.headers = {}  # field -> header text as in file
        self.header_row = 1
        self.unreadable = None
        self.settings_doc = None


def recognise_kind(norm_headers):
    """A file is a kind when all its required columns are present; with two
    matches the one with more matched columns wins (R3: counting the kind's
    listed columns other than Child Unique ID); on a tie the first listed.
    Returns (kind, closest, matched) where matched counts every column of the
    kind present (used to choose the header row, R37)."""
    present = set(norm_headers)
    best = None
    closest = None
    for idx, (kid, _label, fields, _key) in enumerate(KINDS):
        matched = 0
        missing = []
        for fname, names, req, _t in fields:
            hit = any(norm_header(n) in present for n in names)
            if hit and fname != "child":
                matched += 1
            if req and not hit:
                missing.append(names[0])
        if not missing:
            cand = (matched, -idx, kid)
            if best is None or cand > best:
                best = cand
        else:
            score = (len(fields) - len(missing), -len(missing), -idx)
            if closest is None or score > closest[0]:
                closest = (score, kid, missing)
    if best:
        fields = KIND_BY_ID[best[2]][2]
        total = sum(1 for _f, names, _r, _t in fields if any(norm_header(n) in present for n in names))
        return best[2], None, total
    return None, closest, 0


def parse_field(ftype, raw, req):
    """Returns (value, ok).  value None with ok True means blank.

    A blank is invalid for an id, a required date (not "date or blank"), and a
    required yes/no, code or number (R1: "Anything else is invalid")."""
    if raw is None or is_blank(raw):
        if ftype in ("id", "date") or (req and ftype in ("yesno", "code", "int", "number")):
            return None, False  # required value missing
        return None, True
    if ftype == "id":
        return raw.strip(), True
    if ftype in ("date", "date_blank"):
        d = parse_date(raw)
        return d, d is not None
    if ftype == "yesno":
        v = parse_yesno(raw)
        return v, v is not None
    if ftype == "code":
        v = parse_code(raw)
        return v, v is not None
    if ftype == "int":
        v = parse_int(raw)
        return v, v is not None
    if ftype == "number":
        v = parse_number(raw)
        return v, v is not None
    return raw.strip(), True  # text / text_blank


FILENAME_DATE_RE = re.compile(
    r"(?<!\d)(?P<a_y>\d{4})-(?P<a_m>\d{2})-(?P<a_d>\d{2})(?!\d)"
    r"|(?<!\d)(?P<b_y>\d{4})(?P<b_m>\d{2})(?P<b_d>\d{2})(?!\d)"
    r"|(?<!\d)(?P<c_d>\d{2})(?P<c_sep>[-.])(?P<c_m>\d{2})(?P=c_sep)(?P<c_y>\d{4})(?!\d)"
    r"|(?<![A-Za-z])(?P<d_mon>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) +
    r")[ _\-](?P<d_y>\d{4})(?!\d)"
    r"|(?<!\d)(?P<e_y>\d{4})-(?P<e_m>\d{2})(?!\d)",
    re.IGNORECASE,
)


def as_at_from_name(name):
    """inputs.md "As-at date of a file", rule 1: "a date in the file name
    (2017-12-31, 20171231, 31-12-2017, 31.12.2017, or a month like Dec 2017,
    December-2017, Dec_2017, 2017-12, which means that month's last day); when
    the name holds several, the last one ...; an impossible date in a name
    (2017-02-30) is ignored, not read as a month".  Also used for a sheet's
    name."""
    base = os.path.basename(name)
    found = None
    for m in FILENAME_DATE_RE.finditer(base):
        g = m.groupdict()
        d = None
        for p in ("a", "b", "c"):
            if g[p + "_y"]:
                d = _mk_date(int(g[p + "_y"]), int(g[p + "_m"]), int(g[p + "_d"]))
        if g["d_mon"]:
            d = month_end(month_index(int(g["d_y"]), MONTH_NAMES[g["d_mon"].lower()]))
        elif g["e_y"] and 1 <= int(g["e_m"]) <= 12:
            d = month_end(month_index(int(g["e_y"]), int(g["e_m"])))
        if d is not None:
            found = d
    return found


# ---------------------------------------------------------------------------
# Workbooks (.xlsx), standard library only: zipfile + xml.etree
# ---------------------------------------------------------------------------

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
SHEET_SEP = " \u203a "  # "book.xlsx › List 6": space, U+203A, space


class WorkbookError(Exception):
    pass


def _part_path(base_dir, target):
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _rels(zf, part):
    """Relationships of a part: Id -> (type, target path)."""
    d, b = posixpath.split(part)
    rp = posixpath.join(d, "_rels", b + ".rels")
    out = {}
    if rp in zf.namelist():
        for r in ET.fromstring(zf.read(rp)).iter(NS_PKG + "Relationship"):
            if r.get("TargetMode") == "External":
                continue
            out[r.get("Id")] = (r.get("Type", ""), _part_path(d, r.get("Target", "")))
    return out


def _text_of(el):
    """Text of a shared or inline string: the <t> of a plain string, or the
    <t> of every rich-text run <r>; phonetic runs <rPh> are not text."""
    parts = []
    for ch in el:
        if ch.tag == NS_MAIN + "t":
            parts.append(ch.text or "")
        elif ch.tag == NS_MAIN + "r":
            for t in ch.iter(NS_MAIN + "t"):
                parts.append(t.text or "")
    return "".join(parts)


BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}


def is_date_format_code(code):
    """A custom number format is a date format when it holds d, m or y outside
    quoted text, [brackets] and backslash-escaped characters."""
    code = re.sub(r'"[^"]*"', "", code)
    code = re.sub(r"\[[^\]]*\]", "", code)
    code = re.sub(r"\\.", "", code)
    return re.search(r"[dmyDMY]", code) is not None


def _col_index(ref):
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + (ord(ch) - 64)
        elif "a" <= ch <= "z":
            n = n * 26 + (ord(ch) - 96)
        else:
            break
    return n - 1


def _number_text(v):
    """Whole numbers without .0; other numbers in their shortest form."""
    f = float(v)
    if f.is_integer() and abs(f) < 1e16:
        return str(int(f))
    r = repr(f)
    if "e" in r or "E" in r:
        r = ("%.15f" % f).rstrip("0").rstrip(".")
    return r


def _date_text(v, date1904):
    """A date cell (a number with a date format) as yyyy-mm-dd (its time is
    dropped); parse_date reads that form."""
    f = float(v)
    n = int(f // 1)
    if date1904:
        return (date(1904, 1, 1) + timedelta(days=n)).isoformat()
    if n >= 61:
        return (EXCEL_EPOCH + timedelta(days=n)).isoformat()
    if 1 <= n < 60:
        return (date(1899, 12, 31) + timedelta(days=n)).isoformat()
    return _number_text(v)  # 0 or Excel's 29/02/1900: not a date


def read_xlsx(data):
    """Returns [(sheet name, rows)] for the visible worksheets in workbook
    order; rows[i] is spreadsheet row i+1, a list of cell texts (str, or
    ErrorCell for an error cell).  Raises WorkbookError when unreadable."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        wb_part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for r in ET.fromstring(zf.read("_rels/.rels")).iter(NS_PKG + "Relationship"):
                if r.get("Type", "").endswith("/officeDocument"):
                    wb_part = _part_path("", r.get("Target", ""))
        if wb_part not in names:
            raise WorkbookError("no workbook part")
        wb = ET.fromstring(zf.read(wb_part))
        rels = _rels(zf, wb_part)
        pr = wb.find(NS_MAIN + "workbookPr")
        date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
        shared = []
        styles_part = None
        for typ, target in rels.values():
            if typ.endswith("/sharedStrings") and target in names:
                shared = [_text_of(si) for si in ET.fromstring(zf.read(target)).iter(NS_MAIN + "si")]
            elif typ.endswith("/styles") and target in names:
                styles_part = target
        date_styles = set()
        if styles_part:
            st = ET.fromstring(zf.read(styles_part))
            custom = {}
            nfs = st.find(NS_MAIN + "numFmts")
            if nfs is not None:
                for nf in nfs.iter(NS_MAIN + "numFmt"):
                    custom[int(nf.get("numFmtId"))] = nf.get("formatCode", "")
            xfs = st.find(NS_MAIN + "cellXfs")
            if xfs is not None:
                for i, xf in enumerate(xfs.findall(NS_MAIN + "xf")):
                    fid = int(xf.get("numFmtId", "0"))
                    if fid in custom:
                        is_d = is_date_format_code(custom[fid])
                    else:
                        is_d = fid in BUILTIN_DATE_FORMATS
                    if is_d:
                        date_styles.add(i)
        out = []
        sheets = wb.find(NS_MAIN + "sheets")
        for sh in (sheets if sheets is not None else []):
            # Hidden sheets are skipped ("each visible, non-empty worksheet").
            if sh.get("state", "visible") in ("hidden", "veryHidden"):
                continue
            rel = rels.get(sh.get(NS_R + "id"))
            if rel is None or not rel[0].endswith("/worksheet") or rel[1] not in names:
                continue  # a chart sheet or a missing part: not a table
            ws = ET.fromstring(zf.read(rel[1]))
            grid = {}
            rnext = 0
            for row in ws.iter(NS_MAIN + "row"):
                ri = int(row.get("r")) - 1 if row.get("r") else rnext
                rnext = ri + 1
                cnext = 0
                for c in row.findall(NS_MAIN + "c"):
                    ci = _col_index(c.get("r")) if c.get("r") else cnext
                    cnext = ci + 1
                    t = c.get("t", "n")
                    v = c.find(NS_MAIN + "v")
                    vt = v.text if v is not None and v.text is not None else None
                    if t == "inlineStr":
                        is_ = c.find(NS_MAIN + "is")
                        val = _text_of(is_) if is_ is not None else ""
                    elif t == "e":
                        val = ErrorCell(vt or "#N/A")  # "an error cell in a workbook": blank
                    elif vt is None:
                        val = ""  # a formula without a cached value, or an empty styled cell
                    elif t == "s":
                        val = shared[int(vt)]
                    elif t == "str":
                        val = vt  # a formula's text result
                    elif t == "b":
                        val = "TRUE" if vt.strip() in ("1", "true") else "FALSE"
                    elif t == "d":
                        d = parse_date(vt)
                        val = d.isoformat() if d else vt
                    else:  # a number
                        if int(c.get("s", "0")) in date_styles:
                            val = _date_text(vt, date1904)
                        else:
                            val = _number_text(vt)
                    grid.setdefault(ri, {})[ci] = val
            if not any((isinstance(v, ErrorCell) or v.strip()) for r in grid.values() for v in r.values()):
                continue  # an empty sheet is skipped
            nrows = max(grid) + 1
            ncols = max(max(r) for r in grid.values() if r) + 1
            rows = []
            for ri in range(nrows):
                r = grid.get(ri, {})
                rows.append([r.get(ci, "") for ci in range(ncols)])
            out.append((sh.get("name", ""), rows))
        return out
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, IndexError) as e:
        raise WorkbookError(str(e))


def read_input(path, order, problems):
    """One input on the command line: a settings document, a CSV (one table)
    or a workbook (one table per visible, non-empty sheet).  Returns a list of
    LoadedFile."""
    lf = LoadedFile(path, order)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        lf.unreadable = "cannot be read: %s" % e.strerror
        return [lf]
    if path.lower().endswith(".json"):
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except Exception:
            doc = None
        if isinstance(doc, dict) and "version" in doc:
            lf.kind = "settings"
            lf.settings_doc = doc
            return [lf]
    if not data.strip():
        lf.unreadable = "the file is empty"
        return [lf]
    if data[:4] == b"PK\x03\x04":
        try:
            sheets = read_xlsx(data)
        except WorkbookError as e:
            lf.unreadable = "unreadable workbook (%s)" % e
            return [lf]
        if not sheets:
            lf.unreadable = "the workbook has no visible, non-empty worksheet"
            return [lf]
        out = []
        for i, (sheet, rows) in enumerate(sheets):
            name = path + SHEET_SEP + sheet
            t = LoadedFile(name, order + i / 1000.0, workbook=path, sheet=sheet)
            candidates = [(k, rows[k]) for k in range(min(10, len(rows)))]
            read_table(t, candidates, lambda k: rows[k + 1:], problems)
            out.append(t)
        return out
    text, enc_note = decode_bytes(data)
    if enc_note:
        problems.add(path, None, "", "", "not valid UTF-8: " + enc_note)
    lines = text.split("\n")
    offsets = [0]
    for ln in lines[:10]:
        offsets.append(offsets[-1] + len(ln) + 1)
    delims = {}
    candidates = []
    for k in range(min(10, len(lines))):
        # Decision 12 of the product's docs: each candidate row with its own
        # delimiter (the one that occurs most often in that row).
        delims[k] = choose_delimiter(lines[k])
        first = next(csv.reader(io.StringIO(text[offsets[k]:], newline=""), delimiter=delims[k]), [])
        candidates.append((k, first))

    def data_rows(k):
        recs = list(csv.reader(io.StringIO(text[offsets[k]:], newline=""), delimiter=delims[k]))
        return recs[1:]

    read_table(lf, candidates, data_rows, problems)
    return [lf]


def choose_header(candidates):
    """R37: the header row is the recognisable row among rows 1-10 with the
    most matched columns of its kind; the earliest on a tie.  Returns
    (k, header, normed, kind) or (None, reason)."""
    best = None
    first_closest = None
    for k, header in candidates:
        normed = {}
        dup = None
        for i, h in enumerate(header):
            n = norm_header(h if not isinstance(h, ErrorCell) else "")
            if not n:
                continue  # empty header cells are ignored
            if n in normed:
                dup = n
                continue
            normed[n] = i
        kind, closest, matched = recognise_kind(list(normed))
        if k == 0:
            first_closest = closest
        if kind is not None and (best is None or matched > best[0]):
            best = (matched, k, header, normed, kind, dup)
    if best is None:
        if first_closest:
            return None, ("not a recognised table: closest to %s, which needs %s"
                          % (first_closest[1], ", ".join(first_closest[2])))
        return None, "not a recognised table"
    _m, k, header, normed, kind, dup = best
    if dup is not None:
        return None, "two columns have the same header %r" % dup
    return (k, header, normed, kind), None


def table_latest_date(header, records, today):
    """inputs.md "As-at date of a file", rule 2: "the latest valid date, not
    after today, in any column whose normalised header contains date but not
    birth, whether or not the kind uses that column".  R4 (new): over every
    data row of the table (rows later left out included)."""
    cols = [i for i, h in enumerate(header)
            if "date" in norm_header(h) and "birth" not in norm_header(h)]
    latest = None
    for rec in records:
        for i in cols:
            if i < len(rec) and not is_blank(rec[i]):
                d = parse_date(rec[i])
                if d is not None and d <= today and (latest is None or d > latest):
                    latest = d
    return latest


def read_table(lf, candidates, data_rows_of, problems):
    path = lf.name
    chosen, reason = choose_header(candidates)
    if chosen is None:
        lf.unreadable = reason
        return
    k, header, normed, kind = chosen
    lf.header_row = k + 1
    if k:
        problems.add(path, None, "", "", "header found on row %d" % (k + 1))
    records = data_rows_of(k)
    lf.latest_date = table_latest_date(header, records, TODAY_HOLDER[0])
    lf.kind = kind
    _kid, _label, fields, key = KIND_BY_ID[kind]
    for fname, names, _req, _t in fields:
        for n in names:
            if norm_header(n) in normed:
                lf.columns[fname] = normed[norm_header(n)]
                lf.headers[fname] = header[normed[norm_header(n)]]
                break
    if kind.startswith(("list1_", "list2_", "list5_", "list11_")):
        lf.nrows = sum(1 for r in records if any(not is_blank_cell(c) for c in r))
        return

    # Parse rows.  Row numbers as a spreadsheet shows them.
    seen_raw = set()
    by_key = {}
    rows = []
    all_rows = []
    nrows = 0
    errors = {}  # column -> [count, first row, value]
    for idx, rec in enumerate(records, start=k + 2):
        if all(is_blank_cell(c) for c in rec):
            continue
        raw_tuple = tuple(rec)
        if raw_tuple in seen_raw:
            # "Within one file, an exact duplicate row is merged and counted
            # in the data-quality report".
            problems.add(path, idx, "", "", "exact duplicate row merged")
            continue
        seen_raw.add(raw_tuple)
        nrows += 1
        row = Row(idx, rec, lf)
        all_rows.append(row)
        for fname, _names, req, ftype in fields:
            col = lf.columns.get(fname)
            raw = rec[col] if col is not None and col < len(rec) else None
            if col is None:
                row.values[fname] = None
                continue
            if is_excel_error(raw):
                e = errors.setdefault(fname, [0, idx, str(raw)])
                e[0] += 1
            v, ok = parse_field(ftype, raw, req)
            if ok:
                row.values[fname] = v
                if isinstance(v, date) and v < date(1990, 1, 1):
                    problems.add(path, idx, lf.headers[fname], raw,
                                 "date before 1990 (still used)")
            else:
                row.values[fname] = None
                row.invalid[fname] = raw if raw is not None else ""
                problems.add(path, idx, lf.headers[fname], raw or "",
                             "expected %s" % {"id": "an identifier", "date": "a date",
                                              "date_blank": "a date or blank",
                                              "yesno": "yes or no", "code": "a code",
                                              "int": "a whole number",
                                              "number": "a number"}.get(ftype, ftype))
        # A row whose key field is invalid cannot be merged: left out entirely.
        key_bad = False
        for kf in key:
            spec = [f for f in fields if f[0] == kf][0]
            if kf in row.invalid or (spec[3] in ("id", "date", "text") and row.values.get(kf) is None):
                key_bad = True
        if key_bad:
            problems.add(path, idx, "", "", "row left out: its key is invalid")
            continue
        k2 = row_key(kind, row, key)
        if k2 in by_key:
            # "two different rows with the same key: the later row wins and
            # the earlier is reported".
            earlier = by_key[k2]
            problems.add(path, earlier.rownum, "", "",
                         "row replaced by a later row with the same key (row %d)" % idx)
            rows.remove(earlier)
        by_key[k2] = row
        rows.append(row)
    # "An Excel error is a lookup or formula that failed, so it is also
    # reported, once per column with its count and what it was read as".
    for fname, (n, first, val) in errors.items():
        problems.add(path, first, lf.headers[fname], val,
                     "%s is an Excel error on %d rows, e.g. row %d: read as blank"
                     % (lf.headers[fname], n, first))
    lf.rows = rows
    lf.all_rows = all_rows
    lf.nrows = nrows
    check_rows(lf, problems)
    if nrows == 0:
        # "A file that cannot be read at all (... a header row only for a kind
        # whose rows are needed) is listed with one clear sentence of why"
        # (R34: listed with kind null, not loaded).
        lf.unreadable = "the file has a header row only: no %s rows to read" % KIND_BY_ID[kind][1]
        lf.kind = None
        lf.rows = lf.all_rows = []


def is_blank_cell(c):
    """An empty cell for "blank line" purposes: nothing but whitespace."""
    return not isinstance(c, ErrorCell) and not c.strip()


TODAY_HOLDER = [date.today()]


LEGAL_CODES = {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"}


def check_rows(lf, problems):
    """Typical checks of inputs.md "Bad input" that only report."""
    for r in lf.rows:
        s, e = r.values.get("start"), r.values.get("end")
        if isinstance(s, date) and isinstance(e, date) and e < s:
            problems.add(lf.name, r.rownum, lf.headers["end"], r.raw[lf.columns["end"]],
                         "end before start")
        if lf.kind == "list8_cla" and r.values.get("legal") and r.values["legal"] not in LEGAL_CODES:
            problems.add(lf.name, r.rownum, lf.headers["legal"], r.raw[lf.columns["legal"]],
                         "not a legal status code")
        if lf.kind == "list9_care_leavers" and r.values.get("activity") is not None \
                and r.values["activity"] not in ACTIVITY_CODES:
            problems.add(lf.name, r.rownum, lf.headers["activity"], r.raw[lf.columns["activity"]],
                         "not an activity code: left out of indicator 8")
        if lf.kind == "list4_assessments" and "seen" in lf.columns and r.values.get("seen") is None \
                and "seen" not in r.invalid:
            problems.add(lf.name, r.rownum, lf.headers["seen"], r.raw[lf.columns["seen"]],
                         "Child Seen is blank: counted as not seen")


def row_key(kind, row, key):
    out = []
    for kf in key:
        v = row.values.get(kf)
        if kf == "worker_id":
            v = fold(v)
        elif kf == "team":
            v = fold(v)
        out.append(v)
    return (kind,) + tuple(out)


def date_fields(kind):
    return [f[0] for f in KIND_BY_ID[kind][2] if f[3] in DATE_TYPES]


def override_for(lf, table):
    """inputs.md: "--as-at FILE=YYYY-MM-DD, where FILE is a file, a workbook
    (every sheet) or one sheet as book.xlsx › List 6"; a sheet's own override
    beats its workbook's (R38; also for --covers)."""
    if lf.sheet is not None:
        if lf.name in table:
            return table[lf.name]
        return table.get(lf.workbook)
    return table.get(lf.name)


def compute_as_at(files, overrides):
    """inputs.md "As-at date of a file":
    1. "a date in the file name ... For a worksheet, its sheet name is tried
       first, then the workbook's file name";
    2. "otherwise the data: the latest valid date, not after today, in any
       column whose normalised header contains date but not birth ... A
       workbook is one extraction: every sheet of it without a date in its own
       name gets the one latest such date over all those sheets";
    3. "a file with neither has no as-at date";
    4. the override (--as-at).
    Sources: file name, sheet name, workbook name, latest date, latest date in
    the workbook, override, unknown."""
    # R39: the workbook's pool is every recognised sheet (any kind, Lists 1, 2,
    # 5, 11 and teams included) without a date in its own name; unrecognised
    # and unreadable sheets add nothing; an override does not take a sheet out
    # of the pool.
    pools = {}
    for lf in files:
        if lf.sheet is not None and lf.kind and lf.kind != "settings" \
                and as_at_from_name(lf.sheet) is None and lf.latest_date is not None:
            p = pools.get(lf.workbook)
            pools[lf.workbook] = lf.latest_date if p is None or lf.latest_date > p else p
    for lf in files:
        if not lf.kind or lf.kind == "settings":
            continue
        ov = override_for(lf, overrides)
        if ov is not None:
            lf.as_at, lf.as_at_source = ov, "override"
            continue
        if lf.sheet is None:
            d = as_at_from_name(lf.name)
            if d is not None:
                lf.as_at, lf.as_at_source = d, "file name"
            elif lf.latest_date is not None:
                lf.as_at, lf.as_at_source = lf.latest_date, "latest date"
            else:
                lf.as_at, lf.as_at_source = None, "unknown"
            continue
        d = as_at_from_name(lf.sheet)
        if d is not None:
            lf.as_at, lf.as_at_source = d, "sheet name"
            continue
        d = as_at_from_name(lf.workbook)
        if d is not None:
            lf.as_at, lf.as_at_source = d, "workbook name"
            continue
        d = pools.get(lf.workbook)
        if d is not None:
            lf.as_at, lf.as_at_source = d, "latest date in the workbook"
        else:
            lf.as_at, lf.as_at_source = None, "unknown"


def compute_coverage(lf, override):
    """inputs.md "What months a file covers"."""
    if lf.as_at is None or lf.kind not in COVERAGE_MARKER:
        return  # teams and the unused lists have no coverage
    lf.covers_to = lf.as_at
    if override is not None:
        lf.covers_from = override
        return
    marker = None
    fields = COVERAGE_MARKER.get(lf.kind)
    for row in lf.all_rows:
        for f in fields:
            v = row.values.get(f)
            if isinstance(v, date) and (marker is None or v < marker):
                marker = v
    if marker is None and lf.kind == "staff":
        # "earliest end date, or earliest start date when no one has left"
        for row in lf.all_rows:
            v = row.values.get("start")
            if isinstance(v, date) and (marker is None or v < marker):
                marker = v
    if marker is None:
        lf.covers_from = lf.as_at  # "A file with no such date covers its as-at date only."
        return
    # "If that date is within the first 7 days of its month, coverage starts
    # on the 1st of that month; otherwise on the 1st of the next month."
    if marker.day <= 7:
        start = marker.replace(day=1)
    else:
        start = month_start(month_index(marker.year, marker.month) + 1)
    if start > lf.as_at:
        start = lf.as_at  # R5: an empty range degenerates to the as-at date
    lf.covers_from = start


# ---------------------------------------------------------------------------
# The engine's view of the loaded data
# ---------------------------------------------------------------------------


class Data:
    def __init__(self, files, settings, problems, today):
        self.files = files
        self.settings = settings
        self.problems = problems
        self.today = today
        self.cal = Calendar([parse_date(x) for x in settings["extra_bank_holidays"]
                             if parse_date(x)], settings["start_day_counts"])
        self.by_kind = {}
        for lf in files:
            # "a file with neither has no as-at date: it ... contributes
            # nothing until one is set" (R40: its kind is not loaded by it).
            if lf.kind in USED_KINDS and lf.as_at is not None:
                self.by_kind.setdefault(lf.kind, []).append(lf)
        self.merged = {k: self._merge(k) for k in self.by_kind}
        self._build_team_table()

    # "Rows are merged by the kind's key. When two files hold the same key, the
    # row from the file with the later as-at date wins ...; between files with
    # the same as-at date, the one added later (later on the CLI's command
    # line) wins."
    def _merge(self, kind):
        key = KIND_BY_ID[kind][3]
        # R30: a file without an as-at date ranks before every dated file.
        ranked = sorted(self.by_kind[kind], key=lambda f: (f.as_at or date.min, f.order))
        out = {}
        for lf in ranked:
            for row in lf.rows:
                out[row_key(kind, row, key)] = row
        return list(out.values())

    def loaded(self, kind):
        return kind in self.by_kind

    def intervals(self, kind):
        return [(f.covers_from, f.covers_to) for f in self.by_kind.get(kind, [])
                if f.covers_from is not None]

    def covers_day(self, kind, d):
        return any(a <= d <= b for a, b in self.intervals(kind))

    def covers_range(self, kind, a, b):
        d = a
        while d <= b:
            if not self.covers_day(kind, d):
                return False
            d += timedelta(days=1)
        return True

    def period_ok(self, kind, mi):
        """"A period month ... is computable when the kind's coverage contains
        all of M_start..=M_end"."""
        return self.covers_range(kind, month_start(mi), month_end(mi))

    def snapshot_ok(self, kind, mi):
        """"A snapshot month is computable when the coverage contains M_end"."""
        return self.covers_day(kind, month_end(mi))

    def asat_file(self, kind, mi):
        """"An as-at month (allocation, List 9) needs a file whose as-at date
        lies in M or in the first as_at_grace_days days after it (settings;
        default 7; the latest such file is used)"; R6: on equal as-at dates
        the one later on the command line."""
        grace = self.settings["as_at_grace_days"]
        lo, hi = month_start(mi), month_end(mi) + timedelta(days=grace)
        cands = [f for f in self.by_kind.get(kind, []) if f.as_at and lo <= f.as_at <= hi]
        if not cands:
            return None
        return max(cands, key=lambda f: (f.as_at, f.order))

    # Areas ----------------------------------------------------------------
    def _build_team_table(self):
        teams = list(self.settings.get("teams") or [])
        team_files = [f for f in self.files if f.kind == "teams"]
        if team_files:
            # "Loading it replaces the team table in the settings."
            teams = []
            for lf in team_files:
                for row in lf.rows:
                    teams.append({"team": row.get("team"), "area": row.get("area"),
                                  "team_type": row.get("team_type")})
        self.team_area = {}
        self.team_type = {}
        for t in teams:
            if not t.get("team") or not t.get("area"):
                continue
            k = fold(t["team"])
            self.team_area[k] = t["area"].strip()  # a later entry for a team wins
            tt = t.get("team_type")
            self.team_type[k] = TEAM_TYPES.get(fold(tt)) if tt else None
        # "order of first appearance of each area is the column order"
        self.areas = []
        for area in self.team_area.values():
            if area not in self.areas:
                self.areas.append(area)
        self.population = {}
        for a in self.settings.get("areas") or []:
            self.population[fold(a["area"])] = a.get("population_0_17")
        pops = [p for p in self.population.values() if p is not None]
        self.la_population = sum(pops) if pops else None
        self._unmapped_reported = set()

    def area_of(self, row, field="team"):
        """"A record's area comes from its team ... A blank team is area
        Unassigned; a team missing from the table is area Unmapped and is
        reported"."""
        t = row.get(field)
        if t is None or not t.strip():
            return "Unassigned"
        a = self.team_area.get(fold(t))
        if a is None:
            key = (row.file.name, fold(t))
            if key not in self._unmapped_reported:
                self._unmapped_reported.add(key)
                self.problems.add(row.file.name, row.rownum, row.file.headers.get(field, "Team"),
                                  t, "Unmapped team: not in the team table")
            return "Unmapped"
        return a

    def type_of(self, row):
        t = row.get("team")
        if t is None:
            return None
        return self.team_type.get(fold(t))

    def area_population(self, area):
        if area in ("Unmapped", "Unassigned"):
            return None
        return self.population.get(fold(area))


TEAM_TYPES = {"assessment": "assessment", "safeguarding": "safeguarding",
              "children in care": "children_in_care", "disabled children": "disabled_children",
              "other": "other"}


def is_open(start, end, d):
    """"open at day d when s <= d and (e is blank or e > d)"."""
    return start is not None and start <= d and (end is None or end > d)


def pct(num, den):
    """Any percentage whose denominator is 0 is null."""
    if num is None or den is None or den == 0:
        return None
    return num / den * 100


def ratio(num, den):
    if num is None or den is None or den == 0:
        return None
    return num / den


def rate10k(count, pop):
    if count is None or pop is None or pop == 0:
        return None
    return count / pop * 10000


def latest_start(rows, start_field="start"):
    """"When one child has several records that qualify, the one with the
    latest start date gives the team"."""
    return max(rows, key=lambda r: (r.get(start_field) or date.min, r.file.as_at or date.min,
                                    r.file.order, r.rownum))


def group_by(rows, keyf):
    out = {}
    for r in rows:
        out.setdefault(keyf(r), []).append(r)
    return out


# ---------------------------------------------------------------------------
# Indicator definitions
# ---------------------------------------------------------------------------

# Each indicator: number, id, title, polarity, headline, previous_mode,
# measures (output order), percentages {measure: (num, den)} (num/den may be
# hidden keys starting "_"), mode_counts (counts that follow previous_mode:
# the numerators/denominators shown beside a percentage, R8), areas (bool),
# target, tolerance, national, sn, and the compute function.

INDICATORS = []
INDICATOR_IDS = []


def indicator(**kw):
    def deco(fn):
        kw["fn"] = fn
        INDICATORS.append(kw)
        INDICATOR_IDS.append(kw["id"])
        return fn
    return deco


class MonthResult:
    """LA values, per-area values (area -> dict), areas with counted records,
    hidden numerators/denominators, notes."""

    def __init__(self, measures):
        self.la = {m: None for m in measures}
        self.areas = {}
        self.counted_areas = set()
        self.notes = []


def null_result(ind):
    return MonthResult(ind["measures"] + list(hidden_keys(ind)))


def hidden_keys(ind):
    out = []
    for num, den in ind.get("percentages", {}).values():
        for k in (num, den):
            if k.startswith("_") and k not in out:
                out.append(k)
    return out


def by_area(data, units, aggregate, res):
    """Compute the LA values and every area's values with one aggregate
    function over units (each unit has .area)."""
    res.la.update(aggregate(units, data.la_population))
    for a in data.areas:
        sub = [u for u in units if u["area"] == a]
        res.areas[a] = aggregate(sub, data.area_population(a))
    for a in ("Unmapped", "Unassigned"):
        sub = [u for u in units if u["area"] == a]
        res.areas[a] = aggregate(sub, None)
    return res


# 1 -------------------------------------------------------------------------
@indicator(number=1, id="unallocated_cases", title="Number of unallocated cases (open 7+ days)",
           polarity="down", headline="unallocated", previous_mode="average",
           measures=["open_cases", "unallocated", "percent"],
           percentages={"percent": ("unallocated", "open_cases")},
           mode_counts=["open_cases", "unallocated"], areas=True,
           target=0, tolerance=2, national=None, sn=None, inputs=["list6_cin"])
def ind_unallocated(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.snapshot_ok("list6_cin", mi):
        return res
    m_end = month_end(mi)
    s = data.settings
    placeholders = {fold(p) for p in s["unallocated_placeholders"]}
    min_days = s["unallocated_min_days"]
    # "open_cases: children with a List 6 episode open at M_end."
    open_rows = [r for r in data.merged["list6_cin"]
                 if "end" not in r.invalid and is_open(r.get("start"), r.get("end"), m_end)]
    # R14: open_cases needs snapshot coverage; unallocated also needs the as-at file.
    alloc_file = data.asat_file("list6_cin", mi)
    alloc = {}
    if alloc_file:
        alloc = {(r.get("child"), r.get("start")): r for r in alloc_file.rows}
    units = []
    for child, rows in group_by(open_rows, lambda r: r.get("child")).items():
        ep = latest_start(rows)
        u = {"area": data.area_of(ep), "unallocated": None}
        if alloc_file is not None:
            a = alloc.get((child, ep.get("start")))
            if a is None:
                # "an open episode missing from it counts as allocated and is reported"
                data.problems.add(alloc_file.name, None, "Allocated Worker", child,
                                  "open episode not in the allocation extract")
                u["unallocated"] = False
            else:
                w = a.get("worker")
                # R19: blank per "Value types" (incl. N/A, NULL, -) or a placeholder,
                # compared trimmed, case-insensitively, spaces folded.
                blank = w is None or not w.strip() or fold(w) in placeholders
                # "M_end − start >= 7"
                u["unallocated"] = blank and (m_end - ep.get("start")).days >= min_days
        units.append(u)

    def agg(us, _pop):
        n = len(us)
        un = None if alloc_file is None else sum(1 for u in us if u["unallocated"])
        return {"open_cases": n, "unallocated": un, "percent": pct(un, n)}

    res.counted_areas = {u["area"] for u in units}
    if alloc_file is None:
        res.notes.append(asat_note(data, "list6_cin", mi, "allocation"))
    return by_area(data, units, agg, res)


def asat_note(data, kind, mi, what):
    """inputs.md: "When an as-at month is not computable only because the
    nearest extract is later than that, the note says so and names the
    setting"."""
    grace = data.settings["as_at_grace_days"]
    m_end = month_end(mi)
    later = [f.as_at for f in data.by_kind.get(kind, []) if f.as_at > m_end]
    label = {"list6_cin": "List 6", "list9_care_leavers": "List 9", "list7_cp": "List 7"}[kind]
    if later:
        d = min(later)
        return ("%s is as at %s, %d days after %s ends; %s needs an extract within %d days: "
                "change as_at_grace_days in the settings to use it"
                % (label, d.strftime("%d/%m/%Y"), (d - m_end).days,
                   month_start(mi).strftime("%b-%y"), what, grace))
    return "no %s extract as at %s: %s not computed" % (label, month_str(mi), what)


# 2 -------------------------------------------------------------------------
@indicator(number=2, id="re_referrals", title="% re-referrals within 12 months",
           polarity="down", headline="percent", previous_mode="cumulative",
           measures=["referrals", "re_referrals", "percent"],
           percentages={"percent": ("re_referrals", "referrals")},
           mode_counts=["referrals", "re_referrals"], areas=True,
           target=24, tolerance=2, national=22, sn=22, inputs=["list3_referrals"])
def ind_re_referrals(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.period_ok("list3_referrals", mi):
        return res
    m_start, m_end = month_start(mi), month_end(mi)
    refs = data.merged["list3_referrals"]
    dates_by_child = {}
    for r in refs:
        dates_by_child.setdefault(r.get("child"), []).append(r.get("referral_date"))
    # "When the loaded referrals do not reach back 12 months before M_start
    # (the kind's coverage does not contain every day from M_start minus 12
    # months to M_start), the engine uses Number of Referrals in Last 12
    # Months >= 1 instead, row by row where that value is valid, and the dates
    # for the other rows".
    complete = data.covers_range("list3_referrals", minus_months(m_start, 12), m_start)
    has_column = any("count12" in f.columns for f in data.by_kind["list3_referrals"])
    used_count = used_dates = 0
    units = []
    for r in refs:
        d = r.get("referral_date")
        if not (m_start <= d <= m_end):
            continue
        lo = minus_months(d, 12)
        by_dates = any(lo <= o < d for o in dates_by_child[r.get("child")])
        if complete:
            rr = by_dates
        elif r.get("count12") is not None:  # R31: the merged row's value, an integer
            rr = r.get("count12") >= 1
            used_count += 1
        else:
            rr = by_dates
            used_dates += 1
        units.append({"area": data.area_of(r), "re": rr})
    if complete:
        res.notes.append("method: dates")
    elif not has_column:
        res.notes.append("method: dates; lookback incomplete")
    else:
        res.notes.append("method: Number of Referrals in Last 12 Months (lookback incomplete)"
                         + ("; dates for %d rows without a valid count" % used_dates
                            if used_dates else ""))

    def agg(us, _pop):
        n = len(us)
        rr = sum(1 for u in us if u["re"])
        return {"referrals": n, "re_referrals": rr, "percent": pct(rr, n)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 3 -------------------------------------------------------------------------
def _assessment_rows(data):
    """R33: a row whose authorisation is not a valid date (nor blank) is left
    out of indicators 3 and 4 entirely, open_overdue included."""
    out = []
    for r in data.merged["list4_assessments"]:
        if "auth" in r.invalid:
            continue
        a, s = r.get("auth"), r.get("start")
        if a is not None and a < s:
            # "An authorisation before the start is a data error: left out and
            # reported."
            if not getattr(r, "_reported_before", False):
                data.problems.add(r.file.name, r.rownum, r.file.headers["auth"],
                                  r.raw[r.file.columns["auth"]], "authorisation before the start")
            continue
        out.append(r)
    return out


@indicator(number=3, id="assessments_in_timescale",
           title="Assessments completed within 45 working days",
           polarity="up", headline="percent", previous_mode="average",
           measures=["inside", "outside", "total", "percent", "open_overdue"],
           percentages={"percent": ("inside", "total")},
           mode_counts=["inside", "outside", "total"], areas=True,
           target=85, tolerance=5, national=83, sn=83, inputs=["list4_assessments"])
def ind_assessments(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.period_ok("list4_assessments", mi):
        return res
    m_start, m_end = month_start(mi), month_end(mi)
    limit = data.settings["assessment_working_days"]
    units = []
    for r in _assessment_rows(data):
        s, a = r.get("start"), r.get("auth")
        u = {"area": data.area_of(r), "cohort": False, "inside": False, "overdue": False}
        if a is not None and m_start <= a <= m_end:
            u["cohort"] = True
            u["inside"] = data.cal.working_days(s, a) <= limit
        # "open_overdue: assessments open at M_end already more than 45 working
        # days from their start"
        if is_open(s, a, m_end) and data.cal.working_days(s, m_end) > limit:
            u["overdue"] = True
        if u["cohort"] or u["overdue"]:
            units.append(u)

    def agg(us, _pop):
        c = [u for u in us if u["cohort"]]
        inside = sum(1 for u in c if u["inside"])
        return {"inside": inside, "outside": len(c) - inside, "total": len(c),
                "percent": pct(inside, len(c)),
                "open_overdue": sum(1 for u in us if u["overdue"])}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 4 -------------------------------------------------------------------------
@indicator(number=4, id="children_seen_at_assessment", title="% children seen at assessment",
           polarity="up", headline="percent", previous_mode="average",
           measures=["total", "seen", "percent"],
           percentages={"percent": ("seen", "total")},
           mode_counts=["total", "seen"], areas=True,
           target=90, tolerance=5, national=None, sn=None, inputs=["list4_assessments"])
def ind_seen(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.period_ok("list4_assessments", mi):
        return res
    m_start, m_end = month_start(mi), month_end(mi)
    units = []
    for r in _assessment_rows(data):
        a = r.get("auth")
        if a is None or not (m_start <= a <= m_end):
            continue
        # "Blank or invalid counts as not seen and is reported."
        units.append({"area": data.area_of(r), "seen": r.get("seen") is True})

    def agg(us, _pop):
        seen = sum(1 for u in us if u["seen"])
        return {"total": len(us), "seen": seen, "percent": pct(seen, len(us))}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 5 -------------------------------------------------------------------------
@indicator(number=5, id="cp_plans", title="Children with a child protection plan at month end",
           polarity="none", headline="count", previous_mode="average",
           measures=["count", "rate_per_10k"], percentages={}, mode_counts=[], areas=True,
           baseline=True, target=None, tolerance=None, national=43, sn=50, inputs=["list7_cp"])
def ind_cp_plans(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.snapshot_ok("list7_cp", mi):
        return res
    m_end = month_end(mi)
    open_rows = [r for r in data.merged["list7_cp"]
                 if "end" not in r.invalid and is_open(r.get("start"), r.get("end"), m_end)]
    units = [{"area": data.area_of(latest_start(rows))}
             for rows in group_by(open_rows, lambda r: r.get("child")).values()]

    def agg(us, pop):
        return {"count": len(us), "rate_per_10k": rate10k(len(us), pop)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 6 -------------------------------------------------------------------------
@indicator(number=6, id="cp_visits", title="% children on a CP plan visited in the month",
           polarity="up", headline="percent", previous_mode="average",
           measures=["due", "visited", "percent"],
           percentages={"percent": ("visited", "due")},
           mode_counts=["due", "visited"], areas=True,
           target=90, tolerance=5, national=None, sn=None, inputs=["list7_cp", "cp_visits"])
def ind_cp_visits(data, ind, mi):
    res = MonthResult(ind["measures"])
    m_start, m_end = month_start(mi), month_end(mi)
    use_visits = data.loaded("cp_visits")
    if not data.period_ok("list7_cp", mi):
        return res
    if use_visits and not data.period_ok("cp_visits", mi):
        return res
    # "due: children with a plan open for the whole month (start <= M_start
    # and the plan open at M_end)."
    due_rows = [r for r in data.merged["list7_cp"]
                if "end" not in r.invalid and r.get("start") <= m_start
                and is_open(r.get("start"), r.get("end"), m_end)]
    visit_file = None
    if use_visits:
        res.notes.append("visited from the CP visits extract")
        seen_children = set()
        has_seen_col = {f.name: "seen" in f.columns for f in data.by_kind["cp_visits"]}
        for v in data.merged["cp_visits"]:
            d = v.get("visit_date")
            if not (m_start <= d <= m_end):
                continue
            # "in a file without this column every visit counts as seen";
            # "a blank Child Seen value is not seen".
            seen = v.get("seen") is True if has_seen_col[v.file.name] else True
            if seen:
                seen_children.add(v.get("child"))
    else:
        # "Without cp_visits, for a month with a List 7 file as at that month
        # (the as-at rule), visited uses Date of the Last Statutory Visit inside M"
        visit_file = data.asat_file("list7_cp", mi)
        res.notes.append("visited from List 7 Date of the Last Statutory Visit")
        last_visit = {}
        if visit_file is not None:
            last_visit = {(r.get("child"), r.get("start")): r.get("last_visit")
                          for r in visit_file.rows}
    units = []
    for child, rows in group_by(due_rows, lambda r: r.get("child")).items():
        plan = latest_start(rows)
        u = {"area": data.area_of(plan)}
        if use_visits:
            u["visited"] = child in seen_children
        elif visit_file is None:
            u["visited"] = None
        else:
            # R12: any of the child's due plans with a last visit inside M.
            u["visited"] = any(
                (lv := last_visit.get((child, r.get("start")))) is not None and m_start <= lv <= m_end
                for r in rows)
        units.append(u)
    no_visited = (not use_visits) and visit_file is None

    def agg(us, _pop):
        due = len(us)
        vis = None if no_visited else sum(1 for u in us if u["visited"])
        return {"due": due, "visited": vis, "percent": pct(vis, due)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 7 -------------------------------------------------------------------------
def looked_after_rows(data, d, need_uasc):
    """"Looked after at M_end: an episode open at M_end whose legal status is
    not V3 or V4 (short breaks only).  R16: an invalid UASC value leaves the
    row out of indicator 7 (need_uasc) but not out of indicator 11."""
    out = []
    for r in data.merged["list8_cla"]:
        if "end" in r.invalid or (need_uasc and "uasc" in r.invalid):
            continue
        if not is_open(r.get("start"), r.get("end"), d):
            continue
        if r.get("legal") in ("V3", "V4"):
            continue
        out.append(r)
    return out


@indicator(number=7, id="children_in_care", title="Children in care at month end",
           polarity="down", headline="count_excl_uasc", previous_mode="average",
           measures=["count_excl_uasc", "uasc", "count_all", "rate_per_10k"],
           percentages={}, mode_counts=[], areas=True, baseline=True,
           target=1695, tolerance=84.75, national=62, sn=74, inputs=["list8_cla"])
def ind_cla(data, ind, mi):
    res = MonthResult(ind["measures"])
    if not data.snapshot_ok("list8_cla", mi):
        return res
    rows = looked_after_rows(data, month_end(mi), need_uasc=True)
    units = []
    for rs in group_by(rows, lambda r: r.get("child")).values():
        ep = latest_start(rs)
        units.append({"area": data.area_of(ep), "uasc": ep.get("uasc") is True})

    def agg(us, pop):
        n = len(us)
        u = sum(1 for x in us if x["uasc"])
        return {"count_excl_uasc": n - u, "uasc": u, "count_all": n, "rate_per_10k": rate10k(n, pop)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 8 -------------------------------------------------------------------------
EET_CODES = {"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"}
ACTIVITY_CODES = EET_CODES | {"G4", "G5", "G6", "0"}


def age_on(dob, d):
    """Age in whole years: the birthday counts on the day itself (R10: a
    29 February birthday is reached on 1 March in a non-leap year)."""
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


@indicator(number=8, id="care_leavers_eet",
           title="% care leavers in education, employment or training",
           polarity="up", headline="percent", previous_mode="average",
           measures=["cohort", "eet", "percent", "percent_17_18", "percent_19_21"],
           percentages={"percent": ("eet", "cohort"),
                        "percent_17_18": ("_eet_17_18", "_cohort_17_18"),
                        "percent_19_21": ("_eet_19_21", "_cohort_19_21")},
           mode_counts=["cohort", "eet"], areas=True,
           target=None, tolerance=None, national=50, sn=48, inputs=["list9_care_leavers"])
def ind_care_leavers(data, ind, mi):
    res = MonthResult(ind["measures"] + hidden_keys(ind))
    lf = data.asat_file("list9_care_leavers", mi)
    if lf is None:
        return res
    m_end = month_end(mi)
    merged = {r.get("child"): r for r in data.merged["list9_care_leavers"]}
    units = []
    for r in lf.rows:
        if "dob" in r.invalid or r.get("dob") is None:
            continue
        act = r.get("activity")
        if act is None or act not in ACTIVITY_CODES:
            continue  # R32: not an activity code: left out (reported when read)
        age = age_on(r.get("dob"), m_end)
        if not 17 <= age <= 21:
            continue
        if r.get("in_touch") in ("DIED", "RHOM"):
            continue
        if data.settings["exclude_eligible_children"] and r.get("eligibility") == "ELIGIBLE":
            continue
        # "A record's team is always taken from the merged record (the latest
        # extract)" (R11).
        team_row = merged.get(r.get("child"), r)
        units.append({"area": data.area_of(team_row), "eet": act in EET_CODES, "young": age <= 18})

    def agg(us, _pop):
        c = len(us)
        e = sum(1 for u in us if u["eet"])
        y = [u for u in us if u["young"]]
        o = [u for u in us if not u["young"]]
        ey = sum(1 for u in y if u["eet"])
        eo = sum(1 for u in o if u["eet"])
        return {"cohort": c, "eet": e, "percent": pct(e, c),
                "percent_17_18": pct(ey, len(y)), "percent_19_21": pct(eo, len(o)),
                "_eet_17_18": ey, "_cohort_17_18": len(y), "_eet_19_21": eo, "_cohort_19_21": len(o)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 9, 10 ---------------------------------------------------------------------
def window(mi, w):
    """"A window of w months ending in M runs from the 1st of M-(w-1) to M_end."""
    return month_start(mi - (w - 1)), month_end(mi)


def adoption_common(data, ind, mi, w, select):
    res = MonthResult(ind["measures"])
    if not data.snapshot_ok("list10_adoption", mi):
        return res
    lo, hi = window(mi, w)
    covered = sum(1 for k in range(mi - (w - 1), mi + 1) if data.period_ok("list10_adoption", k))
    if covered < w:
        res.notes.append("window partly covered: %d of %d months" % (covered, w))
    days = []
    for r in data.merged["list10_adoption"]:
        ao = r.get("adoption_order")
        if ao is None or not (lo <= ao <= hi):
            continue
        d = select(r)
        if d is None:
            data.problems.add(r.file.name, r.rownum, "", r.get("child"),
                              "adoption row left out of %s: dates missing or out of order" % ind["id"])
            continue
        days.append(d)
    res.la = {"average_days": (sum(days) / len(days)) if days else None, "children": len(days)}
    return res


@indicator(number=9, id="adoption_placement_order_to_match",
           title="Days from placement order to match (A2)",
           polarity="down", headline="average_days", previous_mode="average",
           measures=["average_days", "children"], percentages={}, mode_counts=[], areas=False,
           target=271, tolerance=27.1, national=226, sn=251, inputs=["list10_adoption"])
def ind_a2(data, ind, mi):
    def select(r):
        # "with a placement order date, a placed-for-adoption date on or
        # before the order, and a matching date ... max(0, match − placement order)"
        po, pl, ma, ao = (r.get("placement_order"), r.get("placed"), r.get("matched"),
                          r.get("adoption_order"))
        if po is None or pl is None or ma is None or pl > ao:
            return None
        return max(0, (ma - po).days)
    return adoption_common(data, ind, mi, data.settings["adoption_a2_window_months"], select)


@indicator(number=10, id="adoption_entry_to_placement",
           title="Days from entering care to placement for adoption (A1)",
           polarity="down", headline="average_days", previous_mode="average",
           measures=["average_days", "children"], percentages={}, mode_counts=[], areas=False,
           target=600, tolerance=60, national=558, sn=600, inputs=["list10_adoption"])
def ind_a1(data, ind, mi):
    def select(r):
        # "with an entry date and a placed date on or after the entry and on or
        # before the adoption order ... Days = placed − entered"
        en, pl, ao = r.get("entered"), r.get("placed"), r.get("adoption_order")
        if pl is None or pl < en or pl > ao:
            return None
        return (pl - en).days
    return adoption_common(data, ind, mi, data.settings["adoption_a1_window_months"], select)


# 11 ------------------------------------------------------------------------
@indicator(number=11, id="supported_at_home",
           title="% CIN / family support supported to live with family",
           polarity="up", headline="percent", previous_mode="average",
           measures=["total", "at_home", "percent"],
           percentages={"percent": ("at_home", "total")},
           mode_counts=["total", "at_home"], areas=False,
           target=80, tolerance=5, national=None, sn=None, inputs=["list6_cin", "list8_cla"])
def ind_at_home(data, ind, mi):
    res = MonthResult(ind["measures"])
    kinds = ["list6_cin", "list8_cla"] + (["family_support"] if data.loaded("family_support") else [])
    if not all(data.snapshot_ok(k, mi) for k in kinds):
        return res
    m_end = month_end(mi)
    children = set()
    for k in ("list6_cin", "family_support"):
        for r in data.merged.get(k, []):
            if "end" not in r.invalid and is_open(r.get("start"), r.get("end"), m_end):
                children.add(r.get("child"))
    # "(as in indicator 7, UASC included)"
    la = {r.get("child") for r in looked_after_rows(data, m_end, need_uasc=False)}
    children |= la
    total = len(children)
    at_home = len(children - la)
    res.la = {"total": total, "at_home": at_home, "percent": pct(at_home, total)}
    return res


# 12 ------------------------------------------------------------------------
def staff_rows(data):
    out = []
    for r in data.merged.get("staff", []):
        if "end" in r.invalid or "qualified" in r.invalid:
            continue
        out.append(r)
    return out


def in_post_on(r, d):
    """"a worker is in post on day d when start <= d and (end is blank or end >= d)"."""
    s, e = r.get("start"), r.get("end")
    return (s is None or s <= d) and (e is None or e >= d)


def worker_latest(rows):
    return max(rows, key=lambda r: (r.get("start") or date.min, r.file.as_at or date.min,
                                    r.file.order, r.rownum))


@indicator(number=12, id="supervision", title="% social workers supervised in the month",
           polarity="up", headline="percent", previous_mode="average",
           measures=["staff", "supervised", "percent"],
           percentages={"percent": ("supervised", "staff")},
           mode_counts=["staff", "supervised"], areas=True,
           target=83, tolerance=5, national=None, sn=None, inputs=["staff", "supervisions"])
def ind_supervision(data, ind, mi):
    res = MonthResult(ind["measures"])
    # R14: a period indicator with two inputs needs both to cover the month.
    if not (data.period_ok("staff", mi) and data.period_ok("supervisions", mi)):
        return res
    m_start, m_end = month_start(mi), month_end(mi)
    # "qualified social workers in post for any part of M (Start Date <= M_end
    # and End Date blank or >= M_start), counted by worker."
    rows = [r for r in staff_rows(data) if r.get("qualified") is True
            and (r.get("start") is None or r.get("start") <= m_end)
            and (r.get("end") is None or r.get("end") >= m_start)]
    supervised = {fold(s.get("worker_id")) for s in data.merged["supervisions"]
                  if m_start <= s.get("date") <= m_end}
    units = []
    for wid, rs in group_by(rows, lambda r: fold(r.get("worker_id"))).items():
        units.append({"area": data.area_of(worker_latest(rs)), "sup": wid in supervised})

    def agg(us, _pop):
        n = len(us)
        s = sum(1 for u in us if u["sup"])
        return {"staff": n, "supervised": s, "percent": pct(s, n)}

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 13 ------------------------------------------------------------------------
TYPE_MEASURES = [("assessment", "average_assessment"), ("safeguarding", "average_safeguarding"),
                 ("children_in_care", "average_children_in_care"),
                 ("disabled_children", "average_disabled_children"), ("other", "average_other")]


def staff_fte(data, r):
    """FTE "number in (0, 1.5]; default 1; a value outside that range or not a
    number is reported and read as 1"."""
    v = r.get("fte")
    if "fte" in r.invalid:
        return 1.0
    if v is None:
        return 1.0
    if not (0 < v <= 1.5):
        return 1.0
    return v


def report_staff_fte(data):
    for r in data.merged.get("staff", []):
        v = r.get("fte")
        if v is not None and not (0 < v <= 1.5):
            data.problems.add(r.file.name, r.rownum, r.file.headers.get("fte", "FTE"),
                              r.raw[r.file.columns["fte"]], "FTE outside (0, 1.5]: read as 1")


def is_manager(r):
    return r.get("manager") is True  # "Manager (opt, yes/no; default no)"


def is_case_holder(r):
    ch = r.get("case_holder")
    if ch is None:
        return not is_manager(r)  # "Case Holder (opt, yes/no; default = not manager)"
    return ch


@indicator(number=13, id="caseload", title="Average caseload of qualified social workers",
           polarity="down", headline="average", previous_mode="average",
           measures=["average"] + [m for _t, m in TYPE_MEASURES],
           percentages={}, mode_counts=[], areas=True,
           target=16, tolerance=2, national=15, sn=19, inputs=["list6_cin", "staff"])
def ind_caseload(data, ind, mi):
    res = MonthResult(ind["measures"])
    alloc_file = data.asat_file("list6_cin", mi)
    if alloc_file is None or not data.snapshot_ok("list6_cin", mi) or not data.snapshot_ok("staff", mi):
        return res
    m_end = month_end(mi)
    basis = data.settings["caseload_basis"]
    # R17: allocations are matched against every worker in post at M_end (by
    # ID, then by name); the case counts only for a counted worker.
    # R18: a worker with several rows is described by the latest-start row.
    in_post = [r for r in staff_rows(data) if in_post_on(r, m_end)]
    workers = {}
    for wid, rs in group_by(in_post, lambda r: fold(r.get("worker_id"))).items():
        workers[wid] = worker_latest(rs)
    # "names the worker by Worker ID or, failing that, by Worker Name (IDs
    # case-insensitive, spaces folded, trimmed; names as inputs.md "names"
    # says: punctuation and word order ignored)" (R36: name_key).
    by_name = {}
    for wid, r in workers.items():
        if r.get("worker_name") and name_key(r.get("worker_name")):
            by_name.setdefault(name_key(r.get("worker_name")), wid)
    placeholders = {fold(p) for p in data.settings["unallocated_placeholders"]}
    # Children's allocations as in indicator 1.
    open_rows = [r for r in data.merged["list6_cin"]
                 if "end" not in r.invalid and is_open(r.get("start"), r.get("end"), m_end)]
    alloc = {(r.get("child"), r.get("start")): r for r in alloc_file.rows}
    cases = {}
    for child, rows in group_by(open_rows, lambda r: r.get("child")).items():
        ep = latest_start(rows)
        a = alloc.get((child, ep.get("start")))
        if a is None:
            continue
        w = a.get("worker")
        if w is None or not w.strip() or fold(w) in placeholders:
            continue
        # "names the worker by Worker ID or, failing that, by Worker Name"
        wid = fold(w) if fold(w) in workers else by_name.get(name_key(w))
        if wid is None:
            data.problems.add(alloc_file.name, a.rownum, "Allocated Worker", w,
                              "allocated name matches no worker")
            continue
        cases[wid] = cases.get(wid, 0) + 1
    # "Workers: qualified, case-holding, in post at M_end"
    units = []
    for wid, r in workers.items():
        if r.get("qualified") is not True or not is_case_holder(r):
            continue
        units.append({"area": data.area_of(r), "type": data.type_of(r),
                      "cases": cases.get(wid, 0),
                      "fte": staff_fte(data, r) if basis == "fte" else 1.0})

    def agg(us, _pop):
        out = {"average": ratio(sum(u["cases"] for u in us), sum(u["fte"] for u in us))}
        for t, m in TYPE_MEASURES:
            sub = [u for u in us if u["type"] == t]
            out[m] = ratio(sum(u["cases"] for u in sub), sum(u["fte"] for u in sub)) if sub else None
        return out

    res.counted_areas = {u["area"] for u in units}
    return by_area(data, units, agg, res)


# 14 ------------------------------------------------------------------------
@indicator(number=14, id="agency_staff", title="% agency social workers",
           polarity="down", headline="percent_all", previous_mode="average",
           measures=["percent_social_workers", "percent_managers", "percent_all"],
           percentages={"percent_social_workers": ("_agency_sw", "_all_sw"),
                        "percent_managers": ("_agency_mgr", "_all_mgr"),
                        "percent_all": ("_agency_all", "_all_all")},
           mode_counts=[], areas=False,
           target=15, tolerance=2, national=None, sn=None, inputs=["staff"])
def ind_agency(data, ind, mi):
    res = MonthResult(ind["measures"] + hidden_keys(ind))
    if not data.snapshot_ok("staff", mi):
        return res
    m_end = month_end(mi)
    basis = data.settings["agency_basis"]
    rows = [r for r in staff_rows(data) if "agency" not in r.invalid
            and r.get("qualified") is True and in_post_on(r, m_end)]
    sums = {"_agency_sw": 0.0, "_all_sw": 0.0, "_agency_mgr": 0.0, "_all_mgr": 0.0}
    for wid, rs in group_by(rows, lambda r: fold(r.get("worker_id"))).items():
        r = worker_latest(rs)
        w = staff_fte(data, r) if basis == "fte" else 1.0
        grp = "mgr" if is_manager(r) else "sw"
        sums["_all_" + grp] += w
        if r.get("agency") is True:
            sums["_agency_" + grp] += w
    sums["_agency_all"] = sums["_agency_sw"] + sums["_agency_mgr"]
    sums["_all_all"] = sums["_all_sw"] + sums["_all_mgr"]
    res.la = dict(sums)
    res.la["percent_social_workers"] = pct(sums["_agency_sw"], sums["_all_sw"])
    res.la["percent_managers"] = pct(sums["_agency_mgr"], sums["_all_mgr"])
    res.la["percent_all"] = pct(sums["_agency_all"], sums["_all_all"])
    return res


# ---------------------------------------------------------------------------
# Previous 6 months, baseline, rating, trend
# ---------------------------------------------------------------------------


def previous_values(ind, mode, months):
    """indicators.md "Previous 6 months": percentages are Σnum ÷ Σden over the
    months where both have values; counts beside a percentage are sums when
    previous_mode is cumulative, means otherwise; every other measure is the
    mean of its monthly values.  Each measure uses the months where it has a
    value; months counts them for the headline."""
    out = {}
    used = {}
    for m in ind["measures"]:
        if m in ind["percentages"]:
            num, den = ind["percentages"][m]
            both = [r for r in months if r.la.get(num) is not None and r.la.get(den) is not None]
            used[m] = len(both)
            sn = sum(r.la[num] for r in both)
            sd = sum(r.la[den] for r in both)
            out[m] = pct(sn, sd) if both else None
        else:
            vals = [r.la[m] for r in months if r.la.get(m) is not None]
            used[m] = len(vals)
            if not vals:
                out[m] = None
            elif mode == "cumulative" and m in ind["mode_counts"]:
                out[m] = float(sum(vals))
            else:
                out[m] = sum(vals) / len(vals)
    out["months"] = used[ind["headline"]]
    return out


def is_percentage(ind):
    return ind["headline"] in ind["percentages"]


def rating(polarity, target, tol, v):
    """RAG: up: green v >= t, amber v >= t - k, else red; down mirrored.  No
    target, no value, or polarity none gives no rating (R7: a null tolerance
    is no amber band)."""
    if target is None or v is None or polarity not in ("up", "down"):
        return "none"
    k = tol or 0
    if polarity == "up":
        return "green" if v >= target else "amber" if v >= target - k else "red"
    return "green" if v <= target else "amber" if v <= target + k else "red"


def trend(polarity, percent_headline, cur, prev):
    """"A difference smaller than the stable band (1 percentage point for
    percentages, 2% of the previous value otherwise), or no difference at all,
    is stable; otherwise improving or worsening by polarity, or up / down for
    polarity none."""
    if cur is None or prev is None:
        return "none"
    diff = cur - prev
    band = 1.0 if percent_headline else abs(prev) * 0.02
    if diff == 0 or abs(diff) < band:
        return "stable"
    if polarity == "up":
        return "improving" if diff > 0 else "worsening"
    if polarity == "down":
        return "improving" if diff < 0 else "worsening"
    return "up" if diff > 0 else "down"


def default_baseline_month(mi):
    """"the default is the latest March strictly before M"."""
    y, m = month_ym(mi)
    return month_index(y if m > 3 else y - 1, 3)


# ---------------------------------------------------------------------------
# Running the scorecard
# ---------------------------------------------------------------------------


def effective(ind, settings):
    o = (settings.get("indicators") or {}).get(ind["id"], {})

    def pick(key, default):
        # "a missing key takes the default and null means none"
        return o[key] if key in o else default

    return {
        "target": pick("target", ind["target"]),
        "tolerance": pick("tolerance", ind["tolerance"]),
        "polarity": pick("polarity", ind["polarity"]) or "none",
        "previous_mode": pick("previous_mode", ind["previous_mode"]) or ind["previous_mode"],
        "national": pick("national", ind["national"]),
        "statistical_neighbours": pick("statistical_neighbours", ind["sn"]),
        "baseline_month": pick("baseline_month", None),
    }


def run_indicator(data, ind, mi):
    """R22: with an input missing every value is null; the table's areas are
    still listed (with nulls), Unmapped/Unassigned are not."""
    eff = effective(ind, data.settings)
    missing = []
    for k in ind["inputs"]:
        if not data.loaded(k):
            missing.append(k)
    if ind["id"] == "cp_visits" and "cp_visits" in missing and data.loaded("list7_cp"):
        # Without cp_visits the List 7 "Date of the Last Statutory Visit"
        # fallback applies (then cp_visits is not listed as missing), R12.
        if any("last_visit" in f.columns for f in data.by_kind["list7_cp"]):
            missing.remove("cp_visits")
    if ind["id"] == "children_seen_at_assessment" and not missing:
        if not any("seen" in f.columns for f in data.by_kind["list4_assessments"]):
            missing.append("list4_assessments")  # R13

    def compute(k):
        if missing:
            return null_result(ind)
        r = ind["fn"](data, ind, k)
        for m in ind["measures"] + hidden_keys(ind):
            r.la.setdefault(m, None)
        return r

    # indicators.md: "the value for every month from M-12 to M (13 months)";
    # settings.md "series_months | 13 | months in the series (13-60)".
    n = data.settings["series_months"]
    series_res = [(k, compute(k)) for k in range(mi - (n - 1), mi + 1)]
    cur = series_res[-1][1]
    by_month = dict(series_res)
    prev_months = [by_month[k] for k in range(mi - 6, mi)]
    prev = previous_values(ind, eff["previous_mode"], prev_months)

    columns = {"current": {m: cur.la.get(m) for m in ind["measures"]},
               "previous": prev}
    if ind["areas"]:
        areas = {}
        area_names = list(data.areas)
        for extra in ("Unmapped", "Unassigned"):
            # R15: "Unmapped and Unassigned follow, each only when some record
            # counted in any of the indicator's measures for the month falls in it."
            if extra in cur.counted_areas:
                area_names.append(extra)
        for a in area_names:
            vals = cur.areas.get(a)
            areas[a] = {m: (vals.get(m) if vals else None) for m in ind["measures"]}
        columns["areas"] = areas
    if ind.get("baseline"):
        bm = eff["baseline_month"]
        bmi = parse_month(bm) if bm else default_baseline_month(mi)
        br = compute(bmi)
        columns["baseline"] = {"month": month_str(bmi)}
        columns["baseline"].update({m: br.la.get(m) for m in ind["measures"]})

    series = []
    for k, r in series_res:
        e = {"month": month_str(k)}
        e.update({m: r.la.get(m) for m in ind["measures"]})
        series.append(e)

    head = ind["headline"]
    notes = list(cur.notes)
    if 0 < prev["months"] < 6:
        notes.append("%d of 6 months" % prev["months"])
    return {
        "number": ind["number"],
        "id": ind["id"],
        "title": ind["title"],
        "polarity": eff["polarity"],
        "headline": head,
        "previous_mode": eff["previous_mode"],
        "missing_inputs": missing,
        "columns": columns,
        "series": series,
        "target": eff["target"],
        "tolerance": eff["tolerance"],
        "rating": rating(eff["polarity"], eff["target"], eff["tolerance"], cur.la.get(head)),
        "trend": trend(eff["polarity"], is_percentage(ind), cur.la.get(head), prev.get(head)),
        "national": eff["national"],
        "statistical_neighbours": eff["statistical_neighbours"],
        "notes": notes,
    }


def iso(d):
    return d.isoformat() if d else None


def parse_override(items, what):
    out = {}
    for it in items or []:
        if "=" not in it:
            raise UsageError("%s expects FILE=YYYY-MM-DD: %r" % (what, it))
        f, d = it.rsplit("=", 1)
        dd = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", d)
        if not dd or _mk_date(*map(int, dd.groups())) is None:
            raise UsageError("%s expects FILE=YYYY-MM-DD: %r" % (what, it))
        out[f] = _mk_date(*map(int, dd.groups()))
    return out


def run(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--month")
    ap.add_argument("--settings")
    ap.add_argument("--today")
    ap.add_argument("--format", default="json", choices=["json"])
    ap.add_argument("--as-at", action="append", dest="as_at")
    ap.add_argument("--covers", action="append")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)

    today = date.today()
    if args.today:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", args.today)
        if not m:
            raise UsageError("--today expects YYYY-MM-DD")
        today = date(*map(int, m.groups()))
    as_at_over = parse_override(args.as_at, "--as-at")
    covers_over = parse_override(args.covers, "--covers")

    settings_doc = {}
    if args.settings:
        with open(args.settings, encoding="utf-8-sig") as fh:
            settings_doc = json.load(fh)
    settings = load_settings_doc(settings_doc, args.settings or "defaults")

    problems = Problems()
    TODAY_HOLDER[0] = today
    files = []
    for i, path in enumerate(args.files):
        for lf in read_input(path, i, problems):
            if lf.kind == "settings":
                # "each settings document among the files then replaces it, in order"
                settings = load_settings_doc(lf.settings_doc, path)
            elif lf.unreadable:
                problems.add(lf.name, None, "", "", lf.unreadable)
            files.append(lf)
    readable = [f for f in files if f.kind and f.kind != "settings"]
    if not readable:
        raise SystemExit(1)
    compute_as_at(readable, as_at_over)
    for lf in readable:
        compute_coverage(lf, override_for(lf, covers_over))

    data = Data(files, settings, problems, today)
    report_staff_fte(data)

    if args.month:
        mi = parse_month(args.month)
    else:
        # "the latest month whose M_end is on or before the latest as-at date"
        dated = [f.as_at for f in readable if f.as_at]
        if not dated:
            raise UsageError("no file has an as-at date: give --month or --as-at")
        latest = max(dated)
        mi = month_index(latest.year, latest.month)
        if month_end(mi) > latest:
            mi -= 1

    indicators = [run_indicator(data, ind, mi) for ind in INDICATORS]
    for y in sorted(data.cal.derived_years):
        problems.add("", None, "", str(y), "bank holidays derived for %d (not in the built-in list)" % y)

    per_file = {}
    for p in problems.items:
        per_file[p["file"]] = per_file.get(p["file"], 0) + 1
    out = {
        "month": month_str(mi),
        "la_name": settings.get("la_name", ""),
        "files": [{
            "name": f.name,
            "kind": f.kind,
            "rows": f.nrows,
            "as_at": iso(f.as_at),
            "as_at_source": f.as_at_source,
            "covers_from": iso(f.covers_from),
            "covers_to": iso(f.covers_to),
            "problems": per_file.get(f.name, 0),
        } for f in files],
        "indicators": indicators,
        "problems": problems.items,
    }
    return out


def main(argv=None):
    try:
        out = run(sys.argv[1:] if argv is None else argv)
    except UsageError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
