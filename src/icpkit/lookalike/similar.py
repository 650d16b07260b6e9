"""The existing customers most like a company, on standardized features."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

SIMILAR_COUNT = 3


class SimilarCustomers:
    """Nearest customers by Euclidean distance on standardized feature columns."""

    def __init__(self, count: int = SIMILAR_COUNT) -> None:
        self.count = count

    def fit(
        self,
        matrix: np.ndarray,
        customers: np.ndarray,
        names: pd.Series,
        ids: pd.Series,
    ) -> SimilarCustomers:
        """matrix: all training rows (for the scale); customers: boolean row mask."""
        self.scaler_ = StandardScaler().fit(matrix)
        self.names_ = names.loc[customers].astype(str).to_numpy()
        self.ids_ = ids.loc[customers].astype("string").to_numpy(dtype=object)
        neighbours = min(self.count + 1, int(customers.sum()))
        self.index_ = NearestNeighbors(n_neighbors=max(neighbours, 1))
        self.index_.fit(self.scaler_.transform(matrix[customers]))
        return self

    def similar(self, matrix: np.ndarray, account_ids: pd.Series) -> pd.Series:
        """'Name A; Name B; Name C' for each row, leaving out the row's own account."""
        if not len(self.names_):
            return pd.Series("", index=account_ids.index, dtype="string")
        _, found = self.index_.kneighbors(self.scaler_.transform(matrix))
        own = account_ids.astype(object).where(account_ids.notna(), None).to_numpy()
        texts = []
        for row, neighbours in enumerate(found):
            kept = [i for i in neighbours if self.ids_[i] != own[row]][: self.count]
            texts.append("; ".join(self.names_[kept]))
        return pd.Series(texts, index=account_ids.index, dtype="string")
