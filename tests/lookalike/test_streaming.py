"""Streaming scoring: same scores as the frame path, one batch at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.lookalike import LookalikeModel, fit_lookalike, fit_tier, score_batches
from icpkit.lookalike.streaming import BatchEncoder


@pytest.fixture(scope="module")
def model(planted_world: Any) -> LookalikeModel:
    segments = pd.DataFrame({
        "account_id": planted_world.accounts["account_id"],
        "segment_tier": planted_world.accounts["industry"].map({"software": "A"}),
        "is_customer": True, "arr_as_of": 1.0,
    })  # fmt: skip
    return fit_lookalike(planted_world.accounts, segments, None,
                         planted_world.universe, date(2025, 12, 31),
                         LookalikeSettings(min_positives=10),
                         default_size_bands())  # fmt: skip


def awkward(planted_world: Any) -> pd.DataFrame:
    """Unseen industry and country, nulls, employees 0 and at a band's edge."""
    frame = planted_world.universe.head(40).drop(columns=["account_id"]).copy()
    frame["employees"] = frame["employees"].astype("Int64")
    frame.loc[0, "industry"] = "aerospace"
    frame.loc[1, ["industry", "country", "region"]] = None
    frame.loc[2, "country"] = "JP"
    frame.loc[3, "employees"] = pd.NA
    frame.loc[4, "employees"] = 0
    frame.loc[5, "employees"] = 200
    frame.loc[6, "annual_revenue"] = np.nan
    return frame


def test_batch_encoder_matches_the_feature_encoder(
    model: LookalikeModel, planted_world: Any
) -> None:
    frame = awkward(planted_world)
    batch = pa.RecordBatch.from_pandas(frame, preserve_index=False)
    np.testing.assert_array_equal(
        BatchEncoder(model).transform(batch), model.encoder_.transform(frame)
    )


def test_score_batches_matches_predict_score_lazily(
    model: LookalikeModel, planted_world: Any
) -> None:
    frame = awkward(planted_world)
    pulled = []

    def batches() -> Iterator[pa.RecordBatch]:
        for start in range(0, len(frame), 10):
            pulled.append(start)
            part = frame.iloc[start : start + 10]
            yield pa.RecordBatch.from_pandas(part, preserve_index=False)

    stream = score_batches(model, batches())
    first = next(stream)
    assert pulled == [0]  # one batch in memory at a time
    out = pa.Table.from_batches([first, *stream]).to_pandas()
    expected = model.predict_score(frame)
    np.testing.assert_array_equal(out["fit_score"], expected.to_numpy())
    tiers = fit_tier(expected, model.settings.fit_tiers)
    assert out["fit_tier"].tolist() == tiers.tolist()
    assert out["company_id"].tolist() == frame["company_id"].tolist()
