"""Opportunity status and type, activity type (DEFINITIONS.md section 1)."""

from __future__ import annotations

import pandas as pd

from icpkit.errors import Problem
from icpkit.ingest.context import FileContext
from icpkit.schema import OPPORTUNITY_STATUSES
from icpkit.taxonomy import lookup_key

STAGE_STATUS = {
    "closedwon": "won",
    "won": "won",
    "closedlost": "lost",
    "lost": "lost",
    "open": "open",
}
CLOSED_WORDS = r"won|lost|closed|win|loss"
OPPORTUNITY_TYPE = {
    "newbusiness": "new_business",
    "new": "new_business",
    "newcustomer": "new_business",
    "newlogo": "new_business",
    "expansion": "expansion",
    "upsell": "expansion",
    "crosssell": "expansion",
    "addon": "expansion",
    "upgrade": "expansion",
    "existingbusiness": "expansion",
    "existingcustomerupgrade": "expansion",
    "renewal": "renewal",
    "existingcustomerreplacement": "renewal",
    "existingcustomerrenewal": "renewal",
}
ACTIVITY_TYPE = {
    "meeting": "meeting",
    "meetings": "meeting",
    "event": "meeting",
    "demo": "meeting",
    "call": "call",
    "calls": "call",
    "phone": "call",
    "phonecall": "call",
    "email": "email",
    "emails": "email",
    "mail": "email",
    "incomingemail": "email",
    "outgoingemail": "email",
}


def stage_status_table(ctx: FileContext) -> dict[str, str]:
    """Shipped stage -> status pairs plus the spec's, keyed by lookup key."""
    table = dict(STAGE_STATUS)
    for stage, status in ctx.spec.stage_status.items():
        if status not in OPPORTUNITY_STATUSES:
            expected = f"open, won or lost (inputs.{ctx.table}.stage_status)"
            ctx.problems.append(
                Problem(ctx.file, None, "stage_status", status, expected)
            )
        table[lookup_key(stage)] = status
    return table


def opportunity_status(frame: pd.DataFrame, ctx: FileContext) -> pd.Series:
    """open, won or lost: IsWon/IsClosed flags where given, else the stage text
    (Closed Won, Won, closedwon -> won; Closed Lost, Lost, closedlost -> lost)."""
    from_stage = _keys(frame["stage"]).map(stage_status_table(ctx)).fillna("open")
    won = frame["is_won"].fillna(False).astype(bool)
    closed = frame["is_closed"].fillna(False).astype(bool)
    open_flag = frame["is_closed"].eq(False).fillna(False).astype(bool)
    from_flags = pd.Series(pd.NA, index=frame.index, dtype="string")
    from_flags = (
        from_flags.mask(open_flag, "open").mask(closed, "lost").mask(won, "won")
    )
    _check_unmapped_stages(frame["stage"], from_flags.isna(), ctx)
    status = from_flags.fillna(from_stage).astype("string")
    ctx.findings.count_mask(
        ctx.table,
        "status_flags_disagree_with_stage",
        "warning",
        from_flags.notna() & from_flags.ne(from_stage),
        f"{ctx.file}: IsWon/IsClosed disagree with the stage name; the flags win",
        frame["stage"],
    )
    return status


def _check_unmapped_stages(
    stages: pd.Series, decided_by_stage: pd.Series, ctx: FileContext
) -> None:
    """A stage that sounds closed but maps nowhere is an error (a won deal read as
    open changes win rates and commissions); other unmapped stages read as open and
    are listed."""
    keys = _keys(stages)
    table = stage_status_table(ctx)
    unmapped = stages.notna() & ~keys.isin(list(table)) & decided_by_stage
    closed_sounding = unmapped & keys.str.contains(CLOSED_WORDS, regex=True)
    first = ~stages.duplicated()
    expected = (
        "a stage mapped to open, won or lost: add it to "
        f"[inputs.{ctx.table}.stage_status] in icpkit.toml"
    )
    ctx.report_cells(closed_sounding & first, stages, "stage", expected)
    top = stages[unmapped & ~closed_sounding].value_counts().head(8)
    listed = ", ".join(f"{stage!r} ({count:,})" for stage, count in top.items())
    ctx.findings.count_mask(
        ctx.table,
        "stage_read_as_open",
        "info",
        unmapped & ~closed_sounding,
        f"{ctx.file}: stages read as open: {listed}; map any closed one in "
        f"[inputs.{ctx.table}.stage_status]",
        stages,
    )


def opportunity_type(values: pd.Series, ctx: FileContext) -> pd.Series:
    """new_business, expansion, renewal or other; null where absent."""
    return _normalised(values, OPPORTUNITY_TYPE, "type_other", ctx)


def activity_type(values: pd.Series, ctx: FileContext) -> pd.Series:
    """meeting, call, email or other; null where absent."""
    return _normalised(values, ACTIVITY_TYPE, "type_other", ctx)


def _normalised(
    values: pd.Series, table: dict[str, str], check: str, ctx: FileContext
) -> pd.Series:
    mapped = _keys(values).map(table)
    other = values.notna() & mapped.isna()
    top = values[other].value_counts().head(5)
    listed = ", ".join(f"{value!r} ({count})" for value, count in top.items())
    ctx.findings.count_mask(
        ctx.table,
        check,
        "info",
        other,
        f"{ctx.file}: type read as `other`: {listed}",
        values,
    )
    return mapped.mask(other, "other").astype("string")


def _keys(values: pd.Series) -> pd.Series:
    distinct = {value: lookup_key(str(value)) for value in values.dropna().unique()}
    return values.map(distinct).astype("string")
