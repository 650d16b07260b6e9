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
    plans = _all_plans([np.flatnonzero(row) for row in problem.eligible])
    load = np.broadcast_to(problem.fixed, (len(plans), problem.reps, 2)).copy()
    for a in range(problem.accounts):
        rows = np.arange(len(plans), dtype=np.int64)
        np.add.at(load, (rows, plans[:, a]), problem.values[a])
    violation = relative_violation(load, problem.target, problem.tolerance).sum(
        axis=(1, 2)
    )
    owner = problem.owner
    moved = ((owner >= 0) & (plans != owner)).sum(axis=1)
    score = violation + problem.disruption_cost * moved
    return plans[int(np.argmin(score))]


def _all_plans(options: list[np.ndarray]) -> np.ndarray:
    """Cartesian product of the accounts' options, one plan per row. Built column by
    column: a group can hold hundreds of accounts with a single option each, more
    dimensions than np.meshgrid accepts."""
    plans = np.zeros((1, 0), dtype=np.int64)
    for choices in options:
        repeated = np.repeat(plans, len(choices), axis=0)
        column = np.tile(np.asarray(choices, dtype=np.int64), len(plans))
        plans = np.column_stack([repeated, column])
    return plans
