"""The balancing assignment (DEFINITIONS 8): groups of reps that share accounts are
solved apart; each by exact search when tiny, else LP relaxation (HiGHS), rounding
and repair, or a greedy start and repair when the LP is too big."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from icpkit.territories.exact import MAX_PLANS, plan_count, solve_exact
from icpkit.territories.problem import (
    BalanceProblem,
    loads,
    moves,
    objective,
    relative_violation,
)
from icpkit.territories.relaxation import solve_relaxation
from icpkit.territories.repair import greedy_start, repair

log = logging.getLogger(__name__)

DISRUPTION_WEIGHT = 0.1
EXACT = "exact"
LP = "lp+repair"
GREEDY = "greedy+repair"


@dataclass(frozen=True)
class Accounts:
    """Arrays over the accounts considered: values (n, 2) potential and workload;
    owner and held_by hold rep positions, -1 for none."""

    values: np.ndarray
    owner: np.ndarray
    held_by: np.ndarray
    eligible: np.ndarray


@dataclass(frozen=True)
class GroupResult:
    method: str
    lp_bound: float | None
    objective: float
    seconds: float


@dataclass(frozen=True)
class Plan:
    """assign: rep position per account (-1 unassigned); target (reps, 2); group per
    rep; one GroupResult per group with free accounts."""

    assign: np.ndarray
    target: np.ndarray
    group: np.ndarray
    results: list[GroupResult]


def rep_groups(eligible: np.ndarray) -> np.ndarray:
    """Group label per rep: reps linked through an account both may own."""
    links = sp.csr_matrix(eligible.astype(np.int32))
    shared = (links.T @ links) > 0
    _, label = connected_components(shared, directed=False)
    return np.asarray(label)


def group_targets(
    accounts: Accounts, assign: np.ndarray, capacity: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """Capacity-weighted mean load of each rep's group, times its capacity share."""
    account_group = np.where(assign >= 0, group[np.maximum(assign, 0)], -1)
    target = np.zeros((len(capacity), 2))
    for g in np.unique(group):
        reps = group == g
        total = accounts.values[account_group == g].sum(axis=0)
        capacity_sum = capacity[reps].sum()
        if capacity_sum > 0:
            target[reps] = np.outer(capacity[reps] / capacity_sum, total)
    return target


def plan_assignment(
    accounts: Accounts,
    capacity: np.ndarray,
    tolerance: float,
    disruption_weight: float = DISRUPTION_WEIGHT,
) -> Plan:
    """Assign every free account with an eligible rep; held accounts stay put."""
    group = rep_groups(accounts.eligible)
    assign = accounts.held_by.copy()
    free = (assign < 0) & accounts.eligible.any(axis=1)
    # a free account's group is the group of any of its eligible reps
    first_rep = np.argmax(accounts.eligible, axis=1)
    assign[free] = first_rep[free]
    target = group_targets(accounts, assign, capacity, group)
    results = []
    for g in np.unique(group[first_rep[free]]):
        members = np.flatnonzero(free & (group[first_rep] == g))
        reps = np.flatnonzero(group == g)
        problem = _group_problem(accounts, members, reps, assign, target, tolerance)
        problem = _with_disruption(problem, members, assign, reps, disruption_weight)
        local, result = solve_group(problem)
        assign[members] = reps[local]
        results.append(result)
    return Plan(assign=assign, target=target, group=group, results=results)


def _group_problem(
    accounts: Accounts,
    members: np.ndarray,
    reps: np.ndarray,
    assign: np.ndarray,
    target: np.ndarray,
    tolerance: float,
) -> BalanceProblem:
    position = np.full(len(target), -1)
    position[reps] = np.arange(len(reps))
    held = np.flatnonzero(accounts.held_by >= 0)
    held = held[position[accounts.held_by[held]] >= 0]
    fixed = np.zeros((len(reps), 2))
    np.add.at(fixed, position[accounts.held_by[held]], accounts.values[held])
    owner = accounts.owner[members]
    return BalanceProblem(
        values=accounts.values[members],
        eligible=accounts.eligible[np.ix_(members, reps)],
        owner=np.where(owner >= 0, position[np.maximum(owner, 0)], -1),
        fixed=fixed,
        target=target[reps],
        tolerance=tolerance,
        disruption_cost=0.0,
    )


def _with_disruption(
    problem: BalanceProblem,
    members: np.ndarray,
    assign: np.ndarray,
    reps: np.ndarray,
    weight: float,
) -> BalanceProblem:
    """Cost per move: `weight` x the mean account's share of a rep's target, so a move
    must cut violations by a tenth of the account's size (weight 0.1) to be worth it."""
    in_group = np.isin(assign, reps).sum()
    cost = weight * len(reps) / max(int(in_group), 1)
    return replace(problem, disruption_cost=cost)


def solve_group(problem: BalanceProblem) -> tuple[np.ndarray, GroupResult]:
    """Solve one group; the plan is in local rep positions."""
    started = time.perf_counter()
    bound: float | None = None
    if plan_count(problem) <= MAX_PLANS:
        assign, method = solve_exact(problem), EXACT
    else:
        relaxation = solve_relaxation(problem)
        if relaxation is None:
            assign, method = greedy_start(problem), GREEDY
        else:
            assign, method, bound = relaxation.start, LP, relaxation.bound
        made = repair(problem, assign, max_moves=2000 + 10 * problem.reps)
        log.debug("repair made %d moves", made)
    value = objective(problem, assign)
    seconds = time.perf_counter() - started
    _log_group(problem, assign, method, bound, value, seconds)
    return assign, GroupResult(method, bound, value, seconds)


def _log_group(
    problem: BalanceProblem,
    assign: np.ndarray,
    method: str,
    bound: float | None,
    value: float,
    seconds: float,
) -> None:
    violation = relative_violation(
        loads(problem, assign), problem.target, problem.tolerance
    )
    log.info(
        "balanced %d accounts over %d reps by %s in %.2f s: LP bound %s, "
        "plan objective %.6f, largest violation %.4f, %d moves",
        problem.accounts,
        problem.reps,
        method,
        seconds,
        "n/a" if bound is None else f"{bound:.6f}",
        value,
        float(violation.max(initial=0.0)),
        moves(problem, assign),
    )
