#!/usr/bin/env python3
"""The benchmark's "monthly" shape (issue 18): a large authority's year as
analysts drop it, with Lists 3, 4, 7, 8, 10 and the templates once and
thirteen monthly List 6 and List 9 extracts (December 2016 to December
2017), about 40 MB in 37 files.

Made from a generated example (`generate_example --scale 2`), whose
December List 6 holds every episode open at any time since 1 December 2016
and whose List 9 extracts run June to December 2017:

- each month's List 6 holds the episodes open at some time in that month
  (started by its last day, not closed before its first), a closure after
  the month end left blank and a "Closed episode" status then read as a
  child-in-need plan, as the month's own extract would have shown them;
- the List 9 extracts of December 2016 to May 2017, which the generator
  does not make, are June 2017's under the earlier dates;
- every other file is copied as it is.

The figures of the earlier months are approximations; the benchmark times
reading and computing this shape, it does not check its figures.

usage: bench_monthly.py GENERATED_DIR OUT_DIR
"""

import csv
import datetime
import io
import shutil
import sys
from pathlib import Path

MONTH_ENDS = [
    datetime.date(2016, 12, 31),
    *[
        datetime.date(2017, m + 1, 1) - datetime.timedelta(days=1)
        for m in range(1, 12)
    ],
    datetime.date(2017, 12, 31),
]


def parse_date(text):
    text = text.strip()
    if not text:
        return None
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def list6_for(rows, header, month_end):
    start_col = header.index("CIN Start Date")
    close_col = header.index("CIN Closure Date")
    status_col = header.index("Case Status")
    month_start = month_end.replace(day=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        start = parse_date(row[start_col])
        closed = parse_date(row[close_col])
        if start is None or start > month_end or (closed and closed < month_start):
            continue
        row = list(row)
        if closed and closed > month_end:
            row[close_col] = ""
            if row[status_col].startswith("e)"):
                row[status_col] = "c) Child in need plan"
        writer.writerow(row)
    return out.getvalue()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for file in sorted(source.iterdir()):
        if not file.name.startswith(("list6_cin_", "list9_care_leavers_")):
            shutil.copy(file, out / file.name)

    with open(source / "list6_cin_2017-12-31.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    for month_end in MONTH_ENDS:
        text = list6_for(rows, header, month_end)
        (out / f"list6_cin_{month_end.isoformat()}.csv").write_text(text, encoding="utf-8", newline="")

    june = source / "list9_care_leavers_2017-06-30.csv"
    for month_end in MONTH_ENDS:
        own = source / f"list9_care_leavers_{month_end.isoformat()}.csv"
        shutil.copy(own if own.exists() else june, out / own.name)

    files = sorted(out.iterdir())
    total = sum(f.stat().st_size for f in files)
    print(f"{out}: {len(files)} files, {total / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
