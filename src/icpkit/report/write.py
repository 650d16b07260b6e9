"""Assemble the sections into one self-contained HTML file, written atomically."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from icpkit.files import replaced_atomically
from icpkit.report.comp_section import comp_section, rep_names
from icpkit.report.headline import fit_basis, icp_headline, icp_summary
from icpkit.report.inputs import ReportInputs
from icpkit.report.markup import Section, esc, not_computed, paragraph, render_page
from icpkit.report.metrics_section import metrics_section
from icpkit.report.model_section import model_section
from icpkit.report.quality_section import notes_section, quality_section
from icpkit.report.segments_section import segments_section
from icpkit.report.tal_section import tal_section
from icpkit.report.territory_section import territory_section

log = logging.getLogger(__name__)


def write_report(path: Path, inputs: ReportInputs) -> None:
    """Write the report for INPUTS to PATH (usually out/report.html): one HTML file
    with inline CSS and SVG charts, no scripts and nothing fetched when opened.
    The file appears whole or not at all (temporary file, then os.replace)."""
    started = time.perf_counter()
    document = render_report(inputs)
    write_atomically(Path(path), document)
    log.info(
        "wrote report %s (%s bytes) in %.1f s",
        path,
        f"{len(document.encode()):,}",
        time.perf_counter() - started,
    )


def render_report(inputs: ReportInputs) -> str:
    """The report as an HTML string; the ICP finding is its first heading."""
    header = (
        f"<h1>{esc(icp_headline(inputs))}</h1>"
        + paragraph(icp_summary(inputs.segments), "lede")
        + (paragraph(basis, "lede") if (basis := fit_basis(inputs.model_card)) else "")
        + paragraph(f"{inputs.title} · as of {inputs.as_of.isoformat()}", "meta")
    )
    return render_page(inputs.title, header, build_sections(inputs))


def build_sections(inputs: ReportInputs) -> list[Section]:
    currency = inputs.currency
    builders: list[tuple[str, str, Callable[[], Section]]] = [
        (
            "segments",
            "Segment comparison",
            lambda: segments_section(inputs.segments, currency),
        ),
        ("tal", "Target account list", lambda: tal_section(inputs.tal, currency)),
        (
            "model",
            "Look-alike model",
            lambda: model_section(
                inputs.model_card,
                inputs.reliability,
                inputs.backtest,
                inputs.backtest_deciles,
                finding_detail(inputs.data_quality, "backtest_not_run"),
            ),
        ),
        (
            "territories",
            "Territory balance",
            lambda: territory_section(
                inputs.territory_summary, inputs.tolerance, currency
            ),
        ),
        (
            "metrics",
            "Execution metrics by quarter",
            lambda: metrics_section(
                inputs.metrics,
                int(finding_count(inputs.data_quality, "open_without_account")),
            ),
        ),
        (
            "comp",
            "Commission summary",
            lambda: comp_section(
                inputs.comp_statements, currency, rep_names(inputs.territory_summary)
            ),
        ),
        ("quality", "Data quality", lambda: quality_section(inputs.data_quality)),
        ("notes", "Notes", lambda: notes_section(inputs.notes)),
    ]
    return [guarded(anchor, title, build) for anchor, title, build in builders]


def finding_detail(data_quality: pd.DataFrame | None, check: str) -> str:
    """The detail of the run's first data-quality finding `check`, or ""."""
    found = _finding(data_quality, check)
    return "" if found is None else str(found["detail"])


def finding_count(data_quality: pd.DataFrame | None, check: str) -> float:
    """The count of the run's first data-quality finding `check`, or 0."""
    found = _finding(data_quality, check)
    return 0.0 if found is None else float(pd.to_numeric(found["count"]))


def _finding(data_quality: pd.DataFrame | None, check: str) -> pd.Series | None:
    if data_quality is None or "check" not in data_quality.columns:
        return None
    rows = data_quality.loc[data_quality["check"] == check]
    return None if rows.empty else rows.iloc[0]


def guarded(anchor: str, title: str, build: Callable[[], Section]) -> Section:
    """BUILD's section; one that fails on unexpected data says so in place (and in
    the log, with its traceback) instead of losing the whole report."""
    try:
        return build()
    except Exception as error:  # the report is the last step: degrade, do not abort
        log.error("report section %r failed: %s", title, error, exc_info=True)
        reason = f"the section failed ({type(error).__name__}: {error})"
        return Section(anchor, title, not_computed(reason))


def write_atomically(path: Path, text: str) -> None:
    """Write TEXT to a temporary file beside PATH, then move it over PATH."""
    with (
        replaced_atomically(path, suffix=".tmp") as temporary,
        temporary.open("w", encoding="utf-8") as stream,
    ):
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
