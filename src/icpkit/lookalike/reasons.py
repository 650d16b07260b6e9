"""Reasons in words: the firmographics pushing a fit score up or down."""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_REASONS = 3


def score_points(contrib: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Log-odds contributions in fit-score points, approximately.

    The score is 100 x p; near p a log-odds step d moves it by about 100 p (1-p) d.
    """
    slope = 100.0 * probability * (1.0 - probability)
    return np.asarray(contrib * slope[:, None])


def group_points(points: np.ndarray, groups: list[str]) -> pd.DataFrame:
    """Sum the matrix columns of each firmographic (one-hot levels, missing flags)."""
    frame = pd.DataFrame(points, columns=pd.Index(groups))
    return frame.T.groupby(level=0, sort=False).sum().T


def reason_text(points: pd.DataFrame, values: pd.DataFrame) -> pd.Series:
    """'industry: software, +18; employees: 1,200, -5' for each row."""
    matrix = points.to_numpy(dtype=float)
    shown = values[list(points.columns)].to_numpy(dtype=object)
    order = np.argsort(-np.abs(matrix), axis=1, kind="stable")[:, :TOP_REASONS]
    names = list(points.columns)
    texts = []
    for row, top in enumerate(order):
        parts = []
        for column in top:
            value = round(matrix[row, column])
            if value != 0:
                text = _shown(shown[row, column])
                parts.append(f"{names[column]}: {text}, {value:+d}")
        texts.append("; ".join(parts))
    return pd.Series(texts, index=values.index, dtype="string")


def _shown(value: object) -> str:
    if value is pd.NA or value is None:
        return "unknown"
    if isinstance(value, float | int | np.floating | np.integer):
        return f"{value:,.0f}"
    return str(value)
