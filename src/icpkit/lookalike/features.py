"""Firmographic features for the look-alike model (DEFINITIONS.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from icpkit.config import SizeBand

UNKNOWN_BAND = "unknown"
OTHER = "other"
MISSING = "missing"
CATEGORICAL = ("industry", "size_band", "region", "country")
NUMERIC = ("employees", "annual_revenue")
TOP_COUNTRIES = 15


def size_band(employees: pd.Series, bands: list[SizeBand]) -> pd.Series:
    """Size band by employees (DEFINITIONS 2); unknown or < 1: "unknown"."""
    ordered = sorted(bands, key=lambda band: band.min_employees)
    counts = pd.to_numeric(employees, errors="raise").astype("Float64")
    labels = pd.Series(UNKNOWN_BAND, index=employees.index, dtype="string")
    for band in ordered:
        labels = labels.mask((counts >= band.min_employees).fillna(False), band.label)
    return labels


@dataclass
class FeatureEncoder:
    """One-hot categoricals, log1p numerics and missing indicators, as a matrix.

    `groups` maps each matrix column to the firmographic it comes from, so that
    contributions can be summed back per firmographic for the reasons.
    """

    size_bands: list[SizeBand]
    levels_: dict[str, list[str]] = field(default_factory=dict)
    columns_: list[str] = field(default_factory=list)
    groups_: list[str] = field(default_factory=list)

    def fit(self, frame: pd.DataFrame) -> FeatureEncoder:
        values = self.firmographics(frame)
        for name in CATEGORICAL:
            counts = values[name].value_counts()
            keep = counts.index[:TOP_COUNTRIES] if name == "country" else counts.index
            self.levels_[name] = sorted(str(level) for level in keep)
        self.columns_, self.groups_ = self._layout()
        return self

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        values = self.firmographics(frame)
        parts = []
        for name in CATEGORICAL:
            column = values[name].to_numpy(dtype=object)
            parts.append(column[:, None] == np.array(self.levels_[name])[None, :])
        for name in NUMERIC:
            number = values[name].to_numpy(dtype=float, na_value=np.nan)
            missing = np.isnan(number)
            parts.append(
                np.where(missing, 0.0, np.log1p(np.clip(number, 0, None)))[:, None]
            )
            parts.append(missing[:, None])
        return np.hstack(parts).astype(float)

    def firmographics(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The readable values behind the features: categories with gaps named."""
        out = pd.DataFrame(index=frame.index)
        for name in ("industry", "region", "country"):
            column = (
                frame[name] if name in frame else pd.Series(pd.NA, index=frame.index)
            )
            out[name] = column.astype("string").fillna(MISSING)  # an explicit level
        out["size_band"] = size_band(_column(frame, "employees"), self.size_bands)
        if self.levels_:
            known = out["country"].isin(self.levels_["country"])
            out["country"] = out["country"].where(known, OTHER)
        for name in NUMERIC:
            out[name] = pd.to_numeric(_column(frame, name), errors="raise").astype(
                "Float64"
            )
        return out

    def _layout(self) -> tuple[list[str], list[str]]:
        columns, groups = [], []
        for name in CATEGORICAL:
            columns += [f"{name}={level}" for level in self.levels_[name]]
            groups += [name] * len(self.levels_[name])
        for name in NUMERIC:
            columns += [f"log_{name}", f"{name}_missing"]
            groups += [name, name]
        return columns, groups


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="Float64")
