#!/usr/bin/env python3
"""Reads every CSV under a results folder with pandas, as a planner would, and
fails if a column that should hold numbers comes out as text (one date or word
in a statistic column turns the whole column into strings).

Usage: python3 .ci/csv-check.py DIR [DIR ...]

Needs pandas (Debian: python3-pandas). The text columns of each file are listed
below, as in tests/csv_numeric.rs, which makes the same check in Rust without
pandas; every other column must have a numeric (or boolean) dtype. A CSV file
not listed here fails, so a new file must say which of its columns are text.
"""

import sys
from pathlib import Path

import pandas as pd
from pandas.api import types

TEXT = {
    "replications.csv": {"cleared_date"},
    "summary.csv": {"metric", "mean_date", "p10_date", "p50_date", "p90_date"},
    "daily.csv": {"date"},
    "comparison.csv": {"scenario", "title", "clear_date_p50", "clear_date_p90", "deadline"},
    "compare.csv": {"base", "other", "measure"},
    "offices.csv": {"office", "region", "timezone", "clear_date_p50", "clear_date_p90"},
    "regions.csv": {"region", "clear_date_p50", "clear_date_p90"},
    "sweep.csv": {"variant"},  # and the swept keys' columns, named by key paths
    "goal.csv": {"key", "value", "verdict"},
    "sensitivity.csv": {"setting", "base_value", "down_value", "up_value", "status"},
}

# Columns that must read as true/false.
BOOLEAN = {"replications.csv": {"cleared"}, "goal.csv": {"answer"}}


def text_column(name: str, column: str) -> bool:
    if name == "sweep.csv" and "." in column:
        return True
    return column in TEXT[name]


def check(path: Path) -> list[str]:
    name = path.name
    if name not in TEXT:
        return [f"{path}: a CSV file this check does not know; list its text columns"]
    frame = pd.read_csv(path)
    problems = []
    for column in frame.columns:
        dtype = frame[column].dtype
        if column in BOOLEAN.get(name, set()):
            if not types.is_bool_dtype(dtype):
                problems.append(f"{path}: column {column} reads as {dtype}, not bool")
        elif not text_column(name, column) and not types.is_numeric_dtype(dtype):
            bad = frame[column][pd.to_numeric(frame[column], errors="coerce").isna()]
            bad = bad[bad.notna()].head(3).tolist()
            problems.append(f"{path}: column {column} reads as {dtype}, not numeric: {bad}")
    return problems


def main(folders: list[str]) -> int:
    if not folders:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    files = sorted(f for folder in folders for f in Path(folder).rglob("*.csv"))
    if not files:
        print(f"no CSV file under {' '.join(folders)}", file=sys.stderr)
        return 1
    problems = [p for f in files for p in check(f)]
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} CSV files read with pandas {pd.__version__}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
