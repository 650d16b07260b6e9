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


def constrained_merge(
    labels: np.ndarray, domains: pd.Series, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Merge the entities of linked records, strongest link first, except where
    both sides already hold a (different) domain.

    `labels` are entity labels of records, `domains` each record's usable domain or
    null, `left`/`right` record positions of links sorted by falling probability.
    Returns the new labels and a mask of the links used.
    """
    owner = pd.Series(domains.to_numpy(), index=labels).dropna()
    domain_of = owner.groupby(level=0).min().to_dict()
    parent = list(range(int(labels.max()) + 1 if len(labels) else 0))
    used = np.zeros(len(left), dtype=bool)
    for i, (a, b) in enumerate(zip(labels[left], labels[right], strict=True)):
        root_a, root_b = _root(parent, int(a)), _root(parent, int(b))
        if root_a == root_b:
            used[i] = True
            continue
        da, db = domain_of.get(root_a), domain_of.get(root_b)
        if da is not None and db is not None and da != db:
            continue
        parent[root_b] = root_a
        domain_of[root_a] = da if da is not None else db
        used[i] = True
    roots = np.array([_root(parent, int(x)) for x in range(len(parent))], dtype=int)
    return roots[labels], used


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node
