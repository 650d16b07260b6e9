"""Sizing controls and exclusions: tiers, coverage of TAM, count, lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.config import TalSettings
from icpkit.errors import InputError
from icpkit.resolve import name_key, normalise_domain, normalise_name
from icpkit.tal.exclusions import exclusion_reasons, load_do_not_target
from icpkit.tal.sizing import coverage_mask, sizing_reasons

Notes = list[dict[str, object]]


def rows_of(status: list[str], score: list[float], value: list[float]) -> pd.DataFrame:
    ids = [f"E{i}" for i in range(len(status))]
    tiers = ["A" if s >= 80 else "B" if s >= 60 else "C" if s >= 40 else "D"
             for s in score]  # fmt: skip
    return pd.DataFrame(
        {"entity_id": ids, "status": status, "fit_score": score,
         "fit_tier": tiers, "expected_value": value},
        index=ids,
    )  # fmt: skip


def test_coverage_hand_example() -> None:
    # total 100, target 60: sums before each row 0, 50, 80 -> keep, keep, drop.
    notes: Notes = []
    kept = coverage_mask(pd.Series([50.0, 30.0, 20.0]), 0.6, notes)
    assert kept.tolist() == [True, True, False]
    assert coverage_mask(pd.Series([50.0, 30.0, 20.0]), 0.5, notes).tolist() == [
        True, False, False,
    ]  # fmt: skip
    assert coverage_mask(pd.Series([50.0, 30.0, 20.0]), 1.0, notes).all()
    assert notes == []


def test_coverage_counts_unknown_values_and_zero_total() -> None:
    notes: Notes = []
    kept = coverage_mask(pd.Series([None, 0.0], dtype="Float64"), 0.5, notes)
    assert kept.all()
    assert [n["check"] for n in notes] == [
        "tam_coverage_unknown_value", "tam_coverage_no_value",
    ]  # fmt: skip
    assert notes[0]["count"] == 1


def test_sizing_order_tier_then_coverage_then_count() -> None:
    rows = rows_of(
        ["customer", "prospect", "prospect", "prospect", "prospect", "prospect"],
        [10.0, 90.0, 85.0, 70.0, 65.0, 20.0],
        [1.0, 40.0, 30.0, 20.0, 10.0, 100.0],
    )
    notes: Notes = []
    tal = TalSettings(include_tiers=["A", "B"], tam_coverage=0.8, max_prospects=2)
    reasons = sizing_reasons(rows, tal, notes)
    # E5 (tier D) by tier; of E1-E4 (total 100, target 80) the sums before are
    # 0, 40, 70, 90 -> E4 out by coverage; then E3 out by the count of 2.
    assert reasons.isna().tolist()[:3] == [True, True, True]
    assert reasons.tolist()[3:] == ["max_prospects", "tam_coverage",
                                    "prospect_tier_excluded"]  # fmt: skip
    assert {n["check"]: n["count"] for n in notes} == {
        "prospect_tier_excluded": 1, "tam_coverage": 1, "max_prospects": 1,
    }  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["customer", "open_opportunity", "lost",
                                   "prospect"]),
                  st.floats(0, 100), st.floats(0, 1e6)),
        min_size=1, max_size=30,
    ),
    st.integers(0, 5),
    st.floats(0.01, 1.0),
)  # fmt: skip
def test_sizing_never_drops_crm_entities_and_keeps_the_best(
    members: list[tuple[str, float, float]], cap: int, share: float
) -> None:
    status, score, value = (list(x) for x in zip(*members, strict=True))
    rows = rows_of(status, score, value)
    tal = TalSettings(max_prospects=cap, tam_coverage=share)
    reasons = sizing_reasons(rows, tal, [])
    crm = rows["status"] != "prospect"
    assert reasons[crm].isna().all()
    kept = rows.loc[reasons.isna() & ~crm, "fit_score"]
    dropped = rows.loc[reasons.notna(), "fit_score"]
    assert len(kept) <= cap
    if len(kept) and len(dropped):
        assert kept.min() >= dropped.max()


def entities_of(records: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """(entity_id, name, domain) per record, keys made by the resolve normalisers."""
    frame = pd.DataFrame(records, columns=["entity_id", "name", "domain"])
    frame["domain_key"] = normalise_domain(frame["domain"].astype("string"))
    frame["name_key"] = name_key(normalise_name(frame["name"].astype("string")))
    return frame


def test_exclusions_match_any_record_with_precedence(tmp_path: Path) -> None:
    entities = entities_of([
        ("E1", "Rival Corp", "rival.com"), ("E1", "Rival", "rival.io"),
        ("E2", "Acme Inc.", "acme.com"), ("E3", "Blocked GmbH", None),
        ("E4", "Fine Ltd", "fine.com"), ("E5", "Both LLC", "both.com"),
    ])  # fmt: skip
    rows = pd.DataFrame({
        "entity_id": ["E1", "E2", "E3", "E4", "E5"],
        "status": ["prospect", "customer", "prospect", "prospect", "prospect"],
        "name": ["Rival", "Acme", "Blocked", "Fine", "Both"],
        "domain": ["rival.com", "acme.com", None, "fine.com", "both.com"],
    })  # fmt: skip
    (tmp_path / "dnt.csv").write_text(
        "Domain,Name\nhttps://www.both.com/about,\n,BLOCKED GMBH\n"
    )
    tal = TalSettings(
        competitor_domains=["www.rival.io", "both.com"],
        exclude_domains=["acme.com"],
        do_not_target="dnt.csv",
    )
    notes: Notes = []
    reasons = exclusion_reasons(rows, entities, tal, tmp_path, notes)
    assert reasons.tolist()[:3] == ["competitor", "excluded_domain", "do_not_target"]
    assert pd.isna(reasons.iloc[3])
    assert reasons.iloc[4] == "competitor"
    assert {n["check"]: n["count"] for n in notes} == {
        "competitor": 2, "do_not_target": 1, "excluded_domain": 1,
    }  # fmt: skip


def test_do_not_target_file_problems(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.csv.*an existing CSV"):
        load_do_not_target(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("company_website\nacme.com\n")
    with pytest.raises(InputError, match="domain, website, name or company"):
        load_do_not_target(bad)
    good = tmp_path / "good.csv"
    good.write_text("website\nhttp://www.Acme.com/x\n\n")
    assert load_do_not_target(good) == ({"acme.com"}, set())
