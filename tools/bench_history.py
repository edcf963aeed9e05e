#!/usr/bin/env python3
"""Makes the benchmark's 60-month history (scripts/bench --history).

Signs off every month of 2017 from the benchmark's generated extracts with
the CLI (`--history H --sign-off H`, one month at a time, as an analyst
would), then copies those twelve months to 2013-2016, each figure scaled
a little so no two years are identical: sixty signed-off months, January
2013 to December 2017, the most a series shows (`series_months` 60).
Writes beside it the benchmark's settings with `series_months` 60 and the
last-year and year-to-date columns on, so every column and chart reads the
history.

    tools/bench_history.py CLI DATA_DIR OUT_DIR
"""

import json
import pathlib
import subprocess
import sys


def sign_off_2017(cli, data, settings, history):
    files = sorted(str(p) for p in data.glob("*.csv"))
    history.unlink(missing_ok=True)
    for month in range(1, 13):
        args = [cli, "--format", "json", "--month", f"2017-{month:02}", "--settings", str(settings)]
        if history.exists():
            args += ["--history", str(history)]
        args += ["--sign-off", str(history), *files]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def scaled(value, factor):
    """A figure scaled, counts kept whole; anything else as it is."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return round(value * factor)
    if isinstance(value, float):
        return value * factor
    if isinstance(value, dict):
        return {key: scaled(item, factor) for key, item in value.items()}
    return value


def earlier_years(history):
    months = history["months"]
    for year in range(2013, 2017):
        factor = 1.0 - 0.03 * (2017 - year)
        for month in range(1, 13):
            entry = json.loads(json.dumps(months[f"2017-{month:02}"]))
            for indicator in entry["indicators"].values():
                indicator["current"] = scaled(indicator["current"], factor)
                indicator["areas"] = scaled(indicator.get("areas", {}), factor)
            entry["signed_off"] = f"{year + (month == 12)}-{(month % 12) + 1:02}-10"
            months[f"{year}-{month:02}"] = entry
    history["months"] = dict(sorted(months.items()))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cli, data, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    settings = json.loads((data / "scorecard-settings.json").read_text())
    settings.update(series_months=60, show_last_year=True, show_year_to_date=True)
    settings_path = out / "scorecard-settings.json"
    settings_path.write_text(json.dumps(settings, indent=1))
    history_path = out / "scorecard-history.json"
    sign_off_2017(cli, data, settings_path, history_path)
    history = json.loads(history_path.read_text())
    earlier_years(history)
    history_path.write_text(json.dumps(history))
    print(f"{history_path}: {len(history['months'])} months, {history_path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
