"""Scoring a universe in Arrow record batches: memory bounded by the batch size.

Only fit_score and fit_tier are computed here (DEFINITIONS 5); reasons and
similar customers cost far more and are for the TAL rows only: call
LookalikeModel.score on those.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from icpkit.lookalike.features import CATEGORICAL, MISSING, NUMERIC, UNKNOWN_BAND
from icpkit.lookalike.model import LookalikeModel, fit_scores
from icpkit.lookalike.tiers import LOWEST_TIER

log = logging.getLogger(__name__)

PREDICT_THREADS = 2


class BatchEncoder:
    """FeatureEncoder.transform on Arrow batches, in vectorised Arrow/numpy.

    Same matrix as the fitted FeatureEncoder: a value outside the fitted levels
    (an unseen industry, a country outside the top ones) gets no one-hot column;
    null is the level "missing"; employees below every band or null: "unknown".
    """

    def __init__(self, model: LookalikeModel) -> None:
        self.levels = model.encoder_.levels_
        bands = sorted(model.size_bands, key=lambda band: band.min_employees)
        self.band_minimums = np.array([band.min_employees for band in bands], float)
        band_labels = [band.label for band in bands] + [UNKNOWN_BAND]
        self.band_codes = _codes(band_labels, self.levels["size_band"])
        self.width = len(model.encoder_.columns_)

    def transform(self, batch: pa.RecordBatch) -> np.ndarray:
        matrix = np.zeros((batch.num_rows, self.width))
        offset = 0
        for name in CATEGORICAL:
            codes = self._categorical(batch, name)
            rows = np.flatnonzero(codes >= 0)
            matrix[rows, offset + codes[rows]] = 1.0
            offset += len(self.levels[name])
        for name in NUMERIC:
            number = _numbers(batch, name)
            missing = np.isnan(number)
            matrix[:, offset] = np.where(
                missing, 0.0, np.log1p(np.clip(number, 0, None))
            )
            matrix[:, offset + 1] = missing
            offset += 2
        return matrix

    def _categorical(self, batch: pa.RecordBatch, name: str) -> np.ndarray:
        """Index of each row's level in self.levels[name], -1 where none."""
        if name == "size_band":
            employees = _numbers(batch, "employees")
            band = np.searchsorted(self.band_minimums, employees, side="right") - 1
            band = np.where(np.isnan(employees) | (band < 0), len(self.band_minimums),
                            band)  # fmt: skip
            return np.asarray(self.band_codes[band])
        if name in batch.schema.names:
            values = pc.cast(batch.column(name), pa.string())
        else:
            values = pa.nulls(batch.num_rows, pa.string())
        values = pc.fill_null(values, MISSING)
        found = pc.index_in(values, value_set=pa.array(self.levels[name], pa.string()))
        return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False))


def score_batches(
    model: LookalikeModel, batches: Iterable[pa.RecordBatch]
) -> Iterator[pa.RecordBatch]:
    """Each input batch with fit_score (0-100, one decimal) and fit_tier appended,
    one batch at a time (DEFINITIONS.md section 5)."""
    encoder = BatchEncoder(model)
    _predict_threads(model, PREDICT_THREADS)
    tiers = sorted(model.settings.fit_tiers.items(), key=lambda item: -item[1])
    for batch in batches:
        scores = fit_scores(model._probability(encoder.transform(batch)))
        tier = np.select([scores >= limit for _, limit in tiers],
                         [name for name, _ in tiers], default=LOWEST_TIER)  # fmt: skip
        yield batch.append_column("fit_score", pa.array(scores)).append_column(
            "fit_tier", pa.array(tier, pa.string())
        )


def _predict_threads(model: LookalikeModel, threads: int) -> None:
    """LightGBM predicts with n_jobs threads; training kept one on small data."""
    for calibrated in model.calibrated_.calibrated_classifiers_:
        estimator = calibrated.estimator
        if "n_jobs" in estimator.get_params():
            estimator.set_params(n_jobs=threads)


def _numbers(batch: pa.RecordBatch, name: str) -> np.ndarray:
    if name not in batch.schema.names:
        return np.full(batch.num_rows, np.nan)
    column = pc.cast(batch.column(name), pa.float64())
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=float)


def _codes(labels: list[str], levels: list[str]) -> np.ndarray:
    """Position of each label in levels, -1 where absent."""
    position = {level: index for index, level in enumerate(levels)}
    return np.array([position.get(label, -1) for label in labels], dtype=int)
