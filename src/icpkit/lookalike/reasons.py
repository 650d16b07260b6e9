"""Reasons in words: the firmographics pushing a fit score up or down."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

TOP_REASONS = 3
SCALE = 100.0  # fit_score runs 0-100; points never add up to more than that
EDGE = 1e-6  # keeps logits finite at probabilities of 0 or 1


def score_points(
    contrib: np.ndarray,
    scores: np.ndarray,
    base: float,
    label_frequency: float = 1.0,
) -> np.ndarray:
    """Log-odds contributions as points of fit score (DEFINITIONS.md section 5).

    Each row's contributions c_i are scaled to sum to fit_score - base (the mean
    fit_score of the training rows): points_i = c_i / sum(c) x (fit_score - base).
    Where sum(c) is 0 or has the other sign than fit_score - base, or the scaled
    points would leave the 0-100 scale (contributions that nearly cancel), each
    c_i is converted by the mean derivative of the score between base and the
    row instead (secant_slope); those rows' points need not sum exactly.
    label_frequency: c of the positive-unlabeled correction (1: none); base is
    then the mean corrected training score.
    """
    total = contrib.sum(axis=1)
    gap = scores - base
    factor = gap / np.where(total == 0, 1.0, total)
    spread = np.abs(factor) * np.abs(contrib).sum(axis=1)
    exact = (total * gap > 0) & (spread <= SCALE)
    log.info(
        "reasons: %d of %d rows scaled to fit_score - base_fit_score (%.2f), "
        "%d converted by the secant slope",
        exact.sum(),
        len(exact),
        base,
        (~exact).sum(),
    )
    factor = np.where(exact, factor, secant_slope(scores, base, label_frequency))
    return np.asarray(contrib * factor[:, None])


def secant_slope(
    scores: np.ndarray, base: float, label_frequency: float = 1.0
) -> np.ndarray:
    """Score points per unit of log-odds between base and each row's fit_score.

    The log-odds are those of g = c x fit_score / 100, the uncorrected
    P(labelled positive) the explainer models (c = label_frequency, 1 without
    the positive-unlabeled correction): (fit_score - base) / (logit(g) -
    logit(g_base)); at fit_score = base, the derivative 100 / c x g (1 - g).
    Scores capped at 100 map to g = c, a lower bound: their slope is an upper one.
    """
    scale = SCALE / label_frequency
    probability = np.clip(np.asarray(scores, dtype=float) / scale, EDGE, 1 - EDGE)
    reference = float(np.clip(base / scale, EDGE, 1 - EDGE))
    gap = _logit(probability) - _logit(np.asarray(reference))
    derivative = scale * reference * (1.0 - reference)
    flat = np.abs(gap) < EDGE
    secant = scale * (probability - reference) / np.where(flat, 1.0, gap)
    return np.where(flat, derivative, secant)


def group_points(points: np.ndarray, groups: list[str]) -> pd.DataFrame:
    """Sum the matrix columns of each firmographic (one-hot levels, missing flags)."""
    frame = pd.DataFrame(points, columns=pd.Index(groups))
    return frame.T.groupby(level=0, sort=False).sum().T


def reason_text(points: pd.DataFrame, values: pd.DataFrame) -> pd.Series:
    """'industry: software, +18; employees: 1,200, -5; region: EMEA, -0.4': the
    TOP_REASONS firmographics with the largest absolute points, for every row."""
    matrix = points.to_numpy(dtype=float)
    shown = values[list(points.columns)].to_numpy(dtype=object)
    order = np.argsort(-np.abs(matrix), axis=1, kind="stable")[:, :TOP_REASONS]
    names = list(points.columns)
    texts = [
        "; ".join(
            f"{names[column]}: {_shown(shown[row, column])}, "
            f"{_signed(matrix[row, column])}"
            for column in top
        )
        for row, top in enumerate(order)
    ]
    return pd.Series(texts, index=values.index, dtype="string")


def _signed(points: float) -> str:
    """Whole points from 1 up, one decimal below: '+18', '-3', '-0.4', '+0.0'."""
    if abs(points) >= 0.95:
        return f"{round(points):+d}"
    return f"{(points if abs(points) >= 0.05 else 0.0):+.1f}"


def _logit(probability: np.ndarray) -> np.ndarray:
    return np.asarray(np.log(probability) - np.log1p(-probability))


def _shown(value: object) -> str:
    if value is pd.NA or value is None or (isinstance(value, float) and value != value):
        return "unknown"
    if isinstance(value, float | int | np.floating | np.integer):
        return f"{value:,.0f}"
    return str(value)
