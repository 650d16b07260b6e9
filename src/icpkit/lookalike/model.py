"""The look-alike model: fit, calibrated fit score, reasons (DEFINITIONS 5)."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from icpkit.config import LookalikeSettings, SizeBand
from icpkit.errors import StageError
from icpkit.lookalike.estimators import (
    base_estimator,
    contributions,
    explainer_estimator,
)
from icpkit.lookalike.features import FeatureEncoder
from icpkit.lookalike.reasons import group_points, reason_text, score_points
from icpkit.lookalike.reliability import reliability_table
from icpkit.lookalike.similar import SimilarCustomers
from icpkit.lookalike.tiers import fit_tier
from icpkit.lookalike.training import KIND_CUSTOMER, KIND_POSITIVE, TrainingSet

log = logging.getLogger(__name__)

# Calibration and its cross-validation need a few positives in every fold.
MIN_POSITIVES_FLOOR = 6
ISOTONIC_MIN_POSITIVES = 200


class LookalikeModel:
    """fit_score = 100 x calibrated probability of looking like a positive.

    Follows the scikit-learn contract: settings in __init__, fit returns self,
    learned state ends in `_`.
    """

    def __init__(self, settings: LookalikeSettings, size_bands: list[SizeBand]) -> None:
        self.settings = settings
        self.size_bands = size_bands

    def fit(self, training: TrainingSet, as_of: date) -> LookalikeModel:
        started = time.perf_counter()
        _check_classes(training, self.settings)
        self.encoder_ = FeatureEncoder(self.size_bands).fit(training.frame)
        matrix = self.encoder_.transform(training.frame)
        labels = training.labels
        base = base_estimator(
            self.settings.model, len(labels), self.settings.random_state
        )
        self.method_ = _calibration_method(training.positives)
        self.calibrated_ = self._calibrated(base, labels).fit(matrix, labels)
        explainer = explainer_estimator(
            self.settings.model, len(labels), self.settings.random_state
        )
        self.explainer_ = explainer.fit(matrix, labels)
        customers = training.kinds.isin([KIND_POSITIVE, KIND_CUSTOMER]).to_numpy()
        self.similar_ = SimilarCustomers().fit(
            matrix, customers, training.frame["name"], training.frame["account_id"]
        )
        self._validate(base, matrix, labels)
        self.model_card_ = self._card(training, as_of, time.perf_counter() - started)
        log.info(
            "trained look-alike model (%s) on %d rows in %.1f s, cv AUC %.3f",
            self.settings.model,
            len(labels),
            time.perf_counter() - started,
            self.cv_auc_,
        )
        return self

    def predict_score(self, frame: pd.DataFrame) -> pd.Series:
        """fit_score in 0-100 (DEFINITIONS.md section 5), one decimal."""
        probability = self._probability(self.encoder_.transform(frame))
        return pd.Series(np.round(100.0 * probability, 1), index=frame.index)

    def score(self, frame: pd.DataFrame) -> pd.DataFrame:
        """fit_score, fit_tier, reasons and similar_customers for each row.

        Explaining costs far more than scoring: pass the TAL, not a whole universe.
        """
        matrix = self.encoder_.transform(frame)
        probability = self._probability(matrix)
        scores = pd.Series(np.round(100.0 * probability, 1), index=frame.index)
        points = score_points(contributions(self.explainer_, matrix), probability)
        grouped = group_points(points, self.encoder_.groups_)
        values = self.encoder_.firmographics(frame)
        account_ids = _column(frame, "account_id")
        return pd.DataFrame(
            {
                "fit_score": scores,
                "fit_tier": fit_tier(scores, self.settings.fit_tiers),
                "reasons": reason_text(grouped, values[list(grouped.columns)]).values,
                "similar_customers": self.similar_.similar(matrix, account_ids).values,
            },
            index=frame.index,
        )

    def _probability(self, matrix: np.ndarray) -> np.ndarray:
        return np.asarray(self.calibrated_.predict_proba(matrix)[:, 1])

    def _calibrated(self, base: Any, labels: np.ndarray) -> CalibratedClassifierCV:
        folds = _folds(labels, 3, self.settings.random_state)
        return CalibratedClassifierCV(clone(base), method=self.method_, cv=folds)

    def _validate(self, base: Any, matrix: np.ndarray, labels: np.ndarray) -> None:
        """Out-of-fold calibrated predictions: cv AUC and the reliability table."""
        outer = _folds(labels, 5, self.settings.random_state)
        inner = _calibrated_for_cv(base, self.method_, self.settings.random_state)
        predicted = cross_val_predict(
            inner, matrix, labels, cv=outer, method="predict_proba"
        )[:, 1]
        self.cv_auc_ = float(roc_auc_score(labels, predicted))
        self.reliability_ = reliability_table(labels, predicted)

    def _card(
        self, training: TrainingSet, as_of: date, seconds: float
    ) -> dict[str, Any]:
        counts = training.kinds.value_counts()
        return {
            "model": self.settings.model,
            "calibration": self.method_,
            "features": list(self.encoder_.columns_),
            "training_rows": len(training.labels),
            "positives": training.positives,
            "unlabeled_rows": int(counts.get("unlabeled", 0)),
            "trained_at": as_of.isoformat(),
            "cv_auc": round(self.cv_auc_, 4),
            "fit_tiers": dict(self.settings.fit_tiers),
            "training_seconds": round(seconds, 2),
        }


def _check_classes(training: TrainingSet, settings: LookalikeSettings) -> None:
    positives = training.positives
    negatives = len(training.labels) - positives
    needed = max(settings.min_positives, MIN_POSITIVES_FLOOR)
    if positives < needed:
        raise StageError(
            f"Look-alike model needs at least {needed} positives; found {positives}. "
            "Add more customer history or lower lookalike.min_positives "
            f"(never below {MIN_POSITIVES_FLOOR})."
        )
    if negatives < MIN_POSITIVES_FLOOR:
        raise StageError(
            f"Look-alike model needs at least {MIN_POSITIVES_FLOOR} non-positive rows "
            f"(other accounts or universe companies); found {negatives}."
        )


def _calibration_method(positives: int) -> str:
    """Isotonic needs many positives to be stable; sigmoid otherwise."""
    return "isotonic" if positives >= ISOTONIC_MIN_POSITIVES else "sigmoid"


def _folds(labels: np.ndarray, wanted: int, seed: int) -> StratifiedKFold:
    smallest = int(min(labels.sum(), len(labels) - labels.sum()))
    count = max(2, min(wanted, smallest))
    return StratifiedKFold(n_splits=count, shuffle=True, random_state=seed)


def _calibrated_for_cv(base: Any, method: str, seed: int) -> CalibratedClassifierCV:
    folds = StratifiedKFold(n_splits=2, shuffle=True, random_state=seed)
    return CalibratedClassifierCV(clone(base), method=method, cv=folds)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="string")
