"""Each section on small hand-made tables."""

from __future__ import annotations

import pandas as pd

from icpkit.report.comp_section import comp_section, rep_names
from icpkit.report.headline import icp_summary
from icpkit.report.metrics_section import company_rows, metrics_section
from icpkit.report.quality_section import quality_section, severity_sentence
from icpkit.report.segments_section import (
    charted_segments,
    combination_rows,
    overall_win_rate,
    tier_table,
)
from icpkit.report.tal_section import tier_status_counts, top_prospects
from icpkit.report.territory_section import balance_sentence, rep_labels


def test_combination_is_the_dimensions_fixing_most(samples) -> None:
    dimensions, rows = combination_rows(samples.segments(6))

    assert dimensions == "industry+size_band"
    assert len(rows) == 4
    assert overall_win_rate(samples.segments()) == 0.25


def test_chart_keeps_the_top_25_by_score_and_counts_rows_without_rate(
    samples,
) -> None:
    segments = samples.segments(50)
    segments.loc[segments["segment"] == "sector 0|50-199", "win_rate"] = None

    _, rows, no_rate = charted_segments(segments)

    assert no_rate == 1
    assert len(rows) == 25
    _, combination = combination_rows(segments)
    rated = combination[combination["win_rate"].notna()]
    assert rows["score"].min() == sorted(rated["score"])[-25]
    assert "software|200-999" in set(rows["segment"])
    assert list(rows["win_rate"]) == sorted(rows["win_rate"], reverse=True)


def test_tier_table_lists_a_then_b_without_the_overall(samples) -> None:
    table = tier_table(samples.segments(), "EUR")

    assert table.index("software|200-999") < table.index(">software<")
    assert "mean won amount (EUR)" in table
    assert "33.0%–52.0%" in table
    assert ">all<" not in table


def test_summary_without_tier_a_says_so(samples) -> None:
    segments = samples.segments().assign(tier="C")

    assert icp_summary(segments).startswith("None of the 3 segments compared is tier A")
    assert icp_summary(None).startswith("The segment table was not computed")


def test_tier_status_counts_keep_missing_tiers(samples) -> None:
    counts = tier_status_counts(samples.tal()).set_index(["fit_tier", "status"])

    assert counts.loc[("A", "prospect"), "accounts"] == 1
    assert counts.loc[("(none)", "prospect"), "accounts"] == 1
    assert counts["accounts"].sum() == 5


def test_top_prospects_are_prospects_by_fit_score(samples) -> None:
    tal = pd.concat([samples.tal()] * 10, ignore_index=True)

    table = top_prospects(tal, "USD")

    assert table.count("<tr>") == 21  # header and 20 rows
    assert "Acme" not in table and "Gamma" not in table
    assert table.index("85.5") < table.index(">64<")
    assert ">45<" not in table


def test_rep_labels_and_balance_sentence(samples) -> None:
    summary = samples.territory_summary()
    summary.loc[1, "name"] = None
    summary.loc[2, "within_tolerance"] = False

    assert rep_labels(summary)[:2] == ["Ann (r1)", "r2"]
    assert balance_sentence(summary, 0.15).startswith(
        "2 of 3 reps are within ±15% on both measures of their target: the "
        "capacity-weighted mean of the reps who can take the same accounts"
    )


def test_metrics_show_the_company_rows_only(samples) -> None:
    rows = company_rows(samples.metrics())
    body = metrics_section(samples.metrics()).body

    assert list(rows["quarter"]) == ["2024Q1", "2024Q2", "2024Q3"]
    assert "99.0%" not in body
    assert "40.0%" in body


def test_commission_totals_are_exact_and_bad_amounts_named(samples) -> None:
    statements = pd.concat(
        [
            samples.statements(),
            pd.DataFrame(
                [["r3", "2024Q1", "base", "1,0"]],
                columns=["rep_id", "period", "rule", "amount"],
            ),
        ],
        ignore_index=True,
    )
    body = comp_section(statements, "USD").body

    assert "4 statement lines, total 3,700.12 USD." in body
    assert "1 line(s) left out of the totals" in body and "&#x27;1,0&#x27;" in body
    assert body.index("2,550.00") < body.index("1,150.12")  # r2 before r1
    assert "3,500.10" in body  # base: 1000.10 + 2500.00


def test_commission_totals_name_the_reps(samples) -> None:
    names = rep_names(samples.territory_summary())
    assert names["r1"] == "Ann (r1)"
    body = comp_section(samples.statements(), "USD", names).body
    assert "<td>Ann (r1)</td>" in body


def test_data_quality_errors_come_first(samples) -> None:
    findings = pd.concat(
        [
            samples.data_quality(),
            pd.DataFrame(
                [["reps", "no_reps", "error", 1, "no rep file", None]],
                columns=samples.data_quality().columns,
            ),
        ],
        ignore_index=True,
    )
    body = quality_section(findings).body

    assert severity_sentence(findings) == "3 findings: 1 error, 1 warning, 1 info."
    assert (
        body.index("no_reps")
        < body.index("negative_cycle")
        < body.index("blank_industry")
    )


def test_metrics_name_the_open_opportunities_without_account(samples) -> None:
    body = metrics_section(samples.metrics(), open_without_account=707).body
    assert "707 open opportunities at as_of have no account" in body
    assert "have no account" not in metrics_section(samples.metrics()).body
