"""Records from CRM and universe, joined into entities by domain and by name."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpkit.resolve.clusters import components, key_edges
from icpkit.resolve.domains import is_generic, normalise_domain
from icpkit.resolve.findings import finding, findings_frame
from icpkit.resolve.names import name_key, normalise_name

log = logging.getLogger(__name__)

ENTITY_COLUMNS = ("record_table", "record_id", "source", "entity_id", "match_reason")
CRM_SOURCE = "crm"
UNIVERSE_SOURCE = "universe"


@dataclass
class ResolveResult:
    """entities: ENTITY_COLUMNS plus name_key and domain_key (normalised keys).
    findings: data-quality findings (icpkit.schema.DATA_QUALITY_COLUMNS)."""

    entities: pd.DataFrame
    findings: pd.DataFrame


def resolve_with_findings(
    accounts: pd.DataFrame, universe: pd.DataFrame | None
) -> ResolveResult:
    """Join records sharing a normalised domain or name into entities."""
    started = time.perf_counter()
    records, notes = _records(accounts, universe)
    domain_active = records["domain_key"].notna() & ~is_generic(records["domain_key"])
    name_active, conflicts = _name_guard(records)

    domain_keys = records["domain_key"].where(domain_active)
    name_keys = records["name_key"].where(name_active)
    labels = components(len(records), [key_edges(domain_keys), key_edges(name_keys)])
    records["entity_id"] = _entity_ids(records, labels)
    records["match_reason"] = _match_reasons(domain_keys, name_keys)

    notes += _resolution_findings(records, domain_active, conflicts)
    log.info(
        "resolved %s records into %s entities in %.1f s",
        f"{len(records):,}",
        f"{records['entity_id'].nunique():,}",
        time.perf_counter() - started,
    )
    columns = [*ENTITY_COLUMNS, "name_key", "domain_key"]
    return ResolveResult(records[columns].reset_index(drop=True), findings_frame(notes))


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
        }
    )


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


def _match_reasons(domain_keys: pd.Series, name_keys: pd.Series) -> pd.Series:
    """ "domain", "name", "domain+name" by which key the record shares, else "self"."""
    by_domain = domain_keys.notna() & domain_keys.duplicated(keep=False)
    by_name = name_keys.notna() & name_keys.duplicated(keep=False)
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
