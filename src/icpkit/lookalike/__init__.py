"""Look-alike fit: features, model, calibration, reasons (DEFINITIONS 5)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from icpkit.config import LookalikeSettings, SizeBand
from icpkit.lookalike.features import FeatureEncoder, size_band
from icpkit.lookalike.model import LookalikeModel
from icpkit.lookalike.positives import Positives, customer_value, select_positives
from icpkit.lookalike.pu import corrected_probability, label_frequency
from icpkit.lookalike.reliability import RELIABILITY_COLUMNS, reliability_table
from icpkit.lookalike.tiers import fit_tier
from icpkit.lookalike.training import TrainingSet, training_set

__all__ = [
    "RELIABILITY_COLUMNS",
    "FeatureEncoder",
    "LookalikeModel",
    "Positives",
    "TrainingSet",
    "corrected_probability",
    "customer_value",
    "fit_lookalike",
    "fit_tier",
    "label_frequency",
    "reliability_table",
    "select_positives",
    "size_band",
    "training_set",
]


def fit_lookalike(
    accounts: pd.DataFrame,
    account_segments: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    universe: pd.DataFrame | None,
    as_of: date,
    settings: LookalikeSettings,
    size_bands: list[SizeBand],
    crm_company_ids: frozenset[str] = frozenset(),
) -> LookalikeModel:
    """Choose positives, build the training rows and fit the calibrated model.

    opportunities: those known at as_of. crm_company_ids: universe companies that
    resolve to a CRM account, left out of the unlabeled sample. Raises StageError
    under settings.min_positives positives.
    """
    positives = select_positives(account_segments, opportunities, settings)
    training = training_set(
        accounts, positives, universe, crm_company_ids, settings.random_state
    )
    return LookalikeModel(settings, size_bands).fit(training, as_of)
