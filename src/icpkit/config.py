"""The workspace file icpkit.toml, validated with pydantic, with defaults.

Each stage reads only its own section. Paths in [inputs] are relative to the folder that
holds icpkit.toml.
"""

from __future__ import annotations

import difflib
import tomllib
import typing
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from icpkit.errors import ConfigError

CONFIG_FILE = "icpkit.toml"
Preset = Literal["salesforce", "hubspot", "generic"]
DateOrder = Literal["auto", "ymd", "mdy", "dmy"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputSpec(Section):
    """One input file and how its columns map onto a canonical table."""

    path: str
    preset: Preset = "generic"
    # canonical column -> source column; overrides what the preset infers.
    columns: dict[str, str] = Field(default_factory=dict)
    # canonical column -> constant value for every row (e.g. source = "inc5000").
    constants: dict[str, str] = Field(default_factory=dict)
    date_order: DateOrder = "auto"
    sheet: str | None = None
    # opportunities only: source stage -> open | won | lost, added to the preset's.
    stage_status: dict[str, str] = Field(default_factory=dict)
    # canonical numeric column -> multiplier (e.g. annual_revenue = 1e6 for $M files).
    scale: dict[str, float] = Field(default_factory=dict)
    # canonical column -> "transform:source column", e.g. name = "slug:page_url";
    # transforms: slug, city, state, country (of "City, ST" / "City, Country").
    derive: dict[str, str] = Field(default_factory=dict)


class Inputs(Section):
    accounts: InputSpec | None = None
    opportunities: InputSpec | None = None
    subscriptions: InputSpec | None = None
    activities: InputSpec | None = None
    reps: InputSpec | None = None
    universe: list[InputSpec] = Field(default_factory=list)


class SubscriptionsSettings(Section):
    overlap: Literal["sum", "latest"] = "sum"


class SizeBand(Section):
    label: str
    min_employees: int


def default_size_bands() -> list[SizeBand]:
    edges = [("1-49", 1), ("50-199", 50), ("200-999", 200), ("1000-4999", 1000)]
    edges.append(("5000+", 5000))
    return [SizeBand(label=label, min_employees=low) for label, low in edges]


class SegmentsSettings(Section):
    """DEFINITIONS.md sections 2-4."""

    dimensions: list[str] = Field(
        default_factory=lambda: ["industry", "size_band", "region"]
    )
    combination: list[str] = Field(default_factory=lambda: ["industry", "size_band"])
    size_bands: list[SizeBand] = Field(default_factory=default_size_bands)
    prior_closed: float = Field(default=20.0, ge=0)
    prior_n: float = Field(default=10.0, ge=0)
    min_accounts: int = Field(default=5, ge=1)
    tier_a_score: float = 1.10
    tier_b_score: float = 1.0
    false_discovery_rate: float = Field(default=0.05, gt=0, lt=1)
    weights: dict[str, float] = Field(
        default_factory=lambda: {
            "win_rate": 1.0,
            "median_cycle_days": 0.5,
            "mean_won_amount": 1.0,
            "nrr_12m": 1.0,
            "clv": 1.0,
        }
    )
    gross_margin: float = Field(default=0.8, ge=0, le=1)
    horizon_years: int = Field(default=5, ge=1)
    discount_rate: float = Field(default=0.10, gt=-1)
    bootstrap_iterations: int = Field(default=1000, ge=0)
    random_state: int = 0


class LookalikeSettings(Section):
    """DEFINITIONS.md section 5."""

    model: Literal["lightgbm", "logistic"] = "lightgbm"
    calibration: Literal["sigmoid", "isotonic"] = "sigmoid"
    positive_share: float = Field(default=0.2, gt=0, le=1)
    min_positives: int = Field(default=20, ge=1)
    min_cv_auc: float = Field(default=0.6, ge=0.5, le=1)
    fit_tiers: dict[str, float] = Field(
        default_factory=lambda: {"A": 80.0, "B": 60.0, "C": 40.0}
    )
    random_state: int = 0
    # Elkan-Noto positive-unlabeled correction: fit_score = 100 min(1, g / c).
    positive_unlabeled: bool = True
    # Re-use a stored model (lookalike.load_model) instead of training one.
    model_version: str | None = None


class TalSettings(Section):
    lost_window_days: int = Field(default=365, ge=0)
    include_tiers: list[str] = Field(default_factory=lambda: ["A", "B", "C", "D"])
    exclude_domains: list[str] = Field(default_factory=list)
    competitor_domains: list[str] = Field(default_factory=list)
    do_not_target: str | None = None
    exclude_customers: bool = False
    max_prospects: int | None = Field(default=None, ge=0)
    tam_coverage: float | None = Field(default=None, gt=0.0, le=1.0)


class ResolveSettings(Section):
    """Entity resolution (DESIGN.md: resolve)."""

    method: Literal["exact", "probabilistic"] = "exact"
    match_threshold: float = 0.9
    max_block_pairs: int = 50_000_000
    min_records: int = 1000
    random_state: int = 0


class EligibilityRule(Section):
    """Reps whose `rep_field` equals one of `rep_values` may own accounts whose
    `account_field` is one of `account_values` (e.g. region West -> states CA, WA)."""

    account_field: str
    account_values: list[str]
    rep_field: str = "region"
    rep_values: list[str]


class TerritoriesSettings(Section):
    """DEFINITIONS.md section 8."""

    tolerance: float = Field(default=0.10, ge=0)
    workload_weights: dict[str, float] = Field(
        default_factory=lambda: {"A": 3.0, "B": 2.0, "C": 1.0, "D": 0.5}
    )
    eligibility: list[EligibilityRule] = Field(default_factory=list)
    named_accounts: dict[str, str] = Field(default_factory=dict)
    hold_open_opportunities: bool = True
    assign_tiers: list[str] = Field(default_factory=lambda: ["A", "B", "C", "D"])


class AttainmentTier(Section):
    attainment_from: float = Field(ge=0)
    multiplier: float = Field(ge=0)


def default_attainment_tiers() -> list[AttainmentTier]:
    pairs = [(0.0, 1.0), (1.0, 1.5), (1.5, 2.0)]
    return [AttainmentTier(attainment_from=a, multiplier=m) for a, m in pairs]


class CompSettings(Section):
    """DEFINITIONS.md section 9."""

    base_rate: float = Field(default=0.10, ge=0, le=1)
    icp_accelerator: dict[str, float] = Field(
        default_factory=lambda: {"A": 1.15, "B": 1.10}
    )
    attainment_shape: Literal["tiered", "marginal"] = "tiered"
    attainment_tiers: list[AttainmentTier] = Field(
        default_factory=default_attainment_tiers
    )
    period: Literal["quarter", "month", "year"] = "quarter"
    default_quota: float | None = Field(default=None, gt=0)
    activity_credit: float = Field(default=50.0, ge=0)
    activity_types: list[str] = Field(default_factory=lambda: ["meeting"])
    activity_credit_cap: float = Field(default=1000.0, ge=0)
    holdout_days: int = Field(default=60, ge=0)


class ReportSettings(Section):
    title: str = "icpkit plan"


class WorkspaceConfig(Section):
    name: str = "icpkit workspace"
    as_of: date | None = None
    currency: str = "USD"
    # units of the reporting currency per unit of another currency, e.g. EUR = 1.08
    currency_rates: dict[str, float] = Field(default_factory=dict)
    # ISO alpha-2 country -> territory region; unlisted countries use the UN region.
    country_regions: dict[str, str] = Field(default_factory=dict)
    # CSV value,industry (relative to the workspace) applied before the crosswalks.
    industry_overrides: str | None = None
    inputs: Inputs = Field(default_factory=Inputs)
    subscriptions: SubscriptionsSettings = Field(default_factory=SubscriptionsSettings)
    segments: SegmentsSettings = Field(default_factory=SegmentsSettings)
    lookalike: LookalikeSettings = Field(default_factory=LookalikeSettings)
    tal: TalSettings = Field(default_factory=TalSettings)
    resolve: ResolveSettings = Field(default_factory=ResolveSettings)
    territories: TerritoriesSettings = Field(default_factory=TerritoriesSettings)
    comp: CompSettings = Field(default_factory=CompSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        if len(value) != 3 or not value.isalpha():
            raise ValueError(
                f"expected a 3-letter currency code such as USD, got {value!r}"
            )
        return value.upper()


def load_config(workspace: Path) -> WorkspaceConfig:
    """Read and validate WORKSPACE/icpkit.toml; every problem is named in one error."""
    path = workspace / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(
            f"No {CONFIG_FILE} in {workspace}. Create one with "
            f"`icpkit init {workspace} --accounts FILE --opportunities FILE`, "
            "or run `icpkit demo` for an example."
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    return parse_config(raw, str(path))


def parse_config(raw: dict[str, object], source: str) -> WorkspaceConfig:
    try:
        return WorkspaceConfig.model_validate(raw)
    except ValidationError as error:
        lines = [f"{source} has {error.error_count()} invalid setting(s):"]
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"])
            if item["type"] == "extra_forbidden":
                lines.append(f"  - {where}: {_unknown_key(item['loc'])}")
            else:
                value = item.get("input")
                lines.append(f"  - {where}: {item['msg']} (value {value!r})")
        raise ConfigError("\n".join(lines)) from error


def _unknown_key(location: tuple[int | str, ...]) -> str:
    """'not a setting; did you mean min_positives?' with the section's keys."""
    model: type[BaseModel] = WorkspaceConfig
    for part in location[:-1]:
        field = model.model_fields.get(str(part)) if isinstance(part, str) else None
        inner = _section_model(field.annotation) if field is not None else None
        if inner is None:
            break
        model = inner
    keys = sorted(model.model_fields)
    close = difflib.get_close_matches(str(location[-1]), keys, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"not a setting; {hint}the settings here are {', '.join(keys)}"


def _section_model(annotation: object) -> type[BaseModel] | None:
    """The pydantic model of a section (unwrapping `X | None` and `list[X]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for inner in typing.get_args(annotation):
        found = _section_model(inner)
        if found is not None:
            return found
    return None
