"""Reliability of the calibrated probabilities, from cross-validated predictions."""

from __future__ import annotations

import numpy as np
import pandas as pd

RELIABILITY_COLUMNS = ("bin", "mean_predicted", "observed_rate", "count")


def reliability_table(
    labels: np.ndarray, predicted: np.ndarray, bins: int = 10
) -> pd.DataFrame:
    """Equal-width probability bins: mean prediction vs observed positive rate."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(predicted, edges[1:-1]), 0, bins - 1)
    frame = pd.DataFrame({"bin": index, "predicted": predicted, "label": labels})
    table = frame.groupby("bin").agg(
        mean_predicted=("predicted", "mean"),
        observed_rate=("label", "mean"),
        count=("label", "size"),
    )
    labels_text = [f"{edges[i]:.1f}-{edges[i + 1]:.1f}" for i in table.index]
    table.index = pd.Index(labels_text, name="bin")
    return table.reset_index()[list(RELIABILITY_COLUMNS)]
