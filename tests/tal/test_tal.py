"""The TAL: one row per entity, status precedence, value, owner, filters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.config import LookalikeSettings, SegmentsSettings, TalSettings
from icpkit.resolve import resolve_entities
from icpkit.tal import TAL_COLUMNS, TalResult, build_tal
from icpkit.tal.build import _segment_values
from icpkit.tal.merge import crm_rows, entity_sources
from icpkit.tal.owner import current_owner
from icpkit.tal.status import STATUSES, account_status, opportunities_at
from icpkit.tal.value import expected_value

AS_OF = date(2024, 6, 30)  # the world fixture's as_of (tests/tal/conftest.py)
World = Any


def run(world: World, entities: pd.DataFrame, tal: TalSettings) -> TalResult:
    return build_tal(
        world.accounts, world.opportunities, world.universe, entities,
        world.account_segments, world.segments, AS_OF, LookalikeSettings(), tal,
        SegmentsSettings(),
    )  # fmt: skip


@pytest.fixture(scope="module")
def entities(world: World) -> pd.DataFrame:
    return resolve_entities(world.accounts, world.universe)


@pytest.fixture(scope="module")
def result(world: World, entities: pd.DataFrame) -> TalResult:
    return run(world, entities, TalSettings())


def test_one_row_per_entity_with_every_record_in_sources(
    result: TalResult, entities: pd.DataFrame
) -> None:
    tal = result.tal
    assert list(tal.columns) == list(TAL_COLUMNS)
    assert tal["entity_id"].is_unique
    assert set(tal["entity_id"]) == set(entities["entity_id"])
    listed = tal["sources"].str.split("; ").explode()
    assert len(listed) == len(entities)
    assert (tal["valid_from"] == AS_OF).all()
    assert tal["fit_score"].between(0, 100).all()


def test_customers_keep_crm_status_and_owner(result: TalResult, world: World) -> None:
    tal = result.tal.set_index("account_id")
    customers = world.account_segments.loc[world.account_segments["is_customer"]]
    listed = tal.loc[tal.index.intersection(customers["account_id"])]
    assert (listed["status"] == "customer").all()
    assert listed["owner_id"].notna().all()
    prospects = result.tal.loc[result.tal["status"] == "prospect"]
    assert prospects["sources"].str.contains("crm:").sum() < len(world.accounts)


def test_model_card_and_reliability(result: TalResult) -> None:
    assert result.model_card["trained_at"] == AS_OF.isoformat()
    assert result.model_card["positives"] >= 20
    assert result.reliability["count"].sum() == result.model_card["training_rows"]


def test_prospect_tiers_and_excluded_domains(
    world: World, entities: pd.DataFrame, result: TalResult
) -> None:
    baseline = result
    customers = world.account_segments.loc[world.account_segments["is_customer"]]
    accounts = world.accounts.set_index("account_id").loc[customers["account_id"]]
    account = accounts.loc[accounts["domain"].notna()].iloc[0]
    kept = ["A", "B", "C"]
    settings = TalSettings(include_tiers=kept, exclude_domains=[account["domain"]])
    result = run(world, entities, settings)
    tal = result.tal
    prospects = tal.loc[(tal["status"] == "prospect") & tal["account_id"].isna()]
    assert len(prospects) > 0
    assert prospects["fit_tier"].isin(kept).all()
    # Entities, not accounts: resolution may merge two customer accounts.
    customer_entities = (baseline.tal["status"] == "customer").sum()
    assert (tal["status"] == "customer").sum() == customer_entities - 1
    assert not tal["sources"].str.contains(f"crm:{account.name}").any()
    checks = set(result.findings["check"])
    assert {"excluded_domain", "prospect_tier_excluded"} <= checks


def test_status_precedence_hand_example() -> None:
    opportunities = pd.DataFrame({
        "account_id": ["c", "c", "o", "o", "l", "old", "late"],
        "owner_id": "r",
        "status": ["won", "open", "open", "lost", "lost", "lost", "lost"],
        "created_date": pd.to_datetime(["2023-01-01"] * 7),
        "close_date": pd.to_datetime(["2023-02-01", None, None, "2024-01-01",
                                      "2024-01-01", "2023-01-02", "2024-07-15"]),
    })  # fmt: skip
    known = opportunities_at(opportunities, date(2024, 6, 30))
    ids = pd.Series(["c", "o", "l", "old", "late", "none"])
    ranks = account_status(ids, known, frozenset({"c"}), date(2024, 6, 30), 365)
    labels = [STATUSES[rank] for rank in ranks]
    assert labels == ["customer", "open_opportunity", "lost", "prospect",
                      "open_opportunity", "prospect"]  # fmt: skip


account_rank = st.sampled_from(range(len(STATUSES)))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), account_rank), min_size=1, max_size=12))
def test_entity_takes_strongest_crm_status(members: list[tuple[int, int]]) -> None:
    """A customer is never listed as a prospect: CRM status wins, strongest first."""
    ids = [f"A{i}" for i in range(len(members))]
    entities = pd.DataFrame({"record_table": "accounts", "record_id": ids,
                             "source": "crm",
                             "entity_id": [f"E{e}" for e, _ in members]})  # fmt: skip
    accounts = pd.DataFrame({"account_id": ids, "name": ids})
    rank = pd.Series([r for _, r in members], index=ids)
    rows = crm_rows(entities, accounts, rank).set_index("entity_id")
    for entity, group in entities.groupby("entity_id"):
        strongest = STATUSES[min(rank[group["record_id"]])]
        assert rows.at[entity, "status"] == strongest
        if "customer" in {STATUSES[rank[a]] for a in group["record_id"]}:
            assert rows.at[entity, "status"] == "customer"


def test_expected_value_hand_example() -> None:
    # 80 x 20,000 / 100 = 16,000; null segment amount -> overall 25,000 x 0.4.
    scores = pd.Series([80.0, 40.0])
    amounts = pd.Series([20000.0, None])
    assert expected_value(scores, amounts, 25000.0).tolist() == [16000.0, 10000.0]
    assert expected_value(scores, amounts, None).isna().tolist() == [False, True]


def test_sources_do_not_repeat_a_prefix_the_record_id_already_has() -> None:
    entities = pd.DataFrame({
        "entity_id": ["E1", "E1", "E2"], "source": ["vendor", "crm", "inc"],
        "record_id": ["vendor:UNV-1", "A1", "456"],
    })  # fmt: skip
    sources = entity_sources(entities)
    assert sources["E1"] == "crm:A1; vendor:UNV-1"
    assert sources["E2"] == "inc:456"


def test_sizing_keeps_top_prospects_and_returns_the_rest(
    world: World, entities: pd.DataFrame, result: TalResult
) -> None:
    sized = run(world, entities, TalSettings(max_prospects=25))
    prospects = sized.tal.loc[sized.tal["status"] == "prospect"]
    assert len(prospects) == 25
    assert len(sized.tal) + len(sized.excluded) == len(result.tal)
    assert set(sized.excluded["excluded_by"]) == {"max_prospects"}
    assert prospects["fit_score"].min() >= sized.excluded["fit_score"].max()
    assert sized.tal["reasons"].notna().all()
    same = result.tal.set_index("entity_id").loc[sized.tal["entity_id"]]
    assert same["fit_score"].tolist() == sized.tal["fit_score"].tolist()
    assert same["reasons"].tolist() == sized.tal["reasons"].tolist()


def test_unknown_expected_value_names_its_cause() -> None:
    rows = pd.DataFrame({
        "account_id": [None, None, None], "segment": None, "segment_tier": None,
        "industry": ["software", "retail", "energy"],
        "size_band": ["1-49", "1-49", "1-49"], "fit_score": [50.0, None, 40.0],
    })  # fmt: skip
    segments = pd.DataFrame({
        "dimensions": ["industry+size_band", "industry+size_band", "all"],
        "industry": ["software", "retail", None], "size_band": ["1-49", "1-49", None],
        "segment": ["s", "r", "all"], "tier": ["A", "C", None],
        "mean_won_amount": [1000.0, None, None],
    })  # fmt: skip
    notes: list[dict[str, object]] = []
    valued = _segment_values(rows, segments, ["industry", "size_band"], notes)
    assert valued["expected_value"].tolist()[0] == 500.0
    assert valued["expected_value"].isna().tolist() == [False, True, True]
    assert [(n["count"], n["detail"]) for n in notes] == [
        (1, "expected_value unknown: no fit_score (see the look-alike finding)"),
        (1, "expected_value unknown: no mean_won_amount for the segment nor overall"),
    ]


def test_current_owner_is_the_latest_opportunity_owner_ties_by_id() -> None:
    entities = pd.DataFrame({"record_table": "accounts", "record_id": ["A1", "A2"],
                             "entity_id": ["E1", "E2"]})  # fmt: skip
    known = pd.DataFrame({
        "opportunity_id": ["O9", "O2", "O5"], "account_id": ["A1", "A1", "A1"],
        "owner_id": ["R9", "R2", "R5"],
        "created_date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-01"]),
        "close_date": pd.to_datetime(["2024-02-01", "2024-04-01", "2024-04-01"]),
    })  # fmt: skip
    rows = pd.DataFrame({"entity_id": ["E1", "E2"], "owner_id": ["R0", "R7"]})
    # E1: O2 and O5 tie on both dates; O5 is the later id. E2: no opportunity.
    assert current_owner(rows, known, entities).tolist() == ["R5", "R7"]
