"""Cohort net revenue retention, split ICP / non-ICP (DEFINITIONS 3 and 7)."""

from __future__ import annotations

from datetime import date

import ibis

from icpkit.metrics.quarters import quarter_label
from icpkit.metrics.scopes import ratio, scoped

KEYS = ("quarter", "scope", "scope_id")


def _paid(subscriptions: ibis.Table, as_of: date) -> ibis.Table:
    """Subscriptions that count towards ARR: not trials, started by as_of.

    An unknown is_trial counts as paid: the flag is optional in the canonical table."""
    subs = subscriptions.select(
        "account_id",
        start_date=subscriptions.start_date.cast("date"),
        end_date=subscriptions.end_date.cast("date"),
        arr=subscriptions.arr.cast("float64"),
        is_trial=subscriptions.is_trial.cast("boolean"),
    )
    return subs.filter(~subs.is_trial.fill_null(False) & (subs.start_date <= as_of))


def account_cohorts(account_icp: ibis.Table, paid: ibis.Table) -> ibis.Table:
    """account_id, cohort, is_icp: the cohort given in account_icp, else the quarter
    of the account's first ARR > 0 (DEFINITIONS 3)."""
    if "cohort" in account_icp.columns:
        given = account_icp.filter(account_icp.cohort.notnull())
        return given.select("account_id", "is_icp", cohort=given.cohort.cast("string"))
    first = paid.filter(paid.arr > 0).aggregate(
        by="account_id", first_arr=paid.start_date.min()
    )
    first = first.mutate(cohort=quarter_label(first.first_arr)).drop("first_arr")
    return first.join(account_icp.select("account_id", "is_icp"), "account_id")


def _arr_at(subs: ibis.Table, day: ibis.Value) -> ibis.Value:
    """ARR(a, d): sum of arr with start_date <= d and (end_date null or > d)."""
    live = (subs.start_date <= day) & (subs.end_date.isnull() | (subs.end_date > day))
    return subs.arr.sum(where=live)


def cohort_retention(
    account_icp: ibis.Table,
    subscriptions: ibis.Table,
    acquirers: ibis.Table,
    quarters: ibis.Table,
    regions: ibis.Table | None,
    as_of: date,
) -> ibis.Table:
    """icp_/non_icp_cohort_nrr_12m per quarter q and scope: over accounts of the
    cohort four quarters before q with ARR > 0 at the cohort's end (S), sum of ARR
    at q's end / sum of ARR at the cohort's end. Quarters ending after as_of get
    none. A rep's accounts are those whose first won opportunity it owned."""
    paid = _paid(subscriptions, as_of)
    cohorts = account_cohorts(account_icp, paid)
    complete = quarters.filter(quarters.complete)
    pairs = cohorts.join(complete, cohorts.cohort == complete.cohort)
    pairs = pairs.select("account_id", "is_icp", "quarter", "cohort_end", "quarter_end")
    both = pairs.join(paid, "account_id")
    arr = both.aggregate(
        by=["account_id", "is_icp", "quarter"],
        arr_start=_arr_at(both, both.cohort_end),
        arr_end=_arr_at(both, both.quarter_end),
    )
    arr = arr.left_join(acquirers, "account_id")
    per_scope = scoped(arr, "owner_id", regions)
    retained = per_scope.arr_start.fill_null(0.0) > 0
    icp = retained & (per_scope.is_icp == True)  # noqa: E712
    non_icp = retained & (per_scope.is_icp == False)  # noqa: E712
    sums = per_scope.aggregate(
        by=list(KEYS),
        icp_end=per_scope.arr_end.sum(where=icp),
        icp_start=per_scope.arr_start.sum(where=icp),
        non_icp_end=per_scope.arr_end.sum(where=non_icp),
        non_icp_start=per_scope.arr_start.sum(where=non_icp),
    )
    return sums.select(
        *KEYS,
        icp_cohort_nrr_12m=ratio(sums.icp_end.fill_null(0.0), sums.icp_start),
        non_icp_cohort_nrr_12m=ratio(
            sums.non_icp_end.fill_null(0.0), sums.non_icp_start
        ),
    )
