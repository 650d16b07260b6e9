"""load_inputs: every input of a workspace, read, checked and reported together."""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path

import pandas as pd

from icpkit.config import InputSpec, WorkspaceConfig
from icpkit.errors import InputError, Problem
from icpkit.ingest.crosschecks import check_tables, latest_date
from icpkit.ingest.currency import convert_amounts
from icpkit.ingest.findings import Findings
from icpkit.ingest.result import IngestResult
from icpkit.ingest.tables import read_input
from icpkit.taxonomy.overrides import read_industry_overrides

log = logging.getLogger(__name__)

SINGLE_INPUTS = ("accounts", "opportunities", "subscriptions", "activities", "reps")


def load_inputs(config: WorkspaceConfig, root: Path) -> IngestResult:
    """Read every input of `config` (paths relative to `root`).

    Raises icpkit.errors.InputError listing every problem of every file (file, row,
    column, value, expectation) when a value cannot be used.
    """
    started = time.perf_counter()
    findings = Findings()
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, list[str]] = {}
    problems: list[Problem] = []
    overrides = _industry_overrides(config, root)
    for table, specs in _inputs(config):
        frames = []
        for spec in specs:
            frame, found = read_input(
                table, spec, root, findings, config.country_regions, overrides
            )
            problems += found
            frames.append(frame)
        tables[table] = (
            pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        )
        files[table] = [spec.path for spec in specs]
    if "opportunities" in tables and config.inputs.opportunities is not None:
        tables["opportunities"], found = convert_amounts(
            tables["opportunities"],
            config.inputs.opportunities.path,
            config.currency,
            config.currency_rates,
        )
        problems += found
    if "universe" in tables:
        problems += _universe_duplicates(tables["universe"])
    if problems:
        raise InputError(problems, hint="Fix the files or the mapping in icpkit.toml.")
    as_of = _as_of(config, tables, findings)
    check_tables(tables, as_of, findings)
    seconds = time.perf_counter() - started
    counts = ", ".join(f"{len(frame):,} {name}" for name, frame in tables.items())
    log.info("read %s in %.1f s (as_of %s)", counts, seconds, as_of)
    return IngestResult(tables, findings.frame(), as_of, files)


def check_inputs(config: WorkspaceConfig, root: Path) -> IngestResult:
    """What `icpkit check` runs: the same reading and checks as a run, no outputs."""
    return load_inputs(config, root)


def _industry_overrides(config: WorkspaceConfig, root: Path) -> dict[str, str]:
    """The workspace's industry override file (DEFINITIONS.md section 6), if any."""
    if config.industry_overrides is None:
        return {}
    path = root / config.industry_overrides
    overrides = read_industry_overrides(path, config.industry_overrides)
    log.info("%d industry overrides from %s", len(overrides), path)
    return overrides


def _inputs(config: WorkspaceConfig) -> list[tuple[str, list[InputSpec]]]:
    found: list[tuple[str, list[InputSpec]]] = []
    for table in SINGLE_INPUTS:
        spec = getattr(config.inputs, table)
        if spec is not None:
            found.append((table, [spec]))
    if config.inputs.universe:
        found.append(("universe", list(config.inputs.universe)))
    return found


def _universe_duplicates(universe: pd.DataFrame) -> list[Problem]:
    """Two universe files given the same source name collide on company_id."""
    repeated = universe["company_id"].duplicated() & universe["company_id"].notna()
    if not repeated.any():
        return []
    example = str(universe["company_id"][repeated].iloc[0])
    expected = "universe files with different constants.source (company_id repeats)"
    return [Problem("inputs.universe", None, "company_id", example, expected)]


def _as_of(
    config: WorkspaceConfig, tables: dict[str, pd.DataFrame], findings: Findings
) -> date:
    """config.as_of, else the latest date in the inputs, else today (reported)."""
    if config.as_of is not None:
        return config.as_of
    latest = latest_date(tables)
    if latest is None:
        today = date.today()
        detail = "no date in any input and no as_of in icpkit.toml; as_of is today"
        findings.add("inputs", "as_of_today", "warning", 1, detail, today.isoformat())
        return today
    return latest
