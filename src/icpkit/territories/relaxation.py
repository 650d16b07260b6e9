"""The LP relaxation of the balancing problem, solved with HiGHS, and its rounding.

Accounts that share eligible reps, current owner and workload are pooled into classes
and split into potential bins (quantiles within the pool). For each class c and
eligible rep r the LP has n[c,r] in [0, |c|], the number of the class's accounts given
to r, each counted at the class's mean potential; elastic balance rows per rep and
measure, slack penalised; a disruption cost on moves. With one account per class this
is the plain relaxation of x[a,r] in [0,1]; pooling keeps 50,000 accounts x 20 reps at
a few thousand columns. Because pooling averages potential, the LP optimum itself is
not a bound: the reported bound is the Lagrangian dual value at the LP's balance-row
prices (bound.py), a valid lower bound on every integral plan.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from icpkit.territories.bound import lagrangian_bound
from icpkit.territories.problem import BalanceProblem

log = logging.getLogger(__name__)

POTENTIAL_BINS = 16
MAX_PAIRS = 400_000
TIME_LIMIT_SECONDS = 60.0


@dataclass(frozen=True)
class Classes:
    """Accounts pooled into classes; `order` lists accounts class by class, each
    class by potential descending, class c spanning order[start[c]:start[c+1]]."""

    order: np.ndarray
    start: np.ndarray
    pattern: np.ndarray  # (classes, reps) bool: eligible reps of the class
    owner: np.ndarray
    count: np.ndarray
    potential: np.ndarray
    workload: np.ndarray


@dataclass(frozen=True)
class Relaxation:
    bound: float
    start: np.ndarray  # an integral assignment rounded from the LP solution


def pool_accounts(problem: BalanceProblem, bins: int = POTENTIAL_BINS) -> Classes:
    """Classes of accounts with equal eligible reps, owner and workload, cut into at
    most `bins` potential quantiles."""
    packed = np.packbits(problem.eligible, axis=1)
    _, pattern = np.unique(packed, axis=0, return_inverse=True)
    keys = np.column_stack([pattern.ravel(), problem.owner, problem.values[:, 1]])
    _, group = np.unique(keys, axis=0, return_inverse=True)
    group = group.ravel()
    order = np.lexsort((np.arange(problem.accounts), -problem.values[:, 0], group))
    sizes = np.bincount(group)
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank = np.arange(problem.accounts) - first[group[order]]
    quantile = rank * bins // sizes[group[order]]
    fresh = np.ones(len(order), dtype=bool)
    fresh[1:] = (group[order][1:] != group[order][:-1]) | (
        quantile[1:] != quantile[:-1]
    )
    start = np.concatenate([np.flatnonzero(fresh), [len(order)]])
    return _class_table(problem, order, start)


def _class_table(
    problem: BalanceProblem, order: np.ndarray, start: np.ndarray
) -> Classes:
    head = order[start[:-1]]
    label = np.repeat(np.arange(len(head)), np.diff(start))
    potential = problem.values[order, 0]
    return Classes(
        order=order,
        start=start,
        pattern=problem.eligible[head],
        owner=problem.owner[head],
        count=np.diff(start).astype(float),
        potential=np.bincount(label, weights=potential),
        workload=problem.values[head, 1],
    )


def solve_relaxation(problem: BalanceProblem) -> Relaxation | None:
    """Solve the pooled LP, round it and bound it; None when it is too big or HiGHS
    fails."""
    classes = pool_accounts(problem)
    pair_class, pair_rep = np.nonzero(classes.pattern)
    if len(pair_class) > MAX_PAIRS:
        log.info("LP skipped: %d class-rep pairs > %d", len(pair_class), MAX_PAIRS)
        return None
    highs, balance_row = _build(problem, classes, pair_class, pair_rep)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        log.info("LP not solved: %s", highs.modelStatusToString(highs.getModelStatus()))
        return None
    solution = highs.getSolution()
    count = np.asarray(solution.col_value)[: len(pair_class)]
    row_dual = np.asarray(solution.row_dual)
    prices = np.where(balance_row >= 0, row_dual[np.maximum(balance_row, 0)], 0.0)
    start = _round(problem, classes, pair_class, pair_rep, count)
    # TODO: the bound at pooled-LP prices is valid but can be loose (0 where the plan
    # only pays disruption); a few subgradient steps on the prices would tighten it.
    bound = max(lagrangian_bound(problem, -prices), lagrangian_bound(problem, prices))
    return Relaxation(bound=max(bound, 0.0), start=start)


def _build(
    problem: BalanceProblem,
    classes: Classes,
    pair_class: np.ndarray,
    pair_rep: np.ndarray,
) -> tuple[highspy.Highs, np.ndarray]:
    """The LP as one column-wise sparse matrix: a row per class (its accounts are
    all assigned), a ranged row per rep and measure with two slack columns."""
    pairs, n_classes = len(pair_class), len(classes.count)
    active_rep, active_measure = np.nonzero(problem.target > 0)
    target = problem.target[active_rep, active_measure]
    balance_row = np.full((problem.reps, 2), -1)
    balance_row[active_rep, active_measure] = n_classes + np.arange(len(target))
    j, k = np.arange(pairs), np.arange(len(target))
    mean = classes.potential / classes.count
    rows, cols, vals = [pair_class], [j], [np.ones(pairs)]
    for m, per_account in enumerate((mean, classes.workload)):
        on = balance_row[pair_rep, m] >= 0
        rows.append(balance_row[pair_rep[on], m])
        cols.append(j[on])
        vals.append(per_account[pair_class[on]])
    rows += [n_classes + k, n_classes + k]
    cols += [pairs + k, pairs + len(k) + k]
    vals += [-target, target]
    shape = (n_classes + len(k), pairs + 2 * len(k))
    matrix = sp.csc_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=shape,
    )
    fixed = problem.fixed[active_rep, active_measure]
    tol = problem.tolerance
    row_low = np.concatenate([classes.count, (1 - tol) * target - fixed])
    row_high = np.concatenate([classes.count, (1 + tol) * target - fixed])
    moved = (classes.owner[pair_class] >= 0) & (classes.owner[pair_class] != pair_rep)
    cost = np.concatenate([moved * problem.disruption_cost, np.ones(2 * len(k))])
    upper = np.concatenate([classes.count[pair_class], np.full(2 * len(k), np.inf)])
    return _highs(matrix, cost, upper, row_low, row_high), balance_row


def _highs(
    matrix: sp.csc_matrix,
    cost: np.ndarray,
    upper: np.ndarray,
    row_low: np.ndarray,
    row_high: np.ndarray,
) -> highspy.Highs:
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(matrix.shape[1])
    lp.col_upper_ = upper
    lp.row_lower_ = row_low
    lp.row_upper_ = row_high
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    with _native_stdout_silenced():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("time_limit", TIME_LIMIT_SECONDS)
    highs.passModel(lp)
    return highs


def _round(
    problem: BalanceProblem,
    classes: Classes,
    pair_class: np.ndarray,
    pair_rep: np.ndarray,
    count: np.ndarray,
) -> np.ndarray:
    """Whole accounts per class and rep (largest remainder); the argmax rep for a
    class of one account."""
    assign = np.full(problem.accounts, -1)
    pair_start = np.searchsorted(pair_class, np.arange(len(classes.count) + 1))
    for c in range(len(classes.count)):
        members = classes.order[classes.start[c] : classes.start[c + 1]]
        span = slice(pair_start[c], pair_start[c + 1])
        if len(members) == 1:
            assign[members[0]] = pair_rep[span][np.argmax(count[span])]
            continue
        whole = _largest_remainder(count[span], len(members))
        assign[members] = np.repeat(pair_rep[span], whole)
    return assign


def _largest_remainder(shares: np.ndarray, total: int) -> np.ndarray:
    """Integers summing to `total`, each the floor of its share or one more."""
    shares = np.clip(shares, 0.0, None)
    whole = np.floor(shares + 1e-9).astype(int)
    short = total - int(whole.sum())
    if short > 0:
        whole[np.argsort(-(shares - whole), kind="stable")[:short]] += 1
    while short < 0:
        # numerical noise made the floors overshoot: take back from the largest
        largest = int(np.argmax(whole))
        whole[largest] -= 1
        short += 1
    return whole


@contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """HiGHS 1.16 prints its banner from C++ when constructed, before output_flag
    can be set; it would land in the middle of the CLI's output."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
