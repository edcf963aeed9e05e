#!/usr/bin/env python3
"""Writes the committed seed corpus (fuzz/corpus/<target>/seed-*) from the
golden data sets plus a few broken variants. Seeds are cut to a few rows so
the committed corpus stays small. Run from anywhere: python3 fuzz/make_seeds.py
"""

import glob
import json
import os

FUZZ = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(FUZZ, "..", "tests", "golden")
ROWS = 12


def head(path, rows=ROWS):
    with open(path, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    return b"".join(lines[: rows + 1])


def write(target, name, data):
    folder = os.path.join(FUZZ, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def named(name, content):
    """The ingest target's input: `@<file name>\\n` then the file's bytes."""
    return b"@" + name.encode() + b"\n" + content


def ingest():
    # One file of each kind from public_city, and the messy set's odd names.
    for path in sorted(glob.glob(os.path.join(GOLDEN, "public_city", "*_2017-12-31.csv"))):
        name = os.path.basename(path)
        write("ingest", name, named(name, head(path)))
    for name in ["teams.csv", "settings.json"]:
        path = os.path.join(GOLDEN, "public_city", name)
        write("ingest", name, named(name, head(path, 10_000)))
    for name in ["Referrals_Mar_2018.csv", "supervisions_20180331.csv",
                 "list9_care_leavers_28.02.2018.csv", "cp_visits_extract.csv",
                 "Family_Support_Mar_2018.csv"]:
        write("ingest", name, named(name, head(os.path.join(GOLDEN, "messy_inputs", name))))
    for name in ["early_help_assessments.csv", "referrals_summary.csv"]:
        write("ingest", name, named(name, head(os.path.join(GOLDEN, "partial_inputs", name))))

    # The awkward files of tests/intake (encodings, title and totals rows, a
    # workbook), when present.
    for path in sorted(glob.glob(os.path.join(GOLDEN, "..", "intake", "*"))):
        name = os.path.basename(path)
        with open(path, "rb") as f:
            write("ingest", name, named(name, f.read()))

    cp = head(os.path.join(GOLDEN, "public_city", "list7_cp_2017-12-31.csv"), 6)
    text = cp.decode()
    # Broken and awkward variants of one small file.
    variants = {
        "no-name-line.csv": cp,
        "utf16le.csv": named("list7_cp.csv", b"\xff\xfe" + text.encode("utf-16-le")),
        "utf16be.csv": named("list7_cp.csv", b"\xfe\xff" + text.encode("utf-16-be")),
        "utf16-no-bom.csv": named("list7_cp.csv", text.encode("utf-16-le")),
        "bom-crlf.csv": named("list7_cp.csv", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()),
        "cr-only.csv": named("list7_cp.csv", text.replace("\n", "\r").encode()),
        "windows1252.csv": named("list3.csv", "Child Unique ID,Date of referral,Allocated Team\nC1,01/12/2017,Caf\xe9 \xa3 Team\n".encode("cp1252")),
        "semicolon.csv": named("list7_cp.csv", text.replace(",", ";").encode()),
        "tab.csv": named("list7_cp.csv", text.replace(",", "\t").encode()),
        "header-only.csv": named("list7_cp.csv", text.splitlines(keepends=True)[0].encode()),
        "ragged.csv": named("list7_cp.csv", (text + "X1,01/01/2017\nX2,01/01/2017,,,,,,extra\n").encode()),
        "open-quote.csv": named("list7_cp.csv", (text + 'X3,"01/01/2017,\n').encode()),
        "quoted-newline.csv": named("list7_cp.csv", (text + 'X4,"01/01/\n2017",\n').encode()),
        "nested-quotes.csv": named("list7_cp.csv", (text + 'X5,"""""""""""""",\n').encode()),
        "title-row.csv": named("list7_cp.csv", ("Child protection plans at 31/12/2017,,\n" + text).encode()),
        "totals-row.csv": named("list7_cp.csv", (text + "Total,5,\n").encode()),
        "trailing-empty-column.csv": named("list7_cp.csv", text.replace("\n", ",\n").encode()),
        "duplicate-headers.csv": named("x.csv", b"Child Unique ID,child unique id\nA,B\n"),
        "unknown.csv": named("x.csv", b"Name,Value\nA,1\n"),
        "empty.csv": named("empty.csv", b""),
        "binary.xlsx": named("workbook.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256))),
        "nul-bytes.csv": named("list7_cp.csv", text.encode().replace(b",", b"\x00,", 3)),
        "dates-far.csv": named("list7_cp.csv", b"Child Unique ID,Child Protection Plan Start Date,Child Protection Plan End Date\nA,01/01/1000,31/12/9999\nB,1,2958465\nC,0001-01-01,\n"),
        "settings-bad.json": named("settings.json", b'{"version": 2, "la_name": "X"}'),
    }
    for name, data in variants.items():
        write("ingest", name, data)


def settings():
    for path in sorted(glob.glob(os.path.join(GOLDEN, "*", "settings.json"))):
        write("settings", os.path.basename(os.path.dirname(path)) + ".json", open(path, "rb").read())
    documents = {
        "minimal.json": {"version": 1},
        "every-key.json": {
            "version": 1, "la_name": "X", "protective_marking": "OFFICIAL-SENSITIVE",
            "teams": [{"team": "East Safeguarding Team", "area": "EAST", "team_type": None}],
            "areas": [{"area": "EAST", "population_0_17": 0}, {"area": "NWC", "population_0_17": 1e-300}],
            "population_year": "2017",
            "indicators": {"children_in_care": {"target": None, "tolerance": -1, "polarity": "down",
                                                "previous_mode": "cumulative", "national": 1e308,
                                                "statistical_neighbours": None, "benchmark_year": "2016-17",
                                                "baseline_month": "1000-01"}},
            "unallocated_placeholders": [], "unallocated_min_days": -9223372036854775808,
            "assessment_working_days": 9223372036854775807, "start_day_counts": True,
            "extra_bank_holidays": ["2017-12-27", "9999-12-31", "-009999-01-01"],
            "adoption_a2_window_months": 120, "adoption_a1_window_months": 1,
            "exclude_eligible_children": False, "caseload_basis": "headcount",
            "agency_basis": "fte", "suppress_below": 4294967295,
        },
    }
    for name, document in documents.items():
        write("settings", name, json.dumps(document, indent=1).encode())
    write("settings", "unknown-key.json", b'{"version": 1, "la_nam": "X"}')
    write("settings", "bom.json", b'\xef\xbb\xbf{"version": 1, "la_name": "\\u00e9"}')


def history():
    # The document as history.md gives it, with two months.
    cp_plans = lambda count, east, rate: {
        "current": {"count": count, "rate_per_10k": rate},
        "areas": {"EAST": {"count": east, "rate_per_10k": None}},
        "target": None, "rating": "none", "commentary": "Stable.",
    }
    document = {
        "kind": "csc-scorecard-history", "version": 1, "la_name": "Example City",
        "months": {
            "2017-11": {
                "signed_off": "2017-12-08",
                "sources": [{"name": "list7_cp_2017-11-30.csv", "kind": "list7_cp",
                             "as_at": "2017-11-30", "rows": 2301}],
                "indicators": {
                    "cp_plans": cp_plans(965, 280, 33.72),
                    "re_referrals": {"current": {"percent": 21.5, "re_referrals": 86,
                                                 "referrals": 400},
                                     "areas": {}, "target": 22, "rating": "green",
                                     "commentary": None},
                },
            },
            "2017-12": {
                "signed_off": "2018-01-10",
                "sources": [{"name": "list7_cp_2017-12-31.csv", "kind": "list7_cp",
                             "as_at": "2017-12-31", "rows": 2320}],
                "indicators": {"cp_plans": cp_plans(972, 282, 33.97)},
            },
        },
    }
    write("history", "two-months.json", json.dumps(document, indent=1).encode())
    # The same saved with a UTF-8 byte-order mark (as Windows Notepad may).
    write("history", "bom.json", b"\xef\xbb\xbf" + json.dumps(document).encode())
    # The seeding CSV: months in its three forms, the LA and an area, a blank
    # value, a quoted thousands separator, a BOM and CRLF line ends.
    write("history", "seeding.csv", (
        "\ufeffMonth,Indicator,Measure,Area,Value\r\n"
        "Dec-17,cp_plans,count,,972\r\n"
        "Dec-17,cp_plans,count,EAST,282\r\n"
        "2017-12,cp_plans,rate_per_10k,,\r\n"
        "November 2017,re_referrals,referrals,,\"1,234\"\r\n"
        "nov-2017,re_referrals,percent,WEST,21.5\r\n"
    ).encode())
    # Wrong entries, each left out with its path and value: a month key not
    # YYYY-MM, a signed_off not a date, an unknown indicator and measure, a
    # value not a number, and the same in the CSV.
    wrong = json.loads(json.dumps(document))
    december = wrong["months"].pop("2017-12")
    december["signed_off"] = "10/01/2018"
    december["indicators"]["cp_plan"] = {"current": {"count": 1}}
    december["indicators"]["cp_plans"]["current"] = {"count": "972", "rate": 1,
                                                     "rate_per_10k": [33.97]}
    wrong["months"]["Dec-17"] = {}
    wrong["months"]["2017-12"] = december
    write("history", "wrong-entries.json", json.dumps(wrong).encode())
    write("history", "wrong-rows.csv", (
        "Month,Indicator,Measure,Area,Value\n"
        "Dec-17,cp_plan,count,,1\n"
        "Dec-17,cp_plans,rate,,1\n"
        "13/2017,cp_plans,count,,1\n"
        "Dec-17,cp_plans,count,WEST,n/a\n"
        "Dec-17,cp_plans,count\n"
        "Dec-17,cp_plans,count,,\"1\n"
    ).encode())
    # Refused whole: another version, not JSON, another kind of JSON.
    write("history", "version-2.json", b'{"kind": "csc-scorecard-history", "version": 2, "months": {}}')
    write("history", "not-json.json", b'{"kind": "csc-scorecard-history", "version": 1, "months": {')
    write("history", "settings.json", b'{"version": 1, "la_name": "Example City"}')


if __name__ == "__main__":
    ingest()
    settings()
    history()
