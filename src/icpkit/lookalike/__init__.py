"""Look-alike fit: features, model, calibration, reasons (DEFINITIONS 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from icpkit.config import LookalikeSettings, SizeBand
from icpkit.errors import ConfigError
from icpkit.lookalike.backtest import Backtest, backtest
from icpkit.lookalike.features import FeatureEncoder, size_band
from icpkit.lookalike.model import LookalikeModel
from icpkit.lookalike.outputs import lift_chart, write_backtest
from icpkit.lookalike.positives import Positives, customer_value, select_positives
from icpkit.lookalike.pu import corrected_probability, label_frequency
from icpkit.lookalike.reliability import RELIABILITY_COLUMNS, reliability_table
from icpkit.lookalike.streaming import score_batches
from icpkit.lookalike.tiers import fit_tier
from icpkit.lookalike.training import TrainingSet, training_set
from icpkit.lookalike.versions import list_versions, load_model, save_model

__all__ = [
    "RELIABILITY_COLUMNS",
    "Backtest",
    "FeatureEncoder",
    "LookalikeModel",
    "Positives",
    "TrainingSet",
    "backtest",
    "corrected_probability",
    "customer_value",
    "fit_lookalike",
    "fit_tier",
    "label_frequency",
    "lift_chart",
    "list_versions",
    "load_model",
    "reliability_table",
    "save_model",
    "score_batches",
    "select_positives",
    "size_band",
    "training_set",
    "write_backtest",
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
    models_dir: Path | None = None,
) -> LookalikeModel:
    """Choose positives, build the training rows and fit the calibrated model.

    opportunities: those known at as_of. crm_company_ids: universe companies that
    resolve to a CRM account, left out of the unlabeled sample. Raises StageError
    under settings.min_positives positives. With settings.model_version set, the
    model stored under models_dir is re-used instead (ConfigError if absent).
    """
    if settings.model_version is not None:
        if models_dir is None:
            raise ConfigError(
                f"lookalike.model_version = {settings.model_version!r} is set but "
                "no model folder was given to look it up in."
            )
        model: LookalikeModel = load_model(models_dir, settings.model_version)
        return model
    positives = select_positives(account_segments, opportunities, settings)
    training = training_set(
        accounts, positives, universe, crm_company_ids, settings.random_state
    )
    model = LookalikeModel(settings, size_bands).fit(training, as_of)
    model.model_card_["positives_rule"] = positives.rule
    return model
