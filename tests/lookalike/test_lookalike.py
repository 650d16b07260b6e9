"""Look-alike model: positives, refusal, calibrated scores, tiers, reasons."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.errors import StageError
from icpkit.lookalike import (
    LookalikeModel,
    fit_lookalike,
    fit_tier,
    reliability_table,
    select_positives,
    size_band,
)
from icpkit.lookalike.reasons import reason_text, score_points, secant_slope

AS_OF = date(2024, 6, 30)


def firms(count: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "industry": rng.choice(["software", "retail", "energy"], count),
        "employees": rng.integers(5, 5000, count),
        "annual_revenue": rng.uniform(1e6, 1e8, count),
        "country": rng.choice(["US", "DE", None], count),
        "region": rng.choice(["Americas", "EMEA"], count),
    })  # fmt: skip


def crm(count: int = 160, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accounts and account_segments: software customers are tier A."""
    accounts = firms(count, seed)
    accounts["account_id"] = [f"A{i}" for i in range(count)]
    accounts["name"] = [f"Company {i}" for i in range(count)]
    customer = np.arange(count) % 2 == 0
    tier = np.where(accounts["industry"] == "software", "A", "C")
    segments = pd.DataFrame({
        "account_id": accounts["account_id"], "segment_tier": tier,
        "is_customer": customer, "arr_as_of": np.where(customer, 1000.0, 0.0),
    })  # fmt: skip
    return accounts, segments


@pytest.fixture(scope="module")
def model() -> LookalikeModel:
    accounts, segments = crm()
    universe = firms(150, 9).assign(company_id=[str(i) for i in range(150)])
    settings = LookalikeSettings(min_positives=10)
    return fit_lookalike(
        accounts, segments, None, universe, AS_OF, settings, default_size_bands()
    )


def test_refuses_with_too_few_positives_and_says_how_many() -> None:
    _, segments = crm(20)
    with pytest.raises(StageError, match=r"at least 20 positives .* found \d+ among"):
        select_positives(segments, None, LookalikeSettings(min_positives=20))


def test_positives_fall_back_to_top_customers_by_value() -> None:
    # No tier A: the top 50 % of the 4 customers by arr_as_of, then won amount.
    segments = pd.DataFrame({
        "account_id": ["a", "b", "c", "d", "e"], "segment_tier": "B",
        "is_customer": [True, True, True, True, False],
        "arr_as_of": [100.0, 0.0, 50.0, 0.0, 0.0],
    })  # fmt: skip
    won = pd.DataFrame({"account_id": ["b", "d", "e"], "status": "won",
                        "amount": [500.0, 10.0, 9999.0]})  # fmt: skip
    settings = LookalikeSettings(positive_share=0.5, min_positives=1)
    positives = select_positives(segments, won, settings)
    assert positives.account_ids == {"b", "a"}
    assert "no tier A" in positives.rule


def test_scores_are_calibrated_probabilities_times_100(model: LookalikeModel) -> None:
    frame = firms(300, 11)
    scores = model.predict_score(frame)
    probability = model.calibrated_.predict_proba(model.encoder_.transform(frame))[:, 1]
    assert scores.between(0.1, 99.9).all()
    c = model.label_frequency_  # positive-unlabeled correction, on by default
    assert 0 < c < 1
    corrected = np.minimum(1.0, probability / c)
    expected = np.clip(np.round(100 * corrected, 1), 0.1, 99.9)
    np.testing.assert_allclose(scores, expected)
    assert scores.nunique() > 50  # sigmoid: no isotonic plateaus
    assert model.model_card_["calibration"] == "sigmoid"
    ordered = scores.to_numpy()[np.argsort(probability, kind="stable")]
    assert (np.diff(ordered) >= 0).all()


def test_model_learns_the_planted_profile(model: LookalikeModel) -> None:
    frame = firms(400, 12)
    scores = model.predict_score(frame)
    software = frame["industry"] == "software"
    assert scores[software].mean() > scores[~software].mean() + 20
    assert model.model_card_["cv_auc"] > 0.8
    assert model.model_card_["positives"] == model.model_card_["positives"] > 10


def test_reliability_table_from_cv_predictions(model: LookalikeModel) -> None:
    table = model.reliability_
    assert list(table.columns) == ["bin", "mean_predicted", "observed_rate", "count"]
    assert table["count"].sum() == model.model_card_["training_rows"]


def test_reliability_table_hand_example() -> None:
    table = reliability_table(
        np.array([0, 1, 1, 0]), np.array([0.05, 0.15, 0.95, 0.12])
    )
    assert table["bin"].tolist() == ["0.0-0.1", "0.1-0.2", "0.9-1.0"]
    assert table["observed_rate"].tolist() == [0.0, 0.5, 1.0]
    assert table["count"].tolist() == [1, 2, 1]


def test_score_gives_reasons_and_similar_customers(model: LookalikeModel) -> None:
    frame = firms(5, 13)
    frame.loc[0, "industry"] = "software"
    frame["account_id"] = ["A0", None, None, None, None]
    scored = model.score(frame)
    assert list(scored.columns) == [
        "fit_score",
        "fit_tier",
        "reasons",
        "similar_customers",
    ]
    assert "industry: software, +" in scored.at[0, "reasons"]
    assert scored["reasons"].str.count("; ").eq(2).all()
    base = model.model_card_["base_fit_score"]
    assert 0 < base < 100
    similar = scored["similar_customers"].str.split("; ")
    assert similar.map(len).eq(3).all()
    assert "Company 0" not in similar.iat[0]


def test_fit_tier_thresholds() -> None:
    scores = pd.Series([80.0, 79.9, 60.0, 40.0, 39.9, 0.0])
    tiers = fit_tier(scores, {"A": 80.0, "B": 60.0, "C": 40.0})
    assert tiers.tolist() == ["A", "B", "B", "C", "D", "D"]


def test_reason_text_hand_example() -> None:
    points = pd.DataFrame({"industry": [18.2, 0.1], "employees": [-5.4, 0.2],
                           "region": [1.0, 0.3]})  # fmt: skip
    values = pd.DataFrame(
        {"industry": ["software", "retail"], "employees": [1200.0, None],
         "region": ["EMEA", "APAC"]}
    )  # fmt: skip
    text = reason_text(points, values)
    assert (
        text.iat[0] == "industry: software, +18; employees: 1,200, -5; region: EMEA, +1"
    )
    assert text.iat[1] == (
        "region: APAC, +0.3; employees: unknown, +0.2; industry: retail, +0.1"
    )


def test_score_points_scale_contributions_to_the_score_gap() -> None:
    # Row 0: c = (2, -1, 1), sum 2; fit 42 - base 10 = 32 -> points 32, -16, 16.
    # Row 1: sum 0 -> secant: logit(0.1) = logit(0.1), so the derivative at base,
    # 100 x 0.1 x 0.9 = 9 points per log-odds unit: 9, -9, 0.
    # Row 2: sum -1 has the other sign than 30 - 10 = +20 -> secant slope
    # 20 / (logit(0.3) - logit(0.1)) = 20 / 1.3499 = 14.816: -14.816, 0, 0.
    contrib = np.array([[2.0, -1.0, 1.0], [1.0, -1.0, 0.0], [-1.0, 0.0, 0.0]])
    points = score_points(contrib, np.array([42.0, 10.0, 30.0]), 10.0)
    np.testing.assert_allclose(points[0], [32.0, -16.0, 16.0])
    np.testing.assert_allclose(points[1], [9.0, -9.0, 0.0])
    np.testing.assert_allclose(points[2], [-14.816, 0.0, 0.0], atol=1e-3)
    assert secant_slope(np.array([30.0]), 10.0)[0] == pytest.approx(14.816, abs=1e-3)


def test_score_points_fall_back_when_contributions_nearly_cancel() -> None:
    # sum 0.01 of contributions +-5: scaling to 42 - 10 would give +-16,000;
    # the secant slope 32 / (logit(0.42) - logit(0.1)) = 17.07 gives +85, -85.
    contrib = np.array([[5.0, -4.99]])
    points = score_points(contrib, np.array([42.0]), 10.0)
    np.testing.assert_allclose(points, contrib * 17.0717, rtol=1e-4)
    assert np.abs(points).max() < 100


def test_size_band_edges() -> None:
    bands = size_band(pd.Series([0, 1, 49, 50, 4999, 5000, None]), default_size_bands())
    assert bands.tolist() == ["unknown", "1-49", "1-49", "50-199", "1000-4999",
                              "5000+", "unknown"]  # fmt: skip


def test_logistic_model_scores_too() -> None:
    accounts, segments = crm()
    settings = LookalikeSettings(model="logistic", min_positives=10)
    fitted = fit_lookalike(accounts, segments, None, None, AS_OF, settings,
                           default_size_bands())  # fmt: skip
    scored = fitted.score(firms(20, 14))
    assert scored["fit_score"].between(0, 100).all()
    assert scored["reasons"].str.len().gt(0).all()


def test_isotonic_calibration_on_request() -> None:
    accounts, segments = crm()
    settings = LookalikeSettings(calibration="isotonic", min_positives=10)
    fitted = fit_lookalike(accounts, segments, None, None, AS_OF, settings,
                           default_size_bands())  # fmt: skip
    assert fitted.model_card_["calibration"] == "isotonic"
    assert fitted.predict_score(firms(20, 15)).between(0.1, 99.9).all()
