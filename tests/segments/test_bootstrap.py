"""Bootstrap over accounts of NRR against the rest (DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import pytest

from icpkit.segments.bootstrap import nrr_bootstrap_p


def accounts(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """40 accounts: segment 0 grows about 2x, segment 1 about 1x (noisy)."""
    rng = np.random.default_rng(seed)
    start = rng.uniform(50, 150, size=40)
    growth = np.where(np.arange(40) < 20, 2.0, 1.0) * rng.uniform(0.9, 1.1, 40)
    codes = (np.arange(40) >= 20).astype(np.int64)[:, None]
    return start, start * growth, codes


def test_clear_difference_is_significant_with_right_sign() -> None:
    start, end, codes = accounts(1)
    p, diff = nrr_bootstrap_p(start, end, codes, iterations=500, random_state=0)
    assert p[0] < 0.01 and p[1] < 0.01
    assert diff[0] > 0 > diff[1]
    seg = end[:20].sum() / start[:20].sum()
    rest = end[20:].sum() / start[20:].sum()
    assert diff[0] == pytest.approx(seg - rest)


def test_no_difference_is_not_significant_and_seed_reproduces() -> None:
    start, _, codes = accounts(2)
    end = start * np.random.default_rng(3).uniform(0.9, 1.1, 40)
    first = nrr_bootstrap_p(start, end, codes, iterations=300, random_state=7)
    again = nrr_bootstrap_p(start, end, codes, iterations=300, random_state=7)
    assert first[0][0] > 0.05
    np.testing.assert_array_equal(first[0], again[0])


def test_single_account_segment_is_not_tested() -> None:
    start, end, _ = accounts(4)
    codes = np.where(np.arange(40) == 0, 0, 1).astype(np.int64)[:, None]
    p, diff = nrr_bootstrap_p(start, end, codes, iterations=100, random_state=0)
    assert np.isnan(p[0]) and np.isnan(diff[0])
