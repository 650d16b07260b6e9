"""The first lines of the report: the ICP finding and one sentence behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from icpkit.lookalike.positives import TIER_A_RULE
from icpkit.report.formatting import as_text
from icpkit.report.inputs import ReportInputs

NO_STATEMENT = "The ICP was not computed: the run gave no ICP statement."
LISTED = 5


def icp_headline(inputs: ReportInputs) -> str:
    """The ICP statement the segments stage wrote (DEFINITIONS.md section 4), as
    given; a plain "not computed" sentence when it is blank."""
    statement = (inputs.icp_statement or "").strip()
    return statement or NO_STATEMENT


def icp_summary(segments: pd.DataFrame | None) -> str:
    """One sentence under the headline: which segments are tier A, out of how many
    compared (DEFINITIONS.md section 4), or why none is."""
    if segments is None or segments.empty or "dimensions" not in segments.columns:
        return "The segment table was not computed, so no segment can be named."
    compared = segments[segments["dimensions"] != "all"]
    if "tier" not in compared.columns:
        return f"{len(compared):,} segments were compared; none was given a tier."
    tier_a = compared[compared["tier"] == "A"]
    if tier_a.empty:
        return (
            f"None of the {len(compared):,} segments compared is tier A (score of at "
            "least 1.10, enough accounts and a metric significantly better after "
            "correction for multiple comparisons)."
        )
    return (
        f"{len(tier_a):,} of the {len(compared):,} segments compared are tier A: "
        f"{_listing(tier_a)}."
    )


def _listing(tier_a: pd.DataFrame) -> str:
    if "score" in tier_a.columns:
        tier_a = tier_a.sort_values("score", ascending=False, na_position="last")
    names = [
        f"{as_text(segment)} ({as_text(dimensions)})"
        for segment, dimensions in zip(
            tier_a["segment"], tier_a["dimensions"], strict=True
        )
    ]
    more = len(names) - LISTED
    shown = "; ".join(names[:LISTED])
    return shown + (f" and {more:,} more" if more > 0 else "")


def fit_basis(model_card: Mapping[str, Any]) -> str:
    """Under the headline where no segment is the ICP: what the fit tiers, and so
    the TAL tiers, the ICP accelerator and the "ICP" metrics, rest on instead."""
    rule = str(model_card.get("positives_rule") or "")
    if not rule or rule == TIER_A_RULE:
        return ""
    return (
        "With no ICP segment, fit tiers (and with them the TAL tiers, the ICP "
        "accelerator in commissions and the ICP split of the execution metrics) rest "
        f"on a look-alike of the {rule}, {model_card.get('positives', '?')} "
        "companies: read them as a ranking by resemblance to today's most valuable "
        "customers, not as a proven ICP."
    )
