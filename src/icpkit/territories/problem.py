"""The balancing problem of one group of reps, and the objective every solver shares.

For rep r and measure m (potential, workload) the relative violation is how far the
rep's load lies outside the window (1 +/- tolerance) x target, as a share of the target
(DEFINITIONS 8). The objective is the sum of relative violations plus a small
disruption cost per account moved away from a current owner of the group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MEASURES = ("potential", "workload")


@dataclass(frozen=True)
class BalanceProblem:
    """Free accounts of one group of reps, in local indices.

    values: (accounts, 2) potential and workload; eligible: (accounts, reps) bool;
    owner: (accounts,) local rep index of the current owner, -1 when the owner is not
    a rep of the group; fixed: (reps, 2) loads of held accounts; target: (reps, 2).
    """

    values: np.ndarray
    eligible: np.ndarray
    owner: np.ndarray
    fixed: np.ndarray
    target: np.ndarray
    tolerance: float
    disruption_cost: float

    @property
    def accounts(self) -> int:
        return int(self.values.shape[0])

    @property
    def reps(self) -> int:
        return int(self.target.shape[0])


def relative_violation(
    loads: np.ndarray, target: np.ndarray, tolerance: float
) -> np.ndarray:
    """Share of the target by which each load lies outside (1 +/- tolerance) x target;
    0 where the target is 0 (nothing to balance). Works on any trailing (reps, 2)."""
    safe = np.where(target > 0, target, 1.0)
    ratio = loads / safe
    over = np.maximum(ratio - (1.0 + tolerance), 0.0)
    under = np.maximum((1.0 - tolerance) - ratio, 0.0)
    return np.where(target > 0, over + under, 0.0)


def loads(problem: BalanceProblem, assign: np.ndarray) -> np.ndarray:
    """(reps, 2) loads: held accounts plus the assigned free accounts."""
    total = problem.fixed.copy()
    for m in range(len(MEASURES)):
        total[:, m] += np.bincount(
            assign, weights=problem.values[:, m], minlength=problem.reps
        )
    return total


def moves(problem: BalanceProblem, assign: np.ndarray) -> int:
    """Accounts assigned away from a current owner who is a rep of the group."""
    return int(((problem.owner >= 0) & (assign != problem.owner)).sum())


def objective(problem: BalanceProblem, assign: np.ndarray) -> float:
    """Sum of relative violations plus disruption_cost per move."""
    violation = relative_violation(
        loads(problem, assign), problem.target, problem.tolerance
    )
    return float(violation.sum()) + problem.disruption_cost * moves(problem, assign)
