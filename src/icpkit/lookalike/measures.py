"""Ranking measures of a backtest with bootstrap intervals (DEFINITIONS 5)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.stats import rankdata

MEASURE_COLUMNS = ("measure", "value", "lo", "hi", "n", "positives")
DECILE_COLUMNS = ("decile", "companies", "converted", "rate", "lift")
DECILES = 10

Measure = Callable[[np.ndarray, np.ndarray], float]


def auc(scores: np.ndarray, converted: np.ndarray) -> float:
    """Area under the ROC curve by ranks (Mann-Whitney U / (n1 n0)), ties halved."""
    positives = int(converted.sum())
    negatives = len(converted) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = rankdata(scores)
    u = ranks[converted].sum() - positives * (positives + 1) / 2.0
    return float(u / (positives * negatives))


def top_rows(scores: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` highest scores (ties broken by position)."""
    order = np.argsort(-scores, kind="stable")
    return order[:count]


def lift_at(scores: np.ndarray, converted: np.ndarray, count: int) -> float:
    """Conversion rate among the top `count` / overall conversion rate."""
    overall = converted.mean()
    if count <= 0 or overall == 0:
        return float("nan")
    return float(converted[top_rows(scores, count)].mean() / overall)


def precision_at(scores: np.ndarray, converted: np.ndarray, count: int) -> float:
    """Share converted among the top `count` scores."""
    if count <= 0:
        return float("nan")
    return float(converted[top_rows(scores, count)].mean())


def measures(
    scores: np.ndarray,
    converted: np.ndarray,
    tal_size: int,
    rounds: int,
    seed: int,
) -> pd.DataFrame:
    """auc, top_decile_lift and precision_at_tal_size (top `tal_size`), each with a
    percentile bootstrap 95 % interval over companies (`rounds` resamples)."""
    top = int(np.ceil(len(scores) / DECILES))
    named: dict[str, Measure] = {
        "auc": auc,
        "top_decile_lift": lambda s, y: lift_at(s, y, top),
        "precision_at_tal_size": lambda s, y: precision_at(s, y, tal_size),
    }
    rng = np.random.default_rng(seed)
    samples = [rng.integers(0, len(scores), len(scores)) for _ in range(rounds)]
    rows = []
    for name, measure in named.items():
        values = np.array([measure(scores[i], converted[i]) for i in samples])
        lo, hi = _interval(values)
        value = measure(scores, converted)
        rows.append((name, value, lo, hi, len(scores), int(converted.sum())))
    return pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))


def decile_table(scores: np.ndarray, converted: np.ndarray) -> pd.DataFrame:
    """Deciles by score (1 = highest): companies, converted, rate, lift (rate /
    overall rate)."""
    order = np.argsort(-scores, kind="stable")
    decile = np.empty(len(scores), dtype=int)
    decile[order] = np.arange(len(scores)) * DECILES // max(len(scores), 1) + 1
    frame = pd.DataFrame({"decile": decile, "converted": converted.astype(int)})
    table = frame.groupby("decile").agg(
        companies=("converted", "size"), converted=("converted", "sum")
    )
    table["rate"] = table["converted"] / table["companies"]
    overall = converted.mean()
    table["lift"] = table["rate"] / overall if overall > 0 else np.nan
    return table.reset_index()[list(DECILE_COLUMNS)]


def _interval(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if not len(finite):
        return float("nan"), float("nan")
    lo, hi = np.percentile(finite, [2.5, 97.5])
    return float(lo), float(hi)
