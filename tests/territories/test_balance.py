from __future__ import annotations

import math

import numpy as np
import pandas as pd

from icpkit.territories.balance import balance_table, gini, max_min_ratio


def test_gini_hand_example() -> None:
    # pairs |xi - xj| over ordered pairs: 2 * (1+2+3+1+2+1) = 20; 2 n^2 mean = 80
    assert gini(np.array([1.0, 2.0, 3.0, 4.0])) == 0.25
    assert gini(np.array([5.0, 5.0, 5.0])) == 0.0
    # one rep holds everything: (n - 1) / n
    assert math.isclose(gini(np.array([0.0, 0.0, 0.0, 8.0])), 0.75)


def test_gini_is_null_without_load() -> None:
    assert math.isnan(gini(np.array([0.0, 0.0])))
    assert math.isnan(gini(np.array([])))


def test_max_min_ratio() -> None:
    assert max_min_ratio(np.array([2.0, 4.0, 8.0])) == 4.0
    assert math.isnan(max_min_ratio(np.array([0.0, 3.0])))


def test_balance_table_divides_by_capacity_and_counts_reps_inside() -> None:
    summary = pd.DataFrame(
        {
            "capacity": [1.0, 0.5, 0.0],
            "potential": [100.0, 60.0, 10.0],
            "potential_target": [100.0, 50.0, 0.0],
            "workload": [10.0, 5.0, 0.0],
            "workload_target": [10.0, 5.0, 0.0],
        }
    )
    table = balance_table(summary, tolerance=0.1).set_index("measure")
    # per capacity 100 and 120; the capacity-0 rep is left out
    assert math.isclose(table.loc["potential", "max_min_ratio"], 1.2)
    assert math.isclose(table.loc["potential", "gini"], 40 / (2 * 4 * 110))
    assert table.loc["potential", "share_within_tolerance"] == 0.5
    assert table.loc["workload", "share_within_tolerance"] == 1.0
