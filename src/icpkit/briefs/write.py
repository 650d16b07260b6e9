"""Segment briefs: what each ICP segment buys, how fast, how much, how many such
companies exist, and which TAL accounts fall in it.

The briefs cover the tier A segments. Where no segment is tier A, they cover the tier
B segments of the combination dimension, and every page says that the data does not
single out an ICP, so no one mistakes a candidate for a finding.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pandas as pd

log = logging.getLogger(__name__)

MAX_BRIEFS = 10
TOP_ACCOUNTS = 15
TOP_PRODUCTS = 5


def segment_briefs(
    segments: pd.DataFrame,
    account_segments: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    tal: pd.DataFrame | None,
    icp_statement: str,
) -> dict[str, str]:
    """Markdown pages by file name: index.md plus one page per covered segment."""
    chosen, is_icp = _covered_segments(segments)
    pages = {}
    for row in chosen.itertuples(index=False):
        name = _slug(str(row.segment)) + ".md"
        pages[name] = _brief(row, is_icp, account_segments, opportunities, tal)
    pages["index.md"] = _index(chosen, is_icp, icp_statement, list(pages))
    log.info("wrote %d segment briefs", len(pages) - 1)
    return pages


def _covered_segments(segments: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    tier_a = segments[segments["tier"] == "A"]
    if not tier_a.empty:
        return tier_a.sort_values("score", ascending=False).head(MAX_BRIEFS), True
    deepest = segments["dimensions"].str.count(r"\+").max()
    combination = segments[segments["dimensions"].str.count(r"\+") == deepest]
    tier_b = combination[combination["tier"] == "B"]
    return tier_b.sort_values("score", ascending=False).head(MAX_BRIEFS), False


def _slug(segment: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", segment.lower()).strip("-") or "segment"


def _members(row: Any, account_segments: pd.DataFrame) -> pd.Series:
    """Account ids of the segment: accounts matching every dimension it fixes."""
    mask = pd.Series(True, index=account_segments.index)
    for dimension in ("industry", "size_band", "region"):
        value = getattr(row, dimension, None)
        if isinstance(value, str) and dimension in account_segments:
            mask &= account_segments[dimension] == value
    return account_segments.loc[mask, "account_id"]


def _brief(
    row: Any,
    is_icp: bool,
    account_segments: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    tal: pd.DataFrame | None,
) -> str:
    members = set(_members(row, account_segments))
    lines = [f"# Segment brief: {row.segment}", ""]
    if not is_icp:
        lines += [
            "> Candidate only: the data does not single out an ICP; this segment "
            "scores at or above the base but is not significantly better.",
            "",
        ]
    lines += _figures(row)
    lines += _products(opportunities, members)
    lines += _accounts(tal, row)
    return "\n".join(lines) + "\n"


def _figure(value: object, form: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "not available"
    return format(value, form)


def _figures(row: Any) -> list[str]:
    def get(name: str) -> object:
        return getattr(row, name, None)

    return [
        "## How it buys",
        "",
        f"- Tier {get('tier')}, score {_figure(get('score'), '.2f')}",
        f"- Accounts: {_figure(get('accounts'), ',')}, customers: "
        f"{_figure(get('customers'), ',')}",
        f"- Win rate: {_figure(get('win_rate'), '.1%')} (95 % interval "
        f"{_figure(get('win_rate_lo'), '.1%')} to {_figure(get('win_rate_hi'), '.1%')}"
        f", {_figure(get('closed_opps'), ',')} closed opportunities)",
        f"- Median sales cycle: {_figure(get('median_cycle_days'), ',.0f')} days",
        f"- Mean won deal: {_figure(get('mean_won_amount'), ',.0f')}",
        f"- NRR (12 months): {_figure(get('nrr_12m'), '.2f')}; CLV: "
        f"{_figure(get('clv'), ',.0f')}",
        f"- Addressable companies not yet customers: "
        f"{_figure(get('tam_accounts'), ',')} "
        f"(value {_figure(get('tam_value'), ',.0f')})",
        "",
    ]


def _products(opportunities: pd.DataFrame | None, members: set[object]) -> list[str]:
    lines = ["## What it buys", ""]
    if opportunities is None or opportunities["product"].isna().all():
        return [*lines, "No product recorded on opportunities.", ""]
    won = opportunities[
        (opportunities["status"] == "won") & opportunities["account_id"].isin(members)
    ]
    counts = won["product"].value_counts().head(TOP_PRODUCTS)
    if counts.empty:
        return [*lines, "No won opportunity with a product in this segment.", ""]
    body = [f"- {product}: {count:,} won" for product, count in counts.items()]
    return [*lines, *body, ""]


def _accounts(tal: pd.DataFrame | None, row: Any) -> list[str]:
    lines = ["## Target accounts in this segment", ""]
    if tal is None or tal.empty:
        return [*lines, "No target account list in this run.", ""]
    mask = pd.Series(True, index=tal.index)
    for dimension in ("industry", "size_band", "region"):
        value = getattr(row, dimension, None)
        if isinstance(value, str):
            mask &= tal[dimension] == value
    chosen = tal[mask & (tal["status"] != "customer")]
    top = chosen.sort_values("fit_score", ascending=False).head(TOP_ACCOUNTS)
    if top.empty:
        return [*lines, "No non-customer account of the TAL falls in it.", ""]
    lines += [f"{len(chosen):,} non-customer TAL accounts; the top {len(top)} by fit:"]
    lines += ["", "| name | status | fit_score | fit_tier |", "|---|---|---|---|"]
    for item in top.itertuples(index=False):
        score = _figure(getattr(item, "fit_score", None), ".0f")
        lines.append(f"| {item.name} | {item.status} | {score} | {item.fit_tier} |")
    return [*lines, ""]


def _index(
    chosen: pd.DataFrame, is_icp: bool, icp_statement: str, names: list[str]
) -> str:
    heading = "ICP segments" if is_icp else "Candidate segments (no ICP singled out)"
    lines = ["# Segment briefs", "", icp_statement, "", f"## {heading}", ""]
    if chosen.empty:
        lines.append("No segment scores at or above the base: no brief written.")
    pairs = zip(chosen["segment"], names, strict=True)
    lines += [f"- [{segment}]({name})" for segment, name in pairs]
    return "\n".join(lines) + "\n"
