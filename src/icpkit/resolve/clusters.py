"""Connected components of records joined by shared keys (union-find by scipy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def key_edges(keys: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Edges joining every record to the first record holding the same key.

    Null keys join nothing. Positions are 0..n-1 in the order of `keys`.
    """
    codes, _ = pd.factorize(keys, use_na_sentinel=True)
    position = np.arange(len(codes))
    keyed = codes >= 0
    first = pd.Series(position[keyed]).groupby(codes[keyed]).transform("min")
    return first.to_numpy(), position[keyed]


def components(size: int, edges: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Component label (0..k-1) of each of `size` nodes under the undirected edges."""
    rows = np.concatenate([np.asarray(a, dtype=np.int64) for a, _ in edges] + [[]])
    cols = np.concatenate([np.asarray(b, dtype=np.int64) for _, b in edges] + [[]])
    data = np.ones(len(rows), dtype=np.int8)
    graph = coo_matrix((data, (rows, cols)), shape=(size, size)).tocsr()
    _, labels = connected_components(graph, directed=False)
    return labels
