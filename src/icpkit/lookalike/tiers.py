"""Fit tiers from fit scores (DEFINITIONS.md section 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

LOWEST_TIER = "D"


def fit_tier(scores: pd.Series, thresholds: dict[str, float]) -> pd.Series:
    """Highest tier whose threshold the score reaches (default A >= 80, B >= 60,
    C >= 40), else "D". DEFINITIONS.md section 5."""
    ordered = sorted(thresholds.items(), key=lambda item: item[1], reverse=True)
    values = scores.to_numpy(dtype=float)
    tiers = np.select(
        [values >= threshold for _, threshold in ordered],
        [tier for tier, _ in ordered],
        default=LOWEST_TIER,
    )
    return pd.Series(tiers, index=scores.index, dtype="string")
