"""One row per entity from its CRM accounts and universe companies."""

from __future__ import annotations

import pandas as pd

from icpkit.tal.status import PROSPECT_RANK, status_label

FIRMOGRAPHICS = (
    "name",
    "industry",
    "employees",
    "annual_revenue",
    "country",
    "region",
    "state",
)


def entity_sources(entities: pd.DataFrame) -> pd.Series:
    """'crm:A1; inc5000_2014:456' per entity_id: every record merged, CRM first.

    A record_id that already starts with "<source>:" (ingest builds universe
    company_ids that way) is used as is, not prefixed twice.
    """
    source = entities["source"].astype(str)
    record = entities["record_id"].astype(str)
    prefixed = pd.Series(
        [r.startswith(f"{s}:") for s, r in zip(source, record, strict=True)],
        index=entities.index,
        dtype=bool,
    )
    keys = record.where(prefixed, source + ":" + record)
    order = (entities["source"] != "crm").astype(int)
    frame = pd.DataFrame(
        {"entity_id": entities["entity_id"], "key": keys, "order": order}
    )
    frame = frame.sort_values(["entity_id", "order", "key"])
    # Joining strings per group is slow; most entities hold one record.
    shared = frame["entity_id"].duplicated(keep=False)
    single = frame.loc[~shared].set_index("entity_id")["key"]
    joined = frame.loc[shared].groupby("entity_id", sort=False)["key"].agg("; ".join)
    return pd.concat([single, joined])


def crm_rows(
    entities: pd.DataFrame, accounts: pd.DataFrame, rank: pd.Series
) -> pd.DataFrame:
    """The primary CRM account of each entity holding one, and the entity's status.

    Primary: the account with the strongest status, then the smallest account_id.
    """
    members = entities.loc[entities["record_table"] == "accounts"]
    members = members[["entity_id", "record_id"]].rename(
        columns={"record_id": "account_id"}
    )
    members["rank"] = members["account_id"].map(rank).astype(int)
    members = members.sort_values(["entity_id", "rank", "account_id"])
    primary = members.drop_duplicates("entity_id")
    frame = accounts.assign(account_id=accounts["account_id"].astype(str))
    columns = ["account_id", *[c for c in (*FIRMOGRAPHICS, "owner_id") if c in frame]]
    rows = primary.merge(frame[columns], on="account_id", how="left", validate="1:1")
    rows["status"] = status_label(rows.pop("rank"))
    return rows


def universe_rows(
    entities: pd.DataFrame, universe: pd.DataFrame | None, crm_entities: pd.Index
) -> pd.DataFrame:
    """The fullest universe record of each entity without a CRM account."""
    if universe is None or not len(universe):
        return pd.DataFrame(columns=["entity_id", "status", *FIRMOGRAPHICS])
    members = entities.loc[
        (entities["record_table"] == "universe")
        & ~entities["entity_id"].isin(crm_entities)
    ]
    frame = universe.assign(company_id=universe["company_id"].astype(str))
    columns = ["company_id", *[c for c in FIRMOGRAPHICS if c in frame]]
    rows = members[["entity_id", "record_id", "source"]].merge(
        frame[columns], left_on="record_id", right_on="company_id", how="left"
    )
    rows["filled"] = rows[columns[1:]].notna().sum(axis=1)
    rows = rows.sort_values(
        ["entity_id", "filled", "source", "record_id"],
        ascending=[True, False, True, True],
    )
    rows = rows.drop_duplicates("entity_id").drop(
        columns=["record_id", "company_id", "source", "filled"]
    )
    rows["status"] = status_label(pd.Series(PROSPECT_RANK, index=rows.index))
    return rows


def entity_parents(entities: pd.DataFrame) -> pd.Series:
    """The entity of each entity's parent account (resolve: account families);
    empty when the entities carry no parent_entity_id."""
    if "parent_entity_id" not in entities:
        return pd.Series(dtype="string")
    linked = entities.dropna(subset=["parent_entity_id"])
    return linked.groupby("entity_id")["parent_entity_id"].first().astype("string")


def entity_domains(entities: pd.DataFrame) -> pd.Series:
    """The entity's normalised domain: its first non-null, CRM records first."""
    ordered = entities.assign(order=(entities["source"] != "crm").astype(int))
    ordered = ordered.sort_values(["entity_id", "order", "record_id"])
    return ordered.groupby("entity_id")["domain_key"].first()
