"""What changed between two TAL versions, and why (DEFINITIONS.md section 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.tal.exclusions import EXCLUSIONS

CHANGES = ("added", "dropped", "retiered")
WHY = {
    "added": (
        "new_in_universe",
        "newly_matched",
        "score_rose",
        "sizing",
        "no_longer_excluded",
    ),
    "dropped": ("left_universe", "became_excluded", "merged", "score_fell", "sizing"),
    "retiered": ("fit_changed",),
}
DIFF_COLUMNS = (
    "change",
    "why",
    "detail",
    "entity_id",
    "account_id",
    "name",
    "domain",
    "old_status",
    "new_status",
    "old_fit_score",
    "new_fit_score",
    "old_fit_tier",
    "new_fit_tier",
    "reasons_changed",
)
_SIDE = ("status", "fit_score", "fit_tier", "reasons", "excluded_by")


def diff_versions(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Companies added to, dropped from and re-tiered on the list (DIFF_COLUMNS).

    Takes two versions as read_version returns them (rows with `included` and
    `excluded_by`) or two plain TAL frames (every row included). Rows left out of
    a version explain why a company entered or left; without them, a company
    that left the list but stayed in the data reads as left_universe.
    """
    before, after = _prepared(old), _prepared(new)
    on_before = pd.Index(before.index[before["included"]])
    on_after = pd.Index(after.index[after["included"]])
    both = on_before.intersection(on_after)
    tier_moved = before.loc[both, "fit_tier"].ne(after.loc[both, "fit_tier"])
    parts = [
        _added(before, after, on_after.difference(on_before)),
        _dropped(before, after, on_before.difference(on_after)),
        _retiered(before, after, both[tier_moved.fillna(True).to_numpy(dtype=bool)]),
    ]
    changed = [part for part in parts if len(part)]
    if not changed:
        return pd.DataFrame(columns=list(DIFF_COLUMNS))
    frame = pd.concat(changed, ignore_index=True).reindex(columns=list(DIFF_COLUMNS))
    order = frame["change"].map({c: i for i, c in enumerate(CHANGES)})
    return frame.assign(_order=order).sort_values(
        ["_order", "why", "entity_id"], ignore_index=True
    )[list(DIFF_COLUMNS)]


def summary(diff: pd.DataFrame) -> pd.DataFrame:
    """Counts of the diff by change and why, every combination listed."""
    pairs = [(change, why) for change in CHANGES for why in WHY[change]]
    counts = diff.groupby(["change", "why"]).size()
    rows = [(c, w, int(counts.get((c, w), 0))) for c, w in pairs]
    return pd.DataFrame(rows, columns=["change", "why", "companies"])


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if "included" not in out:
        out["included"] = True
    if "excluded_by" not in out:
        out["excluded_by"] = pd.NA
    out["included"] = out["included"].astype(bool)
    return out.set_index(out["entity_id"].astype(str))


def _base(before: pd.DataFrame, after: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Identity columns (new version first) and both sides' status, fit, reasons."""
    frame = pd.DataFrame({"entity_id": ids}, index=ids)
    for column in ("account_id", "name", "domain"):
        newer = after[column].reindex(ids) if column in after else None
        older = before[column].reindex(ids) if column in before else None
        if newer is None or older is None:
            frame[column] = newer if older is None else older
        else:
            frame[column] = newer.where(newer.notna(), older)
    for column in _SIDE:
        frame[f"old_{column}"] = _column(before, column, ids)
        frame[f"new_{column}"] = _column(after, column, ids)
    return frame


def _column(frame: pd.DataFrame, column: str, ids: pd.Index) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NA, index=ids, dtype="object")
    return frame[column].reindex(ids)


def _added(before: pd.DataFrame, after: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    frame = _base(before, after, ids).assign(change="added")
    was_there = ids.isin(before.index)
    why = pd.Series("new_in_universe", index=ids, dtype="object")
    owners = _owners(after, ids[~was_there], _record_owner(before))
    why[owners.index] = "newly_matched"
    frame.loc[owners.index, "detail"] = "its records were in " + owners
    left_by = frame["old_excluded_by"]
    excluded_before = was_there & left_by.isin(EXCLUSIONS).to_numpy(dtype=bool)
    rose = _new_score_above_old(frame)
    why[was_there] = "sizing"  # the cut moved or other companies left it
    why[was_there & rose] = "score_rose"
    why[excluded_before] = "no_longer_excluded"
    frame["why"] = why
    frame.loc[was_there, "detail"] = (
        "was left out by " + left_by[was_there].astype(str) + _scores(frame)[was_there]
    )
    return frame


def _dropped(before: pd.DataFrame, after: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    frame = _base(before, after, ids).assign(change="dropped")
    still_there = ids.isin(after.index)
    why = pd.Series("left_universe", index=ids, dtype="object")
    owners = _owners(before, ids[~still_there], _record_owner(after))
    why[owners.index] = "merged"
    frame.loc[owners.index, "detail"] = "merged into " + owners
    left_by = frame["new_excluded_by"]
    excluded_now = still_there & left_by.isin(EXCLUSIONS).to_numpy(dtype=bool)
    fell = _new_score_above_old(frame.rename(columns={
        "old_fit_score": "new_fit_score", "new_fit_score": "old_fit_score"
    }))  # fmt: skip
    why[still_there] = "sizing"  # the cut moved or other companies outranked it
    why[still_there & fell] = "score_fell"
    why[excluded_now] = "became_excluded"
    frame["why"] = why
    frame.loc[still_there, "detail"] = (
        "left out by " + left_by[still_there].astype(str) + _scores(frame)[still_there]
    )
    return frame


def _retiered(before: pd.DataFrame, after: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    frame = _base(before, after, ids).assign(change="retiered", why="fit_changed")
    frame["detail"] = (
        frame["old_fit_tier"].astype(str)
        + " -> "
        + frame["new_fit_tier"].astype(str)
        + _scores(frame)
    )
    frame["reasons_changed"] = [
        changed_reasons(old, new)
        for old, new in zip(frame["old_reasons"], frame["new_reasons"], strict=True)
    ]
    return frame


def changed_reasons(old: object, new: object) -> str:
    """The reasons (by feature) that differ: "industry: retail, -4 -> software, +18".

    Reasons read "feature: value, points; ..." (lookalike reasons).
    """
    before, after = _reason_items(old), _reason_items(new)
    features = list(dict.fromkeys([*after, *before]))
    changes = [
        f"{f}: {before.get(f, '(none)')} -> {after.get(f, '(none)')}"
        for f in features
        if before.get(f) != after.get(f)
    ]
    return "; ".join(changes)


def _reason_items(reasons: object) -> dict[str, str]:
    if not isinstance(reasons, str) or not reasons:
        return {}
    items = [item.split(":", 1) for item in reasons.split("; ")]
    return {i[0].strip(): i[1].strip() for i in items if len(i) == 2}


def _new_score_above_old(frame: pd.DataFrame) -> np.ndarray:
    old = pd.to_numeric(frame["old_fit_score"], errors="raise").astype("Float64")
    new = pd.to_numeric(frame["new_fit_score"], errors="raise").astype("Float64")
    return (new > old).fillna(False).to_numpy(dtype=bool)


def _scores(frame: pd.DataFrame) -> pd.Series:
    def shown(values: pd.Series) -> pd.Series:
        numbers = pd.to_numeric(values, errors="raise").astype("Float64")
        return numbers.round(1).astype("string").fillna("unknown")

    text = "; fit_score " + shown(frame["old_fit_score"])
    return (text + " -> " + shown(frame["new_fit_score"])).astype(object)


def _record_owner(frame: pd.DataFrame) -> pd.Series:
    """entity_id per input record ("crm:A1") named in the version's sources."""
    if "sources" not in frame:
        return pd.Series(dtype="object")
    records = frame["sources"].dropna().astype(str).str.split("; ").explode()
    owners = pd.Series(records.index, index=records.to_numpy())
    return owners[~owners.index.duplicated()]


def _owners(side: pd.DataFrame, ids: pd.Index, record_owner: pd.Series) -> pd.Series:
    """Per entity of `ids` (in `side`): the other version's entities holding any of
    its records, joined by ", "; entities sharing no record are absent."""
    if "sources" not in side or not len(ids) or record_owner.empty:
        return pd.Series(dtype="object")
    records = side.loc[ids, "sources"].dropna().astype(str).str.split("; ")
    owners = records.explode().map(record_owner).dropna()
    return owners.groupby(level=0).agg(lambda s: ", ".join(sorted(set(s))))
