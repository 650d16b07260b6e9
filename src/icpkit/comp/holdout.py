"""Who is credited with a won opportunity after an account moves (DEFINITIONS 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

MOVE_COLUMNS = ("account_id", "current_owner", "assigned_rep", "owner_changed")


def account_moves(territories: pd.DataFrame | None) -> pd.DataFrame:
    """Accounts that move to another rep: account_id, former_owner, new_owner."""
    columns = ["account_id", "former_owner", "new_owner"]
    if territories is None or territories.empty:
        return pd.DataFrame(columns=columns)
    # A blank owner_changed means no move was recorded for the account.
    moved = territories.loc[
        territories["owner_changed"].astype("boolean").fillna(False)
        & territories["current_owner"].notna()
        & territories["assigned_rep"].notna()
        & territories["account_id"].notna()
        & (territories["current_owner"] != territories["assigned_rep"])
    ]
    moved = moved.rename(
        columns={"current_owner": "former_owner", "assigned_rep": "new_owner"}
    )
    return moved[columns].drop_duplicates("account_id")


def open_at_move(opportunities: pd.DataFrame, move_date: date) -> pd.Series:
    """Opportunities open on the move date: created by then, not closed by then."""
    moment = pd.Timestamp(move_date)
    created = opportunities["created_date"]
    closed = opportunities["close_date"]
    # No created_date: the opportunity existed before it closed, so it counts as open.
    return (created.isna() | (created <= moment)) & (closed.isna() | (closed > moment))


# TODO: the move date defaults to as_of, so within one run no won deal can fall in
# the holdout; credit applies when a later run passes the earlier move_date.
def credit_owners(
    won: pd.DataFrame, moves: pd.DataFrame, move_date: date, holdout_days: int
) -> pd.DataFrame:
    """Add credited_rep and credit_rule to won opportunities (DEFINITIONS 9, holdout).

    An opportunity on a moved account, open at the move and won within holdout_days of
    it, is credited to the former owner (rule holdout_credit); one won later goes to
    the new owner. Every other opportunity is credited to its owner. Never both reps.
    """
    out = won.merge(moves, on="account_id", how="left")
    out.index = won.index
    out["credited_rep"] = out["owner_id"]
    out["credit_rule"] = "base_commission"
    out["credit_note"] = ""
    on_moved = out["former_owner"].notna() & open_at_move(out, move_date)
    window_end = pd.Timestamp(move_date + timedelta(days=holdout_days))
    kept = on_moved & (out["close_date"] <= window_end)
    passed = on_moved & ~kept
    out.loc[kept, "credited_rep"] = out.loc[kept, "former_owner"]
    out.loc[kept, "credit_rule"] = "holdout_credit"
    out.loc[kept, "credit_note"] = f"; holdout after the move on {move_date}"
    out.loc[passed, "credited_rep"] = out.loc[passed, "new_owner"]
    out.loc[passed, "credit_note"] = f"; account moved on {move_date}, holdout over"
    return out
