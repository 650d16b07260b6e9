"""Positive-unlabeled correction of the look-alike probability (Elkan & Noto 2008).

The classifier learns g(x) = P(s=1 | x): the probability that a row is a
*labelled* positive. The universe sample is unlabeled, not negative: some of it
are look-alikes that are not customers yet. If the labelled positives are a
random sample of all positives ("selected completely at random"), then
g(x) = c P(y=1 | x) with c = P(s=1 | y=1), the label frequency, so
P(y=1 | x) = g(x) / c. c is estimated as the mean of g over labelled positives
(Elkan-Noto estimator e1), on out-of-fold predictions so that no positive is
scored by a model that saw it.

Known negatives (CRM accounts that are not positives: other customers, lost
and open accounts) stay s=0 with weight 1, alongside the unlabeled sample. They
carry y=0, so they lower g where they sit and the identity g = c P(y=1|x)
still holds over the training population; they need no separate weight.
"""

from __future__ import annotations

import logging

import numpy as np

from icpkit.errors import StageError

log = logging.getLogger(__name__)

ESTIMATOR = (
    "Elkan-Noto e1: mean out-of-fold calibrated P(s=1|x) over labelled positives"
)
NO_CORRECTION = "none (positive_unlabeled = false)"


def label_frequency(labels: np.ndarray, predicted: np.ndarray) -> float:
    """c = mean of out-of-fold g(x) over the labelled positives (Elkan-Noto e1).

    DEFINITIONS.md section 5. Raises StageError where no positive has g > 0.
    """
    held_out = np.asarray(predicted, dtype=float)[np.asarray(labels) == 1]
    c = float(held_out.mean()) if len(held_out) else 0.0
    if not c > 0.0:
        raise StageError(
            "Positive-unlabeled correction: the label frequency c (mean predicted "
            f"probability over {len(held_out)} held-out positives) is {c}; expected "
            "> 0. Set lookalike.positive_unlabeled = false or add positives."
        )
    log.info("label frequency c = %.4f over %d held-out positives", c, len(held_out))
    return c


def corrected_probability(probability: np.ndarray, c: float) -> np.ndarray:
    """P(y=1 | x) = min(1, g(x) / c) (DEFINITIONS.md section 5); c = 1: g itself."""
    return np.asarray(np.minimum(1.0, np.asarray(probability, dtype=float) / c))
