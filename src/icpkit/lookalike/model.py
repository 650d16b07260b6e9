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
from icpkit.lookalike.pu import (
    ESTIMATOR,
    NO_CORRECTION,
    corrected_probability,
    label_frequency,
)
from icpkit.lookalike.reasons import group_points, reason_text, score_points
from icpkit.lookalike.reliability import reliability_table
from icpkit.lookalike.similar import SimilarCustomers
from icpkit.lookalike.tiers import fit_tier
from icpkit.lookalike.training import (
    KIND_CUSTOMER,
    KIND_POSITIVE,
    KIND_UNLABELED,
    TrainingSet,
)
from icpkit.lookalike.versions import training_digest, version_id

log = logging.getLogger(__name__)

# Calibration and its cross-validation need a few positives in every fold.
MIN_POSITIVES_FLOOR = 6
ISOTONIC_MIN_POSITIVES = 200


class LookalikeModel:
    """fit_score = 100 x calibrated probability of looking like a positive.

    The classifier g(x) = P(s=1 | x) learns labelled positives against every
    other training row: CRM accounts that are not positives (known negatives,
    s=0, weight 1) and the universe sample (unlabeled, s=0). With
    settings.positive_unlabeled (default) the score is corrected for the
    unlabeled look-alikes (Elkan & Noto 2008, see lookalike.pu):
    fit_score = 100 x min(1, g(x) / c), c = label_frequency_ = mean out-of-fold
    g over labelled positives; without it, c = 1 and fit_score = 100 g(x).
    The reliability table stays on g vs the labels (the corrected probability
    has no observable label).

    Calibration: sigmoid (Platt) by default, cross-validated; isotonic on request
    (settings.calibration). model_card_["base_fit_score"] is the mean training
    fit_score (corrected), from which the reasons' points are measured.

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
        self.method_ = _calibration_method(self.settings.calibration, training)
        self.calibrated_ = self._calibrated(base, labels).fit(matrix, labels)
        held_out = self._validate(base, matrix, labels)
        self.label_frequency_ = 1.0
        if self.settings.positive_unlabeled:
            self.label_frequency_ = label_frequency(labels, held_out)
        self.base_fit_score_ = base_fit_score(fit_scores(self._probability(matrix)))
        explainer = explainer_estimator(
            self.settings.model, len(labels), self.settings.random_state
        )
        self.explainer_ = explainer.fit(matrix, labels)
        customers = training.kinds.isin([KIND_POSITIVE, KIND_CUSTOMER]).to_numpy()
        self.similar_ = SimilarCustomers().fit(
            matrix, customers, training.frame["name"], training.frame["account_id"]
        )
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
        return pd.Series(fit_scores(probability), index=frame.index)

    def score(self, frame: pd.DataFrame) -> pd.DataFrame:
        """fit_score, fit_tier, reasons and similar_customers for each row.

        Explaining costs far more than scoring: pass the TAL, not a whole universe.
        """
        matrix = self.encoder_.transform(frame)
        probability = self._probability(matrix)
        scores = pd.Series(fit_scores(probability), index=frame.index)
        points = score_points(
            contributions(self.explainer_, matrix),
            scores.to_numpy(),
            self.base_fit_score_,
            self.label_frequency_,
        )
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

    def labelled_probability(self, frame: pd.DataFrame) -> pd.Series:
        """g(x) = calibrated P(s=1 | x), uncorrected: what the reliability shows."""
        matrix = self.encoder_.transform(frame)
        return pd.Series(self._labelled(matrix), index=frame.index)

    def _labelled(self, matrix: np.ndarray) -> np.ndarray:
        return np.asarray(self.calibrated_.predict_proba(matrix)[:, 1])

    def _probability(self, matrix: np.ndarray) -> np.ndarray:
        """min(1, g / c); c = 1 without the positive-unlabeled correction."""
        return corrected_probability(self._labelled(matrix), self.label_frequency_)

    def _calibrated(self, base: Any, labels: np.ndarray) -> CalibratedClassifierCV:
        folds = _folds(labels, 3, self.settings.random_state)
        return CalibratedClassifierCV(clone(base), method=self.method_, cv=folds)

    def _validate(
        self, base: Any, matrix: np.ndarray, labels: np.ndarray
    ) -> np.ndarray:
        """Out-of-fold calibrated g: cv AUC and the reliability table (of
        P(labelled positive), uncorrected); returned for the label frequency."""
        outer = _folds(labels, 5, self.settings.random_state)
        inner = _calibrated_for_cv(base, self.method_, self.settings.random_state)
        predicted = cross_val_predict(
            inner, matrix, labels, cv=outer, method="predict_proba"
        )[:, 1]
        self.cv_auc_ = float(roc_auc_score(labels, predicted))
        self.reliability_ = reliability_table(labels, predicted)
        return np.asarray(predicted)

    def _card(
        self, training: TrainingSet, as_of: date, seconds: float
    ) -> dict[str, Any]:
        counts = training.kinds.value_counts()
        digest = training_digest(training.frame, training.labels, self.settings)
        return {
            "version": version_id(as_of, digest),
            "model": self.settings.model,
            "calibration": self.method_,
            "base_fit_score": self.base_fit_score_,
            "features": list(self.encoder_.columns_),
            "training_rows": len(training.labels),
            "positives": training.positives,
            "unlabeled_rows": int(counts.get("unlabeled", 0)),
            "trained_at": as_of.isoformat(),
            "cv_auc": round(self.cv_auc_, 4),
            **self._pu_card(training),
            "fit_tiers": dict(self.settings.fit_tiers),
            "training_seconds": round(seconds, 2),
        }

    def _pu_card(self, training: TrainingSet) -> dict[str, Any]:
        unlabeled = int((training.kinds == KIND_UNLABELED).sum())
        return {
            "positive_unlabeled": self.settings.positive_unlabeled,
            "label_frequency": round(self.label_frequency_, 4),
            "label_frequency_method": (
                ESTIMATOR if self.settings.positive_unlabeled else NO_CORRECTION
            ),
            "pu_labelled_positives": training.positives,
            "pu_unlabeled": unlabeled,
            "pu_known_negatives": len(training.labels) - training.positives - unlabeled,
            "pu_negatives_handling": (
                "CRM accounts that are not positives stay s=0 with weight 1 beside "
                "the unlabeled universe sample; fit_score = 100 min(1, g / c)"
            ),
            "reliability_of": "P(labelled positive) = g(x), uncorrected, out-of-fold",
        }


def _check_classes(training: TrainingSet, settings: LookalikeSettings) -> None:
    positives = training.positives
    negatives = len(training.labels) - positives
    needed = max(settings.min_positives, MIN_POSITIVES_FLOOR)
    if positives < needed:
        remedy = (
            "Add more customer history or lower lookalike.min_positives "
            f"(calibration needs at least {MIN_POSITIVES_FLOOR} whatever it says)."
            if settings.min_positives > MIN_POSITIVES_FLOOR
            else "Calibration needs a few in every cross-validation fold; add more "
            "customer history."
        )
        raise StageError(
            f"Look-alike model needs at least {needed} positives; found {positives}. "
            + remedy
        )
    if negatives < MIN_POSITIVES_FLOOR:
        raise StageError(
            f"Look-alike model needs at least {MIN_POSITIVES_FLOOR} non-positive rows "
            f"(other accounts or universe companies); found {negatives}."
        )


def _calibration_method(method: str, training: TrainingSet) -> str:
    """Sigmoid (Platt) by default: smooth, no plateaus at 0 or 1. Isotonic on
    request; it needs many positives to be stable, so fewer get a warning."""
    if method == "isotonic" and training.positives < ISOTONIC_MIN_POSITIVES:
        log.warning(
            "isotonic calibration with %d positives (< %d) may be unstable; "
            "sigmoid is the default",
            training.positives,
            ISOTONIC_MIN_POSITIVES,
        )
    return method


def fit_scores(probability: np.ndarray) -> np.ndarray:
    """100 x probability (corrected: min(1, g / c)), one decimal (DEFINITIONS.md
    section 5), kept within 0.1-99.9: never shown as certain either way."""
    return np.asarray(np.clip(np.round(100.0 * probability, 1), 0.1, 99.9))


def base_fit_score(scores: np.ndarray) -> float:
    """Mean fit_score of the training rows, two decimals: the reference the
    reasons' points are measured from (DEFINITIONS.md section 5)."""
    return round(float(np.mean(scores)), 2)


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
