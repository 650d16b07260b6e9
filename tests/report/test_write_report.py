"""The whole report: headline first, offline, escaped, parseable, tolerant, atomic."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from icpkit.report import (
    ReportInputs,
    charts,
    icp_headline,
    render_report,
    write_report,
)
from icpkit.report import write as report_write
from icpkit.report.headline import NO_STATEMENT


def test_the_statement_opens_the_report(tmp_path: Path, samples, inputs) -> None:
    target = tmp_path / "out" / "report.html"
    write_report(target, inputs)
    reader = samples.read(target.read_text(encoding="utf-8"))

    body_tags = reader.order[reader.order.index("body") :]
    assert body_tags[:4] == ["body", "main", "header", "h1"]
    assert reader.first("h1") == samples.statement
    assert reader.first("p").startswith("1 of the 3 segments compared are tier A")


def test_the_report_is_offline_and_parseable(samples, inputs) -> None:
    document = render_report(inputs)
    reader = samples.read(document)

    assert "<svg" in document
    assert reader.order.count("svg") == 6
    assert reader.urls == []
    assert not re.search(r"<script|<link|@import|url\((?!#)", document, re.I)
    assert reader.unbalanced == []
    assert reader.order[:3] == ["html", "head", "meta"]


def test_text_from_data_is_escaped(samples, inputs) -> None:
    document = render_report(inputs)

    assert samples.malicious not in document
    assert "<script" not in document.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in document
    assert "<title>Demo &lt;plan&gt;</title>" in document


def test_svg_ids_are_unique_across_charts(inputs) -> None:
    ids = re.findall(r'\sid="([^"]+)"', render_report(inputs))

    assert len(ids) == len(set(ids))


def test_a_report_from_nothing_says_not_computed(samples) -> None:
    empty = ReportInputs(
        title="empty",
        as_of=date(2024, 1, 1),
        icp_statement="",
        segments=pd.DataFrame(),
        data_quality=pd.DataFrame(),
    )
    document = render_report(empty)
    reader = samples.read(document)

    assert reader.first("h1") == NO_STATEMENT
    assert reader.unbalanced == []
    assert "<svg" not in document
    # segments, TAL, model card, reliability, backtest, territories, metrics,
    # commission
    assert document.count('class="not-computed"') == 8
    assert "No data-quality findings." in document
    assert "No notes for this run." in document


def test_none_and_empty_tables_keep_the_other_sections(samples, inputs) -> None:
    partial = replace(
        inputs,
        tal=None,
        territory_summary=pd.DataFrame(columns=["rep_id"]),
        metrics=samples.metrics().drop(columns=["scope"]),
        comp_statements=pd.DataFrame(columns=["rep_id", "rule", "amount"]),
        model_card={},
        reliability=None,
        data_quality=None,
    )
    document = render_report(partial)

    assert "not computed: no TAL was given to the report" in document
    assert "the territory summary lacks the column(s) potential_index" in document
    assert "the metrics table lacks the column(s) scope" in document
    assert "the commission statements has no rows" in document
    assert "no model card was given" in document
    assert "no data-quality table was given" in document
    assert document.count("<svg") == 1  # the segment chart still renders


def test_a_section_that_fails_is_named_in_place(inputs, monkeypatch) -> None:
    def explode(*_: object) -> None:
        raise KeyError("rule")

    monkeypatch.setattr(report_write, "comp_section", explode)
    document = render_report(inputs)

    assert "not computed: the section failed (KeyError: &#x27;rule&#x27;)" in document
    assert document.count("<svg") == 6  # the other sections are whole


def test_a_chart_that_fails_is_named_in_place(inputs, monkeypatch) -> None:
    def refuse(_: object) -> str:
        raise RuntimeError("renderer gone")

    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", refuse)
    document = render_report(inputs)

    assert document.count("chart not rendered (RuntimeError: renderer gone)") == 6
    assert "Tier A and B segments" in document


def test_fifty_segments_show_the_first_twenty_five(samples) -> None:
    document = render_report(samples.full_inputs(segment_count=50))

    assert "25 shown" in document


def test_write_is_atomic(tmp_path: Path, inputs, monkeypatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_report(target, inputs)

    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_write_replaces_the_old_file(tmp_path: Path, inputs) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    write_report(target, inputs)

    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_headline_is_the_statement_verbatim(inputs) -> None:
    padded = replace(inputs, icp_statement="  The data does not single out an ICP. ")

    assert icp_headline(inputs) == inputs.icp_statement
    assert icp_headline(padded) == "The data does not single out an ICP."
    assert icp_headline(replace(inputs, icp_statement=" ")) == NO_STATEMENT


def test_without_an_icp_the_report_says_what_fit_tiers_rest_on(inputs) -> None:
    card = {"positives_rule": "top 20% of customers by value (no tier A)",
            "positives": 17}  # fmt: skip
    html = render_report(replace(inputs, model_card=card))
    head = html[: html.index("<h2")]
    assert "rest on a look-alike of the top 20% of customers by value" in head
    assert "17 companies" in head and "not as a proven ICP" in head
    tier_a = {"positives_rule": "tier A customers", "positives": 500}
    assert "proven ICP" not in render_report(replace(inputs, model_card=tier_a))


def test_a_backtest_not_run_gives_its_reason_in_place(samples, inputs) -> None:
    finding = pd.DataFrame([{
        "table": "lookalike", "check": "backtest_not_run", "severity": "warning",
        "count": 1, "detail": "Backtest needs at least 10 companies; found 2.",
        "example": "",
    }])  # fmt: skip
    quality = pd.concat([samples.data_quality(), finding], ignore_index=True)
    html = render_report(replace(inputs, backtest=None, data_quality=quality))
    assert "not computed: Backtest needs at least 10 companies; found 2." in html
