"""`icpkit models WORKSPACE`: the stored look-alike model versions.

Register in cli.py with `app.command("models")(list_models)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icpkit.lookalike.versions import list_versions, read_card

MODELS_FOLDER = Path(".icpkit") / "models"

app = typer.Typer(help="Stored look-alike model versions.")


def models_folder(workspace: Path) -> Path:
    """WORKSPACE/.icpkit/models: where the pipeline stores model versions."""
    return workspace / MODELS_FOLDER


@app.command("list")
def list_models(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
) -> None:
    """One line per stored version: id, training rows, positives, backtest."""
    folder = models_folder(workspace)
    versions = list_versions(folder)
    if not versions:
        typer.echo(f"no model stored under {folder}")
        return
    for version in versions:
        typer.echo(_line(version, read_card(folder, version)))


def _line(version: str, card: dict[str, object]) -> str:
    backtest = card.get("backtest")
    shown = ""
    if isinstance(backtest, dict):
        shown = (
            f", backtest AUC {backtest.get('auc_value')}, "
            f"top-decile lift {backtest.get('top_decile_lift_value')}"
        )
    return (
        f"{version}: {card.get('training_rows')} training rows, "
        f"{card.get('positives')} positives, cv AUC {card.get('cv_auc')}{shown}"
    )
