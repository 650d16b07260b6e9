"""Sections 7 and 8: the data-quality findings and the notes of the run."""

from __future__ import annotations

import pandas as pd

from icpkit.report.markup import (
    Column,
    Section,
    bullet_list,
    frame_problem,
    not_computed,
    paragraph,
    render_table,
)
from icpkit.schema import DATA_QUALITY_COLUMNS

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
QUALITY_COLUMNS = [
    Column("severity", "severity"),
    Column("table", "table"),
    Column("check", "check"),
    Column("count", "count", "integer"),
    Column("detail", "detail"),
    Column("example", "example"),
]


def quality_section(findings: pd.DataFrame | None) -> Section:
    title = "Data quality"
    if findings is not None and findings.empty:
        return Section("quality", title, paragraph("No data-quality findings."))
    problem = frame_problem(findings, DATA_QUALITY_COLUMNS, "data-quality table")
    if problem is not None or findings is None:
        return Section("quality", title, not_computed(str(problem)))
    rank = findings["severity"].map(SEVERITY_ORDER).fillna(len(SEVERITY_ORDER))
    ordered = findings.assign(_rank=rank).sort_values(
        ["_rank", "count"], ascending=[True, False], na_position="last"
    )
    body = paragraph(severity_sentence(findings)) + render_table(
        ordered, QUALITY_COLUMNS
    )
    return Section("quality", title, body)


def severity_sentence(findings: pd.DataFrame) -> str:
    counts = findings["severity"].astype(str).value_counts()
    parts = [f"{counts.get(level, 0):,} {level}" for level in SEVERITY_ORDER]
    return f"{len(findings):,} findings: " + ", ".join(parts) + "."


def notes_section(notes: list[str]) -> Section:
    body = bullet_list(notes) if notes else paragraph("No notes for this run.")
    return Section("notes", "Notes", body)
