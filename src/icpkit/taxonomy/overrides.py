"""The user's industry override file: `value,industry` rows applied before the
shipped crosswalks (DEFINITIONS.md section 6)."""

from __future__ import annotations

import csv
from pathlib import Path

from icpkit.errors import InputError, Problem
from icpkit.taxonomy.industries import INDUSTRIES, UNMAPPED
from icpkit.taxonomy.keys import lookup_key

OVERRIDE_COLUMNS = ("value", "industry")


def read_industry_overrides(path: Path, file: str | None = None) -> dict[str, str]:
    """source value -> canonical industry from a CSV with columns value,industry
    (more columns, such as `similarity` from `taxonomy suggest`, are ignored).

    Raises InputError naming file, row, value and the allowed sectors for every
    row that names an unknown sector, and for a missing file or column.
    """
    shown = file or str(path)
    if not path.is_file():
        raise InputError([Problem(shown, None, None, None, "an existing CSV file")])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in OVERRIDE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            expected = f"a header with columns {', '.join(OVERRIDE_COLUMNS)}"
            raise InputError([Problem(shown, 1, missing[0], None, expected)])
        return _checked_rows(list(reader), shown)


def _checked_rows(rows: list[dict[str, str]], file: str) -> dict[str, str]:
    overrides: dict[str, str] = {}
    seen: dict[str, tuple[int, str]] = {}  # lookup key -> (first row, industry)
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        value, industry = row["value"].strip(), row["industry"].strip()
        if industry not in (*INDUSTRIES, UNMAPPED):
            expected = f"a canonical sector: {', '.join(INDUSTRIES)} (or {UNMAPPED})"
            problems.append(Problem(file, number, "industry", industry, expected))
            continue
        first, earlier = seen.setdefault(lookup_key(value), (number, industry))
        if earlier != industry:
            expected = f"one industry per value; row {first} says {earlier!r}"
            problems.append(Problem(file, number, "value", value, expected))
            continue
        overrides[value] = industry
    if problems:
        raise InputError(problems, hint="Fix the industry override file.")
    return overrides
