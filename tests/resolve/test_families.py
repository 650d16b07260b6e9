"""Account families: parent and child never merge; children point to the parent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.config import LookalikeSettings, SegmentsSettings, TalSettings
from icpkit.resolve import resolve_entities, resolve_with_findings
from icpkit.resolve.families import Families, links_kept_apart
from icpkit.tal import TAL_COLUMNS, build_tal, store_version
from icpkit.tal.versions import HISTORY, read_version
from icpkit.warehouse import Warehouse


def accounts(rows: list[tuple[str, str, str | None, str | None]]) -> pd.DataFrame:
    """(account_id, name, domain, parent_account_id) rows."""
    return pd.DataFrame(
        rows, columns=["account_id", "name", "domain", "parent_account_id"]
    )


def universe(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["company_id", "name", "domain"])
    return frame.assign(source="list")


def entity_of(entities: pd.DataFrame) -> dict[str, str]:
    return dict(zip(entities["record_id"], entities["entity_id"], strict=True))


def parent_of(entities: pd.DataFrame) -> dict[str, object]:
    return dict(zip(entities["record_id"], entities["parent_entity_id"], strict=True))


def test_same_name_and_domain_parent_and_child_stay_apart() -> None:
    crm = accounts(
        [("A1", "Acme", "acme.com", None), ("A2", "Acme Inc.", "acme.com", "A1")]
    )
    companies = universe([("1", "ACME INC", "https://www.acme.com")])
    result = resolve_with_findings(crm, companies)
    entity, parent = entity_of(result.entities), parent_of(result.entities)
    assert entity["A1"] != entity["A2"]
    # The list's Acme joins the top of the family, not the child.
    assert entity["1"] == entity["A1"]
    assert parent["A2"] == entity["A1"]
    assert pd.isna(parent["A1"]) and pd.isna(parent["1"])
    assert "family_kept_apart" in set(result.findings["check"])
    reasons = result.entities.set_index("record_id")["match_reason"].to_dict()
    assert reasons == {"A1": "domain+name", "A2": "self", "1": "domain+name"}


def test_child_listed_first_still_leaves_the_shared_key_to_the_parent() -> None:
    crm = accounts(
        [("A2", "Acme UK Ltd", "acme.com", "A1"), ("A1", "Acme", "acme.com", None)]
    )
    companies = universe([("1", "Acme Corp", "acme.com")])
    entity = entity_of(resolve_with_findings(crm, companies).entities)
    assert entity["1"] == entity["A1"] != entity["A2"]


def test_child_keeps_the_universe_record_that_names_it() -> None:
    # "Acme UK Limited" shares the child's name; "ACME" shares the parent's.
    crm = accounts(
        [("A1", "Acme", "acme.com", None), ("A2", "Acme UK Ltd", None, "A1")]
    )
    companies = universe([("1", "Acme UK Limited", None), ("2", "ACME", None)])
    entity = entity_of(resolve_with_findings(crm, companies).entities)
    assert entity["1"] == entity["A2"]
    assert entity["2"] == entity["A1"]
    assert entity["A1"] != entity["A2"]


def test_a_record_bridging_parent_and_child_joins_one_side_only() -> None:
    # Universe "Acme UK" holds the parent's domain and the child's name.
    crm = accounts([("A1", "Acme", "acme.com", None), ("A2", "Acme UK", None, "A1")])
    companies = universe([("1", "Acme UK", "acme.com")])
    entity = entity_of(resolve_with_findings(crm, companies).entities)
    assert entity["A1"] != entity["A2"]
    # Domains are joined before names: the record goes with the parent.
    assert entity["1"] == entity["A1"]


def test_three_generations_each_point_to_their_own_parent() -> None:
    crm = accounts(
        [
            ("G", "Acme", None, None),
            ("P", "Acme", None, "G"),
            ("C", "ACME INC", None, "P"),
        ]
    )
    entities = resolve_with_findings(crm, None).entities
    entity, parent = entity_of(entities), parent_of(entities)
    assert len({entity["G"], entity["P"], entity["C"]}) == 3
    assert parent["P"] == entity["G"]
    assert parent["C"] == entity["P"]
    assert pd.isna(parent["G"])


def test_parent_named_instead_of_id_as_report_exports_do() -> None:
    crm = accounts(
        [
            ("A1", "Acme Corporation", "acme.com", None),
            ("A2", "Bluth Company", "bluth.com", "Acme Corporation"),
            ("A3", "Codehow", "codehow.com", "ACME CORP."),  # by normalised name
        ]
    )
    entities = resolve_with_findings(crm, None).entities
    entity, parent = entity_of(entities), parent_of(entities)
    assert parent["A2"] == entity["A1"]
    assert parent["A3"] == entity["A1"]


def test_unknown_and_self_parents_are_findings_and_ignored() -> None:
    crm = accounts(
        [
            ("A1", "Acme", None, "A9"),
            ("A2", "Blue", None, "A2"),
            ("A3", "Red", None, None),
        ]
    )
    result = resolve_with_findings(crm, None)
    findings = result.findings.set_index("check")
    assert findings.loc["parent_account_unknown", "count"] == 1
    assert findings.loc["parent_account_unknown", "example"] == "A1 -> A9"
    assert findings.loc["parent_account_self", "count"] == 1
    assert result.entities["parent_entity_id"].isna().all()


def test_duplicate_children_merge_and_share_the_parent() -> None:
    crm = accounts(
        [
            ("A1", "Acme", "acme.com", None),
            ("A2", "Acme UK Ltd", None, "A1"),
            ("A3", "ACME UK LIMITED", None, "A1"),
        ]
    )
    entities = resolve_with_findings(crm, None).entities
    entity, parent = entity_of(entities), parent_of(entities)
    assert entity["A2"] == entity["A3"] != entity["A1"]
    assert parent["A2"] == parent["A3"] == entity["A1"]


def test_an_entity_with_two_named_parents_keeps_the_most_named() -> None:
    crm = accounts(
        [
            ("P1", "North", "north.com", None),
            ("P2", "South", "south.com", None),
            ("C1", "Kid", None, "P1"),
            ("C2", "Kid Ltd", None, "P2"),
            ("C3", "KID", None, "P2"),
        ]
    )
    result = resolve_with_findings(crm, None)
    entity, parent = entity_of(result.entities), parent_of(result.entities)
    assert entity["C1"] == entity["C2"] == entity["C3"]
    assert parent["C1"] == entity["P2"]  # named twice against once
    assert "several_parent_entities" in set(result.findings["check"])


def test_a_parent_cycle_ends_and_keeps_both_apart() -> None:
    crm = accounts([("A1", "Acme", None, "A2"), ("A2", "Acme", None, "A1")])
    entities = resolve_with_findings(crm, None).entities
    entity, parent = entity_of(entities), parent_of(entities)
    assert entity["A1"] != entity["A2"]
    assert parent["A1"] == entity["A2"] and parent["A2"] == entity["A1"]


def test_accounts_without_the_column_have_null_parents() -> None:
    crm = pd.DataFrame({"account_id": ["A1", "A2"], "name": ["Acme", "Acme Inc"]})
    entities = resolve_with_findings(crm, None).entities
    assert entities["entity_id"].nunique() == 1
    assert entities["parent_entity_id"].isna().all()


def test_links_that_would_join_a_family_are_refused_in_order() -> None:
    # Records 0 (parent) and 1 (child) are entities 0 and 1; record 2 is entity 2.
    families = Families(np.array([-1, 0, -1]), np.array([[0, 1]]))
    labels = np.array([0, 1, 2])
    left, right = np.array([0, 1, 2]), np.array([2, 2, 2])
    # 0-2 merges the parent with 2; 1-2 would then join the child to the parent.
    kept = links_kept_apart(labels, left, right, families)
    assert kept.tolist() == [True, False, True]


NAMES = ["Acme", "ACME Inc", "Acme UK", "Blue"]
DOMAINS = [None, "acme.com", "blue.com"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from(DOMAINS),
            st.integers(min_value=-1, max_value=5),
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(DOMAINS)), max_size=5),
)
def test_no_entity_holds_an_account_and_its_ancestor(
    crm_rows: list[tuple[str, str | None, int]],
    universe_rows: list[tuple[str, str | None]],
) -> None:
    ids = [f"A{i}" for i in range(len(crm_rows))]
    parents = {
        ids[i]: ids[p] if 0 <= p < len(ids) else None
        for i, (_, _, p) in enumerate(crm_rows)
    }
    crm = accounts(
        [(ids[i], n, d, parents[ids[i]]) for i, (n, d, _) in enumerate(crm_rows)]
    )
    companies = universe([(str(i), n, d) for i, (n, d) in enumerate(universe_rows)])
    entity = entity_of(resolve_with_findings(crm, companies).entities)
    for child in ids:
        seen, above = {child}, parents[child]
        while above is not None and above not in seen:
            assert entity[above] != entity[child], (above, child)
            seen.add(above)
            above = parents[above]


def small_tal() -> pd.DataFrame:
    """Acme (customer) with its child Acme UK Ltd and an unrelated Blue; too few
    customers for a model, so the TAL is listed without fit."""
    crm = accounts(
        [
            ("A1", "Acme", "acme.com", None),
            ("A2", "Acme UK Ltd", "acme.com", "A1"),
            ("A3", "Blue", None, None),
        ]
    ).assign(
        industry="software", employees=[100, 20, 5], annual_revenue=1e6,
        country=["US", "GB", "US"], region=["Americas", "EMEA", "Americas"],
        state=None,
    )  # fmt: skip
    companies = universe([("1", "Acme Inc", "acme.com")])
    account_segments = pd.DataFrame(
        {"account_id": ["A1", "A2", "A3"], "is_customer": [True, False, False],
         "industry": "software", "size_band": ["50-199", "1-49", "1-49"],
         "region": ["Americas", "EMEA", "Americas"], "segment": "s",
         "segment_tier": "C", "arr_as_of": [100.0, 0.0, 0.0], "clv": [1.0, 0, 0]}
    )  # fmt: skip
    segments = pd.DataFrame(
        {"dimensions": ["all"], "industry": [None], "size_band": [None],
         "segment": ["all"], "tier": [None], "mean_won_amount": [1000.0]}
    )  # fmt: skip
    entities = resolve_entities(crm, companies)
    result = build_tal(
        crm, None, companies, entities, account_segments, segments,
        date(2024, 6, 30), LookalikeSettings(), TalSettings(), SegmentsSettings(),
    )  # fmt: skip
    return result.tal


def test_tal_lists_the_child_apart_with_its_parent_entity() -> None:
    tal = small_tal()
    assert list(tal.columns[:2]) == ["entity_id", "parent_entity_id"]
    rows = tal.set_index("account_id")
    assert len(tal) == 3
    assert rows.at["A2", "parent_entity_id"] == rows.at["A1", "entity_id"]
    assert pd.isna(rows.at["A1", "parent_entity_id"])
    assert pd.isna(rows.at["A3", "parent_entity_id"])
    assert rows.at["A1", "sources"] == "crm:A1; list:1"


def test_tal_history_made_before_families_takes_the_new_column(
    tmp_path: Path,
) -> None:
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    old = pd.DataFrame({"entity_id": ["E1"], "name": ["Acme"]}).reindex(
        columns=[c for c in TAL_COLUMNS if c != "parent_entity_id"]
    )
    store_version(warehouse, old, date(2024, 3, 31))
    warehouse.con.con.execute(f"alter table {HISTORY} drop column parent_entity_id")
    new = pd.DataFrame({"entity_id": ["E2"], "parent_entity_id": ["E1"]})
    version = store_version(warehouse, new.reindex(columns=list(TAL_COLUMNS)),
                            date(2024, 6, 30))  # fmt: skip
    rows = read_version(warehouse, version)
    assert rows["parent_entity_id"].tolist() == ["E1"]
    warehouse.close()
