"""A lower bound on the objective of every plan, by Lagrangian duality.

Pricing each rep's load of measure m at lambda[r, m] splits the problem: each
account picks its cheapest eligible rep (disruption cost plus priced values), and each
rep's violation g(y) is traded against its priced load y >= 0. For any prices,

    L(lambda) = sum lambda F + sum_a min_r (c[a,r] + lambda[r] . v[a])
                + sum_(r,m) min_(y >= 0) (g(y) - lambda y)

is at most the objective of any plan, fractional or whole (weak duality); at the LP's
own balance-row prices it equals the LP optimum when the LP is not pooled.
"""

from __future__ import annotations

import numpy as np

from icpkit.territories.problem import BalanceProblem, relative_violation

CHUNK = 100_000


def lagrangian_bound(problem: BalanceProblem, prices: np.ndarray) -> float:
    """L(prices) for a (reps, 2) array; prices are clipped to where L is finite."""
    target = problem.target
    safe = np.where(target > 0, target, 1.0)
    prices = np.where(target > 0, np.minimum(prices, 1.0 / safe), 0.0)
    total = float((prices * problem.fixed).sum())
    total += _account_terms(problem, prices)
    return total + _rep_terms(problem, prices)


def _account_terms(problem: BalanceProblem, prices: np.ndarray) -> float:
    total = 0.0
    reps = np.arange(problem.reps)
    for start in range(0, problem.accounts, CHUNK):
        part = slice(start, start + CHUNK)
        values, owner = problem.values[part], problem.owner[part]
        cost = values @ prices.T
        moved = (owner[:, None] >= 0) & (reps[None, :] != owner[:, None])
        cost = cost + problem.disruption_cost * moved
        cost = np.where(problem.eligible[part], cost, np.inf)
        total += float(cost.min(axis=1).sum())
    return total


def _rep_terms(problem: BalanceProblem, prices: np.ndarray) -> float:
    """min over y >= 0 of g(y) - lambda y, at the kinks 0, lo and hi of g."""
    target, tol = problem.target, problem.tolerance
    best = np.full(target.shape, np.inf)
    for share in (0.0, 1.0 - tol, 1.0 + tol):
        y = share * target
        value = relative_violation(y, target, tol) - prices * y
        best = np.minimum(best, value)
    return float(best.sum())
