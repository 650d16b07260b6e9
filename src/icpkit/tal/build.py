"""Build the target account list (DEFINITIONS.md section 5)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from icpkit.config import LookalikeSettings, SegmentsSettings, TalSettings
from icpkit.errors import StageError
from icpkit.lookalike import LookalikeModel, fit_lookalike, fit_tier, size_band
from icpkit.resolve.findings import finding, findings_frame
from icpkit.tal import merge, value
from icpkit.tal.exclusions import exclusion_reasons
from icpkit.tal.owner import current_owner
from icpkit.tal.sizing import sizing_reasons
from icpkit.tal.status import STATUSES, account_status, opportunities_at

log = logging.getLogger(__name__)

TAL_COLUMNS = (
    "entity_id",
    "parent_entity_id",
    "account_id",
    "name",
    "domain",
    "industry",
    "size_band",
    "employees",
    "region",
    "country",
    "state",
    "status",
    "sources",
    "fit_score",
    "fit_tier",
    "segment",
    "segment_tier",
    "reasons",
    "similar_customers",
    "expected_value",
    "owner_id",
    "valid_from",
)
Notes = list[dict[str, object]]


@dataclass
class TalResult:
    tal: pd.DataFrame
    model_card: dict[str, Any]
    findings: pd.DataFrame
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Entities left out by exclusions or sizing: TAL_COLUMNS plus excluded_by.
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The fitted look-alike model (None when the TAL is listed without fit).
    model: Any = None


def build_tal(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    universe: pd.DataFrame | None,
    entities: pd.DataFrame,
    account_segments: pd.DataFrame,
    segments: pd.DataFrame,
    as_of: date,
    lookalike: LookalikeSettings,
    settings: TalSettings,
    segment_settings: SegmentsSettings,
    workspace_root: Path | None = None,
    models_dir: Path | None = None,
) -> TalResult:
    """One row per entity: status, sources, fit, segment, expected value, owner.

    Trains the look-alike model (raises StageError with too few positives).
    Exclusions (tal.competitor_domains, do_not_target, exclude_domains) and sizing
    (include_tiers, tam_coverage, max_prospects) leave rows out; those rows are
    returned in TalResult.excluded with `excluded_by`. workspace_root: the folder
    a relative tal.do_not_target path is read from (default: the current one).
    """
    started, notes = time.perf_counter(), Notes()
    known = opportunities_at(opportunities, as_of)
    rows = _entity_rows(
        accounts,
        known,
        universe,
        entities,
        account_segments,
        as_of,
        settings.lost_window_days,
    )
    crm_companies = _crm_companies(entities)
    model, unscored = _trusted_model(
        lambda: fit_lookalike(
            accounts,
            account_segments,
            known,
            universe,
            as_of,
            lookalike,
            segment_settings.size_bands,
            crm_companies,
            models_dir,
        ),
        lookalike,
        notes,
    )
    if model is None:
        return _unscored_tal(
            rows,
            unscored,
            account_segments,
            segments,
            known,
            entities,
            as_of,
            segment_settings,
            notes,
        )
    firmographics = rows.copy()
    rows["fit_score"] = model.predict_score(rows)
    rows["fit_tier"] = fit_tier(rows["fit_score"], model.settings.fit_tiers)
    rows = _segments(rows, account_segments, segments, segment_settings, notes)
    rows["owner_id"] = current_owner(rows, known, entities)
    rows["valid_from"] = as_of

    excluded_by = _excluded_by(rows, entities, settings, workspace_root, notes)
    kept = rows.loc[excluded_by.isna().to_numpy(dtype=bool)]
    explained = model.score(firmographics.loc[kept.index])
    kept = kept.join(explained[["reasons", "similar_customers"]])
    tal = kept[list(TAL_COLUMNS)].sort_values("entity_id", ignore_index=True)
    log.info(
        "built TAL of %s entities in %.1f s (%s)",
        f"{len(tal):,}",
        time.perf_counter() - started,
        _status_counts(tal),
    )
    excluded = _excluded_rows(rows, excluded_by)
    return TalResult(
        tal,
        model.model_card_,
        findings_frame(notes),
        model.reliability_,
        excluded,
        model,
    )


def _trusted_model(
    fit: Callable[[], LookalikeModel], settings: LookalikeSettings, notes: Notes
) -> tuple[LookalikeModel | None, str]:
    """The fitted model, or None with the reason when it cannot be trained or does
    not separate positives from the rest better than `min_cv_auc` (a model no
    better than chance would still hand out confident-looking scores)."""
    try:
        model = fit()
    except StageError as error:
        reason = f"look-alike model not trained: {error}"
    else:
        if model.cv_auc_ >= settings.min_cv_auc:
            return model, ""
        reason = (
            f"look-alike model not used: its cross-validated AUC is "
            f"{model.cv_auc_:.2f}, below lookalike.min_cv_auc {settings.min_cv_auc}; "
            "firmographics do not tell the best customers apart here"
        )
    log.warning(reason)
    notes.append(finding("lookalike", "fit_not_scored", "warning", 1, reason))
    return None, reason


def _unscored_tal(
    rows: pd.DataFrame,
    reason: str,
    account_segments: pd.DataFrame,
    segments: pd.DataFrame,
    known: pd.DataFrame,
    entities: pd.DataFrame,
    as_of: date,
    segment_settings: SegmentsSettings,
    notes: Notes,
) -> TalResult:
    """The list without fit: status, sources, segment and owner still hold; fit
    columns are null and each row says why."""
    rows["fit_score"] = float("nan")
    rows["fit_tier"] = pd.NA
    rows = _segments(rows, account_segments, segments, segment_settings, notes)
    rows["owner_id"] = current_owner(rows, known, entities)
    rows["valid_from"] = as_of
    rows["reasons"] = f"not scored: {reason}"
    rows["similar_customers"] = pd.NA
    tal = rows[list(TAL_COLUMNS)].sort_values("entity_id", ignore_index=True)
    card = {"model": None, "not_scored": reason, "trained_at": str(as_of)}
    empty = rows.iloc[0:0].assign(excluded_by=pd.Series(dtype="string"))
    return TalResult(tal, card, findings_frame(notes), pd.DataFrame(), empty)


def _excluded_by(
    rows: pd.DataFrame,
    entities: pd.DataFrame,
    settings: TalSettings,
    root: Path | None,
    notes: Notes,
) -> pd.Series:
    """Exclusions first, then sizing over the rows no exclusion took."""
    reasons = exclusion_reasons(rows, entities, settings, root, notes)
    open_rows = reasons.isna().to_numpy(dtype=bool)
    sized = sizing_reasons(rows.loc[open_rows], settings, notes)
    return reasons.mask(reasons.isna(), sized.reindex(reasons.index))


def _excluded_rows(rows: pd.DataFrame, excluded_by: pd.Series) -> pd.DataFrame:
    """Rows left out, in TAL columns (no reasons computed) plus excluded_by."""
    left_out = excluded_by.notna().to_numpy(dtype=bool)
    frame = rows.loc[left_out].copy()
    for column in ("reasons", "similar_customers"):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["excluded_by"] = excluded_by[left_out]
    columns = [*TAL_COLUMNS, "excluded_by"]
    return frame[columns].sort_values("entity_id", ignore_index=True)


def _entity_rows(
    accounts: pd.DataFrame,
    known: pd.DataFrame,
    universe: pd.DataFrame | None,
    entities: pd.DataFrame,
    account_segments: pd.DataFrame,
    as_of: date,
    lost_window_days: int,
) -> pd.DataFrame:
    customers = account_segments.loc[account_segments["is_customer"].astype(bool)]
    customer_ids = frozenset(customers["account_id"].astype(str))
    rank = account_status(
        accounts["account_id"], known, customer_ids, as_of, lost_window_days
    )
    crm = merge.crm_rows(entities, accounts, rank)
    prospects = merge.universe_rows(entities, universe, pd.Index(crm["entity_id"]))
    rows = pd.concat([crm, prospects], ignore_index=True)
    rows["sources"] = rows["entity_id"].map(merge.entity_sources(entities))
    rows["domain"] = rows["entity_id"].map(merge.entity_domains(entities))
    rows["parent_entity_id"] = rows["entity_id"].map(merge.entity_parents(entities))
    return rows.set_axis(pd.Index(rows["entity_id"].to_numpy()), axis=0)


def _crm_companies(entities: pd.DataFrame) -> frozenset[str]:
    """Universe company_ids resolved to an entity holding a CRM account."""
    crm_entities = entities.loc[entities["record_table"] == "accounts", "entity_id"]
    held = entities["entity_id"].isin(crm_entities) & (
        entities["record_table"] == "universe"
    )
    return frozenset(entities.loc[held, "record_id"].astype(str))


def _segments(
    rows: pd.DataFrame,
    account_segments: pd.DataFrame,
    segments: pd.DataFrame,
    segment_settings: SegmentsSettings,
    notes: Notes,
) -> pd.DataFrame:
    """Segment and tier: account_segments for CRM rows, the combination for prospects;
    then expected_value from the segment's mean_won_amount."""
    rows = rows.assign(
        size_band=size_band(rows["employees"], segment_settings.size_bands)
    )
    crm = account_segments.assign(account_id=account_segments["account_id"].astype(str))
    crm = crm.drop_duplicates("account_id").set_index("account_id")
    unsegmented = rows["account_id"].notna() & ~rows["account_id"].isin(crm.index)
    if unsegmented.any():
        notes.append(
            finding(
                "tal",
                "account_without_segment",
                "warning",
                int(unsegmented.sum()),
                "CRM account missing from "
                "account_segments; segmented by its own firmographics",
                str(rows.loc[unsegmented, "account_id"].iloc[0]),
            )
        )
    for column in ("industry", "size_band", "region", "segment", "segment_tier"):
        from_crm = rows["account_id"].map(crm[column]) if column in crm else None
        own = rows[column] if column in rows else pd.Series(pd.NA, index=rows.index)
        rows[column] = (
            own
            if from_crm is None
            else from_crm.where(~unsegmented & rows["account_id"].notna(), own)
        )
    return _segment_values(rows, segments, segment_settings.combination, notes)


def _segment_values(
    rows: pd.DataFrame, segments: pd.DataFrame, combination: list[str], notes: Notes
) -> pd.DataFrame:
    lookup = value.combination_segments(segments, combination)
    keys = rows[combination].astype("string")
    matched = keys.merge(
        lookup.astype({c: "string" for c in combination}),
        how="left",
        on=combination,
        validate="m:1",
    )
    matched.index = rows.index
    prospect = rows["account_id"].isna()
    rows["segment"] = rows["segment"].where(~prospect, matched["segment"])
    rows["segment_tier"] = rows["segment_tier"].where(~prospect, matched["tier"])
    overall = value.overall_mean_won_amount(segments)
    rows["expected_value"] = value.expected_value(
        rows["fit_score"], matched["mean_won_amount"], overall
    )
    unknown = rows["expected_value"].isna()
    no_score = unknown & rows["fit_score"].isna()
    causes = (
        (no_score, "no fit_score (see the look-alike finding)"),
        (unknown & ~no_score, "no mean_won_amount for the segment nor overall"),
    )
    for mask, cause in causes:
        if mask.any():
            notes.append(
                finding(
                    "tal", "expected_value_unknown", "warning", int(mask.sum()),
                    f"expected_value unknown: {cause}",
                )
            )  # fmt: skip
    return rows


def _status_counts(tal: pd.DataFrame) -> str:
    counts = tal["status"].value_counts()
    return ", ".join(f"{status} {int(counts.get(status, 0)):,}" for status in STATUSES)
