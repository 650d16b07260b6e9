"""Fix-and-repair: single-account moves that lower the objective, worst rep first;
and a greedy balanced start for groups too big for the LP."""

from __future__ import annotations

import numpy as np

from icpkit.territories.problem import BalanceProblem, loads, relative_violation

IMPROVEMENT = 1e-12
REPS_TRIED_PER_ROUND = 3


def greedy_start(problem: BalanceProblem) -> np.ndarray:
    """Largest accounts first: keep the current owner while it stays under the upper
    window, else give the account to the eligible rep with the lowest relative load."""
    target = np.where(problem.target > 0, problem.target, np.inf)
    load = problem.fixed.copy()
    assign = np.full(problem.accounts, -1)
    order = np.lexsort((np.arange(problem.accounts), -problem.values[:, 0]))
    ceiling = 1.0 + problem.tolerance
    for a in order:
        value, owner = problem.values[a], problem.owner[a]
        fits = owner >= 0 and np.all((load[owner] + value) / target[owner] <= ceiling)
        if fits and problem.eligible[a, owner]:
            assign[a] = owner
            load[owner] += value
            continue
        reps = np.flatnonzero(problem.eligible[a])
        after = ((load[reps] + value) / target[reps]).max(axis=1)
        rep = reps[np.argmin(after)]
        assign[a] = rep
        load[rep] += value
    return assign


# TODO: only single-account moves; pair swaps would close gaps on tiny groups that
# exact search does not cover (more than 20,000 plans).
def repair(problem: BalanceProblem, assign: np.ndarray, max_moves: int) -> int:
    """Apply improving single-account moves in place; returns the number made.

    Each round looks at the reps with the largest violation and makes the move, out of
    or into one of them, that lowers the objective most.
    """
    load = loads(problem, assign)
    for made in range(max_moves):
        violation = relative_violation(load, problem.target, problem.tolerance).sum(
            axis=1
        )
        worst = np.argsort(-violation, kind="stable")[:REPS_TRIED_PER_ROUND]
        best = None
        for rep in worst[violation[worst] > IMPROVEMENT]:
            best = _best_move(problem, assign, load, int(rep))
            if best is not None:
                break
        if best is None:
            return made
        account, to = best
        load[assign[account]] -= problem.values[account]
        load[to] += problem.values[account]
        assign[account] = to
    return max_moves


def _best_move(
    problem: BalanceProblem, assign: np.ndarray, load: np.ndarray, rep: int
) -> tuple[int, int] | None:
    """The move into or out of `rep` that lowers the objective most, if any does."""
    outgoing = np.flatnonzero(assign == rep)
    out_account, out_to = np.nonzero(problem.eligible[outgoing])
    out_account = outgoing[out_account]
    keep = out_to != rep
    incoming = np.flatnonzero(problem.eligible[:, rep] & (assign != rep))
    accounts = np.concatenate([out_account[keep], incoming])
    to = np.concatenate([out_to[keep], np.full(len(incoming), rep)])
    if len(accounts) == 0:
        return None
    gain = _move_change(problem, assign, load, accounts, to)
    pick = int(np.argmin(gain))
    if gain[pick] >= -IMPROVEMENT:
        return None
    return int(accounts[pick]), int(to[pick])


def _move_change(
    problem: BalanceProblem,
    assign: np.ndarray,
    load: np.ndarray,
    accounts: np.ndarray,
    to: np.ndarray,
) -> np.ndarray:
    """Change of the objective if each account moved to its `to` rep."""
    source = assign[accounts]
    value = problem.values[accounts]
    target, tol = problem.target, problem.tolerance

    def change(reps: np.ndarray, new: np.ndarray) -> np.ndarray:
        before = relative_violation(load[reps], target[reps], tol)
        return (relative_violation(new, target[reps], tol) - before).sum(axis=1)

    delta = change(source, load[source] - value) + change(to, load[to] + value)
    owner = problem.owner[accounts]
    moved_before = (owner >= 0) & (source != owner)
    moved_after = (owner >= 0) & (to != owner)
    return delta + problem.disruption_cost * (moved_after.astype(float) - moved_before)
