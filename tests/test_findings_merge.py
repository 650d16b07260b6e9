"""Findings of several stages: a fault reported at ingest is not reported again."""

from __future__ import annotations

import pandas as pd

from icpkit.findings import Findings
from icpkit.pipeline import _first_reports


def _frame(*rows: tuple[str, str, int]) -> pd.DataFrame:
    findings = Findings()
    for table, check, count in rows:
        findings.add(table, check, "warning", count, f"{check} detail")
    return findings.frame()


def test_a_later_stage_does_not_repeat_an_earlier_stages_check() -> None:
    ingest = _frame(
        ("opportunities", "negative_cycle", 19),
        ("opportunities", "boolean_blank_as_false", 38),
        ("opportunities", "boolean_blank_as_false", 35),
    )
    segments = _frame(
        ("opportunities", "negative_cycle", 12),
        ("accounts", "employees_missing", 2),
    )
    kept = pd.concat(_first_reports([ingest, segments]), ignore_index=True)
    assert list(zip(kept["check"], kept["count"], strict=True)) == [
        ("negative_cycle", 19),
        ("boolean_blank_as_false", 38),
        ("boolean_blank_as_false", 35),
        ("employees_missing", 2),
    ]
