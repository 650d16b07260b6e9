"""CLI commands of the TAL: `icpkit tal-diff WORKSPACE [V1 V2]`.

The lead's cli.py registers them (the CLI owns error handling and logging).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from icpkit.errors import InputError, Problem
from icpkit.tal.diff import diff_versions, summary
from icpkit.tal.export import safe_csv
from icpkit.tal.versions import list_versions, read_version
from icpkit.warehouse import Warehouse
from icpkit.workspace import Workspace

app = typer.Typer(help="Target account list versions.", no_args_is_help=True)
out = Console()


@app.callback()
def tal_versions() -> None:
    """Target account list versions: diff two of them."""


@dataclass
class TalDiff:
    old: str
    new: str
    diff: pd.DataFrame
    summary: pd.DataFrame
    path: Path


def diff_workspace(
    workspace: Path, old: str | None = None, new: str | None = None
) -> TalDiff:
    """Diff two stored versions (default: the last two) and write out/tal_diff.csv."""
    ws = Workspace.open(workspace)
    warehouse = ws.warehouse()
    try:
        old, new = _chosen(warehouse, old, new)
        diff = diff_versions(read_version(warehouse, old), read_version(warehouse, new))
    finally:
        warehouse.close()
    path = safe_csv(diff, ws.out_dir / "tal_diff.csv")
    return TalDiff(old, new, diff, summary(diff), path)


def _chosen(warehouse: Warehouse, old: str | None, new: str | None) -> tuple[str, str]:
    if (old is None) != (new is None):
        expected = "both V1 and V2, or neither (the last two versions)"
        raise InputError([Problem("tal diff", None, "V2", None, expected)])
    if old is not None and new is not None:
        return old, new
    versions = list_versions(warehouse)["version"].tolist()
    if len(versions) < 2:
        expected = "two stored TAL versions; run `icpkit tal WORKSPACE` again"
        found = f"{len(versions)} version(s)"
        raise InputError([Problem("tal_history", None, None, found, expected)])
    return str(versions[-2]), str(versions[-1])


@app.command("diff")
def tal_diff(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    old: Annotated[
        str | None, typer.Argument(help="Older version (default: second last).")
    ] = None,
    new: Annotated[
        str | None, typer.Argument(help="Newer version (default: the last).")
    ] = None,
) -> None:
    """Companies added to, dropped from and re-tiered on the TAL between two
    versions, with why: out/tal_diff.csv."""
    result = diff_workspace(workspace, old, new)
    table = Table("change", "why", "companies", title=f"{result.old} -> {result.new}")
    for row in result.summary.itertuples(index=False):
        table.add_row(str(row.change), str(row.why), f"{row.companies:,}")
    out.print(table)
    out.print(f"wrote {result.path}", soft_wrap=True)
