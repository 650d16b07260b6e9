"""Entities: joined by shared domain or name, guarded, with stable ids."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.resolve import ENTITY_COLUMNS, resolve_entities, resolve_with_findings
from icpkit.resolve.domains import GENERIC_DOMAINS


def frames(
    crm: list[tuple[str, str | None]], universe: list[tuple[str, str | None]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    accounts = pd.DataFrame(
        {"account_id": [f"A{i}" for i in range(len(crm))],
         "name": [n for n, _ in crm], "domain": [d for _, d in crm]}
    )  # fmt: skip
    companies = pd.DataFrame(
        {"company_id": [str(i) for i in range(len(universe))],
         "name": [n for n, _ in universe], "domain": [d for _, d in universe],
         "source": "inc5000"}
    )  # fmt: skip
    return accounts, companies


def test_amazon_spellings_are_one_entity_and_reasons_say_why() -> None:
    accounts, universe = frames(
        [("Amazon", "https://www.amazon.com")],
        [("AMAZON COM INC", None), ("Amazon.com Inc", "amazon.com/about"),
         ("Costco Wholesale", None)],
    )  # fmt: skip
    entities = resolve_entities(accounts, universe)
    assert list(entities.columns[:5]) == list(ENTITY_COLUMNS)
    assert entities["entity_id"].iloc[:3].nunique() == 1
    assert entities["entity_id"].nunique() == 2
    reasons = entities["match_reason"].tolist()
    assert reasons == ["domain+name", "name", "domain+name", "self"]


def test_crm_accounts_with_different_domains_never_merge_by_name() -> None:
    accounts, universe = frames(
        [("Summit Partners", "summit.com"), ("Summit Partners LLC", "summit.co.uk")],
        [("Summit Partners Inc", None)],
    )
    result = resolve_with_findings(accounts, universe)
    entities = result.entities
    assert entities["entity_id"].nunique() == 3
    assert "name_conflict_crm_domains" in set(result.findings["check"])


def test_crm_account_without_domain_merges_by_name() -> None:
    accounts, universe = frames(
        [("Nova Labs", "nova.com"), ("NOVA LABS INC", None)], []
    )
    assert resolve_entities(accounts, universe)["entity_id"].nunique() == 1


def test_generic_mail_domain_joins_nothing() -> None:
    accounts, universe = frames([("Alpha", "gmail.com"), ("Beta", "gmail.com")], [])
    result = resolve_with_findings(accounts, universe)
    assert result.entities["entity_id"].nunique() == 2
    assert "gmail.com" in GENERIC_DOMAINS


def test_entity_ids_survive_reordering() -> None:
    accounts, universe = frames(
        [("Acme", "acme.com"), ("Blue", None)],
        [("ACME INC", None), ("Red", "red.com"), ("Red Corp", None)],
    )
    first = resolve_entities(accounts, universe).set_index("record_id")["entity_id"]
    shuffled = resolve_entities(accounts.iloc[::-1], universe.iloc[::-1])
    second = shuffled.set_index("record_id")["entity_id"]
    pd.testing.assert_series_equal(first.sort_index(), second.sort_index())


# Differential test: the scipy components against a brute-force pairwise closure.
NAME_POOL = ["Acme", "ACME Inc", "Blue", "Blue Corp", "Red", "Nova", "Nova Labs"]
DOMAIN_POOL = [None, "acme.com", "www.blue.com", "red.com", "gmail.com", "nova.io"]
record = st.tuples(st.sampled_from(NAME_POOL), st.sampled_from(DOMAIN_POOL))


def brute_force(entities: pd.DataFrame) -> set[frozenset[int]]:
    rows = entities.reset_index(drop=True)
    crm = rows["source"] == "crm"
    conflicted = {
        key
        for key, group in rows.loc[crm].groupby("name_key")
        if group["domain_key"].dropna().nunique() > 1
    }
    size = len(rows)
    groups = [{i} for i in range(size)]
    for i in range(size):
        for j in range(size):
            if _linked(rows, crm, conflicted, i, j):
                merged = groups[i] | groups[j]
                for member in merged:
                    groups[member] = merged
    return {frozenset(group) for group in groups}


def _linked(
    rows: pd.DataFrame, crm: pd.Series, conflicted: set[str], i: int, j: int
) -> bool:
    domain_i, domain_j = rows.at[i, "domain_key"], rows.at[j, "domain_key"]
    both = pd.notna(domain_i) and pd.notna(domain_j)
    if both and domain_i == domain_j and domain_i not in GENERIC_DOMAINS:
        return True
    name_i, name_j = rows.at[i, "name_key"], rows.at[j, "name_key"]
    if pd.isna(name_i) or pd.isna(name_j) or name_i != name_j:
        return False
    return name_i not in conflicted or not (crm.iat[i] or crm.iat[j])


@settings(max_examples=60, deadline=None)
@given(st.lists(record, max_size=5), st.lists(record, max_size=7))
def test_clusters_match_brute_force(crm: list, universe: list) -> None:
    accounts, companies = frames(crm, universe)
    entities = resolve_entities(accounts, companies).reset_index(drop=True)
    found = {frozenset(g.index) for _, g in entities.groupby("entity_id")}
    expected = brute_force(entities)
    assert found == expected


def test_fortune_and_sec_lists_resolve_known_pairs(shared_data: object) -> None:
    folder = shared_data / "company-universe"  # type: ignore[operator]
    fortune = pd.read_csv(folder / "fortune1000_2021.csv", dtype=str)
    sec = pd.read_csv(folder / "sec_company_tickers_exchange.csv", dtype=str)
    universe = pd.concat([
        pd.DataFrame({"company_id": "f" + fortune.index.astype(str),
                      "name": fortune["company"], "domain": fortune["Website"],
                      "source": "fortune1000_2021"}),
        pd.DataFrame({"company_id": "s" + sec.index.astype(str), "name": sec["name"],
                      "domain": None, "source": "sec"}),
    ], ignore_index=True)  # fmt: skip
    accounts = pd.DataFrame({"account_id": ["A1"], "name": ["Amazon.com Inc"],
                             "domain": ["https://www.amazon.com/"]})  # fmt: skip
    entities = resolve_entities(accounts, universe).merge(
        universe[["company_id", "name"]], left_on="record_id", right_on="company_id",
        how="left",
    )  # fmt: skip
    amazon = entities.loc[entities["entity_id"] == entities["entity_id"].iat[0]]
    assert {"Amazon", "AMAZON COM INC"} <= set(amazon["name"])
    lowes = entities.loc[entities["name"].isin(["Lowe&#8217;s", "LOWES COMPANIES INC"])]
    assert len(lowes) == 2 and lowes["entity_id"].nunique() == 1
