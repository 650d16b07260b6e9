"""Account families: a CRM account's parent_account_id links it to its parent.

A parent and its descendants are different companies even when their names or
domains agree ("Acme" and "Acme UK Ltd"): they are never merged into one entity,
and each entity holding a child account points to its parent's entity
(parent_entity_id).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpkit.resolve.clusters import components, key_edges
from icpkit.resolve.findings import finding

log = logging.getLogger(__name__)

PARENT_COLUMN = "parent_account_id"
Notes = list[dict[str, object]]
# Rank of records without a family when choosing whom a shared key joins to:
# after every family member, CRM accounts before universe companies.
_OUTSIDER = 1_000_000


@dataclass(frozen=True)
class Families:
    """parent: the position of each record's parent record (-1: none).
    apart: pairs of positions (ancestor, descendant) never to be merged."""

    parent: np.ndarray
    apart: np.ndarray

    @property
    def empty(self) -> bool:
        return len(self.apart) == 0


def find_families(records: pd.DataFrame, notes: Notes) -> Families:
    """The family of each CRM record from its parent_account_id.

    The reference is matched to an account_id first, then to exactly one
    account's name as written (report exports give the parent's name), then to
    exactly one account's name_key. References to no account, and accounts named
    their own parent, are findings; the link is then ignored.
    """
    size = len(records)
    parent = np.full(size, -1, dtype=np.int64)
    if PARENT_COLUMN not in records or not records[PARENT_COLUMN].notna().any():
        return Families(parent, np.empty((0, 2), dtype=np.int64))
    wanted = records[PARENT_COLUMN].astype("string").str.strip()
    is_crm = (records["record_table"] == "accounts").to_numpy(dtype=bool)
    wanted = wanted.where(is_crm & wanted.notna() & (wanted != ""))
    found = _parent_positions(records, wanted, is_crm)
    position = np.arange(size)
    own = found == position
    unknown = wanted.notna().to_numpy(dtype=bool) & (found < 0)
    _note_bad_links(records, wanted, own, unknown, notes)
    parent = np.where(own, -1, found)
    return Families(parent, _apart_pairs(parent))


def family_components(
    keys: list[pd.Series], families: Families, rank: np.ndarray, notes: Notes
) -> np.ndarray:
    """Entity labels of records joined by sharing a key (each of `keys`, in
    order of strength), never putting an ancestor and its descendant together.

    Components holding no such pair are the plain connected components. In the
    others, each key joins its records to the holder of lowest `rank` (the
    family's top account first), and a join that would bring a family apart
    pair together is refused.
    """
    size = len(families.parent)
    labels = components(size, [key_edges(k) for k in keys])
    clash = labels[families.apart[:, 0]] == labels[families.apart[:, 1]]
    if not clash.any():
        return labels
    notes.append(
        finding(
            "accounts", "family_kept_apart", "info", int(clash.sum()),
            "parent and child accounts share a name or domain: kept as "
            "separate entities",
        )
    )  # fmt: skip
    involved = np.isin(labels, np.unique(labels[families.apart[clash, 0]]))
    edges = [_star_edges(k, rank, involved) for k in keys]
    apart = _Apart(size, families.apart)
    for left, right in edges:
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            apart.join(a, b)
    roots = np.array([apart.root(int(i)) for i in np.flatnonzero(involved)])
    labels = labels.copy()
    labels[involved] = labels.max() + 1 + pd.factorize(roots)[0]
    return labels


def links_kept_apart(
    labels: np.ndarray, left: np.ndarray, right: np.ndarray, families: Families
) -> np.ndarray:
    """Mask of the links (record positions, strongest first) that may merge
    their entities: a link whose merge would, with the links kept before it,
    bring an ancestor and a descendant into one entity is refused."""
    keep = np.ones(len(left), dtype=bool)
    if families.empty or not len(left):
        return keep
    pairs = labels[families.apart]
    apart = _Apart(int(labels.max()) + 1, pairs)
    for i, (a, b) in enumerate(zip(labels[left], labels[right], strict=True)):
        keep[i] = apart.join(int(a), int(b))
    return keep


def family_rank(records: pd.DataFrame, families: Families) -> np.ndarray:
    """Depth in its family for a family member (top account 0), else a rank
    after every family member: CRM accounts, then universe companies."""
    in_family = np.zeros(len(records), dtype=bool)
    in_family[families.apart.ravel()] = True
    # Each (ancestor, descendant) pair adds one to the descendant's depth.
    depth = np.bincount(families.apart[:, 1], minlength=len(records))
    outsider = _OUTSIDER + (records["record_table"] != "accounts").to_numpy(int)
    return np.where(in_family, np.minimum(depth, _OUTSIDER - 1), outsider)


def parent_entities(
    entity_ids: pd.Series, families: Families, notes: Notes
) -> pd.Series:
    """parent_entity_id of each record: the entity of the parent of the entity's
    CRM accounts (the most named, then the smallest id); null for entities with
    no parent account."""
    child = np.flatnonzero(families.parent >= 0)
    links = pd.DataFrame(
        {
            "entity_id": entity_ids.to_numpy()[child],
            "parent": entity_ids.to_numpy()[families.parent[child]],
        }
    )
    links = links.loc[links["entity_id"] != links["parent"]]
    counts = links.value_counts().rename("n").reset_index()
    counts = counts.sort_values(
        ["entity_id", "n", "parent"], ascending=[True, False, True]
    )
    chosen = counts.drop_duplicates("entity_id").set_index("entity_id")["parent"]
    several = counts["entity_id"].duplicated()
    if several.any():
        notes.append(
            finding(
                "accounts", "several_parent_entities", "warning",
                int(counts.loc[several, "entity_id"].nunique()),
                "entities whose accounts name different parents: the most "
                "named parent kept",
                str(counts.loc[several, "entity_id"].iloc[0]),
            )
        )  # fmt: skip
    parents = entity_ids.map(chosen)
    return pd.Series(parents.to_numpy(), index=entity_ids.index, dtype="string")


def _parent_positions(
    records: pd.DataFrame, wanted: pd.Series, is_crm: np.ndarray
) -> np.ndarray:
    """Position of the record each reference names (-1: none)."""
    crm = pd.Series(np.flatnonzero(is_crm), dtype=np.int64)
    found = pd.Series(-1, index=records.index, dtype=np.int64)
    lookups = (
        records["record_id"].astype("string"),
        records["name"].astype("string").str.strip().str.casefold(),
        records["name_key"],
    )
    references = (wanted, wanted.str.casefold(), _key_of(wanted))
    for values, reference in zip(lookups, references, strict=True):
        index = _unique_index(values.iloc[crm.to_numpy()], crm)
        open_ = (found < 0) & reference.notna()
        hit = reference[open_].map(index)
        found.loc[hit.index] = hit.fillna(-1).astype(np.int64)
    return found.to_numpy()


def _unique_index(values: pd.Series, positions: pd.Series) -> pd.Series:
    """value -> position, for values held by exactly one record."""
    frame = pd.DataFrame({"value": values.to_numpy(), "position": positions})
    frame = frame.dropna().drop_duplicates("value", keep=False)
    return frame.set_index("value")["position"]


def _key_of(names: pd.Series) -> pd.Series:
    from icpkit.resolve.names import name_key, normalise_name

    return name_key(normalise_name(names))


def _apart_pairs(parent: np.ndarray) -> np.ndarray:
    """(ancestor, descendant) pairs; a cycle stops at the first repeat."""
    pairs: list[tuple[int, int]] = []
    for child in np.flatnonzero(parent >= 0).tolist():
        seen = {child}
        above = int(parent[child])
        while above >= 0 and above not in seen:
            pairs.append((above, child))
            seen.add(above)
            above = int(parent[above])
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _star_edges(
    keys: pd.Series, rank: np.ndarray, involved: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Edges from the lowest-ranked holder of each key to its other holders,
    among the involved records."""
    frame = pd.DataFrame(
        {"key": keys.to_numpy(), "rank": rank, "position": np.arange(len(keys))}
    )
    frame = frame.loc[involved & keys.notna().to_numpy(dtype=bool)]
    frame = frame.sort_values(["key", "rank", "position"])
    centre = frame.groupby("key", sort=False)["position"].transform("first")
    others = frame["position"] != centre
    return centre[others].to_numpy(), frame.loc[others, "position"].to_numpy()


def _note_bad_links(
    records: pd.DataFrame,
    wanted: pd.Series,
    own: np.ndarray,
    unknown: np.ndarray,
    notes: Notes,
) -> None:
    for mask, check, detail in (
        (unknown, "parent_account_unknown",
         "parent_account_id names no account (by id, name or normalised name): "
         "link ignored"),
        (own, "parent_account_self", "account named as its own parent: ignored"),
    ):  # fmt: skip
        if mask.any():
            example = f"{records['record_id'].iloc[np.argmax(mask)]} -> "
            example += str(wanted.iloc[int(np.argmax(mask))])
            notes.append(
                finding("accounts", check, "warning", int(mask.sum()), detail, example)
            )


class _Apart:
    """Union-find whose join refuses to bring an `apart` pair into one set."""

    def __init__(self, size: int, apart: np.ndarray) -> None:
        self.parent = list(range(size))
        self.members: dict[int, set[int]] = {}
        self.banned: dict[int, set[int]] = {}
        for a, b in apart.tolist():
            self.members.setdefault(a, {a})
            self.members.setdefault(b, {b})
            self.banned.setdefault(a, set()).add(b)
            self.banned.setdefault(b, set()).add(a)

    def root(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; False (nothing merged) when refused."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        members_b = self.members.get(rb, set())
        if self.banned.get(ra, set()) & members_b:
            return False
        if len(members_b) > len(self.members.get(ra, set())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        for table in (self.members, self.banned):
            if rb in table:
                table.setdefault(ra, set()).update(table.pop(rb))
        return True
