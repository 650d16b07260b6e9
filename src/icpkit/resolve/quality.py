"""Resolution quality against known truth: pairwise and B-cubed scores."""

from __future__ import annotations

import numpy as np
import pandas as pd


def pairwise_scores(truth: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Precision, recall and F1 over record pairs placed in one entity.

    A predicted pair is right when truth also puts both records in one entity:
    precision = right pairs / predicted pairs, recall = right pairs / true pairs.
    """
    frame = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy()})
    right = _pairs(frame.groupby(["t", "p"]).size())
    found, true = _pairs(frame.groupby("p").size()), _pairs(frame.groupby("t").size())
    return _scores(right / found if found else 1.0, right / true if true else 1.0)


def bcubed_scores(truth: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """B-cubed precision, recall and F1: per record, the share of its predicted
    entity that truly belongs with it (precision) and the share of its true entity
    that was predicted with it (recall), averaged over records."""
    frame = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy()})
    both = frame.groupby(["t", "p"])["t"].transform("size").to_numpy(float)
    by_p = frame.groupby("p")["p"].transform("size").to_numpy(float)
    by_t = frame.groupby("t")["t"].transform("size").to_numpy(float)
    return _scores(float(np.mean(both / by_p)), float(np.mean(both / by_t)))


def exact_cluster_rate(truth: pd.Series, predicted: pd.Series) -> float:
    """Share of true entities whose records form exactly one predicted entity."""
    frame = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy()})
    members = frame.groupby("t")["p"].agg(["nunique", "first", "size"])
    sizes = frame.groupby("p").size()
    exact = (members["nunique"] == 1) & (
        sizes.reindex(members["first"]).to_numpy() == members["size"].to_numpy()
    )
    return float(exact.mean())


def _pairs(sizes: pd.Series) -> int:
    counts = sizes.to_numpy(dtype=np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _scores(precision: float, recall: float) -> dict[str, float]:
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}
