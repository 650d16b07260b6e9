"""The stages in order; the CLI and the Python API both call `run_pipeline`.

Stages talk only through warehouse tables (schema.py names them). Each run writes its
outputs to a staging folder and moves them into out/ when every stage succeeded.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from icpkit import schema
from icpkit.briefs import segment_briefs
from icpkit.comp import compute_statements
from icpkit.config import WorkspaceConfig
from icpkit.errors import StageError
from icpkit.ingest import load_inputs
from icpkit.ingest.usable import as_of_findings, check_usable
from icpkit.lookalike import backtest, save_model
from icpkit.lookalike.commands import models_folder
from icpkit.metrics import compute_metrics
from icpkit.report import ReportInputs, write_report
from icpkit.report.formatting import format_number
from icpkit.resolve import resolve_with_findings
from icpkit.segments import compute_segments
from icpkit.tal import build_tal, export_tal, next_version, store_version
from icpkit.tal.export import safe_csv
from icpkit.territories import TerritoryResult, assign_territories
from icpkit.warehouse import Warehouse
from icpkit.workspace import StagedOutput, Workspace

log = logging.getLogger(__name__)

STAGES = (
    "ingest", "segments", "tal", "territories", "comp", "metrics", "briefs", "report",
)  # fmt: skip
ProgressHook = Callable[[str, str], None]


@dataclass
class RunResult:
    """What a run produced: as_of, the files written, the ICP statement, timings."""

    as_of: date
    icp_statement: str
    written: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    # files of out/ (relative) this run did not rewrite: an earlier run's
    earlier: list[Path] = field(default_factory=list)

    @property
    def report(self) -> Path | None:
        return next((p for p in self.written if p.name == "report.html"), None)


@dataclass
class _Run:
    workspace: Workspace
    warehouse: Warehouse
    staged: StagedOutput
    progress: ProgressHook
    result: RunResult
    findings: list[pd.DataFrame] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    # warehouse writes that wait until the run's outputs have landed
    on_commit: list[Callable[[], object]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.progress(name, "start")
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.result.seconds[name] = seconds
        log.info("stage %s finished in %.1f s", name, seconds)
        self.progress(name, "done")

    def skip(self, name: str, reason: str) -> None:
        self.result.skipped[name] = reason
        log.info("stage %s skipped: %s", name, reason)
        self.progress(name, "skipped")

    def output(self, name: str, frame: pd.DataFrame, table: str | None = None) -> None:
        """Store `frame` as warehouse table and as out/NAME (CSV, spreadsheet safe)."""
        if table is not None:
            self.warehouse.write(table, frame)
        self.tables[table or name] = frame
        safe_csv(frame, self.staged.path(name))


def run_pipeline(
    workspace: Workspace,
    until: str = "report",
    progress: ProgressHook | None = None,
    write_outputs: bool = True,
) -> RunResult:
    """Run every stage up to and including `until`; outputs land only on success,
    and only when `write_outputs` (`icpkit check` reads and reports, writing none)."""
    if until not in STAGES:
        raise ValueError(f"unknown stage {until!r}; stages are {', '.join(STAGES)}")
    wanted = STAGES[: STAGES.index(until) + 1]
    staged = StagedOutput(workspace.out_dir)
    warehouse = workspace.warehouse()
    try:
        run = _Run(
            workspace=workspace,
            warehouse=warehouse,
            staged=staged,
            progress=progress or (lambda stage, event: None),
            result=RunResult(as_of=date.today(), icp_statement=""),
        )
        for stage in wanted:
            _STAGE_STEPS[stage](run)
        _write_data_quality(run)
        if write_outputs:
            run.result.written = staged.commit()
            run.result.earlier = staged.earlier(run.result.written)
            # The TAL version is history: stored only once its files have landed.
            for store in run.on_commit:
                store()
        else:
            staged.discard()
        return run.result
    except BaseException:
        staged.discard()
        raise
    finally:
        warehouse.close()


def _ingest(run: _Run) -> None:
    with run.stage("ingest"):
        ingested = load_inputs(run.workspace.config, run.workspace.root)
        run.result.as_of = ingested.as_of
        run.findings.append(ingested.findings)
        for name, frame in ingested.tables.items():
            run.warehouse.write(name, frame)
            run.tables[name] = frame
    check_usable(run.tables, run.workspace.config, run.result.as_of)
    run.findings.append(as_of_findings(run.tables, run.result.as_of))


def _segments(run: _Run) -> None:
    with run.stage("segments"):
        previous = (
            run.warehouse.read("entities") if run.warehouse.has("entities") else None
        )
        resolved = resolve_with_findings(
            run.tables["accounts"],
            run.tables.get("universe", _empty_universe()),
            run.workspace.config.resolve,
            previous,
        )
        entities = resolved.entities
        run.findings.append(resolved.findings)
        run.warehouse.write("entities", entities)
        run.tables["entities"] = entities
        universe = _universe_with_accounts(run)
        config = run.workspace.config
        result = compute_segments(
            run.warehouse.table("accounts"),
            _optional_table(run, "opportunities"),
            _optional_table(run, "subscriptions"),
            universe,
            run.result.as_of,
            config.segments,
            config.subscriptions,
        )
        run.result.icp_statement = result.icp_statement
        run.findings.append(result.findings)
        run.output("segments.csv", result.segments, schema.SEGMENTS)
        run.warehouse.write(schema.ACCOUNT_SEGMENTS, result.account_segments)
        run.tables[schema.ACCOUNT_SEGMENTS] = result.account_segments


def _universe_with_accounts(run: _Run) -> Any:
    """The universe with `account_id`: the CRM account its entity holds, if any."""
    if "universe" not in run.tables:
        return None
    entities = run.tables["entities"]
    crm = entities[entities["record_table"] == "accounts"]
    first_account = crm.groupby("entity_id")["record_id"].min().rename("account_id")
    universe_records = entities[entities["record_table"] == "universe"]
    matched = universe_records.join(first_account, on="entity_id")
    link = matched[["record_id", "account_id"]].rename(
        columns={"record_id": "company_id"}
    )
    frame = run.tables["universe"].merge(link, on="company_id", how="left")
    run.warehouse.write("universe_resolved", frame)
    return run.warehouse.table("universe_resolved")


def _tal(run: _Run) -> None:
    config = run.workspace.config
    with run.stage("tal"):
        result = build_tal(
            run.tables["accounts"],
            run.tables.get("opportunities"),
            run.tables.get("universe"),
            run.tables["entities"],
            run.tables[schema.ACCOUNT_SEGMENTS],
            run.tables[schema.SEGMENTS],
            run.result.as_of,
            config.lookalike,
            config.tal,
            config.segments,
            workspace_root=run.workspace.root,
            models_dir=models_folder(run.workspace.root),
        )
        run.findings.append(result.findings)
        run.warehouse.write(schema.TAL, result.tal)
        run.tables[schema.TAL] = result.tal
        version = next_version(run.warehouse, run.result.as_of)
        run.on_commit.append(
            functools.partial(
                store_version, run.warehouse, result.tal, run.result.as_of,
                model_version=result.model_card.get("version"),
                excluded=result.excluded, version=version,
            )
        )  # fmt: skip
        exported = export_tal(
            result.tal,
            run.staged.staging,
            version=version,
            exclude_customers=config.tal.exclude_customers,
            from_salesforce=_accounts_preset(config) == "salesforce",
        )
        run.findings.append(exported.findings)
        run.extras["model_card"] = result.model_card
        run.extras["reliability"] = result.reliability
        _store_tal_version(run, result.tal)
        _backtest(run, result.model_card)
        _save_model(run, result.model)
        card = run.staged.path("model_card.json")
        card.write_text(json.dumps(result.model_card, indent=2, default=str))


def _accounts_preset(config: WorkspaceConfig) -> str | None:
    accounts = config.inputs.accounts
    return None if accounts is None else accounts.preset


def _backtest(run: _Run, model_card: dict[str, Any]) -> None:
    """Train at as_of - 12 months, score, measure what happened since: backtest.csv.
    Too little history is a warning, not a failed run."""
    config = run.workspace.config
    universe = (
        run.warehouse.read("universe_resolved")
        if run.warehouse.has("universe_resolved") and "universe" in run.tables
        else None
    )
    try:
        result = backtest(
            run.tables["accounts"],
            run.tables.get("opportunities"),
            run.tables.get("subscriptions"),
            universe,
            run.result.as_of,
            config.lookalike,
            config.segments.size_bands,
            segments=config.segments,
            subscription_settings=config.subscriptions,
        )
    except StageError as error:
        row = ("lookalike", "backtest_not_run", "warning", 1, str(error), "")
        frame = pd.DataFrame([row], columns=list(schema.DATA_QUALITY_COLUMNS))
        run.findings.append(frame)
        return
    run.output("backtest.csv", result.table)
    run.output("backtest_deciles.csv", result.deciles)
    run.extras["backtest"] = result
    model_card["backtest"] = result.figures


def _save_model(run: _Run, model: Any) -> None:
    """Keep each trained model with its card, so a later run can re-use it
    (lookalike.model_version); a re-used model is not stored again."""
    if model is None or run.workspace.config.lookalike.model_version is not None:
        return
    backtest = run.extras.get("backtest")
    figures = backtest.figures if backtest is not None else None
    version = save_model(model, models_folder(run.workspace.root), backtest=figures)
    log.info("stored look-alike model %s", version)


def _store_tal_version(run: _Run, tal: pd.DataFrame) -> None:
    """Append this run's TAL tiers to the version history (DEFINITIONS 5)."""
    version = tal[["entity_id", "account_id", "fit_tier"]].copy()
    version["valid_from"] = pd.Timestamp(run.result.as_of)
    if run.warehouse.has(schema.TAL_VERSIONS):
        history = run.warehouse.read(schema.TAL_VERSIONS)
        history = history[history["valid_from"] != version["valid_from"].iloc[0]]
        version = pd.concat([history, version], ignore_index=True)
    run.warehouse.write(schema.TAL_VERSIONS, version)
    run.tables[schema.TAL_VERSIONS] = version


def _territories(run: _Run) -> None:
    if "reps" not in run.tables:
        run.skip("territories", "no reps input configured ([inputs.reps])")
        return
    if run.tables[schema.TAL]["fit_tier"].isna().all():
        reason = "the TAL has no fit tiers (see the look-alike finding): territories"
        run.skip("territories", f"{reason} balance potential and workload by fit")
        return
    with run.stage("territories"):
        result = assign_territories(
            run.tables[schema.TAL],
            run.tables["reps"],
            run.tables.get("opportunities"),
            run.result.as_of,
            run.workspace.config.territories,
        )
        run.findings.append(result.findings)
        run.output("territories.csv", result.territories, schema.TERRITORIES)
        run.warehouse.write(schema.TERRITORY_SUMMARY, result.summary)
        run.tables[schema.TERRITORY_SUMMARY] = result.summary
        summary = _territory_summary(result)
        safe_csv(summary, run.staged.path("territory_summary.csv"))
        run.extras["territory_plan"] = summary.iloc[-1].dropna().to_dict()


def _territory_summary(result: TerritoryResult) -> pd.DataFrame:
    """Per-rep rows (scope rep) and one plan row (scope plan) holding the balance
    and disruption figures of DEFINITIONS 8."""
    reps = result.summary.assign(scope="rep")
    plan: dict[str, object] = {"scope": "plan", "rep_id": "(all reps)"}
    for row in result.balance.itertuples(index=False):
        for figure in ("max_min_ratio", "gini", "share_within_tolerance"):
            plan[f"{row.measure}_{figure}"] = getattr(row, figure)
    plan.update(result.disruption.as_dict())
    stats = result.plan
    plan.update(
        method=stats.method,
        lp_bound=stats.lp_bound,
        objective=stats.objective,
        max_violation=stats.max_violation,
    )
    columns = ["scope", *[c for c in reps.columns if c != "scope"]]
    return pd.concat([reps[columns], pd.DataFrame([plan])], ignore_index=True)


def _comp(run: _Run) -> None:
    if not _has_rows(run, "opportunities"):
        run.skip("comp", "no opportunities in the inputs ([inputs.opportunities])")
        return
    with run.stage("comp"):
        result = compute_statements(
            run.tables["opportunities"],
            run.tables[schema.TAL_VERSIONS],
            run.tables.get("reps"),
            run.tables.get("activities"),
            run.tables.get(schema.TERRITORIES),
            run.result.as_of,
            run.workspace.config.comp,
        )
        run.findings.append(result.findings)
        run.output("comp_statements.csv", result.statements, schema.COMP_STATEMENTS)


def _metrics(run: _Run) -> None:
    if not _has_rows(run, "opportunities"):
        run.skip("metrics", "no opportunities in the inputs ([inputs.opportunities])")
        return
    with run.stage("metrics"):
        run.warehouse.write("account_icp", _account_icp(run))
        frame = compute_metrics(
            run.warehouse.table("opportunities"),
            run.warehouse.table("account_icp"),
            run.warehouse.table(schema.TAL),
            _optional_table(run, "activities"),
            _optional_table(run, "subscriptions"),
            _optional_table(run, schema.TERRITORIES),
            run.result.as_of,
        )
        run.output("metrics.csv", frame, schema.METRICS)


def _account_icp(run: _Run) -> pd.DataFrame:
    """An account is ICP when its segment is tier A or its TAL tier is A or B."""
    segments = run.tables[schema.ACCOUNT_SEGMENTS]
    tal = run.tables[schema.TAL]
    tal_tiers = tal.dropna(subset=["account_id"]).set_index("account_id")["fit_tier"]
    frame = segments[["account_id", "segment_tier", "cohort"]].copy()
    fit_tier = frame["account_id"].map(tal_tiers)
    frame["is_icp"] = (frame["segment_tier"] == "A") | fit_tier.isin(["A", "B"])
    return frame[["account_id", "is_icp", "cohort"]]


def _briefs(run: _Run) -> None:
    with run.stage("briefs"):
        pages = segment_briefs(
            run.tables[schema.SEGMENTS],
            run.tables[schema.ACCOUNT_SEGMENTS],
            run.tables.get("opportunities"),
            run.tables.get(schema.TAL),
            run.result.icp_statement,
        )
        for name, text in pages.items():
            run.staged.path(f"briefs/{name}").write_text(text, encoding="utf-8")


def _report(run: _Run) -> None:
    with run.stage("report"):
        inputs = ReportInputs(
            title=run.workspace.config.report.title,
            as_of=run.result.as_of,
            icp_statement=run.result.icp_statement,
            segments=run.tables[schema.SEGMENTS],
            data_quality=_all_findings(run),
            tal=run.tables.get(schema.TAL),
            territory_summary=run.tables.get(schema.TERRITORY_SUMMARY),
            metrics=run.tables.get(schema.METRICS),
            comp_statements=run.tables.get(schema.COMP_STATEMENTS),
            model_card=run.extras.get("model_card", {}),
            reliability=run.extras.get("reliability"),
            backtest=_backtest_table(run, "table"),
            backtest_deciles=_backtest_table(run, "deciles"),
            notes=_notes(run),
        )
        write_report(run.staged.path("report.html"), inputs)


def _backtest_table(run: _Run, name: str) -> pd.DataFrame | None:
    backtest = run.extras.get("backtest")
    return None if backtest is None else getattr(backtest, name)


def _notes(run: _Run) -> list[str]:
    notes = [f"{stage} skipped: {why}" for stage, why in run.result.skipped.items()]
    plan = run.extras.get("territory_plan")
    if plan:
        figures = ", ".join(
            f"{key} {format_number(value)}"
            if isinstance(value, float)
            else f"{key} {value}"
            for key, value in plan.items()
            if key not in ("scope", "rep_id")
        )
        notes.append(f"Territory plan: {figures}.")
    return notes


def _all_findings(run: _Run) -> pd.DataFrame:
    frames = [f for f in run.findings if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(schema.DATA_QUALITY_COLUMNS))
    merged = pd.concat(_first_reports(frames), ignore_index=True)
    return merged.reindex(columns=list(schema.DATA_QUALITY_COLUMNS))


def _first_reports(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Each stage's findings without the (table, check) an earlier stage reported:
    a fault found at ingest is not reported again by the stage it affects."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for frame in frames:
        tables, checks = frame["table"].astype(str), frame["check"].astype(str)
        keys = list(zip(tables, checks, strict=True))
        kept.append(frame[[key not in seen for key in keys]])
        seen.update(keys)
    return kept


def _write_data_quality(run: _Run) -> None:
    findings = _all_findings(run)
    run.result.findings = findings
    run.output("data_quality.csv", findings, schema.DATA_QUALITY)


def _has_rows(run: _Run, name: str) -> bool:
    return name in run.tables and not run.tables[name].empty


def _optional_table(run: _Run, name: str) -> Any:
    return run.warehouse.table(name) if name in run.tables else None


def _empty_universe() -> pd.DataFrame:
    columns = schema.UNIVERSE.all_columns
    return pd.DataFrame({name: pd.Series(dtype="string") for name in columns})


_STAGE_STEPS: dict[str, Callable[[_Run], None]] = {
    "ingest": _ingest,
    "segments": _segments,
    "tal": _tal,
    "territories": _territories,
    "comp": _comp,
    "metrics": _metrics,
    "briefs": _briefs,
    "report": _report,
}
