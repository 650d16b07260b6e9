"""Exact search for tiny groups: every assignment is enumerated and scored."""

from __future__ import annotations

import numpy as np

from icpkit.territories.problem import BalanceProblem, relative_violation

MAX_PLANS = 20_000


def plan_count(problem: BalanceProblem) -> int:
    """How many assignments the group has (capped just above MAX_PLANS)."""
    total = 1
    for options in problem.eligible.sum(axis=1):
        total *= int(options)
        if total > MAX_PLANS:
            return MAX_PLANS + 1
    return total


def solve_exact(problem: BalanceProblem) -> np.ndarray:
    """The assignment of least objective (the first one found among equals)."""
    options = [np.flatnonzero(row) for row in problem.eligible]
    grids = np.meshgrid(*options, indexing="ij") if options else []
    plans = np.stack([g.ravel() for g in grids], axis=1) if grids else np.zeros((1, 0))
    plans = plans.astype(int)
    load = np.broadcast_to(problem.fixed, (len(plans), problem.reps, 2)).copy()
    for a in range(problem.accounts):
        np.add.at(load, (np.arange(len(plans)), plans[:, a]), problem.values[a])
    violation = relative_violation(load, problem.target, problem.tolerance).sum(axis=(1, 2))
    owner = problem.owner
    moved = ((owner >= 0) & (plans != owner)).sum(axis=1)
    score = violation + problem.disruption_cost * moved
    return plans[int(np.argmin(score))]
