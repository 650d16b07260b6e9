"""TAL versions in the warehouse and the diff between two of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from icpkit.errors import InputError
from icpkit.tal import TAL_COLUMNS, diff_versions, list_versions, store_version
from icpkit.tal.commands import app, diff_workspace
from icpkit.tal.diff import changed_reasons, summary
from icpkit.tal.versions import HISTORY, read_version
from icpkit.warehouse import Warehouse

AS_OF = date(2024, 6, 30)


def tal_of(rows: list[tuple[str, str, float, str, str]]) -> pd.DataFrame:
    """(entity_id, status, fit_score, fit_tier, sources) rows in TAL columns."""
    frame = pd.DataFrame(
        rows, columns=["entity_id", "status", "fit_score", "fit_tier", "sources"]
    )
    frame["name"] = frame["entity_id"] + " Inc"
    frame["reasons"] = "industry: software, +10; size_band: 50-199, +2"
    frame["valid_from"] = AS_OF
    return frame.reindex(columns=list(TAL_COLUMNS))


def excluded_of(rows: list[tuple[str, str, float, str, str, str]]) -> pd.DataFrame:
    frame = tal_of([r[:5] for r in rows])
    return frame.assign(excluded_by=[r[5] for r in rows])


def test_versions_are_numbered_per_as_of_and_read_back(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    tal = tal_of([("E1", "customer", 90.0, "A", "crm:A1")])
    left_out = excluded_of([("E2", "prospect", 10.0, "D", "u:2", "max_prospects")])
    first = store_version(warehouse, tal, AS_OF, "m1", left_out)
    second = store_version(warehouse, tal, AS_OF, "m1")
    earlier = store_version(warehouse, tal, date(2024, 3, 31))
    warehouse.close()

    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    assert (first, second, earlier) == ("v2024-06-30-1", "v2024-06-30-2",
                                        "v2024-03-31-1")  # fmt: skip
    versions = list_versions(warehouse)
    assert versions["version"].tolist() == [earlier, first, second]
    assert versions["companies"].tolist() == [1, 1, 1]
    assert versions["excluded"].tolist() == [0, 1, 0]
    rows = read_version(warehouse, first)
    assert rows["entity_id"].tolist() == ["E1", "E2"]
    assert rows["included"].tolist() == [True, False]
    assert rows["excluded_by"].tolist()[1] == "max_prospects"
    assert rows["fit_score"].tolist() == [90.0, 10.0]
    assert set(TAL_COLUMNS) < set(rows.columns)
    assert warehouse.read(HISTORY)["version"].nunique() == 3
    with pytest.raises(InputError, match=r"v9.*a stored TAL version"):
        read_version(warehouse, "v9")
    warehouse.close()


def test_diff_explains_each_change() -> None:
    old = pd.concat([
        tal_of([
            ("E1", "prospect", 85.0, "A", "u:1"),        # re-tiered A -> B
            ("E2", "prospect", 70.0, "B", "u:2"),        # left the universe
            ("E3", "prospect", 65.0, "B", "u:3"),        # merged into E1
            ("E4", "prospect", 62.0, "B", "u:4"),        # became a competitor
            ("E5", "prospect", 61.0, "B", "u:5"),        # cut by the count
            ("E11", "prospect", 64.0, "B", "u:11"),      # score fell below the cut
            ("E9", "customer", 50.0, "C", "crm:A9"),     # unchanged
        ]).assign(included=True),
        excluded_of([
            ("E6", "prospect", 30.0, "D", "u:6", "prospect_tier_excluded"),
            ("E7", "prospect", 75.0, "B", "u:7", "do_not_target"),
        ]).assign(included=False),
    ])  # fmt: skip
    new = pd.concat([
        tal_of([
            ("E1", "prospect", 70.0, "B", "u:1; u:3"),
            ("E6", "prospect", 66.0, "B", "u:6"),        # score rose
            ("E7", "prospect", 75.0, "B", "u:7"),        # no longer excluded
            ("E8", "prospect", 90.0, "A", "u:8"),        # new in the universe
            ("E10", "prospect", 80.0, "A", "u:5b; crm:A9x"),
            ("E9", "customer", 52.0, "C", "crm:A9"),
        ]).assign(included=True),
        excluded_of([
            ("E4", "prospect", 62.0, "B", "u:4", "competitor"),
            ("E5", "prospect", 61.0, "B", "u:5", "max_prospects"),
            ("E11", "prospect", 41.0, "C", "u:11", "prospect_tier_excluded"),
        ]).assign(included=False),
    ])  # fmt: skip
    new.loc[new["entity_id"] == "E1", "reasons"] = (
        "industry: software, +10; size_band: 1-49, -13"
    )
    diff = diff_versions(old, new).set_index("entity_id")
    why = diff["why"].to_dict()
    assert why == {
        "E8": "new_in_universe", "E10": "new_in_universe",
        "E7": "no_longer_excluded", "E6": "score_rose",
        "E4": "became_excluded", "E2": "left_universe", "E3": "merged",
        "E5": "sizing", "E11": "score_fell", "E1": "fit_changed",
    }  # fmt: skip
    assert diff.at["E3", "detail"] == "merged into E1"
    cut = "left out by max_prospects; fit_score 61.0 -> 61.0"
    assert diff.at["E5", "detail"] == cut
    assert diff.at["E6", "detail"] == (
        "was left out by prospect_tier_excluded; fit_score 30.0 -> 66.0"
    )
    assert diff.at["E4", "detail"].startswith("left out by competitor")
    assert diff.at["E1", "detail"] == "A -> B; fit_score 85.0 -> 70.0"
    assert diff.at["E1", "reasons_changed"] == "size_band: 50-199, +2 -> 1-49, -13"
    counts = summary(diff.reset_index()).set_index(["change", "why"])["companies"]
    assert counts[("added", "new_in_universe")] == 2
    assert counts[("added", "newly_matched")] == 0
    assert counts.sum() == 10


def test_diff_of_plain_tal_frames_finds_new_matches() -> None:
    old = tal_of([("E1", "prospect", 50.0, "C", "u:1"),
                  ("E2", "prospect", 50.0, "C", "u:2; u:3")])  # fmt: skip
    new = tal_of([("E1", "prospect", 50.0, "C", "u:1"),
                  ("E4", "prospect", 50.0, "C", "u:3")])  # fmt: skip
    diff = diff_versions(old, new).set_index("entity_id")
    assert diff["why"].to_dict() == {"E4": "newly_matched", "E2": "merged"}
    assert diff.at["E4", "detail"] == "its records were in E2"


def test_changed_reasons_hand_example() -> None:
    old = "industry: retail, -4; country: US, +2"
    new = "industry: software, +18; country: US, +2; size_band: 50-199, +1"
    assert changed_reasons(old, new) == (
        "industry: retail, -4 -> software, +18; size_band: (none) -> 50-199, +1"
    )
    assert changed_reasons(None, old) == (
        "industry: (none) -> retail, -4; country: (none) -> US, +2"
    )


def test_tal_diff_command(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text('name = "t"\n')
    warehouse = Warehouse(tmp_path / ".icpkit" / "warehouse.duckdb")
    store_version(warehouse, tal_of([("E1", "prospect", 85.0, "A", "u:1")]), AS_OF)
    with pytest.raises(InputError, match="two stored TAL versions"):
        diff_workspace(tmp_path)
    store_version(warehouse, tal_of([("E2", "prospect", 85.0, "A", "u:2")]), AS_OF)
    warehouse.close()
    result = CliRunner().invoke(app, ["diff", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "v2024-06-30-1 -> v2024-06-30-2" in result.output
    written = pd.read_csv(tmp_path / "out" / "tal_diff.csv")
    assert written["why"].tolist() == ["new_in_universe", "left_universe"]
    explicit = diff_workspace(tmp_path, "v2024-06-30-2", "v2024-06-30-1")
    assert explicit.diff["entity_id"].tolist() == ["E1", "E2"]
    with pytest.raises(InputError, match="both V1 and V2"):
        diff_workspace(tmp_path, "v2024-06-30-2", None)


def test_identical_versions_have_no_changes() -> None:
    tal = tal_of([("E1", "customer", 90.0, "A", "crm:A1")])
    diff = diff_versions(tal, tal)
    assert diff.empty
    assert "change" in diff.columns
