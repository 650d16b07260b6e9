"""Won opportunities that earn commission, and the ones counted but not paid."""

from __future__ import annotations

from datetime import date

import pandas as pd

from icpkit.comp.findings import Finding, Severity, first_example


def won_opportunities(
    opps: pd.DataFrame, as_of: date
) -> tuple[pd.DataFrame, list[Finding]]:
    """Won opportunities closed by as_of with a usable amount, plus what was left out.

    A won opportunity without owner stays in (it is won, and it ends the activity
    credit of its account) but its commission goes to nobody: it is a finding.
    """
    won = opps.loc[opps["status"] == "won"]
    no_close = won["close_date"].isna()
    later = won["close_date"] > pd.Timestamp(as_of)
    no_amount = won["amount"].isna()
    negative = won["amount"] < 0
    duplicate = won["opportunity_id"].duplicated()
    keep = ~(no_close | later | no_amount | negative | duplicate)
    kept = won.loc[keep]
    no_owner = kept["owner_id"].isna()
    ids = won["opportunity_id"]
    findings = [
        _finding(
            "won opportunity without close_date",
            "warning",
            ids[no_close],
            "left out of commission",
        ),
        _finding(
            "won opportunity closed after as_of",
            "info",
            ids[later],
            f"closes after {as_of}; left out",
        ),
        _finding(
            "won opportunity without amount",
            "warning",
            ids[no_amount],
            "left out of commission",
        ),
        _finding(
            "won opportunity with negative amount",
            "warning",
            ids[negative],
            "left out of commission",
        ),
        _finding(
            "duplicate opportunity_id", "error", ids[duplicate], "later copies left out"
        ),
        _finding(
            "won opportunity without owner",
            "warning",
            kept.loc[no_owner, "opportunity_id"],
            f"commission on {kept.loc[no_owner, 'amount'].sum():,.2f} goes to no rep",
        ),
        _finding(
            "won opportunity without account",
            "info",
            kept.loc[kept["account_id"].isna(), "opportunity_id"],
            "paid base commission; no TAL tier, so no ICP accelerator",
        ),
    ]
    return kept, findings


def _finding(check: str, severity: Severity, ids: pd.Series, detail: str) -> Finding:
    return Finding(
        "opportunities", check, severity, len(ids), detail, first_example(ids)
    )
