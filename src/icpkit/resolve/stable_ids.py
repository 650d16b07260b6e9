"""Entity ids kept across runs: a new entity inherits the id of the previous entity
it mostly continues."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

CHANGE_COLUMNS = ("change", "entity_id", "previous_entity_id", "records")
KEY = ["record_table", "record_id"]


def carry_ids(
    records: pd.DataFrame, labels: np.ndarray, fresh: pd.Series, previous: pd.DataFrame
) -> tuple[pd.Series, pd.DataFrame]:
    """Entity id of each record and the CHANGE_COLUMNS of entities that split or
    merged since `previous` (the last run's entities: record_table, record_id,
    entity_id).

    Previous ids go to new entities greedily by shared records, largest overlap
    first, each id and each entity used once; entities left over get `fresh`.
    """
    old = records[KEY].merge(previous[[*KEY, "entity_id"]], on=KEY, how="left")
    overlap = pd.DataFrame({"label": labels, "old": old["entity_id"].to_numpy()})
    counts = overlap.dropna().groupby(["label", "old"]).size().rename("n").reset_index()
    counts = counts.sort_values(["n", "label", "old"], ascending=[False, True, True])
    ids = pd.Series(fresh.to_numpy(), index=labels).groupby(level=0).first()
    ids = _unclash(ids, _heirs(counts))
    entity = pd.Series(ids.reindex(labels).to_numpy(), index=records.index)
    return entity.astype("string"), _changes(counts, ids)


def _heirs(counts: pd.DataFrame) -> pd.Series:
    """label -> inherited previous id (counts sorted by falling overlap)."""
    labels: dict[object, object] = {}
    taken: set[object] = set()
    for label, old in zip(counts["label"], counts["old"], strict=True):
        if label not in labels and old not in taken:
            labels[label] = old
            taken.add(old)
    return pd.Series(labels, dtype=object)


def _unclash(fresh: pd.Series, kept: pd.Series) -> pd.Series:
    """Kept ids where inherited; fresh ids made unique against the kept ones."""
    taken = set(kept.to_numpy())
    ids: dict[object, str] = {}
    for label, value in fresh.items():
        if label in kept.index:
            ids[label] = str(kept.at[label])
        elif value in taken:
            ids[label] = "E" + hashlib.sha1(f"{value}:new".encode()).hexdigest()[:12]
        else:
            ids[label] = str(value)
    return pd.Series(ids, dtype=object)


def _changes(counts: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    counts = counts.assign(entity_id=ids.reindex(counts["label"]).to_numpy())
    split = counts.groupby("old")["label"].transform("nunique") > 1
    merged = counts.groupby("label")["old"].transform("nunique") > 1
    rows = pd.concat(
        [
            counts.loc[split].assign(change="split"),
            counts.loc[merged].assign(change="merged"),
        ]
    )
    rows = rows.rename(columns={"old": "previous_entity_id", "n": "records"})
    return rows[list(CHANGE_COLUMNS)].reset_index(drop=True)
