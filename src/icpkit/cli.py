"""The `icpkit` command: parses options, calls the pipeline, shows progress."""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import tomli_w
import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import (
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from icpkit.errors import IcpkitError
from icpkit.ingest.commands import app as universe_app
from icpkit.pipeline import RunResult, run_pipeline
from icpkit.taxonomy.commands import app as taxonomy_app
from icpkit.workspace import Workspace

app = typer.Typer(
    help="Top-down go-to-market planning from your own CRM data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()
_state = {"debug": False}
MAX_WARNINGS_SHOWN = 8

WorkspaceArg = Annotated[
    Path, typer.Argument(help="Workspace folder (holds icpkit.toml).")
]


@app.callback()
def main(
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log INFO.")] = False,
) -> None:
    """icpkit: ICP, target account list, territories, commissions and metrics."""
    _state["debug"] = debug
    # A terminated run unwinds like Ctrl-C: staged outputs and warehouse writes
    # are dropped, out/ keeps the last good run.
    signal.signal(signal.SIGTERM, _terminated)
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=console, show_path=False, show_time=False)
    root = logging.getLogger("icpkit")
    root.handlers[:] = [handler]
    root.setLevel(level)
    # splink's training notes ("m values not fully trained") are for --debug.
    logging.getLogger("splink").setLevel(logging.INFO if debug else logging.ERROR)


def _terminated(signum: int, frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


@contextmanager
def _guard() -> Iterator[None]:
    """Turn errors into a one-paragraph message and an exit code (2 input, 1 other)."""
    try:
        yield
    except typer.Exit:
        raise
    except IcpkitError as error:
        _fail(str(error), error.exit_code)
    except Exception as error:
        if _state["debug"]:
            console.print_exception()
        message = (
            f"Unexpected error: {type(error).__name__}: {error}\n"
            "This is a bug in icpkit, not in your data. Re-run as "
            "`icpkit --debug COMMAND ...` for the traceback and report it."
        )
        _fail(message, 1)


def _fail(message: str, code: int) -> NoReturn:
    if _state["debug"] and code == 2:
        console.print_exception()
    console.print(
        f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True
    )
    raise typer.Exit(code)


def _run(workspace: Path, until: str, write_outputs: bool = True) -> RunResult:
    ws = Workspace.open(workspace)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    # No spinner when stderr is a file or a pipe: it would leave a blank line.
    live = console.is_terminal
    with Progress(
        *columns, console=console, transient=True, disable=not live
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def hook(stage: str, event: str) -> None:
            if event == "start":
                tasks[stage] = progress.add_task(f"{stage} ...", total=None)
            elif stage in tasks:
                progress.update(tasks[stage], description=f"{stage} {event}")
                progress.remove_task(tasks[stage])

        return run_pipeline(ws, until=until, progress=hook, write_outputs=write_outputs)


def _summarise(result: RunResult) -> None:
    out.print(f"as_of: {result.as_of.isoformat()}")
    if result.icp_statement:
        out.print(escape(result.icp_statement), soft_wrap=True)
    for stage, why in result.skipped.items():
        out.print(escape(f"skipped {stage}: {why}"), soft_wrap=True)
    _print_warnings(result)
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    out.print(f"stages: {timings}", soft_wrap=True)
    _print_written(result.written)
    _print_earlier(result.earlier)
    if result.report is not None:
        out.print(f"[bold]Report: {result.report}[/]", soft_wrap=True)


def _print_earlier(earlier: list[Path], shown: int = 8) -> None:
    """Files of out/ an earlier run left: they may not match this run's inputs."""
    if not earlier:
        return
    names = ", ".join(str(path) for path in earlier[:shown])
    if len(earlier) > shown:
        names += f" and {len(earlier) - shown} more"
    out.print(
        escape(
            f"out/ also holds {len(earlier)} files of an earlier run that this one "
            f"did not rewrite ({names}); `icpkit run` brings them up to date."
        ),
        soft_wrap=True,
    )


def _print_warnings(result: RunResult) -> None:
    """The data-quality warnings and errors, largest first; the rest is in the CSV."""
    findings = result.findings
    if findings.empty:
        return
    serious = findings[findings["severity"].isin(["warning", "error"])]
    serious = serious.sort_values("count", ascending=False)
    out.print(
        f"data quality: {len(findings)} findings, {len(serious)} warnings "
        "(out/data_quality.csv)"
    )
    for row in serious.head(MAX_WARNINGS_SHOWN).itertuples(index=False):
        out.print(
            escape(f"  {row.table}: {row.detail} ({row.count:,})"), soft_wrap=True
        )
    if len(serious) > MAX_WARNINGS_SHOWN:
        out.print(f"  ... and {len(serious) - MAX_WARNINGS_SHOWN} more")


def _print_written(written: list[Path]) -> None:
    """One line: the output folder and the files written into it."""
    if not written:
        return
    folder = min(written, key=lambda path: len(path.parts)).parent
    names = sorted(str(path.relative_to(folder)) for path in written)
    top = [name for name in names if "/" not in name]
    nested: dict[str, int] = {}
    for name in names:
        if "/" in name:
            head = name.split("/", 1)[0] + "/"
            nested[head] = nested.get(head, 0) + 1
    parts = top + [f"{head} ({count} files)" for head, count in nested.items()]
    out.print(f"wrote {folder}: {', '.join(parts)}", soft_wrap=True)


@app.command()
def run(workspace: WorkspaceArg) -> None:
    """Run every stage and write out/ (segments, TAL, territories, comp, metrics,
    report)."""
    with _guard():
        _summarise(_run(workspace, "report"))


def _stage_command(stage: str, summary: str) -> Callable[[Path], None]:
    def command(workspace: WorkspaceArg) -> None:
        with _guard():
            _summarise(_run(workspace, stage))

    command.__doc__ = f"{summary} (runs the stages before it first)."
    return command


for _stage, _summary in {
    "segments": "Segment economics, ICP tiers: out/segments.csv",
    "territories": "Balanced territories: out/territories.csv, territory_summary.csv",
    "comp": "Commission statements: out/comp_statements.csv",
    "metrics": "Execution metrics per quarter: out/metrics.csv",
    "briefs": "Segment briefs for Marketing: out/briefs/",
    "report": "The HTML report: out/report.html",
}.items():
    app.command(name=_stage)(_stage_command(_stage, _summary))


@app.command("tal", context_settings={"help_option_names": ["--help", "-h"]})
def tal_command(
    arguments: Annotated[
        list[str],
        typer.Argument(
            metavar="WORKSPACE | diff WORKSPACE [V1 V2]",
            help="A workspace folder: run the stages up to the TAL. `diff WORKSPACE "
            "[V1 V2]`: compare two stored TAL versions (as tal-diff).",
            show_default=False,
        ),
    ],
) -> None:
    """Look-alike fit and the target account list: out/tal.csv (runs the stages
    before it first). `icpkit tal diff WORKSPACE [V1 V2]` lists the companies added,
    dropped and re-tiered between two TAL versions instead."""
    with _guard():
        if arguments[0] == "diff" and not Path("diff").is_dir():
            _tal_diff(arguments[1:])
            return
        if len(arguments) != 1:
            raise IcpkitError(
                f"icpkit tal takes one workspace folder, got {len(arguments)} "
                f"arguments ({' '.join(arguments)}); to compare versions use "
                "`icpkit tal diff WORKSPACE [V1 V2]`."
            )
        _summarise(_run(Path(arguments[0]), "tal"))


def _tal_diff(arguments: list[str]) -> None:
    from icpkit.tal.commands import tal_diff

    if len(arguments) not in (1, 3):
        raise IcpkitError(
            "icpkit tal diff takes a workspace folder and either no versions (the "
            f"last two runs) or two (V1 V2), got: {' '.join(arguments) or 'nothing'}."
        )
    versions: list[str | None] = [*arguments[1:]] or [None, None]
    tal_diff(Path(arguments[0]), versions[0], versions[1])


@app.command("tal-diff")
def tal_diff_command(
    workspace: WorkspaceArg,
    old: Annotated[str | None, typer.Argument(help="Older TAL version.")] = None,
    new: Annotated[str | None, typer.Argument(help="Newer TAL version.")] = None,
) -> None:
    """Companies added, dropped and re-tiered between two TAL versions (default: the
    last two runs), with why: out/tal_diff.csv."""
    from icpkit.tal.commands import tal_diff

    with _guard():
        tal_diff(workspace, old, new)


@app.command()
def models(workspace: WorkspaceArg) -> None:
    """The stored look-alike models of a workspace: version, rows, positives,
    cross-validated AUC, backtest figures. Re-use one: lookalike.model_version."""
    from icpkit.lookalike.commands import list_models

    with _guard():
        list_models(workspace)


@app.command()
def dedupe(
    file: Annotated[
        Path, typer.Argument(help="The company list: CSV, Excel (.xlsx) or Parquet.")
    ],
    out_file: Annotated[
        Path, typer.Option("--out", help="Where to write it: .csv, .parquet, .xlsx.")
    ],
    preset: Annotated[
        str,
        typer.Option(
            help="Column naming: generic, salesforce, hubspot or a universe preset."
        ),
    ] = "generic",
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="COLUMN=FIELD, FIELD one of name, domain (website), country, "
            "state, city, employees; repeatable.",
        ),
    ] = None,
    method: Annotated[
        str | None,
        typer.Option(
            help="exact or probabilistic (default: probabilistic from 1,000 "
            "rows, else exact)."
        ),
    ] = None,
) -> None:
    """Find the duplicates in one company list (a marketing or event list): writes
    every row, in input order with all its columns, plus entity_id, cluster_size,
    match_probability and match_reason."""
    from icpkit.resolve.commands import dedupe_file, summary_lines

    with _guard():
        result = dedupe_file(file, out_file, preset, mapping or [], method)
        for line in summary_lines(result):
            out.print(escape(line), soft_wrap=True, highlight=False)


@app.command()
def check(workspace: WorkspaceArg) -> None:
    """Validate the inputs and print the data-quality summary."""
    with _guard():
        result = _run(workspace, "ingest", write_outputs=False)
        out.print(f"inputs read; as_of {result.as_of.isoformat()}; nothing written")
        _print_findings(result)


def _print_findings(result: RunResult) -> None:
    findings = result.findings
    if findings.empty:
        out.print("no data-quality findings")
        return
    table = Table("table", "check", "severity", "count")
    # long paths and values fold onto the next line instead of being cut off
    table.add_column("detail", overflow="fold", ratio=1)
    for row in findings.itertuples(index=False):
        table.add_row(
            str(row.table), str(row.check), str(row.severity), str(row.count),
            str(row.detail),
        )  # fmt: skip
    out.print(table)


@app.command()
def demo(
    directory: Annotated[
        Path, typer.Argument(help="Where to write the sample workspace.")
    ] = Path("demo-workspace"),
    seed: Annotated[int, typer.Option(help="Seed of the sample company.")] = 7,
    scale: Annotated[float, typer.Option(help="Size relative to the default.")] = 1.0,
) -> None:
    """Generate the sample company (planted ICP, duplicates, faults) and run it."""
    from icpkit.sample import generate_sample

    with _guard():
        console.print(f"generating the sample company in {directory} ...")
        generate_sample(directory, seed=seed, scale=scale)
        _summarise(_run(directory, "report"))


@app.command()
def init(
    workspace: WorkspaceArg,
    accounts: Annotated[Path, typer.Option(help="Accounts export.")],
    opportunities: Annotated[Path | None, typer.Option(help="Opportunities.")] = None,
    subscriptions: Annotated[Path | None, typer.Option(help="Subscriptions.")] = None,
    activities: Annotated[Path | None, typer.Option(help="Activities.")] = None,
    reps: Annotated[Path | None, typer.Option(help="Reps / users.")] = None,
    universe: Annotated[
        list[Path] | None, typer.Option(help="Prospect universe file; repeatable.")
    ] = None,
    preset: Annotated[
        str, typer.Option(help="Column naming: salesforce, hubspot or generic.")
    ] = "generic",
    force: Annotated[bool, typer.Option(help="Overwrite icpkit.toml.")] = False,
) -> None:
    """Scaffold a workspace for real exports: writes icpkit.toml with the inferred
    column mapping, for you to check and edit."""
    with _guard():
        if preset not in ("salesforce", "hubspot", "generic"):
            raise IcpkitError(
                f"--preset {preset!r} is not known; use salesforce, hubspot or generic."
            )
        target = workspace / "icpkit.toml"
        if target.exists() and not force:
            raise IcpkitError(f"{target} exists; pass --force to overwrite it.")
        files = {
            "accounts": accounts, "opportunities": opportunities,
            "subscriptions": subscriptions, "activities": activities, "reps": reps,
        }  # fmt: skip
        inputs: dict[str, object] = {}
        for table, path in files.items():
            if path is not None:
                inputs[table] = _input_entry(workspace, table, path, preset)
        if universe:
            inputs["universe"] = [
                _input_entry(workspace, "universe", p, preset) for p in universe
            ]
        workspace.mkdir(parents=True, exist_ok=True)
        document = {"name": workspace.resolve().name, "inputs": inputs}
        target.write_text(_INIT_HEADER + tomli_w.dumps(document), encoding="utf-8")
        out.print(f"wrote {target}; check the mapping, then `icpkit check {workspace}`")


def _input_entry(
    workspace: Path, table: str, path: Path, preset: str
) -> dict[str, object]:
    from icpkit.ingest import infer_mapping

    if not path.is_file():
        raise IcpkitError(f"--{table} {path}: no such file.")
    # abspath, not resolve: a path through a symlink stays as the user gave it.
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(workspace))
    columns = infer_mapping(path, table, preset)
    return {"path": relative, "preset": preset, "columns": columns}


_INIT_HEADER = """\
# icpkit workspace. Paths are relative to this file.
# [inputs.<table>.columns] maps canonical column = "column in your file";
# edit any line the inference got wrong. Settings and defaults: README.md.

"""


def _guarded(function: Callable[..., object]) -> Callable[..., None]:
    """The same command, its errors shown as one paragraph with an exit code."""

    @functools.wraps(function)
    def command(*args: object, **kwargs: object) -> None:
        with _guard():
            function(*args, **kwargs)

    return command


def _add_group(group: typer.Typer, name: str, help_text: str) -> None:
    for registered in group.registered_commands:
        if registered.callback is not None:
            registered.callback = _guarded(registered.callback)
    app.add_typer(group, name=name, help=help_text)


_add_group(
    taxonomy_app,
    "taxonomy",
    "Industry taxonomy: propose mappings for unmapped industry values.",
)
_add_group(
    universe_app,
    "universe",
    "Prospect universe: add a list (Inc. 5000, Fortune, S&P 500, ...) to a workspace.",
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
