"""The probabilistic pass applied to resolution records: links, reasons, probability."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.resolve.features import match_features
from icpkit.resolve.findings import finding
from icpkit.resolve.probabilistic import LINK_COLUMNS, probabilistic_links

log = logging.getLogger(__name__)


def probabilistic_edges(
    records: pd.DataFrame,
    settings: ResolveSettings,
    notes: list[dict[str, object]],
) -> pd.DataFrame:
    """LINK_COLUMNS of the probabilistic pass, strongest first (none for method
    "exact" or too few records)."""
    empty = pd.DataFrame(columns=list(LINK_COLUMNS))
    if settings.method == "exact":
        return empty
    if len(records) < settings.min_records:
        notes.append(
            finding(
                "entities", "probabilistic_skipped", "info", len(records),
                f"fewer records than resolve.min_records = {settings.min_records}: "
                "exact keys only",
            )
        )  # fmt: skip
        return empty
    features = match_features(records)
    links = probabilistic_links(features, settings)
    links = without_location_conflicts(links, features, notes)
    return links.sort_values(
        ["match_probability", "left", "right"], ascending=[False, True, True]
    ).reset_index(drop=True)


def without_location_conflicts(
    links: pd.DataFrame, features: pd.DataFrame, notes: list[dict[str, object]]
) -> pd.DataFrame:
    """Drop links of similar (not equal) names whose records are in different
    states or countries and share no domain: on lists without duplicates the
    trained model otherwise joins "Yodle" (NY) and "Yodlee" (CA)."""
    left = features.iloc[links["left"].to_numpy(int)].reset_index(drop=True)
    right = features.iloc[links["right"].to_numpy(int)].reset_index(drop=True)

    def same(column: str) -> np.ndarray:
        return (left[column] == right[column]).fillna(False).to_numpy(bool)

    def differ(column: str) -> np.ndarray:
        known = left[column].notna().to_numpy(bool) & right[column].notna().to_numpy(
            bool
        )
        return known & ~same(column)

    conflict = (differ("state") | differ("country")) & ~same("domain_key")
    conflict &= ~same("name_key")
    if conflict.any():
        first = int(np.flatnonzero(conflict)[0])
        example = f"{left['name_key'][first]} / {right['name_key'][first]}"
        notes.append(
            finding(
                "entities", "probabilistic_location_conflict", "info",
                int(conflict.sum()),
                "similar names in different states or countries without a shared "
                "domain: left as separate companies", example,
            )
        )  # fmt: skip
    return links.loc[~conflict].reset_index(drop=True)


def link_columns(exact: pd.Series, links: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """match_reason and match_probability of each record.

    A record joined by an exact key keeps that reason with probability 1; else its
    strongest probabilistic link gives both; a record alone is "self" with null.
    """
    probability = pd.Series(np.where(exact == "self", np.nan, 1.0), index=exact.index)
    reason = exact.copy()
    if links.empty:
        return reason, probability.astype("Float64")
    ends = pd.concat(
        [
            links[["left", "match_probability", "match_reason"]].set_axis(
                ["record", "p", "why"], axis=1
            ),
            links[["right", "match_probability", "match_reason"]].set_axis(
                ["record", "p", "why"], axis=1
            ),
        ]
    )
    best = ends.sort_values("p", ascending=False).drop_duplicates("record")
    best = best.set_index("record")
    alone = (exact == "self") & exact.index.isin(best.index)
    chosen = exact.index[alone]
    reason.loc[chosen] = best.loc[chosen, "why"].astype(str).to_numpy()
    probability.loc[chosen] = best.loc[chosen, "p"].to_numpy(float)
    return reason, probability.astype("Float64")
