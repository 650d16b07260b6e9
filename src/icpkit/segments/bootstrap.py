"""Bootstrap over accounts of a segment's NRR against the rest of the base
(DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
CELLS_PER_CHUNK = 4_000_000
MIN_ACCOUNTS_PER_SIDE = 2


def nrr_bootstrap_p(
    arr_start: npt.ArrayLike,
    arr_end: npt.ArrayLike,
    codes: IntArray,
    iterations: int,
    random_state: int,
) -> tuple[FloatArray, FloatArray]:
    """Two-sided bootstrap p-value of NRR(segment) - NRR(rest) for every segment.

    Rows are the accounts of S; `codes` (accounts x groupings) gives each account's
    segment number in each grouping, numbered 0..G-1 across all groupings. Each
    iteration reweights the accounts by Poisson(1) draws (a Poisson bootstrap over
    accounts), shared by every segment so one pass serves them all. p = twice the
    smaller share of iterations on either side of 0, with +1 smoothing. Returns
    (p, observed difference) per segment; NaN where a side has fewer than 2
    accounts."""
    start = np.asarray(arr_start, dtype=float)
    end = np.asarray(arr_end, dtype=float)
    n_groups = int(codes.max()) + 1 if codes.size else 0
    members = _membership(codes, n_groups)
    seg_start, seg_end = members.T @ start, members.T @ end
    observed = _difference(seg_start, seg_end, start.sum(), end.sum())
    below, above, valid = _resample(start, end, members, iterations, random_state)
    p = np.minimum(1.0, 2 * (np.minimum(below, above) + 1) / (valid + 1))
    size = np.asarray(members.sum(axis=0)).ravel()
    small = (size < MIN_ACCOUNTS_PER_SIDE) | (len(start) - size < MIN_ACCOUNTS_PER_SIDE)
    p[small | np.isnan(observed)] = np.nan
    observed[small] = np.nan
    return p, observed


def _membership(codes: IntArray, n_groups: int) -> sparse.csr_matrix:
    rows = np.repeat(np.arange(codes.shape[0]), codes.shape[1])
    data = np.ones(codes.size)
    shape = (codes.shape[0], n_groups)
    return sparse.csr_matrix((data, (rows, codes.ravel())), shape=shape)


def _difference(
    seg_start: FloatArray,
    seg_end: FloatArray,
    total_start: FloatArray | float,
    total_end: FloatArray | float,
) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        segment = seg_end / seg_start
        rest = (total_end - seg_end) / (total_start - seg_start)
        return np.asarray(segment - rest, dtype=float)


def _resample(
    start: FloatArray,
    end: FloatArray,
    members: sparse.csr_matrix,
    iterations: int,
    random_state: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    rng = np.random.default_rng(random_state)
    n_groups = members.shape[1]
    below, above, valid = np.zeros(n_groups), np.zeros(n_groups), np.zeros(n_groups)
    chunk = max(1, CELLS_PER_CHUNK // max(len(start), 1))
    done = 0
    while done < iterations:
        size = min(chunk, iterations - done)
        weights = rng.poisson(1.0, size=(size, len(start))).astype(float)
        seg_start = np.asarray((members.T @ (weights * start).T).T)
        seg_end = np.asarray((members.T @ (weights * end).T).T)
        total_start = (weights @ start)[:, None]
        total_end = (weights @ end)[:, None]
        diff = _difference(seg_start, seg_end, total_start, total_end)
        finite = np.isfinite(diff)
        below += (finite & (diff <= 0)).sum(axis=0)
        above += (finite & (diff >= 0)).sum(axis=0)
        valid += finite.sum(axis=0)
        done += size
    return below, above, valid
