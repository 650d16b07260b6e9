"""Records from CRM and universe, joined into entities by domain and by name."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.resolve.clusters import components, constrained_merge, key_edges
from icpkit.resolve.domains import is_generic, normalise_domain
from icpkit.resolve.families import (
    PARENT_COLUMN,
    Families,
    family_components,
    family_rank,
    find_families,
    links_kept_apart,
    parent_entities,
)
from icpkit.resolve.findings import finding, findings_frame
from icpkit.resolve.links import link_columns, probabilistic_edges
from icpkit.resolve.names import name_key, normalise_name
from icpkit.resolve.stable_ids import CHANGE_COLUMNS, carry_ids

log = logging.getLogger(__name__)

ENTITY_COLUMNS = ("record_table", "record_id", "source", "entity_id", "match_reason")
CRM_SOURCE = "crm"
UNIVERSE_SOURCE = "universe"
# Columns the probabilistic pass compares, when the input has them.
MATCH_EXTRAS = ("country", "state", "city", "employees")


@dataclass
class ResolveResult:
    """entities: ENTITY_COLUMNS plus parent_entity_id (the entity of the parent
    account, for entities holding a child account), match_probability (1 for
    exact keys, the model's probability for a probabilistic link, null for a
    record alone), name_key and domain_key (normalised keys).
    findings: data-quality findings (icpkit.schema.DATA_QUALITY_COLUMNS).
    changes: entities that split or merged since the previous run
    (stable_ids.CHANGE_COLUMNS; one row per new entity and previous entity)."""

    entities: pd.DataFrame
    findings: pd.DataFrame
    changes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(CHANGE_COLUMNS))
    )


def resolve_with_findings(
    accounts: pd.DataFrame,
    universe: pd.DataFrame | None,
    settings: ResolveSettings | None = None,
    previous: pd.DataFrame | None = None,
) -> ResolveResult:
    """Join records sharing a normalised domain or name into entities, then (method
    "probabilistic") records the probabilistic pass links. A parent account and
    its descendants (parent_account_id) are never joined. With `previous` (the
    last run's entities) entity ids are carried over (stable_ids.carry_ids)."""
    started = time.perf_counter()
    settings = settings or ResolveSettings()
    records, notes = _records(accounts, universe)
    domain_active = records["domain_key"].notna() & ~is_generic(records["domain_key"])
    name_active, conflicts = _name_guard(records)

    domain_keys = records["domain_key"].where(domain_active)
    name_keys = records["name_key"].where(name_active)
    families = find_families(records, notes)
    labels = _key_components(records, [domain_keys, name_keys], families, notes)
    key_labels = labels
    links = probabilistic_edges(records, settings, notes)
    links = _family_links(labels, links, families, notes)
    labels, used = constrained_merge(
        labels, domain_keys, links["left"].to_numpy(int), links["right"].to_numpy(int)
    )
    links = _used_links(links, used, notes)
    records["entity_id"], changes = _ids(records, labels, previous, notes)
    exact = _match_reasons(domain_keys, name_keys, key_labels)
    reason, probability = link_columns(exact, links)
    records["match_reason"], records["match_probability"] = reason, probability
    records["parent_entity_id"] = parent_entities(records["entity_id"], families, notes)

    notes += _resolution_findings(records, domain_active, conflicts)
    log.info(
        "resolved %s records into %s entities in %.1f s",
        f"{len(records):,}",
        f"{records['entity_id'].nunique():,}",
        time.perf_counter() - started,
    )
    columns = [
        *ENTITY_COLUMNS, "parent_entity_id", "match_probability", "name_key",
        "domain_key",
    ]  # fmt: skip
    entities = records[columns].reset_index(drop=True)
    return ResolveResult(entities, findings_frame(notes), changes)


def _key_components(
    records: pd.DataFrame,
    keys: list[pd.Series],
    families: Families,
    notes: list[dict[str, object]],
) -> np.ndarray:
    """Entity labels of records sharing a key; account families kept apart."""
    if families.empty:
        return components(len(records), [key_edges(k) for k in keys])
    return family_components(keys, families, family_rank(records, families), notes)


def _family_links(
    labels: np.ndarray,
    links: pd.DataFrame,
    families: Families,
    notes: list[dict[str, object]],
) -> pd.DataFrame:
    """The probable links that keep account families apart; the others counted."""
    left, right = links["left"].to_numpy(int), links["right"].to_numpy(int)
    keep = links_kept_apart(labels, left, right, families)
    if (~keep).any():
        notes.append(
            finding(
                "entities", "link_family_conflict", "info", int((~keep).sum()),
                "probable links not used: they would merge a parent account "
                "with its child",
            )
        )  # fmt: skip
    return links.loc[keep].reset_index(drop=True)


def _ids(
    records: pd.DataFrame,
    labels: np.ndarray,
    previous: pd.DataFrame | None,
    notes: list[dict[str, object]],
) -> tuple[pd.Series, pd.DataFrame]:
    fresh = _entity_ids(records, labels)
    if previous is None or previous.empty:
        return fresh, pd.DataFrame(columns=list(CHANGE_COLUMNS))
    ids, changes = carry_ids(records, labels, fresh, previous)
    for change in ("split", "merged"):
        count = changes.loc[changes["change"] == change, "previous_entity_id"]
        if len(count):
            notes.append(
                finding(
                    "entities", f"entities_{change}", "info", count.nunique(),
                    f"previous entities {change} in this run (see changes)",
                    str(count.iloc[0]),
                )
            )  # fmt: skip
    return ids, changes


def _used_links(
    links: pd.DataFrame, used: np.ndarray, notes: list[dict[str, object]]
) -> pd.DataFrame:
    """The links that merged entities; the refused ones counted as a finding."""
    if (~used).any():
        notes.append(
            finding(
                "entities", "link_domain_conflict", "info", int((~used).sum()),
                "probable links not used: both entities already hold "
                "different domains",
            )
        )  # fmt: skip
    return links.loc[used].reset_index(drop=True)


def _records(
    accounts: pd.DataFrame, universe: pd.DataFrame | None
) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    crm = pd.DataFrame(
        {
            "record_table": "accounts",
            "record_id": accounts["account_id"].astype("string"),
            "source": CRM_SOURCE,
            "name": accounts["name"],
            "domain": accounts.get("domain", pd.Series(pd.NA, index=accounts.index)),
            **_optional(accounts, (*MATCH_EXTRAS, PARENT_COLUMN)),
        }
    )
    frames = [crm]
    notes: list[dict[str, object]] = []
    if universe is not None and len(universe):
        frames.append(_universe_records(universe, notes))
    records = pd.concat(frames, ignore_index=True)
    return _drop_duplicate_records(records, notes), notes


def _universe_records(
    universe: pd.DataFrame, notes: list[dict[str, object]]
) -> pd.DataFrame:
    source = universe.get("source", pd.Series(pd.NA, index=universe.index))
    source = source.astype("string")
    missing = int(source.isna().sum())
    if missing:
        notes.append(
            finding(
                "universe",
                "source_missing",
                "info",
                missing,
                f"source set to {UNIVERSE_SOURCE!r}",
            )
        )
    return pd.DataFrame(
        {
            "record_table": "universe",
            "record_id": universe["company_id"].astype("string"),
            "source": source.fillna(UNIVERSE_SOURCE),
            "name": universe["name"],
            "domain": universe.get("domain", pd.Series(pd.NA, index=universe.index)),
            **_optional(universe, MATCH_EXTRAS),
        }
    )


def _optional(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, pd.Series]:
    """The named columns of `frame`, missing ones as nulls."""
    missing = pd.Series(pd.NA, index=frame.index, dtype="object")
    return {c: frame.get(c, missing) for c in columns}


def _drop_duplicate_records(
    records: pd.DataFrame, notes: list[dict[str, object]]
) -> pd.DataFrame:
    duplicated = records.duplicated(["record_table", "source", "record_id"])
    if duplicated.any():
        example = str(records.loc[duplicated, "record_id"].iloc[0])
        notes.append(
            finding(
                "universe",
                "duplicate_record_id",
                "warning",
                int(duplicated.sum()),
                "repeated rows kept once",
                example,
            )
        )
        records = records.loc[~duplicated].reset_index(drop=True)
    records["name_key"] = name_key(normalise_name(records["name"]))
    records["domain_key"] = normalise_domain(records["domain"])
    return records


def _name_guard(records: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which records may join by name, and which name keys are conflicted.

    Two CRM accounts with different non-null domains are different companies even
    when their names agree: in such a name group CRM accounts do not join by name
    (universe records of the group still join each other).
    """
    is_crm = records["source"] == CRM_SOURCE
    crm = records.loc[is_crm & records["name_key"].notna()]
    distinct = crm.groupby("name_key")["domain_key"].nunique()
    conflicted = distinct.index[distinct > 1]
    in_conflict = records["name_key"].isin(conflicted)
    active = records["name_key"].notna() & ~(is_crm & in_conflict)
    return active, pd.Series(conflicted)


def _match_reasons(
    domain_keys: pd.Series, name_keys: pd.Series, labels: np.ndarray
) -> pd.Series:
    """ "domain", "name", "domain+name" by which key the record shares with another
    record of its entity (`labels`), else "self"."""
    keys = pd.DataFrame({"label": labels, "domain": domain_keys, "name": name_keys})
    by_domain = domain_keys.notna() & keys.duplicated(["label", "domain"], keep=False)
    by_name = name_keys.notna() & keys.duplicated(["label", "name"], keep=False)
    reason = np.select(
        [by_domain & by_name, by_domain, by_name],
        ["domain+name", "domain", "name"],
        default="self",
    )
    return pd.Series(reason, index=domain_keys.index, dtype="string")


def _entity_ids(records: pd.DataFrame, labels: np.ndarray) -> pd.Series:
    """Stable id: a hash of the entity's smallest record key, CRM records first."""
    rank = np.where(records["source"] == CRM_SOURCE, "0", "1")
    parts = records[["source", "record_id"]].astype(str)
    keys = pd.Series(rank, index=records.index, dtype=str).str.cat(parts, sep=":")
    smallest = keys.groupby(labels).transform("min")
    ids = {
        k: "E" + hashlib.sha1(k.encode()).hexdigest()[:12] for k in smallest.unique()
    }
    return smallest.map(ids).astype("string")


def _resolution_findings(
    records: pd.DataFrame, domain_active: pd.Series, conflicts: pd.Series
) -> list[dict[str, object]]:
    notes = []
    no_key = records["name_key"].isna() & ~domain_active
    if no_key.any():
        notes.append(
            finding(
                "entities",
                "no_match_key",
                "info",
                int(no_key.sum()),
                "no usable name or domain; kept as its own entity",
                str(records.loc[no_key, "record_id"].iloc[0]),
            )
        )
    generic = records["domain_key"].notna() & ~domain_active
    if generic.any():
        notes.append(
            finding(
                "entities",
                "generic_domain",
                "info",
                int(generic.sum()),
                "shared mail/hosting domain not used for matching",
                str(records.loc[generic, "domain_key"].iloc[0]),
            )
        )
    if len(conflicts):
        notes.append(
            finding(
                "accounts",
                "name_conflict_crm_domains",
                "warning",
                len(conflicts),
                "CRM accounts share a name but have "
                "different domains: not merged by name",
                str(conflicts.iloc[0]),
            )
        )
    crm_merged = _crm_merges(records)
    if crm_merged:
        notes.append(
            finding(
                "accounts",
                "duplicate_accounts_merged",
                "warning",
                crm_merged,
                "entities holding more than one CRM account",
            )
        )
    return notes


def _crm_merges(records: pd.DataFrame) -> int:
    crm = records.loc[records["source"] == CRM_SOURCE]
    sizes = crm.groupby("entity_id").size()
    return int((sizes > 1).sum())
