"""The sentence the report opens with: the ICP, or that there is none
(DEFINITIONS.md section 4)."""

from __future__ import annotations

import math

import pandas as pd

from icpkit.segments.accounts import DIMENSIONS
from icpkit.segments.table import ALL
from icpkit.segments.win_rate import wilson_interval


def icp_statement(segments: pd.DataFrame, tests_run: int, fdr: float) -> str:
    """Name the tier A segments with their key figures, or say plainly that the data
    does not single out an ICP, and why (DEFINITIONS.md section 4)."""
    overall = segments[segments["dimensions"] == ALL].iloc[0]
    tier_a = segments[segments["tier"] == "A"]
    correction = (
        f"after Benjamini-Hochberg correction (false discovery rate "
        f"{fdr:.0%}) for the {tests_run} tests run"
    )
    if tier_a.empty:
        better = int(segments["significant_better"].fillna(False).astype(bool).sum())
        if better == 0:
            return (
                "The data does not single out an ICP: no segment is significantly "
                f"better than the rest on any metric {correction}."
            )
        flagged = segments[segments["significant_better"].fillna(False).astype(bool)]
        verb = "segments are" if better > 1 else "segment is"
        return (
            f"The data does not single out an ICP: {better} {verb} significantly "
            f"better on some metric {correction} ({_named(flagged)}), but none also "
            "reaches the tier A score and account count."
        )
    leaves, parents = _split_nested(tier_a)
    described = "; ".join(_describe(row, overall) for _, row in leaves.iterrows())
    plural = "segments" if len(leaves) > 1 else "segment"
    text = f"The ICP is {len(leaves)} {plural} ({correction}): {described}."
    notes = [_describe_parent(row, leaves, overall) for _, row in parents.iterrows()]
    return " ".join([text, *notes])


def _split_nested(tier_a: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tier A segments that contain no other tier A segment (the ICP), and those
    that do (e.g. industry=software around industry=software|size_band=200-999):
    a parent may reach tier A only through the segment inside it."""
    is_parent = [
        any(_contains(row, other) for _, other in tier_a.iterrows())
        for _, row in tier_a.iterrows()
    ]
    mask = pd.Series(is_parent, index=tier_a.index, dtype=bool)
    return tier_a[~mask], tier_a[mask]


def _contains(parent: pd.Series, child: pd.Series) -> bool:
    """True when `child` is `parent` narrowed by at least one more dimension."""
    fixed = [d for d in DIMENSIONS if _is_set(parent.get(d))]
    narrower = [d for d in DIMENSIONS if _is_set(child.get(d))]
    return (
        len(narrower) > len(fixed)
        and set(fixed) <= set(narrower)
        and all(parent[d] == child[d] for d in fixed)
    )


def _describe_parent(
    parent: pd.Series, leaves: pd.DataFrame, overall: pd.Series
) -> str:
    """The parent's win rate without the tier A segments inside it: whether it is
    better on its own or only through them."""
    inside = leaves[[_contains(parent, leaf) for _, leaf in leaves.iterrows()]]
    names = " and ".join(inside["segment"].astype(str))
    closed = float(parent["closed_opps"]) - float(inside["closed_opps"].sum())
    won = float(parent["won"]) - float(inside["won"].sum())
    head = f"{parent['segment']} is also tier A, but it contains {names}"
    if closed <= 0:
        return f"{head}, and has no closed opportunities outside it."
    low, high = wilson_interval([won], [closed])
    return (
        f"{head}; without it, its win rate is {won / closed:.0%} "
        f"(95% CI {low[0]:.0%}-{high[0]:.0%}) vs {overall['win_rate']:.0%} overall."
    )


def _is_set(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _describe(row: pd.Series, overall: pd.Series) -> str:
    parts = [f"{row['segment']} ({int(row['accounts'])} accounts"]
    if _present(row.get("win_rate")):
        parts.append(
            f", win rate {row['win_rate']:.0%} (95% CI {row['win_rate_lo']:.0%}-"
            f"{row['win_rate_hi']:.0%}) vs {overall['win_rate']:.0%} overall"
        )
    if _present(row.get("nrr_12m")):
        parts.append(f", NRR {row['nrr_12m']:.0%} vs {overall['nrr_12m']:.0%}")
    parts.append(f"; better on {metric_words(row['better_on'])})")
    return "".join(parts)


METRIC_WORDS = {
    "win_rate": "win rate", "median_cycle_days": "sales cycle",
    "mean_won_amount": "deal size", "nrr_12m": "NRR",
}  # fmt: skip
NAMED = 3


def metric_words(better_on: object) -> str:
    """'win_rate,nrr_12m' -> 'win rate and NRR'."""
    names = [n.strip() for n in str(better_on or "").split(",") if n.strip()]
    words = [METRIC_WORDS.get(name, name) for name in names]
    return " and ".join(words) if len(words) < 3 else ", ".join(words)


def _named(flagged: pd.DataFrame) -> str:
    """The first few significantly better segments with what they are better on."""
    shown = [
        f"{row['segment']}, {int(row['accounts'])} accounts, better on "
        f"{metric_words(row.get('better_on'))}"
        for _, row in flagged.head(NAMED).iterrows()
    ]
    more = len(flagged) - NAMED
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _present(value: object) -> bool:
    return isinstance(value, (int, float)) and not math.isnan(float(value))
