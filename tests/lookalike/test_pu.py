"""Positive-unlabeled correction (Elkan & Noto 2008): c, g / c, reasons, switch."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.errors import StageError
from icpkit.lookalike import LookalikeModel, TrainingSet, fit_lookalike
from icpkit.lookalike.estimators import contributions
from icpkit.lookalike.model import fit_scores
from icpkit.lookalike.pu import corrected_probability, label_frequency
from icpkit.lookalike.reasons import score_points, secant_slope

AS_OF = date(2024, 6, 30)


def test_label_frequency_and_corrected_score_hand_example() -> None:
    # c = mean g over the labelled positives = (0.4 + 0.6 + 0.5) / 3 = 0.5.
    c = label_frequency(np.array([1, 1, 0, 1]), np.array([0.4, 0.6, 0.9, 0.5]))
    assert c == pytest.approx(0.5)
    # g / c = 0.2, 0.6, 1.0 (capped), 1.8 -> 1.0, 0.0005 -> 20, 60, 99.9, 99.9, 0.1.
    g = np.array([0.1, 0.3, 0.5, 0.9, 0.00025])
    np.testing.assert_allclose(corrected_probability(g, c), [0.2, 0.6, 1, 1, 0.0005])
    scores = fit_scores(corrected_probability(g, c))
    np.testing.assert_allclose(scores, [20.0, 60.0, 99.9, 99.9, 0.1])
    # c = 0.3: 0.1 / 0.3 = 0.3333 -> 33.3, one decimal.
    assert fit_scores(corrected_probability(np.array([0.1]), 0.3))[0] == 33.3


def test_label_frequency_refuses_without_signal_on_positives() -> None:
    with pytest.raises(StageError, match=r"label frequency c .* is 0.0"):
        label_frequency(np.array([1, 0]), np.array([0.0, 0.4]))


def test_secant_slope_on_the_uncorrected_log_odds() -> None:
    # c = 0.5: score 60 -> g 0.3, base 20 -> g 0.1; 40 / (logit .3 - logit .1)
    # = 40 / 1.3499 = 29.63. At score = base: 100 / 0.5 x 0.1 x 0.9 = 18.
    slopes = secant_slope(np.array([60.0, 20.0]), 20.0, label_frequency=0.5)
    np.testing.assert_allclose(slopes, [29.631, 18.0], atol=1e-3)


def pu_world(seed: int = 5, count: int = 2400) -> tuple[TrainingSet, np.ndarray]:
    """True class: P(y=1) = 0.9 in software, 0.05 elsewhere; 30 % of y=1 labelled."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "industry": rng.choice(["software", "retail", "energy"], count),
        "employees": rng.integers(5, 5000, count),
        "annual_revenue": rng.uniform(1e6, 1e8, count),
        "country": rng.choice(["US", "DE"], count),
        "region": rng.choice(["Americas", "EMEA"], count),
    })  # fmt: skip
    truth = np.where(frame["industry"] == "software", 0.9, 0.05)
    positive = rng.random(count) < truth
    labels = (positive & (rng.random(count) < 0.3)).astype(int)
    frame["account_id"] = pd.array(
        [f"A{i}" if s else None for i, s in enumerate(labels)], dtype="string"
    )
    frame["name"] = [f"Company {i}" for i in range(count)]
    kinds = pd.Series(np.where(labels == 1, "positive", "unlabeled"), dtype="string")
    return TrainingSet(frame, labels, kinds), positive


def fitted(training: TrainingSet, corrected: bool) -> LookalikeModel:
    settings = LookalikeSettings(min_positives=10, positive_unlabeled=corrected)
    return LookalikeModel(settings, default_size_bands()).fit(training, AS_OF)


def test_correction_recovers_the_true_class_probability() -> None:
    training, positive = pu_world()
    model = fitted(training, corrected=True)
    plain = fitted(training, corrected=False)
    corrected = model.predict_score(training.frame).to_numpy() / 100
    uncorrected = plain.predict_score(training.frame).to_numpy() / 100
    assert corrected[positive].mean() > 0.7
    assert uncorrected[positive].mean() < 0.5
    software = (training.frame["industry"] == "software").to_numpy()
    assert corrected[software].mean() == pytest.approx(0.9, abs=0.12)
    # Truth elsewhere is 0.05; Platt-calibrated g runs high at the low end and e1
    # is biased low where classes overlap (5 % of others are positive too), so
    # g / c overstates the small probabilities: ~0.16 here.
    assert corrected[~software].mean() < 0.25
    assert 0.15 < model.label_frequency_ < 0.35  # true c = 0.3
    assert plain.label_frequency_ == 1.0
    card = model.model_card_
    assert card["label_frequency"] == round(model.label_frequency_, 4)
    assert card["pu_labelled_positives"] == training.positives
    assert card["pu_unlabeled"] == len(training.labels) - training.positives
    assert card["pu_known_negatives"] == 0
    assert "Elkan-Noto" in card["label_frequency_method"]
    assert not plain.model_card_["positive_unlabeled"]


def test_reliability_stays_on_the_uncorrected_probability() -> None:
    training, _ = pu_world(seed=6, count=1200)
    model = fitted(training, corrected=True)
    table = model.reliability_
    mean_predicted = (table["mean_predicted"] * table["count"]).sum() / len(
        training.labels
    )
    # Calibrated g averages to the labelled rate; g / c would average ~1 / c x.
    assert mean_predicted == pytest.approx(training.labels.mean(), abs=0.03)
    assert "P(labelled positive)" in model.model_card_["reliability_of"]


def test_reasons_sum_to_corrected_score_minus_corrected_base() -> None:
    training, _ = pu_world(seed=7, count=1200)
    model = fitted(training, corrected=True)
    frame = training.frame.iloc[:40]
    scored = model.score(frame)
    base = model.model_card_["base_fit_score"]
    everything = model.predict_score(training.frame)
    assert base == pytest.approx(everything.mean(), abs=0.01)
    contrib = contributions(model.explainer_, model.encoder_.transform(frame))
    scores = scored["fit_score"].to_numpy()
    points = score_points(contrib, scores, base, model.label_frequency_)
    gap = scores - base
    total = contrib.sum(axis=1)
    spread = np.abs(gap / total) * np.abs(contrib).sum(axis=1)
    exact = (total * gap > 0) & (spread <= 100)  # the rest: secant slope
    assert exact.sum() > 20
    np.testing.assert_allclose(points.sum(axis=1)[exact], gap[exact])
    software = frame["industry"].eq("software").to_numpy()
    assert scored["reasons"][software].str.contains("industry: software, +").all()


def test_min_positives_refusal_still_works_with_the_correction() -> None:
    training, _ = pu_world(seed=8, count=200)
    settings = LookalikeSettings(min_positives=500, positive_unlabeled=True)
    with pytest.raises(StageError, match=r"at least 500 positives; found \d+"):
        LookalikeModel(settings, default_size_bands()).fit(training, AS_OF)
    segments = pd.DataFrame({"account_id": ["a", "b"], "segment_tier": "A",
                             "is_customer": True, "arr_as_of": 1.0})  # fmt: skip
    accounts = training.frame.iloc[:2].assign(account_id=["a", "b"])
    with pytest.raises(StageError, match=r"at least 20 positives .* found 2"):
        fit_lookalike(accounts, segments, None, None, AS_OF, LookalikeSettings(),
                      default_size_bands())  # fmt: skip


def test_refusal_below_the_calibration_floor_asks_for_history() -> None:
    training, _ = pu_world(seed=8, count=40)
    training.labels[:] = 0
    training.labels[:5] = 1
    settings = LookalikeSettings(min_positives=3)
    message = r"at least 6 positives; found 5\. Calibration needs a few in every"
    with pytest.raises(StageError, match=message):
        LookalikeModel(settings, default_size_bands()).fit(training, AS_OF)
