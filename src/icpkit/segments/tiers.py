"""ICP tiers of segments (DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from icpkit.config import SegmentsSettings

ObjectArray = npt.NDArray[np.object_]


def assign_tiers(
    score: npt.ArrayLike,
    accounts: npt.ArrayLike,
    significant_better: npt.ArrayLike,
    settings: SegmentsSettings,
) -> ObjectArray:
    """Tier A: score >= tier_a_score, accounts >= min_accounts and at least one
    metric significantly better after correction; tier B: score >= tier_b_score;
    tier C: the rest, including segments without a score (DEFINITIONS.md
    section 4)."""
    score_ = np.asarray(score, dtype=float)
    accounts_ = np.asarray(accounts, dtype=float)
    better = np.asarray(significant_better, dtype=bool)
    tier_a = (
        (score_ >= settings.tier_a_score)
        & (accounts_ >= settings.min_accounts)
        & better
    )
    tier_b = score_ >= settings.tier_b_score
    return np.asarray(np.where(tier_a, "A", np.where(tier_b, "B", "C")), dtype=object)
