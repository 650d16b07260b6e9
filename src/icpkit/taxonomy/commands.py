"""`icpkit taxonomy ...` commands (registered by icpkit.cli)."""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from icpkit.config import load_config
from icpkit.ingest import load_inputs
from icpkit.taxonomy.industries import UNMAPPED
from icpkit.taxonomy.suggest import suggest_mappings

log = logging.getLogger(__name__)

SUGGESTED_FILE = "industry_overrides.suggested.csv"
app = typer.Typer(help="Canonical industries: crosswalks and the override file.")


@app.command("suggest")
def taxonomy_suggest(
    workspace: Annotated[Path, typer.Argument(help="The workspace folder.")],
    out: Annotated[
        Path | None,
        typer.Option(help=f"CSV to write; default WORKSPACE/{SUGGESTED_FILE}."),
    ] = None,
) -> Path:
    """Propose a canonical industry for every unmapped industry value of the
    accounts and the universe. Review the CSV (value,industry,similarity), then
    accept it by renaming it and setting `industry_overrides` in icpkit.toml."""
    config = load_config(workspace)
    result = load_inputs(config, workspace)
    values = unmapped_industry_values(result.tables)
    target = out if out is not None else workspace / SUGGESTED_FILE
    proposals = suggest_mappings(values)
    write_override_file(proposals, target)
    rows = int(proposals["count"].sum())
    typer.echo(
        f"{len(proposals)} unmapped industry values ({rows} rows): "
        f"proposals written to {target}"
    )
    return target


def unmapped_industry_values(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Source industry of every account and universe row left `unmapped`."""
    parts = [
        frame.loc[frame["industry"].eq(UNMAPPED).fillna(False), "industry_source"]
        for name, frame in tables.items()
        if name in ("accounts", "universe") and "industry_source" in frame
    ]
    if not parts:
        return pd.Series(dtype="string")
    return pd.concat(parts, ignore_index=True).astype("string")


def write_override_file(proposals: pd.DataFrame, path: Path) -> None:
    """The proposals in the override-file format: value,industry,similarity."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["value", "industry", "similarity"])
        for row in proposals.itertuples(index=False):
            writer.writerow([row.value, row.suggested_industry, row.similarity])
    log.info("wrote %d industry proposals to %s", len(proposals), path)
