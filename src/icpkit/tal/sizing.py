"""How many prospects the TAL keeps: by tier, by coverage of TAM, by count.

CRM entities (customers, open opportunities, lost) always stay; only prospects
are sized. DEFINITIONS.md section 5.
"""

from __future__ import annotations

import pandas as pd

from icpkit.config import TalSettings
from icpkit.resolve.findings import finding

Notes = list[dict[str, object]]
SIZING = ("prospect_tier_excluded", "tam_coverage", "max_prospects")


def sizing_reasons(
    rows: pd.DataFrame, settings: TalSettings, notes: Notes
) -> pd.Series:
    """excluded_by per row: the first sizing control that leaves a prospect out.

    Applied in order: fit tier outside include_tiers, then tam_coverage, then
    max_prospects, each over the prospects the previous ones kept, ranked by
    fit_score (highest first), then expected_value, then entity_id.
    """
    reasons = pd.Series(pd.NA, index=rows.index, dtype="string")
    prospect = rows["status"] == "prospect"
    reasons = reasons.mask(prospect & ~rows["fit_tier"].isin(settings.include_tiers),
                           "prospect_tier_excluded")  # fmt: skip
    ranked = rank_prospects(rows.loc[prospect & reasons.isna()])
    if settings.tam_coverage is not None:
        keep = coverage_mask(ranked["expected_value"], settings.tam_coverage, notes)
        reasons.loc[keep.index[~keep]] = "tam_coverage"
        ranked = ranked.loc[keep]
    if settings.max_prospects is not None:
        reasons.loc[ranked.index[settings.max_prospects :]] = "max_prospects"
    _notes(rows, reasons, settings, notes)
    return reasons


def rank_prospects(prospects: pd.DataFrame) -> pd.DataFrame:
    """Highest fit first; ties by expected_value (higher first), then entity_id."""
    return prospects.sort_values(
        ["fit_score", "expected_value", "entity_id"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )


def coverage_mask(expected_value: pd.Series, share: float, notes: Notes) -> pd.Series:
    """Keep ranked rows until their summed expected_value reaches `share` of the
    total: a row is kept when the sum of the rows before it is below the target.

    Example: values 50, 30, 20 (total 100), share 0.6 (target 60): the sums before
    each row are 0, 50, 80, so the first two are kept. A null expected_value
    counts as 0 (and is reported); a zero total keeps every row.
    """
    values = pd.to_numeric(expected_value, errors="raise").astype("Float64")
    unknown = int(values.isna().sum())
    if unknown:
        notes.append(finding("tal", "tam_coverage_unknown_value", "warning", unknown,
                             "prospects without expected_value count as 0 toward "
                             "tal.tam_coverage"))  # fmt: skip
    values = values.fillna(0.0)
    total = float(values.sum())
    if total <= 0:
        notes.append(finding("tal", "tam_coverage_no_value", "warning", len(values),
                             "prospects' expected_value sums to 0; "
                             "tal.tam_coverage not applied"))  # fmt: skip
        return pd.Series(True, index=values.index)
    before = values.cumsum() - values
    return (before < share * total).astype(bool)


def _notes(
    rows: pd.DataFrame, reasons: pd.Series, settings: TalSettings, notes: Notes
) -> None:
    limits = {
        "prospect_tier_excluded": f"tal.include_tiers {settings.include_tiers}",
        "tam_coverage": f"tal.tam_coverage {settings.tam_coverage}",
        "max_prospects": f"tal.max_prospects {settings.max_prospects}",
    }
    for reason in SIZING:
        chosen = reasons.eq(reason).fillna(False).to_numpy(dtype=bool)
        count = int(chosen.sum())
        if count:
            example = rows.loc[chosen, "entity_id"]
            notes.append(finding("tal", reason, "info", count,
                                 f"prospects left out by {limits[reason]}",
                                 str(example.iloc[0])))  # fmt: skip
