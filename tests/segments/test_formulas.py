"""Hand-worked cases for the segment formulas (DEFINITIONS.md sections 3 and 4)."""

from __future__ import annotations

import math
from datetime import date

import ibis
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from icpkit.config import SegmentsSettings
from icpkit.errors import ConfigError
from icpkit.segments import size_band
from icpkit.segments.accounts import months_before
from icpkit.segments.multiple_testing import benjamini_hochberg
from icpkit.segments.rank_test import mann_whitney_p, tie_term, with_average_ranks
from icpkit.segments.retention import customer_lifetime_value
from icpkit.segments.score import check_weights, metric_index, segment_score
from icpkit.segments.shrinkage import shrink_continuous
from icpkit.segments.table import groupings
from icpkit.segments.tam import tam_value
from icpkit.segments.tiers import assign_tiers
from icpkit.segments.win_rate import shrink_win_rate, two_proportion_p, wilson_interval


def test_wilson_matches_textbook_value() -> None:
    # Newcombe (1998), Stat Med 17:857, example: 81 of 263 -> 0.2553 to 0.3662.
    low, high = wilson_interval([81], [263])
    assert low[0] == pytest.approx(0.2553, abs=1e-4)
    assert high[0] == pytest.approx(0.3662, abs=1e-4)


def test_wilson_matches_manual_formula_and_zero_successes() -> None:
    z = 1.959963984540054
    n, p = 10, 0.3
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = wilson_interval([3, 0, 0], [10, 10, 0])
    assert low[0] == pytest.approx(centre - half)
    assert high[0] == pytest.approx(centre + half)
    # 0 of 10: lower bound 0, upper z²/(n + z²).
    assert low[1] == pytest.approx(0.0)
    assert high[1] == pytest.approx(z * z / (10 + z * z))
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_win_rate_shrinkage_pulls_toward_overall() -> None:
    # (3 + 20 x 0.5) / (5 + 20) = 13 / 25
    assert shrink_win_rate([3], [5], 0.5, 20.0)[0] == pytest.approx(0.52)
    # no prior: the raw rate
    assert shrink_win_rate([3], [5], 0.5, 0.0)[0] == pytest.approx(0.6)


def test_continuous_shrinkage_weight_and_missing() -> None:
    # w = 10 / (10 + 10) = 0.5 -> 0.5 x 100 + 0.5 x 50 = 75
    shrunk = shrink_continuous([100.0, 100.0, np.nan], [10, 0, 3], 50.0, 10.0)
    assert shrunk[0] == pytest.approx(75.0)
    assert np.isnan(shrunk[1]) and np.isnan(shrunk[2])


def test_two_proportion_hand_example() -> None:
    # segment 30/50 vs rest 20/50: pooled 0.5, se 0.1, z 2 -> p 0.0455
    p = two_proportion_p([30, 50, 0], [50, 100, 0], 50.0, 100.0)
    assert p[0] == pytest.approx(2 * stats.norm.sf(2.0))
    assert p[0] == pytest.approx(0.0455, abs=1e-4)
    assert np.isnan(p[1])  # the segment is the whole base: no rest
    assert np.isnan(p[2])  # nothing closed


def test_benjamini_hochberg_hand_example() -> None:
    # sorted 0.005, 0.01, 0.03, 0.04 -> x4/1, x4/2, x4/3, x4/4 = .02 .02 .04 .04
    q = benjamini_hochberg([0.01, 0.04, np.nan, 0.03, 0.005])
    expected = [0.02, 0.04, np.nan, 0.04, 0.02]
    np.testing.assert_allclose(q, expected, equal_nan=True)


def test_benjamini_hochberg_is_monotone_and_capped() -> None:
    q = benjamini_hochberg([0.9, 0.8, 0.01])
    np.testing.assert_allclose(q, [0.9, 0.9, 0.03])
    assert np.isnan(benjamini_hochberg([np.nan])).all()


def test_geometric_score_with_a_missing_metric() -> None:
    weights = {"win_rate": 1.0, "median_cycle_days": 0.5, "mean_won_amount": 1.0}
    indices = pd.DataFrame(
        {
            "win_rate": [1.2, 1.2, np.nan],
            "median_cycle_days": [np.nan, 2.0, np.nan],
            "mean_won_amount": [0.9, 0.9, np.nan],
        }
    )
    score = segment_score(indices, weights)
    # cycle missing: weights renormalise over win rate and deal size
    assert score[0] == pytest.approx(math.sqrt(1.2 * 0.9))
    assert score[1] == pytest.approx((1.2 * 0.9 * 2.0**0.5) ** (1 / 2.5))
    assert np.isnan(score[2])


def test_cycle_index_is_inverted() -> None:
    assert metric_index([40.0], 60.0, "median_cycle_days")[0] == pytest.approx(1.5)
    assert metric_index([0.6], 0.5, "win_rate")[0] == pytest.approx(1.2)
    assert np.isnan(metric_index([0.6], 0.0, "win_rate")[0])


def test_unknown_weight_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown metric.*'speed'"):
        check_weights({"speed": 1.0})


def test_unknown_dimension_is_a_config_error() -> None:
    settings = SegmentsSettings(dimensions=["industry", "country"])
    with pytest.raises(ConfigError, match="unknown dimension 'country'"):
        groupings(settings)


def test_tier_rules() -> None:
    settings = SegmentsSettings()
    tiers = assign_tiers(
        score=[1.2, 1.2, 1.2, 1.05, 0.9, np.nan, 1.10],
        accounts=[5, 4, 9, 9, 9, 9, 5],
        significant_better=[True, True, False, True, True, True, True],
        settings=settings,
    )
    # A needs all three; falls to B on score >= 1.0; C below or without score.
    assert list(tiers) == ["A", "B", "B", "B", "C", "C", "A"]


def test_clv_hand_example() -> None:
    # ACV 150, margin 0.8, nrr 0.5, r 0.1, H 2: 150 x 0.8 x (1 + 0.5/1.1)
    clv = customer_lifetime_value([150.0, np.nan], [0.5, 1.0], 0.8, 2, 0.10)
    assert clv[0] == pytest.approx(120 * (1 + 0.5 / 1.1))
    assert np.isnan(clv[1])


def test_tam_value_uses_overall_median_for_small_segments() -> None:
    value = tam_value([3, 3], [100.0, 100.0], [12, 5], overall_median=40.0)
    assert list(value) == [300.0, 120.0]


def test_months_before_uses_calendar_months() -> None:
    assert months_before(date(2024, 12, 31), 12) == date(2023, 12, 31)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2024, 1, 15), 13) == date(2022, 12, 15)


def test_size_band_labels_and_unknown() -> None:
    employees = pd.DataFrame({"e": pd.array([None, 0, 1, 49, 50, 999, 5000], "Int64")})
    table = ibis.memtable(employees)
    labels = table.select(b=size_band(table.e, SegmentsSettings().size_bands))
    result = labels.to_pandas()["b"].tolist()
    assert result == [
        "unknown",
        "unknown",
        "1-49",
        "1-49",
        "50-199",
        "200-999",
        "5000+",
    ]


def test_mann_whitney_from_engine_ranks_matches_scipy() -> None:
    values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0]
    in_segment = [
        True,
        False,
        True,
        False,
        True,
        True,
        False,
        False,
        True,
        False,
        False,
    ]
    frame = pd.DataFrame({"v": values, "s": in_segment})
    table = ibis.memtable(frame)
    ranked = with_average_ranks(table, "v", "rank").to_pandas()
    np.testing.assert_allclose(
        ranked.sort_values(["v"])["rank"].to_numpy(),
        stats.rankdata(sorted(values)),
    )
    segment = ranked[ranked["s"]]
    p, direction = mann_whitney_p(
        [len(segment)],
        [segment["rank"].sum()],
        len(values),
        float(tie_term(table, "v").execute()),
    )
    x = [v for v, s in zip(values, in_segment, strict=True) if s]
    y = [v for v, s in zip(values, in_segment, strict=True) if not s]
    expected = stats.mannwhitneyu(x, y, method="asymptotic")
    assert p[0] == pytest.approx(expected.pvalue)
    assert direction[0] > 0  # the segment's values are larger
