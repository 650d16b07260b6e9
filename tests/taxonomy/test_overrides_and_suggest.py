"""The industry override file and `taxonomy suggest` (DEFINITIONS.md section 6)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from icpkit.config import load_config
from icpkit.errors import InputError
from icpkit.ingest import load_inputs
from icpkit.taxonomy import UNMAPPED, read_industry_overrides, suggest_mappings
from icpkit.taxonomy.commands import taxonomy_suggest

ACCOUNTS = """account_id,name,industry
1,Acme,Softwre
2,Beta,Softwre
3,Gamma,Insurence
4,Delta,Software
5,Eps,Wibble Widgets
"""


def _workspace(tmp_path: Path, overrides: str | None = None) -> Path:
    (tmp_path / "accounts.csv").write_text(ACCOUNTS)
    toml = '[inputs.accounts]\npath = "accounts.csv"\n'
    if overrides is not None:
        (tmp_path / "overrides.csv").write_text(overrides)
        toml = 'industry_overrides = "overrides.csv"\n' + toml
    (tmp_path / "icpkit.toml").write_text(toml)
    return tmp_path


def _industries(root: Path) -> list[str]:
    result = load_inputs(load_config(root), root)
    return result.tables["accounts"]["industry"].tolist()


def test_each_unmapped_value_is_a_finding_with_its_count(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = load_inputs(load_config(root), root)
    findings = result.findings[result.findings["check"] == "industry_unmapped"]
    assert dict(zip(findings["example"], findings["count"], strict=True)) == {
        "Softwre": 2,
        "Insurence": 1,
        "Wibble Widgets": 1,
    }


def test_override_file_wins_over_the_crosswalk(tmp_path: Path) -> None:
    overrides = "value,industry\nsoftwre,software\nSoftware,hardware\n"
    root = _workspace(tmp_path, overrides)
    assert _industries(root) == [
        "software",
        "software",
        UNMAPPED,
        "hardware",  # the override beats the shipped `Software` row
        UNMAPPED,
    ]


def test_unknown_sector_in_override_file_lists_file_row_value_sectors(
    tmp_path: Path,
) -> None:
    overrides = "value,industry\nSoftwre,software\nInsurence,insurtech\n"
    root = _workspace(tmp_path, overrides)
    with pytest.raises(InputError, match=r"overrides.csv, row 3.*'insurtech'.*"):
        load_inputs(load_config(root), root)
    with pytest.raises(InputError, match="financial_services, insurance"):
        read_industry_overrides(root / "overrides.csv")


def test_override_file_missing_or_contradictory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="an existing CSV file"):
        read_industry_overrides(tmp_path / "nope.csv")
    path = tmp_path / "o.csv"
    path.write_text("value,industry\nAcme Web,software\nacme-web,retail\n")
    with pytest.raises(InputError, match=r"row 3.*row 2 says 'software'"):
        read_industry_overrides(path)
    path.write_text("source,sector\nx,software\n")
    with pytest.raises(InputError, match="columns value, industry"):
        read_industry_overrides(path)


def test_suggest_mappings_hand_worked() -> None:
    values = pd.Series(["Softwre", "Insurence", "Softwre", None, "Hospitls"])
    proposals = suggest_mappings(values)
    assert list(proposals.columns) == [
        "value",
        "count",
        "suggested_industry",
        "similarity",
        "matched",
    ]
    top = proposals.set_index("value")
    assert top.loc["Softwre", "count"] == 2 and proposals["value"].iloc[0] == "Softwre"
    assert top["suggested_industry"].to_dict() == {
        "Softwre": "software",
        "Insurence": "insurance",
        "Hospitls": "healthcare",
    }
    assert (top["similarity"] > 80).all() and (top["similarity"] <= 100).all()


def test_taxonomy_suggest_writes_an_acceptable_override_file(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    written = taxonomy_suggest(root, None)
    proposals = pd.read_csv(written, dtype=str)
    assert list(proposals.columns) == ["value", "industry", "similarity"]
    assert set(proposals["value"]) == {"Softwre", "Insurence", "Wibble Widgets"}

    # accepting: rename the file and point icpkit.toml at it
    written.rename(root / "industry_overrides.csv")
    toml = (root / "icpkit.toml").read_text()
    (root / "icpkit.toml").write_text(
        'industry_overrides = "industry_overrides.csv"\n' + toml
    )
    # "Wibble Widgets" resembles nothing closely: proposed, and kept, as unmapped
    assert _industries(root) == [
        "software", "software", "insurance", "software", UNMAPPED
    ]  # fmt: skip


def test_suggest_leaves_places_and_far_values_unmapped() -> None:
    values = pd.Series(["CA", "Chicago, IL", "Germany", "Misc", "Health Care IT"])
    top = suggest_mappings(values).set_index("value")
    assert top["suggested_industry"].to_dict() == {
        "CA": UNMAPPED, "Chicago, IL": UNMAPPED, "Germany": UNMAPPED,
        "Misc": UNMAPPED, "Health Care IT": "healthcare",
    }  # fmt: skip
    assert top.loc["CA", "matched"] == "looks like a place, not an industry"
    assert top.loc["Misc", "matched"].startswith("nothing close (nearest: ")
