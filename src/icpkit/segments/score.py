"""Segment indices and the segment score (DEFINITIONS.md section 4)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from icpkit.errors import ConfigError

FloatArray = npt.NDArray[np.float64]
SCORED_METRICS = ("win_rate", "median_cycle_days", "mean_won_amount", "nrr_12m", "clv")
# For these, less is better: the index is overall / segment.
LOWER_IS_BETTER = frozenset({"median_cycle_days"})


def check_weights(weights: Mapping[str, float]) -> None:
    """Raise ConfigError on a weight for an unknown metric or a negative weight."""
    unknown = sorted(set(weights) - set(SCORED_METRICS))
    negative = sorted(name for name, w in weights.items() if w < 0)
    if unknown or negative:
        raise ConfigError(
            f"segments.weights: unknown metric(s) {unknown} or negative weight(s) "
            f"{negative}; allowed metrics are {list(SCORED_METRICS)}, weights >= 0"
        )


def metric_index(shrunk: npt.ArrayLike, overall: float, metric: str) -> FloatArray:
    """shrunk / overall, or overall / shrunk for metrics where less is better
    (cycle days) (DEFINITIONS.md section 4). NaN where either value is missing or
    the denominator is 0."""
    value = np.asarray(shrunk, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        index = overall / value if metric in LOWER_IS_BETTER else value / overall
    index[~np.isfinite(index)] = np.nan
    return np.asarray(index, dtype=float)


def segment_score(indices: pd.DataFrame, weights: Mapping[str, float]) -> FloatArray:
    """Weighted geometric mean of the available indices, exp(sum w ln i / sum w),
    each row over the metrics it has, weights renormalised (DEFINITIONS.md
    section 4). An index of 0 gives a score of 0; NaN where no index is present.
    `indices` has one column per metric name."""
    names = [name for name in indices.columns if weights.get(name, 0.0) > 0]
    values = indices[names].to_numpy(dtype=float)
    w = np.array([weights[name] for name in names], dtype=float)
    present = ~np.isnan(values)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(present, np.log(np.where(present, values, 1.0)), 0.0)
        total_weight = (present * w).sum(axis=1)
        score = np.exp((logs * w).sum(axis=1) / total_weight)
    score[total_weight == 0] = np.nan
    return np.asarray(score, dtype=float)
