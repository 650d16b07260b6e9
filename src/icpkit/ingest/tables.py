"""One input file -> one canonical table (DEFINITIONS.md section 1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from icpkit.config import InputSpec
from icpkit.errors import InputError, Problem
from icpkit.ingest.columns import typed_column
from icpkit.ingest.context import HEADER_ROWS, FileContext
from icpkit.ingest.derive import derive_column
from icpkit.ingest.findings import Findings
from icpkit.ingest.firmographics import add_firmographics
from icpkit.ingest.mapping import resolve_mapping
from icpkit.ingest.presets import FLAG_COLUMNS
from icpkit.ingest.readers import read_table
from icpkit.ingest.stages import activity_type, opportunity_status, opportunity_type
from icpkit.schema import CANONICAL

PANDAS_DTYPE = {
    "string": "string",
    "date": "datetime64[ns]",
    "money": "float64",
    "float": "float64",
    "integer": "Int64",
    "boolean": "boolean",
}


def read_input(
    table: str,
    spec: InputSpec,
    root: Path,
    findings: Findings,
    country_regions: Mapping[str, str],
    industry_overrides: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read, map, type and check one file; its problems are returned, not raised."""
    path = root / spec.path
    ctx = FileContext(spec.path, table, spec, findings)
    ctx.industry_overrides = industry_overrides or {}
    try:
        raw = read_table(path, spec.sheet)
    except InputError as error:
        return empty_table(table), [_named(p, spec.path) for p in error.problems]
    mapping, ctx.problems = resolve_mapping(list(raw.columns), spec, table, spec.path)
    if ctx.problems:
        note = str(raw.attrs.get("sheet_note", ""))
        problems = [replace(p, expected=p.expected + note) for p in ctx.problems]
        return empty_table(table), problems
    frame = _typed(raw, mapping, ctx)
    frame = _derived(frame, ctx, country_regions)
    _check_required(frame, mapping, ctx)
    _check_unique_key(frame, mapping, ctx)
    return frame[list(CANONICAL[table].all_columns)], ctx.problems


def empty_table(table: str) -> pd.DataFrame:
    columns = CANONICAL[table].all_columns
    return pd.DataFrame(
        {c: pd.Series(dtype=PANDAS_DTYPE[t]) for c, t in columns.items()}
    )


def _named(problem: Problem, file: str) -> Problem:
    return Problem(file, problem.row, problem.column, problem.value, problem.expected)


def _typed(
    raw: pd.DataFrame, mapping: dict[str, str], ctx: FileContext
) -> pd.DataFrame:
    kinds = dict(CANONICAL[ctx.table].columns)
    if ctx.table == "opportunities":
        kinds.update({flag: "boolean" for flag in FLAG_COLUMNS})
    typed = {}
    for canonical, kind in kinds.items():
        values, source = _source(raw, mapping, canonical, ctx)
        typed[canonical] = typed_column(values, kind, canonical, source, ctx)
    return pd.DataFrame(typed, index=raw.index)


def _source(
    raw: pd.DataFrame, mapping: dict[str, str], canonical: str, ctx: FileContext
) -> tuple[pd.Series, str]:
    if canonical in ctx.spec.derive:
        rule = ctx.spec.derive[canonical]
        return derive_column(raw, rule), f"derive.{canonical} ({rule})"
    if canonical in ctx.spec.constants:
        constant = ctx.spec.constants[canonical]
        return pd.Series(
            constant, index=raw.index, dtype="string"
        ), f"constants.{canonical}"
    if canonical in mapping:
        return raw[mapping[canonical]], mapping[canonical]
    return pd.Series(pd.NA, index=raw.index, dtype="string"), canonical


def _derived(
    frame: pd.DataFrame, ctx: FileContext, country_regions: Mapping[str, str]
) -> pd.DataFrame:
    if ctx.table in ("accounts", "universe"):
        frame = add_firmographics(frame, ctx, country_regions)
    if ctx.table == "universe":
        frame = _universe_ids(frame, ctx)
    if ctx.table == "opportunities":
        frame["status"] = opportunity_status(frame, ctx)
        frame["type"] = opportunity_type(frame["type"], ctx)
    if ctx.table == "activities":
        frame["type"] = activity_type(frame["type"], ctx)
    return frame


def _universe_ids(frame: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """company_id unique across universe files: `<source>:<id>`, where source is
    constants.source or the file stem and id the file's id or its row number."""
    source = ctx.spec.constants.get("source", Path(ctx.spec.path).stem)
    rows = pd.Series(frame.index + HEADER_ROWS + 1, index=frame.index).astype("string")
    local = (
        frame["company_id"].fillna(rows) if frame["company_id"].notna().any() else rows
    )
    repeated = local.duplicated() & frame["company_id"].notna()
    ctx.findings.count_mask(
        ctx.table,
        "duplicate_company_id",
        "warning",
        repeated,
        f"{ctx.file}: company id repeated (a bad join?); repeats keyed by row number "
        "and left to entity resolution",
        local,
    )
    local = local.mask(repeated, local + "#row" + rows)
    frame["company_id"] = (source + ":" + local).astype("string")
    frame["source"] = frame["source"].fillna(source)
    return frame


def _check_required(
    frame: pd.DataFrame, mapping: dict[str, str], ctx: FileContext
) -> None:
    for canonical in CANONICAL[ctx.table].required:
        source = mapping.get(canonical, canonical)
        expected = f"a value: {canonical} is required in {ctx.table}"
        ctx.report_cells(frame[canonical].isna(), frame[canonical], source, expected)


def _check_unique_key(
    frame: pd.DataFrame, mapping: dict[str, str], ctx: FileContext
) -> None:
    key = CANONICAL[ctx.table].key
    values = frame[key]
    repeated = values.notna() & values.duplicated(keep="first")
    if not repeated.any():
        return
    first_row = values[~values.duplicated(keep="first")]
    first = dict(zip(first_row, first_row.index + HEADER_ROWS + 1, strict=True))
    for index, value in values[repeated].items():
        expected = f"a unique {key}; {value!r} is first on row {first[value]}"
        row = int(str(index)) + HEADER_ROWS + 1
        ctx.problems.append(
            Problem(ctx.file, row, mapping.get(key, key), value, expected)
        )
