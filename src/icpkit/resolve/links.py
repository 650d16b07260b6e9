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
    links = probabilistic_links(match_features(records), settings)
    return links.sort_values(
        ["match_probability", "left", "right"], ascending=[False, True, True]
    ).reset_index(drop=True)


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
